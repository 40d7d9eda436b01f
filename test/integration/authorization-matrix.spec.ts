/**
 * The authorisation matrix (issue 16, reliability item 4, in part): every route of the OpenAPI
 * document × every identity (signed out, the platform operator, each agency role), checked over
 * real HTTP. The rules are a table here: a route that appears without a rule — a new endpoint
 * nobody decided on — fails the test, and so does a rule for a route that no longer exists.
 *
 * A refused identity gets 401 (signed out) or 403; an allowed one gets anything else (400 for the
 * empty body, 404, 409 …), never 401/403. The requests use real ids: a case of the demo agency
 * assigned to the demo handler's department, its 登记回执, a user. The case actions' role rules
 * live in the domain (ROLE_ACTIONS, tested in test/unit/workflow and test/e2e/access-control): here
 * they are checked only for the signed out and the operator. Agency isolation across agencies is
 * test/e2e/access-control.spec.ts.
 */
import { act, departmentId, register } from '../support/cases';
import { EVERYONE, RULES, Who } from '../support/route-rules';
import { createTestContext, TestContext } from '../support/test-app';

describe('authorisation matrix: every route × every identity', () => {
  let t: TestContext;
  let routes: string[];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestContext({ publicApplicationsPerMinute: 0 } as never);
    const doc = (await t.http.get('/api/docs-json')).body;
    routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    let c = (await register(t)).body;
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
    c = (await act(t, 'clerk', c, 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-16' })).body;
    ids.case = c.id;
    ids.letter = c.letters[0].id;
    ids.user = (await t.db.query(`SELECT id FROM users WHERE username = 'clerk'`)).rows[0].id;
  }, 60_000);
  afterAll(() => t.close());

  it('has a rule for every route, and no rule for a route that is gone', () => {
    expect(routes.length).toBeGreaterThan(80);
    expect(routes.filter((r) => !(r in RULES))).toEqual([]);
    expect(Object.keys(RULES).filter((r) => !routes.includes(r))).toEqual([]);
  });

  function request(route: string) {
    const [method, path] = route.split(' ');
    let url = path
      .replace('/cases/{id}', `/cases/${ids.case}`)
      .replace('/letters/{id}', `/letters/${ids.letter}`)
      .replace('/users/{id}', `/users/${ids.user}`)
      .replace('/recalculations/{id}', '/recalculations/00000000-0000-4000-8000-000000000000')
      .replace('/notifications/{id}', '/notifications/999999')
      .replace('/documents/{id}', '/documents/00000000-0000-4000-8000-000000000000')
      .replace('/redactions/{id}', '/redactions/00000000-0000-4000-8000-000000000000')
      .replace('{page}', '1')
      .replace('{year}', '2026');
    if (url.endsWith('/print.pdf')) url += `?caseIds=${ids.case}`;
    if (url.endsWith('/reports/annual') || url.endsWith('/reports/dashboard')) url += '?year=2026';
    if (url.endsWith('/reports/annual/cases')) url += '?year=2026&row=1';
    if (url.endsWith('/add-working-days')) url += '?from=2026-02-13&days=3';
    if (url.endsWith('/working-days-between')) url += '?from=2026-02-13&to=2026-03-13';
    const http = t.http as unknown as Record<string, (u: string) => import('supertest').Test>;
    return http[method.toLowerCase()](url);
  }

  const checked = Object.entries(RULES).filter(([, rule]) => Array.isArray(rule) || rule === 'domain');

  it.each(checked)('%s', async (route, rule) => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const who of EVERYONE) {
      let req = request(route);
      if (who !== 'anon') req = req.set('authorization', `Bearer ${await t.login(who)}`);
      // A write with an empty body: refused before anything is stored, whoever sends it.
      const res = ['GET'].includes(route.split(' ')[0]) ? await req : await req.send({});
      const refused = res.status === 401 || res.status === 403;
      outcomes.push(`${who}:${refused ? (who === 'anon' ? 401 : 403) : 'passes'}`);
      if (rule === 'domain') {
        // The statechart's role map decides among agency roles; the signed out and the operator never pass.
        expected.push(`${who}:${who === 'anon' ? 401 : who === 'operator' ? 403 : refused ? 403 : 'passes'}`);
      } else {
        expected.push(`${who}:${(rule as Who[]).includes(who) ? 'passes' : who === 'anon' ? 401 : 403}`);
      }
      expect(res.status).toBeLessThan(500);
    }
    expect(outcomes).toEqual(expected);
  });
});
