import { TimersService } from '../../src/modules/cases/timers.service';
import { act, departmentId, register } from '../support/cases';
import { createAppOn, createTestContext, TestContext } from '../support/test-app';

/**
 * Legal review finding 8: 条例第三十三条第三款 leaves out only the time the consultation needs
 * (条例第三十二条、第三十四条: 15 working days from receipt of the letter). An expired consultation
 * closes on its answer due date, and every pause ends at min(closedOn, answer due).
 */
describe('consultation pauses end at the answer due date (条例第三十三条第三款, finding 8)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  /** A case received 2026-03-02 (reply due 03-30 without pauses), a consultation sent on 03-05 (answer due 03-26). */
  async function consulting(party: 'agency' | 'thirdParty') {
    let c = (await register(t, { arrivedAt: '2026-03-02T09:00:00+08:00' })).body;
    expect(c.deadlines.replyDue).toBe('2026-03-30');
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-03-02' })).body;
    c = (await act(t, 'clerk', c, 'assign', { departmentId: await departmentId(t), occurredOn: '2026-03-03' })).body;
    // Sent electronically: received the day sent (the 15 WD run from 03-05).
    c = (await act(t, 'handler', c, 'start-consultation', { party, name: '示范县自然资源局', deliveryMethod: 'electronic', occurredOn: '2026-03-05' })).body;
    expect(c.consultations[0].answerDue).toBe('2026-03-26');
    return c;
  }

  it('closes an expired consultation on its answer due date and pauses 15 working days, not 16', async () => {
    const c = await consulting('agency');
    // As if the letter had been recorded on the day it went out.
    await t.db.query(`UPDATE case_timers SET armed_on = '2026-03-05' WHERE case_id = $1`, [c.id]);
    const app = await createAppOn(t.url);
    try {
      await app.get(TimersService).tick();
    } finally {
      await app.close();
    }
    const after = (await t.http.get(`/api/v1/cases/${c.id}`).set('authorization', `Bearer ${await t.login('handler')}`)).body;
    expect(after.consultations[0]).toMatchObject({ state: 'closed', closedOn: '2026-03-26', result: 'noAnswer', expiryEffect: 'deemedConsent' });
    expect(after.history.find((e: any) => e.type === 'CONSULTATION_EXPIRED')).toMatchObject({ occurredOn: '2026-03-27', payload: { dueOn: '2026-03-26' } });
    // 3 working days counted (03-03, 03-04, 03-05), 03-06 … 03-26 paused (15), 17 more from 03-27.
    const pause = after.deadlines.ledger.find((e: any) => e.kind === 'pause');
    expect(pause).toMatchObject({ from: '2026-03-05', to: '2026-03-26', workingDaysRemoved: 15 });
    expect(after.deadlines.replyDue).toBe('2026-04-21');
    const verify = await t.http.get(`/api/v1/cases/${c.id}/history/verify`).set('authorization', `Bearer ${await t.login('legal')}`);
    expect(verify.body).toMatchObject({ intact: true, replayMatches: true });
  });

  it('does not lengthen the pause by an answer that came after the period', async () => {
    let c = await consulting('thirdParty');
    c = (await act(t, 'handler', c, 'close-consultation', { consultationId: 'C1', result: 'agree', occurredOn: '2026-04-03' })).body;
    expect(c.consultations[0]).toMatchObject({ state: 'closed', closedOn: '2026-04-03' });
    expect(c.deadlines.ledger.find((e: any) => e.kind === 'pause')).toMatchObject({ from: '2026-03-05', to: '2026-03-26', workingDaysRemoved: 15 });
    expect(c.deadlines.replyDue).toBe('2026-04-21');
  });

  it('caps the pause the same way in POST /clock/preview', async () => {
    const body = (closedOn: string | null) => ({
      receiptDate: '2026-03-02',
      consultations: [{ party: 'agency', sentOn: '2026-03-05', ...(closedOn ? { closedOn } : {}) }],
      asOf: '2026-04-10',
    });
    for (const closedOn of ['2026-03-27', '2026-04-08', null]) {
      const res = await t.http.post('/api/v1/clock/preview').send(body(closedOn));
      expect([closedOn, res.status, res.body.replyDue, res.body.pausedWorkingDays]).toEqual([closedOn, 200, '2026-04-21', 15]);
    }
    // An answer within the period ends the pause on the day it came.
    const early = await t.http.post('/api/v1/clock/preview').send(body('2026-03-12'));
    expect([early.body.pausedWorkingDays, early.body.replyDue]).toEqual([5, '2026-04-07']);
  });
});
