import * as fs from 'node:fs';
import { documentsLockedRefusal, redactionRefusal } from '../../../src/domain/documents/redactions';
import * as path from 'node:path';
import {
  applyEvent,
  eventProblem,
  proposalAdmissionProblem,
  refusal,
  refusalCodesMarkdown,
  refusalHttpStatus,
  refusalOf,
  refusalReason,
  refusalTemplate,
  REFUSAL_CODES,
  REFUSALS,
  type CaseEvent,
  type CaseSnapshot,
  startOnlineApplication,
  type RefusalCode,
} from '../../../src/domain/workflow';
import { outcome } from '../../../src/domain/outcomes/outcomes';
import { approvalGate } from '../../../src/domain/audit/evaluate';
import { emailDeliveryProblem } from '../../../src/domain/workflow/commands';
import { chain2, director, fresh, handler, head, inHandling, review, run } from './helpers';

const DOC = path.join(__dirname, '../../../docs/refusal-codes.md');

/** Articles: 条例 provisions (Chinese numerals) or the fee measures named in shared/domain. */
const ARTICLE = /^(条例第[一二三四五六七八九十]+条|国办函〔2020〕109号)/;
const CHINESE = /[\u4e00-\u9fff]/;

type Ev = Record<string, unknown> & { type: CaseEvent['type'] };
const full = (e: Ev) =>
  ({ on: '2026-03-03', actorId: 'u-clerk', actorRoles: ['clerk'], ...e }) as CaseEvent;

const req = { type: 'REQUEST_CORRECTION' as const, items: ['请写明文号'], periodWorkingDays: 15 };
const start = (id: string, extra: object = {}) => ({
  type: 'START_CONSULTATION' as const,
  consultationId: id,
  party: 'thirdParty' as const,
  name: 'A公司',
  ...handler,
  ...extra,
});
const ext = {
  type: 'EXTEND' as const,
  workingDays: 20,
  reason: '需调取档案',
  approvedBy: 'u-director',
  replyDue: '2026-03-30',
  ...director,
};
const def = {
  type: 'DEFER' as const,
  deferredTo: '2026-06-30',
  reason: '数量明显超过合理范围',
  replyDue: '2026-03-30',
  ...director,
};
const accepted = () => run(fresh(), { type: 'ACCEPT' });
/** 条例第35条: reasons asked for, then recorded as reasonable. */
const asked = () => run(inHandling(), { type: 'REQUEST_REASONS', ...handler });
const reasonable = () => run(asked(), { type: 'RECORD_REASONS', reasonable: true, summary: '编写地方志', ...handler });
const proposed = () => run(inHandling(), { type: 'PROPOSE', outcome: 'not_exist', ...handler });
const submitted = () => run(proposed(), { type: 'SUBMIT_FOR_APPROVAL', chain: chain2, ...handler });
const decided = () =>
  run(
    submitted(),
    { type: 'APPROVE', ...head },
    { type: 'APPROVE', ...director, on: '2026-03-10' },
  );
const closed = () => run(fresh(), { type: 'WITHDRAW' });
/** 条例第30条: the correction period ran out on 2026-03-24 and the system proposed the closure. */
const lapsedCorrection = () =>
  run(fresh(), req, { type: 'CORRECTION_PERIOD_LAPSED', dueOn: '2026-03-24', actorId: 'system', actorRoles: [], on: '2026-03-25' });
const goodReason = { type: 'RECORD_GOOD_REASON' as const, reason: '补正材料已按期寄出', periodWorkingDays: 5, dueOn: '2026-04-02', on: '2026-03-26' };
const partialReviewed = () => run(inHandling(), review('partial', { withheldPart: '第3页' }));
const part = { part: '第3页个人信息', ground: 'withhold_third_party', reason: '涉及个人隐私' };
/** Third party consulted and its answer recorded (条例第32条). */
const consulted = (result: 'agree' | 'object' | 'noAnswer', s = inHandling()) =>
  run(s, start('K1'), { type: 'CLOSE_CONSULTATION', consultationId: 'K1', result, ...handler });
