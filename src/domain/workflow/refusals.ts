/**
 * Stable refusal codes of the statechart (one catalogue). A client branches on `code`;
 * `message` is the Chinese text shown to users; `article` names the provision the rule
 * rests on (only where the rule comes from the law: 条例 = 《中华人民共和国政府信息公开条例》).
 * Every distinct rule has its own code; codes never change once published
 * (docs/refusal-codes.md is generated from this file; test/unit/workflow/refusals.spec.ts
 * checks it is current).
 */

import { PERIODS } from '../deadlines/periods';
import { EVENT_LABELS } from './event-labels';

/** A refused event: stable code, Chinese message, the article it rests on (if any). */
export interface Refusal {
  code: string;
  message: string;
  article?: string;
}

/** Catalogue entry: a fixed message, or a template function whose parameters are named in `params`. */
interface RefusalEntry {
  readonly message: string | ((...args: string[]) => string);
  /** Names of the template's parameters, in order (shown in docs as {name}). */
  readonly params?: readonly string[];
  readonly article?: string;
  /** HTTP status the API answers with; 409 for every rule refusal. */
  readonly httpStatus?: number;
}

export const REFUSALS = {
  // ---- every event
  EVENT_DATE_INVALID: { message: '事件须带业务日期 on（YYYY-MM-DD）' },
  ACTOR_REQUIRED: { message: '事件须带操作人 actorId' },
  /** The current state does not take the event at all. */
  ACTION_NOT_AVAILABLE_IN_STATE: {
    message: (label: string, event: string) => `当前状态“${label}”下不能办理“${EVENT_LABELS[event] ?? event}”`,
    params: ['stateLabel', 'event'],
  },
  /** The state takes the event, no payload rule objects, yet no guarded transition is enabled. */
  EVENT_CONDITIONS_NOT_MET: {
    message: (event: string, state: string) => `事件 ${event} 的条件不满足（${state}）`,
    params: ['event', 'state'],
  },

  // ---- 网上申请的确认 (条例第31条第（三）项)
  CONFIRMATION_TIME_INVALID: {
    message: '确认时间 confirmedAt 须为带时区的ISO时间，且业务日期须为其北京时间的日期（条例第三十一条第（三）项：以双方确认之日为收到申请之日）',
    article: '条例第三十一条第（三）项',
  },
  CONFIRMATION_BEFORE_ARRIVAL: {
    message: (arrivedOn: string) => `确认日期不能早于网上申请提交之日（${arrivedOn}）`,
    params: ['arrivedOn'],
    article: '条例第三十一条第（三）项',
  },

  // ---- 电子送达 (deliver, method email)
  ELECTRONIC_DELIVERY_NOT_REQUESTED: {
    message: '申请人未选择以电子方式获取信息，不能以电子邮件送达答复书（国办公开办函〔2016〕235号），请按申请人选择的方式送达',
  },
  APPLICANT_EMAIL_MISSING: { message: '申请人未留电子邮箱，不能以电子邮件送达，请先补记电子邮箱或改用其他方式送达' },

  // ---- 补正 (条例第30条)
  CORRECTION_ALREADY_REQUESTED: {
    message: '补正告知只能一次性发出（条例第三十条）',
    article: '条例第三十条',
  },
  CORRECTION_ITEMS_REQUIRED: { message: '补正告知须列明需要补正的事项', article: '条例第三十条' },
  CORRECTION_PERIOD_INVALID: { message: '补正期限须为正整数个工作日', article: '条例第三十条' },
  CORRECTION_NOTICE_DUE_INVALID: { message: '补正告知期限日期格式不正确' },
  /** Dated after correctionNoticeDue: a late notice would restart the reply clock (legal review finding 5). */
  CORRECTION_NOTICE_LATE: {
    message: (noticeDue: string) =>
      `补正告知期限已于${noticeDue}届满：补正须自收到申请之日起${PERIODS.correctionNotice}个工作日内一次性告知（条例第三十条），逾期不能再要求补正`,
    params: ['noticeDue'],
    article: '条例第三十条',
  },
  CORRECTION_RECEIVED_BEFORE_REQUEST: { message: '收到补正的日期不得早于补正告知日期' },

  // ---- 视为放弃申请 (条例第30条 逾期不补正; 条例第42条 逾期不缴费): proposed, then decided by a person
  /** A period's end is recorded from the day after its due date (a deadline ends at 24:00). */
  PERIOD_LAPSE_DATE_INVALID: { message: '期限届满的记录日期须晚于期限的最后一日（期限至最后一日24时止）' },
  /** close-lapsed before the applicant's period is over (it ends at 24:00 of its last day). */
  PERIOD_NOT_OVER: {
    message: (dueOn: string) => `申请人的期限至${dueOn}24时届满，届满之后才能按视为放弃申请处理（条例第三十条）`,
    params: ['dueOn'],
    article: '条例第三十条',
  },
  /** CLOSE_LAPSED names the period it closes: 逾期不补正 (条例第30条) or 逾期未缴费 (国办函〔2020〕109号). */
  LAPSE_GROUND_INVALID: { message: '逾期的事由须为 correction_overdue（逾期不补正）或 fee_unpaid（逾期未缴费）' },
  /** close-lapsed with no correction awaited and no fee unpaid (or the period's end is not known yet). */
  NO_APPLICANT_PERIOD_RUNNING: { message: '本案没有正在计算的补正期限或缴费期限（或通知书的送达日期尚未记录），不能按逾期处理' },
  /** SUBMIT_FOR_APPROVAL again while the proposed closure (视为放弃申请) is with its approvers. */
  CLOSURE_ALREADY_IN_APPROVAL: { message: '拟视为放弃申请的结案答复已在报批中，须待审批通过或退回后再办理' },
  /** RECORD_GOOD_REASON without a proposed closure (the states that take it always have one). */
  NO_CLOSURE_PROPOSED: { message: '没有拟视为放弃申请的决定，无须记录正当理由' },
  GOOD_REASON_REQUIRED: {
    message: '须写明申请人逾期的正当理由（条例第三十条：无正当理由逾期不补正的，视为放弃申请）',
    article: '条例第三十条',
  },
  GOOD_REASON_PERIOD_INVALID: { message: '重新计算的期限须为正整数个工作日' },
  GOOD_REASON_DUE_INVALID: { message: '重新计算的期限届满日须为有效日期，且晚于记录正当理由之日' },

  // ---- 分办
  DEPARTMENT_REQUIRED: { message: '须指定承办部门' },

  // ---- 征求意见 (条例第32、34条)
  CONSULTATION_ID_REQUIRED: { message: '征求意见须有编号' },
  CONSULTATION_ID_DUPLICATE: { message: '征求意见编号重复' },
  CONSULTATION_PARTY_INVALID: {
    message: '征求意见对象须为第三方或其他机关',
    article: '条例第三十二条、第三十四条',
  },
  CONSULTATION_NAME_REQUIRED: { message: '须写明征求意见对象名称' },
  CONSULTATION_SENT_ON_INVALID: { message: '发函日期格式不正确' },
  CONSULTATION_NOT_FOUND: {
    message: (id: string) => `没有编号为 ${id} 的征求意见`,
    params: ['consultationId'],
  },
  CONSULTATION_ALREADY_CLOSED: { message: '该征求意见已结束' },
  CONSULTATION_CLOSED_BEFORE_SENT: { message: '结束日期不得早于发函日期' },
  CONSULTATION_RESULT_INVALID: { message: '征求意见结果须为同意、不同意或未答复' },
  /** basis is not coProducer / secrecyReferral / other, or is given for a third party (legal review finding 10). */
  CONSULTATION_BASIS_INVALID: {
    message: '征求其他机关意见的依据须为共同制作（条例第三十四条）、报请确定（第十七条第三款）或协商确认（第十一条），征求第三方意见不填写依据',
    article: '条例第三十四条',
  },

  // ---- 文书送达与收到 (legal review finding 1: periods run from the recipient's receipt)
  NOTICE_DELIVERY_METHOD_INVALID: { message: '文书送达方式须为直接送达（in_person）、邮寄（post）或电子送达（electronic）' },
  /** An expiry event for a period that has not started (posted notice, receipt not recorded) or does not exist (a 第17条第三款 referral). */
  NOTICE_PERIOD_NOT_RUNNING: {
    message: (notice: string) =>
      `${notice}的期限尚未起算（邮寄送达的收到日期尚未记录）或不设答复期限，不能按期限届满处理（条例第三十条、第三十二条、第三十四条）`,
    params: ['notice'],
    article: '条例第三十条、第三十二条、第三十四条',
  },
  LETTER_RECEIPT_DATE_INVALID: { message: '收到日期须为有效日期（YYYY-MM-DD）' },
  /** The letter is not one whose periods run from receipt (a receipt, a reply, a 第17条第三款 referral…). */
  LETTER_RECEIPT_NOT_APPLICABLE: {
    message: (letter: string) => `${letter}不是自收到之日起计算期限的文书，无须记录收到日期`,
    params: ['letter'],
  },
  /** The letter's notice is not in the case (the consultation, correction, fee or extension it was issued for). */
  LETTER_NOTICE_NOT_FOUND: {
    message: (letter: string) => `本案没有与该${letter}对应的事项`,
    params: ['letter'],
  },
  LETTER_RECEIVED_BEFORE_ISSUE: {
    message: (issuedOn: string) => `收到日期不能早于文书发出之日（${issuedOn}）`,
    params: ['issuedOn'],
  },
  LETTER_RECEIVED_AFTER_RECORDING: { message: '收到日期不能晚于记录之日（不能记录将来的日期）' },
  /** Once per letter; in person and electronically the notice was received on the day sent. */
  LETTER_RECEIPT_ALREADY_RECORDED: {
    message: (receivedOn: string) => `该文书的收到日期已确定（${receivedOn}），不能再次记录（直接送达、电子送达的文书于发出当日收到）`,
    params: ['receivedOn'],
  },

  // ---- 信息处理费 (条例第42条, 国办函〔2020〕109号)
  FEE_NOTICE_ALREADY_ISSUED: { message: '本案已发出收费通知' },
  FEE_METHOD_INVALID: {
    message: '收费方式须为按件或按量（国办函〔2020〕109号）',
    article: '国办函〔2020〕109号',
  },
  FEE_AMOUNT_INVALID: { message: '收费金额须为正整数（元）' },

  // ---- 延期答复 (条例第33条第二款)
  EXTENSION_ALREADY_USED: {
    message: '延期答复只能一次（条例第三十三条第二款）',
    article: '条例第三十三条第二款',
  },
  /** workingDays is not a positive integer. */
  EXTENSION_DAYS_INVALID: { message: '延长期限为1至20个工作日' },
  /** More than 20 working days: 延长的期限最长不得超过20个工作日. */
  EXTENSION_TOO_LONG: { message: '延长期限为1至20个工作日', article: '条例第三十三条第二款' },
  EXTENSION_REASON_REQUIRED: { message: '延期须说明理由' },
  EXTENSION_APPROVAL_REQUIRED: {
    message: '延期须经政府信息公开工作机构负责人同意',
    article: '条例第三十三条第二款',
  },
  EXTENSION_REPLY_DUE_REQUIRED: { message: '须提供原答复期限 replyDue' },
  EXTENSION_AFTER_DEADLINE: {
    message: '延期须在答复期限届满前决定并告知申请人',
    article: '条例第三十三条第二款',
  },

  // ---- 延迟答复 (条例第35条)
  DEFERRAL_ALREADY_USED: {
    message: '延迟答复只能一次（条例第三十五条）',
    article: '条例第三十五条',
  },
  DEFERRAL_DATE_INVALID: { message: '延迟答复日期须晚于当日', article: '条例第三十五条' },
  DEFERRAL_REASON_REQUIRED: { message: '延迟答复须说明理由' },
  /** No reasons asked for, not yet answered, or judged unreasonable (legal review finding 4). */
  DEFERRAL_REASONS_NOT_REASONABLE: {
    message: '延迟答复须先要求申请人说明理由，并认定申请理由合理（条例第三十五条）',
    article: '条例第三十五条',
  },
  DEFERRAL_REPLY_DUE_REQUIRED: { message: '须提供第三十三条规定的答复期限 replyDue' },
  /** 无法在本条例第三十三条规定的期限内答复: decided (and notified) before that deadline ends. */
  DEFERRAL_AFTER_DEADLINE: {
    message: '延迟答复须在第三十三条规定的答复期限届满前决定并告知申请人（条例第三十五条）',
    article: '条例第三十五条',
  },
  DEFERRAL_NOT_AFTER_DEADLINE: {
    message: (replyDue: string) => `延迟答复的期限须晚于第三十三条规定的答复期限（${replyDue}）（条例第三十五条）`,
    params: ['replyDue'],
    article: '条例第三十五条',
  },

  // ---- 要求说明理由 (条例第35条)
  REASONS_ALREADY_REQUESTED: {
    message: '已要求申请人说明理由（条例第三十五条）',
    article: '条例第三十五条',
  },
  REASONS_NOT_REQUESTED: {
    message: '尚未要求申请人说明理由（条例第三十五条）',
    article: '条例第三十五条',
  },
  REASONS_ALREADY_RECORDED: { message: '申请人说明的理由已记录' },
  REASONS_JUDGEMENT_REQUIRED: { message: '须写明申请理由是否合理（reasonable）', article: '条例第三十五条' },
  REASONS_SUMMARY_REQUIRED: { message: '须记录申请人说明的理由（summary）' },
  REASONS_RECORDED_BEFORE_REQUEST: { message: '记录理由的日期不得早于要求说明理由的日期' },

  // ---- 保密审查 (条例第17条; shared/domain §4a)
  SECRECY_CONCLUSION_INVALID: { message: '保密审查结论无效' },
  SECRECY_GROUND_REQUIRED: { message: '保密审查须写明依据', article: '条例第十七条' },
  SECRECY_REVIEWER_REQUIRED: { message: '保密审查须写明审查人', article: '条例第十七条' },
  SECRECY_WITHHELD_PART_REQUIRED: {
    message: '部分公开的审查结论须写明不予公开的部分',
    article: '条例第十七条',
  },
  /** 当场答复 carrying its own review without ground or reviewer. */
  ON_THE_SPOT_SECRECY_REVIEW_INCOMPLETE: {
    message: '保密审查须写明依据和审查人',
    article: '条例第十七条',
  },

  // ---- 办理意见 (条例第14-17、32、36-39条)
  OUTCOME_UNKNOWN: { message: (o: string) => `未知的答复类型：${o}`, params: ['outcome'] },
  OUTCOME_NOT_PROPOSABLE: {
    message: (label: string) => `答复类型“${label}”不能由承办人提出`,
    params: ['outcomeLabel'],
  },
  BASIS_EMPTY: { message: '法律依据不能为空' },
  EXCESSIVE_REQUESTS_REASONS_REQUIRED: {
    message: '以申请数量、频次明显超过合理范围为由不予处理，须已要求申请人说明理由并认定理由不合理（条例第三十五条）',
    article: '条例第三十五条',
  },
  WITHHOLDING_REASONS_REQUIRED: {
    message: '不予公开须说明理由（条例第三十六条第（三）项）',
    article: '条例第三十六条第（三）项',
  },
  THIRD_PARTY_CONSULTATION_REQUIRED: {
    message:
      '以保护第三方合法权益为由不予公开，须已完成第三方征求意见，或记录未征求意见的理由（条例第三十二条）',
    article: '条例第三十二条',
  },
  SECRECY_REVIEW_REQUIRED: {
    message: '公开前须进行保密审查（条例第十七条）',
    article: '条例第十七条',
  },
  SECRECY_REVIEW_DISALLOWS_OUTCOME: {
    message: (conclusion: string, label: string) => `保密审查结论（${conclusion}）不允许“${label}”`,
    params: ['conclusion', 'outcomeLabel'],
    article: '条例第十七条',
  },
  WITHHELD_PARTS_REQUIRED: {
    message: '部分公开须列明不予公开的部分（条例第三十七条）',
    article: '条例第三十七条',
  },
  WITHHELD_PART_CONTENT_REQUIRED: {
    message: '不予公开的部分须写明内容',
    article: '条例第三十七条',
  },
  WITHHELD_PART_GROUND_INVALID: {
    message: (ground: string) => `不予公开部分的依据无效：${ground}`,
    params: ['ground'],
  },
  WITHHELD_PART_REASON_REQUIRED: { message: '不予公开的部分须说明理由', article: '条例第三十七条' },

  // ---- 办理意见: rules checked when a person proposes (and again on 报批), before the statechart,
  // so that histories recorded before them still replay (rules.ts proposalAdmissionProblem)
  /** Legal review finding 3: the third party consented; its consent obliges disclosure. */
  THIRD_PARTY_CONSENTED: {
    message:
      '第三方已同意公开，不能以保护第三方合法权益为由不予公开（条例第十五条：第三方同意公开的，予以公开）',
    article: '条例第十五条',
  },

  /** Legal review finding 13: disclosing over an objection needs the finding the 第三方 is told. */
  THIRD_PARTY_OBJECTION_FINDING_REQUIRED: {
    message: (what: string, field: string) =>
      `第三方不同意公开而决定公开的，须写明${what}（${field}），并将决定公开的政府信息内容和理由书面告知第三方（条例第三十二条）`,
    params: ['what', 'field'],
    article: '条例第三十二条',
  },
  /** Legal review finding 12: 依法确定为国家秘密 needs the recorded review (条例第17条) that found it. */
  STATE_SECRET_REVIEW_REQUIRED: {
    message:
      '以属于国家秘密为由不予公开，须先记录认定其依法确定为国家秘密的保密审查（条例第十四条、第十七条）',
    article: '条例第十四条、第十七条',
  },
  STATE_SECRET_NOT_ESTABLISHED: {
    message:
      '最近一次保密审查的结论为可以公开，未认定该信息属于国家秘密，不能以此为由不予公开（条例第十四条、第十七条）',
    article: '条例第十四条、第十七条',
  },

  // ---- 报批
  PROPOSAL_MISSING: { message: '尚未提出办理意见' },
  CONSULTATIONS_OPEN: { message: '尚有未结束的征求意见，不能报批' },
  FEE_UNPAID: { message: '尚有未缴纳的信息处理费，不能报批' },
  APPROVAL_CHAIN_REQUIRED: { message: '须设定审批流程' },
  APPROVAL_STEP_NAME_REQUIRED: { message: '每个审批环节须有名称' },
  /** A reply is the 承办人's proposal; a clerk submits only a proposed closure (视为放弃申请). */
  REPLY_SUBMITTED_BY_HANDLER: { message: '答复的办理意见须由承办人报批' },

  // ---- 审批 / 退回
  NO_PENDING_APPROVAL_STEP: { message: '没有待审批的环节' },
  NOT_YOUR_APPROVAL_STEP: {
    message: (step: string) => `当前审批环节“${step}”不由该用户办理`,
    params: ['step'],
  },
  APPROVER_ALREADY_APPROVED: { message: '同一案件的逐级审批须由不同的人办理：您已审批过本案的上一环节，请由下一环节的审批人审批' },
  RETURN_COMMENTS_REQUIRED: { message: '退回须写明意见' },
  /**
   * The reply in approval breaches a high-severity rule of the legal audit that can be judged on a
   * draft (src/domain/audit: article and remedy against the grounds, secrecy review, third party,
   * open periods, empty fields); the approver may approve only after recording, for each such
   * finding, why it does not apply (`overrideFindings`), which the APPROVE entry keeps.
   */
  APPROVAL_BLOCKED_BY_FINDINGS: {
    message: (codes: string) =>
      `报批的答复存在高严重度的法制审核发现项（${codes}），须逐项说明不适用的理由（overrideFindings）后才能审批`,
    params: ['codes'],
  },

  // ---- 附件与遮盖 (条例第三十七条: 部分公开 provides what can be separated)
  /** A 部分公开 with documents attached: a withheld part of the proposal has no redaction on its ground. */
  REDACTION_MISSING_FOR_WITHHELD_PART: {
    message: (grounds: string) =>
      `部分公开的附件中，不予提供部分（${grounds}）没有对应的遮盖区域：请在附件上遮盖该部分，或修改办理意见后再审批`,
    params: ['grounds'],
    article: '条例第三十七条',
  },
  /** A redaction rests on a ground the proposal does not list as a withheld part. */
  REDACTION_GROUND_NOT_IN_PROPOSAL: {
    message: (grounds: string) =>
      `附件的遮盖区域所依据的理由（${grounds}）不是办理意见所列的不予提供部分：请删除该遮盖或在办理意见中写明该部分后再审批`,
    params: ['grounds'],
    article: '条例第三十七条',
  },
  /** Documents and redactions change only while the reply is being prepared (not in approval, not after the decision). */
  DOCUMENTS_LOCKED: {
    message: (stateLabel: string) => `案件处于“${stateLabel}”，附件和遮盖已不能更改（报批后须退回修改，决定后不能更改）`,
    params: ['stateLabel'],
  },

  // ---- 送达
  DELIVERY_BEFORE_DECISION: { message: '送达日期不得早于决定日期' },
  DELIVERY_METHOD_INVALID: { message: '送达方式无效' },
  RECIPIENT_REQUIRED: { message: '须写明受送达人' },

  // ---- 行政复议 / 行政诉讼 records
  REMEDY_FILED_ON_REQUIRED: { message: '须写明申请（起诉）日期' },
  REMEDY_RESULT_INVALID: { message: '结果须为维持、纠正、其他或尚未审结' },
  REMEDY_DECIDED_ON_INVALID: { message: '审结日期不正确' },
  LITIGATION_AFTER_RECONSIDERATION_REQUIRED: { message: '须说明是否经复议后起诉' },
} as const satisfies Record<string, RefusalEntry>;

