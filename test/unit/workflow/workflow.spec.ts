import {
  allowedEvents,
  applyEvent,
  caseMachine,
  persistCase,
  restoreCase,
  stateKey,
  stateValueOf,
  substates,
  type CaseSnapshot,
} from '../../../src/domain/workflow';
import {
  chain2,
  clerk,
  director,
  fresh,
  handler,
  head,
  inHandling,
  refuse,
  review,
  run,
} from './helpers';

function toDecided(s: CaseSnapshot): CaseSnapshot {
  return run(
    s,
    { type: 'SUBMIT_FOR_APPROVAL', chain: chain2, ...handler },
    { type: 'APPROVE', ...head },
    { type: 'APPROVE', ...director },
  );
}
function toArchived(s: CaseSnapshot): CaseSnapshot {
  return run(
    s,
    {
      type: 'DELIVER',
      method: 'post',
      recipient: '张三',
      trackingNumber: 'XA123',
      on: '2026-03-20',
    },
    { type: 'ARCHIVE', on: '2026-04-01' },
  );
}

describe('registration and acceptance', () => {
  it('starts registered with an empty context', () => {
    const s = fresh();
    expect(stateKey(s)).toBe('registered');
    expect(s.context.clockStartedOn).toBe('2026-03-02');
    expect(s.context.consultations).toEqual([]);
  });
  it('ACCEPT → accepted; ASSIGN → handling with three regions', () => {
    const s = inHandling();
    expect(stateKey(s)).toBe('handling');
    expect(stateValueOf(s)).toEqual({
      handling: { consultations: 'idle', fee: 'none', work: 'investigating' },
    });
    expect(s.context.assignment).toEqual({
      departmentId: 'D-1',
      assigneeId: 'u-handler',
      on: '2026-03-03',
    });
    expect(substates(s)).toEqual({
      consulting: false,
      awaitingFee: false,
      feePaid: false,
      closureProposed: false,
      work: 'investigating',
    });
  });
  it('ASSIGN needs a department and is not available in registered', () => {
    const s = run(fresh(), { type: 'ACCEPT' });
    expect(refuse(s, { type: 'ASSIGN', departmentId: ' ' })).toMatch(/承办部门/);
    expect(refuse(fresh(), { type: 'ASSIGN', departmentId: 'D' })).toMatch(/不能办理“分办”/);
  });
  it('reassignment inside handling', () => {
    const s = run(inHandling(), { type: 'ASSIGN', departmentId: 'D-2' });
    expect(s.context.assignment?.departmentId).toBe('D-2');
    expect(stateKey(s)).toBe('handling');
  });
  it('every event needs a business date and an actor', () => {
    expect(refuse(fresh(), { type: 'ACCEPT', on: '2026/03/03' })).toMatch(/业务日期/);
    expect(refuse(fresh(), { type: 'ACCEPT', actorId: '' })).toMatch(/操作人/);
  });
});

describe('correction 补正 (条例第30条)', () => {
  const req = {
    type: 'REQUEST_CORRECTION' as const,
    items: ['请明确文件名称'],
    periodWorkingDays: 15,
  };
  it('from registered and from accepted', () => {
    expect(stateKey(run(fresh(), req))).toBe('awaitingCorrection');
    expect(stateKey(run(fresh(), { type: 'ACCEPT' }, req))).toBe('awaitingCorrection');
  });
  it('not from handling', () => {
    expect(refuse(inHandling(), req)).toMatch(/不能办理“告知补正”/);
  });
  it('items must be non-empty and the period positive', () => {
    expect(refuse(fresh(), { ...req, items: [] })).toMatch(/补正的事项/);
    expect(refuse(fresh(), { ...req, periodWorkingDays: 0 })).toMatch(/正整数/);
  });
  it('a notice after the 7-WD limit is refused, one on the last day is taken (条例第30条)', () => {
    expect(refuse(fresh(), { ...req, noticeDue: '2026-03-11', on: '2026-03-12' })).toMatch(/补正告知期限已于2026-03-11届满/);
    expect(refuse(run(fresh(), { type: 'ACCEPT' }), { ...req, noticeDue: '2026-03-11', on: '2026-03-12' })).toMatch(/条例第三十条/);
    const onTheDay = run(fresh(), { ...req, noticeDue: '2026-03-11', on: '2026-03-11' });
    expect(stateKey(onTheDay)).toBe('awaitingCorrection');
    expect(onTheDay.context.correction?.late).toBe(false);
  });
  it('RECEIVE_CORRECTION → accepted with a new clock; only once (一次性告知)', () => {
    const s = run(fresh(), req, { type: 'RECEIVE_CORRECTION', on: '2026-03-10' });
    expect(stateKey(s)).toBe('accepted');
    expect(s.context.clockStartedOn).toBe('2026-03-10');
    expect(s.context.correction?.receivedOn).toBe('2026-03-10');
    expect(refuse(s, req)).toMatch(/一次性/);
  });
  it('legacy CORRECTION_PERIOD_EXPIRED (recorded before the closure needed approval) still replays: it closed at once', () => {
    const s = run(fresh(), req, {
      type: 'CORRECTION_PERIOD_EXPIRED',
      actorId: 'system',
      on: '2026-04-01',
    });
    expect(stateKey(s)).toBe('closed');
    expect(s.context).toMatchObject({
      outcome: 'correction_overdue',
      closeReason: 'correction_overdue',
      closedOn: '2026-04-01',
    });
    expect(stateKey(run(s, { type: 'ARCHIVE' }))).toBe('archived');
  });
  it('timer event outside awaitingCorrection is refused', () => {
    expect(refuse(fresh(), { type: 'CORRECTION_PERIOD_EXPIRED' })).toMatch(/不能办理/);
    expect(refuse(fresh(), { type: 'CORRECTION_PERIOD_LAPSED', dueOn: '2026-03-31' })).toMatch(/不能办理/);
  });
});

