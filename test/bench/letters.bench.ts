import { monitorEventLoopDelay } from 'node:perf_hooks';
/**
 * npm run bench:letters — letter PDF rendering (src/platform/pdf) on one core, in-process:
 * first-letter latency (fonts already opened by the renderer), steady letters/s and average size,
 * for a one-page reply and a three-page reply; beside the same letters with the fonts re-opened
 * for every document, all measured in this run.
 * Targets: first < 300 ms, ≥ 80 one-page letters/s, < 60 KB per one-page letter.
 */
import { TemplateLoader } from '../../src/domain/letters';
import { LetterPdfRenderer } from '../../src/platform/pdf';
import { sampleContext } from '../unit/letters/fixtures';

const loader = new TemplateLoader();
const onePage = loader.render('reply_disclose', sampleContext('reply_disclose'));
const longCtx = sampleContext('reply_not_exist');
longCtx.case.description = '关于东湖片区旧城改造项目征收补偿方案的批准文件以及相关会议纪要和补偿标准测算说明'.repeat(26);
const threePage = loader.render('reply_not_exist', longCtx);

interface Row {
  name: string;
  pages: number;
  firstMs: number;
  perSec: number;
  avgKb: number;
}

async function measure(name: string, reuse: boolean, letter: typeof onePage, seconds: number): Promise<Row> {
  const t0 = performance.now();
  const renderer = new LetterPdfRenderer(undefined, reuse);
  const tOpen = performance.now();
  const first = await renderer.render(letter);
  const firstMs = performance.now() - (reuse ? tOpen : t0);
  const pages = (first.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  let n = 0;
  let bytes = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    bytes += (await renderer.render(letter)).length;
    n++;
  }
  const elapsed = (performance.now() - start) / 1000;
  return { name, pages, firstMs, perSec: n / elapsed, avgKb: bytes / n / 1024 };
}

/**
 * Does rendering block the API? Letters render in-process; other requests wait for the event
 * loop. Measure the event-loop delay (what any concurrent request would wait) idle and while
 * letters are produced at a realistic rate (one every 100 ms) and flat out.
 */
async function loopDelay(renderer: LetterPdfRenderer, mode: 'idle' | 'paced' | 'flat-out', seconds: number) {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    if (mode === 'idle') await new Promise((r) => setTimeout(r, 10));
    else {
      await renderer.render(onePage);
      if (mode === 'paced') await new Promise((r) => setTimeout(r, 100));
      else await new Promise((r) => setImmediate(r));
    }
  }
  h.disable();
  return { mode, p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
}

async function main(): Promise<void> {
  const secs = Number(process.env.BENCH_SECONDS ?? 3);
  const t = performance.now();
  new LetterPdfRenderer();
  const openMs = performance.now() - t;
  const rows = [
    await measure('one-page, fonts reused', true, onePage, secs),
    await measure('three-page, fonts reused', true, threePage, secs),
    await measure('one-page, fonts re-opened per doc', false, onePage, secs),
    await measure('three-page, fonts re-opened per doc', false, threePage, secs),
  ];
  console.log(`font open (3 faces, fontkit): ${openMs.toFixed(1)} ms`);
  console.log('| case | pages | first letter (ms) | letters/s | avg KB |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.name} | ${r.pages} | ${r.firstMs.toFixed(1)} | ${r.perSec.toFixed(1)} | ${r.avgKb.toFixed(1)} |`);
  const shared = new LetterPdfRenderer();
  await shared.render(onePage);
  const delays = [await loopDelay(shared, 'idle', secs), await loopDelay(shared, 'paced', secs), await loopDelay(shared, 'flat-out', secs)];
  console.log('\nevent-loop delay seen by other requests while letters render in-process');
  console.log('| letters | p50 (ms) | p99 (ms) | max (ms) |');
  console.log('|---|---:|---:|---:|');
  for (const d of delays) console.log(`| ${d.mode} | ${d.p50.toFixed(1)} | ${d.p99.toFixed(1)} | ${d.max.toFixed(1)} |`);
  const one = rows[0];
  const ok = one.firstMs < 300 && one.perSec >= 80 && one.avgKb < 60;
  console.log(`targets (first < 300 ms, ≥ 80/s, < 60 KB): ${ok ? 'met' : 'NOT met'}`);
}

void main();
