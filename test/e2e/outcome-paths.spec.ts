/**
 * End-to-end outcome paths through HTTP: registration → … → archive for every proposable
 * outcome code (shared/domain §4), each guard satisfied the way an agency would satisfy it,
 * plus the side paths (当场答复, 撤回, 延期, 第35条延迟答复, 收费, 退回, 复议/诉讼) and the
 * per-role allowedActions. All business dates are backdated, in increasing order.
 */
import { residentIdCheckDigit } from '../../src/domain/intake';
import { OUTCOMES, outcome as outcomeOf } from '../../src/domain/outcomes/outcomes';
import { act, departmentId, expectEveryCaseReplays, registration } from '../support/cases';
import { Flow, REASONS, RECIPES } from '../support/outcome-recipes';
import { FixedClock } from '../../src/platform/clock/clock';
import { createTestContext, TestContext } from '../support/test-app';

type Body = Record<string, any>;

const residentId = (first17: string) => first17 + residentIdCheckDigit(first17);

/** Workflow events only (the letters module interleaves LETTER_ISSUED records). */
const workflowTypes = (c: any) => c.history.map((h: any) => h.type).filter((x: string) => x !== 'LETTER_ISSUED');

async function addWorkingDays(t: TestContext, from: string, days: number): Promise<string> {
  const res = await t.http.get(`/api/v1/calendar/add-working-days?from=${from}&days=${days}`);
  expect(res.status).toBe(200);
  return res.body.date;
}

async function between(t: TestContext, from: string, to: string): Promise<number> {
  const res = await t.http.get(`/api/v1/calendar/working-days-between?from=${from}&to=${to}`);
  expect(res.status).toBe(200);
  return res.body.workingDays;
}

async function preview(t: TestContext, body: Body) {
  const res = await t.http.post('/api/v1/clock/preview').send(body);
  expect([res.status, res.body.message]).toEqual([200, undefined]);
  return res.body;
}

/** The clock preview for the same dates the case recorded (receipt, correction, consultations, fee, extension, deferral). */
function previewInputOf(c: any): Body {
  const s = c.summary;
  return {
    receiptDate: c.receiptDate,
    ...(s.correction
      ? {
          correction: {
            requestedOn: s.correction.requestedOn,
            receivedOn: s.correction.receivedOn,
            periodWorkingDays: s.correction.periodWorkingDays,
            // The applicant's period runs from their receipt of the notice (条例第30条); posted and not recorded: not yet.
            ...(s.correction.noticeReceivedOn ? { noticeReceivedOn: s.correction.noticeReceivedOn } : {}),
            ...(s.correction.deliveryMethod === 'post' && !s.correction.noticeReceivedOn ? { noticeAwaitingReceipt: true } : {}),
          },
        }
      : {}),
    consultations: c.consultations.map((x: any) => ({
      party: x.party,
      ...(x.party === 'agency' ? { basis: x.basis } : {}),
      sentOn: x.sentOn,
      ...(x.receivedOn ? { receivedOn: x.receivedOn } : {}),
      ...(x.awaitingReceipt ? { awaitingReceipt: true } : {}),
      ...(x.closedOn ? { closedOn: x.closedOn } : {}),
    })),
    feePeriods: s.fee
      ? [
          {
            noticeOn: s.fee.noticeOn,
            ...(s.fee.receivedOn ? { receivedOn: s.fee.receivedOn } : {}),
            ...(s.fee.deliveryMethod === 'post' && !s.fee.receivedOn ? { awaitingReceipt: true } : {}),
            ...(s.fee.paidOn ? { paidOn: s.fee.paidOn } : {}),
          },
        ]
      : [],
    ...(s.extension ? { extensionWorkingDays: s.extension.workingDays } : {}),
    ...(s.deferral ? { deferredTo: s.deferral.deferredTo } : {}),
    asOf: c.closedOn ?? undefined,
    feePausesClock: true,
  };
}

const PROPOSABLE = OUTCOMES.filter((o) => o.proposable).map((o) => o.code);

