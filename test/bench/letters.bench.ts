import { monitorEventLoopDelay } from 'node:perf_hooks';
/**
 * npm run bench:letters — letter PDF rendering (src/platform/pdf) on one core, in-process:
 * first-letter latency (fonts already opened by the renderer), steady letters/s and average size,
 * for a one-page reply and a three-page reply; beside the same letters with the fonts re-opened
 * for every document, all measured in this run.
 * Targets: first < 300 ms, ≥ 80 one-page letters/s, < 60 KB per one-page letter.
 * Signed rows (issue 17): the same letters with the demo seal drawn and signed as at issue
 * (placeholder, CMS, RSA-2048): a signed one-page letter in under 2× the unsigned time, ≥ 40/s.
 */
import { TemplateLoader } from '../../src/domain/letters';
import { LetterPdfRenderer, RenderOptions } from '../../src/platform/pdf';
import { generateTestIdentity, openPkcs12, signPdf } from '../../src/platform/signing';
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

const identity = openPkcs12(generateTestIdentity(onePage.author, new Date(), 'bench-passphrase').p12, 'bench-passphrase');
const sealOpts: RenderOptions = { seal: { kind: 'demo', agencyName: onePage.author } };
/** Render with the seal and sign, as LettersService.issue does for a sealed letter. */
async function signedLetter(renderer: LetterPdfRenderer, letter: typeof onePage): Promise<Buffer> {
  const pdf = await renderer.render(letter, sealOpts);
  return signPdf(pdf, identity, { signingTime: new Date(), name: letter.author, reason: letter.title });
}

async function measure(name: string, reuse: boolean, letter: typeof onePage, seconds: number, signed = false): Promise<Row> {
  const t0 = performance.now();
  const renderer = new LetterPdfRenderer(undefined, reuse);
  const tOpen = performance.now();
  const make = (l: typeof onePage) => (signed ? signedLetter(renderer, l) : renderer.render(l));
  const first = await make(letter);
  const firstMs = performance.now() - (reuse ? tOpen : t0);
  // pages of the original body (a signature's incremental update writes the first page again)
  const original = first.toString('latin1');
  const pages = (original.slice(0, original.indexOf('%%EOF')).match(/\/Type \/Page\b/g) ?? []).length;
  let n = 0;
  let bytes = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    bytes += (await make(letter)).length;
    n++;
  }
  const elapsed = (performance.now() - start) / 1000;
  return { name, pages, firstMs, perSec: n / elapsed, avgKb: bytes / n / 1024 };
}

/**
 * Unsigned and signed one-page letters alternately, so that both see the same machine load (the
 * ratio is what the target is about): mean ms per letter of each.
 */
async function paired(seconds: number): Promise<{ unsignedMs: number; signedMs: number; n: number }> {
  const renderer = new LetterPdfRenderer();
  await renderer.render(onePage);
  await signedLetter(renderer, onePage);
  let u = 0;
  let sg = 0;
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    const a = performance.now();
    await renderer.render(onePage);
    const b = performance.now();
    await signedLetter(renderer, onePage);
    const c = performance.now();
    u += b - a;
    sg += c - b;
    n++;
  }
  return { unsignedMs: u / n, signedMs: sg / n, n };
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
    await measure('one-page, sealed + signed', true, onePage, secs, true),
    await measure('three-page, sealed + signed', true, threePage, secs, true),
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
  const p = await paired(secs * 2);
  const ratio = p.signedMs / p.unsignedMs;
  const signedPerSec = 1000 / p.signedMs;
  console.log(`\nunsigned and signed one-page letters alternately (${p.n} pairs, same load)`);
  console.log('| one-page letter | ms per letter | letters/s |');
  console.log('|---|---:|---:|');
  console.log(`| unsigned | ${p.unsignedMs.toFixed(1)} | ${(1000 / p.unsignedMs).toFixed(1)} |`);
  console.log(`| sealed + signed | ${p.signedMs.toFixed(1)} | ${signedPerSec.toFixed(1)} |`);
  const signedOk = ratio < 2 && signedPerSec >= 40;
  console.log(
    `signed targets (one-page signed < 2× unsigned time, ≥ 40/s per core): ${ratio.toFixed(2)}×, ${signedPerSec.toFixed(1)}/s — ${signedOk ? 'met' : 'NOT met'}`,
  );
}

void main();
