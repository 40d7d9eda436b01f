/**
 * Issue 11, finding 8: the applicant's identity number and phone are masked in every view (the case
 * detail, the answer of registration and of every action, a repeated idempotent answer, the
 * worklist, the letters); a clerk, legal staff and the case's handler may reveal them with
 * POST /cases/:id/reveal, and each reveal is recorded in the case's hash-chained history
 * (查看敏感信息留痕). Others are refused and leave no trace.
 */
import { randomUUID } from 'node:crypto';
import { act, departmentId, register, RESIDENT_ID } from '../support/cases';
import { createTestContext, TestContext, TEST_PASSWORD } from '../support/test-app';

const PHONE = '13800000000';
const MASKED_ID = `110***********${RESIDENT_ID.slice(-4)}`;
const MASKED_PHONE = '138****0000';

describe('applicant identity number and phone', () => {
  let t: TestContext;
  let otherDept: string;
  const bearer = async (role: string) => `Bearer ${await t.login(role)}`;
  const expectNoFullValues = (body: unknown) => {
    const json = JSON.stringify(body);
    expect(json).not.toContain(RESIDENT_ID);
    expect(json).not.toContain(PHONE);
  };
  const reveal = async (role: string, id: string, body: Record<string, unknown> = {}) =>
    t.http.post(`/api/v1/cases/${id}/reveal`).set('authorization', await bearer(role)).send(body);
  const detail = async (id: string, role = 'legal') => (await t.http.get(`/api/v1/cases/${id}`).set('authorization', await bearer(role))).body;
  const verify = async (id: string) =>
    (await t.http.get(`/api/v1/cases/${id}/history/verify`).set('authorization', await bearer('legal'))).body;
  const userId = async (username: string) => (await t.db.query(`SELECT id FROM users WHERE username = $1`, [username])).rows[0].id as string;

  /** A registered, accepted case assigned to `dept` (and `assigneeId`, when given). */
  async function assignedCase(dept: string, assigneeId?: string) {
    let c = (await register(t)).body;
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
    c = (await act(t, 'clerk', c, 'assign', { departmentId: dept, ...(assigneeId ? { assigneeId } : {}), occurredOn: '2026-02-24' })).body;
    expect(c.departmentId).toBe(dept);
    return c;
  }

  beforeAll(async () => {
    t = await createTestContext();
    // A second department with a handler of its own, made through the admin API.
    const admin = await bearer('admin');
    const dept = await t.http.post('/api/v1/departments').set('authorization', admin).send({ name: '自然资源科' });
    expect(dept.status).toBe(201);
    otherDept = dept.body.id;
    const user = await t.http
      .post('/api/v1/users')
      .set('authorization', admin)
      .send({ username: 'handler2', displayName: '另一承办人', password: TEST_PASSWORD, roles: ['handler'], departmentId: otherDept });
    expect(user.status).toBe(201);
  });
  afterAll(() => t.close());

  it('are masked in the registration answer and in the detail for every role', async () => {
    const registered = await register(t);
    expect(registered.status).toBe(201);
    expect(registered.body.applicant).toEqual({
      type: 'natural',
      category: 'natural_person',
      name: '张三',
      idType: 'resident_id',
      idNumber: MASKED_ID,
      phone: MASKED_PHONE,
      address: '示范县人民路2号',
    });
    expectNoFullValues(registered.body);
    // The handler reads the case once it is assigned to their department (security finding 7).
    const accepted = (await act(t, 'clerk', registered.body, 'accept')).body;
    await act(t, 'clerk', accepted, 'assign', { departmentId: await departmentId(t) });
    for (const role of ['admin', 'approver', 'clerk', 'handler', 'legal']) {
      const body = await detail(registered.body.id, role);
      expect([role, body.applicant.idNumber, body.applicant.phone]).toEqual([role, MASKED_ID, MASKED_PHONE]);
      expectNoFullValues(body);
    }
    // Stored in full all the same (letters, the applicant key, a reveal).
    const stored = (await t.db.query(`SELECT applicant FROM cases WHERE id = $1`, [registered.body.id])).rows[0].applicant;
    expect([stored.idNumber, stored.phone]).toEqual([RESIDENT_ID, PHONE]);
  });

  it('are masked in the worklist, the letters, action answers and repeated (idempotent) answers', async () => {
    const c = (await register(t)).body;
    const clerk = await bearer('clerk');
    const list = await t.http.get('/api/v1/cases').query({ pageSize: 100 }).set('authorization', clerk);
    expect(list.status).toBe(200);
    expect(list.body.items.find((i: any) => i.id === c.id).applicantIdNumber).toBe(MASKED_ID);
    expectNoFullValues(list.body);
    const letters = await t.http.get(`/api/v1/cases/${c.id}/letters`).set('authorization', clerk);
    expect(letters.status).toBe(200);
    expectNoFullValues(letters.body);

    const key = `accept-${c.id}`;
    const send = () =>
      t.http.post(`/api/v1/cases/${c.id}/actions/accept`).set('authorization', clerk).set('idempotency-key', key).send({ expectedVersion: c.version });
    const accepted = await send();
    expect(accepted.status).toBe(200);
    expect(accepted.body.applicant.idNumber).toBe(MASKED_ID);
    expectNoFullValues(accepted.body);
    const stored = (await t.db.query(`SELECT body FROM case_action_requests WHERE case_id = $1 AND idempotency_key = $2`, [c.id, key])).rows[0];
    expectNoFullValues(stored.body);
    const again = await send();
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(accepted.body.version);
    expectNoFullValues(again.body);

    // An answer stored before views were masked is masked when it is sent again.
    const old = JSON.parse(stored.body);
    old.applicant = { ...old.applicant, idNumber: RESIDENT_ID, phone: PHONE };
    await t.db.query(`UPDATE case_action_requests SET body = $3 WHERE case_id = $1 AND idempotency_key = $2`, [c.id, key, JSON.stringify(old)]);
    const replayed = await send();
    expect(replayed.body.applicant).toMatchObject({ idNumber: MASKED_ID, phone: MASKED_PHONE });
    expectNoFullValues(replayed.body);
  });

  it('a clerk and legal staff may reveal them; each reveal is in the history with its actor and reason', async () => {
    const c = (await register(t)).body;
    const before = await detail(c.id);

    const byClerk = await reveal('clerk', c.id, { reason: '电话联系申请人补正' });
    expect(byClerk.status).toBe(200);
    expect(byClerk.body).toEqual({ idType: 'resident_id', idNumber: RESIDENT_ID, phone: PHONE });
    const byLegal = await reveal('legal', c.id);
    expect(byLegal.status).toBe(200);
    expect(byLegal.body.idNumber).toBe(RESIDENT_ID);

    const after = await detail(c.id);
    expect(after.version).toBe(before.version + 2);
    expectNoFullValues(after);
    const entries = after.history.filter((e: any) => e.type === 'SENSITIVE_DATA_REVEALED');
    expect(entries).toEqual([
      expect.objectContaining({
        payload: { fields: ['idNumber', 'phone'], reason: '电话联系申请人补正' },
        actor: expect.objectContaining({ id: await userId('clerk'), username: 'clerk' }),
      }),
      expect.objectContaining({
        payload: { fields: ['idNumber', 'phone'], reason: null },
        actor: expect.objectContaining({ id: await userId('legal'), username: 'legal' }),
      }),
    ]);
    expect(entries.map((e: any) => e.seq)).toEqual([before.history.length + 1, before.history.length + 2]);
    expect(await verify(c.id)).toMatchObject({ intact: true, replayMatches: true, events: before.history.length + 2, problems: [] });
    // The case goes on: a reveal is a fact, not a step of the statechart.
    const accepted = await act(t, 'clerk', after, 'accept');
    expect(accepted.status).toBe(200);
    expect(await verify(c.id)).toMatchObject({ intact: true, replayMatches: true, problems: [] });
  });

  it('approvers and admins are refused (403) and nothing is recorded', async () => {
    const c = (await register(t)).body;
    for (const role of ['approver', 'admin']) {
      const res = await reveal(role, c.id, { reason: '想看看' });
      expect([role, res.status, res.body.code]).toEqual([role, 403, 'FORBIDDEN_ROLE']);
      expect(res.body.message).toMatch(/登记员、法制审核人员和本案的承办人/);
      expectNoFullValues(res.body);
    }
    const after = await detail(c.id);
    expect(after.version).toBe(c.version);
    expect(after.history).toHaveLength(c.history.length);
  });

  it('a handler only on a case of their department or assigned to them', async () => {
    // Not yet assigned: no department's handler may see them.
    const unassigned = (await register(t)).body;
    expect((await reveal('handler', unassigned.id)).status).toBe(403);

    const ours = await assignedCase(await departmentId(t));
    expect((await reveal('handler', ours.id)).status).toBe(200);
    const refused = await reveal('handler2', ours.id);
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);
    const reveals = (await detail(ours.id)).history.filter((e: any) => e.type === 'SENSITIVE_DATA_REVEALED');
    expect(reveals.map((e: any) => e.actor.username)).toEqual(['handler']);

    const theirs = await assignedCase(otherDept);
    expect((await reveal('handler2', theirs.id)).status).toBe(200);
    expect((await reveal('handler', theirs.id)).status).toBe(403);

    // Assigned to them by name in another department's case.
    const named = await assignedCase(await departmentId(t), await userId('handler2'));
    expect((await reveal('handler2', named.id)).status).toBe(200);
    expect(await verify(named.id)).toMatchObject({ intact: true, replayMatches: true, problems: [] });
  });

  it('concurrent reveals append one after the other (the case row is locked)', async () => {
    const c = (await register(t)).body;
    const roles = ['clerk', 'legal', 'clerk', 'legal', 'clerk', 'legal'];
    for (const r of roles) await t.login(r);
    const answers = await Promise.all(roles.map((r, i) => reveal(r, c.id, { reason: `第${i + 1}次` })));
    expect(answers.map((a) => a.status)).toEqual(Array(roles.length).fill(200));
    const after = await detail(c.id);
    expect(after.version).toBe(c.version + roles.length);
    const seqs = after.history.map((e: any) => e.seq);
    expect(seqs).toEqual(Array.from({ length: c.history.length + roles.length }, (_, i) => i + 1));
    expect(await verify(c.id)).toMatchObject({ intact: true, replayMatches: true, events: c.history.length + roles.length, problems: [] });
  });

  it('answers 404 for an unknown case, 400 for a bad body, and needs no body', async () => {
    expect((await reveal('clerk', randomUUID())).status).toBe(404);
    expect((await reveal('clerk', 'not-a-uuid')).status).toBe(404);
    const c = (await register(t)).body;
    const extra = await reveal('clerk', c.id, { reason: '核对', fields: ['idNumber'] });
    expect([extra.status, extra.body.errors?.[0]?.field]).toEqual([400, 'fields']);
    const long = await reveal('clerk', c.id, { reason: '长'.repeat(501) });
    expect([long.status, long.body.errors?.[0]?.field]).toEqual([400, 'reason']);
    expect((await detail(c.id)).version).toBe(c.version);
    const bare = await t.http.post(`/api/v1/cases/${c.id}/reveal`).set('authorization', await bearer('clerk'));
    expect(bare.status).toBe(200);
    expect(bare.body.phone).toBe(PHONE);
  });
});