export type RefusalCode = keyof typeof REFUSALS;
export const REFUSAL_CODES = Object.keys(REFUSALS) as RefusalCode[];

/** Template arguments of a code ([] for a fixed message). */
export type RefusalArgs<C extends RefusalCode> = (typeof REFUSALS)[C]['message'] extends (
  ...args: infer A
) => string
  ? A
  : [];

/** Build the refusal for a code (template arguments in the order of `params`). */
export function refusal<C extends RefusalCode>(
  code: C,
  ...args: RefusalArgs<C>
): Refusal & { code: C } {
  const entry: RefusalEntry = REFUSALS[code];
  const message =
    typeof entry.message === 'function' ? entry.message(...(args as string[])) : entry.message;
  return entry.article ? { code, message, article: entry.article } : { code, message };
}

export function isRefusalCode(s: string): s is RefusalCode {
  return Object.prototype.hasOwnProperty.call(REFUSALS, s);
}

/** HTTP status for a code: 409 for rule refusals (the event conflicts with the case). */
export function refusalHttpStatus(code: RefusalCode): number {
  const entry: RefusalEntry = REFUSALS[code];
  return entry.httpStatus ?? 409;
}

/** The message with `{param}` placeholders (for docs and clients). */
export function refusalTemplate(code: RefusalCode): string {
  const entry: RefusalEntry = REFUSALS[code];
  if (typeof entry.message === 'string') return entry.message;
  return entry.message(...(entry.params ?? []).map((p) => `{${p}}`));
}

/** Full docs/refusal-codes.md content. */
export function refusalCodesMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '# Refusal codes (拒绝办理代码)',
    '',
    'Generated from `src/domain/workflow/refusals.ts` (`REFUSALS`); test/unit/workflow/refusals.spec.ts checks it is current',
    '(regenerate with `UPDATE_REFUSALS=1 npx jest test/unit/workflow/refusals.spec.ts`).',
    '',
    'A refused case event carries `{ code, message, article? }`. Clients branch on `code` (stable);',
    '`message` is the Chinese text for users; `{name}` marks a variable part. `article` names the',
    'provision the rule rests on (条例 = 《中华人民共和国政府信息公开条例》); it is empty where the',
    "rule is the product's own (data checks, workflow order).",
    '',
    '| code | message | article | HTTP status |',
    '|---|---|---|---|',
    ...REFUSAL_CODES.map((code) => {
      const entry: RefusalEntry = REFUSALS[code];
      return `| \`${code}\` | ${cell(refusalTemplate(code))} | ${cell(entry.article ?? '')} | ${refusalHttpStatus(code)} |`;
    }),
    '',
  ].join('\n');
}
