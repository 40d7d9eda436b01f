import { randomUUID } from 'node:crypto';
import { residentIdCheckDigit } from '../../src/domain/intake';
import { TestContext } from './test-app';

export const RESIDENT_ID = (() => {
  const first17 = '11010519491231002';
  return first17 + residentIdCheckDigit(first17);
})();

export function registration(over: Record<string, any> = {}) {
  return {
    channel: 'in_person',
    arrivedAt: '2026-02-13T10:05:00+08:00',
    applicant: {
      type: 'natural',
      category: 'natural_person',
      name: '张三',
      idType: 'resident_id',
      idNumber: RESIDENT_ID,
      phone: '13800000000',
      address: '示范县人民路2号',
    },
    description: '申请公开2025年度示范县道路建设项目的招标文件。',
    form: 'paper',
    deliveryMethod: 'post',
    ...over,
  };
}

export async function register(t: TestContext, over: Record<string, any> = {}, key: string = randomUUID()) {
  const token = await t.login('clerk');
  return t.http.post('/api/v1/cases').set('authorization', `Bearer ${token}`).set('idempotency-key', key).send(registration(over));
}

/**
 * The reason `act` gives for an action dated in the past (补录): most tests record a case's history
 * with fixed 2026 dates on the real clock, so their actions lie beyond the grace window.
 */
export const TEST_BACKDATE_REASON = '测试：按纸质记录补录';

/**
 * POST an action as `role` with the case's current version. With an `occurredOn` and no
 * `backdateReason` key, it adds TEST_BACKDATE_REASON; pass `backdateReason: undefined` to send none.
 */
export async function act(t: TestContext, role: string, c: { id: string; version: number } | Record<string, any>, action: string, body: Record<string, any> = {}) {
  const token = await t.login(role);
  const reason = body.occurredOn !== undefined && !('backdateReason' in body) ? { backdateReason: TEST_BACKDATE_REASON } : {};
  return t.http
    .post(`/api/v1/cases/${c.id}/actions/${action}`)
    .set('authorization', `Bearer ${token}`)
    .send({ expectedVersion: c.version, ...reason, ...body });
}

export async function departmentId(t: TestContext): Promise<string> {
  return (await t.db.query(`SELECT id FROM departments WHERE name = '政务公开科'`)).rows[0].id;
}

/**
 * A case whose applicant's correction period (5 WD from 2026-02-24, the notice handed over that day)
 * ran out on 2026-03-02, armed on the day it went out.
 */
export async function caseWithExpiredCorrection(t: TestContext) {
  let c = (await register(t)).body;
  c = (await act(t, 'clerk', c, 'request-correction', { items: ['请说明所需信息的名称或文号'], periodWorkingDays: 5, deliveryMethod: 'in_person', occurredOn: '2026-02-24' })).body;
  expect(c.state).toBe('awaitingCorrection');
  // As if the correction notice had been recorded on the day it went out (not backdated today).
  await t.db.query(`UPDATE case_timers SET armed_on = '2026-02-24' WHERE case_id = $1`, [c.id]);
  return c;
}

/** Every case in the test database replays through the statechart to exactly its stored state. */
export async function expectEveryCaseReplays(t: TestContext) {
  const ids = (await t.db.query(`SELECT id FROM cases`)).rows.map((r: any) => r.id);
  expect(ids.length).toBeGreaterThan(5);
  const token = await t.login('legal');
  for (const id of ids) {
    const v = (await t.http.get(`/api/v1/cases/${id}/history/verify`).set('authorization', `Bearer ${token}`)).body;
    expect([id, v.intact, v.replayMatches, v.problems]).toEqual([id, true, true, []]);
  }
}

/**
 * A case whose 不存在 reply (条例第三十六条第（四）项) has been approved: ready for delivery. `over`:
 * the registration's fields (e.g. the applicant's e-mail and the requested delivery method).
 */
export async function decidedCase(t: TestContext, over: Record<string, any> = {}) {
  let c = (await register(t, over)).body;
  c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
  c = (await act(t, 'clerk', c, 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-16' })).body;
  c = (await act(t, 'handler', c, 'propose', { outcome: 'not_exist', searchPerformed: '检索了公文管理系统', occurredOn: '2026-02-24' })).body;
  c = (await act(t, 'handler', c, 'submit-for-approval', { occurredOn: '2026-02-24' })).body;
  c = (await act(t, 'approver', c, 'approve', { occurredOn: '2026-02-25' })).body;
  expect(c.state).toBe('decided');
  return c;
}
