import { residentIdCheckDigit } from '../../src/domain/intake';
import { act, departmentId, expectEveryCaseReplays, register, registration } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

/**
 * Legal review finding 6: 国办函〔2020〕109号第四条 — 同一申请人一个自然月内累计申请10件以下（含10件）
 * 的，不收费；11—30件，100元/件 … The count is every application (件) the applicant made to the agency
 * in the calendar month of this application's receipt, not the earlier fee notices.
 */
const residentId = (first17: string) => first17 + residentIdCheckDigit(first17);
const applicant = { ...registration().applicant, name: '周八', idNumber: residentId('11010519850505004') };
const other = { ...registration().applicant, name: '吴九', idNumber: residentId('11010519860606005') };

describe('按件 fees count the applicant\'s applications of the month of receipt (109号第四条, finding 6)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  async function application(who: typeof applicant, day: string, over: Record<string, any> = {}) {
    const res = await register(t, { applicant: who, arrivedAt: `${day}T09:00:00+08:00`, ...over });
    expect([res.status, res.body.message]).toEqual([201, undefined]);
    return res.body;
  }
  async function handling(c: any, on: string) {
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: on })).body;
    c = (await act(t, 'clerk', c, 'assign', { departmentId: await departmentId(t), occurredOn: on })).body;
    return c;
  }

  it('charges the 11th application of the month as the first one, on the case view as fee.amount', async () => {
    await application(applicant, '2026-02-27'); // February: another month
    await application(other, '2026-03-02'); // another applicant
    const march: any[] = [];
    for (let i = 0; i < 10; i++) march.push(await application(applicant, '2026-03-02'));
    expect(march[0].items).toBe(1);
    const eleventh = await handling(await application(applicant, '2026-03-03'), '2026-03-03');
    // After the reply deadline no fee may be charged (109号: 在处理期限内发出收费通知; legal review 21).
    const late = await act(t, 'handler', eleventh, 'issue-fee-notice', { method: 'per_item', occurredOn: '2026-04-01' });
    expect([late.status, late.body.code]).toEqual([409, 'FEE_NOTICE_AFTER_DEADLINE']);
    // The notice goes out on the last day of the reply period (109号: 在处理期限内); the month of receipt governs the count.
    const res = await act(t, 'handler', eleventh, 'issue-fee-notice', { method: 'per_item', occurredOn: '2026-03-31' });
    expect([res.status, res.body.message]).toEqual([200, undefined]);
    expect(res.body.fee).toMatchObject({ method: 'per_item', amount: 100, items: 1, noticeOn: '2026-03-31' });
    expect(res.body.items).toBe(1);
    const ev = res.body.history.find((e: any) => e.type === 'ISSUE_FEE_NOTICE');
    expect(ev.payload).toMatchObject({ method: 'per_item', items: 1, amount: 100 });
    expect(ev.payload.fee.breakdown).toEqual([{ from: 11, to: 11, count: 1, unitPrice: 100, subtotal: 100 }]);
    // One of the first ten is free: a per-item notice of 0 元 is refused.
    const tenth = await handling(march[9], '2026-03-04');
    const free = await act(t, 'handler', tenth, 'issue-fee-notice', { method: 'per_item', occurredOn: '2026-03-05' });
    expect([free.status, free.body.code]).toEqual([409, 'FEE_AMOUNT_INVALID']);
  });

  it('counts the 件 of each application: a 12th application of 3 件 pays for 件 12-14, and the next ones count them', async () => {
    // (Builds on the month above: 11 applications of 1 件 each, received 03-02 and 03-03.)
    let twelfth = await handling(await application(applicant, '2026-03-10', { items: 3 }), '2026-03-10');
    expect(twelfth.items).toBe(3);
    twelfth = (await act(t, 'handler', twelfth, 'issue-fee-notice', { method: 'per_item', occurredOn: '2026-03-11' })).body;
    expect(twelfth.fee).toMatchObject({ amount: 300, items: 3 });
    // A notice may give the application's 件 itself: the case keeps the count.
    let thirteenth = await handling(await application(applicant, '2026-03-12'), '2026-03-12');
    thirteenth = (await act(t, 'handler', thirteenth, 'issue-fee-notice', { method: 'per_item', items: 2, occurredOn: '2026-03-12' })).body;
    expect(thirteenth.fee).toMatchObject({ amount: 200, items: 2 }); // 件 15 and 16
    expect(thirteenth.items).toBe(2);
    const stored = await t.db.query(`SELECT items FROM cases WHERE id = $1`, [thirteenth.id]);
    expect(stored.rows[0].items).toBe(2);
    const next = await handling(await application(applicant, '2026-03-13', { items: 15 }), '2026-03-13');
    const r = await act(t, 'handler', next, 'issue-fee-notice', { method: 'per_item', occurredOn: '2026-03-13' });
    // 件 17-30 at 100, 31 at 200.
    expect(r.body.fee).toMatchObject({ amount: 14 * 100 + 200, items: 15 });
    // The other applicant's month starts from 1.
    const theirs = await handling(await application(other, '2026-03-13', { items: 11 }), '2026-03-13');
    const o = await act(t, 'handler', theirs, 'issue-fee-notice', { method: 'per_item', occurredOn: '2026-03-13' });
    expect(o.body.fee.amount).toBe(200); // their 件 2-12: 11 and 12 charged
  });

  it('refuses a bad 件 count with a 400 naming the field', async () => {
    const bad = await register(t, { applicant, items: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toContain('items');
    expect(bad.body.errors.find((e: any) => e.field === 'items').message).toMatch(/items.*[\u4e00-\u9fff]/);
    const c = await handling(await application(applicant, '2026-05-04'), '2026-05-04');
    const res = await act(t, 'handler', c, 'issue-fee-notice', { method: 'per_item', items: 1.5, occurredOn: '2026-05-05' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.field)).toContain('items');
  });

  it('every case replays through the statechart to its stored state (the 件 of a notice included)', async () => {
    await expectEveryCaseReplays(t);
  });
});