/** The rules checked when a person proposes (before the statechart, so stored histories still replay). */
const admission = (s: CaseSnapshot, p: Record<string, unknown>) =>
  proposalAdmissionProblem(s.context, { ...p } as Parameters<typeof proposalAdmissionProblem>[1]);
const recon = { type: 'RECORD_RECONSIDERATION' as const, filedOn: '2026-04-01', result: 'pending' };
/** A consultation letter posted on 2026-03-03 (its receipt not yet recorded), and one handed over. */
const posted = () => run(inHandling(), start('K1', { deliveryMethod: 'post' }));
const handed = () => run(inHandling(), start('K1', { deliveryMethod: 'in_person' }));
const receiptOf = (extra: object = {}) => ({
  type: 'RECORD_LETTER_RECEIPT' as const,
  letterId: 'L-1',
  letterType: 'third_party_consultation',
  letterIssuedOn: '2026-03-03',
  consultationId: 'K1',
  receivedOn: '2026-03-03',
  ...extra,
});

/**
 * One situation per code the machine can reach: [code, snapshot, event, expected message?].
 * Each is driven through applyEvent (the state must not change).
 */
/** An online application that arrived on 2026-03-03 and awaits confirmation (条例第31条第（三）项). */
const online = () => startOnlineApplication({ caseId: 'c-online', arrivedOn: '2026-03-03' });