describe('every proposable outcome, registration → archive', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('has a recipe for each proposable code and only for those', () => {
    expect(Object.keys(RECIPES).sort()).toEqual([...PROPOSABLE].sort());
    expect(PROPOSABLE).toHaveLength(21);
  });

  it.each(PROPOSABLE)('%s', async (code) => {
    const r = RECIPES[code];
    const f = await Flow.register(t);
    await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
    if (r.intake) await r.intake(f);
    const assignOn = r.intake ? '2026-03-03' : '2026-02-24';
    await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: assignOn });
    expect(f.c.state).toBe('handling');
    // Tried before the prerequisites exist: the guard refuses it (partial: tried after its review, without withheldParts).
    if (r.missing && code !== 'partial') await f.refused('handler', 'propose', { ...r.missing, occurredOn: assignOn }, 409);
    if (r.prepare) await r.prepare(f);
    if (r.missing && code === 'partial') await f.refused('handler', 'propose', { ...r.missing, occurredOn: '2026-03-11' }, 409);
    if (code === 'withhold_third_party') {
      // With the consultation closed, the proposal without reasons is still refused (条例第三十六条第（三）项).
      await f.refused('handler', 'propose', { outcome: code, occurredOn: '2026-03-11' }, 409);
    }
    await f.step('handler', 'propose', { ...r.propose, occurredOn: '2026-03-11' });
    expect(f.c.summary.work).toBe('proposed');
    expect(f.c.summary.proposal).toMatchObject({ outcome: code, basis: outcomeOf(code).basis });
    await f.step('handler', 'submit-for-approval', { occurredOn: '2026-03-11' });
    expect(f.c.state).toBe('inApproval');
    await f.step('approver', 'approve', { note: '同意', occurredOn: '2026-03-12' });
    expect(f.c.state).toBe('decided');
    expect(f.c.outcome).toBe(code);
    await f.step('clerk', 'deliver', { method: 'post', recipient: '张三', trackingNumber: 'XA123456789CN', occurredOn: '2026-03-13' });
    expect(f.c.state).toBe('closed');
    expect(f.c.closedOn).toBe('2026-03-13');
    expect(f.c.deadlines.overdue).toBe(false);
    expect(f.c.summary.decision).toMatchObject({ outcome: code, decidedOn: '2026-03-12', onTheSpot: false });
    await f.step('clerk', 'archive', { occurredOn: '2026-03-16' });
    expect(f.c.state).toBe('archived');
    expect(f.c.outcome).toBe(code);

    // The case's reply deadline is the clock preview's for the same dates.
    const p = await preview(t, previewInputOf(f.c));
    expect(f.c.deadlines.replyDue).toBe(p.replyDue);
    // …and an independent count: 20 WD from the clock start plus the paused working days (S < d ≤ R).
    const start = f.c.summary.correction?.receivedOn ?? f.c.receiptDate;
    let paused = 0;
    for (const x of f.c.consultations) paused += await between(t, x.sentOn, x.closedOn);
    expect(f.c.deadlines.replyDue).toBe(await addWorkingDays(t, start, 20 + paused));
    if (f.c.consultations.length) {
      expect(f.c.consultations.every((x: any) => x.state === 'closed')).toBe(true);
      expect(f.c.consultations.map((x: any) => x.answerDue)).toEqual(p.consultationDues.map((x: any) => x.due));
    }
    const verify = await t.http.get(`/api/v1/cases/${f.c.id}/history/verify`).set('authorization', `Bearer ${await t.login('legal')}`);
    expect(verify.body).toMatchObject({ intact: true, events: f.c.history.length, replayMatches: true, head: f.c.history[f.c.history.length - 1].hash });
    const listed = await t.http.get(`/api/v1/cases?outcome=${code}&state=archived`).set('authorization', `Bearer ${await t.login('legal')}`);
    expect(listed.body.items.map((x: any) => x.id)).toContain(f.c.id);
  });

  it.each(OUTCOMES.filter((o) => !o.proposable).map((o) => o.code))('%s cannot be proposed by a handler (the system or the applicant causes it)', async (code) => {
    const f = await Flow.register(t);
    await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
    await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-24' });
    await f.refused('handler', 'propose', { outcome: code, reasons: '—', occurredOn: '2026-02-24' }, 409);
  });

  it('a correction notice after the 7-WD limit is refused (条例第三十条); one in time restarts the clock on the corrected application', async () => {
    const f = await Flow.register(t);
    await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
    expect(f.c.deadlines.correctionNoticeDue).toBe('2026-03-02');
    const late = await f.refused('clerk', 'request-correction', { items: ['请明确所需文件的文号'], occurredOn: '2026-03-03' }, 409);
    expect(late).toMatchObject({ code: 'CORRECTION_NOTICE_LATE', article: '条例第三十条' });
    expect(f.c.deadlines.replyDue).toBe('2026-03-19'); // a late notice buys no fresh 20 WD
    await f.step('clerk', 'request-correction', { items: ['请明确所需文件的文号'], occurredOn: '2026-03-02' });
    expect(f.c.summary.correction).toMatchObject({ late: false, periodWorkingDays: 15, requestedOn: '2026-03-02', deliveryMethod: 'post' });
    // Posted: the applicant's period runs from the delivery record (条例第30条), not known yet.
    expect([f.c.deadlines.applicantCorrectionDue, f.c.deadlines.applicantCorrectionAwaitingReceipt]).toEqual([null, true]);
    const notice = f.c.notices.find((n: any) => n.kind === 'correction');
    await f.step('clerk', 'record-letter-receipt', { letterId: notice.letterId, receivedOn: '2026-03-03', occurredOn: '2026-03-04' });
    expect(f.c.deadlines.applicantCorrectionDue).toBe(await addWorkingDays(t, '2026-03-03', 15));
    await f.refused('clerk', 'request-correction', { items: ['再次补正'], occurredOn: '2026-03-04' }, 409);
    await f.step('clerk', 'receive-correction', { occurredOn: '2026-03-09' });
    expect(f.c.deadlines.replyDue).toBe(await addWorkingDays(t, '2026-03-09', 20));
    await f.refused('clerk', 'request-correction', { items: ['再次补正'], occurredOn: '2026-03-10' }, 409);
  });

  it('consultation pauses: the case and POST /clock/preview agree (third party, and a referral overlapping it)', async () => {
    const f = await Flow.register(t, { arrivedAt: '2026-04-01T09:00:00+08:00' });
    await f.step('clerk', 'accept', { occurredOn: '2026-04-01' });
    await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: '2026-04-02' });
    await f.step('handler', 'start-consultation', { party: 'thirdParty', name: '示范建设工程有限公司', occurredOn: '2026-04-07' });
    await f.step('clerk', 'record-letter-receipt', { letterId: f.c.notices[0].letterId, receivedOn: '2026-04-09', occurredOn: '2026-04-09' });
    await f.step('handler', 'start-consultation', { party: 'agency', name: '示范县国家保密局', secrecyReferral: true, occurredOn: '2026-04-10' });
    expect(f.c.consultations[1]).toMatchObject({ basis: 'secrecyReferral', answerDue: null, awaitingReceipt: false });
    expect(f.c.summary.consulting).toBe(true);
    await f.refused('handler', 'close-consultation', { consultationId: 'C9', result: 'agree', occurredOn: '2026-04-21' }, 409);
    await f.step('handler', 'close-consultation', { consultationId: 'C1', result: 'agree', occurredOn: '2026-04-21' });
    expect(f.c.summary.consulting).toBe(true); // C2 still open
    await f.refused('handler', 'close-consultation', { consultationId: 'C1', result: 'agree', occurredOn: '2026-04-22' }, 409);
    await f.step('handler', 'close-consultation', { consultationId: 'C2', result: 'agree', occurredOn: '2026-04-28' });
    expect(f.c.summary.consulting).toBe(false);
    await f.step('handler', 'record-secrecy-review', { conclusion: 'disclose', ground: '保密局复函可以公开', occurredOn: '2026-04-28' });
    await f.step('handler', 'propose', { outcome: 'disclose', access: '电子邮件', occurredOn: '2026-04-29' });
    await f.step('handler', 'submit-for-approval', { occurredOn: '2026-04-29' });
    await f.step('approver', 'approve', { occurredOn: '2026-04-30' });
    await f.step('clerk', 'deliver', { method: 'online', recipient: '张三', sentTo: 'zhangsan@example.com', occurredOn: '2026-05-06' });
    const input = {
      receiptDate: '2026-04-01',
      consultations: [
        { party: 'thirdParty', sentOn: '2026-04-07', receivedOn: '2026-04-09', closedOn: '2026-04-21' },
        { party: 'agency', basis: 'secrecyReferral', sentOn: '2026-04-10', closedOn: '2026-04-28' },
      ],
      asOf: '2026-05-06',
    };
    const p = await preview(t, input);
    const paused = await between(t, '2026-04-07', '2026-04-28'); // the two stretches overlap: paused once
    expect(p.pausedWorkingDays).toBe(paused);
    expect(f.c.deadlines.replyDue).toBe(await addWorkingDays(t, '2026-04-01', 20 + paused));
    expect(f.c.deadlines.replyDue).toBe(p.replyDue);
    expect(f.c.deadlines.replyDue).not.toBe(await addWorkingDays(t, '2026-04-01', 20));
    expect(f.c.consultations.map((x: any) => x.answerDue)).toEqual(p.consultationDues.map((x: any) => x.due));
    // From the third party's receipt (条例第32条); the 第17条第三款 referral has no answer period.
    expect(f.c.consultations.map((x: any) => x.answerDue)).toEqual([await addWorkingDays(t, '2026-04-09', 15), null]);
    expect(f.c.deadlines.ledger.filter((l: any) => l.kind === 'pause')).toEqual(p.ledger.filter((l: any) => l.kind === 'pause'));
    await f.step('clerk', 'archive', { occurredOn: '2026-05-07' });
    expect(f.c.deadlines.replyDue).toBe(p.replyDue);
  });

  it('withhold_third_party without a consultation: a recorded noConsultationReason satisfies 条例第32条', async () => {
    const f = await Flow.register(t);
    await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
    await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-24' });
    await f.refused('handler', 'propose', { outcome: 'withhold_third_party', reasons: REASONS, occurredOn: '2026-02-25' }, 409);
    // An open consultation is not enough either: it must be closed.
    await f.step('handler', 'start-consultation', { party: 'thirdParty', name: '李四', occurredOn: '2026-02-25' });
    await f.refused('handler', 'propose', { outcome: 'withhold_third_party', reasons: REASONS, occurredOn: '2026-02-26' }, 409);
    await f.step('handler', 'close-consultation', { consultationId: 'C1', result: 'noAnswer', occurredOn: '2026-02-26' });
    const g = await Flow.register(t);
    await g.step('clerk', 'accept', { occurredOn: '2026-02-13' });
    await g.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-24' });
    await g.step('handler', 'propose', {
      outcome: 'withhold_third_party',
      reasons: '涉及个人隐私',
      noConsultationReason: '第三方下落不明，无法征求意见',
      occurredOn: '2026-02-25',
    });
    await g.step('handler', 'submit-for-approval', { occurredOn: '2026-02-25' });
    await g.step('approver', 'approve', { occurredOn: '2026-02-26' });
    await g.step('clerk', 'deliver', { method: 'in_person', recipient: '张三', signedBy: '张三', occurredOn: '2026-02-27' });
    expect(g.c.outcome).toBe('withhold_third_party');
    expect(g.c.summary.decision.noConsultationReason).toBe('第三方下落不明，无法征求意见');
  });

  it('disclose: a review concluding withhold or partial does not allow it; a later review may', async () => {
    const f = await Flow.register(t);
    await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
    await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-24' });
    await f.refused('handler', 'propose', { outcome: 'disclose', occurredOn: '2026-02-24' }, 409);
    await f.step('handler', 'record-secrecy-review', { conclusion: 'partial', ground: '部分涉密', withheldPart: '附件一', occurredOn: '2026-02-25' });
    await f.refused('handler', 'propose', { outcome: 'disclose', occurredOn: '2026-02-25' }, 409);
    await f.step('handler', 'record-secrecy-review', { conclusion: 'withhold', ground: '涉密', occurredOn: '2026-02-26' });
    await f.refused('handler', 'propose', { outcome: 'partial', reasons: 'x', withheldParts: [{ part: '附件一', ground: 'withhold_state_secret', reason: '涉密' }], occurredOn: '2026-02-26' }, 409);
    await f.refused('handler', 'record-secrecy-review', { conclusion: 'partial', ground: '部分涉密', occurredOn: '2026-02-26' }, 409);
    await f.step('handler', 'record-secrecy-review', { conclusion: 'disclose', ground: '解密后可以公开', occurredOn: '2026-02-27' });
    await f.step('handler', 'propose', { outcome: 'disclose', access: '邮寄', occurredOn: '2026-02-27' });
    // A new review after the proposal clears it (back to drafting).
    await f.step('handler', 'record-secrecy-review', { conclusion: 'withhold', ground: '复核认定涉密', occurredOn: '2026-03-02' });
    expect(f.c.summary.work).toBe('drafting');
    expect(f.c.summary.proposal).toBeNull();
    expect(f.c.allowedActions).not.toContain('submit-for-approval');
  });

  it('every case of these paths replays through the statechart to exactly its stored state', () => expectEveryCaseReplays(t));
});