describe('视为放弃申请: proposed when a period runs out, decided by a person (条例第30条; legal review finding 7)', () => {
  const req = { type: 'REQUEST_CORRECTION' as const, items: ['请写明文号'], periodWorkingDays: 15 };
  const lapse = { type: 'CORRECTION_PERIOD_LAPSED' as const, dueOn: '2026-03-24', actorId: 'system', actorRoles: [], on: '2026-03-25' };
  const lapsed = () => run(fresh(), req, lapse);
  const oneStep = [{ step: 'approver' }];
  const approver = { actorId: 'u-approver', actorRoles: ['approver'] };

  it('the end of the correction period only proposes the closure: nothing is decided or closed', () => {
    const s = lapsed();
    expect(stateKey(s)).toBe('closureProposed');
    expect(stateValueOf(s)).toEqual({ closureProposed: 'drafted' });
    expect(substates(s).closureProposed).toBe(true);
    expect(s.context).toMatchObject({
      closure: { ground: 'correction_overdue', dueOn: '2026-03-24', lapsedOn: '2026-03-25' },
      outcome: null,
      decision: null,
      closedOn: null,
      closeReason: null,
    });
    // It is not received any more without a good reason first, and not delivered before a decision.
    expect(refuse(s, { type: 'RECEIVE_CORRECTION', on: '2026-03-26' })).toMatch(/不能办理/);
    expect(refuse(s, { type: 'DELIVER', method: 'in_person', recipient: '张三' })).toMatch(/不能办理/);
  });

  it('a person may record the lapse the timer did not (CLOSE_LAPSED): the same closure, closed the day after the period', () => {
    const close = { type: 'CLOSE_LAPSED' as const, ground: 'correction_overdue' as const, dueOn: '2026-03-24', ...clerk };
    expect(refuse(run(fresh(), req), { ...close, on: '2026-03-24' })).toMatch(/24时届满/);
    expect(refuse(run(fresh(), req), { ...close, ground: 'fee_unpaid', on: '2026-04-20' })).toMatch(/补正期限或缴费期限/);
    let s = run(fresh(), req, { ...close, on: '2026-04-20' });
    expect(stateValueOf(s)).toEqual({ closureProposed: 'drafted' });
    expect(s.context.closure).toEqual({ ground: 'correction_overdue', dueOn: '2026-03-24', lapsedOn: '2026-04-20' });
    s = run(s, { type: 'SUBMIT_FOR_APPROVAL', chain: oneStep, ...clerk, on: '2026-04-21' }, { type: 'APPROVE', ...approver, on: '2026-04-22' });
    s = run(s, { type: 'DELIVER', method: 'in_person', recipient: '张三', on: '2026-04-23' });
    expect(s.context).toMatchObject({ closedOn: '2026-03-25', outcome: 'correction_overdue' });
  });

  it('a period is over only from the day after its last day', () => {
    expect(refuse(run(fresh(), req), { ...lapse, on: '2026-03-24' })).toMatch(/晚于期限的最后一日/);
  });

  it('submitted (by the clerk: its proposer), approved, delivered: then closed as correction_overdue', () => {
    let s = run(lapsed(), { type: 'SUBMIT_FOR_APPROVAL', chain: oneStep, ...clerk, on: '2026-03-26' });
    expect(stateValueOf(s)).toEqual({ closureProposed: 'inApproval' });
    expect(s.context.closure).toMatchObject({ proposedBy: 'u-clerk', proposedOn: '2026-03-26' });
    s = run(s, { type: 'APPROVE', ...approver, on: '2026-03-27' });
    expect(stateKey(s)).toBe('decided');
    expect(s.context.decision).toMatchObject({ outcome: 'correction_overdue', proposedBy: 'u-clerk', decidedOn: '2026-03-27', approvals: [{ actorId: 'u-approver' }] });
    expect(s.context.outcome).toBe('correction_overdue');
    expect(s.context.closedOn).toBeNull();
    s = run(s, { type: 'DELIVER', method: 'post', recipient: '张三', carrier: '中国邮政', trackingNumber: 'XA1', on: '2026-03-30' });
    expect(stateKey(s)).toBe('closed');
    // Closed on the day after the period's last day (2026-03-24), not on the day of delivery (issue 15).
    expect(s.context).toMatchObject({ closedOn: '2026-03-25', closeReason: 'correction_overdue', outcome: 'correction_overdue' });
    expect(stateKey(run(s, { type: 'ARCHIVE' , on: '2026-04-01' }))).toBe('archived');
  });

  it('returned: back to the draft, to be submitted again', () => {
    const s = run(
      lapsed(),
      { type: 'SUBMIT_FOR_APPROVAL', chain: oneStep, ...clerk, on: '2026-03-26' },
      { type: 'RETURN', comments: '请先电话核实申请人是否已寄出补正材料', ...approver, on: '2026-03-26' },
    );
    expect(stateValueOf(s)).toEqual({ closureProposed: 'drafted' });
    expect(s.context.returns).toHaveLength(1);
    expect(s.context.approvalChain).toEqual([]);
  });

  it('a good reason reopens the correction period from that day; the clerk may then receive the correction', () => {
    const inApproval = run(lapsed(), { type: 'SUBMIT_FOR_APPROVAL', chain: oneStep, ...clerk, on: '2026-03-26' });
    for (const from of [lapsed(), inApproval]) {
      const s = run(from, { type: 'RECORD_GOOD_REASON', reason: '补正材料于3月20日寄出，邮局延误', periodWorkingDays: 5, dueOn: '2026-04-02', on: '2026-03-26' });
      expect(stateKey(s)).toBe('awaitingCorrection');
      expect(s.context.closure).toBeUndefined();
      expect(s.context.approvalChain).toEqual([]);
      expect(s.context.correction).toMatchObject({ requestedOn: '2026-03-03', reopenedOn: '2026-03-26', periodWorkingDays: 5 });
      expect(s.context.goodReasons).toEqual([
        { ground: 'correction_overdue', reason: '补正材料于3月20日寄出，邮局延误', on: '2026-03-26', actorId: 'u-clerk', lapsedDueOn: '2026-03-24', dueOn: '2026-04-02' },
      ]);
      expect(stateKey(run(s, { type: 'RECEIVE_CORRECTION', on: '2026-03-26' }))).toBe('accepted');
    }
  });

  it('a good reason must be written, the new period positive and its end after the day', () => {
    const ok = { type: 'RECORD_GOOD_REASON' as const, reason: '邮局延误', periodWorkingDays: 5, dueOn: '2026-04-02', on: '2026-03-26' };
    expect(refuse(lapsed(), { ...ok, reason: ' ' })).toMatch(/正当理由/);
    expect(refuse(lapsed(), { ...ok, periodWorkingDays: 0 })).toMatch(/正整数/);
    expect(refuse(lapsed(), { ...ok, dueOn: '2026-03-26' })).toMatch(/晚于记录正当理由之日/);
    expect(refuse(run(fresh(), req), ok)).toMatch(/不能办理/);
  });

  it('the applicant may still withdraw', () => {
    const s = run(lapsed(), { type: 'WITHDRAW', on: '2026-03-26' });
    expect(s.context).toMatchObject({ closeReason: 'withdrawn', outcome: 'withdrawn' });
  });

  it('the fee period: proposed inside the fee region; the rest of the handling is kept', () => {
    const notice = { type: 'ISSUE_FEE_NOTICE' as const, method: 'per_page' as const, amount: 100, ...handler };
    let s = run(inHandling(), notice, { type: 'PROPOSE', outcome: 'not_exist', ...handler }, {
      type: 'FEE_PERIOD_LAPSED',
      dueOn: '2026-03-31',
      actorId: 'system',
      actorRoles: [],
      on: '2026-04-01',
    });
    expect(stateValueOf(s)).toEqual({ handling: { consultations: 'idle', fee: { closureProposed: 'drafted' }, work: 'proposed' } });
    expect(substates(s)).toMatchObject({ closureProposed: true, awaitingFee: false });
    expect(s.context.closure).toMatchObject({ ground: 'fee_unpaid', dueOn: '2026-03-31' });
    // The closure, not the handler's reply, goes to approval; its submitter (the handler here) is its proposer.
    s = run(s, { type: 'SUBMIT_FOR_APPROVAL', chain: [{ step: 'approver' }], ...handler, on: '2026-04-01' });
    expect(stateValueOf(s)).toEqual({ handling: { consultations: 'idle', fee: { closureProposed: 'inApproval' }, work: 'proposed' } });
    const decided = run(s, { type: 'APPROVE', actorId: 'u-approver', actorRoles: ['approver'], on: '2026-04-02' });
    expect(stateKey(decided)).toBe('decided');
    expect(decided.context.decision).toMatchObject({ outcome: 'fee_unpaid', proposedBy: 'u-handler' });
    // A good reason instead: the fee period runs again, the handler's proposal is still there.
    const reopened = run(s, { type: 'RECORD_GOOD_REASON', reason: '已于期限内转账，银行退回后重新缴纳', periodWorkingDays: 20, dueOn: '2026-04-30', on: '2026-04-02' });
    expect(stateValueOf(reopened)).toEqual({ handling: { consultations: 'idle', fee: 'awaitingFee', work: 'proposed' } });
    expect(reopened.context.fee).toMatchObject({ reopenedOn: '2026-04-02', dueOn: '2026-04-30' });
    expect(reopened.context.proposal).toMatchObject({ outcome: 'not_exist', proposedBy: 'u-handler' });
    const paid = run(reopened, { type: 'RECORD_PAYMENT', ...handler, on: '2026-04-03' });
    expect(substates(paid)).toMatchObject({ feePaid: true, work: 'proposed' });
    expect(stateKey(run(paid, { type: 'SUBMIT_FOR_APPROVAL', chain: chain2, ...handler, on: '2026-04-03' }))).toBe('inApproval');
  });

  it('a reply goes to approval by its handler only (a clerk submits only a closure)', () => {
    const s = run(inHandling(), { type: 'PROPOSE', outcome: 'not_exist', ...handler });
    expect(refuse(s, { type: 'SUBMIT_FOR_APPROVAL', chain: chain2, ...clerk })).toMatch(/承办人报批/);
  });
});

