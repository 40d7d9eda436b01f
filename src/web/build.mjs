#!/usr/bin/env node
/**
 * Builds the web UI into dist/client unless it is up to date: the sha256 of every source file under
 * src/web (plus the lock file) is kept in dist/client/.build-stamp, so a warm `npm start` skips
 * vite. `--force` always builds. Run after `nest build` (which may empty dist/).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = dirname(fileURLToPath(import.meta.url));
const root = join(webDir, '..', '..');
const outDir = join(root, 'dist', 'client');
const stampFile = join(outDir, '.build-stamp');
const GENERATED = new Set(['components.d.ts', 'auto-imports.d.ts']);

export function sourceHash() {
  const h = createHash('sha256');
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!GENERATED.has(e.name)) h.update(relative(webDir, p)).update('\0').update(readFileSync(p)).update('\0');
    }
  };
  walk(webDir);
  // The web UI imports from src/domain (labels, outcomes, findings, report rows, validation): a change
  // anywhere there rebuilds it — the whole folder, since a list of files goes stale as imports grow.
  for (const f of ['src/domain', 'package-lock.json']) {
    const p = join(root, f);
    if (!existsSync(p)) continue;
    if (f.endsWith('.ts') || f.endsWith('.json')) h.update(f).update(readFileSync(p));
    else walk(p);
  }
  return h.digest('hex');
}

export function isFresh() {
  return existsSync(join(outDir, 'index.html')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === sourceHash();
}

export async function buildWeb({ force = false, quiet = false } = {}) {
  if (!force && isFresh()) {
    if (!quiet) console.log('web: dist/client is up to date (src/web unchanged), vite build skipped');
    return false;
  }
  const { build } = await import('vite');
  const started = Date.now();
  await build({ configFile: join(webDir, 'vite.config.mts'), logLevel: quiet ? 'warn' : 'info' });
  writeFileSync(stampFile, sourceHash() + '\n');
  if (!quiet) console.log(`web: built dist/client in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWeb({ force: process.argv.includes('--force') }).catch((e) => {
    console.error(`web: vite build failed: ${e?.stack ?? e}`);
    process.exit(1);
  });
}
