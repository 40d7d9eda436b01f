import { hashPassword } from '../../src/modules/users/passwords';
import { createTestContext, TestContext, TEST_PASSWORD } from '../support/test-app';

function expectErrorShape(body: any, status: number, code?: string) {
  expect(body.statusCode).toBe(status);
  expect(typeof body.code).toBe('string');
  if (code) expect(body.code).toBe(code);
  expect(body.message).toMatch(/[\u4e00-\u9fff]/);
  expect(typeof body.requestId).toBe('string');
  expect(body.requestId.length).toBeGreaterThan(0);
}

describe('errors answer one JSON shape in Chinese', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ loginMaxFailures: 3 });
  });
  afterAll(() => t.close());

  it('unknown route → 404', async () => {
    const res = await t.http.get('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expectErrorShape(res.body, 404, 'NOT_FOUND');
  });

  it('malformed JSON → 400', async () => {
    const res = await t.http.post('/api/v1/auth/login').set('content-type', 'application/json').send('{"username":');
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 400, 'MALFORMED_JSON');
  });

  it('a body over 1 MB → 413', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ username: 'x', password: 'y'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
    expectErrorShape(res.body, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a wrong content type → 415', async () => {
    const res = await t.http.post('/api/v1/auth/login').set('content-type', 'text/plain').send('username=clerk');
    expect(res.status).toBe(415);
    expectErrorShape(res.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('unknown body fields and missing fields → 400 naming the field', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ username: 'clerk', password: 'x', extra: 1 });
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ field: 'extra', message: expect.stringContaining('extra') }]);
    const missing = await t.http.post('/api/v1/auth/login').send({ username: 'clerk' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('password');
    expect(missing.body.errors[0].message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('no token → 401; a bad token → 401', async () => {
    const res = await t.http.get('/api/v1/me');
    expect(res.status).toBe(401);
    expectErrorShape(res.body, 401, 'UNAUTHENTICATED');
    const bad = await t.http.get('/api/v1/me').set('authorization', 'Bearer nonsense');
    expect(bad.status).toBe(401);
    expectErrorShape(bad.body, 401);
  });

  it('wrong password → 401 with the error shape', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ username: 'legal', password: 'wrong-password' });
    expect(res.status).toBe(401);
    expectErrorShape(res.body, 401, 'INVALID_CREDENTIALS');
  });

  it('backs off after repeated failures: even the right password is refused alike (401) until the wait passes', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await t.http.post('/api/v1/auth/login').send({ username: 'approver', password: 'nope-nope' });
      expect(r.status).toBe(401);
    }
    const waiting = await t.http.post('/api/v1/auth/login').send({ username: 'approver', password: TEST_PASSWORD });
    expect(waiting.status).toBe(401);
    expectErrorShape(waiting.body, 401, 'INVALID_CREDENTIALS');
    // The wait has passed (login-backoff.spec.ts moves the clock instead).
    await t.db.query(`UPDATE login_throttle SET last_compared_at = now() - interval '1 hour' WHERE key LIKE '%approver'`);
    const ok = await t.http.post('/api/v1/auth/login').send({ username: 'approver', password: TEST_PASSWORD });
    expect(ok.status).toBe(200);
  });

  it('throttles a login flood from one client with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const r = await t.http.post('/api/v1/auth/login').send({ username: `nobody${i}`, password: 'whatever1' });
      statuses.push(r.status);
      if (r.status === 429) {
        expectErrorShape(r.body, 429, 'TOO_MANY_REQUESTS');
        break;
      }
    }
    expect(statuses).toContain(429);
  });
});

describe('sessions: logout and password change', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('logout makes the token stop working', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ username: 'clerk', password: TEST_PASSWORD });
    const token = res.body.accessToken;
    expect((await t.http.get('/api/v1/me').set('authorization', `Bearer ${token}`)).status).toBe(200);
    expect((await t.http.post('/api/v1/auth/logout').set('authorization', `Bearer ${token}`)).status).toBe(200);
    const after = await t.http.get('/api/v1/me').set('authorization', `Bearer ${token}`);
    expect(after.status).toBe(401);
  });

  it('a cookie session works like the bearer token', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ username: 'handler', password: TEST_PASSWORD });
    const cookie = res.headers['set-cookie'];
    expect(cookie).toBeDefined();
    const me = await t.http.get('/api/v1/me').set('cookie', cookie);
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('handler');
  });

  it('changes the password, refuses a wrong current one, and ends other sessions', async () => {
    const a = (await t.http.post('/api/v1/auth/login').send({ username: 'legal', password: TEST_PASSWORD })).body.accessToken;
    const b = (await t.http.post('/api/v1/auth/login').send({ username: 'legal', password: TEST_PASSWORD })).body.accessToken;
    const wrong = await t.http
      .post('/api/v1/auth/password')
      .set('authorization', `Bearer ${a}`)
      .send({ currentPassword: 'not-it', newPassword: 'New-Passw0rd!' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('currentPassword');
    const short = await t.http
      .post('/api/v1/auth/password')
      .set('authorization', `Bearer ${a}`)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.errors[0]).toEqual({ field: 'newPassword', message: expect.stringContaining('8') });
    const ok = await t.http
      .post('/api/v1/auth/password')
      .set('authorization', `Bearer ${a}`)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'New-Passw0rd!' });
    expect(ok.status).toBe(200);
    expect((await t.http.get('/api/v1/me').set('authorization', `Bearer ${a}`)).status).toBe(200);
    expect((await t.http.get('/api/v1/me').set('authorization', `Bearer ${b}`)).status).toBe(401);
    const old = await t.http.post('/api/v1/auth/login').send({ username: 'legal', password: TEST_PASSWORD });
    expect(old.status).toBe(401);
    const fresh = await t.http.post('/api/v1/auth/login').send({ username: 'legal', password: 'New-Passw0rd!' });
    expect(fresh.status).toBe(200);
  });
});