const REACHABLE: Array<[RefusalCode, () => CaseSnapshot, Ev, string?]> = [
  // close-lapsed: the correction period (to 2026-03-24) is not over on its last day; no due date known.
  [
    'PERIOD_NOT_OVER',
    () => run(fresh(), req),
    { type: 'CLOSE_LAPSED', ground: 'correction_overdue', dueOn: '2026-03-24', on: '2026-03-24' },
    '申请人的期限至2026-03-2424时届满，届满之后才能按视为放弃申请处理（条例第三十条）',
  ],
  [
    'CLOSURE_ALREADY_IN_APPROVAL',
    () =>
      run(
        inHandling(),
        { type: 'ISSUE_FEE_NOTICE', method: 'per_page', amount: 100, ...handler },
        { type: 'FEE_PERIOD_LAPSED', dueOn: '2026-03-09', on: '2026-03-10', actorId: 'system', actorRoles: [] },
        { type: 'SUBMIT_FOR_APPROVAL', chain: [{ step: 'approver' }], ...handler, on: '2026-03-10' },
        // the handler's reply proposal meanwhile: its region would take a submission
        { type: 'PROPOSE', outcome: 'not_exist', ...handler, on: '2026-03-10' },
      ),
    { type: 'SUBMIT_FOR_APPROVAL', chain: [{ step: 'approver' }], ...handler, on: '2026-03-10' },
  ],
  ['LAPSE_GROUND_INVALID', () => run(fresh(), req), { type: 'CLOSE_LAPSED', ground: '', dueOn: '2026-03-24', on: '2026-03-25' } as Ev],
  ['NO_APPLICANT_PERIOD_RUNNING', () => run(fresh(), req), { type: 'CLOSE_LAPSED', ground: 'correction_overdue', on: '2026-03-25' } as Ev],
  ['CONFIRMATION_TIME_INVALID', online, { type: 'CONFIRM_RECEIPT', confirmedAt: '2026-03-03 10:00' }],
  ['CONFIRMATION_BEFORE_ARRIVAL', online, { type: 'CONFIRM_RECEIPT', on: '2026-03-02', confirmedAt: '2026-03-02T09:00:00+08:00' }, '确认日期不能早于网上申请提交之日（2026-03-03）'],
  ['EVENT_DATE_INVALID', fresh, { type: 'ACCEPT', on: '2026/03/03' }],
  ['ACTOR_REQUIRED', fresh, { type: 'ACCEPT', actorId: '' }],
  [
    'ACTION_NOT_AVAILABLE_IN_STATE',
    fresh,
    { type: 'APPROVE' },
    '当前状态“登记”下不能办理“审批通过”',
  ],
  [
    'CORRECTION_ALREADY_REQUESTED',
    () => run(fresh(), req, { type: 'RECEIVE_CORRECTION', on: '2026-03-05' }),
    req,
  ],
  ['CORRECTION_ITEMS_REQUIRED', fresh, { ...req, items: [] }],
  ['CORRECTION_PERIOD_INVALID', fresh, { ...req, periodWorkingDays: 1.5 }],
  ['CORRECTION_NOTICE_DUE_INVALID', fresh, { ...req, noticeDue: '2026-02-30' }],
  [
    'CORRECTION_NOTICE_LATE',
    accepted,
    { ...req, noticeDue: '2026-03-02', on: '2026-03-03' },
    '补正告知期限已于2026-03-02届满：补正须自收到申请之日起7个工作日内一次性告知（条例第三十条），逾期不能再要求补正',
  ],
  [
    'CORRECTION_RECEIVED_BEFORE_REQUEST',
    () => run(fresh(), req),
    { type: 'RECEIVE_CORRECTION', on: '2026-03-02' },
  ],
  [
    'PERIOD_LAPSE_DATE_INVALID',
    () => run(fresh(), req),
    { type: 'CORRECTION_PERIOD_LAPSED', dueOn: '2026-03-24', on: '2026-03-24', actorId: 'system', actorRoles: [] },
  ],
  ['GOOD_REASON_REQUIRED', lapsedCorrection, { ...goodReason, reason: '' }],
  ['GOOD_REASON_PERIOD_INVALID', lapsedCorrection, { ...goodReason, periodWorkingDays: 0 }],
  ['GOOD_REASON_DUE_INVALID', lapsedCorrection, { ...goodReason, dueOn: '2026-03-25' }],
  ['DEPARTMENT_REQUIRED', accepted, { type: 'ASSIGN', departmentId: ' ' }],
  ['CONSULTATION_ID_REQUIRED', inHandling, start('')],
  ['CONSULTATION_ID_DUPLICATE', () => run(inHandling(), start('K1')), start('K1')],
  ['CONSULTATION_PARTY_INVALID', inHandling, start('K1', { party: 'court' })],
  ['CONSULTATION_NAME_REQUIRED', inHandling, start('K1', { name: '' })],
  ['CONSULTATION_SENT_ON_INVALID', inHandling, start('K1', { sentOn: '3月3日' })],
  [
    'CONSULTATION_NOT_FOUND',
    () => run(inHandling(), start('K1')),
    { type: 'CLOSE_CONSULTATION', consultationId: 'X9', result: 'agree', ...handler },
    '没有编号为 X9 的征求意见',
  ],
  [
    'CONSULTATION_ALREADY_CLOSED',
    () =>
      run(inHandling(), start('K1'), start('K2'), {
        type: 'CLOSE_CONSULTATION',
        consultationId: 'K1',
        result: 'agree',
        ...handler,
      }),
    { type: 'CONSULTATION_EXPIRED', consultationId: 'K1' },
  ],
  [
    'CONSULTATION_CLOSED_BEFORE_SENT',
    () => run(inHandling(), start('K1', { sentOn: '2026-03-05' })),
    { type: 'CLOSE_CONSULTATION', consultationId: 'K1', result: 'agree', on: '2026-03-04' },
  ],
  [
    'CONSULTATION_RESULT_INVALID',
    () => run(inHandling(), start('K1')),
    { type: 'CLOSE_CONSULTATION', consultationId: 'K1', result: 'maybe' },
  ],
  ['CONSULTATION_BASIS_INVALID', inHandling, start('K1', { basis: 'other' })],
  ['NOTICE_DELIVERY_METHOD_INVALID', inHandling, start('K1', { deliveryMethod: 'fax' })],
  [
    'NOTICE_PERIOD_NOT_RUNNING',
    posted,
    { type: 'CONSULTATION_EXPIRED', consultationId: 'K1', on: '2026-03-25' },
    '征求意见的期限尚未起算（邮寄送达的收到日期尚未记录）或不设答复期限，不能按期限届满处理（条例第三十条、第三十二条、第三十四条）',
  ],
  ['LETTER_RECEIPT_DATE_INVALID', posted, receiptOf({ receivedOn: '2026-02-30' })],
  [
    'LETTER_RECEIPT_NOT_APPLICABLE',
    fresh,
    receiptOf({ letterType: 'receipt', consultationId: undefined, letterIssuedOn: '2026-03-02' }),
    '登记回执不是自收到之日起计算期限的文书，无须记录收到日期',
  ],
  ['LETTER_NOTICE_NOT_FOUND', inHandling, receiptOf({ letterType: 'fee_notice', consultationId: undefined }), '本案没有与该收费通知书对应的事项'],
  ['LETTER_RECEIVED_BEFORE_ISSUE', posted, receiptOf({ receivedOn: '2026-03-02' }), '收到日期不能早于文书发出之日（2026-03-03）'],
  ['LETTER_RECEIVED_AFTER_RECORDING', posted, receiptOf({ receivedOn: '2026-03-04' })],
  [
    'LETTER_RECEIPT_ALREADY_RECORDED',
    handed,
    receiptOf(),
    '该文书的收到日期已确定（2026-03-03），不能再次记录（直接送达、电子送达的文书于发出当日收到）',
  ],
  ['FEE_METHOD_INVALID', inHandling, { type: 'ISSUE_FEE_NOTICE', method: 'per_hour', amount: 100 }],
  [
    'FEE_AMOUNT_INVALID',
    inHandling,
    { type: 'ISSUE_FEE_NOTICE', method: 'per_item', amount: 10.5 },
  ],
  ['EXTENSION_ALREADY_USED', () => run(accepted(), ext), ext],
  ['EXTENSION_DAYS_INVALID', accepted, { ...ext, workingDays: 0 }],
  ['EXTENSION_TOO_LONG', accepted, { ...ext, workingDays: 21 }],
  ['EXTENSION_REASON_REQUIRED', accepted, { ...ext, reason: ' ' }],
  ['EXTENSION_APPROVAL_REQUIRED', accepted, { ...ext, approvedBy: '' }],
  ['EXTENSION_REPLY_DUE_REQUIRED', accepted, { ...ext, replyDue: '' }],
  ['EXTENSION_AFTER_DEADLINE', accepted, { ...ext, on: '2026-03-31' }],
  ['DEFERRAL_ALREADY_USED', () => run(reasonable(), def), def],
  ['DEFERRAL_DATE_INVALID', reasonable, { ...def, deferredTo: '2026-03-03' }],
  ['DEFERRAL_REASON_REQUIRED', reasonable, { ...def, reason: '' }],
  ['DEFERRAL_REASONS_NOT_REASONABLE', inHandling, def],
  ['DEFERRAL_REPLY_DUE_REQUIRED', reasonable, { ...def, replyDue: '' }],
  ['DEFERRAL_AFTER_DEADLINE', reasonable, { ...def, on: '2026-03-31' }],
  [
    'DEFERRAL_NOT_AFTER_DEADLINE',
    reasonable,
    { ...def, deferredTo: '2026-03-30' },
    '延迟答复的期限须晚于第三十三条规定的答复期限（2026-03-30）（条例第三十五条）',
  ],
  ['REASONS_ALREADY_REQUESTED', asked, { type: 'REQUEST_REASONS', ...handler }],
  ['REASONS_NOT_REQUESTED', inHandling, { type: 'RECORD_REASONS', reasonable: true, summary: '合理', ...handler }],
  ['REASONS_ALREADY_RECORDED', reasonable, { type: 'RECORD_REASONS', reasonable: true, summary: '合理', ...handler }],
  ['REASONS_JUDGEMENT_REQUIRED', asked, { type: 'RECORD_REASONS', reasonable: 'yes', summary: '合理', ...handler }],
  ['REASONS_SUMMARY_REQUIRED', asked, { type: 'RECORD_REASONS', reasonable: true, summary: ' ', ...handler }],
  ['REASONS_RECORDED_BEFORE_REQUEST', asked, { type: 'RECORD_REASONS', reasonable: true, summary: '合理', ...handler, on: '2026-03-02' }],
  ['EXCESSIVE_REQUESTS_REASONS_REQUIRED', inHandling, { type: 'PROPOSE', outcome: 'excessive_requests', ...handler }],
  ['SECRECY_CONCLUSION_INVALID', inHandling, review('maybe' as never)],
  ['SECRECY_GROUND_REQUIRED', inHandling, review('disclose', { ground: '' })],
  ['SECRECY_REVIEWER_REQUIRED', inHandling, review('disclose', { reviewer: '' })],
  ['SECRECY_WITHHELD_PART_REQUIRED', inHandling, review('partial')],
  [
    'ON_THE_SPOT_SECRECY_REVIEW_INCOMPLETE',
    fresh,
    {
      type: 'ON_THE_SPOT_REPLY',
      outcome: 'disclose',
      secrecyReview: { conclusion: 'disclose', ground: '不涉密', reviewer: '' },
    },
  ],
  [
    'OUTCOME_UNKNOWN',
    inHandling,
    { type: 'PROPOSE', outcome: 'nonsense', ...handler },
    '未知的答复类型：nonsense',
  ],
  [
    'OUTCOME_NOT_PROPOSABLE',
    inHandling,
    { type: 'PROPOSE', outcome: 'withdrawn', ...handler },
    `答复类型“${outcome('withdrawn').label}”不能由承办人提出`,
  ],
  ['BASIS_EMPTY', inHandling, { type: 'PROPOSE', outcome: 'not_exist', basis: ' ', ...handler }],
  [
    'WITHHOLDING_REASONS_REQUIRED',
    inHandling,
    { type: 'PROPOSE', outcome: 'withhold_state_secret', ...handler },
  ],
  [
    'THIRD_PARTY_CONSULTATION_REQUIRED',
    inHandling,
    { type: 'PROPOSE', outcome: 'withhold_third_party', reasons: '商业秘密', ...handler },
  ],
  ['SECRECY_REVIEW_REQUIRED', inHandling, { type: 'PROPOSE', outcome: 'disclose', ...handler }],
  [
    'SECRECY_REVIEW_DISALLOWS_OUTCOME',
    () => run(inHandling(), review('partial', { withheldPart: '第3页' })),
    { type: 'PROPOSE', outcome: 'disclose', ...handler },
    `保密审查结论（partial）不允许“${outcome('disclose').label}”`,
  ],
  ['WITHHELD_PARTS_REQUIRED', partialReviewed, { type: 'PROPOSE', outcome: 'partial', ...handler }],
  [
    'WITHHELD_PART_CONTENT_REQUIRED',
    partialReviewed,
    { type: 'PROPOSE', outcome: 'partial', withheldParts: [{ ...part, part: '' }], ...handler },
  ],
  [
    'WITHHELD_PART_GROUND_INVALID',
    partialReviewed,
    {
      type: 'PROPOSE',
      outcome: 'partial',
      withheldParts: [{ ...part, ground: 'disclose' }],
      ...handler,
    },
    '不予公开部分的依据无效：disclose',
  ],
  [
    'WITHHELD_PART_REASON_REQUIRED',
    partialReviewed,
    { type: 'PROPOSE', outcome: 'partial', withheldParts: [{ ...part, reason: '' }], ...handler },
  ],
  [
    'CONSULTATIONS_OPEN',
    () => run(inHandling(), start('K1'), { type: 'PROPOSE', outcome: 'not_exist', ...handler }),
    { type: 'SUBMIT_FOR_APPROVAL', chain: chain2, ...handler },
  ],
  [
    'FEE_UNPAID',
    () =>
      run(
        inHandling(),
        { type: 'ISSUE_FEE_NOTICE', method: 'per_item', amount: 100, ...handler },
        { type: 'PROPOSE', outcome: 'not_exist', ...handler },
      ),
    { type: 'SUBMIT_FOR_APPROVAL', chain: chain2, ...handler },
  ],
  ['APPROVAL_CHAIN_REQUIRED', proposed, { type: 'SUBMIT_FOR_APPROVAL', chain: [], ...handler }],
  [
    'APPROVAL_STEP_NAME_REQUIRED',
    proposed,
    { type: 'SUBMIT_FOR_APPROVAL', chain: [{ step: ' ' }], ...handler },
  ],
  ['REPLY_SUBMITTED_BY_HANDLER', proposed, { type: 'SUBMIT_FOR_APPROVAL', chain: chain2 }],
  [
    'NOT_YOUR_APPROVAL_STEP',
    submitted,
    { type: 'APPROVE', ...director },
    '当前审批环节“科室负责人”不由该用户办理',
  ],
  [
    'APPROVER_ALREADY_APPROVED',
    () =>
      run(
        run(proposed(), { type: 'SUBMIT_FOR_APPROVAL', chain: [{ step: 'approver' }, { step: 'approver' }], ...handler }),
        { type: 'APPROVE', ...head },
      ),
    { type: 'APPROVE', ...head },
  ],
  ['RETURN_COMMENTS_REQUIRED', submitted, { type: 'RETURN', comments: '', ...head }],
  [
    'DELIVERY_BEFORE_DECISION',
    decided,
    { type: 'DELIVER', method: 'post', recipient: '张三', on: '2026-03-09' },
  ],
  [
    'DELIVERY_METHOD_INVALID',
    decided,
    { type: 'DELIVER', method: 'fax', recipient: '张三', on: '2026-03-10' },
  ],
  [
    'RECIPIENT_REQUIRED',
    decided,
    { type: 'DELIVER', method: 'post', recipient: '', on: '2026-03-10' },
  ],
  ['REMEDY_FILED_ON_REQUIRED', closed, { ...recon, filedOn: '' }],
  ['REMEDY_RESULT_INVALID', closed, { ...recon, result: 'won' }],
  ['REMEDY_DECIDED_ON_INVALID', closed, { ...recon, decidedOn: '2026-03-31' }],
  [
    'LITIGATION_AFTER_RECONSIDERATION_REQUIRED',
    closed,
    { type: 'RECORD_LITIGATION', filedOn: '2026-04-01', result: 'pending' },
  ],
];