describe('side paths', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('on-the-spot reply (当场答复) straight from registration', async () => {
    const f = await Flow.register(t, { arrivedAt: '2026-03-02T10:00:00+08:00' });
    expect(f.c.allowedActions).toContain('on-the-spot-reply');
    await f.refused('handler', 'on-the-spot-reply', { outcome: 'already_public', occurredOn: '2026-03-02' }, 403);
    await f.step('clerk', 'on-the-spot-reply', { outcome: 'already_public', access: '本机关门户网站已主动公开，当场告知网址', occurredOn: '2026-03-02' });
    expect(f.c.state).toBe('decided');
    expect(f.c.outcome).toBe('already_public');
    expect(f.c.summary.decision).toMatchObject({ outcome: 'already_public', onTheSpot: true, decidedOn: '2026-03-02', approvals: [] });
    await f.step('clerk', 'deliver', { method: 'in_person', recipient: '张三', signedBy: '张三', occurredOn: '2026-03-02' });
    expect(f.c.state).toBe('closed');
    expect(f.c.closedOn).toBe('2026-03-02');
    await f.step('clerk', 'archive', { occurredOn: '2026-03-03' });
    expect(f.c.state).toBe('archived');
    expect(workflowTypes(f.c)).toEqual(['REGISTERED', 'ON_THE_SPOT_REPLY', 'DELIVER', 'ARCHIVE']);
  });

  it('on-the-spot withholding needs reasons; on-the-spot disclose is refused without a review', async () => {
    const f = await Flow.register(t, { arrivedAt: '2026-03-02T10:00:00+08:00' });
    await f.refused('clerk', 'on-the-spot-reply', { outcome: 'withhold_internal_affairs', occurredOn: '2026-03-02' }, 409);
    await f.refused('clerk', 'on-the-spot-reply', { outcome: 'disclose', occurredOn: '2026-03-02' }, 409);
    await f.refused('clerk', 'on-the-spot-reply', { outcome: 'withdrawn', occurredOn: '2026-03-02' }, 409); // not proposable
    await f.step('clerk', 'on-the-spot-reply', { outcome: 'withhold_internal_affairs', reasons: '属于内部事务信息', occurredOn: '2026-03-02' });
    expect(f.c.state).toBe('decided');
  });

  it('on-the-spot disclose can carry its secrecy review (the machine accepts ON_THE_SPOT_REPLY.secrecyReview)', async () => {
    // The statechart (types.ts ON_THE_SPOT_REPLY.secrecyReview, rules.ts ON_THE_SPOT_REPLY) lets an
    // on-the-spot disclosure carry the review 条例第17条 requires; without a way to send it a
    // disclosure can never be answered on the spot, since no review can be recorded in `registered`.
    const f = await Flow.register(t, { arrivedAt: '2026-03-02T10:00:00+08:00' });
    await f.step('clerk', 'on-the-spot-reply', {
      outcome: 'disclose',
      access: '当场提供复印件',
      secrecyReview: { conclusion: 'disclose', ground: '已公开文件的附件，不涉密' }, // reviewer: the acting user, as for record-secrecy-review
      occurredOn: '2026-03-02',
    });
    expect(f.c.outcome).toBe('disclose');
    expect(f.c.summary.secrecyReviews).toHaveLength(1);
  });

  it.each([
    ['registered', async (_f: Flow) => undefined],
    ['accepted', async (f: Flow) => void (await f.step('clerk', 'accept', { occurredOn: '2026-02-13' }))],
    [
      'awaitingCorrection',
      async (f: Flow) => {
        await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
        await f.step('clerk', 'request-correction', { items: ['请明确项目名称'], occurredOn: '2026-02-24' });
      },
    ],
    [
      'handling',
      async (f: Flow, t2?: TestContext) => {
        await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
        await f.step('clerk', 'assign', { departmentId: await departmentId(t2!), occurredOn: '2026-02-24' });
        await f.step('handler', 'start-consultation', { party: 'thirdParty', name: '李四', occurredOn: '2026-02-25' });
      },
    ],
    [
      'inApproval',
      async (f: Flow, t2?: TestContext) => {
        await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
        await f.step('clerk', 'assign', { departmentId: await departmentId(t2!), occurredOn: '2026-02-24' });
        await f.step('handler', 'propose', { outcome: 'not_exist', reasons: '未找到', searchPerformed: '档案系统、OA系统', occurredOn: '2026-02-25' });
        await f.step('handler', 'submit-for-approval', { occurredOn: '2026-02-25' });
      },
    ],
  ] as Array<[string, (f: Flow, t?: TestContext) => Promise<unknown>]>)('withdrawal at %s closes the case as withdrawn', async (state, setup) => {
    const f = await Flow.register(t);
    await setup(f, t);
    expect(f.c.state).toBe(state);
    await f.step('clerk', 'withdraw', { note: '申请人书面撤回申请', occurredOn: '2026-02-26' });
    expect(f.c).toMatchObject({ state: 'closed', outcome: 'withdrawn', closedOn: '2026-02-26' });
    expect(f.c.summary.closeReason).toBe('withdrawn');
    expect(f.c.deadlines.overdue).toBe(false);
    await f.refused('clerk', 'withdraw', { occurredOn: '2026-02-26' }, 409);
    await f.step('clerk', 'archive', { occurredOn: '2026-02-27' });
    expect(f.c).toMatchObject({ state: 'archived', outcome: 'withdrawn' });
  });

  it('extension by an approver moves replyDue by exactly the working days, once only', async () => {
    const f = await Flow.register(t);
    await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
    await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-24' });
    const before = f.c.deadlines.replyDue;
    expect(before).toBe('2026-03-19');
    await f.refused('handler', 'extend', { workingDays: 10, reason: '需调取大量档案', occurredOn: '2026-03-16' }, 403);
    await f.refused('approver', 'extend', { workingDays: 21, reason: '需调取大量档案', occurredOn: '2026-03-16' }, 400);
    await f.step('approver', 'extend', { workingDays: 15, reason: '需调取大量档案', occurredOn: '2026-03-16' });
    const expected = await addWorkingDays(t, before, 15);
    expect(f.c.deadlines.replyDue).toBe(expected);
    expect(f.c.deadlines.replyDue).toBe(await addWorkingDays(t, '2026-02-13', 35));
    expect(f.c.summary.extension).toMatchObject({ workingDays: 15, replyDue: before, on: '2026-03-16' });
    expect(f.lastEvent('EXTEND').payload).toMatchObject({ workingDays: 15, replyDueBefore: before });
    const second = await f.refused('approver', 'extend', { workingDays: 5, reason: '再次延期', occurredOn: '2026-03-17' }, 409);
    expect(second.message).toMatch(/只能一次/);
    // The extended case's deadline equals the preview with the same extension.
    const p = await preview(t, { receiptDate: '2026-02-13', extensionWorkingDays: 15, asOf: '2026-03-17' });
    expect(f.c.deadlines.replyDue).toBe(p.replyDue);
    // Replying after the original date but before the extended one is on time.
    await f.step('handler', 'propose', { outcome: 'needs_creation', reasons: '需另行制作', occurredOn: '2026-03-30' });
    await f.step('handler', 'submit-for-approval', { occurredOn: '2026-03-30' });
    await f.step('approver', 'approve', { occurredOn: '2026-03-31' });
    await f.step('clerk', 'deliver', { method: 'post', recipient: '张三', trackingNumber: 'XA1CN', occurredOn: '2026-04-01' });
    expect(f.c.deadlines.overdue).toBe(false);
    await f.step('clerk', 'archive', { occurredOn: '2026-04-02' });
  });

  it('an extension decided after the reply deadline is refused (条例第33条: notified before it expires)', async () => {
    const f = await Flow.register(t);
    await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
    await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-24' });
    await f.refused('approver', 'extend', { workingDays: 10, reason: '逾期后补办', occurredOn: '2026-03-20' }, 409);
    await f.step('approver', 'extend', { workingDays: 10, reason: '当日决定', occurredOn: '2026-03-19' });
    expect(f.c.deadlines.replyDue).toBe(await addWorkingDays(t, '2026-03-19', 10));
  });

  it('a reply delivered after the deadline stays overdue after closure and archiving', async () => {
    const f = await Flow.register(t);
    await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
    await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-24' });
    await f.step('handler', 'propose', { outcome: 'not_exist', reasons: '未找到', searchPerformed: '档案系统、OA系统', occurredOn: '2026-03-18' });
    await f.step('handler', 'submit-for-approval', { occurredOn: '2026-03-18' });
    await f.step('approver', 'approve', { occurredOn: '2026-03-19' });
    await f.step('clerk', 'deliver', { method: 'post', recipient: '张三', trackingNumber: 'XA7CN', occurredOn: '2026-03-20' });
    expect(f.c.deadlines).toMatchObject({ replyDue: '2026-03-19', overdue: true, remainingWorkingDays: -1 });
    await f.step('clerk', 'archive', { occurredOn: '2026-03-23' });
    expect(f.c.deadlines).toMatchObject({ replyDue: '2026-03-19', overdue: true, remainingWorkingDays: -1 });
  });

  it('an extension running into a year whose holiday notice is not loaded (2027) is provisional (暂定)', async () => {
    const f = await Flow.register(t, { arrivedAt: '2026-11-20T09:00:00+08:00' });
    await f.step('clerk', 'accept', { occurredOn: '2026-11-20' });
    await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: '2026-11-23' });
    const before = f.c.deadlines.replyDue;
    expect(f.c.deadlines.provisional).toBe(false);
    await f.step('approver', 'extend', { workingDays: 20, reason: '需调取大量档案', occurredOn: '2026-11-24' });
    const res = await t.http.get(`/api/v1/calendar/add-working-days?from=${before}&days=20`);
    expect(res.body.provisional).toBe(true);
    expect(f.c.deadlines).toMatchObject({ replyDue: res.body.date, provisional: true });
    expect(f.c.deadlines.ledger.some((l: any) => l.kind === 'provisional' && l.year === 2027)).toBe(true);
  });

  it('allowedActions does not offer an extension that today would be refused (reply deadline already passed)', async () => {
    // Received 2026-02-13, reply due 2026-03-19; "today" (the default occurredOn) is the day after.
    const clock = FixedClock.at('2026-03-19');
    const late = await createTestContext({}, { clock });
    try {
      const f = await Flow.register(late);
      await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
      await f.step('clerk', 'assign', { departmentId: await departmentId(late), occurredOn: '2026-02-24' });
      expect(await f.allowed('approver')).toContain('extend'); // on the last day it may still be decided
      clock.set('2026-03-20');
      await f.refused('approver', 'extend', { workingDays: 10, reason: '需调取大量档案' }, 409);
      expect(await f.allowed('approver')).not.toContain('extend');
    } finally {
      await late.close();
    }
  });

  it('Art 35 deferral (延迟答复) replaces the reply deadline; once only', async () => {
    const f = await Flow.register(t);
    await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
    await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-24' });
    await f.refused('handler', 'defer', { deferredTo: '2026-05-29', reason: '申请数量明显超过合理范围', occurredOn: '2026-02-25' }, 403);
    // 条例第三十五条: reasons asked for and judged reasonable first.
    await f.refused('approver', 'defer', { deferredTo: '2026-05-29', reason: '申请数量明显超过合理范围', occurredOn: '2026-02-25' }, 409);
    await f.step('handler', 'request-reasons', { occurredOn: '2026-02-24' });
    await f.step('handler', 'record-reasons', { reasonable: true, summary: '申请人为编写地方志需要，理由合理', occurredOn: '2026-02-25' });
    await f.refused('approver', 'defer', { deferredTo: '2026-02-25', reason: '申请数量明显超过合理范围', occurredOn: '2026-02-25' }, 409);
    await f.step('approver', 'defer', { deferredTo: '2026-05-29', reason: '申请数量明显超过合理范围', occurredOn: '2026-02-25' });
    expect(f.c.deadlines.replyDue).toBe('2026-05-29');
    expect(f.c.summary.deferral).toMatchObject({ deferredTo: '2026-05-29', on: '2026-02-25', replyDue: '2026-03-19' });
    expect(f.c.deadlines.ledger.some((l: any) => l.kind === 'deferral' && l.date === '2026-05-29')).toBe(true);
    await f.refused('approver', 'defer', { deferredTo: '2026-06-30', reason: '再次延迟', occurredOn: '2026-02-26' }, 409);
    await f.step('handler', 'propose', { outcome: 'already_public', access: '门户网站', occurredOn: '2026-05-20' });
    await f.step('handler', 'submit-for-approval', { occurredOn: '2026-05-20' });
    await f.step('approver', 'approve', { occurredOn: '2026-05-21' });
    await f.step('clerk', 'deliver', { method: 'post', recipient: '张三', trackingNumber: 'XA2CN', occurredOn: '2026-05-22' });
    expect(f.c.deadlines.overdue).toBe(false); // after the 20-WD date (3-19) but before the deferred one
    const p = await preview(t, previewInputOf(f.c));
    expect(f.c.deadlines.replyDue).toBe(p.replyDue);
    await f.step('clerk', 'archive', { occurredOn: '2026-05-25' });
  });

  it('fee notice per_page 2219 pages records 83460 元; payment lets the case go to approval', async () => {
    const f = await Flow.register(t);
    await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
    await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-24' });
    await f.refused('handler', 'issue-fee-notice', { method: 'per_page', occurredOn: '2026-02-25' }, 400);
    await f.refused('handler', 'issue-fee-notice', { method: 'per_page', pages: 2219, items: 3, occurredOn: '2026-02-25' }, 400);
    await f.refused('handler', 'issue-fee-notice', { method: 'per_page', pages: 30, occurredOn: '2026-02-25' }, 409); // free: no notice
    await f.step('handler', 'issue-fee-notice', { method: 'per_page', pages: 2219, occurredOn: '2026-02-25' });
    const ev = f.lastEvent('ISSUE_FEE_NOTICE');
    // Posted (the applicant asked for post): the 20 WD run from the applicant's receipt, not known yet (109号).
    expect(ev.payload).toMatchObject({ method: 'per_page', pages: 2219, amount: 83460, dueOn: null });
    expect(ev.payload.fee.amount).toBe(83460);
    expect(f.c.fee).toMatchObject({ deliveryMethod: 'post', dueOn: null, awaitingReceipt: true });
    const feeNotice = f.c.notices.find((n: any) => n.kind === 'fee');
    await f.step('handler', 'record-letter-receipt', { letterId: feeNotice.letterId, receivedOn: '2026-02-26', occurredOn: '2026-02-26' });
    expect(f.c.fee).toMatchObject({ receivedOn: '2026-02-26', dueOn: await addWorkingDays(t, '2026-02-26', 20), awaitingReceipt: false });
    expect(f.c.summary).toMatchObject({ awaitingFee: true, fee: { method: 'per_page', amount: 83460, noticeOn: '2026-02-25' } });
    await f.refused('handler', 'issue-fee-notice', { method: 'per_page', pages: 100, occurredOn: '2026-02-26' }, 409);
    await f.step('handler', 'record-secrecy-review', { conclusion: 'disclose', ground: '不涉密', occurredOn: '2026-02-26' });
    await f.step('handler', 'propose', { outcome: 'disclose', access: '纸质复印件', occurredOn: '2026-02-26' });
    const unpaid = await f.refused('handler', 'submit-for-approval', { occurredOn: '2026-02-26' }, 409);
    expect(unpaid.message).toMatch(/信息处理费/);
    await f.step('handler', 'record-payment', { receiptNumber: 'FS-2026-0001', occurredOn: '2026-03-10' });
    expect(f.c.summary.awaitingFee).toBe(false);
    expect(f.c.summary.fee).toMatchObject({ paidOn: '2026-03-10', receiptNo: 'FS-2026-0001' });
    // The fee period does not count (agency default feePausesClock: true).
    const p = await preview(t, previewInputOf(f.c));
    expect(f.c.deadlines.replyDue).toBe(p.replyDue);
    expect(f.c.deadlines.replyDue).toBe(await addWorkingDays(t, '2026-02-13', 20 + (await between(t, '2026-02-25', '2026-03-10'))));
    await f.step('handler', 'submit-for-approval', { occurredOn: '2026-03-10' });
    await f.step('approver', 'approve', { occurredOn: '2026-03-11' });
    await f.step('clerk', 'deliver', { method: 'post', recipient: '张三', trackingNumber: 'XA3CN', occurredOn: '2026-03-12' });
    await f.step('clerk', 'archive', { occurredOn: '2026-03-13' });
    expect(f.c.state).toBe('archived');
    expect(f.c.deadlines.replyDue).toBe(p.replyDue);
  });

  it('fee per_item counts per applicant per calendar month across cases', async () => {
    const applicant = { ...registration().applicant, name: '赵六', idNumber: residentId('11010519800101002') };
    const other = { ...registration().applicant, name: '钱七', idNumber: residentId('11010519810202003') };
    const open = async (who: Body, day = '2026-03-02') => {
      const f = await Flow.register(t, { applicant: who, arrivedAt: `${day}T09:00:00+08:00` });
      await f.step('clerk', 'accept', { occurredOn: day });
      await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: day });
      return f;
    };
    const a = await open(applicant);
    const b = await open(applicant);
    const c = await open(other);
    const d = await open(applicant, '2026-04-01'); // received the next month (109号第四条: 一个自然月)
    await a.step('handler', 'issue-fee-notice', { method: 'per_item', items: 15, occurredOn: '2026-03-04' });
    expect(a.lastEvent('ISSUE_FEE_NOTICE').payload).toMatchObject({ method: 'per_item', items: 15, amount: 500 }); // items 11-15 at 100
    await b.step('handler', 'issue-fee-notice', { method: 'per_item', items: 10, occurredOn: '2026-03-05' });
    const bp = b.lastEvent('ISSUE_FEE_NOTICE').payload;
    expect(bp.amount).toBe(1000); // the month's items 16-25 at 100
    expect(bp.fee.breakdown).toEqual([{ from: 16, to: 25, count: 10, unitPrice: 100, subtotal: 1000 }]);
    expect(b.c.summary.fee.amount).toBe(1000);
    // Another applicant in the same month starts from item 1.
    await c.step('handler', 'issue-fee-notice', { method: 'per_item', items: 15, occurredOn: '2026-03-05' });
    expect(c.lastEvent('ISSUE_FEE_NOTICE').payload.amount).toBe(500);
    // An application received the next month starts again: 12 items → items 11-12 at 100.
    await d.step('handler', 'issue-fee-notice', { method: 'per_item', items: 12, occurredOn: '2026-04-01' });
    expect(d.lastEvent('ISSUE_FEE_NOTICE').payload.amount).toBe(200);
    await b.step('handler', 'record-payment', { occurredOn: '2026-03-06' });
    expect(b.c.summary.fee.paidOn).toBe('2026-03-06');
  });

  it('per_item: concurrent fee notices of one applicant in one month still count each other\'s items', async () => {
    // Five applicants, each with two applications of 15 件 (recorded at registration) whose notices are
    // issued at the same moment: the month's 件 1-30 cost 0 + 5×100 + 15×100 = 2000 元 in total,
    // whatever the order of the notices (109号第四条: counted in the order the applications were received).
    const pairs = await Promise.all(
      [0, 1, 2, 3, 4].map(async (i) => {
        const who = { ...registration().applicant, name: `孙${i}`, idNumber: residentId(`1101051990030100${i}`) };
        const open = async () => {
          const f = await Flow.register(t, { applicant: who, arrivedAt: '2026-06-01T09:00:00+08:00', items: 15 });
          await f.step('clerk', 'accept', { occurredOn: '2026-06-01' });
          await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: '2026-06-02' });
          return f;
        };
        return [await open(), await open()];
      }),
    );
    const totals = await Promise.all(
      pairs.map(async ([a, b]) => {
        const [ra, rb] = await Promise.all([
          act(t, 'handler', a.c, 'issue-fee-notice', { method: 'per_item', occurredOn: '2026-06-03' }),
          act(t, 'handler', b.c, 'issue-fee-notice', { method: 'per_item', occurredOn: '2026-06-03' }),
        ]);
        expect([ra.status, rb.status]).toEqual([200, 200]);
        return ra.body.summary.fee.amount + rb.body.summary.fee.amount;
      }),
    );
    expect(totals).toEqual([2000, 2000, 2000, 2000, 2000]);
  });

  it('return by the approver sends the draft back to drafting; a revised draft is re-submitted and approved', async () => {
    const f = await Flow.register(t);
    await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
    await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-24' });
    await f.step('handler', 'propose', { outcome: 'not_exist', reasons: '未找到', searchPerformed: '档案系统', occurredOn: '2026-02-25' });
    await f.step('handler', 'submit-for-approval', { occurredOn: '2026-02-25' });
    expect(await f.allowed('approver')).toEqual(expect.arrayContaining(['approve', 'return']));
    await f.refused('approver', 'return', { comments: '   ', occurredOn: '2026-02-26' }, 400);
    await f.refused('handler', 'return', { comments: '退回', occurredOn: '2026-02-26' }, 403);
    await f.step('approver', 'return', { comments: '检索范围不全，请补充检索纸质档案', occurredOn: '2026-02-26' });
    expect(f.c.state).toBe('handling');
    expect(f.c.summary.work).toBe('drafting');
    expect(f.c.summary.returns).toEqual([expect.objectContaining({ comments: '检索范围不全，请补充检索纸质档案', on: '2026-02-26' })]);
    expect(f.c.summary.approvals).toEqual([]);
    const handler = await f.allowed('handler');
    expect(handler).toContain('propose');
    expect(handler).not.toContain('submit-for-approval');
    await f.step('handler', 'propose', { outcome: 'not_exist', reasons: '经补充检索纸质档案，仍未找到', searchPerformed: '档案系统、纸质档案室', occurredOn: '2026-02-27' });
    await f.step('handler', 'submit-for-approval', { occurredOn: '2026-02-27' });
    expect(f.c.state).toBe('inApproval');
    await f.step('approver', 'approve', { occurredOn: '2026-03-02' });
    expect(f.c.state).toBe('decided');
    expect(f.c.summary.decision).toMatchObject({ reasons: '经补充检索纸质档案，仍未找到', decidedOn: '2026-03-02' });
    await f.step('clerk', 'deliver', { method: 'post', recipient: '张三', trackingNumber: 'XA4CN', occurredOn: '2026-03-03' });
    await f.step('clerk', 'archive', { occurredOn: '2026-03-04' });
    expect(workflowTypes(f.c)).toEqual([
      'REGISTERED', 'ACCEPT', 'ASSIGN', 'PROPOSE', 'SUBMIT_FOR_APPROVAL', 'RETURN', 'PROPOSE', 'SUBMIT_FOR_APPROVAL', 'APPROVE', 'DELIVER', 'ARCHIVE',
    ]);
  });

  it('return after a paid fee keeps the fee paid and the case can be re-submitted', async () => {
    const f = await Flow.register(t);
    await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
    await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-24' });
    await f.step('handler', 'issue-fee-notice', { method: 'per_page', pages: 150, occurredOn: '2026-02-24' });
    await f.step('handler', 'record-payment', { occurredOn: '2026-02-25' });
    await f.step('handler', 'propose', { outcome: 'already_public', access: '门户网站', occurredOn: '2026-02-25' });
    await f.step('handler', 'submit-for-approval', { occurredOn: '2026-02-25' });
    await f.step('approver', 'return', { comments: '请写明具体网址', occurredOn: '2026-02-26' });
    expect(f.c.summary.work).toBe('drafting');
    expect(f.c.summary.awaitingFee).toBe(false);
    expect(await f.allowed('handler')).not.toContain('issue-fee-notice');
    await f.step('handler', 'propose', { outcome: 'already_public', access: 'https://www.example.gov.cn/xxgk/123', occurredOn: '2026-02-26' });
    await f.step('handler', 'submit-for-approval', { occurredOn: '2026-02-26' });
    await f.step('approver', 'approve', { occurredOn: '2026-02-27' });
    expect(f.c.state).toBe('decided');
  });

  it('reconsideration and litigation are recorded on a closed (and archived) case, refused on an open one', async () => {
    const open = await Flow.register(t);
    await open.step('clerk', 'accept', { occurredOn: '2026-02-13' });
    await open.refused('legal', 'record-reconsideration', { filedOn: '2026-02-13', result: 'pending', occurredOn: '2026-02-13' }, 409);
    await open.refused('clerk', 'record-litigation', { filedOn: '2026-02-13', result: 'pending', afterReconsideration: false, occurredOn: '2026-02-13' }, 409);

    const f = await Flow.register(t);
    await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
    await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-24' });
    await f.step('handler', 'propose', { outcome: 'withhold_process_info', reasons: '过程性信息', occurredOn: '2026-02-25' });
    await f.step('handler', 'submit-for-approval', { occurredOn: '2026-02-25' });
    await f.step('approver', 'approve', { occurredOn: '2026-02-26' });
    await f.refused('legal', 'record-reconsideration', { filedOn: '2026-02-26', result: 'pending', occurredOn: '2026-02-26' }, 409); // decided, not yet delivered
    await f.step('clerk', 'deliver', { method: 'post', recipient: '张三', trackingNumber: 'XA5CN', occurredOn: '2026-02-27' });
    expect(f.c.state).toBe('closed');
    await f.refused('handler', 'record-reconsideration', { filedOn: '2026-03-10', result: 'pending', occurredOn: '2026-03-10' }, 403);
    await f.refused('legal', 'record-reconsideration', { filedOn: '2026-03-10', result: 'pending', decidedOn: '2026-04-10', occurredOn: '2026-03-10' }, 400);
    await f.refused('legal', 'record-reconsideration', { filedOn: '2026-03-11', result: 'pending', occurredOn: '2026-03-10' }, 400);
    await f.step('legal', 'record-reconsideration', { filedOn: '2026-03-10', result: 'pending', occurredOn: '2026-03-10' });
    expect(f.c.summary.reconsiderations).toEqual([{ filedOn: '2026-03-10', result: 'pending' }]);
    expect(f.c.state).toBe('closed');
    await f.step('clerk', 'archive', { occurredOn: '2026-03-11' });
    await f.step('legal', 'record-reconsideration', { filedOn: '2026-03-10', result: 'upheld', decidedOn: '2026-05-08', occurredOn: '2026-05-08' });
    await f.step('clerk', 'record-litigation', { filedOn: '2026-05-20', result: 'pending', afterReconsideration: true, occurredOn: '2026-05-20' });
    await f.refused('legal', 'record-litigation', { filedOn: '2026-05-20', result: 'upheld', occurredOn: '2026-05-21' }, 400);
    expect(f.c.state).toBe('archived');
    // The decision recorded with the same filedOn updates the pending record (issue 15), in its place.
    expect(f.c.summary.reconsiderations).toEqual([{ filedOn: '2026-03-10', result: 'upheld', decidedOn: '2026-05-08' }]);
    expect(f.c.summary.litigations).toEqual([{ filedOn: '2026-05-20', result: 'pending', afterReconsideration: true }]);
    expect(f.c.outcome).toBe('withhold_process_info');
    expect(f.c.closedOn).toBe('2026-02-27');
  });

  it('allowedActions per role at several states', async () => {
    const f = await Flow.register(t);
    // registered (received 2026-02-13: the 7-WD correction notice period ended on 03-02, 条例第三十条)
    expect(await f.allowed('clerk')).toEqual(expect.arrayContaining(['accept', 'withdraw', 'on-the-spot-reply']));
    expect(await f.allowed('clerk')).not.toContain('request-correction');
    expect(await f.allowed('clerk')).not.toContain('archive');
    // Not yet assigned to a department: no handler's case, so a handler does not even read it (finding 7).
    const unassigned = await t.http.get(`/api/v1/cases/${f.c.id}`).set('authorization', `Bearer ${await t.login('handler')}`);
    expect([unassigned.status, unassigned.body.code]).toEqual([403, 'CASE_NOT_IN_YOUR_DEPARTMENT']);
    expect(await f.allowed('approver')).toEqual([]);
    expect(await f.allowed('admin')).toEqual([]);
    // accepted
    await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
    expect(await f.allowed('clerk')).toEqual(expect.arrayContaining(['assign', 'withdraw']));
    expect(await f.allowed('clerk')).not.toContain('accept');
    expect(await f.allowed('clerk')).not.toContain('on-the-spot-reply');
    // handling / investigating
    await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-24' });
    const handler = await f.allowed('handler');
    expect(handler).toEqual(expect.arrayContaining(['propose', 'start-consultation', 'issue-fee-notice', 'record-secrecy-review']));
    expect(handler).not.toEqual(expect.arrayContaining(['submit-for-approval']));
    expect(handler).not.toContain('close-consultation');
    const clerk = await f.allowed('clerk');
    expect(clerk).not.toContain('propose');
    expect(clerk).toContain('withdraw');
    expect(clerk).not.toContain('accept');
    // The backdated case's reply deadline has passed, so no extension is offered (条例第33条第二款).
    // Nor a 第35条 deferral: no reasons judged reasonable, and the 第33条 deadline has passed too.
    expect(await f.allowed('approver')).toEqual(expect.arrayContaining(['record-secrecy-review']));
    expect(await f.allowed('approver')).not.toContain('defer');
    expect(await f.allowed('approver')).not.toContain('extend');
    expect(await f.allowed('approver')).not.toContain('approve');
    expect(await f.allowed('legal')).toEqual([]);
    // consulting: close-consultation appears
    await f.step('handler', 'start-consultation', { party: 'agency', name: '示范县财政局', occurredOn: '2026-02-25' });
    expect(await f.allowed('handler')).toContain('close-consultation');
    // proposed with an open consultation: submit is not offered
    await f.step('handler', 'propose', { outcome: 'not_exist', reasons: '未找到', searchPerformed: '档案系统、OA系统', occurredOn: '2026-02-26' });
    expect(await f.allowed('handler')).not.toContain('submit-for-approval');
    await f.refused('handler', 'submit-for-approval', { occurredOn: '2026-02-26' }, 409);
    await f.step('handler', 'close-consultation', { consultationId: 'C1', result: 'agree', occurredOn: '2026-02-27' });
    expect(await f.allowed('handler')).toContain('submit-for-approval');
    // extension used up → not offered any more
    await f.step('approver', 'extend', { workingDays: 5, reason: '需协调', occurredOn: '2026-02-27' });
    expect(await f.allowed('approver')).not.toContain('extend');
    // The extension notice went by post: its receipt may be recorded, once (条例第三十三条第二款: 告知申请人).
    expect(await f.allowed('clerk')).toContain('record-letter-receipt');
    expect(await f.allowed('handler')).toContain('record-letter-receipt');
    const extensionNotice = f.c.notices.find((n: any) => n.kind === 'extension');
    await f.step('clerk', 'record-letter-receipt', { letterId: extensionNotice.letterId, receivedOn: '2026-02-27', occurredOn: '2026-02-27' });
    expect(await f.allowed('clerk')).not.toContain('record-letter-receipt');
    // inApproval
    await f.step('handler', 'submit-for-approval', { occurredOn: '2026-02-27' });
    expect(await f.allowed('approver')).toEqual(expect.arrayContaining(['approve', 'return']));
    expect(await f.allowed('handler')).toEqual([]);
    expect(await f.allowed('clerk')).toEqual(['withdraw']);
    // decided
    await f.step('approver', 'approve', { occurredOn: '2026-03-02' });
    expect(await f.allowed('clerk')).toEqual(['deliver']);
    expect(await f.allowed('approver')).toEqual([]);
    // closed
    await f.step('clerk', 'deliver', { method: 'post', recipient: '张三', trackingNumber: 'XA6CN', occurredOn: '2026-03-03' });
    expect((await f.allowed('clerk')).sort()).toEqual(['archive', 'record-litigation', 'record-reconsideration']);
    expect((await f.allowed('legal')).sort()).toEqual(['record-litigation', 'record-reconsideration']);
    expect(await f.allowed('handler')).toEqual([]);
    // archived
    await f.step('clerk', 'archive', { occurredOn: '2026-03-04' });
    expect((await f.allowed('clerk')).sort()).toEqual(['record-litigation', 'record-reconsideration']);
    expect(await f.allowed('admin')).toEqual([]);
  });

  it('every case of these paths replays through the statechart to exactly its stored state', () => expectEveryCaseReplays(t));
});

