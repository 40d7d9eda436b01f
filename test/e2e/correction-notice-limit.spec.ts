import { act, register } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

/**
 * Legal review finding 5: 条例第三十条 — the correction notice goes out within 7 working days of
 * receipt, at once. A notice after that day is refused (it would otherwise buy a fresh 20 WD).
 */
describe('a correction notice after the 7-working-day limit is refused (条例第三十条, finding 5)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('refuses request-correction dated after correctionNoticeDue with 409 CORRECTION_NOTICE_LATE', async () => {
    // Received 2026-03-02: notice due 03-11, reply due 03-30.
    let c = (await register(t, { arrivedAt: '2026-03-02T09:00:00+08:00' })).body;
    expect(c.deadlines).toMatchObject({ correctionNoticeDue: '2026-03-11', replyDue: '2026-03-30' });
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-03-02' })).body;
    const late = await act(t, 'clerk', c, 'request-correction', { items: ['请明确所需文件名称'], occurredOn: '2026-03-27' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'CORRECTION_NOTICE_LATE', article: '条例第三十条' });
    expect(late.body.message).toMatch(/7个工作日/);
    const after = (await t.http.get(`/api/v1/cases/${c.id}`).set('authorization', `Bearer ${await t.login('clerk')}`)).body;
    expect([after.state, after.version, after.deadlines.replyDue]).toEqual(['accepted', c.version, '2026-03-30']);
    // Today is long after the limit: the action is no longer offered.
    expect(after.allowedActions).not.toContain('request-correction');
    const letters = (await t.http.get(`/api/v1/cases/${c.id}/letters`).set('authorization', `Bearer ${await t.login('clerk')}`)).body;
    expect(letters.map((l: any) => l.type)).not.toContain('correction_notice');
  });

  it('offers request-correction while the period runs', async () => {
    const now = new Date(Date.now() - 60_000).toISOString();
    const c = (await register(t, { arrivedAt: now })).body;
    expect(c.allowedActions).toEqual(expect.arrayContaining(['accept', 'request-correction']));
  });

  it('still takes a notice on the last day of the period, from registered and from accepted', async () => {
    const fromRegistered = (await register(t, { arrivedAt: '2026-03-02T09:00:00+08:00' })).body;
    const onTheDay = await act(t, 'clerk', fromRegistered, 'request-correction', { items: ['请明确所需文件名称'], occurredOn: '2026-03-11' });
    expect([onTheDay.status, onTheDay.body.state]).toEqual([200, 'awaitingCorrection']);
    let c = (await register(t, { arrivedAt: '2026-03-02T09:00:00+08:00' })).body;
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-03-02' })).body;
    const lateFromRegistered = await act(t, 'clerk', (await register(t, { arrivedAt: '2026-03-02T09:00:00+08:00' })).body, 'request-correction', {
      items: ['请明确所需文件名称'],
      occurredOn: '2026-03-12',
    });
    expect([lateFromRegistered.status, lateFromRegistered.body.code]).toEqual([409, 'CORRECTION_NOTICE_LATE']);
    const inTime = await act(t, 'clerk', c, 'request-correction', { items: ['请明确所需文件名称'], occurredOn: '2026-03-10' });
    expect(inTime.status).toBe(200);
  });
});
