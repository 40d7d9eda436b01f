/**
 * Issue 11, finding 10 (part): a state-changing request signed in by the gid_session cookie must
 * come from the service's own origin (403 ORIGIN_REJECTED otherwise, before anything is done).
 * Bearer-token clients are not checked: no browser adds that header by itself, and signing in
 * (no session cookie yet) is not checked either.
 */
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { registration } from '../support/cases';
import { createTestContext, TestContext, TEST_PASSWORD } from '../support/test-app';

const LOGIN = '/api/v1/auth/login';
const HOST = 'gid.example.gov.cn';

/** The `gid_session=…` pair a browser sends back, from a login answer. */
function sessionCookie(res: request.Response): string {
  const lines: string[] = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const line = lines.find((l) => l.startsWith('gid_session='));
  if (!line) throw new Error('no gid_session cookie');
  return line.split(';')[0];
}

describe('state-changing requests signed in by the cookie', () => {
  let t: TestContext;
  let cookie: string;
  let bearer: string;
  const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM cases`)).rows[0].n as number;
  /** POST /cases with the cookie, Host set to HOST, and the given headers. */
  const registerWithCookie = (headers: Record<string, string>) => {
    let r = t.http.post('/api/v1/cases').set('host', HOST).set('cookie', cookie).set('idempotency-key', randomUUID());
    for (const [k, v] of Object.entries(headers)) r = r.set(k, v);
    return r.send(registration());
  };
  const expectRejected = (res: request.Response) => {
    expect([res.status, res.body.code]).toEqual([403, 'ORIGIN_REJECTED']);
    expect(res.body.message).toMatch(/来源/);
    expect(res.body.requestId).toEqual(expect.any(String));
  };

  beforeAll(async () => {
    t = await createTestContext();
    // Signing in needs no Origin: there is no session cookie yet (and a foreign one changes nothing).
    const login = await t.http.post(LOGIN).set('origin', 'https://elsewhere.example').send({ username: 'clerk', password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    cookie = sessionCookie(login);
    bearer = login.body.accessToken;
  });
  afterAll(() => t.close());

  it('from another origin: 403 ORIGIN_REJECTED, and nothing is done', async () => {
    const before = await count();
    expectRejected(await registerWithCookie({ origin: 'https://evil.example' }));
    expectRejected(await registerWithCookie({ origin: `http://${HOST}.evil.example` }));
    expectRejected(await registerWithCookie({ origin: `https://${HOST}` })); // another scheme is another origin
    expectRejected(await registerWithCookie({ origin: 'null' }));
    expectRejected(await registerWithCookie({ referer: 'https://evil.example/page.html' }));
    expect(await count()).toBe(before);
  });

  it('without Origin and Referer: refused as well', async () => {
    const before = await count();
    expectRejected(await registerWithCookie({}));
    expect(await count()).toBe(before);
  });

  it('from the service’s own origin (Origin, or Referer when there is no Origin): done', async () => {
    const before = await count();
    const byOrigin = await registerWithCookie({ origin: `http://${HOST}` });
    expect(byOrigin.status).toBe(201);
    const byReferer = await registerWithCookie({ referer: `http://${HOST}/cases/new?x=1` });
    expect(byReferer.status).toBe(201);
    expect(await count()).toBe(before + 2);
    // An action on the case, from a foreign page and then from ours.
    const id = byOrigin.body.id;
    const accept = (origin: string) =>
      t.http.post(`/api/v1/cases/${id}/actions/accept`).set('host', HOST).set('cookie', cookie).set('origin', origin).send({ expectedVersion: byOrigin.body.version });
    expectRejected(await accept('https://evil.example'));
    expect((await accept(`http://${HOST}`)).status).toBe(200);
  });

  it('behind a trusted proxy: the origin the browser saw (X-Forwarded-Proto, X-Forwarded-Host)', async () => {
    const res = await t.http
      .post('/api/v1/cases')
      .set('host', '127.0.0.1:3000')
      .set('x-forwarded-proto', 'https')
      .set('x-forwarded-host', 'gongkai.example.gov.cn')
      .set('origin', 'https://gongkai.example.gov.cn')
      .set('cookie', cookie)
      .set('idempotency-key', randomUUID())
      .send(registration());
    expect(res.status).toBe(201);
  });

  it('reads are not checked; bearer-token requests are not checked', async () => {
    expect((await t.http.get('/api/v1/me').set('cookie', cookie).set('origin', 'https://evil.example')).status).toBe(200);
    const before = await count();
    const plain = await t.http.post('/api/v1/cases').set('authorization', `Bearer ${bearer}`).set('idempotency-key', randomUUID()).send(registration());
    expect(plain.status).toBe(201);
    const foreign = await t.http
      .post('/api/v1/cases')
      .set('authorization', `Bearer ${bearer}`)
      .set('origin', 'https://api-client.example')
      .set('idempotency-key', randomUUID())
      .send(registration());
    expect(foreign.status).toBe(201);
    expect(await count()).toBe(before + 2);
  });

  it('logout by the cookie: refused from another origin (the session lives on), done from ours', async () => {
    const login = await t.http.post(LOGIN).send({ username: 'legal', password: TEST_PASSWORD });
    const legalCookie = sessionCookie(login);
    const out = (origin: string) => t.http.post('/api/v1/auth/logout').set('host', HOST).set('cookie', legalCookie).set('origin', origin);
    expectRejected(await out('https://evil.example'));
    expect((await t.http.get('/api/v1/me').set('cookie', legalCookie)).status).toBe(200);
    expect((await out(`http://${HOST}`)).status).toBe(200);
    expect((await t.http.get('/api/v1/me').set('cookie', legalCookie)).status).toBe(401);
  });
});