describe('consultations 征求意见 (条例第32、34条)', () => {
  const start = (id: string, party: 'thirdParty' | 'agency' = 'thirdParty') => ({
    type: 'START_CONSULTATION' as const,
    consultationId: id,
    party,
    name: party === 'thirdParty' ? '某公司' : '某局',
    ...handler,
  });
  it('opens, stays consulting while any is open, returns to idle', () => {
    let s = run(inHandling(), start('K1'), start('K2', 'agency'));
    expect(substates(s).consulting).toBe(true);
    expect(s.context.consultations).toHaveLength(2);
    s = run(s, {
      type: 'CLOSE_CONSULTATION',
      consultationId: 'K1',
      result: 'object',
      on: '2026-03-10',
    });
    expect(substates(s).consulting).toBe(true);
    s = run(s, {
      type: 'CONSULTATION_EXPIRED',
      consultationId: 'K2',
      actorId: 'system',
      on: '2026-03-25',
    });
    expect(substates(s).consulting).toBe(false);
    expect(s.context.consultations).toEqual([
      {
        id: 'K1',
        party: 'thirdParty',
        name: '某公司',
        sentOn: '2026-03-03',
        closedOn: '2026-03-10',
        result: 'object',
      },
      {
        id: 'K2',
        party: 'agency',
        name: '某局',
        sentOn: '2026-03-03',
        closedOn: '2026-03-25',
        result: 'noAnswer',
        expiryEffect: 'deemedConsent',
      },
    ]);
  });
  it('third-party expiry: agency decides', () => {
    const s = run(inHandling(), start('K1'), {
      type: 'CONSULTATION_EXPIRED',
      consultationId: 'K1',
    });
    expect(s.context.consultations[0].expiryEffect).toBe('agencyDecides');
  });
  it('refuses duplicate ids, unknown or closed consultations', () => {
    const s = run(inHandling(), start('K1'));
    expect(refuse(s, start('K1'))).toMatch(/重复/);
    expect(refuse(s, { type: 'CLOSE_CONSULTATION', consultationId: 'X', result: 'agree' })).toMatch(
      /没有编号/,
    );
    expect(
      refuse(inHandling(), { type: 'CLOSE_CONSULTATION', consultationId: 'K1', result: 'agree' }),
    ).toMatch(/不能办理/);
    const s2 = run(s, start('K2'), {
      type: 'CLOSE_CONSULTATION',
      consultationId: 'K1',
      result: 'agree',
    });
    expect(
      refuse(s2, { type: 'CLOSE_CONSULTATION', consultationId: 'K1', result: 'agree' }),
    ).toMatch(/已结束/);
  });
  it('no submission while a consultation is open', () => {
    const s = run(inHandling(), start('K1'), { type: 'PROPOSE', outcome: 'not_exist', ...handler });
    expect(refuse(s, { type: 'SUBMIT_FOR_APPROVAL', chain: chain2, ...handler })).toMatch(
      /征求意见/,
    );
  });
});

