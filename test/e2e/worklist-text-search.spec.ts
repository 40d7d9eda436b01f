/**
 * GET /cases?text=… does bounded work on every page (issue 16), through real HTTP and PostgreSQL on
 * generated cases. A fragment whose matches are many but come late in the worklist's order ("2023年":
 * only closed cases hold it) answers a page from a bounded walk of the order, says so
 * (searchLimited) and reads on from where it stopped (nextCursor): following the cursor yields every
 * match once, in order. A fragment with a rare bigram is looked up in the bigram index and its page
 * is exact at once, however late its matches. The bounds are scaled down to this small dataset (the
 * repository's searchLimits); the same code runs with the defaults at a million cases (bench:queries).
 */
import { generateBulkCases } from '../../src/seed/bulk-cases';
import { CaseRepository, TEXT_SEARCH_LIMITS } from '../../src/modules/cases/case.repository';
import { likeOperator } from '../../src/platform/database/like';
import { createTestContext, TestContext } from '../support/test-app';

const ORDER = `coalesce(c.next_due, 'infinity'::date), coalesce(c.receipt_date, 'infinity'::date), c.case_number`;

describe('worklist text search: bounded pages, searchLimited and nextCursor', () => {
  let t: TestContext;
  let repo: CaseRepository;
  let agencyId: string;
  /** A fragment in many descriptions, all late in the worklist's order; where its first match lies. */
  let late: { text: string; first: number; total: number };
  /** The case holding a rare fragment, moved to the end of the order. */
  let rare: { id: string; text: string };
  const list = async (query: string, role = 'legal') => t.http.get(`/api/v1/cases?${query}`).set('authorization', `Bearer ${await t.login(role)}`);
  /** The matches in the worklist's order, as plain SQL finds them (strpos: the text literally). */
  const expected = async (text: string, extra = '', params: unknown[] = []) =>
    (
      await t.db.query(`SELECT c.id FROM cases c WHERE c.agency_id = $1 AND strpos(c.description, $2) > 0${extra} ORDER BY ${ORDER}`, [agencyId, text, ...params])
    ).rows.map((r: { id: string }) => r.id);
  /** Every page of a search by cursor: the ids, and each page's size, searchLimited and nextCursor. */
  const follow = async (query: string, pageSize: number) => {
    const ids: string[] = [];
    const pages: Array<{ items: number; searchLimited: boolean; nextCursor: string | null; total: number; totalExact: boolean }> = [];
    let cursor: string | null = null;
    do {
      const res = await list(`${query}&pageSize=${pageSize}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      ids.push(...res.body.items.map((i: { id: string }) => i.id));
      pages.push({ items: res.body.items.length, searchLimited: res.body.searchLimited, nextCursor: res.body.nextCursor, total: res.body.total, totalExact: res.body.totalExact });
      cursor = res.body.nextCursor;
    } while (cursor && pages.length < 500);
    return { ids, pages };
  };

  beforeAll(async () => {
    t = await createTestContext();
    const r = await generateBulkCases(t.db, { cases: 1200, agencies: 1, seed: 16 });
    agencyId = r.agencies[0].id;
    repo = t.app.get(CaseRepository);
    // The oldest year of receipt with a tenth of the cases: "2023年" in their descriptions, all closed.
    const { y } = (
      await t.db.query(
        `SELECT extract(year FROM receipt_date)::int AS y FROM cases WHERE agency_id = $1 AND receipt_date IS NOT NULL
          GROUP BY 1 HAVING count(*) * 10 >= (SELECT count(*) FROM cases WHERE agency_id = $1) ORDER BY 1 LIMIT 1`,
        [agencyId],
      )
    ).rows[0];
    const text = `${y}年`;
    const { first, total } = (
      await t.db.query(
        `SELECT min(rn)::int AS first, count(*)::int AS total
           FROM (SELECT c.description, row_number() OVER (ORDER BY ${ORDER}) AS rn FROM cases c WHERE c.agency_id = $1) x
          WHERE strpos(description, $2) > 0`,
        [agencyId, text],
      )
    ).rows[0];
    late = { text, first, total };
    // A rare fragment (bigrams no other description holds) in the last case of the order.
    const [last] = (await t.db.query(`SELECT c.id FROM cases c WHERE c.agency_id = $1 ORDER BY ${ORDER} DESC LIMIT 1`, [agencyId])).rows;
    rare = { id: last.id, text: '罕见词语' };
    await t.db.query(`UPDATE cases SET description = '申请公开罕见词语样本（测试）的批复文件。' WHERE id = $1`, [last.id]);
    // The planner's statistics of the bigram index (the look-up is chosen from them), as autovacuum keeps them.
    await t.db.query('ANALYZE cases');
  }, 180_000);
  afterAll(() => t.close());
  afterEach(() => Object.assign(repo.searchLimits, TEXT_SEARCH_LIMITS));

  /** Bounds scaled to 1,200 cases: the walk stops before the late fragment's first match. */
  const scaleDown = () => Object.assign(repo.searchLimits, { lookupRows: 20, candidates: 30, walkRows: Math.min(60, late.first - 1), countRows: 100 });

  it('the dataset has a fragment that is common but late in the order', () => {
    expect(late.total).toBeGreaterThan(100);
    expect(late.first).toBeGreaterThan(20);
  });

  it("a common, late fragment: the first page is bounded and says so; the cursor reads on to every match, once, in order", async () => {
    scaleDown();
    const want = await expected(late.text);
    expect(want).toHaveLength(late.total);
    const first = await list(`text=${encodeURIComponent(late.text)}&pageSize=20`);
    expect(first.status).toBe(200);
    // The walk read walkRows rows without a match: no rows yet, more may follow.
    expect(first.body).toMatchObject({ items: [], searchLimited: true });
    expect(typeof first.body.nextCursor).toBe('string');
    // The count is bounded too: the matches among the first countRows cases of the order (a lower bound).
    const inFirst100 = (
      await t.db.query(
        `SELECT count(*)::int AS n FROM (SELECT c.description FROM cases c WHERE c.agency_id = $1 ORDER BY ${ORDER} LIMIT 100) x WHERE strpos(description, $2) > 0`,
        [agencyId, late.text],
      )
    ).rows[0].n;
    expect(first.body).toMatchObject({ total: inFirst100, totalExact: false });

    const { ids, pages } = await follow(`text=${encodeURIComponent(late.text)}`, 20);
    expect(ids).toEqual(want);
    // A page holds fewer than pageSize rows only when the search was limited, or at the end.
    pages.forEach((p, i) => {
      if (p.items < 20) expect([i, p.searchLimited || p.nextCursor === null]).toEqual([i, true]);
    });
    expect(pages.some((p) => p.searchLimited)).toBe(true);
    expect(pages[pages.length - 1]).toMatchObject({ nextCursor: null, searchLimited: false });
  });

  it('a rare fragment is looked up in the bigram index: exact on the first page, however late its case', async () => {
    for (const limits of ['scaled', 'defaults']) {
      if (limits === 'scaled') scaleDown();
      else Object.assign(repo.searchLimits, TEXT_SEARCH_LIMITS);
      const res = await list(`text=${encodeURIComponent(rare.text)}&pageSize=20`);
      expect(res.status).toBe(200);
      expect([limits, res.body]).toMatchObject([limits, { items: [{ id: rare.id }], searchLimited: false, nextCursor: null, total: 1, totalExact: true }]);
    }
    // One character has no bigram: the walk alone answers it, bounded, and the cursor reaches the case.
    scaleDown();
    const one = await follow(`text=${encodeURIComponent('罕')}`, 20);
    expect(one.ids).toEqual(await expected('罕'));
    expect(one.pages[0].searchLimited).toBe(true);
  });

  it('keyset and filters combine with a limited search', async () => {
    scaleDown();
    const { department_id: dept } = (
      await t.db.query(`SELECT department_id FROM cases WHERE agency_id = $1 AND department_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [agencyId])
    ).rows[0];
    const byDept = await follow(`text=${encodeURIComponent(late.text)}&departmentId=${dept}`, 7);
    expect(byDept.ids).toEqual(await expected(late.text, ' AND c.department_id = $3', [dept]));
    expect(byDept.ids.length).toBeGreaterThan(7);
    const closed = await follow(`text=${encodeURIComponent(late.text)}&state=closed`, 15);
    expect(closed.ids).toEqual(await expected(late.text, ` AND c.state = 'closed'`));
    // A case number's digits (the OR with the case number) still page in order.
    const digits = String(late.text).slice(0, 4);
    const byDigits = await follow(`text=${digits}`, 50);
    const wantDigits = (
      await t.db.query(
        `SELECT c.id FROM cases c WHERE c.agency_id = $1 AND (strpos(c.description, $2) > 0 OR strpos(c.case_number, $2) > 0) ORDER BY ${ORDER}`,
        [agencyId, digits],
      )
    ).rows.map((r: { id: string }) => r.id);
    expect(byDigits.ids).toEqual(wantDigits);
  });

  it('the CSV export of a limited search holds every match (it reads on after each bounded page)', async () => {
    scaleDown();
    const res = await t.http.get('/api/v1/cases/export.csv').query({ text: late.text }).set('authorization', `Bearer ${await t.login('legal')}`);
    expect(res.status).toBe(200);
    const lines = String(res.text).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).slice(1);
    const numbers = (
      await t.db.query(`SELECT c.case_number FROM cases c WHERE c.agency_id = $1 AND strpos(c.description, $2) > 0 ORDER BY ${ORDER}`, [agencyId, late.text])
    ).rows.map((r: { case_number: string }) => r.case_number);
    expect(lines.map((l) => l.split(',')[0])).toEqual(numbers);
  });

  it('LIKE for a fragment without cased letters, ILIKE otherwise', () => {
    expect(likeOperator('2023年第')).toBe('LIKE');
    expect(likeOperator('（测试）100%')).toBe('LIKE');
    expect(likeOperator('PDF文件')).toBe('ILIKE');
    expect(likeOperator('ß')).toBe('ILIKE');
  });
});
