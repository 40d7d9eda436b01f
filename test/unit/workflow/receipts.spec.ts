/**
 * Notices and their receipt in the statechart (legal review findings 1 and 10): how a notice went,
 * the day it reached its recipient, which consultation kinds expire and how, and the history's
 * replay with RECORD_LETTER_RECEIPT entries.
 */
import {
  allowedActions,
  applyEvent,
  lettersOfHistory,
  noticesOf,
  replayCase,
  type CaseEvent,
  type CaseSnapshot,
} from '../../../src/domain/workflow';
import { clerk, fresh, handler, inHandling, run } from './helpers';

const start = (id: string, extra: object = {}) => ({
  type: 'START_CONSULTATION' as const,
  consultationId: id,
  party: 'agency' as const,
  name: '县财政局',
  ...handler,
  ...extra,
});
const receipt = (letterType: string, receivedOn: string, extra: object = {}) => ({
  type: 'RECORD_LETTER_RECEIPT' as const,
  letterId: 'L-1',
  letterType,
  letterIssuedOn: '2026-03-03',
  receivedOn,
  on: '2026-03-10',
  ...clerk,
  ...extra,
});
const expire = (id: string, dueOn: string, on: string) => ({ type: 'CONSULTATION_EXPIRED' as const, consultationId: id, dueOn, on, actorId: 'system' });
const code = (s: CaseSnapshot, e: object) => applyEvent(s, { on: '2026-03-03', ...clerk, ...e } as CaseEvent).refusal?.code;