describe('agency setting feePausesClock: false', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const feeCase = async (deliverOn: string) => {
    const f = await Flow.register(t);
    await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
    await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-24' });
    await f.step('handler', 'issue-fee-notice', { method: 'per_page', pages: 2219, occurredOn: '2026-02-25' });
    await f.step('handler', 'record-payment', { occurredOn: '2026-03-10' });
    await f.step('handler', 'propose', { outcome: 'already_public', access: '门户网站', occurredOn: '2026-03-10' });
    await f.step('handler', 'submit-for-approval', { occurredOn: '2026-03-10' });
    await f.step('approver', 'approve', { occurredOn: '2026-03-11' });
    await f.step('clerk', 'deliver', { method: 'post', recipient: '张三', trackingNumber: 'XA8CN', occurredOn: deliverOn });
    return f;
  };

  it('a case closed under the default (fee pauses) keeps the deadline it was judged by when the setting changes later', async () => {
    const f = await feeCase('2026-03-25'); // after 3-19, before the paused deadline
    expect(f.c.deadlines.overdue).toBe(false);
    const judged = f.c.deadlines.replyDue;
    expect(judged > '2026-03-25').toBe(true);
    const patch = await t.http.patch('/api/v1/agency').set('authorization', `Bearer ${await t.login('admin')}`).send({ settings: { feePausesClock: false } });
    expect(patch.status).toBe(200);
    const after = await f.get('legal');
    const listed = await t.http.get('/api/v1/cases?pageSize=100').set('authorization', `Bearer ${await t.login('legal')}`);
    const row = listed.body.items.find((x: any) => x.id === f.c.id);
    // detail, worklist and the judged deadline must be one date
    expect({ detail: after.deadlines.replyDue, worklist: row.replyDue }).toEqual({ detail: judged, worklist: judged });
    expect(after.deadlines).toMatchObject({ replyDue: judged, overdue: false });
  });

  it('with the setting off the fee period counts: the case and the preview (feePausesClock false) agree', async () => {
    const patch = await t.http.patch('/api/v1/agency').set('authorization', `Bearer ${await t.login('admin')}`).send({ settings: { feePausesClock: false } });
    expect(patch.status).toBe(200);
    const f = await feeCase('2026-03-12');
    const p = await preview(t, { ...previewInputOf(f.c), feePausesClock: false });
    expect(f.c.deadlines.replyDue).toBe(p.replyDue);
    expect(f.c.deadlines.replyDue).toBe('2026-03-19');
  });
});
