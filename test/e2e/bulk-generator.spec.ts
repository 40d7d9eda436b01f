/**
 * The bulk generator (npm run seed:bulk, the benchmarks' data): a small run of 2,000 cases over
 * three agencies writes cases the application accepts as its own — every sampled case passes
 * GET /cases/:id/history/verify (hash chain, chain head, replay = stored state), the version is
 * 1 + the statechart entries, the numbers are gap-free and a registration afterwards continues
 * them, and the demo users see their agency's share.
 */
import { CASE_STATES } from '../../src/modules/cases/list-query';
import { generateBulkCases } from '../../src/seed/bulk-cases';
import { FACT_TYPES } from '../../src/domain/workflow/log';
import { register } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

describe('bulk generator', () => {
  let t: TestContext;
  let demoAgency: string;
  beforeAll(async () => {
    t = await createTestContext();
    const r = await generateBulkCases(t.db, { cases: 2000, agencies: 3, batch: 700 });
    expect(r.cases).toBe(2000);
    expect(r.agencies.map((a) => a.cases)).toEqual([667, 667, 666]);
    demoAgency = r.agencies[0].id;
    expect(r.agencies[0].name).toBe('示范县人民政府');
  }, 120_000);
  afterAll(() => t.close());

  it('covers every state and outcome', async () => {
    const states = (await t.db.query(`SELECT DISTINCT state FROM cases`)).rows.map((r) => r.state);
    expect([...states].sort()).toEqual([...CASE_STATES].sort());
    const outcomes = (await t.db.query(`SELECT count(DISTINCT outcome)::int AS n FROM cases`)).rows[0].n;
    expect(outcomes).toBeGreaterThanOrEqual(20);
    const overdue = (await t.db.query(`SELECT count(*)::int AS n FROM cases WHERE overdue`)).rows[0].n;
    expect(overdue).toBeGreaterThan(0);
  });

  it('sampled cases of every state pass history verification', async () => {
    const sample = (
      await t.db.query(
        `(SELECT DISTINCT ON (state) id FROM cases WHERE agency_id = $1 ORDER BY state, random())
         UNION (SELECT id FROM cases WHERE agency_id = $1 ORDER BY random() LIMIT 60)`,
        [demoAgency],
      )
    ).rows.map((r) => r.id as string);
    const token = await t.login('legal');
    for (const id of sample) {
      const v = (await t.http.get(`/api/v1/cases/${id}/history/verify`).set('authorization', `Bearer ${token}`)).body;
      expect([id, v.intact, v.replayMatches, v.problems]).toEqual([id, true, true, []]);
    }
  });

  it('keeps the row invariants: version, chain head, gap-free numbers', async () => {
    const bad = await t.db.query(
      `SELECT c.id FROM cases c JOIN LATERAL (
          SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT (e.type = ANY($1)))::int AS machine, max(e.seq) AS last
            FROM case_events e WHERE e.case_id = c.id) e ON true
        WHERE c.head_seq <> e.n OR e.last <> e.n OR c.version <> 1 + e.machine
           OR c.head_hash <> (SELECT hash FROM case_events WHERE case_id = c.id AND seq = c.head_seq)`,
      [FACT_TYPES],
    );
    expect(bad.rows).toEqual([]);
    const gaps = await t.db.query(
      `SELECT c.agency_id, c.year FROM cases c JOIN case_number_counters n ON n.agency_id = c.agency_id AND n.year = c.year
        GROUP BY c.agency_id, c.year, n.last HAVING count(*) <> max(c.seq) OR max(c.seq) <> n.last`,
    );
    expect(gaps.rows).toEqual([]);
    const letterGaps = await t.db.query(
      `SELECT l.series, l.series_year FROM letters l JOIN doc_number_counters n
          ON n.agency_id = l.agency_id AND n.series = l.series AND n.year = l.series_year
        GROUP BY l.agency_id, l.series, l.series_year, n.last HAVING count(*) <> max(l.series_seq) OR max(l.series_seq) <> n.last`,
    );
    expect(letterGaps.rows).toEqual([]);
  });

  it('a registration afterwards continues the numbers; the demo handler sees the department’s share', async () => {
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const { last } = (await t.db.query(`SELECT last FROM case_number_counters WHERE agency_id = $1 AND year = $2`, [demoAgency, year])).rows[0] ?? { last: 0 };
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const res = await register(t, { arrivedAt: `${today}T00:00:00+08:00` });
    expect(res.status).toBe(201);
    expect(res.body.caseNumber).toBe(`${year}-${String(last + 1).padStart(6, '0')}`);

    const handler = (await t.db.query(`SELECT id, department_id FROM users WHERE username = 'handler'`)).rows[0];
    const mine = (await t.db.query(`SELECT count(*)::int AS n FROM cases WHERE agency_id = $1 AND (department_id = $2 OR assignee_id = $3)`, [demoAgency, handler.department_id, handler.id])).rows[0].n;
    expect(mine).toBeGreaterThan(20);
    const list = await t.http.get('/api/v1/cases?pageSize=5').set('authorization', `Bearer ${await t.login('handler')}`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(5);
  });
});
