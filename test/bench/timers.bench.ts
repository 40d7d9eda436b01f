/**
 * npm run bench:timers — timers at scale (issue 16): BENCH_TIMERS online applications (default
 * 100,000) whose 确认 timers are all due, on a fresh embedded PostgreSQL; app instances in processes
 * of their own (src/main.ts, as deployed) fire them.
 *
 * Baseline in the same run: one instance alone fires the first BENCH_BASELINE_SHARE (10 %) of the
 * timers; then two more start and the three fire the rest. Printed: timers due, each phase's
 * rate, the three instances' speed-up over one, the time all took against the 60 s target, and a
 * check that none fired twice (one CONFIRMATION_OVERDUE entry per case).
 *
 * Environment: BENCH_TIMERS (100000), BENCH_BASELINE_SHARE (0.1), TIMER_CONCURRENCY of the
 * instances (BENCH_TIMER_CONCURRENCY, 4), their TIMER_BATCH (BENCH_TIMER_BATCH, 25; 1 = one
 * transaction per timer, as before batching), BENCH_WATCHDOG_S (1800).
 */
import { Client } from 'pg';
import { generateBulkCases } from '../../src/seed/bulk-cases';
import { progressBar } from '../../src/seed/bulk-cli';
import { rssMb, startAppCluster, type AppCluster } from '../support/app-cluster';

const N = Number(process.env.BENCH_TIMERS || 100_000);
const SHARE = Number(process.env.BENCH_BASELINE_SHARE || 0.1);
const CONCURRENCY = process.env.BENCH_TIMER_CONCURRENCY || '4';
const BATCH = process.env.BENCH_TIMER_BATCH || '25';
const WATCHDOG_S = Number(process.env.BENCH_WATCHDOG_S || 1800);
const DUE = `fired_at IS NULL AND kind = 'confirmation' AND due_on < (now() AT TIME ZONE 'Asia/Shanghai')::date`;

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`bench:timers: watchdog (${WATCHDOG_S} s)`);
    process.exit(2);
  }, WATCHDOG_S * 1000);
  watchdog.unref();
  let cluster: AppCluster | undefined;
  const db = { c: undefined as Client | undefined };
  try {
    cluster = await startAppCluster('gid_bench_timers');
    db.c = new Client({ connectionString: cluster.superUrl });
    await db.c.connect();
    const t0 = Date.now();
    await generateBulkCases(db.c, { cases: N, agencies: 1, scenarios: ['awaitingConfirmation'], seed: 5, onProgress: progressBar('网上申请') });
    await db.c.query('VACUUM ANALYZE case_timers');
    await db.c.query('VACUUM ANALYZE cases');
    console.log(`generated ${N.toLocaleString()} online applications in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const left = async () => (await db.c!.query(`SELECT count(*)::int n FROM case_timers WHERE ${DUE}`)).rows[0].n as number;
    const due = await left();
    const env = { TIMER_CONCURRENCY: CONCURRENCY, TIMER_BATCH: BATCH, TIMER_POLL_MS: '200' };
    console.log(`instances: TIMER_CONCURRENCY ${CONCURRENCY}, TIMER_BATCH ${BATCH}`);

    // baseline: one instance
    const a = await cluster.start('A', env);
    const tA = Date.now();
    const target1 = Math.floor(due * (1 - SHARE));
    let l = due;
    while (l > target1) {
      await new Promise((r) => setTimeout(r, 250));
      l = await left();
    }
    const oneMs = Date.now() - tA;
    const oneFired = due - l;
    // three instances
    const [b, c] = await Promise.all([cluster.start('B', env), cluster.start('C', env)]);
    const t3 = Date.now();
    const l3 = await left();
    while (l > 0) {
      await new Promise((r) => setTimeout(r, 250));
      l = await left();
    }
    const threeMs = Date.now() - t3;
    const totalMs = Date.now() - tA;
    const twice = (await db.c.query(`SELECT count(*)::int n FROM (SELECT case_id FROM case_events WHERE type = 'CONFIRMATION_OVERDUE' GROUP BY case_id HAVING count(*) > 1) x`)).rows[0].n;
    const entries = (await db.c.query(`SELECT count(*)::int n FROM case_events WHERE type = 'CONFIRMATION_OVERDUE'`)).rows[0].n;
    const rate1 = oneFired / (oneMs / 1000);
    const rate3 = l3 / (threeMs / 1000);
    const row = (k: string, v: string) => console.log(`${k.padEnd(44)} ${v}`);
    console.log('\nbench:timers');
    row('timers due at once', due.toLocaleString());
    row('TIMER_CONCURRENCY per instance', CONCURRENCY);
    row('baseline: one instance', `${oneFired.toLocaleString()} in ${(oneMs / 1000).toFixed(1)} s = ${rate1.toFixed(0)}/s`);
    row('three instances', `${l3.toLocaleString()} in ${(threeMs / 1000).toFixed(1)} s = ${rate3.toFixed(0)}/s`);
    row('speed-up of three over one', `${(rate3 / rate1).toFixed(2)}×`);
    row('all fired, from the first instance up', `${(totalMs / 1000).toFixed(1)} s (target 60 s: ${totalMs <= 60_000 ? 'PASS' : 'FAIL'})`);
    row('at the three-instance rate, all would take', `${(due / rate3).toFixed(0)} s`);
    row('fired twice', `${twice} (entries ${entries.toLocaleString()} for ${due.toLocaleString()} timers: ${twice === 0 && entries === due ? 'PASS' : 'FAIL'})`);
    row('RSS after the run', [a, b, c].map((i) => `${i.name} ${rssMb(i)} MB`).join(', '));
    console.log('\nOn this 2-core machine PostgreSQL and the three instances share the cores: the rate is bound by PostgreSQL CPU, not by the number of instances.');
  } finally {
    await db.c?.end().catch(() => undefined);
    await cluster?.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