describe('notices: sent, received, and the periods that wait for receipt (finding 1)', () => {
  it('in person and electronically a notice is received the day sent; by post it awaits its delivery record', () => {
    const s = run(
      inHandling(),
      start('C1', { deliveryMethod: 'in_person' }),
      start('C2', { deliveryMethod: 'electronic' }),
      start('C3', { deliveryMethod: 'post', party: 'thirdParty', name: '甲公司' }),
      start('C4'), // recorded before the method was kept: counts from the day sent, may still be corrected
    );
    expect(s.context.consultations.map((c) => [c.id, c.deliveryMethod ?? null, c.receivedOn ?? null])).toEqual([
      ['C1', 'in_person', '2026-03-03'],
      ['C2', 'electronic', '2026-03-03'],
      ['C3', 'post', null],
      ['C4', null, null],
    ]);
    expect(noticesOf(s.context).filter((n) => n.awaitingReceipt).map((n) => n.consultationId)).toEqual(['C3']);
    const got = run(s, receipt('third_party_consultation', '2026-03-06', { consultationId: 'C3' }), receipt('agency_consultation', '2026-03-05', { consultationId: 'C4' }));
    expect(got.context.consultations.map((c) => c.receivedOn)).toEqual(['2026-03-03', '2026-03-03', '2026-03-06', '2026-03-05']);
    // Once per letter.
    expect(code(got, receipt('third_party_consultation', '2026-03-07', { consultationId: 'C3' }))).toBe('LETTER_RECEIPT_ALREADY_RECORDED');
  });

  it('a posted consultation cannot expire before its receipt is recorded; afterwards it can', () => {
    const s = run(inHandling(), start('C1', { deliveryMethod: 'post' }));
    expect(code(s, expire('C1', '2026-03-24', '2026-03-25'))).toBe('NOTICE_PERIOD_NOT_RUNNING');
    const got = run(s, receipt('agency_consultation', '2026-03-09', { consultationId: 'C1' }), expire('C1', '2026-03-30', '2026-03-31'));
    expect(got.context.consultations[0]).toMatchObject({ closedOn: '2026-03-30', result: 'noAnswer', expiryEffect: 'deemedConsent' });
  });

  it('the correction, fee and extension notices record their receipt; their periods wait for it', () => {
    const corr = run(fresh(), { type: 'REQUEST_CORRECTION', items: ['请写明文号'], periodWorkingDays: 15, deliveryMethod: 'post' });
    expect(corr.context.correction).toMatchObject({ deliveryMethod: 'post' });
    expect(corr.context.correction).not.toHaveProperty('noticeReceivedOn');
    expect(code(corr, { type: 'CORRECTION_PERIOD_EXPIRED', on: '2026-04-01', actorId: 'system' })).toBe('NOTICE_PERIOD_NOT_RUNNING');
    const corrGot = run(corr, receipt('correction_notice', '2026-03-05'));
    expect(corrGot.context.correction).toMatchObject({ noticeReceivedOn: '2026-03-05' });
    expect(applyEvent(corrGot, { type: 'CORRECTION_PERIOD_EXPIRED', on: '2026-04-01', actorId: 'system' }).changed).toBe(true);

    const fee = run(inHandling(), { type: 'ISSUE_FEE_NOTICE', method: 'per_page', amount: 700, deliveryMethod: 'post', ...handler });
    expect(code(fee, { type: 'FEE_PERIOD_EXPIRED', on: '2026-04-10', actorId: 'system' })).toBe('NOTICE_PERIOD_NOT_RUNNING');
    expect(run(fee, receipt('fee_notice', '2026-03-06')).context.fee).toMatchObject({ deliveryMethod: 'post', receivedOn: '2026-03-06' });
    const emailed = run(inHandling(), { type: 'ISSUE_FEE_NOTICE', method: 'per_page', amount: 700, deliveryMethod: 'electronic', ...handler });
    expect(emailed.context.fee).toMatchObject({ receivedOn: '2026-03-03' });

    const ext = run(inHandling(), { type: 'EXTEND', workingDays: 10, reason: '需调档', approvedBy: 'u-head', replyDue: '2026-03-30', deliveryMethod: 'post' });
    expect(run(ext, receipt('extension_notice', '2026-03-05')).context.extension).toMatchObject({ deliveryMethod: 'post', noticeReceivedOn: '2026-03-05' });
  });

  it('is taken in every state, also after the case closed, but only for letters whose periods run from receipt', () => {
    const closed = run(fresh(), { type: 'REQUEST_CORRECTION', items: ['请写明文号'], periodWorkingDays: 15, deliveryMethod: 'post' }, { type: 'WITHDRAW', on: '2026-03-04' });
    expect(applyEvent(closed, { ...receipt('correction_notice', '2026-03-04') } as CaseEvent).changed).toBe(true);
    for (const t of ['receipt', 'reply', 'delivery_receipt', 'deferral_notice', 'third_party_decision_notice', 'secrecy_referral']) {
      expect([t, code(inHandling(), receipt(t, '2026-03-05'))]).toEqual([t, 'LETTER_RECEIPT_NOT_APPLICABLE']);
    }
  });

  it('offers record-letter-receipt to clerks and handlers while a posted notice of an open matter awaits its receipt', () => {
    const user = (roles: string[]) => ({ id: 'u-x', roles });
    const s = run(inHandling(), start('C1', { deliveryMethod: 'post' }));
    expect(allowedActions(s, user(['clerk']), '2026-03-10')).toContain('record-letter-receipt');
    expect(allowedActions(s, user(['handler']), '2026-03-10')).toContain('record-letter-receipt');
    expect(allowedActions(s, user(['approver']), '2026-03-10')).not.toContain('record-letter-receipt');
    const got = run(s, receipt('agency_consultation', '2026-03-05', { consultationId: 'C1' }));
    expect(allowedActions(got, user(['clerk']), '2026-03-10')).not.toContain('record-letter-receipt');
    const handedOver = run(inHandling(), start('C1', { deliveryMethod: 'in_person' }));
    expect(allowedActions(handedOver, user(['clerk']), '2026-03-10')).not.toContain('record-letter-receipt');
  });
});

describe('consultations by kind (finding 10)', () => {
  it('deems consent only for a co-producer (条例第34条); another agency leaves the decision to the agency (第11条)', () => {
    const s = run(
      inHandling(),
      start('C1', { basis: 'coProducer', deliveryMethod: 'in_person' }),
      start('C2', { basis: 'other', deliveryMethod: 'in_person' }),
      start('C3', { party: 'thirdParty', name: '甲公司', deliveryMethod: 'in_person' }),
      start('C4', { basis: 'secrecyReferral', deliveryMethod: 'in_person' }),
      expire('C1', '2026-03-24', '2026-03-25'),
      expire('C2', '2026-03-24', '2026-03-25'),
      expire('C3', '2026-03-24', '2026-03-25'),
    );
    expect(s.context.consultations.map((c) => c.expiryEffect ?? null)).toEqual(['deemedConsent', 'agencyDecides', 'agencyDecides', null]);
  });

  it('a 第17条第三款 referral never expires: it waits for the determination', () => {
    const s = run(inHandling(), start('C1', { basis: 'secrecyReferral', deliveryMethod: 'post' }));
    expect(noticesOf(s.context)[0]).toMatchObject({ letterType: 'secrecy_referral', awaitingReceipt: false });
    expect(code(s, expire('C1', '2026-03-24', '2026-03-25'))).toBe('NOTICE_PERIOD_NOT_RUNNING');
    expect(code(s, receipt('secrecy_referral', '2026-03-05', { consultationId: 'C1' }))).toBe('LETTER_RECEIPT_NOT_APPLICABLE');
    expect(run(s, { type: 'CLOSE_CONSULTATION', consultationId: 'C1', result: 'agree', on: '2026-05-20', ...handler }).context.consultations[0]).toMatchObject({ closedOn: '2026-05-20' });
  });

  it('a basis belongs to another agency only', () => {
    expect(code(inHandling(), start('C1', { party: 'thirdParty', basis: 'coProducer' }))).toBe('CONSULTATION_BASIS_INVALID');
    expect(code(inHandling(), start('C1', { basis: 'friendly' }))).toBe('CONSULTATION_BASIS_INVALID');
  });
});

