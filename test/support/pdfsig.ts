import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Whether poppler's pdfsig is installed (Debian: poppler-utils). */
export const PDFSIG = spawnSync('pdfsig', ['-v']).status === 0;
if (!PDFSIG && !process.env.CI) {
  // loud, not silent: the independent verifier's checks are skipped on this machine
  console.warn('pdfsig (poppler-utils) is not installed: the pdfsig checks of signed letters are SKIPPED');
}

/** pdfsig's checks run: where it is installed, and always in CI (a missing verifier then fails). */
export const USE_PDFSIG = PDFSIG || !!process.env.CI;

/**
 * `it` for a check by pdfsig. In CI (CI=true; .ci/run installs poppler-utils) it always runs, so a
 * missing verifier fails the suite; on a developer's machine without it, the check is skipped loudly.
 */
export const itWithPdfsig: jest.It = USE_PDFSIG ? it : it.skip;

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

/** The PDF's streams, inflated where they are Flate-compressed (for looking at drawing operators). */
export function inflatedStreams(pdf: Buffer): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { inflateSync } = require('node:zlib') as typeof import('node:zlib');
  const out: string[] = [];
  const text = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      out.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      out.push(text.slice(start, end));
    }
    re.lastIndex = end;
  }
  return out.join('\n');
}

/** The demo seal's red, as pdfkit writes the fill colour #d8151b. */
export const SEAL_RED_OPERATOR = /0\.847\d* 0\.082\d* 0\.105\d* scn/;
