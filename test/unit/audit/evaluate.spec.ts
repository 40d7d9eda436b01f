import {
  blockingFindings,
  caseFindings,
  citedProvisions,
  chineseNumber,
  draftFindings,
  approvalGate,
  unresolvedBlocking,
  type AuditInput,
} from '../../../src/domain/audit/evaluate';
import { FINDINGS } from '../../../src/domain/audit/findings';
import { APPROVER, CaseBuilder, clean, CLERK, DISCLOSE, HANDLER, inApproval, proposed } from './builder';

const codes = (input: AuditInput, f = caseFindings) => f(input).map((x) => x.code);
const BACKDATE = (recordedOn: string, workingDaysLate: number) => ({
  backdate: { reason: '系统停机，按纸质记录补录', recordedOn, workingDaysLate, graceWorkingDays: 3, flagged: true },
});

describe('legal audit findings (法制审核, issue 15)', () => {
  describe('a clean case', () => {
    it('yields none when closed, none while open, none on its draft', () => {
      const b = clean();
      expect(caseFindings(b.input())).toEqual([]);
      expect(caseFindings(inApproval().input({ scope: 'open', asOf: '2026-03-06' }))).toEqual([]);
      expect(draftFindings(inApproval().input({ scope: 'draft', asOf: '2026-03-06' }))).toEqual([]);
    });

    it('every finding has the catalogue severity, article and a Chinese message', () => {
      const f = caseFindings(clean().input({ history: { intact: false, replayMatches: true, problems: ['第 3 条：记录内容与其哈希值不符（可能被修改）'] } }));
      expect(f).toEqual([
        {
          code: 'HISTORY_NOT_VERIFIED',
          severity: 'high',
          article: null,
          message: expect.stringMatching(/^案件历史记录校验不通过.*第 3 条/),
          evidence: { intact: false, replayMatches: true, problems: ['第 3 条：记录内容与其哈希值不符（可能被修改）'] },
        },
      ]);
    });
  });

  describe('cases that end without a reply of their own', () => {
    it('a withdrawn case needs no reply letter nor delivery', () => {
      const b = proposed().step('WITHDRAW', '2026-03-06', CLERK, { reason: '申请人撤回' });
      expect(b.snap.context.closeReason).toBe('withdrawn');
      expect(caseFindings(b.input())).toEqual([]);
    });

    it('a closure (逾期不补正) approved and delivered is clean; undelivered it lacks its proof', () => {
      const lapsed = () =>
        new CaseBuilder()
          .step('ACCEPT', '2026-03-03', CLERK)
          .step('REQUEST_CORRECTION', '2026-03-03', CLERK, { items: ['请说明所需信息的名称'], periodWorkingDays: 5, deliveryMethod: 'in_person' })
          .step('CORRECTION_PERIOD_LAPSED', '2026-03-11', { id: 'system', roles: [] }, { dueOn: '2026-03-10' })
          .step('SUBMIT_FOR_APPROVAL', '2026-03-11', CLERK, { chain: [{ step: 'approver' }] })
          .step('APPROVE', '2026-03-12', APPROVER)
          .letter('reply', 'reply_correction_overdue', '2026-03-12', { remedy: 'ordinary' });
      const delivered = lapsed().step('DELIVER', '2026-03-13', CLERK, { method: 'in_person', recipient: '张三' });
      expect(delivered.snap.context.outcome).toBe('correction_overdue');
      // The reply deadline does not apply to a closure (the applicant's period lapsed).
      expect(caseFindings(delivered.input({ deadlines: { correctionNoticeDue: '2026-03-11', replyDue: '2026-03-12' } }))).toEqual([]);
      expect(codes(delivered.input({ context: { ...delivered.snap.context, delivery: null } }))).toEqual(['DELIVERY_PROOF_MISSING']);
    });
  });

  describe('each breach yields exactly its finding', () => {
    it('REPLY_LATE: delivered the day after the reply deadline (条例第三十三条)', () => {
      const b = inApproval()
        .step('APPROVE', '2026-03-09', APPROVER)
        .letter('reply', 'reply_disclose', '2026-03-09')
        .step('DELIVER', '2026-03-31', CLERK, { method: 'in_person', recipient: '张三' });
      const f = caseFindings(b.input());
      expect(f.map((x) => x.code)).toEqual(['REPLY_LATE']);
      expect(f[0]).toMatchObject({ severity: 'high', article: '条例第三十三条', evidence: { replyDue: '2026-03-30', deliveredOn: '2026-03-31', eventIds: [b.entries.at(-1)!.id] } });
      // On the deadline itself it is in time.
      const onTime = inApproval().step('APPROVE', '2026-03-09', APPROVER).letter('reply', 'reply_disclose', '2026-03-09').step('DELIVER', '2026-03-30', CLERK, { method: 'in_person', recipient: '张三' });
      expect(codes(onTime.input())).toEqual([]);
    });

    it('REPLY_LATE on an open case whose deadline passed undelivered, not before', () => {
      expect(codes(inApproval().input({ scope: 'open', asOf: '2026-03-31' }))).toEqual(['REPLY_LATE']);
      expect(codes(inApproval().input({ scope: 'open', asOf: '2026-03-30' }))).toEqual([]);
    });

    it('CORRECTION_NOTICE_LATE: the notice after 7 working days of receipt (条例第三十条)', () => {
      const flow = (requestedOn: string) =>
        clean(
          inApproval(
            proposed(
              new CaseBuilder()
                .step('ACCEPT', '2026-03-03', CLERK)
                .step('REQUEST_CORRECTION', requestedOn, CLERK, { items: ['请说明所需信息的名称'], periodWorkingDays: 10, deliveryMethod: 'in_person' })
                .step('RECEIVE_CORRECTION', '2026-03-12', CLERK),
              DISCLOSE,
              { review: '2026-03-12', propose: '2026-03-12' },
            ),
            '2026-03-13',
          ),
          { approve: '2026-03-16', deliver: '2026-03-17' },
        );
      const deadlines = { correctionNoticeDue: '2026-03-11', replyDue: '2026-04-09' };
      const f = caseFindings(flow('2026-03-12').input({ deadlines }));
      expect(f.map((x) => x.code)).toEqual(['CORRECTION_NOTICE_LATE']);
      expect(f[0]).toMatchObject({ severity: 'high', article: '条例第三十条', evidence: { correctionNoticeDue: '2026-03-11', requestedOn: '2026-03-12' } });
      expect(codes(flow('2026-03-11').input({ deadlines }))).toEqual([]);
      // A notice recorded as late before the rule refused it (legacy flag) is a finding whatever the clock says now.
      const legacy = flow('2026-03-11');
      const ctx = { ...legacy.snap.context, correction: { ...legacy.snap.context.correction!, late: true } };
      expect(codes(legacy.input({ deadlines, context: ctx }))).toEqual(['CORRECTION_NOTICE_LATE']);
    });

    it('BACKDATED_ENTRY: an action recorded beyond the grace window, with its reason; none within it', () => {
      const flagged = clean(inApproval(proposed(new CaseBuilder().step('ACCEPT', '2026-03-02', CLERK, {}, { recordedOn: '2026-03-06', beside: BACKDATE('2026-03-06', 4) }))));
      const f = caseFindings(flagged.input());
      expect(f.map((x) => x.code)).toEqual(['BACKDATED_ENTRY']);
      expect(f[0]).toMatchObject({
        severity: 'medium',
        article: null,
        evidence: { eventIds: [flagged.entries[1].id], type: 'ACCEPT', occurredOn: '2026-03-02', recordedOn: '2026-03-06', workingDaysLate: 4, reason: '系统停机，按纸质记录补录' },
      });
      expect(f[0].message).toContain('系统停机，按纸质记录补录');
      // An entry recorded before the note existed is judged from recordedAt with the calendar.
      const legacy = clean(inApproval(proposed(new CaseBuilder().step('ACCEPT', '2026-03-02', CLERK, {}, { recordedOn: '2026-03-06' }))));
      expect(caseFindings(legacy.input()).map((x) => [x.code, x.evidence.workingDaysLate, x.evidence.reason])).toEqual([['BACKDATED_ENTRY', 4, null]]);
      // 3 working days late is within the window.
      const within = clean(inApproval(proposed(new CaseBuilder().step('ACCEPT', '2026-03-02', CLERK, {}, { recordedOn: '2026-03-05' }))));
      expect(codes(within.input())).toEqual([]);
    });

    it('ENTRY_BACKDATED_BEFORE_LETTER: a step dated before a letter already issued', () => {
      const b = new CaseBuilder()
        .step('ACCEPT', '2026-03-03', CLERK)
        .step('ASSIGN', '2026-03-03', CLERK, { departmentId: 'D-1', assigneeId: 'u-handler' })
        .step('START_CONSULTATION', '2026-03-04', HANDLER, { consultationId: 'c1', party: 'thirdParty', name: '某公司', sentOn: '2026-03-04', deliveryMethod: 'in_person' })
        .letter('third_party_consultation', 'third_party_consultation', '2026-03-04')
        .step('CLOSE_CONSULTATION', '2026-03-05', HANDLER, { consultationId: 'c1', result: 'agree' })
        // Within the grace window (3 WD), so no BACKDATED_ENTRY: but after the letter of 03-04.
        .step('RECORD_SECRECY_REVIEW', '2026-03-03', HANDLER, { conclusion: 'disclose', ground: '经审查不涉密', reviewer: '保密员' }, { recordedOn: '2026-03-06' })
        .step('PROPOSE', '2026-03-06', HANDLER, DISCLOSE);
      const f = caseFindings(clean(inApproval(b)).input());
      expect(f.map((x) => x.code)).toEqual(['ENTRY_BACKDATED_BEFORE_LETTER']);
      expect(f[0].evidence).toMatchObject({ type: 'RECORD_SECRECY_REVIEW', occurredOn: '2026-03-03', letterIssuedOn: '2026-03-04' });
    });

    it('RECEIPT_NOT_CONFIRMED_SAME_DAY: an online application confirmed the next day in Asia/Shanghai (条例第三十一条)', () => {
      const build = (confirmedAt: string) =>
        clean(inApproval(proposed(new CaseBuilder('2026-03-02', { channel: 'online', arrivedAt: '2026-03-02T23:50:00+08:00', confirmedAt }))));
      expect(codes(build('2026-03-02T23:55:00+08:00').input())).toEqual([]);
      // 16:00 UTC is midnight in Shanghai: the next day.
      const f = caseFindings(build('2026-03-02T16:00:00Z').input());
      expect(f.map((x) => x.code)).toEqual(['RECEIPT_NOT_CONFIRMED_SAME_DAY']);
      expect(f[0]).toMatchObject({ severity: 'medium', article: '条例第三十一条', evidence: { arrivedOn: '2026-03-02', confirmedOn: '2026-03-03' } });
      // In person: confirmed by being there.
      expect(codes(clean().input())).toEqual([]);
    });

    const extended = (actor = APPROVER, fields: Record<string, unknown> = {}) =>
      clean(
        inApproval(
          proposed(
            new CaseBuilder()
              .step('ACCEPT', '2026-03-03', CLERK)
              .step('EXTEND', '2026-03-04', actor, { workingDays: 10, reason: '需调取档案', approvedBy: actor.id, replyDue: '2026-03-30', deliveryMethod: 'in_person', ...fields }),
          ),
        ),
      );

    it('EXTENSION_NOT_APPROVED_BY_HEAD: an extension agreed by an approver who is not the office head (条例第三十三条第二款)', () => {
      expect(codes(extended().input())).toEqual([]);
      const f = caseFindings(extended({ id: 'u-a2', roles: ['approver'] }).input());
      expect(f.map((x) => x.code)).toEqual(['EXTENSION_NOT_APPROVED_BY_HEAD']);
      expect(f[0].evidence).toMatchObject({ approvedBy: 'u-a2', roles: ['approver'] });
    });

    it('EXTENSION_NOT_NOTIFIED_IN_TIME: the notice posted and never shown to have arrived before the deadline', () => {
      const f = caseFindings(extended(APPROVER, { deliveryMethod: 'post' }).input());
      expect(f.map((x) => x.code)).toEqual(['EXTENSION_NOT_NOTIFIED_IN_TIME']);
      expect(f[0].evidence).toMatchObject({ originalReplyDue: '2026-03-30', notifiedOn: null, deliveryMethod: 'post' });
      // Received on 03-31, after the original deadline.
      const b = extended(APPROVER, { deliveryMethod: 'post' });
      const ctx = { ...b.snap.context, extension: { ...b.snap.context.extension!, noticeReceivedOn: '2026-03-31' } };
      expect(caseFindings(b.input({ context: ctx })).map((x) => [x.code, x.evidence.notifiedOn])).toEqual([['EXTENSION_NOT_NOTIFIED_IN_TIME', '2026-03-31']]);
      // While the deadline has not passed, an open case is not judged yet.
      expect(codes(b.input({ scope: 'open', context: { ...b.snap.context, delivery: null, closedOn: null }, asOf: '2026-03-20' }))).toEqual([]);
    });

    it('EXTENSION_TOO_LONG: more than 20 working days (recorded before the statechart refused it)', () => {
      const b = extended();
      const ctx = { ...b.snap.context, extension: { ...b.snap.context.extension!, workingDays: 25 } };
      expect(codes(b.input({ context: ctx }))).toEqual(['EXTENSION_TOO_LONG']);
    });

    const thirdPartyCase = (result: 'agree' | 'object') =>
      new CaseBuilder()
        .step('ACCEPT', '2026-03-03', CLERK)
        .step('ASSIGN', '2026-03-03', CLERK, { departmentId: 'D-1', assigneeId: 'u-handler' })
        .step('START_CONSULTATION', '2026-03-04', HANDLER, { consultationId: 'c1', party: 'thirdParty', name: '某公司', sentOn: '2026-03-04', deliveryMethod: 'in_person' })
        .letter('third_party_consultation', 'third_party_consultation', '2026-03-04')
        .step('CLOSE_CONSULTATION', '2026-03-05', HANDLER, { consultationId: 'c1', result });
    const WITHHOLD_TP = { outcome: 'withhold_third_party', basis: '第15条', reasons: '涉及商业秘密' };
    const closeWith = (b: CaseBuilder, variant: string, remedy: 'ordinary' | 'reconsideration_first') =>
      b
        .step('SUBMIT_FOR_APPROVAL', '2026-03-06', HANDLER, { chain: [{ step: 'approver' }] })
        .step('APPROVE', '2026-03-09', APPROVER)
        .letter('reply', variant, '2026-03-09', { remedy })
        .step('DELIVER', '2026-03-10', CLERK, { method: 'in_person', recipient: '张三' });

    it('THIRD_PARTY_WITHHOLDING_UNSUPPORTED: withheld for a third party that agreed (条例第十五条、第三十二条)', () => {
      const ok = closeWith(thirdPartyCase('object').step('PROPOSE', '2026-03-05', HANDLER, WITHHOLD_TP), 'reply_withhold_third_party', 'reconsideration_first');
      expect(codes(ok.input())).toEqual([]);
      const agreed = closeWith(thirdPartyCase('agree').step('PROPOSE', '2026-03-05', HANDLER, WITHHOLD_TP), 'reply_withhold_third_party', 'reconsideration_first');
      const f = caseFindings(agreed.input());
      expect(f.map((x) => x.code)).toEqual(['THIRD_PARTY_WITHHOLDING_UNSUPPORTED']);
      expect(f[0].message).toContain('第三方已同意公开');
      // Not consulted and no reason (a proposal recorded before the rule): the draft shows it too.
      const b = agreed;
      const ctx = { ...b.snap.context, consultations: [] };
      expect(codes(b.input({ context: ctx }))).toEqual(['THIRD_PARTY_WITHHOLDING_UNSUPPORTED']);
      expect(codes(b.input({ context: ctx, scope: 'draft' }), draftFindings)).toEqual(['THIRD_PARTY_WITHHOLDING_UNSUPPORTED']);
      // A recorded reason for not consulting is enough.
      expect(codes(b.input({ context: ctx, proposal: { ...WITHHOLD_TP, noConsultationReason: '第三方已注销，无法联系' } }))).toEqual([]);
    });

    it('SECRECY_REVIEW_MISSING: a state-secret withholding without the review that established it (条例第十七条)', () => {
      const b = closeWith(
        new CaseBuilder()
          .step('ACCEPT', '2026-03-03', CLERK)
          .step('ASSIGN', '2026-03-03', CLERK, { departmentId: 'D-1', assigneeId: 'u-handler' })
          .step('PROPOSE', '2026-03-05', HANDLER, { outcome: 'withhold_state_secret', basis: '第14条', reasons: '属于国家秘密' }),
        'reply_withhold_state_secret',
        'reconsideration_first',
      );
      const f = caseFindings(b.input());
      expect(f.map((x) => x.code)).toEqual(['SECRECY_REVIEW_MISSING']);
      expect(f[0]).toMatchObject({ severity: 'high', article: '条例第十七条' });
      // A disclosure whose review came only after the decision.
      const c = clean();
      const ctx = { ...c.snap.context, secrecyReviews: c.snap.context.secrecyReviews.map((r) => ({ ...r, on: '2026-03-10' })) };
      expect(codes(c.input({ context: ctx }))).toEqual(['SECRECY_REVIEW_MISSING']);
    });

    it('REPLY_ARTICLE_MISMATCH: the basis cites another item, or the letter is another outcome\'s (条例第三十六条)', () => {
      const wrongBasis = clean(inApproval(proposed(undefined, { ...DISCLOSE, basis: '《中华人民共和国政府信息公开条例》第三十六条第（四）项' })));
      const f = caseFindings(wrongBasis.input());
      expect(f.map((x) => x.code)).toEqual(['REPLY_ARTICLE_MISMATCH']);
      expect(f[0].evidence).toMatchObject({ unexpectedProvisions: ['36(4)'], expected: '第36条第（二）项' });
      // Citing the same provision in Chinese numerals, or the article without its item, fits.
      expect(codes(clean(inApproval(proposed(undefined, { ...DISCLOSE, basis: '条例第三十六条第（二）项、第四十条' }))).input())).toEqual([]);
      expect(codes(clean(inApproval(proposed(undefined, { ...DISCLOSE, basis: '第36条' }))).input())).toEqual([]);
      const wrongLetter = inApproval().step('APPROVE', '2026-03-09', APPROVER).letter('reply', 'reply_not_exist', '2026-03-09', { remedy: 'ordinary' }).step('DELIVER', '2026-03-10', CLERK, { method: 'in_person', recipient: '张三' });
      expect(caseFindings(wrongLetter.input()).map((x) => [x.code, x.evidence.variant])).toEqual([['REPLY_ARTICLE_MISMATCH', 'reply_not_exist']]);
    });

    it('REMEDY_MISMATCH: 复议前置 on a disclosure, or the ordinary clause on a 第十五条 withholding', () => {
      const b = inApproval().step('APPROVE', '2026-03-09', APPROVER).letter('reply', 'reply_disclose', '2026-03-09', { remedy: 'reconsideration_first' }).step('DELIVER', '2026-03-10', CLERK, { method: 'in_person', recipient: '张三' });
      const f = caseFindings(b.input());
      expect(f.map((x) => x.code)).toEqual(['REMEDY_MISMATCH']);
      expect(f[0].article).toBe('行政复议法第二十三条第一款第（四）项');
      const tp = closeWith(thirdPartyCase('object').step('PROPOSE', '2026-03-05', HANDLER, WITHHOLD_TP), 'reply_withhold_third_party', 'ordinary');
      expect(codes(tp.input())).toEqual(['REMEDY_MISMATCH']);
    });

    it('OUTCOME_LETTER_MISSING, OUTCOME_LETTER_NOT_FINAL, LETTER_HASH_MISMATCH', () => {
      const noLetter = inApproval().step('APPROVE', '2026-03-09', APPROVER).step('DELIVER', '2026-03-10', CLERK, { method: 'in_person', recipient: '张三' });
      expect(codes(noLetter.input())).toEqual(['OUTCOME_LETTER_MISSING']);
      const unnumbered = inApproval().step('APPROVE', '2026-03-09', APPROVER).letter('reply', 'reply_disclose', '2026-03-09', { docNumber: '' }).step('DELIVER', '2026-03-10', CLERK, { method: 'in_person', recipient: '张三' });
      expect(codes(unnumbered.input())).toEqual(['OUTCOME_LETTER_NOT_FINAL']);
      const tampered = inApproval().step('APPROVE', '2026-03-09', APPROVER).letter('reply', 'reply_disclose', '2026-03-09', { hashIntact: false }).step('DELIVER', '2026-03-10', CLERK, { method: 'in_person', recipient: '张三' });
      const f = caseFindings(tampered.input());
      expect(f.map((x) => x.code)).toEqual(['LETTER_HASH_MISMATCH']);
      expect(f[0].evidence).toEqual({ letterIds: ['L-1'], docNumbers: ['示范公开〔2026〕1号'] });
      // A reply corrected by a later one: the one in force is judged.
      const corrected = inApproval().step('APPROVE', '2026-03-09', APPROVER).letter('reply', 'reply_disclose', '2026-03-09', { docNumber: '', replaced: true }).letter('reply', 'reply_disclose', '2026-03-09').step('DELIVER', '2026-03-10', CLERK, { method: 'in_person', recipient: '张三' });
      expect(codes(corrected.input())).toEqual([]);
    });

    it('DELIVERY_PROOF_MISSING: posted without a postal number', () => {
      const b = inApproval().step('APPROVE', '2026-03-09', APPROVER).letter('reply', 'reply_disclose', '2026-03-09').step('DELIVER', '2026-03-10', CLERK, { method: 'post', recipient: '张三' });
      const f = caseFindings(b.input());
      expect(f.map((x) => x.code)).toEqual(['DELIVERY_PROOF_MISSING']);
      expect(f[0].message).toContain('邮件号');
      const withNumber = inApproval().step('APPROVE', '2026-03-09', APPROVER).letter('reply', 'reply_disclose', '2026-03-09').step('DELIVER', '2026-03-10', CLERK, { method: 'post', recipient: '张三', trackingNumber: 'XA123456789CN' });
      expect(codes(withNumber.input())).toEqual([]);
    });

    it('CONSULTATION_UNRESOLVED: a consultation closed without an answer or an expiry on record', () => {
      const b = closeWith(thirdPartyCase('object').step('PROPOSE', '2026-03-05', HANDLER, WITHHOLD_TP), 'reply_withhold_third_party', 'reconsideration_first');
      const ctx = { ...b.snap.context, consultations: b.snap.context.consultations.map((c) => ({ ...c, result: undefined })) };
      // The third party's answer is gone, so the withholding is also unsupported by it.
      expect(codes(b.input({ context: ctx }))).toEqual(['CONSULTATION_UNRESOLVED']);
    });

    it('PERIODS_OPEN and REQUIRED_FIELD_EMPTY are judged on the draft', () => {
      const b = inApproval();
      const ctx = { ...b.snap.context, fee: { method: 'per_page' as const, amount: 10, noticeOn: '2026-03-05' } };
      expect(codes(b.input({ scope: 'draft', context: ctx }), draftFindings)).toEqual(['PERIODS_OPEN']);
      const empty = inApproval(proposed(undefined, { outcome: 'not_this_agency', basis: '第36条第（五）项', competentAgency: '示范县交通运输局' }));
      const f = draftFindings(empty.input({ scope: 'draft' }));
      expect(f.map((x) => [x.code, x.evidence.fields])).toEqual([['REQUIRED_FIELD_EMPTY', ['competentAgencyContact']]]);
      // The open case in approval shows its draft's findings.
      expect(codes(empty.input({ scope: 'open', asOf: '2026-03-06' }))).toEqual(['REQUIRED_FIELD_EMPTY']);
    });
  });
});

