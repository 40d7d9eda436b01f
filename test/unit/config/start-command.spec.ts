/**
 * The node flags the service and the worker start with (docs/performance.md, Memory): the same in
 * package.json's start and start:worker, the Dockerfile's CMD and compose.yaml's worker command, and
 * accepted by the node that runs the tests (node refuses an option its V8 does not know: "bad option").
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../../..');
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

/** The flags between `node` and the entry file of a shell command line. */
function flagsOf(command: string, entry: string): string[] {
  const m = new RegExp(`exec node((?:\\s+--?[\\w-]+(?:=\\S+)?)*)\\s+${entry.replace(/[./]/g, '\\$&')}$`).exec(command.trim());
  if (!m) throw new Error(`not "exec node [flags] ${entry}": ${command}`);
  return m[1].trim().split(/\s+/).filter(Boolean);
}

/** The flags of an exec-form command (JSON array) `["node", …flags, entry]`. */
function flagsOfExecForm(line: string, entry: string): string[] {
  const argv = JSON.parse(line) as string[];
  expect(argv[0]).toBe('node');
  expect(argv[argv.length - 1]).toBe(entry);
  return argv.slice(1, -1);
}

describe('start command', () => {
  const flags = flagsOf(scripts.start, 'dist/src/main.js');

  it('starts the service with the heap growing by at most half over what the last full GC left', () => {
    expect(flags).toContain('--heap-growing-percent=50');
  });

  it('uses the same flags in start:worker, the Dockerfile and compose.yaml', () => {
    expect(flagsOf(scripts['start:worker'].replace(/^npm run build && /, ''), 'dist/src/worker.js')).toEqual(flags);
    const cmd = /^CMD (\[.*\])$/m.exec(read('docker/Dockerfile'));
    expect(cmd).not.toBeNull();
    expect(flagsOfExecForm(cmd![1], 'dist/src/main.js')).toEqual(flags);
    const worker = /^\s+command: (\["node".*"dist\/src\/worker\.js"\])$/m.exec(read('docker/compose.yaml'));
    expect(worker).not.toBeNull();
    expect(flagsOfExecForm(worker![1], 'dist/src/worker.js')).toEqual(flags);
  });

  it('names only options this node accepts', () => {
    const r = spawnSync(process.execPath, [...flags, '-e', 'process.exit(0)'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
