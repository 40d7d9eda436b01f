/**
 * npm run bench:queries — the worklist queries at a million cases (issue 16), as the repository runs
 * them (CaseRepository's SQL, not a copy), each BENCH_RUNS times with varying parameters:
 *
 *   baseline         a primary-key lookup of a case (the floor of any query)
 *   worklist         a department's worklist sorted by deadline: page 1, a keyset page deep in the list
 *                    (cursor), and the same depth by OFFSET (what keyset replaces)
 *   handler          a handler's scope (their department's cases or those assigned to them)
 *   overdue          the agency's overdue list
 *   text / applicant a fragment of 申请内容 (4 characters) / of the applicant's name (2 characters)
 *   count            the capped total (≤ 10,000) against count(*) of the whole agency, and a text
 *                    search's (bounded: a lower bound for a fragment of common bigrams)
 *   flags            the registration flags' look-up (earlierRequests, 条例第35、36条)
 *
 * p50 / p95 / p99 per query and the p95 against the baseline's; target p95 < 30 ms. The plans
 * (EXPLAIN ANALYZE, BUFFERS) and the figures are written into docs/performance.md (BENCH_DOC=0: not).
 *
 * Data: BENCH_DATA_DIR = a DATA_DIR filled by `npm run seed:bulk` (kept; migrations run first), or
 * else a temporary DATA_DIR with BENCH_CASES (default 1,000,000) generated cases in BENCH_AGENCIES
 * (default 1: the whole million in the demo agency, the hardest case for per-agency queries).
 * The queries run on the agency holding the most cases. BENCH_RUNS (default 200).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { generateBulkCases } from '../../src/seed/bulk-cases';
import { progressBar } from '../../src/seed/bulk-cli';
import type { CaseListFilter, CaseRepository as Repo } from '../../src/modules/cases/case.repository';
import { removeBenchDataDir } from './bench-data-dir';

const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const AGENCIES = Number(process.env.BENCH_AGENCIES ?? 1);
const TARGET_P95 = 30;

function pct(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  const given = process.env.BENCH_DATA_DIR;
  const dataDir = given ?? fs.mkdtempSync(path.join(os.tmpdir(), 'queries-bench-'));
  process.env.DATA_DIR = dataDir;
  process.env.LOG_LEVEL = 'silent';
  delete process.env.DATABASE_URL;
  const { loadConfig } = await import('../../src/platform/config/config');
  const { prepareDatabase } = await import('../../src/bootstrap');
  const { CaseRepository } = await import('../../src/modules/cases/case.repository');
  const t0 = Date.now();
  const started = await prepareDatabase(loadConfig());
  const migrateS = (Date.now() - t0) / 1000;
  const db = new Client({ connectionString: started.embedded!.url('gov_info_disclosure') });
  await db.connect();
  try {
    if (!given) {
      const r = await generateBulkCases(db, { cases: CASES, agencies: AGENCIES, onProgress: progressBar('  cases') });
      console.log(`  generated ${r.cases.toLocaleString()} cases in ${(r.ms / 1000).toFixed(0)} s`);
      await db.query('VACUUM ANALYZE cases');
    }
    // The repository on this client: its queries answer rows, as through TypeORM.
    const q = { query: async (sql: string, p?: unknown[]) => (await db.query(sql, p)).rows };
    const repo: Repo = new CaseRepository(q as never);
    const total = (await db.query(`SELECT count(*)::int AS n FROM cases`)).rows[0].n;
    const { agency_id: agencyId, n: agencyCases } = (await db.query(`SELECT agency_id, count(*)::int AS n FROM cases GROUP BY 1 ORDER BY 2 DESC LIMIT 1`)).rows[0];
    const { department_id: departmentId, n: deptCases } = (
      await db.query(`SELECT department_id, count(*)::int AS n FROM cases WHERE agency_id = $1 AND department_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1`, [agencyId])
    ).rows[0];
    const handler = (await db.query(`SELECT id FROM users WHERE department_id = $1 AND 'handler' = ANY(roles) LIMIT 1`, [departmentId])).rows[0].id;
    const overdueCases = (await db.query(`SELECT count(*)::int AS n FROM cases WHERE agency_id = $1 AND overdue`, [agencyId])).rows[0].n;
    const version = (await db.query('SHOW server_version')).rows[0].server_version;
    const header = `${total.toLocaleString()} cases; the agency measured holds ${agencyCases.toLocaleString()} (its department ${deptCases.toLocaleString()}, overdue ${overdueCases.toLocaleString()}); PostgreSQL ${version}, ${os.cpus().length} CPU, ${RUNS} runs per query`;
    console.log(`queries bench: ${header}${given ? '' : ''}; migrations ${migrateS.toFixed(1)} s`);

    // Parameters: random existing ids, fragments of real descriptions and names.
    const sample = (await db.query(`SELECT id, description, applicant_name, applicant_key, to_char(receipt_date, 'YYYY-MM-DD') AS r FROM cases TABLESAMPLE SYSTEM (1) WHERE agency_id = $1 AND receipt_date IS NOT NULL LIMIT 2000`, [agencyId])).rows;
    const pick = () => sample[Math.floor(Math.random() * sample.length)];
    const frag = (s: string, n: number) => {
      const ch = [...s];
      const at = Math.floor(Math.random() * Math.max(1, ch.length - n - 1));
      return ch.slice(at, at + n).join('');
    };
    const dept: CaseListFilter = { agencyId, departmentId };
    // A keyset position ~5,000 rows into the department's worklist (the previous page's last row).
    const depth = Math.min(5000, Math.floor(deptCases / 2));
    const deep = (await repo.pageMatching(dept, 1, { offset: depth })).rows[0];
    const deepKey = { nextDue: deep.next_due, receiptDate: deep.receipt_date, caseNumber: deep.case_number };

    type Q = { label: string; run: () => Promise<unknown>; explain?: () => [string, unknown[]] };
    const page = (f: CaseListFilter, at: Parameters<Repo['pageMatching']>[2] = {}) => () => repo.pageMatching(f, 21, at);
    const queries: Q[] = [
      { label: 'baseline: case by primary key', run: () => db.query(`SELECT * FROM cases WHERE id = $1`, [pick().id]) },
      { label: 'worklist: department, page 1', run: page(dept) },
      { label: 'worklist: department, keyset at row 5,000', run: page(dept, { after: deepKey }) },
      { label: 'worklist: department, OFFSET 5,000 (old)', run: page(dept, { offset: depth }) },
      { label: 'worklist: handler scope, page 1', run: page({ agencyId, handledBy: { userId: handler, departmentId } }) },
      { label: 'overdue list, page 1', run: page({ agencyId, overdue: true }) },
      { label: 'text search: 4 chars of 申请内容', run: () => repo.pageMatching({ agencyId, text: frag(pick().description, 4) }, 21) },
      { label: 'applicant search: 2 chars of the name', run: () => repo.pageMatching({ agencyId, applicant: frag(pick().applicant_name, 2) }, 21) },
      { label: 'count: capped at 10,000 (department)', run: () => repo.countMatching(dept, 10_000) },
      { label: 'count: capped, text search (4 chars)', run: () => repo.countMatching({ agencyId, text: frag(pick().description, 4) }, 10_000) },
      { label: 'count(*) of the whole agency (old)', run: () => repo.countMatching({ agencyId }) },
      { label: 'registration flags (earlierRequests)', run: () => { const s = pick(); return repo.earlierRequests(q as never, agencyId, s.applicant_key, s.r); } },
    ];
    const rows: Array<{ label: string; p50: number; p95: number; p99: number }> = [];
    for (const q of queries) {
      for (let i = 0; i < 5; i++) await q.run(); // warm-up
      const ms: number[] = [];
      const runs = q.label.includes('(old)') ? Math.min(RUNS, 30) : RUNS;
      for (let i = 0; i < runs; i++) {
        const t = process.hrtime.bigint();
        await q.run();
        ms.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      ms.sort((a, b) => a - b);
      rows.push({ label: q.label, p50: pct(ms, 50), p95: pct(ms, 95), p99: pct(ms, 99) });
      process.stdout.write('.');
    }
    process.stdout.write('\n');
    const base = rows[0].p95;
    const table = [
      `| query | p50 ms | p95 ms | p99 ms | p95 / baseline | target p95 < ${TARGET_P95} ms |`,
      '|---|---:|---:|---:|---:|---|',
      ...rows.map((r) => {
        const verdict = r.label.startsWith('baseline') || r.label.includes('(old)') ? '—' : r.p95 < TARGET_P95 ? 'PASS' : 'FAIL';
        return `| ${r.label} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} | ${(r.p95 / base).toFixed(1)}× | ${verdict} |`;
      }),
    ].join('\n');
    console.log(`\n${table}\n`);

    // The plans, through the queries the repository issues (captured from the pg client).
    const captured: Array<[string, string, unknown[]]> = [];
    const capture = async (label: string, f: () => Promise<unknown>) => {
      const orig = db.query.bind(db);
      (db as unknown as { query: unknown }).query = (sql: string, p?: unknown[]) => {
        // The planner estimates a text search asks for (EXPLAIN) are not plans of the worklist.
        if (!sql.trimStart().startsWith('EXPLAIN')) captured.push([label, sql, p ?? []]);
        return orig(sql, p as never);
      };
      try {
        await f();
      } finally {
        (db as unknown as { query: unknown }).query = orig;
      }
    };
    const s = sample[0];
    await capture('worklist: department, page 1', page(dept));
    await capture('worklist: department, keyset at row 5,000', page(dept, { after: deepKey }));
    await capture('worklist: handler scope, page 1', page({ agencyId, handledBy: { userId: handler, departmentId } }));
    await capture('overdue list, page 1', page({ agencyId, overdue: true }));
    // A fragment found in many cases (answered by the walk of the order index) and a random one.
    const common = (await db.query(`SELECT left(description, 4) AS t FROM cases WHERE agency_id = $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [agencyId])).rows[0].t as string;
    const textFrag = frag(s.description, 4);
    const nameFrag = frag(s.applicant_name, 2);
    await capture(`text search: '${common}' (common)`, () => repo.pageMatching({ agencyId, text: common }, 21));
    await capture(`text search: '${textFrag}'`, () => repo.pageMatching({ agencyId, text: textFrag }, 21));
    // The oldest year of receipt holding a tenth of the cases or more (e.g. '2023年', as the generated
    // descriptions carry it): common, but all its cases are closed and so late in the worklist's order —
    // the walk finds none within its bound (searchLimited), the bigram look-up would read them all.
    const year = (
      await db.query(
        `SELECT y FROM (SELECT extract(year FROM receipt_date)::int AS y, count(*) AS n FROM cases WHERE agency_id = $1 GROUP BY 1) x
          WHERE n * 10 >= $2 ORDER BY y LIMIT 1`,
        [agencyId, agencyCases],
      )
    ).rows[0]?.y;
    if (year) {
      await capture(`text search: '${year}年' (common, late in the order)`, () => repo.pageMatching({ agencyId, text: `${year}年` }, 21));
      await capture(`count: capped, text search '${year}年'`, () => repo.countMatching({ agencyId, text: `${year}年` }, 10_000));
    }
    await capture(`applicant search: '${nameFrag}'`, () => repo.pageMatching({ agencyId, applicant: nameFrag }, 21));
    await capture('count: capped at 10,000 (department)', () => repo.countMatching(dept, 10_000));
    await capture('registration flags (earlierRequests)', () => repo.earlierRequests(q as never, agencyId, s.applicant_key, s.r));
    const plans: string[] = [];
    for (const [label, sql, p] of captured) {
      const plan = (await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, p)).rows.map((r) => r['QUERY PLAN']).join('\n');
      plans.push(`#### ${label}\n\n\`\`\`\n${plan}\n\`\`\``);
    }
    if (process.env.BENCH_DOC === '0') console.log(`\n${plans.join('\n\n')}\n`);
    else {
      const doc = path.join(__dirname, '../../docs/performance.md');
      const text = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : '# Performance\n';
      const begin = '<!-- bench:queries begin -->';
      const end = '<!-- bench:queries end -->';
      const block = `${begin}\n\nMeasured by \`npm run bench:queries\` on ${new Date().toISOString().slice(0, 10)}: ${header}.\n\n${table}\n\n${plans.join('\n\n')}\n\n${end}`;
      const next = text.includes(begin) ? text.replace(new RegExp(`${begin}[\\s\\S]*${end}`), () => block) : `${text.trimEnd()}\n\n${block}\n`;
      fs.writeFileSync(doc, next);
      console.log(`plans and figures written to ${path.relative(process.cwd(), doc)}`);
    }
  } finally {
    await db.end();
    await started.embedded?.stop();
    if (!given) removeBenchDataDir(dataDir, started.embedded);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