/**
 * Codes the machine's state structure never lets through to the payload check (the state
 * refuses first); their rule is asserted on eventProblem / refusalOf directly.
 */
const CONTEXT_ONLY: Array<[RefusalCode, () => unknown, string[]?]> = [
  [
    // The legal audit's draft rules (src/domain/audit), checked by the approve handler: 第三十六条第（五）项
    // needs the competent agency's contact, and no override was recorded.
    'APPROVAL_BLOCKED_BY_FINDINGS',
    () => approvalGate(inHandling().context, { outcome: 'not_this_agency', basis: '第36条第（五）项', competentAgency: '示范县交通运输局' }, '2026-03-05').refusal,
    ['REQUIRED_FIELD_EMPTY'],
  ],
  // ---- 条例第三十七条: documents attached to a reply that provides them (src/domain/documents, checked by the approve handler)
  ['REDACTION_MISSING_FOR_WITHHELD_PART', () => redactionRefusal('partial', ['withhold_internal_affairs'], [], 1), ['属于三类内部事务信息']],
  ['REDACTION_GROUND_NOT_IN_PROPOSAL', () => redactionRefusal('disclose', [], ['withhold_third_party'], 1), ['保护第三方合法权益']],
  ['DOCUMENTS_LOCKED', () => documentsLockedRefusal('inApproval', '报批'), ['报批']],
  // ---- deliver by e-mail (commands.ts emailDeliveryProblem, checked by the action's handler)
  ['ELECTRONIC_DELIVERY_NOT_REQUESTED', () => emailDeliveryProblem('post', 'zhangsan@example.cn')],
  ['APPLICANT_EMAIL_MISSING', () => emailDeliveryProblem('email', ' ')],
  // ---- checked when a person proposes (proposalAdmissionProblem), not as statechart guards
  [
    // 条例第十五条: 第三方同意公开的，予以公开 (legal review finding 3).
    'THIRD_PARTY_CONSENTED',
    () => admission(consulted('agree'), { outcome: 'withhold_third_party', reasons: '商业秘密' }),
  ],
  [
    // 条例第三十二条: disclosing over an objection needs the finding, its reason and the content (finding 13).
    'THIRD_PARTY_OBJECTION_FINDING_REQUIRED',
    () => admission(run(consulted('object'), review('disclose')), { outcome: 'disclose', reasons: '可以公开', overrideGround: 'public_interest' }),
    ['作出该认定的具体理由', 'overrideReason'],
  ],
  [
    // 条例第十四条、第十七条: 依法确定为国家秘密 needs the review that found it (finding 12).
    'STATE_SECRET_REVIEW_REQUIRED',
    () => admission(inHandling(), { outcome: 'withhold_state_secret', reasons: '涉密' }),
  ],
  [
    'STATE_SECRET_NOT_ESTABLISHED',
    () => admission(run(inHandling(), review('disclose')), { outcome: 'withhold_state_secret', reasons: '涉密' }),
  ],
  [
    // SUBMIT_FOR_APPROVAL is only taken in work.proposed, which always holds a proposal.
    'PROPOSAL_MISSING',
    () =>
      eventProblem(
        { ...inHandling().context, proposal: null },
        full({ type: 'SUBMIT_FOR_APPROVAL', chain: chain2 }),
      ),
  ],
  [
    // The fee region leaves `none` with the notice; a RETURN re-enters `none` only without a fee.
    'FEE_NOTICE_ALREADY_ISSUED',
    () =>
      eventProblem(
        {
          ...inHandling().context,
          fee: { method: 'per_item', amount: 100, noticeOn: '2026-03-03' },
        },
        full({ type: 'ISSUE_FEE_NOTICE', method: 'per_item', amount: 100 }),
      ),
  ],
  [
    // RECORD_GOOD_REASON is only taken in the closureProposed states, which always hold the closure.
    'NO_CLOSURE_PROPOSED',
    () => eventProblem(accepted().context, full(goodReason)),
  ],
  [
    // The final approval leaves inApproval: every step of the chain is done.
    'NO_PENDING_APPROVAL_STEP',
    () => eventProblem(decided().context, full({ type: 'APPROVE', ...director })),
  ],
];

