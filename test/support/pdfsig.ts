import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Whether poppler's pdfsig is installed (Debian: poppler-utils). */
export const PDFSIG = spawnSync('pdfsig', ['-v']).status === 0;
if (!PDFSIG) {
  // loud, not silent: the independent verifier's checks are skipped on this machine
  console.warn('pdfsig (poppler-utils) is not installed: the pdfsig checks of signed letters are SKIPPED');
}

/** pdfsig's report on a PDF (stdout, which lists each signature). */
export function pdfsig(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pdfsig-'));
  try {
    const file = path.join(dir, 'letter.pdf');
    writeFileSync(file, pdf);
    const r = spawnSync('pdfsig', ['-nocert', file], { encoding: 'utf8' });
    return `${r.stdout}${r.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