describe('roles and agency scope', () => {
  let t: TestContext;
  let otherAgencyId: string;
  let otherDeptId: string;
  beforeAll(async () => {
    t = await createTestContext();
    const a = await t.db.query(
      `INSERT INTO agencies (name, short_name, doc_prefix, disclosure_office_name, reconsideration_body, court, settings)
       VALUES ('另一县人民政府', '另一县政府', '另政公开', '另一县政府办公室', '另一市人民政府', '另一市中级人民法院', '{}') RETURNING id`,
    );
    otherAgencyId = a.rows[0].id;
    otherDeptId = (await t.db.query(`INSERT INTO departments (agency_id, name) VALUES ($1, '秘书科') RETURNING id`, [otherAgencyId])).rows[0].id;
    await t.db.query(
      `INSERT INTO users (agency_id, username, display_name, password_hash, roles) VALUES ($1, 'admin2', '另一管理员', $2, '{admin}')`,
      [otherAgencyId, await hashPassword(TEST_PASSWORD)],
    );
  });
  afterAll(() => t.close());

  const adminOnly: Array<[string, string, object?]> = [
    ['get', '/api/v1/users'],
    ['post', '/api/v1/users', { username: 'newbie', displayName: '新人', password: 'Passw0rd-123', roles: ['clerk'] }],
    ['patch', '/api/v1/agency', { phone: '123' }],
    ['post', '/api/v1/departments', { name: '新科室' }],
  ];

  it.each(['clerk', 'handler', 'approver', 'legal'])('%s is refused the admin endpoints (403)', async (role) => {
    const token = await t.login(role);
    for (const [method, url, body] of adminOnly) {
      const res = await (t.http as any)[method](url).set('authorization', `Bearer ${token}`).send(body ?? {});
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN_ROLE');
      expect(res.body.message).toMatch(/无权/);
    }
  });

  it('admin may use them', async () => {
    const token = await t.login('admin');
    const created = await t.http
      .post('/api/v1/users')
      .set('authorization', `Bearer ${token}`)
      .send({ username: 'newbie', displayName: '新人', password: 'Passw0rd-123', roles: ['clerk'] });
    expect(created.status).toBe(201);
    expect(created.body.passwordHash).toBeUndefined();
    const dept = await t.http.post('/api/v1/departments').set('authorization', `Bearer ${token}`).send({ name: '法制科' });
    expect(dept.status).toBe(201);
    const dup = await t.http.post('/api/v1/departments').set('authorization', `Bearer ${token}`).send({ name: '法制科' });
    expect(dup.status).toBe(409);
    const patched = await t.http
      .patch('/api/v1/agency')
      .set('authorization', `Bearer ${token}`)
      .send({ phone: '0000-7654321', settings: { feePausesClock: false } });
    expect(patched.status).toBe(200);
    expect(patched.body.settings.feePausesClock).toBe(false);
    expect(patched.body.settings.warningWorkingDays).toEqual([3, 1]);
    const bad = await t.http.patch('/api/v1/agency').set('authorization', `Bearer ${token}`).send({ settings: { warningWorkingDays: [0] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('settings.warningWorkingDays');
    // null may clear an optional column, never one that must hold a value (found by the fuzzing: a 500)
    for (const [body, field] of [
      [{ disclosureOfficeName: null }, 'disclosureOfficeName'],
      [{ court: null }, 'court'],
      [{ settings: null }, 'settings'],
      [{ settings: { warningWorkingDays: null } }, 'settings.warningWorkingDays'],
      [{ settings: { docSeries: { reply: null } } }, 'settings.docSeries.reply'],
    ] as const) {
      const res = await t.http.patch('/api/v1/agency').set('authorization', `Bearer ${token}`).send(body);
      expect([field, res.status, res.body.errors?.[0]?.field]).toEqual([field, 400, field]);
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const cleared = await t.http.patch('/api/v1/agency').set('authorization', `Bearer ${token}`).send({ disclosureOfficePhone: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.disclosureOfficePhone).toBeNull();
  });

  it('a user of one agency never sees another agency’s data', async () => {
    const mine = await t.login('admin');
    const theirs = await t.login('admin2');
    const myUsers = (await t.http.get('/api/v1/users').set('authorization', `Bearer ${mine}`)).body;
    const theirUsers = (await t.http.get('/api/v1/users').set('authorization', `Bearer ${theirs}`)).body;
    expect(theirUsers.map((u: any) => u.username)).toEqual(['admin2']);
    expect(myUsers.map((u: any) => u.username)).not.toContain('admin2');
    const theirDepts = (await t.http.get('/api/v1/departments').set('authorization', `Bearer ${theirs}`)).body;
    expect(theirDepts.map((d: any) => d.name)).toEqual(['秘书科']);
    const agency = (await t.http.get('/api/v1/agency').set('authorization', `Bearer ${theirs}`)).body;
    expect(agency.id).toBe(otherAgencyId);
    // Another agency's department cannot be used.
    const cross = await t.http
      .post('/api/v1/users')
      .set('authorization', `Bearer ${mine}`)
      .send({ username: 'crosser', displayName: '越界', password: 'Passw0rd-123', roles: ['handler'], departmentId: otherDeptId });
    expect(cross.status).toBe(404);
  });
});