describe('refusal catalogue', () => {
  it('codes are unique SCREAMING_SNAKE, messages Chinese, articles well-formed', () => {
    expect(new Set(REFUSAL_CODES).size).toBe(REFUSAL_CODES.length);
    for (const code of REFUSAL_CODES) {
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      const tpl = refusalTemplate(code);
      expect(tpl.trim().length).toBeGreaterThan(0);
      expect(tpl).toMatch(CHINESE);
      const article = (REFUSALS[code] as { article?: string }).article;
      if (article !== undefined) expect(article).toMatch(ARTICLE);
      // A message that cites a provision cites the entry's article.
      if (/条例第|109号/.test(tpl)) expect(tpl).toContain(article);
      expect(refusalHttpStatus(code)).toBe(409);
    }
  });
  it('templates name their parameters', () => {
    for (const code of REFUSAL_CODES) {
      const e = REFUSALS[code] as { message: unknown; params?: readonly string[] };
      if (typeof e.message === 'function') {
        expect(e.params?.length).toBe((e.message as (...a: string[]) => string).length);
        for (const p of e.params ?? []) expect(refusalTemplate(code)).toContain(`{${p}}`);
      } else {
        expect(e.params).toBeUndefined();
      }
    }
  });
  it('refusal() builds code, message and article', () => {
    expect(refusal('EXTENSION_ALREADY_USED')).toEqual({
      code: 'EXTENSION_ALREADY_USED',
      message: '延期答复只能一次（条例第三十三条第二款）',
      article: '条例第三十三条第二款',
    });
    expect(refusal('CONSULTATION_NOT_FOUND', 'K7')).toEqual({
      code: 'CONSULTATION_NOT_FOUND',
      message: '没有编号为 K7 的征求意见',
    });
    expect(refusal('EVENT_CONDITIONS_NOT_MET', 'APPROVE', 'inApproval')).toEqual({
      code: 'EVENT_CONDITIONS_NOT_MET',
      message: '事件 APPROVE 的条件不满足（inApproval）',
    });
  });
  it('every code is asserted below (reachable through the machine, or on the rule directly)', () => {
    const covered = [
      ...REACHABLE.map((r) => r[0]),
      ...CONTEXT_ONLY.map((r) => r[0]),
      'EVENT_CONDITIONS_NOT_MET', // fallback when no guarded branch is enabled; see refusal() test
    ];
    expect(new Set(covered).size).toBe(covered.length);
    expect([...covered].sort()).toEqual([...REFUSAL_CODES].sort());
  });
});