describe('fee 信息处理费', () => {
  const notice = {
    type: 'ISSUE_FEE_NOTICE' as const,
    method: 'per_page' as const,
    amount: 83460,
    ...handler,
  };
  it('notice → awaitingFee → paid', () => {
    let s = run(inHandling(), notice);
    expect(substates(s).awaitingFee).toBe(true);
    expect(refuse(s, notice)).toMatch(/不能办理/);
    s = run(s, { type: 'RECORD_PAYMENT', receiptNo: 'R1', ...handler, on: '2026-03-09' });
    expect(substates(s)).toMatchObject({ awaitingFee: false, feePaid: true });
    expect(s.context.fee).toMatchObject({
      method: 'per_page',
      amount: 83460,
      paidOn: '2026-03-09',
      receiptNo: 'R1',
    });
  });
  it('amount must be a positive integer', () => {
    expect(refuse(inHandling(), { ...notice, amount: 0 })).toMatch(/正整数/);
    expect(refuse(inHandling(), { ...notice, amount: 10.5 })).toMatch(/正整数/);
  });
  it('legacy FEE_PERIOD_EXPIRED (recorded before the closure needed approval) still replays: it closed at once', () => {
    const s = run(inHandling(), notice, {
      type: 'FEE_PERIOD_EXPIRED',
      actorId: 'system',
      on: '2026-04-10',
    });
    expect(stateKey(s)).toBe('closed');
    expect(s.context).toMatchObject({
      outcome: 'fee_unpaid',
      closeReason: 'fee_unpaid',
      closedOn: '2026-04-10',
    });
  });
  it('FEE_PERIOD_EXPIRED without pending fee is refused', () => {
    expect(refuse(inHandling(), { type: 'FEE_PERIOD_EXPIRED' })).toMatch(/不能办理/);
  });
  it('no submission while the fee is unpaid', () => {
    const s = run(inHandling(), notice, { type: 'PROPOSE', outcome: 'not_exist', ...handler });
    expect(refuse(s, { type: 'SUBMIT_FOR_APPROVAL', chain: chain2, ...handler })).toMatch(
      /信息处理费/,
    );
  });
});

