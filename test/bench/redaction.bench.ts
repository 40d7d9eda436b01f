/**
 * npm run bench:redaction — release of a 50-page record with regions on 10 pages
 * (src/platform/pdf/redaction.ts: the 10 pages rasterised at 150 dpi with the regions painted,
 * the other 40 copied with their text), beside the baseline measured in the same run: copying the
 * same 50 pages into a new document with pdf-lib (what any rebuild costs). Three runs each, the
 * median shown; peak RSS sampled every 10 ms during each run.
 * Target: the release under 10 s, memory bounded (peak RSS growth well under 10 × the file's size
 * plus one page bitmap per page under way).
 */
import { createCanvas } from '@napi-rs/canvas';
import PDFKit from 'pdfkit';
import { PDFDocument } from 'pdf-lib';
import { releaseDocument } from '../../src/platform/pdf/redaction';

const PAGES = 50;
const REDACTED = [1, 5, 10, 15, 20, 25, 30, 35, 40, 45];

/** 50 A4 pages of text (40 lines each), a photo-like image on every fifth page. */
async function record(): Promise<Buffer> {
  const doc = new PDFKit({ size: 'A4', compress: true });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => doc.on('end', r));
  const c = createCanvas(800, 500);
  const ctx = c.getContext('2d');
  for (let i = 0; i < 4000; i++) {
    ctx.fillStyle = `hsl(${(i * 37) % 360},60%,${30 + (i % 40)}%)`;
    ctx.fillRect((i * 53) % 800, (i * 29) % 500, 20, 12);
  }
  const photo = c.toBuffer('image/jpeg');
  for (let p = 1; p <= PAGES; p++) {
    if (p > 1) doc.addPage();
    doc.font('Helvetica').fontSize(10);
    for (let l = 0; l < 40; l++) {
      doc.text(`Page ${p} line ${l + 1}: record of the agency, case 2026-000123, person ${p * 100 + l}, amount ${(p * l * 13.7).toFixed(2)}`, 60, 60 + l * 18, { lineBreak: false });
    }
    if (p % 5 === 0) doc.image(photo, 60, 500, { width: 400 });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

async function measure(fn: () => Promise<unknown>): Promise<{ ms: number; peakMb: number; growthMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, peakMb: peak / 2 ** 20, growthMb: (peak - base) / 2 ** 20 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const bytes = await record();
  const pages = Array.from({ length: PAGES }, () => ({ width: 595.28, height: 841.89 }));
  const regions = REDACTED.map((page) => ({ page, x: 55, y: 95, width: 480, height: 60 }));
  const runs: Record<string, Array<{ ms: number; peakMb: number; growthMb: number }>> = { baseline: [], release: [] };
  let released = 0;
  for (let i = 0; i < 3; i++) {
    runs.baseline.push(
      await measure(async () => {
        const src = await PDFDocument.load(bytes);
        const out = await PDFDocument.create();
        for (const p of await out.copyPages(src, src.getPageIndices())) out.addPage(p);
        return out.save();
      }),
    );
    runs.release.push(
      await measure(async () => {
        const r = await releaseDocument({ bytes, mediaType: 'application/pdf', pages, regions });
        released = r.bytes.length;
        if (r.pages !== PAGES || r.rasterised.length !== REDACTED.length) throw new Error('unexpected release');
      }),
    );
  }
  const row = (name: string, what: string) => {
    const r = runs[name];
    return { run: what, 'time (ms)': Math.round(median(r.map((x) => x.ms))), 'peak RSS (MB)': Math.round(median(r.map((x) => x.peakMb))), 'RSS growth (MB)': Math.round(median(r.map((x) => x.growthMb))) };
  };
  const base = row('baseline', 'baseline: pdf-lib copy of 50 pages');
  const rel = row('release', `release: 50 pages, ${REDACTED.length} redacted (150 dpi)`);
  console.log(`record: ${PAGES} pages, ${(bytes.length / 1024).toFixed(0)} KB; released copy ${(released / 1024).toFixed(0)} KB`);
  console.table([base, rel]);
  console.log(`release / baseline: ${(rel['time (ms)'] / Math.max(1, base['time (ms)'])).toFixed(1)}× time; target under 10 000 ms: ${rel['time (ms)'] < 10_000 ? 'met' : 'NOT MET'}`);
  if (rel['time (ms)'] >= 10_000) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