describe('the history: letters and their consultations, and the replay', () => {
  const entries = [
    { seq: 1, type: 'REGISTERED', payload: { receiptDate: '2026-03-02' }, actorId: 'u-clerk', occurredOn: '2026-03-02' },
    { seq: 2, type: 'LETTER_ISSUED', payload: { letterId: 'L-0', type: 'receipt', docNumber: '回执1号' }, actorId: 'u-clerk', occurredOn: '2026-03-02' },
    { seq: 3, type: 'ACCEPT', payload: { actorRoles: ['clerk'] }, actorId: 'u-clerk', occurredOn: '2026-03-02' },
    { seq: 4, type: 'ASSIGN', payload: { departmentId: 'D-1', actorRoles: ['clerk'] }, actorId: 'u-clerk', occurredOn: '2026-03-02' },
    {
      seq: 5,
      type: 'START_CONSULTATION',
      payload: { consultationId: 'C1', party: 'agency', basis: 'coProducer', name: '县财政局', sentOn: '2026-03-03', deliveryMethod: 'post', actorRoles: ['handler'] },
      actorId: 'u-handler',
      occurredOn: '2026-03-03',
    },
    { seq: 6, type: 'LETTER_ISSUED', payload: { letterId: 'L-1', type: 'agency_consultation', docNumber: '告1号' }, actorId: 'u-handler', occurredOn: '2026-03-03' },
    {
      seq: 7,
      type: 'START_CONSULTATION',
      payload: { consultationId: 'C2', party: 'thirdParty', name: '甲公司', sentOn: '2026-03-04', deliveryMethod: 'post', actorRoles: ['handler'] },
      actorId: 'u-handler',
      occurredOn: '2026-03-04',
    },
    { seq: 8, type: 'LETTER_ISSUED', payload: { letterId: 'L-2', type: 'third_party_consultation', docNumber: '告2号' }, actorId: 'u-handler', occurredOn: '2026-03-04' },
    // A correction (更正) of the first letter stands for the same consultation.
    { seq: 9, type: 'LETTER_ISSUED', payload: { letterId: 'L-3', type: 'agency_consultation', docNumber: '告3号', replacesId: 'L-1' }, actorId: 'u-approver', occurredOn: '2026-03-05' },
    {
      seq: 10,
      type: 'RECORD_LETTER_RECEIPT',
      payload: { letterId: 'L-1', letterType: 'agency_consultation', letterIssuedOn: '2026-03-03', consultationId: 'C1', receivedOn: '2026-03-06', actorRoles: ['clerk'] },
      actorId: 'u-clerk',
      occurredOn: '2026-03-09',
    },
  ];

  it('maps each letter to the consultation it was sent for', () => {
    expect(lettersOfHistory(entries).map((l) => [l.letterId, l.letterType, l.issuedOn, l.consultationId ?? null])).toEqual([
      ['L-0', 'receipt', '2026-03-02', null],
      ['L-1', 'agency_consultation', '2026-03-03', 'C1'],
      ['L-2', 'third_party_consultation', '2026-03-04', 'C2'],
      ['L-3', 'agency_consultation', '2026-03-05', 'C1'],
    ]);
  });

  it('replays a history with a recorded receipt to the same context', () => {
    const r = replayCase('case-1', entries);
    expect(r.ok).toBe(true);
    const ctx = (r as { snapshot: { context: { consultations: Array<{ receivedOn?: string }> } } }).snapshot.context;
    expect(ctx.consultations.map((c) => c.receivedOn ?? null)).toEqual(['2026-03-06', null]);
  });
});