describe('secrecy review and proposal guards (条例第17条, §4a)', () => {
  it('RECORD_SECRECY_REVIEW moves investigating → drafting and validates', () => {
    const s = run(inHandling(), review('disclose'));
    expect(substates(s).work).toBe('drafting');
    expect(refuse(inHandling(), review('partial'))).toMatch(/不予公开的部分/);
    expect(refuse(inHandling(), review('disclose', { ground: '' }))).toMatch(/依据/);
  });
  it('disclose needs a disclose review', () => {
    expect(refuse(inHandling(), { type: 'PROPOSE', outcome: 'disclose', ...handler })).toMatch(
      /保密审查/,
    );
    const p = run(inHandling(), review('partial', { withheldPart: '第3页' }));
    expect(refuse(p, { type: 'PROPOSE', outcome: 'disclose', ...handler })).toMatch(/不允许/);
    const s = run(inHandling(), review('disclose'), {
      type: 'PROPOSE',
      outcome: 'disclose',
      ...handler,
    });
    expect(substates(s).work).toBe('proposed');
    expect(s.context.proposal).toMatchObject({
      outcome: 'disclose',
      basis: '第36条第（二）项',
      proposedBy: 'u-handler',
    });
  });
  const parts = [
    { part: '第3页个人信息', ground: 'withhold_third_party' as const, reason: '涉及个人隐私' },
  ];
  it('partial needs a partial/disclose review and withheld parts with grounds and reasons', () => {
    const withhold = run(inHandling(), review('withhold'));
    expect(
      refuse(withhold, { type: 'PROPOSE', outcome: 'partial', withheldParts: parts, ...handler }),
    ).toMatch(/不允许/);
    const ok = run(inHandling(), review('disclose'));
    expect(refuse(ok, { type: 'PROPOSE', outcome: 'partial', ...handler })).toMatch(/列明/);
    expect(
      refuse(ok, {
        type: 'PROPOSE',
        outcome: 'partial',
        withheldParts: [{ ...parts[0], ground: 'disclose' as never }],
        ...handler,
      }),
    ).toMatch(/依据无效/);
    expect(
      refuse(ok, {
        type: 'PROPOSE',
        outcome: 'partial',
        withheldParts: [{ ...parts[0], reason: '' }],
        ...handler,
      }),
    ).toMatch(/说明理由/);
    const s = run(inHandling(), review('partial', { withheldPart: '第3页' }), {
      type: 'PROPOSE',
      outcome: 'partial',
      withheldParts: parts,
      ...handler,
    });
    expect(s.context.proposal?.withheldParts).toEqual(parts);
  });
  it('withholding needs reasons; non-proposable outcomes refused', () => {
    expect(
      refuse(inHandling(), { type: 'PROPOSE', outcome: 'withhold_state_secret', ...handler }),
    ).toMatch(/理由/);
    expect(refuse(inHandling(), { type: 'PROPOSE', outcome: 'withdrawn', ...handler })).toMatch(
      /不能由承办人提出/,
    );
    expect(
      refuse(inHandling(), { type: 'PROPOSE', outcome: 'nonsense' as never, ...handler }),
    ).toMatch(/未知/);
  });
  it('withhold_third_party needs a closed third-party consultation or a reason', () => {
    const base = {
      type: 'PROPOSE' as const,
      outcome: 'withhold_third_party' as const,
      reasons: '商业秘密',
      ...handler,
    };
    expect(refuse(inHandling(), base)).toMatch(/第三方/);
    expect(
      stateKey(run(inHandling(), { ...base, noConsultationReason: '第三方已注销无法联系' })),
    ).toBe('handling');
    const s = run(
      inHandling(),
      {
        type: 'START_CONSULTATION',
        consultationId: 'K',
        party: 'thirdParty',
        name: 'A公司',
        ...handler,
      },
      { type: 'CLOSE_CONSULTATION', consultationId: 'K', result: 'object', ...handler },
      base,
    );
    expect(substates(s).work).toBe('proposed');
  });
  it('a new review after proposing sends work back to drafting and clears the proposal', () => {
    const s = run(
      inHandling(),
      review('disclose'),
      { type: 'PROPOSE', outcome: 'disclose', ...handler },
      review('withhold'),
    );
    expect(substates(s).work).toBe('drafting');
    expect(s.context.proposal).toBeNull();
    expect(refuse(s, { type: 'SUBMIT_FOR_APPROVAL', chain: chain2, ...handler })).toMatch(/不能办理/);
  });
  it('re-proposing replaces the proposal', () => {
    const s = run(
      inHandling(),
      { type: 'PROPOSE', outcome: 'not_exist', ...handler },
      { type: 'PROPOSE', outcome: 'needs_creation', ...handler },
    );
    expect(s.context.proposal?.outcome).toBe('needs_creation');
  });
  it('SUBMIT needs a proposal and a chain', () => {
    expect(refuse(inHandling(), { type: 'SUBMIT_FOR_APPROVAL', chain: chain2 })).toMatch(/不能办理/);
    const s = run(inHandling(), { type: 'PROPOSE', outcome: 'not_exist', ...handler });
    expect(refuse(s, { type: 'SUBMIT_FOR_APPROVAL', chain: [] })).toMatch(/审批流程/);
  });
});

describe('approval 报批', () => {
  const proposed = () =>
    run(inHandling(), {
      type: 'PROPOSE',
      outcome: 'not_exist',
      basis: '第36条第（四）项',
      ...handler,
    });
  it('ordered chain: only the current step approves', () => {
    let s = run(proposed(), { type: 'SUBMIT_FOR_APPROVAL', chain: chain2, ...handler });
    expect(stateKey(s)).toBe('inApproval');
    expect(refuse(s, { type: 'APPROVE', ...director })).toMatch(/科室负责人/);
    s = run(s, { type: 'APPROVE', ...head, comments: '同意' });
    expect(stateKey(s)).toBe('inApproval');
    expect(refuse(s, { type: 'APPROVE', ...head })).toMatch(/公开办主任/);
    // step with approverId: role alone is not enough
    expect(refuse(s, { type: 'APPROVE', actorId: 'u-other', actorRoles: ['公开办主任'] })).toMatch(
      /不由该用户/,
    );
    s = run(s, { type: 'APPROVE', ...director, on: '2026-03-12' });
    expect(stateKey(s)).toBe('decided');
    expect(s.context.decision).toMatchObject({
      outcome: 'not_exist',
      decidedOn: '2026-03-12',
      onTheSpot: false,
      approvals: [
        { stepIndex: 0, step: '科室负责人', actorId: 'u-head', on: '2026-03-03', comments: '同意' },
        { stepIndex: 1, step: '公开办主任', actorId: 'u-director', on: '2026-03-12' },
      ],
    });
    expect(s.context.outcome).toBe('not_exist');
  });
  it('RETURN goes back to drafting with comments kept; a paid fee stays paid', () => {
    let s = run(
      inHandling(),
      { type: 'ISSUE_FEE_NOTICE', method: 'per_item', amount: 100, ...handler },
      { type: 'RECORD_PAYMENT', ...handler },
      { type: 'PROPOSE', outcome: 'not_exist', ...handler },
      { type: 'SUBMIT_FOR_APPROVAL', chain: chain2, ...handler },
      { type: 'APPROVE', ...head },
    );
    expect(refuse(s, { type: 'RETURN', comments: '', ...director })).toMatch(/意见/);
    s = run(s, { type: 'RETURN', comments: '请补充检索记录', ...director });
    expect(stateValueOf(s)).toEqual({
      handling: { consultations: 'idle', fee: 'paid', work: 'drafting' },
    });
    expect(s.context.returns).toEqual([
      { stepIndex: 1, actorId: 'u-director', on: '2026-03-03', comments: '请补充检索记录' },
    ]);
    expect(s.context.approvals).toEqual([]);
    expect(
      refuse(s, { type: 'ISSUE_FEE_NOTICE', method: 'per_item', amount: 100, ...handler }),
    ).toMatch(/不能办理/);
    s = run(s, { type: 'PROPOSE', outcome: 'not_exist', ...handler });
    s = toDecided(s);
    expect(stateKey(s)).toBe('decided');
    expect(s.context.returns).toHaveLength(1);
  });
  it('RETURN without a fee goes to drafting with fee none', () => {
    const s = run(
      proposed(),
      { type: 'SUBMIT_FOR_APPROVAL', chain: chain2, ...handler },
      { type: 'RETURN', comments: '改', ...head },
    );
    expect(stateValueOf(s)).toEqual({
      handling: { consultations: 'idle', fee: 'none', work: 'drafting' },
    });
  });
});

