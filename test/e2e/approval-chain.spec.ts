/**
 * The agency's approval chain (报批) set through PATCH /agency: each step names an active approver
 * of the agency, or a role that may approve; a reply submitted afterwards goes through every step
 * in order. And a user's department (承办部门) changed through PATCH /users/:id.
 */
import { OUTCOMES } from '../../src/domain/outcomes/outcomes';
import { act, departmentId, register } from '../support/cases';
import { createTestContext, TEST_PASSWORD, TestContext } from '../support/test-app';

describe('approval chain and user departments (agency administration)', () => {
  let t: TestContext;
  let dept: string;
  let head: string;
  let otherDeptHandler: string;
  const bearer = async (who: string) => `Bearer ${await t.login(who)}`;

  beforeAll(async () => {
    t = await createTestContext();
    dept = await departmentId(t);
    const admin = await bearer('admin');
    const mk = async (u: Record<string, unknown>) => {
      const res = await t.http.post('/api/v1/users').set('authorization', admin).send({ ...u, password: TEST_PASSWORD });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    head = await mk({ username: 'section-head', displayName: '科室负责人', roles: ['approver'], departmentId: dept });
    otherDeptHandler = await mk({ username: 'mover', displayName: '调岗承办人', roles: ['handler'] });
  });
  afterAll(() => t.close());

  const patchChain = async (chain: unknown) =>
    t.http.patch('/api/v1/agency').set('authorization', await bearer('admin')).send({ settings: { approvalChain: chain } });

  it('refuses a step nobody could approve, naming the field, and stores nothing', async () => {
    const before = (await t.db.query(`SELECT settings FROM agencies`)).rows[0].settings;
    const byRole = await patchChain([{ step: '分管领导' }]);
    expect(byRole.status).toBe(400);
    expect(byRole.body.errors).toEqual([expect.objectContaining({ field: 'settings.approvalChain.0.step' })]);
    expect(byRole.body.message).toMatch(/未指定审批人/);

    const notApprover = await patchChain([{ step: '科室负责人', approverId: otherDeptHandler }]);
    expect(notApprover.status).toBe(400);
    expect(notApprover.body.errors).toEqual([expect.objectContaining({ field: 'settings.approvalChain.0.approverId' })]);

    const tooLong = await patchChain(Array.from({ length: 6 }, () => ({ step: 'approver' })));
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body.errors)).toMatch(/approvalChain/);

    expect((await t.db.query(`SELECT settings FROM agencies`)).rows[0].settings).toEqual(before);
  });

  it('a reply submitted after the chain is set goes through its steps in order', async () => {
    const set = await patchChain([{ step: '科室负责人', approverId: head }, { step: 'approver' }]);
    expect(set.status).toBe(200);
    expect(set.body.settings.approvalChain).toEqual([{ step: '科室负责人', approverId: head }, { step: 'approver' }]);
    const read = await t.http.get('/api/v1/agency').set('authorization', await bearer('clerk'));
    expect(read.body.settings.approvalChain).toHaveLength(2);

    let c = (await register(t)).body;
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
    c = (await act(t, 'clerk', c, 'assign', { departmentId: dept, occurredOn: '2026-02-16' })).body;
    const notExist = OUTCOMES.find((o) => o.code === 'not_exist')!;
    c = (await act(t, 'handler', c, 'propose', { outcome: 'not_exist', basis: notExist.basis, reasons: '经检索，本机关未制作或获取该信息', searchPerformed: '档案系统', occurredOn: '2026-02-24' })).body;
    c = (await act(t, 'handler', c, 'submit-for-approval', { occurredOn: '2026-02-24' })).body;
    expect(c.state).toBe('inApproval');
    expect(c.summary.approvalChain).toEqual([{ step: '科室负责人', approverId: head }, { step: 'approver' }]);

    // The inbox holds a case for whoever takes its pending step, and for nobody else.
    const inbox = async (who: string) =>
      (await t.http.get('/api/v1/approvals').set('authorization', await bearer(who))).body.items.map((x: any) => x.id);
    expect(await inbox('section-head')).toContain(c.id);
    expect(await inbox('approver')).not.toContain(c.id);

    // The first step is the section head's alone: the demo approver is refused, nothing changes.
    const early = await act(t, 'approver', c, 'approve', { occurredOn: '2026-02-25' });
    expect([early.status, early.body.code]).toEqual([409, 'NOT_YOUR_APPROVAL_STEP']);
    c = (await act(t, 'section-head', c, 'approve', { occurredOn: '2026-02-25' })).body;
    expect(c.state).toBe('inApproval');
    // One person, one level: the section head (an approver too) does not take the second step.
    expect(await inbox('section-head')).not.toContain(c.id);
    expect(await inbox('approver')).toContain(c.id);
    const twice = await act(t, 'section-head', c, 'approve', { occurredOn: '2026-02-26' });
    expect([twice.status, twice.body.code]).toEqual([409, 'APPROVER_ALREADY_APPROVED']);
    c = (await act(t, 'approver', c, 'approve', { occurredOn: '2026-02-26' })).body;
    expect(c.state).not.toBe('inApproval');

    // A later change does not touch a case already through approval; clearing the chain restores one step.
    const cleared = await patchChain([]);
    expect(cleared.body.settings.approvalChain).toEqual([]);
  });

  it("an admin moves a user to a department (or out of any), recorded, and the user's sessions end", async () => {
    const token = await t.login('mover');
    const admin = await bearer('admin');
    const moved = await t.http.patch(`/api/v1/users/${otherDeptHandler}`).set('authorization', admin).send({ departmentId: dept });
    expect([moved.status, moved.body.departmentId]).toEqual([200, dept]);
    expect((await t.http.get('/api/v1/me').set('authorization', `Bearer ${token}`)).status).toBe(401);
    const event = (await t.db.query(`SELECT changes FROM user_admin_events WHERE user_id = $1 AND action = 'update' ORDER BY id DESC LIMIT 1`, [otherDeptHandler])).rows[0];
    expect(event.changes.departmentId).toEqual({ from: null, to: dept });

    const bad = await t.http.patch(`/api/v1/users/${otherDeptHandler}`).set('authorization', admin).send({ departmentId: 'not-a-uuid' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('departmentId');

    const out = await t.http.patch(`/api/v1/users/${otherDeptHandler}`).set('authorization', admin).send({ departmentId: null });
    expect([out.status, out.body.departmentId]).toEqual([200, null]);
  });
});
