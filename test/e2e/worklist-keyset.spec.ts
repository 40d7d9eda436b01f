/**
 * GET /cases at scale (issue 16), through real HTTP on generated cases: keyset pages (cursor /
 * nextCursor) walk the whole worklist in the same order as the numbered pages, without a gap or a
 * repeat; the text search finds a case by a fragment of its 申请内容 or of the applicant's name
 * (the bigram index, and a single character without it); the total is counted up to a cap.
 */
import { generateBulkCases } from '../../src/seed/bulk-cases';
import { createTestContext, TestContext } from '../support/test-app';

describe('worklist: keyset pages and text search', () => {
  let t: TestContext;
  let agencyId: string;
  const list = async (query: string, role = 'legal') =>
    t.http.get(`/api/v1/cases?${query}`).set('authorization', `Bearer ${await t.login(role)}`);
  beforeAll(async () => {
    t = await createTestContext();
    const r = await generateBulkCases(t.db, { cases: 420, agencies: 1, seed: 7 });
    agencyId = r.agencies[0].id;
  }, 120_000);
  afterAll(() => t.close());

  it('cursor pages walk every case once, in the order of the numbered pages', async () => {
    const n = (await t.db.query(`SELECT count(*)::int AS n FROM cases WHERE agency_id = $1`, [agencyId])).rows[0].n;
    expect(n).toBe(420);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(`pageSize=100${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 420, totalExact: true, pageSize: 100 });
      seen.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(420);
    expect(new Set(seen).size).toBe(420);
    // The numbered pages give the same order.
    const numbered: string[] = [];
    for (let page = 1; page <= 5; page++) numbered.push(...(await list(`pageSize=100&page=${page}`)).body.items.map((i: { id: string }) => i.id));
    expect(numbered).toEqual(seen);
    // The order: deadline first (none last), then receipt date, then case number.
    const rows = (await t.db.query(`SELECT id, next_due, receipt_date, case_number FROM cases WHERE id = ANY($1)`, [seen])).rows;
    const byId = new Map(rows.map((r) => [r.id, r]));
    const key = (id: string) => {
      const r = byId.get(id);
      const d = (v: Date | null) => (v ? new Date(v).toISOString().slice(0, 10) : '9999');
      return `${d(r.next_due)}|${d(r.receipt_date)}|${r.case_number}`;
    };
    const keys = seen.map(key);
    expect([...keys].sort()).toEqual(keys);
  });

  it('a cursor with a filter continues within it; a forged cursor is a 400 in Chinese', async () => {
    const first = await list('pageSize=5&state=closed');
    expect(first.status).toBe(200);
    const total = first.body.total;
    expect(total).toBeGreaterThan(5);
    const second = await list(`pageSize=5&state=closed&cursor=${first.body.nextCursor}`);
    expect(second.body.items.every((i: { state: string }) => i.state === 'closed')).toBe(true);
    expect(second.body.items[0].id).not.toBe(first.body.items[4].id);
    const bad = await list('cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('cursor');
    expect(bad.body.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('text search finds a case by a fragment of its description or of the applicant name', async () => {
    const [c] = (await t.db.query(`SELECT id, description, applicant_name, case_number FROM cases WHERE agency_id = $1 AND receipt_date IS NOT NULL ORDER BY random() LIMIT 1`, [agencyId])).rows;
    const fragment = [...c.description].slice(4, 10).join('');
    const byText = await list(`text=${encodeURIComponent(fragment)}&pageSize=100`);
    expect(byText.status).toBe(200);
    expect(byText.body.items.length).toBeGreaterThan(0);
    expect(byText.body.items.every((i: { description: string }) => i.description.includes(fragment))).toBe(true);
    let found = byText.body.items.some((i: { id: string }) => i.id === c.id);
    for (let cursor = byText.body.nextCursor; !found && cursor; ) {
      const more = await list(`text=${encodeURIComponent(fragment)}&pageSize=100&cursor=${cursor}`);
      found = more.body.items.some((i: { id: string }) => i.id === c.id);
      cursor = more.body.nextCursor;
    }
    expect(found).toBe(true);
    // Two characters of the applicant's name (the bigram index), and one (re-checked without it).
    for (const part of [[...c.applicant_name].slice(0, 2).join(''), [...c.applicant_name].slice(-1).join('')]) {
      const res = await list(`applicant=${encodeURIComponent(part)}&pageSize=100`);
      expect(res.status).toBe(200);
      expect(res.body.items.every((i: { applicantName: string }) => i.applicantName.includes(part))).toBe(true);
      const expected = (await t.db.query(`SELECT count(*)::int AS n FROM cases WHERE agency_id = $1 AND strpos(applicant_name, $2) > 0`, [agencyId, part])).rows[0].n;
      expect([part, res.body.total]).toEqual([part, expected]);
    }
    // The case number through its trigram index.
    const byNumber = await list(`text=${encodeURIComponent(c.case_number)}`);
    expect(byNumber.body.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
  });

  it('a search page is the first matches in the worklist order, whether the ordered scan or the bigram index answers it', async () => {
    // The most common 4-character start of a description (many matches: the page comes from the scan of
    // the order index) and a fragment of one case only (too few matches: the bigram index answers).
    const common = (await t.db.query(`SELECT left(description, 4) AS t FROM cases WHERE agency_id = $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [agencyId])).rows[0].t;
    const [one] = (await t.db.query(`SELECT description FROM cases WHERE agency_id = $1 ORDER BY random() LIMIT 1`, [agencyId])).rows;
    for (const fragment of [common, one.description]) {
      const expected = (
        await t.db.query(
          `SELECT id FROM cases c WHERE agency_id = $1 AND strpos(description, $2) > 0
            ORDER BY coalesce(c.next_due, 'infinity'::date), coalesce(c.receipt_date, 'infinity'::date), c.case_number`,
          [agencyId, fragment],
        )
      ).rows.map((r: { id: string }) => r.id);
      expect(expected.length).toBeGreaterThan(0);
      const got: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await list(`text=${encodeURIComponent(fragment)}&pageSize=7${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        got.push(...res.body.items.map((i: { id: string }) => i.id));
        cursor = res.body.nextCursor;
      } while (cursor && got.length <= expected.length);
      expect([fragment, got]).toEqual([fragment, expected]);
    }
  });

  it('the total is capped, not counted over the whole agency', async () => {
    const { WORKLIST_COUNT_CAP } = await import('../../src/modules/cases/list-query');
    const { CaseRepository } = await import('../../src/modules/cases/case.repository');
    const repo = t.app.get(CaseRepository);
    expect(await repo.countMatching({ agencyId }, 100)).toEqual({ total: 100, exact: false });
    expect(await repo.countMatching({ agencyId }, 1000)).toEqual({ total: 420, exact: true });
    expect(WORKLIST_COUNT_CAP).toBe(10_000);
  });
});