describe('extension and deferral (条例第33、35条)', () => {
  const ext = {
    type: 'EXTEND' as const,
    workingDays: 20,
    reason: '需调取档案',
    approvedBy: 'u-director',
    replyDue: '2026-03-30',
    ...director,
  };
  it('once, 1..20, before the reply deadline, only in accepted/handling/inApproval', () => {
    expect(refuse(fresh(), ext)).toMatch(/不能办理/);
    const a = run(fresh(), { type: 'ACCEPT' });
    expect(refuse(a, { ...ext, workingDays: 21 })).toMatch(/1至20/);
    expect(refuse(a, { ...ext, workingDays: 0 })).toMatch(/1至20/);
    expect(refuse(a, { ...ext, on: '2026-03-31' })).toMatch(/届满前/);
    expect(refuse(a, { ...ext, approvedBy: '' })).toMatch(/负责人/);
    const s = run(a, ext);
    expect(s.context.extension).toEqual({
      workingDays: 20,
      reason: '需调取档案',
      approvedBy: 'u-director',
      on: '2026-03-03',
      replyDue: '2026-03-30',
    });
    expect(refuse(s, ext)).toMatch(/只能一次/);
    expect(run(inHandling(), ext).context.extension?.workingDays).toBe(20);
    const ap = run(
      inHandling(),
      { type: 'PROPOSE', outcome: 'not_exist', ...handler },
      { type: 'SUBMIT_FOR_APPROVAL', chain: chain2, ...handler },
      ext,
    );
    expect(ap.context.extension).not.toBeNull();
  });
  it('DEFER once, after reasons judged reasonable, before the 第33条 deadline, to a date after it (条例第35条)', () => {
    const def = {
      type: 'DEFER' as const,
      deferredTo: '2026-06-30',
      reason: '申请数量明显超过合理范围',
      replyDue: '2026-03-30',
      ...director,
    };
    const asked = run(inHandling(), { type: 'REQUEST_REASONS', ...handler });
    expect(asked.context.reasonsInquiry).toEqual({ requestedOn: '2026-03-03' });
    expect(refuse(inHandling(), def)).toMatch(/说明理由/);
    expect(refuse(asked, def)).toMatch(/理由合理/);
    const unreasonable = run(asked, { type: 'RECORD_REASONS', reasonable: false, summary: '无', ...handler, on: '2026-03-05' });
    expect(refuse(unreasonable, { ...def, on: '2026-03-05' })).toMatch(/理由合理/);
    const reasonable = run(asked, { type: 'RECORD_REASONS', reasonable: true, summary: '编写地方志', ...handler, on: '2026-03-05' });
    expect(reasonable.context.reasonsInquiry).toEqual({ requestedOn: '2026-03-03', recordedOn: '2026-03-05', reasonable: true, summary: '编写地方志' });
    expect(refuse(reasonable, { ...def, on: '2026-03-31' })).toMatch(/届满前/);
    expect(refuse(reasonable, { ...def, deferredTo: '2026-03-30', on: '2026-03-05' })).toMatch(/晚于第三十三条规定的答复期限（2026-03-30）/);
    const s = run(reasonable, { ...def, on: '2026-03-30' });
    expect(s.context.deferral).toEqual({ deferredTo: '2026-06-30', reason: '申请数量明显超过合理范围', on: '2026-03-30', replyDue: '2026-03-30' });
    expect(refuse(s, { ...def, on: '2026-03-30' })).toMatch(/只能一次/);
    expect(refuse(reasonable, { ...def, deferredTo: '2026-03-03' })).toMatch(/晚于/);
  });
  it('excessive_requests (条例第35条) needs the reasons judged unreasonable', () => {
    const p = { type: 'PROPOSE' as const, outcome: 'excessive_requests' as const, ...handler };
    expect(refuse(inHandling(), p)).toMatch(/理由不合理/);
    const asked = run(inHandling(), { type: 'REQUEST_REASONS', ...handler });
    expect(refuse(asked, p)).toMatch(/理由不合理/);
    expect(refuse(asked, { type: 'REQUEST_REASONS', ...handler })).toMatch(/已要求/);
    expect(refuse(run(asked, { type: 'RECORD_REASONS', reasonable: true, summary: '合理', ...handler }), p)).toMatch(/理由不合理/);
    expect(refuse(inHandling(), { type: 'RECORD_REASONS', reasonable: true, summary: '合理', ...handler })).toMatch(/尚未要求/);
  });
});

describe('withdrawal', () => {
  it.each([
    ['registered', () => fresh()],
    ['accepted', () => run(fresh(), { type: 'ACCEPT' })],
    [
      'awaitingCorrection',
      () => run(fresh(), { type: 'REQUEST_CORRECTION', items: ['x'], periodWorkingDays: 15 }),
    ],
    ['handling', () => inHandling()],
    [
      'inApproval',
      () =>
        run(
          inHandling(),
          { type: 'PROPOSE', outcome: 'not_exist', ...handler },
          { type: 'SUBMIT_FOR_APPROVAL', chain: chain2, ...handler },
        ),
    ],
  ])('from %s → closed withdrawn', (_n, make) => {
    const s = run(make(), { type: 'WITHDRAW', reason: '申请人书面撤回', on: '2026-03-05' });
    expect(stateKey(s)).toBe('closed');
    expect(s.context).toMatchObject({
      outcome: 'withdrawn',
      closeReason: 'withdrawn',
      closedOn: '2026-03-05',
    });
  });
  it('not after decided', () => {
    const d = toDecided(run(inHandling(), { type: 'PROPOSE', outcome: 'not_exist', ...handler }));
    expect(refuse(d, { type: 'WITHDRAW' })).toMatch(/作出决定/);
  });
});

