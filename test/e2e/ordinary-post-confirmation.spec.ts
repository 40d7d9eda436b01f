/**
 * Ordinary post (legal review finding 22): 条例第31条第（二）项 — 以平常信函等无需签收的邮寄方式提交
 * 政府信息公开申请的，政府信息公开工作机构应当于收到申请的当日与申请人确认. A confirmation on a
 * later Asia/Shanghai date needs a recorded reason (the applicant could not be reached; 国办公开办函
 * 〔2015〕207号: counting starts when contact is restored) and flags the case for the legal audit.
 */
import { register } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

describe('ordinary post: confirmed on the day it arrives, or the delay explained (条例第31条第（二）项)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const count = async () => (await t.db.query(`SELECT count(*)::int n FROM cases`)).rows[0].n;
  const late = { channel: 'ordinary_post', arrivedAt: '2026-11-20T09:00:00+08:00', confirmedAt: '2026-11-22T10:00:00+08:00' };

  it('a confirmation two days after arrival without a reason: 400 naming confirmationDelayReason, nothing stored', async () => {
    const before = await count();
    const res = await register(t, late);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.field)).toEqual(['confirmationDelayReason']);
    expect(res.body.message).toMatch(/条例第三十一条第（二）项/);
    expect(await count()).toBe(before);
  });

  it('with the reason: registered from the confirmation day, flagged late_confirmation, the reason in the history', async () => {
    const res = await register(t, { ...late, confirmationDelayReason: '到达当日电话无人接听，11月22日联系上申请人' });
    expect(res.status).toBe(201);
    expect(res.body.receiptDate).toBe('2026-11-22');
    expect(res.body.flags).toContainEqual(
      expect.objectContaining({
        kind: 'late_confirmation',
        article: '条例第31条第（二）项',
        arrivedOn: '2026-11-20',
        confirmedOn: '2026-11-22',
        reason: '到达当日电话无人接听，11月22日联系上申请人',
      }),
    );
    expect(res.body.history[0]).toMatchObject({ type: 'REGISTERED', payload: { confirmationDelayReason: '到达当日电话无人接听，11月22日联系上申请人' } });
    // The legal audit finds it by its flag.
    const list = await t.http.get('/api/v1/cases?flag=late_confirmation').set('authorization', `Bearer ${await t.login('legal')}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: any) => i.id)).toEqual([res.body.id]);
  });

  it('confirmed the same Asia/Shanghai day (00:30 to 23:00, two UTC dates): no reason, no flag', async () => {
    const res = await register(t, { channel: 'ordinary_post', arrivedAt: '2026-11-19T16:30:00Z', confirmedAt: '2026-11-20T15:00:00Z' });
    expect(res.status).toBe(201);
    expect(res.body.receiptDate).toBe('2026-11-20');
    expect(res.body.flags.map((f: any) => f.kind)).not.toContain('late_confirmation');
  });

  it('a reason where none is needed is refused (400 naming the field); online and fax keep 双方确认之日', async () => {
    const sameDay = await register(t, { channel: 'ordinary_post', arrivedAt: '2026-11-20T09:00:00+08:00', confirmedAt: '2026-11-20T15:00:00+08:00', confirmationDelayReason: '—' });
    expect([sameDay.status, sameDay.body.errors?.[0]?.field]).toEqual([400, 'confirmationDelayReason']);
    const inPerson = await register(t, { confirmationDelayReason: '—' });
    expect([inPerson.status, inPerson.body.errors?.[0]?.field]).toEqual([400, 'confirmationDelayReason']);
    const online = await register(t, { channel: 'online', arrivedAt: '2026-11-20T09:00:00+08:00', confirmedAt: '2026-11-23T09:00:00+08:00' });
    expect([online.status, online.body.receiptDate]).toEqual([201, '2026-11-23']);
    expect(online.body.flags.map((f: any) => f.kind)).not.toContain('late_confirmation');
  });
});
