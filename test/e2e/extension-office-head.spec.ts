import { hashPassword } from '../../src/modules/users/passwords';
import { act, departmentId, register } from '../support/cases';
import { createTestContext, TEST_PASSWORD, TestContext } from '../support/test-app';

/**
 * Legal review finding 11: 条例第三十三条第二款 — an extension “应当经政府信息公开工作机构负责人同意”.
 * Only a holder of the role office_head (政府信息公开工作机构负责人) may extend; the extension
 * records who agreed.
 */
describe('extensions need the head of the disclosure office (条例第三十三条第二款, finding 11)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    // An approver who is not the head of the disclosure office.
    const agencyId = (await t.db.query(`SELECT agency_id FROM users WHERE username = 'approver'`)).rows[0].agency_id;
    await t.db.query(
      `INSERT INTO users (agency_id, username, display_name, password_hash, roles) VALUES ($1, 'approver2', '科室审批人', $2, $3)`,
      [agencyId, await hashPassword(TEST_PASSWORD), ['approver']],
    );
  });
  afterAll(() => t.close());

  async function handling() {
    let c = (await register(t)).body;
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
    c = (await act(t, 'clerk', c, 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-24' })).body;
    return c;
  }

  it('the demo approver also holds office_head', async () => {
    const me = await t.http.get('/api/v1/me').set('authorization', `Bearer ${await t.login('approver')}`);
    expect(me.body.roles ?? me.body.user?.roles).toEqual(expect.arrayContaining(['approver', 'office_head']));
  });

  it('refuses extend with 403 to a user without office_head, and records who agreed when the head extends', async () => {
    const c = await handling();
    for (const who of ['approver2', 'handler', 'clerk']) {
      const res = await act(t, who, c, 'extend', { workingDays: 10, reason: '需调取大量档案', occurredOn: '2026-03-16' });
      expect([who, res.status, res.body.code]).toEqual([who, 403, 'FORBIDDEN_ROLE']);
      expect(res.body.message).toMatch(/政府信息公开工作机构负责人/);
    }
    const approverId = (await t.db.query(`SELECT id FROM users WHERE username = 'approver'`)).rows[0].id;
    const ok = await act(t, 'approver', c, 'extend', { workingDays: 10, reason: '需调取大量档案', occurredOn: '2026-03-16' });
    expect(ok.status).toBe(200);
    expect(ok.body.summary.extension).toMatchObject({ workingDays: 10, approvedBy: approverId, approvedByName: '审批人', on: '2026-03-16' });
    const ev = ok.body.history.find((e: any) => e.type === 'EXTEND');
    expect(ev.payload).toMatchObject({ approvedBy: approverId, approvedByName: '审批人' });
    expect(ev.actor).toMatchObject({ username: 'approver' });
    const verify = await t.http.get(`/api/v1/cases/${c.id}/history/verify`).set('authorization', `Bearer ${await t.login('legal')}`);
    expect(verify.body).toMatchObject({ intact: true, replayMatches: true });
  });

  it('offers extend to the office head only', async () => {
    // Received today: the reply deadline is still ahead.
    let c = (await register(t, { arrivedAt: new Date(Date.now() - 60_000).toISOString() })).body;
    c = (await act(t, 'clerk', c, 'accept')).body;
    const view = async (who: string) =>
      (await t.http.get(`/api/v1/cases/${c.id}`).set('authorization', `Bearer ${await t.login(who)}`)).body.allowedActions as string[];
    expect(await view('approver')).toContain('extend');
    expect(await view('approver2')).not.toContain('extend');
  });

  it('lets an admin give a user the office_head role', async () => {
    const res = await t.http
      .post('/api/v1/users')
      .set('authorization', `Bearer ${await t.login('admin')}`)
      .send({ username: 'officehead', displayName: '公开办主任', password: TEST_PASSWORD, roles: ['office_head'] });
    expect(res.status).toBe(201);
    expect(res.body.roles).toEqual(['office_head']);
  });
});