describe('on-the-spot reply 当场答复 (条例第33条第一款)', () => {
  it('registered → decided → delivered → archived', () => {
    let s = run(fresh(), {
      type: 'ON_THE_SPOT_REPLY',
      outcome: 'already_public',
      reasons: '已在门户网站公开',
    });
    expect(stateKey(s)).toBe('decided');
    expect(s.context.decision).toMatchObject({
      outcome: 'already_public',
      onTheSpot: true,
      approvals: [],
    });
    s = run(s, { type: 'DELIVER', method: 'in_person', recipient: '张三' }, { type: 'ARCHIVE' });
    expect(stateKey(s)).toBe('archived');
  });
  it('disclose on the spot needs an inline secrecy review', () => {
    expect(refuse(fresh(), { type: 'ON_THE_SPOT_REPLY', outcome: 'disclose' })).toMatch(/保密审查/);
    const s = run(fresh(), {
      type: 'ON_THE_SPOT_REPLY',
      outcome: 'disclose',
      secrecyReview: { conclusion: 'disclose', ground: '不涉密', reviewer: 'u-sec' },
    });
    expect(s.context.secrecyReviews).toEqual([
      { conclusion: 'disclose', ground: '不涉密', reviewer: 'u-sec', on: '2026-03-03' },
    ]);
  });
  it('not after acceptance', () => {
    expect(
      refuse(run(fresh(), { type: 'ACCEPT' }), {
        type: 'ON_THE_SPOT_REPLY',
        outcome: 'already_public',
      }),
    ).toMatch(/不能办理/);
  });
});

describe('delivery, closure, archive, reconsideration, litigation', () => {
  it('post closes on the posting day; closed/archived accept remedies', () => {
    let s = toDecided(run(inHandling(), { type: 'PROPOSE', outcome: 'not_exist', ...handler }));
    expect(refuse(s, { type: 'DELIVER', method: 'fax' as never, recipient: 'x' })).toMatch(
      /送达方式/,
    );
    expect(refuse(s, { type: 'ARCHIVE' })).toMatch(/不能办理/);
    s = run(s, {
      type: 'DELIVER',
      method: 'post',
      recipient: '张三',
      proof: 'EMS回执',
      on: '2026-03-20',
    });
    expect(stateKey(s)).toBe('closed');
    expect(s.context).toMatchObject({ closedOn: '2026-03-20', closeReason: 'delivered' });
    expect(s.context.delivery).toEqual({
      method: 'post',
      recipient: '张三',
      deliveredOn: '2026-03-20',
      proof: 'EMS回执',
    });
    s = run(s, {
      type: 'RECORD_RECONSIDERATION',
      filedOn: '2026-04-02',
      result: 'pending',
      ...{ actorId: 'u-legal', actorRoles: ['legal'] },
    });
    s = run(s, { type: 'ARCHIVE', on: '2026-04-10' });
    expect(s.context.archivedOn).toBe('2026-04-10');
    s = run(
      s,
      {
        type: 'RECORD_RECONSIDERATION',
        filedOn: '2026-05-01',
        result: 'upheld',
        decidedOn: '2026-06-01',
      },
      {
        type: 'RECORD_LITIGATION',
        filedOn: '2026-06-10',
        result: 'pending',
        afterReconsideration: true,
        court: '某区法院',
      },
    );
    expect(stateKey(s)).toBe('archived');
    expect(s.context.reconsiderations).toHaveLength(2);
    expect(s.context.litigations).toEqual([
      { filedOn: '2026-06-10', result: 'pending', court: '某区法院', afterReconsideration: true },
    ]);
    expect(
      refuse(s, {
        type: 'RECORD_LITIGATION',
        filedOn: '2026-06-10',
        result: 'pending',
        afterReconsideration: 'yes' as never,
      }),
    ).toMatch(/复议/);
    expect(
      refuse(s, {
        type: 'RECORD_RECONSIDERATION',
        filedOn: '2026-06-10',
        result: 'upheld',
        decidedOn: '2026-06-01',
      }),
    ).toMatch(/审结日期/);
    expect(refuse(s, { type: 'ARCHIVE' })).toMatch(/不能办理/);
    // The decision arriving after a pending record (same filedOn) updates it, in its place.
    s = run(
      s,
      { type: 'RECORD_RECONSIDERATION', filedOn: '2026-04-02', result: 'corrected', decidedOn: '2026-05-20' },
      { type: 'RECORD_LITIGATION', filedOn: '2026-06-10', result: 'upheld', decidedOn: '2026-09-01', afterReconsideration: true },
    );
    expect(s.context.reconsiderations).toEqual([
      { filedOn: '2026-04-02', result: 'corrected', decidedOn: '2026-05-20' },
      { filedOn: '2026-05-01', result: 'upheld', decidedOn: '2026-06-01' },
    ]);
    expect(s.context.litigations).toEqual([{ filedOn: '2026-06-10', result: 'upheld', decidedOn: '2026-09-01', afterReconsideration: true }]);
  });
  it('remedies are refused before closure', () => {
    expect(
      refuse(inHandling(), {
        type: 'RECORD_RECONSIDERATION',
        filedOn: '2026-03-03',
        result: 'pending',
      }),
    ).toMatch(/不能办理/);
  });
});

