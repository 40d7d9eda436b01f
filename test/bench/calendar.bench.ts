/**
 * npm run bench:calendar — calls per second of addWorkingDays (random dates in 2025-2026,
 * n in 1..60): the product's prefix-sum index (string API and index API), a naive day loop,
 * and the chinese-days package's findWorkday, all measured in this run.
 * Target: ≥ 10 million calls/s and ≥ 100× the naive loop.
 */
import * as chineseDays from 'chinese-days';
import { BUILTIN_NOTICES, formatIsoDate, parseIsoDate, WorkingCalendar } from '../../src/domain/calendar';

const cal = new WorkingCalendar(BUILTIN_NOTICES);
const N = 1 << 16;
const lo = parseIsoDate('2025-01-01');
const hi = parseIsoDate('2026-10-31');
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const dates: string[] = [];
const idx = new Int32Array(N);
const ns = new Int32Array(N);
for (let i = 0; i < N; i++) {
  dates.push(formatIsoDate(lo + Math.floor(rnd() * (hi - lo))));
  idx[i] = cal.index(dates[i]);
  ns[i] = 1 + Math.floor(rnd() * 60);
}

function naiveAdd(from: string, n: number): string {
  let d = parseIsoDate(from);
  let k = 0;
  while (k < n) {
    d++;
    if (cal.isWorkingDay(formatIsoDate(d))) k++;
  }
  return formatIsoDate(d);
}

function measure(name: string, minMs: number, body: (i: number) => unknown): { name: string; perSec: number } {
  let sink = 0;
  for (let i = 0; i < 2000; i++) sink ^= (body(i & (N - 1)) as any)?.length ?? 0; // warm-up
  let calls = 0;
  const t0 = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 4096; i++) {
      const r = body((calls + i) & (N - 1));
      sink ^= typeof r === 'number' ? r : (r as string).length;
    }
    calls += 4096;
    elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  if (sink === -1) console.log(sink);
  return { name, perSec: calls / (elapsed / 1000) };
}

const results = [
  measure('prefix-sum index, string API (addWorkingDays)', 1000, (i) => cal.addWorkingDays(dates[i], ns[i])),
  measure('prefix-sum index, index API (addIndex)', 1000, (i) => cal.addIndex(idx[i], ns[i])),
  measure('naive day loop', 1000, (i) => naiveAdd(dates[i], ns[i])),
  measure('chinese-days findWorkday', 1000, (i) => chineseDays.findWorkday(ns[i], dates[i])),
];
const naive = results[2].perSec;
console.log('\naddWorkingDays, random dates 2025-2026, n in 1..60 (one core)\n');
console.log('| implementation | calls/s | × naive loop |');
console.log('|---|---:|---:|');
for (const r of results) {
  console.log(`| ${r.name} | ${Math.round(r.perSec).toLocaleString('en-US')} | ${(r.perSec / naive).toFixed(1)} |`);
}
const ok = results[0].perSec >= 10e6 && results[0].perSec / naive >= 100;
console.log(`\ntarget ≥ 10,000,000 calls/s and ≥ 100× naive (string API): ${ok ? 'met' : 'NOT met'}`);
