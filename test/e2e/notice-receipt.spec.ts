/**
 * Legal review findings 1, 10 and 23 through the API, on a clock that moves day by day:
 * - the periods the law counts from the recipient's receipt (条例第30、32、34条; 国办函〔2020〕109号)
 *   run from the day recorded with record-letter-receipt; while a posted notice's receipt is not
 *   known, its due is null (awaitingReceipt) and no expiry timer is armed;
 * - consultations by basis: a 第17条第三款 referral pauses until answered, with no timer; another
 *   agency under 第11条 expires to "the agency decides";
 * - the letters print those periods, never a date, and mark a provisional date.
 * The letters are parsed back from their PDFs.
 */
import { TimersService } from '../../src/modules/cases/timers.service';
import { FixedClock } from '../../src/platform/clock/clock';
import { act, departmentId, register, registration } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';
import { fetchLetterText } from '../support/letters';

type Body = Record<string, any>;

describe('notices and their receipt (findings 1, 10, 23)', () => {
  let t: TestContext;
  const clock = FixedClock.at('2026-03-02');
  beforeAll(async () => {
    t = await createTestContext({}, { clock });
  });
  afterAll(() => t.close());

  /** POST an action that must succeed; returns the case. */
  async function step(role: string, c: Body, action: string, body: Body = {}): Promise<Body> {
    const res = await act(t, role, c, action, body);
    expect([action, res.status, res.body.message]).toEqual([action, 200, undefined]);
    return res.body;
  }

  const timers = async (caseId: string) =>
    (
      await t.db.query(
        `SELECT kind, ref, to_char(due_on, 'YYYY-MM-DD') AS due FROM case_timers WHERE case_id = $1 AND fired_at IS NULL ORDER BY kind, ref`,
        [caseId],
      )
    ).rows;

  const get = async (id: string, role = 'legal') => (await t.http.get(`/api/v1/cases/${id}`).set('authorization', `Bearer ${await t.login(role)}`)).body;

  const letterText = (letterId: string) => fetchLetterText(t, letterId);

  /** A case received Mon 2026-03-02 (reply due 03-30), accepted and assigned to the handler's department. */
  async function handling(over: Body = {}): Promise<Body> {
    clock.set('2026-03-02');
    let c = (await register(t, { arrivedAt: '2026-03-02T09:00:00+08:00', ...over })).body;
    expect(c.deadlines.replyDue).toBe('2026-03-30');
    c = await step('clerk', c, 'accept');
    return step('clerk', c, 'assign', { departmentId: await departmentId(t) });
  }

  const verified = async (id: string) =>
    expect((await t.http.get(`/api/v1/cases/${id}/history/verify`).set('authorization', `Bearer ${await t.login('legal')}`)).body).toMatchObject({
      intact: true,
      replayMatches: true,
      problems: [],
    });

  it('a posted consultation letter: no due and no timer until its receipt is recorded; then 15 WD from receipt (the review\'s example)', async () => {
    let c = await handling();
    clock.set('2026-03-05');
    c = await step('handler', c, 'start-consultation', { party: 'agency', name: '示范县自然资源局' });
    expect(c.consultations[0]).toMatchObject({ basis: 'coProducer', deliveryMethod: 'post', receivedOn: null, awaitingReceipt: true, answerDue: null });
    expect(c.deadlines.consultationDues[0]).toMatchObject({ due: null, awaitingReceipt: true });
    expect((await timers(c.id)).map((x: Body) => x.kind)).toEqual(['reply']);
    const notice = c.notices.find((n: Body) => n.kind === 'consultation');
    expect(notice).toMatchObject({ letterType: 'agency_consultation', consultationId: 'C1', sentOn: '2026-03-05', deliveryMethod: 'post', awaitingReceipt: true });
    // Offered to the case's handler and to the clerks, not to an approver.
    expect(c.allowedActions).toContain('record-letter-receipt');
    expect((await get(c.id, 'clerk')).allowedActions).toContain('record-letter-receipt');
    expect((await get(c.id, 'approver')).allowedActions).not.toContain('record-letter-receipt');

    // The letter prints the period from receipt, not a date counted from the day sent.
    const text = await letterText(notice.letterId);
    expect(text).toContain('请贵机关自收到本函之日起15个工作日内提出书面意见；逾期未提出意见的，视为同意公开');
    expect(text).not.toContain('2026年3月26日');
    expect(text).not.toMatch(/即\d{4}年/);

    // Posted Thu 03-05, delivered Mon 03-09: due 03-30, not 03-26.
    clock.set('2026-03-10');
    c = await step('clerk', c, 'record-letter-receipt', { letterId: notice.letterId, receivedOn: '2026-03-09' });
    expect(c.consultations[0]).toMatchObject({ receivedOn: '2026-03-09', awaitingReceipt: false, answerDue: '2026-03-30' });
    expect(c.notices[0]).toMatchObject({ receivedOn: '2026-03-09', awaitingReceipt: false });
    expect(await timers(c.id)).toEqual(expect.arrayContaining([{ kind: 'consultation_period', ref: 'C1', due: '2026-03-30' }]));
    expect(c.history[c.history.length - 1]).toMatchObject({
      type: 'RECORD_LETTER_RECEIPT',
      occurredOn: '2026-03-10',
      payload: { letterId: notice.letterId, letterType: 'agency_consultation', consultationId: 'C1', receivedOn: '2026-03-09', docNumber: notice.docNumber },
    });

    // 03-27, the day the old count would have expired it: nothing happens.
    clock.set('2026-03-27');
    await t.app.get(TimersService).tick();
    expect((await get(c.id)).consultations[0].state).toBe('open');
    // 03-31: the co-producer's 15 WD ended on 03-30 (条例第34条: deemed consent).
    clock.set('2026-03-31');
    await t.app.get(TimersService).tick();
    const after = await get(c.id);
    expect(after.consultations[0]).toMatchObject({ state: 'closed', closedOn: '2026-03-30', result: 'noAnswer', expiryEffect: 'deemedConsent' });
    expect(after.deadlines.ledger.find((e: Body) => e.kind === 'pause')).toMatchObject({ from: '2026-03-05', to: '2026-03-30' });
    await verified(c.id);
  });

  it('refuses a wrong receipt with its code, a bad date with 400 naming the field, another case\'s letter with 404 — and stores nothing', async () => {
    let c = await handling();
    clock.set('2026-03-05');
    c = await step('handler', c, 'start-consultation', { party: 'thirdParty', name: '示范建设工程有限公司' });
    const letterId = c.notices[0].letterId;
    const receiptLetter = c.letters.find((l: Body) => l.type === 'receipt').id;
    const other = await handling();
    clock.set('2026-03-06');
    const tries: Array<[string, Body, number, string]> = [
      ['approver', { letterId, receivedOn: '2026-03-06' }, 403, 'FORBIDDEN_ROLE'],
      ['clerk', { letterId, receivedOn: '2026-03-04' }, 409, 'LETTER_RECEIVED_BEFORE_ISSUE'],
      ['clerk', { letterId, receivedOn: '2026-03-07' }, 409, 'LETTER_RECEIVED_AFTER_RECORDING'],
      ['clerk', { letterId, receivedOn: '2026-02-30' }, 400, 'VALIDATION_FAILED'],
      ['clerk', { letterId: 'not-a-letter', receivedOn: '2026-03-06' }, 400, 'VALIDATION_FAILED'],
      ['clerk', { receivedOn: '2026-03-06' }, 400, 'VALIDATION_FAILED'],
      ['clerk', { letterId: receiptLetter, receivedOn: '2026-03-06' }, 409, 'LETTER_RECEIPT_NOT_APPLICABLE'],
      ['clerk', { letterId: other.letters[0].id, receivedOn: '2026-03-06' }, 404, 'NOT_FOUND'],
    ];
    for (const [role, body, status, code] of tries) {
      const res = await act(t, role, c, 'record-letter-receipt', body);
      expect([body, res.status, res.body.code]).toEqual([body, status, code]);
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
      if (status === 400) expect(res.body.errors[0].field).toBe(body.letterId && body.receivedOn === '2026-02-30' ? 'receivedOn' : 'letterId');
    }
    expect((await get(c.id)).version).toBe(c.version);
    expect((await get(c.id)).history).toHaveLength(c.history.length);
    c = await step('handler', c, 'record-letter-receipt', { letterId, receivedOn: '2026-03-06' });
    const again = await act(t, 'clerk', c, 'record-letter-receipt', { letterId, receivedOn: '2026-03-06' });
    expect([again.status, again.body.code]).toEqual([409, 'LETTER_RECEIPT_ALREADY_RECORDED']);
    // A letter handed over in person is received the day it goes out.
    c = await step('handler', c, 'start-consultation', { party: 'agency', basis: 'other', name: '示范县交通运输局', deliveryMethod: 'in_person' });
    expect(c.consultations[1]).toMatchObject({ deliveryMethod: 'in_person', receivedOn: '2026-03-06', answerDue: '2026-03-27' });
    const handed = await act(t, 'clerk', c, 'record-letter-receipt', { letterId: c.notices[1].letterId, receivedOn: '2026-03-06' });
    expect([handed.status, handed.body.code]).toEqual([409, 'LETTER_RECEIPT_ALREADY_RECORDED']);
    await verified(c.id);
  });

  it('a receipt recorded after its period already ran out is not acted on by itself: a person is told', async () => {
    let c = await handling();
    clock.set('2026-03-05');
    c = await step('handler', c, 'start-consultation', { party: 'thirdParty', name: '示范建设工程有限公司' });
    clock.set('2026-04-10'); // the delivery record comes back late: received 03-06, due 03-27
    c = await step('clerk', c, 'record-letter-receipt', { letterId: c.notices[0].letterId, receivedOn: '2026-03-06' });
    expect(c.consultations[0].answerDue).toBe('2026-03-27');
    await t.app.get(TimersService).tick();
    const after = await get(c.id);
    expect(after.consultations[0].state).toBe('open');
    const notes = (await t.http.get('/api/v1/notifications').set('authorization', `Bearer ${await t.login('clerk')}`)).body;
    expect(notes.some((n: Body) => n.caseId === c.id && n.kind === 'lapsed_on_entry')).toBe(true);
  });

  it('the fee notice: 20 WD from the applicant\'s receipt (the review\'s example), printed as a period', async () => {
    let c = await handling();
    clock.set('2026-03-20');
    c = await step('handler', c, 'issue-fee-notice', { method: 'per_page', pages: 100 });
    expect(c.fee).toMatchObject({ deliveryMethod: 'post', dueOn: null, awaitingReceipt: true });
    expect(c.deadlines.feePaymentDues[0]).toMatchObject({ due: null, awaitingReceipt: true });
    expect((await timers(c.id)).map((x: Body) => x.kind)).toEqual(['reply']);
    const notice = c.notices.find((n: Body) => n.kind === 'fee');
    const text = await letterText(notice.letterId);
    expect(text).toContain('请您自收到本通知之日起20个工作日内通过');
    expect(text).not.toMatch(/请您于\d{4}年/);
    clock.set('2026-03-25');
    c = await step('clerk', c, 'record-letter-receipt', { letterId: notice.letterId, receivedOn: '2026-03-24' });
    expect(c.fee).toMatchObject({ receivedOn: '2026-03-24', dueOn: '2026-04-22', awaitingReceipt: false });
    expect(await timers(c.id)).toEqual(expect.arrayContaining([{ kind: 'fee_period', ref: '', due: '2026-04-22' }]));
    // The preview counts from the same receipt.
    const p = await t.http.post('/api/v1/clock/preview').send({ receiptDate: '2026-03-02', feePeriods: [{ noticeOn: '2026-03-20', receivedOn: '2026-03-24' }], asOf: '2026-03-25' });
    expect(p.body.feePaymentDues[0].due).toBe('2026-04-22');
    expect(p.body.replyDue).toBe(c.deadlines.replyDue);
    clock.set('2026-04-21'); // 04-20, the old due date, has passed: the applicant is still within time
    await t.app.get(TimersService).tick();
    expect((await get(c.id)).summary.closureProposed).toBe(false);
    clock.set('2026-04-23');
    await t.app.get(TimersService).tick();
    // The lapse proposes the closure (视为放弃申请, finding 7); a person submits and an approver decides.
    expect((await get(c.id)).summary).toMatchObject({ closureProposed: true, closure: { ground: 'fee_unpaid', dueOn: '2026-04-22' } });
    await verified(c.id);
  });

  it('the 补正告知书: by post the applicant\'s period waits for the delivery record; electronically it runs from the day sent', async () => {
    clock.set('2026-03-02');
    let posted = (await register(t, { arrivedAt: '2026-03-02T09:00:00+08:00' })).body;
    posted = await step('clerk', posted, 'request-correction', { items: ['请写明所需文件的名称或文号'], periodWorkingDays: 10 });
    expect(posted.deadlines).toMatchObject({ applicantCorrectionDue: null, applicantCorrectionAwaitingReceipt: true });
    expect(posted.summary.correction).toMatchObject({ deliveryMethod: 'post' });
    expect(await timers(posted.id)).toEqual([]);
    const text = await letterText(posted.notices[0].letterId);
    expect(text).toContain('请您自收到本告知书之日起10个工作日内');
    clock.set('2026-03-05');
    posted = await step('clerk', posted, 'record-letter-receipt', { letterId: posted.notices[0].letterId, receivedOn: '2026-03-04' });
    expect(posted.deadlines).toMatchObject({ applicantCorrectionDue: '2026-03-18', applicantCorrectionAwaitingReceipt: false });
    expect(await timers(posted.id)).toEqual([{ kind: 'correction_period', ref: '', due: '2026-03-18' }]);
    await verified(posted.id);

    clock.set('2026-03-02');
    let emailed = (await register(t, { arrivedAt: '2026-03-02T09:00:00+08:00', deliveryMethod: 'email', applicant: { ...registration().applicant, email: 'a@example.cn' } })).body;
    emailed = await step('clerk', emailed, 'request-correction', { items: ['请写明所需文件的名称或文号'], periodWorkingDays: 10 });
    expect(emailed.summary.correction).toMatchObject({ deliveryMethod: 'electronic', noticeReceivedOn: '2026-03-02' });
    expect(emailed.deadlines.applicantCorrectionDue).toBe('2026-03-16');
    expect(await timers(emailed.id)).toEqual([{ kind: 'correction_period', ref: '', due: '2026-03-16' }]);
  });

  it('a 第17条第三款 referral: its own letter, no answer period, no timer, the clock paused until the answer (finding 10)', async () => {
    let c = await handling();
    clock.set('2026-03-05');
    c = await step('handler', c, 'start-consultation', { party: 'agency', basis: 'secrecyReferral', name: '示范县国家保密局' });
    expect(c.consultations[0]).toMatchObject({ basis: 'secrecyReferral', answerDue: null, awaitingReceipt: false });
    expect(c.notices[0]).toMatchObject({ letterType: 'secrecy_referral', awaitingReceipt: false });
    expect(c.letters.map((l: Body) => l.type)).toEqual(['receipt', 'secrecy_referral']);
    expect(await timers(c.id)).toEqual([expect.objectContaining({ kind: 'reply' })]);
    const text = await letterText(c.notices[0].letterId);
    expect(text).toContain('关于政府信息是否可以公开的征求意见函');
    expect(text).toContain('根据《中华人民共和国政府信息公开条例》第十七条第三款的规定，现报请贵单位确定');
    expect(text).not.toContain('视为同意');
    expect(text).not.toContain('个工作日');
    const refused = await act(t, 'clerk', c, 'record-letter-receipt', { letterId: c.notices[0].letterId, receivedOn: '2026-03-05' });
    expect([refused.status, refused.body.code]).toEqual([409, 'LETTER_RECEIPT_NOT_APPLICABLE']);
    // The answer came after 30 working days: all of them are left out (no 15-WD cap).
    clock.set('2026-04-17');
    c = await step('handler', c, 'close-consultation', { consultationId: 'C1', result: 'agree' });
    const paused = (await t.http.get('/api/v1/calendar/working-days-between?from=2026-03-05&to=2026-04-17')).body.workingDays;
    expect(paused).toBeGreaterThan(15);
    expect(c.deadlines.ledger.find((e: Body) => e.kind === 'pause')).toMatchObject({ from: '2026-03-05', to: '2026-04-17', workingDaysRemoved: paused });
    const due = (await t.http.get(`/api/v1/calendar/add-working-days?from=2026-03-02&days=${20 + paused}`)).body.date;
    expect(c.deadlines.replyDue).toBe(due);
    await verified(c.id);
  });

  it('another agency (第11条): its own letter, 15 WD from receipt, and on expiry the agency decides — no deemed consent (finding 10)', async () => {
    let c = await handling();
    clock.set('2026-03-05');
    c = await step('handler', c, 'start-consultation', { party: 'agency', basis: 'other', name: '示范县交通运输局', deliveryMethod: 'electronic' });
    expect(c.consultations[0]).toMatchObject({ basis: 'other', receivedOn: '2026-03-05', answerDue: '2026-03-26' });
    expect(c.letters.map((l: Body) => l.type)).toEqual(['receipt', 'other_agency_consultation']);
    const text = await letterText(c.notices[0].letterId);
    expect(text).toContain('第十一条');
    expect(text).toContain('请贵机关自收到本函之日起15个工作日内提出书面意见');
    expect(text).not.toContain('视为同意');
    clock.set('2026-03-27');
    await t.app.get(TimersService).tick();
    expect((await get(c.id)).consultations[0]).toMatchObject({ state: 'closed', closedOn: '2026-03-26', expiryEffect: 'agencyDecides' });
    for (const [body, field] of [
      [{ party: 'thirdParty', basis: 'coProducer', name: '甲公司' }, 'basis'],
      [{ party: 'agency', basis: 'friendly', name: '乙局' }, 'basis'],
      [{ party: 'agency', name: '乙局', deliveryMethod: 'fax' }, 'deliveryMethod'],
    ] as const) {
      const res = await act(t, 'handler', await get(c.id), 'start-consultation', body);
      expect([res.status, res.body.errors?.[0]?.field]).toEqual([400, field]);
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('a provisional new reply deadline is printed with its mark (finding 23)', async () => {
    clock.set('2026-11-27');
    let c = (await register(t, { arrivedAt: '2026-11-27T09:00:00+08:00' })).body;
    c = await step('clerk', c, 'accept');
    clock.set('2026-12-04');
    c = await step('approver', c, 'extend', { workingDays: 20, reason: '需调阅多个年度的档案', deliveryMethod: 'in_person' });
    expect(c.deadlines.provisional).toBe(true);
    const due = c.deadlines.replyDue as string;
    expect(due.startsWith('2027-')).toBe(true);
    const notice = c.notices.find((n: Body) => n.kind === 'extension');
    expect(notice).toMatchObject({ deliveryMethod: 'in_person', receivedOn: '2026-12-04' });
    const text = await letterText(notice.letterId);
    const printed = `${Number(due.slice(0, 4))}年${Number(due.slice(5, 7))}月${Number(due.slice(8, 10))}日`;
    expect(text).toContain(`至${printed}（暂按周一至周五为工作日计算：2027年节假日安排尚未公布，以公布后的安排为准）前作出答复`);
    // Every date printed in it is marked or certain: no other 2027 date.
    expect(text.match(/2027年\d+月\d+日/g)).toHaveLength(1);
  });
});