describe('each proposable outcome: registration → archive', () => {
  const parts = [{ part: '第2页', ground: 'withhold_process_info' as const, reason: '过程性信息' }];
  const cases: Array<[string, object[]]> = [
    ['already_public', [{ type: 'PROPOSE', outcome: 'already_public', ...handler }]],
    ['disclose', [review('disclose'), { type: 'PROPOSE', outcome: 'disclose', ...handler }]],
    [
      'partial',
      [
        review('partial', { withheldPart: '第2页' }),
        { type: 'PROPOSE', outcome: 'partial', withheldParts: parts, ...handler },
      ],
    ],
    [
      'withhold_state_secret',
      [
        review('withhold'),
        { type: 'PROPOSE', outcome: 'withhold_state_secret', reasons: '绝密', ...handler },
      ],
    ],
    [
      'withhold_third_party',
      [
        {
          type: 'PROPOSE',
          outcome: 'withhold_third_party',
          reasons: '商业秘密',
          noConsultationReason: '明显',
          ...handler,
        },
      ],
    ],
    [
      'withhold_enforcement_file',
      [{ type: 'PROPOSE', outcome: 'withhold_enforcement_file', reasons: '执法案卷', ...handler }],
    ],
    ['not_exist', [{ type: 'PROPOSE', outcome: 'not_exist', ...handler }]],
    ['needs_creation', [{ type: 'PROPOSE', outcome: 'needs_creation', ...handler }]],
    ['repeated_request', [{ type: 'PROPOSE', outcome: 'repeated_request', ...handler }]],
    [
      'excessive_requests',
      [
        { type: 'REQUEST_REASONS', ...handler },
        { type: 'RECORD_REASONS', reasonable: false, summary: '未说明合理理由', ...handler },
        { type: 'PROPOSE', outcome: 'excessive_requests', ...handler },
      ],
    ],
  ];
  it.each(cases)('%s', (code, steps) => {
    let s = run(inHandling(), ...(steps as never[]));
    s = toArchived(toDecided(s));
    expect(stateKey(s)).toBe('archived');
    expect(s.context.outcome).toBe(code);
    expect(s.context.decision?.outcome).toBe(code);
  });
  it('unclear_after_correction after a correction round', () => {
    let s = run(
      fresh(),
      { type: 'ACCEPT' },
      { type: 'REQUEST_CORRECTION', items: ['明确范围'], periodWorkingDays: 15 },
      { type: 'RECEIVE_CORRECTION', on: '2026-03-12' },
      { type: 'ASSIGN', departmentId: 'D' },
      { type: 'PROPOSE', outcome: 'unclear_after_correction', ...handler },
    );
    s = toArchived(toDecided(s));
    expect(s.context.outcome).toBe('unclear_after_correction');
  });
});

describe('persistence', () => {
  it('persisted snapshot → JSON → restore round-trips and continues', () => {
    let s = run(
      inHandling(),
      {
        type: 'START_CONSULTATION',
        consultationId: 'K1',
        party: 'thirdParty',
        name: 'A',
        ...handler,
      },
      { type: 'ISSUE_FEE_NOTICE', method: 'per_page', amount: 10, ...handler },
    );
    const json = JSON.stringify(persistCase(s));
    const r = restoreCase(json);
    expect(r.value).toEqual(s.value);
    expect(r.context).toEqual(s.context);
    expect(r.can({ type: 'RECORD_PAYMENT', on: '2026-03-04', actorId: 'u' })).toBe(true);
    s = run(
      r,
      { type: 'RECORD_PAYMENT', ...handler },
      { type: 'CLOSE_CONSULTATION', consultationId: 'K1', result: 'agree', ...handler },
      { type: 'PROPOSE', outcome: 'not_exist', ...handler },
      { type: 'SUBMIT_FOR_APPROVAL', chain: chain2, ...handler },
    );
    const r2 = restoreCase(persistCase(run(s, { type: 'APPROVE', ...head })));
    expect(stateKey(r2)).toBe('inApproval');
    const done = toArchived(run(r2, { type: 'APPROVE', ...director }));
    expect(stateKey(restoreCase(persistCase(done)))).toBe('archived');
  });
  it('rejects garbage', () => {
    expect(() => restoreCase({})).toThrow();
  });
  it('machine has no delayed transitions', () => {
    expect(JSON.stringify(caseMachine.definition)).not.toMatch(/xstate\.after/);
  });
});

describe('allowedEvents', () => {
  it('filters candidate events', () => {
    const s = fresh();
    const base = { on: '2026-03-03', ...clerk };
    expect(
      allowedEvents(s, [
        { type: 'ACCEPT', ...base },
        { type: 'ARCHIVE', ...base },
        { type: 'REQUEST_CORRECTION', items: [], periodWorkingDays: 15, ...base },
        { type: 'WITHDRAW', ...base },
      ]),
    ).toEqual(['ACCEPT', 'WITHDRAW']);
  });
  it('applyEvent on an illegal event keeps the snapshot', () => {
    const s = fresh();
    const r = applyEvent(s, { type: 'APPROVE', on: '2026-03-03', actorId: 'x' });
    expect(r).toEqual({
      snapshot: s,
      changed: false,
      reason: expect.stringMatching(/登记/),
      refusal: {
        code: 'ACTION_NOT_AVAILABLE_IN_STATE',
        message: '当前状态“登记”下不能办理“审批通过”',
      },
    });
    expect(r.reason).toBe(r.refusal?.message);
  });
});

describe('date order', () => {
  it('refuses deliveries before the decision, corrections and consultation answers before their letters', () => {
    const d = toDecided(run(inHandling(), { type: 'PROPOSE', outcome: 'not_exist', ...handler }));
    expect(
      refuse(d, { type: 'DELIVER', method: 'post', recipient: 'x', on: '2026-03-01' }),
    ).toMatch(/决定日期/);
    const c = run(fresh(), { type: 'REQUEST_CORRECTION', items: ['x'], periodWorkingDays: 15 });
    expect(refuse(c, { type: 'RECEIVE_CORRECTION', on: '2026-03-02' })).toMatch(/补正告知日期/);
    const k = run(inHandling(), {
      type: 'START_CONSULTATION',
      consultationId: 'K',
      party: 'agency',
      name: 'A',
      sentOn: '2026-03-05',
      ...handler,
    });
    expect(
      refuse(k, {
        type: 'CLOSE_CONSULTATION',
        consultationId: 'K',
        result: 'agree',
        on: '2026-03-04',
      }),
    ).toMatch(/发函日期/);
  });
});
