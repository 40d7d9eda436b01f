/** Errors raised by the statutory core reach the caller as 400 with a code and the field, never 500; nothing is half-stored. */
import { FixedClock } from '../../src/platform/clock/clock';
import { act, departmentId, register } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

describe('domain errors as answers', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({}, { clock: FixedClock.at('2026-03-02') });
  });
  afterAll(() => t.close());

  /** 条例第三十五条: a deferral needs the applicant's reasons asked for and judged reasonable. */
  async function reasonable(c: any) {
    // The handler acts on the cases of their department (security review, finding 7).
    c = (await act(t, 'clerk', c, 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-16' })).body;
    c = (await act(t, 'handler', c, 'request-reasons', { occurredOn: '2026-02-16' })).body;
    return (await act(t, 'handler', c, 'record-reasons', { reasonable: true, summary: '理由合理', occurredOn: '2026-02-17' })).body;
  }

  it('defer to a date beyond the calendar → 400 naming deferredTo, case unchanged', async () => {
    let c = (await register(t)).body;
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
    c = await reasonable(c);
    const before = await t.db.query(`SELECT version, (SELECT count(*)::int FROM case_events WHERE case_id = $1) n FROM cases WHERE id = $1`, [c.id]);
    const res = await act(t, 'approver', c, 'defer', { deferredTo: '2045-01-01', reason: '申请数量明显超过合理范围', occurredOn: '2026-02-20' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('DATE_OUT_OF_CALENDAR_RANGE');
    expect(res.body.errors[0].field).toBe('deferredTo');
    expect(res.body.message).toContain('2045-01-01');
    const after = await t.db.query(`SELECT version, (SELECT count(*)::int FROM case_events WHERE case_id = $1) n FROM cases WHERE id = $1`, [c.id]);
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it('clock preview for a future receipt date without asOf is evaluated as of that day', async () => {
    const res = await t.http.post('/api/v1/clock/preview').send({ receiptDate: '2026-04-01' });
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe('2026-04-01');
    expect(res.body.remainingWorkingDays).toBe(20);
  });

  it('clock preview for a past receipt date defaults asOf to today (the injected clock)', async () => {
    const res = await t.http.post('/api/v1/clock/preview').send({ receiptDate: '2026-02-13' });
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe('2026-03-02');
  });

  it('a rule refusal answers 409 with its own stable code and the article (never ACTION_NOT_ALLOWED)', async () => {
    let c = (await register(t)).body;
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
    const again = await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ACTION_NOT_AVAILABLE_IN_STATE');
    c = await reasonable(c);
    c = (await act(t, 'approver', c, 'defer', { deferredTo: '2026-06-30', reason: '申请数量明显超过合理范围', occurredOn: '2026-02-20' })).body;
    const second = await act(t, 'approver', c, 'defer', { deferredTo: '2026-07-30', reason: '再次延迟', occurredOn: '2026-02-20' });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'DEFERRAL_ALREADY_USED', article: '条例第三十五条' });
    expect(second.body.message).toContain('延迟答复只能一次');
  });
});