describe('applyEvent returns the rule’s code and article', () => {
  it.each(REACHABLE.map(([c, m, e, msg]) => [c, m, e, msg ?? null] as const))(
    '%s',
    (code, make, ev, message) => {
      const s = make();
      const e = full(ev);
      const r = applyEvent(s, e);
      expect(r.changed).toBe(false);
      expect(r.snapshot).toBe(s);
      const entry = REFUSALS[code] as { article?: string };
      expect(r.refusal?.code).toBe(code);
      expect(r.refusal?.article).toBe(entry.article);
      expect(r.reason).toBe(r.refusal?.message);
      if (message !== null) expect(r.refusal?.message).toBe(message);
      else expect(r.refusal?.message).toBe(refusalTemplate(code));
      expect(refusalOf(s, e)).toEqual(r.refusal);
      expect(refusalReason(s, e)).toBe(r.reason);
    },
  );
  it.each(CONTEXT_ONLY.map(([c, check, args]) => [c, check, args ?? []] as const))('%s (rule checked on the context)', (code, check, args) => {
    expect(check()).toEqual((refusal as (c: RefusalCode, ...a: string[]) => unknown)(code, ...args));
  });
  it('named examples', () => {
    const second = applyEvent(run(accepted(), ext), full(ext));
    expect(second.refusal).toMatchObject({
      code: 'EXTENSION_ALREADY_USED',
      article: '条例第三十三条第二款',
    });
    const again = applyEvent(
      run(fresh(), req, { type: 'RECEIVE_CORRECTION', on: '2026-03-05' }),
      full(req),
    );
    expect(again.refusal).toEqual({
      code: 'CORRECTION_ALREADY_REQUESTED',
      message: '补正告知只能一次性发出（条例第三十条）',
      article: '条例第三十条',
    });
    // an event the state does not take at all
    const wrong = applyEvent(inHandling(), full(req));
    expect(wrong.refusal?.code).toBe('ACTION_NOT_AVAILABLE_IN_STATE');
    expect(wrong.refusal?.message).toBe('当前状态“承办”下不能办理“告知补正”');
    expect(wrong.refusal?.article).toBeUndefined();
    // accepted events carry no refusal
    const ok = applyEvent(fresh(), full({ type: 'ACCEPT' }));
    expect(ok.changed).toBe(true);
    expect(ok.refusal).toBeUndefined();
    expect(ok.reason).toBeUndefined();
  });
});

describe('docs/refusal-codes.md', () => {
  const readDoc = () => {
    const md = refusalCodesMarkdown();
    if (process.env.UPDATE_REFUSALS || !fs.existsSync(DOC)) fs.writeFileSync(DOC, md);
    return fs.readFileSync(DOC, 'utf8');
  };
  it('lists exactly the catalogue’s codes', () => {
    const rows = readDoc()
      .split('\n')
      .map((l) => /^\|\s*`([A-Z0-9_]+)`\s*\|/.exec(l)?.[1])
      .filter((c): c is string => !!c);
    expect(new Set(rows).size).toBe(rows.length);
    expect([...rows].sort()).toEqual([...REFUSAL_CODES].sort());
  });
  it('is current (regenerate with UPDATE_REFUSALS=1)', () => {
    expect(readDoc()).toBe(refusalCodesMarkdown());
  });
});
