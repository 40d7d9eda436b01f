/**
 * npm run bench:report — the annual report (GET /api/v1/reports/annual, issue 15) over a large agency.
 *
 * Starts a fresh embedded PostgreSQL in a temporary DATA_DIR (never ./data) with every migration and
 * the demo agency, adds BENCH_CASES cases (default 1,000,000) to the demo agency with the bulk generator
 * (src/seed/bulk-cases.ts, the one behind npm run seed:bulk): receipt dates over four years, every
 * state and outcome, real statechart snapshots and hash-chained histories, reconsiderations and suits
 * on some closed cases. Then ANALYZE, and in the same run:
 *
 *   baseline   SELECT count(*) over the agency's cases, and over one year's receipt dates
 *   report     ReportsService.annual (the three SQL aggregates, as the endpoint runs them), per year
 *   http       GET /api/v1/reports/annual?year= through the real app (JSON and XLSX)
 *
 * each BENCH_RUNS times (default 5; min / median / max printed), plus EXPLAIN (ANALYZE) of the
 * report's queries. Target: the report < 3 s (interactive) at 1 million cases.
 *
 * Environment: BENCH_CASES (default 1000000), BENCH_RUNS (default 5), BENCH_KEEP=1 keeps DATA_DIR.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { generateBulkCases } from '../../src/seed/bulk-cases';
import { progressBar } from '../../src/seed/bulk-cli';
import { removeBenchDataDir } from './bench-data-dir';

const N = Number(process.env.BENCH_CASES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
}
const fmt = (n: number) => `${n.toFixed(1).padStart(8)} ms`;

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = process.hrtime.bigint();
  const r = await f();
  return [Number(process.hrtime.bigint() - t) / 1e6, r];
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-bench-'));
  process.env.DATA_DIR = dataDir;
  process.env.PORT = '0';
  process.env.TIMER_POLL_MS = '0';
  process.env.LOG_LEVEL = 'silent';
  process.env.DEMO_PASSWORD = 'Bench-Passw0rd!';
  delete process.env.DATABASE_URL;
  const { loadConfig } = await import('../../src/platform/config/config');
  const { prepareDatabase } = await import('../../src/bootstrap');
  const { createApp } = await import('../../src/app.factory');
  const { ReportsService } = await import('../../src/modules/reports/reports.service');
  const { ReportRepository } = await import('../../src/modules/reports/report.repository');
  const started = await prepareDatabase(loadConfig());
  const owner = new Client({ connectionString: started.embedded!.url('gov_info_disclosure') });
  await owner.connect();
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    const { rows: [u] } = await owner.query(`SELECT agency_id, id FROM users WHERE username = 'legal'`);
    console.log(`report bench: ${N.toLocaleString()} cases, ${RUNS} runs each, ${os.cpus().length} CPU, PostgreSQL ${(await owner.query('SHOW server_version')).rows[0].server_version}`);
    const [genMs] = await timed(() => generateBulkCases(owner, { cases: N, agencies: 1, onProgress: progressBar('  cases') }));
    const [anMs] = await timed(() => owner.query('VACUUM ANALYZE cases'));
    const size = (await owner.query(`SELECT pg_size_pretty(pg_total_relation_size('cases')) AS s, count(*)::int AS n FROM cases`)).rows[0];
    console.log(`  generated in ${(genMs / 1000).toFixed(1)} s, VACUUM ANALYZE ${(anMs / 1000).toFixed(1)} s; cases: ${size.n.toLocaleString()} rows, ${size.s}`);

    app = await createApp(started.config);
    await app.listen(0, '127.0.0.1');
    const service = app.get(ReportsService);
    const repo = app.get(ReportRepository);
    const port = (app.getHttpServer().address() as { port: number }).port;
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'legal', password: 'Bench-Passw0rd!' }),
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;

    const rows: Array<[string, number[]]> = [];
    const measure = async (label: string, f: () => Promise<unknown>) => {
      await f(); // warm-up (plans, caches)
      const ms: number[] = [];
      for (let i = 0; i < RUNS; i++) ms.push((await timed(f))[0]);
      rows.push([label, ms]);
    };
    await measure('baseline: count(*) of the agency', () => owner.query(`SELECT count(*) FROM cases WHERE agency_id = $1`, [u.agency_id]));
    await measure('baseline: count(*) received in 2025', () =>
      owner.query(`SELECT count(*) FROM cases WHERE agency_id = $1 AND receipt_date BETWEEN '2025-01-01' AND '2025-12-31'`, [u.agency_id]),
    );
    for (const year of ['2024', '2025', '2026']) {
      await measure(`report ${year} (ReportsService.annual)`, () => service.annual(u.agency_id, year));
    }
    await measure('  flowCounts 2025 (一、二、四)', () => repo.flowCounts(u.agency_id, '2025-01-01', '2025-12-31'));
    await measure('  outcomeCounts 2025 (三)', () => repo.outcomeCounts(u.agency_id, '2025-01-01', '2025-12-31'));
    await measure('  remedyCounts 2025 (section 四)', () => repo.remedyCounts(u.agency_id, '2025-01-01', '2025-12-31'));
    const get = async (q: string) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/reports/annual?${q}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`GET ${q}: ${res.status}`);
      await res.arrayBuffer();
    };
    await measure('http GET /reports/annual?year=2025', () => get('year=2025'));
    await measure('http GET …?year=2025&format=xlsx', () => get('year=2025&format=xlsx'));

    console.log(`\n  ${'what'.padEnd(42)} ${'min'.padStart(11)} ${'median'.padStart(11)} ${'max'.padStart(11)}`);
    for (const [label, ms] of rows) {
      const s = stats(ms);
      console.log(`  ${label.padEnd(42)} ${fmt(s.min)} ${fmt(s.median)} ${fmt(s.max)}`);
    }
    const worst = Math.max(...rows.filter(([l]) => l.startsWith('report') || l.startsWith('http')).map(([, ms]) => stats(ms).median));
    console.log(`\n  target: report < 3000 ms at 1,000,000 cases → slowest median ${worst.toFixed(0)} ms: ${worst < 3000 ? 'PASS' : 'FAIL'}`);
    const r25 = await service.annual(u.agency_id, '2025');
    console.log(`  2025: received ${r25.reconciliation.received}, carried in ${r25.reconciliation.carriedIn}, closed ${r25.reconciliation.closed}, carried out ${r25.reconciliation.carriedOut}, reconciliation ok: ${r25.reconciliation.ok}; section 四 total ${r25.remedies.reconsideration.total + r25.remedies.litigationDirect.total + r25.remedies.litigationAfterReconsideration.total}`);

    console.log('\n  EXPLAIN (ANALYZE) of the report queries for 2025:');
    const explain = async (label: string, sql: string, params: unknown[]) => {
      const plan = (await owner.query(`EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF) ${sql}`, params)).rows.map((r) => r['QUERY PLAN']);
      console.log(`  -- ${label}\n${plan.map((l: string) => `     ${l}`).join('\n')}`);
    };
    for (const [label, sql] of repo.querySources()) await explain(label, sql, [u.agency_id, '2025-01-01', '2025-12-31']);
  } finally {
    await app?.close();
    await owner.end();
    await started.embedded?.stop();
    removeBenchDataDir(dataDir, started.embedded);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
