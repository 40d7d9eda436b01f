import { act, departmentId, expectEveryCaseReplays, register } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

/**
 * Legal review finding 4: 条例第三十五条 — “数量、频次明显超过合理范围，行政机关可以要求申请人说明理由。
 * 行政机关认为申请理由不合理的，告知申请人不予处理；行政机关认为申请理由合理，但是无法在本条例第三十三条
 * 规定的期限内答复申请人的，可以确定延迟答复的合理期限并告知申请人。”
 */
describe('第35条 deferral needs reasons judged reasonable, within and beyond the 第33条 deadline (finding 4)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  /** Received 2026-03-02: the 第33条 deadline is 2026-03-30. */
  async function handling() {
    let c = (await register(t, { arrivedAt: '2026-03-02T09:00:00+08:00' })).body;
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-03-02' })).body;
    c = (await act(t, 'clerk', c, 'assign', { departmentId: await departmentId(t), occurredOn: '2026-03-03' })).body;
    expect(c.deadlines.replyDue).toBe('2026-03-30');
    return c;
  }
  const defer = (c: any, body: Record<string, any>) => act(t, 'approver', c, 'defer', { reason: '申请数量明显超过合理范围，无法在法定期限内答复', ...body });

  it('refuses a deferral without reasons recorded as reasonable', async () => {
    let c = await handling();
    const none = await defer(c, { deferredTo: '2026-05-29', occurredOn: '2026-03-10' });
    expect([none.status, none.body.code, none.body.article]).toEqual([409, 'DEFERRAL_REASONS_NOT_REASONABLE', '条例第三十五条']);
    const req = await act(t, 'handler', c, 'request-reasons', { occurredOn: '2026-03-04' });
    expect([req.status, req.body.message]).toEqual([200, undefined]);
    c = req.body;
    expect(c.summary.reasonsInquiry).toMatchObject({ requestedOn: '2026-03-04' });
    const pending = await defer(c, { deferredTo: '2026-05-29', occurredOn: '2026-03-10' });
    expect(pending.body.code).toBe('DEFERRAL_REASONS_NOT_REASONABLE');
    c = (await act(t, 'handler', c, 'record-reasons', { reasonable: false, summary: '申请人称系课题研究所需，但未说明与所申请信息的关系', occurredOn: '2026-03-09' })).body;
    expect(c.summary.reasonsInquiry).toMatchObject({ reasonable: false, recordedOn: '2026-03-09' });
    const unreasonable = await defer(c, { deferredTo: '2026-05-29', occurredOn: '2026-03-10' });
    expect(unreasonable.body.code).toBe('DEFERRAL_REASONS_NOT_REASONABLE');
    // Judged unreasonable: 不予处理 (条例第三十五条, excessive_requests) may be proposed.
    const proposed = await act(t, 'handler', c, 'propose', { outcome: 'excessive_requests', reasons: '申请理由不合理', occurredOn: '2026-03-10' });
    expect([proposed.status, proposed.body.message]).toEqual([200, undefined]);
  });

  it('defers only when decided on or before the 第33条 deadline, to a later date; the original deadline stays in the ledger', async () => {
    let c = await handling();
    c = (await act(t, 'handler', c, 'request-reasons', { occurredOn: '2026-03-04' })).body;
    c = (await act(t, 'handler', c, 'record-reasons', { reasonable: true, summary: '申请人为编写地方志需要，理由合理', occurredOn: '2026-03-09' })).body;
    const notLater = await defer(c, { deferredTo: '2026-03-27', occurredOn: '2026-03-10' });
    expect([notLater.status, notLater.body.code, notLater.body.article]).toEqual([409, 'DEFERRAL_NOT_AFTER_DEADLINE', '条例第三十五条']);
    const sameDay = await defer(c, { deferredTo: '2026-03-30', occurredOn: '2026-03-10' });
    expect(sameDay.body.code).toBe('DEFERRAL_NOT_AFTER_DEADLINE');
    const tooLate = await defer(c, { deferredTo: '2026-06-30', occurredOn: '2026-03-31' });
    expect([tooLate.status, tooLate.body.code, tooLate.body.article]).toEqual([409, 'DEFERRAL_AFTER_DEADLINE', '条例第三十五条']);
    const ok = await defer(c, { deferredTo: '2026-05-29', occurredOn: '2026-03-30' });
    expect([ok.status, ok.body.message]).toEqual([200, undefined]);
    c = ok.body;
    expect(c.deadlines.replyDue).toBe('2026-05-29');
    expect(c.deadlines.ledger).toContainEqual(expect.objectContaining({ kind: 'deadline', name: 'statutoryReplyDue', date: '2026-03-30' }));
    expect(c.deadlines.ledger).toContainEqual(expect.objectContaining({ kind: 'deferral', date: '2026-05-29' }));
    expect(c.summary.deferral).toMatchObject({ deferredTo: '2026-05-29', replyDue: '2026-03-30', on: '2026-03-30' });
  });

  it('refuses excessive_requests without reasons judged unreasonable, and bad bodies with 400', async () => {
    let c = await handling();
    const bare = await act(t, 'handler', c, 'propose', { outcome: 'excessive_requests', reasons: '数量明显超过合理范围', occurredOn: '2026-03-04' });
    expect([bare.status, bare.body.code, bare.body.article]).toEqual([409, 'EXCESSIVE_REQUESTS_REASONS_REQUIRED', '条例第三十五条']);
    c = (await act(t, 'handler', c, 'request-reasons', { occurredOn: '2026-03-04' })).body;
    const early = await act(t, 'handler', c, 'propose', { outcome: 'excessive_requests', reasons: '数量明显超过合理范围', occurredOn: '2026-03-05' });
    expect(early.body.code).toBe('EXCESSIVE_REQUESTS_REASONS_REQUIRED');
    const again = await act(t, 'handler', c, 'request-reasons', { occurredOn: '2026-03-05' });
    expect([again.status, again.body.code]).toEqual([409, 'REASONS_ALREADY_REQUESTED']);
    for (const [body, field] of [
      [{ summary: '理由' }, 'reasonable'],
      [{ reasonable: 'yes', summary: '理由' }, 'reasonable'],
      [{ reasonable: true }, 'summary'],
      [{ reasonable: true, summary: '   ' }, 'summary'],
    ] as const) {
      const res = await act(t, 'handler', c, 'record-reasons', { ...body, occurredOn: '2026-03-06' });
      expect([field, res.status]).toEqual([field, 400]);
      const err = res.body.errors.find((e: any) => e.field === field);
      expect(err.message).toMatch(new RegExp(`${field}.*[\\u4e00-\\u9fff]`));
    }
    const notAsked = await act(t, 'handler', await handling(), 'record-reasons', { reasonable: true, summary: '理由', occurredOn: '2026-03-06' });
    expect([notAsked.status, notAsked.body.code]).toEqual([409, 'REASONS_NOT_REQUESTED']);
    const wrongRole = await act(t, 'clerk', c, 'record-reasons', { reasonable: true, summary: '理由', occurredOn: '2026-03-06' });
    expect(wrongRole.status).toBe(403);
  });

  it('every case replays through the statechart to its stored state', async () => {
    await handling();
    await handling();
    await expectEveryCaseReplays(t);
  });
});