describe('article parsing', () => {
  it('reads Chinese and Arabic article and item numbers', () => {
    expect(chineseNumber('三十六')).toBe(36);
    expect(chineseNumber('十四')).toBe(14);
    expect(chineseNumber('二十')).toBe(20);
    expect(citedProvisions('《中华人民共和国政府信息公开条例》第三十六条第（二）项、第四十条')).toEqual(['36(2)', '40']);
    expect(citedProvisions('第16条第二款')).toEqual(['16']);
  });
});

describe('the approval gate', () => {
  it('passes a clean draft, and records only the overrides of blocking findings', () => {
    const b = inApproval();
    expect(approvalGate(b.snap.context, b.proposal, '2026-03-09')).toEqual({ refusal: null, findings: [], overridden: [] });
    const wrong = inApproval(proposed(undefined, { ...DISCLOSE, basis: '第36条第（四）项' }));
    const blocked = approvalGate(wrong.snap.context, wrong.proposal, '2026-03-09');
    expect(blocked.refusal).toMatchObject({ code: 'APPROVAL_BLOCKED_BY_FINDINGS', message: expect.stringContaining('REPLY_ARTICLE_MISMATCH') });
    const ok = approvalGate(wrong.snap.context, wrong.proposal, '2026-03-09', [
      { code: 'REPLY_ARTICLE_MISMATCH', reason: ' 笔误 ' },
      { code: 'REPLY_LATE', reason: '不相干' },
    ]);
    expect(ok.refusal).toBeNull();
    expect(ok.overridden).toEqual([{ code: 'REPLY_ARTICLE_MISMATCH', reason: '笔误', severity: 'high', message: expect.any(String) }]);
  });

  it('blocks on high draft findings until each code is overridden with a reason', () => {
    const f = draftFindings(inApproval(proposed(undefined, { ...DISCLOSE, access: '' })).input({ scope: 'draft' }));
    expect(f.map((x) => x.code)).toEqual(['REQUIRED_FIELD_EMPTY']);
    expect(blockingFindings(f)).toHaveLength(1);
    expect(unresolvedBlocking(f, [])).toHaveLength(1);
    expect(unresolvedBlocking(f, [{ code: 'REQUIRED_FIELD_EMPTY', reason: '  ' }])).toHaveLength(1);
    expect(unresolvedBlocking(f, [{ code: 'REQUIRED_FIELD_EMPTY', reason: '获取方式已在附件中写明' }])).toEqual([]);
    expect(FINDINGS.REQUIRED_FIELD_EMPTY.severity).toBe('high');
  });
});
