/**
 * Taking access away (issue 11, finding 9): an admin deactivates a user, changes roles or the
 * display name, or resets the password; each ends that user's sessions at once and is recorded in
 * user_admin_events. An admin cannot deactivate themselves or drop their own admin role.
 */
import { hashPassword } from '../../src/modules/users/passwords';
import { createTestContext, TestContext, TEST_PASSWORD } from '../support/test-app';

const LOGIN = '/api/v1/auth/login';

describe('user administration ends sessions', () => {
  let t: TestContext;
  let admin: string;
  let adminId: string;
  beforeAll(async () => {
    t = await createTestContext();
    admin = `Bearer ${await t.login('admin')}`;
    adminId = (await t.db.query(`SELECT id FROM users WHERE username = 'admin'`)).rows[0].id;
  });
  afterAll(() => t.close());

  const create = async (username: string, roles: string[]) => {
    const res = await t.http
      .post('/api/v1/users')
      .set('authorization', admin)
      .send({ username, displayName: '临时用户', password: TEST_PASSWORD, roles });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const signIn = async (username: string, password = TEST_PASSWORD) => {
    const res = await t.http.post(LOGIN).send({ username, password });
    expect(res.status).toBe(200);
    return `Bearer ${res.body.accessToken}`;
  };
  const me = (token: string) => t.http.get('/api/v1/me').set('authorization', token);
  const events = async (userId: string) =>
    (await t.db.query(`SELECT action, actor_id, changes FROM user_admin_events WHERE user_id = $1 ORDER BY id`, [userId])).rows;

  it('deactivating a user ends their session, and they cannot sign in again', async () => {
    const id = await create('temp-clerk', ['clerk']);
    const token = await signIn('temp-clerk');
    expect((await me(token)).status).toBe(200);
    const res = await t.http.patch(`/api/v1/users/${id}`).set('authorization', admin).send({ active: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, active: false });
    expect((await me(token)).status).toBe(401);
    expect((await t.http.post(LOGIN).send({ username: 'temp-clerk', password: TEST_PASSWORD })).status).toBe(401);
    expect(await events(id)).toEqual([
      { action: 'create', actor_id: adminId, changes: expect.objectContaining({ roles: ['clerk'] }) },
      { action: 'update', actor_id: adminId, changes: { active: { from: true, to: false } } },
    ]);
    // Reactivated: may sign in again.
    expect((await t.http.patch(`/api/v1/users/${id}`).set('authorization', admin).send({ active: true })).status).toBe(200);
    await signIn('temp-clerk');
  });

  it('changing roles ends every session of that user', async () => {
    const id = await create('temp-handler', ['handler']);
    const a = await signIn('temp-handler');
    const b = await signIn('temp-handler');
    const res = await t.http.patch(`/api/v1/users/${id}`).set('authorization', admin).send({ roles: ['clerk', 'clerk'] });
    expect(res.status).toBe(200);
    expect(res.body.roles).toEqual(['clerk']);
    expect((await me(a)).status).toBe(401);
    expect((await me(b)).status).toBe(401);
    const fresh = await signIn('temp-handler');
    expect((await me(fresh)).body.roles).toEqual(['clerk']);
    expect((await events(id)).at(-1)).toMatchObject({ action: 'update', changes: { roles: { from: ['handler'], to: ['clerk'] } } });
  });

  it('a new display name also ends the sessions', async () => {
    const id = await create('temp-legal', ['legal']);
    const token = await signIn('temp-legal');
    const res = await t.http.patch(`/api/v1/users/${id}`).set('authorization', admin).send({ displayName: '  新名字 ' });
    expect(res.status).toBe(200);
    expect(res.body.displayName).toBe('新名字');
    expect((await me(token)).status).toBe(401);
  });

  it('a password reset ends the sessions; the old password stops working', async () => {
    const id = await create('temp-approver', ['approver']);
    const token = await signIn('temp-approver');
    const res = await t.http.post(`/api/v1/users/${id}/password-reset`).set('authorization', admin).send({ password: 'Reset-Passw0rd!' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expect((await me(token)).status).toBe(401);
    expect((await t.http.post(LOGIN).send({ username: 'temp-approver', password: TEST_PASSWORD })).status).toBe(401);
    await signIn('temp-approver', 'Reset-Passw0rd!');
    const last = (await events(id)).at(-1);
    expect(last).toMatchObject({ action: 'password_reset', actor_id: adminId });
    expect(JSON.stringify(last)).not.toContain('Reset-Passw0rd!');
  });

  it('an admin cannot deactivate themselves or drop their own admin role (409)', async () => {
    const off = await t.http.patch(`/api/v1/users/${adminId}`).set('authorization', admin).send({ active: false });
    expect(off.status).toBe(409);
    expect(off.body.code).toBe('CANNOT_DEACTIVATE_SELF');
    expect(off.body.message).toMatch(/[\u4e00-\u9fff]/);
    const demote = await t.http.patch(`/api/v1/users/${adminId}`).set('authorization', admin).send({ roles: ['clerk'] });
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('CANNOT_REMOVE_OWN_ADMIN');
    expect((await me(admin)).status).toBe(200);
    // Their own display name: allowed, and their current session stays.
    expect((await t.http.patch(`/api/v1/users/${adminId}`).set('authorization', admin).send({ displayName: '系统管理员' })).status).toBe(200);
    expect((await me(admin)).status).toBe(200);
  });

  it('validation errors name the field in Chinese (400)', async () => {
    const id = await create('temp-valid', ['clerk']);
    const cases: Array<[object, string]> = [
      [{ roles: ['boss'] }, 'roles'],
      [{ roles: [] }, 'roles'],
      [{ active: 'no' }, 'active'],
      [{ displayName: '' }, 'displayName'],
      [{ password: 'x' }, 'password'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http.patch(`/api/v1/users/${id}`).set('authorization', admin).send(body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
      expect(res.body.errors[0].field).toBe(field);
      expect(res.body.errors[0].message).toMatch(/[\u4e00-\u9fff]/);
    }
    const empty = await t.http.patch(`/api/v1/users/${id}`).set('authorization', admin).send({});
    expect(empty.status).toBe(400);
    expect(empty.body.message).toMatch(/[\u4e00-\u9fff]/);
    const short = await t.http.post(`/api/v1/users/${id}/password-reset`).set('authorization', admin).send({ password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.errors[0]).toEqual({ field: 'password', message: expect.stringContaining('8') });
  });

  it('only an admin, only within their own agency', async () => {
    const id = await create('temp-scope', ['clerk']);
    const clerk = `Bearer ${await t.login('clerk')}`;
    const refused = await t.http.patch(`/api/v1/users/${id}`).set('authorization', clerk).send({ active: false });
    expect(refused.status).toBe(403);
    const other = (
      await t.db.query(
        `INSERT INTO agencies (name, short_name, doc_prefix, disclosure_office_name, reconsideration_body, court, settings)
         VALUES ('别县人民政府', '别县政府', '别政公开', '别县政府办公室', '别市人民政府', '别市中级人民法院', '{}') RETURNING id`,
      )
    ).rows[0].id;
    const stranger = (
      await t.db.query(`INSERT INTO users (agency_id, username, display_name, password_hash, roles) VALUES ($1, 'stranger', '外人', $2, '{clerk}') RETURNING id`, [
        other,
        await hashPassword(TEST_PASSWORD),
      ])
    ).rows[0].id;
    expect((await t.http.patch(`/api/v1/users/${stranger}`).set('authorization', admin).send({ active: false })).status).toBe(404);
    expect((await t.http.post(`/api/v1/users/${stranger}/password-reset`).set('authorization', admin).send({ password: 'Passw0rd-123' })).status).toBe(404);
    expect((await t.http.patch(`/api/v1/users/not-a-uuid`).set('authorization', admin).send({ active: false })).status).toBe(404);
  });
});
