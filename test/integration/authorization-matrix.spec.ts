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
import { CASE_ACTIONS } from '../../src/domain/workflow';
import { act, departmentId, register } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

type Who = 'anon' | 'operator' | 'admin' | 'clerk' | 'handler' | 'approver' | 'legal';
const AGENCY: Who[] = ['admin', 'clerk', 'handler', 'approver', 'legal'];
const SIGNED: Who[] = ['operator', ...AGENCY];
const EVERYONE: Who[] = ['anon', ...SIGNED];

/** Who passes the gate of each route (METHOD path as in the OpenAPI document). */
const RULES: Record<string, Who[] | 'domain' | { skip: string }> = {
  'GET /health': EVERYONE,
  'POST /api/v1/auth/login': EVERYONE,
  'POST /api/v1/auth/logout': { skip: 'ends the session the other checks use; test/integration/session-cookie.spec.ts' },
  'POST /api/v1/auth/password': SIGNED,
  'GET /api/v1/me': SIGNED,
  'GET /api/v1/users': ['admin'],
  'POST /api/v1/users': ['admin'],
  'PATCH /api/v1/users/{id}': ['admin'],
  'POST /api/v1/users/{id}/password-reset': ['admin'],
  'GET /api/v1/agencies': ['operator'],
  'POST /api/v1/agencies': ['operator'],
  'GET /api/v1/agency': AGENCY,
  'PATCH /api/v1/agency': ['admin'],
  'GET /api/v1/departments': AGENCY,
  'POST /api/v1/departments': ['admin'],
  'GET /api/v1/calendar/recalculations': ['operator', 'admin'],
  'GET /api/v1/calendar/recalculations/{id}': ['operator', 'admin'],
  'GET /api/v1/outbox': ['admin'],
  'GET /api/v1/outcomes': AGENCY,
  'POST /api/v1/cases': ['clerk'],
  'GET /api/v1/cases': AGENCY,
  'GET /api/v1/cases/export.csv': AGENCY,
  'GET /api/v1/cases/{id}': AGENCY,
  'GET /api/v1/cases/{id}/history': AGENCY,
  'GET /api/v1/cases/{id}/history/verify': AGENCY,
  'POST /api/v1/cases/{id}/reveal': ['clerk', 'handler', 'legal'],
  ...Object.fromEntries(CASE_ACTIONS.map((a) => [`POST /api/v1/cases/{id}/actions/${a}`, 'domain' as const])),
  'GET /api/v1/cases/{id}/letters': AGENCY,
  'GET /api/v1/letters/{id}/pdf': AGENCY,
  'GET /api/v1/letters/{id}/verify': AGENCY,
  // A clerk previews only a proposed closure's letter; this case has none.
  'GET /api/v1/cases/{id}/letters/preview': ['handler', 'approver'],
  'GET /api/v1/cases/{id}/letters/draft': ['handler', 'approver'],
  'GET /api/v1/letters/print.pdf': AGENCY,
  'POST /api/v1/letters/{id}/reissue': ['approver'],
  'GET /api/v1/cases/{id}/case-file.pdf': AGENCY,
  'GET /api/v1/notifications': AGENCY,
  'POST /api/v1/notifications/{id}/read': AGENCY,
  'GET /api/v1/approvals': ['approver'],
  'GET /api/v1/calendar/add-working-days': EVERYONE,
  'GET /api/v1/calendar/working-days-between': EVERYONE,
  'GET /api/v1/calendar/{year}': EVERYONE,
  'PUT /api/v1/calendar/{year}': ['operator'],
  'GET /api/v1/calendar/{year}/history': SIGNED,
  'POST /api/v1/clock/preview': EVERYONE,
  // The approver only while the case is in approval; this one is not.
  'GET /api/v1/cases/{id}/findings': ['legal', 'admin'],
  'POST /api/v1/cases/{id}/audit/findings': ['legal'],
  'POST /api/v1/cases/{id}/audit/sign-off': ['legal'],
  'GET /api/v1/audit/cases': ['legal', 'admin'],
  'GET /api/v1/reports/annual': ['legal', 'admin'],
  'GET /api/v1/reports/dashboard': ['legal', 'admin', 'approver'],
  'GET /api/v1/reports/annual/cases': ['legal', 'admin'],
  'POST /api/v1/track': EVERYONE,
  'GET /api/v1/agency/signing-certificate': ['admin'],
  'PUT /api/v1/agency/signing-certificate': ['admin'],
  'PUT /api/v1/agency/seal': ['admin'],
  'GET /api/v1/agency/seal': ['admin'],
  'POST /api/v1/public/letters/verify': EVERYONE,
  'POST /api/v1/public/applications': EVERYONE,
  // 附件与遮盖 (issue 18): only the case's 承办人 uploads and redacts; whoever reads the case sees the
  // pages and the released copy (the approver included); the applicant has no route to the originals.
  'POST /api/v1/cases/{id}/documents': ['handler'],
  'GET /api/v1/cases/{id}/documents': AGENCY,
  'GET /api/v1/cases/{id}/documents/released.pdf': AGENCY,
  'POST /api/v1/documents/{id}/redactions': ['handler'],
  'DELETE /api/v1/redactions/{id}': ['handler'],
  'GET /api/v1/documents/{id}/released.pdf': AGENCY,
  'GET /api/v1/documents/{id}/pages/{page}': AGENCY,
};

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
      .replace('/documents/{id}', '/documents/00000000-0000-4000-8000-000000000000')
      .replace('/redactions/{id}', '/redactions/00000000-0000-4000-8000-000000000000')
      .replace('{page}', '1')
      .replace('/recalculations/{id}', '/recalculations/00000000-0000-4000-8000-000000000000')
      .replace('/notifications/{id}', '/notifications/999999')
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
