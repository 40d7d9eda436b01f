/**
 * The fields of each case action's form, one entry per POST /cases/{id}/actions/<action> (its DTO in
 * src/modules/cases/dto.ts). The page offers only the actions the server lists in `allowedActions`;
 * the server checks every one again.
 */
import { OUTCOMES, WITHHELD_PART_GROUNDS } from '../../domain/outcomes/outcomes';
import { DELIVER_METHOD_LABELS } from './labels';

/** `parts`: the withheld parts of a partial disclosure, rows of {part, ground, reason, lawProvision}. */
export type FieldKind = 'text' | 'textarea' | 'number' | 'date' | 'select' | 'checkbox' | 'lines' | 'boolean' | 'parts';

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  /**
   * Fixed choices, or a list the page fills in: departments, proposable outcomes, open
   * consultations, notices whose receipt is not yet recorded.
   */
  options?: Record<string, string> | 'departments' | 'outcomes' | 'consultations' | 'notices';
  /** An optional choice's empty option (the server's default), e.g. “默认：按申请人选择的获取方式”. */
  blank?: string;
  hint?: string;
}

/** A key `a.b` is the field b of the object a in the request body. */
export const NOTICE_DELIVERY_LABELS = { in_person: '直接送达', electronic: '电子送达', post: '邮寄' };
const noticeDelivery = (dflt: string): FieldSpec => ({
  key: 'deliveryMethod',
  label: '送达方式',
  kind: 'select',
  options: NOTICE_DELIVERY_LABELS,
  blank: `默认（${dflt}）`,
  hint: '邮寄的，收到日期以妥投记录为准，登记收到日期后期限才起算',
});
const APPLICANT_DEFAULT = '按申请人选择的获取方式';

/** The grounds a withheld part may rest on, named as in the annual report (条例第14、15、16条; 第2、37条). */
export const WITHHELD_GROUND_LABELS: Record<string, string> = Object.fromEntries(
  WITHHELD_PART_GROUNDS.map((g) => [g, OUTCOMES.find((o) => o.code === g)?.label ?? g]),
);

const PROPOSAL_FIELDS: FieldSpec[] = [
  { key: 'outcome', label: '办理结果', kind: 'select', options: 'outcomes', required: true },
  { key: 'basis', label: '依据', kind: 'text', hint: '默认取办理结果对应的条款' },
  { key: 'reasons', label: '理由', kind: 'textarea' },
  { key: 'access', label: '获取方式、途径', kind: 'text', hint: '予以公开、已主动公开时填写' },
  { key: 'searchPerformed', label: '检索情况', kind: 'text', hint: '信息不存在时填写' },
  { key: 'competentAgency', label: '负责公开的行政机关', kind: 'text', hint: '非本机关负责公开时填写' },
  { key: 'competentAgencyContact', label: '该机关的联系方式', kind: 'text', hint: '非本机关负责公开时填写' },
  { key: 'noConsultationReason', label: '未征求第三方意见的理由', kind: 'text' },
  { key: 'lawProvision', label: '禁止公开的法律、行政法规条款', kind: 'text', hint: '其他法律行政法规禁止公开时填写，如《中华人民共和国统计法》第三十九条' },
  { key: 'withheldParts', label: '不予公开的部分', kind: 'parts', hint: '部分公开时逐项填写不予公开的内容、依据和理由' },
  {
    key: 'overrideGround',
    label: '第三方不同意而决定公开的理由类别',
    kind: 'select',
    options: { public_interest: '不公开可能对公共利益造成重大影响', objection_unfounded: '第三方不同意公开的理由不合理' },
    blank: '（第三方未反对）',
  },
  { key: 'overrideReason', label: '决定公开的具体理由', kind: 'textarea', hint: '第三方不同意公开而决定公开时必填，书面告知第三方（条例第32条）' },
  { key: 'disclosedContent', label: '决定公开的内容', kind: 'text', hint: '第三方不同意公开而决定公开时必填' },
  { key: 'earlierReply', label: '此前答复的文号', kind: 'text', hint: '重复申请时填写' },
  { key: 'earlierReplyDate', label: '此前答复的日期', kind: 'date', hint: '重复申请时填写' },
  { key: 'specialLaw', label: '有特别规定的法律、行政法规', kind: 'text', hint: '属于行政查询事项时填写（条例第36条第（七）项）' },
  { key: 'specialLawOffice', label: '依特别规定办理的机构', kind: 'text' },
  { key: 'channelHint', label: '信访、投诉、举报的办理渠道', kind: 'text', hint: '信访举报投诉类申请时填写' },
];

const REVIEW_RESULTS = { upheld: '维持', corrected: '纠正', other: '其他结果', pending: '尚未审结' };

export const ACTION_FIELDS: Record<string, FieldSpec[]> = {
  // 条例第31条第（三）项: confirmed now (the page sends the moment of the click as confirmedAt).
  'confirm-receipt': [],
  accept: [],
  'request-correction': [
    { key: 'items', label: '需要补正的事项（每行一项）', kind: 'lines', required: true },
    { key: 'periodWorkingDays', label: '补正期限（工作日）', kind: 'number', hint: '默认 15 个工作日' },
    noticeDelivery(APPLICANT_DEFAULT),
  ],
  'receive-correction': [],
  assign: [{ key: 'departmentId', label: '承办部门', kind: 'select', options: 'departments', required: true }],
  'start-consultation': [
    { key: 'party', label: '征求意见对象类别', kind: 'select', options: { thirdParty: '第三方', agency: '其他行政机关' }, required: true },
    { key: 'name', label: '征求意见对象名称', kind: 'text', required: true },
    {
      key: 'basis',
      label: '征求其他机关意见的依据',
      kind: 'select',
      options: {
        coProducer: '共同制作（条例第34条，逾期视为同意）',
        secrecyReferral: '报请有关主管部门或保密行政管理部门确定（条例第17条第三款，不设期限）',
        other: '其他需协商、确认的机关（条例第11条）',
      },
      blank: '（征求第三方意见时不填）',
    },
    noticeDelivery('邮寄'),
    { key: 'email', label: '对方电子邮箱', kind: 'text', hint: '填写则以电子邮件发送征求意见函（电子送达）' },
  ],
  'close-consultation': [
    { key: 'consultationId', label: '征求意见', kind: 'select', options: 'consultations', required: true },
    { key: 'result', label: '意见', kind: 'select', options: { agree: '同意公开', object: '不同意公开', noAnswer: '逾期未答复' }, required: true },
    { key: 'reasons', label: '理由', kind: 'textarea' },
  ],
  'issue-fee-notice': [
    { key: 'method', label: '计收方式', kind: 'select', options: { per_item: '按件计收', per_page: '按量计收' }, required: true },
    { key: 'items', label: '件数', kind: 'number', hint: '按件计收时填写，默认为登记的件数' },
    { key: 'pages', label: '页数', kind: 'number', hint: '按量计收时填写' },
    noticeDelivery(APPLICANT_DEFAULT),
  ],
  'record-payment': [{ key: 'receiptNumber', label: '收据编号', kind: 'text' }],
  extend: [
    { key: 'workingDays', label: '延长工作日数', kind: 'number', required: true, hint: '不超过 20 个工作日（条例第33条第二款）' },
    { key: 'reason', label: '延期理由', kind: 'textarea', required: true },
    noticeDelivery(APPLICANT_DEFAULT),
  ],
  defer: [
    { key: 'deferredTo', label: '延迟答复至', kind: 'date', required: true },
    { key: 'reason', label: '延迟理由', kind: 'textarea', required: true },
  ],
  'request-reasons': [],
  'record-reasons': [
    { key: 'reasonable', label: '申请理由是否合理', kind: 'boolean', required: true },
    { key: 'summary', label: '申请人说明的理由及认定意见', kind: 'textarea', required: true },
  ],
  'record-secrecy-review': [
    { key: 'conclusion', label: '审查结论', kind: 'select', options: { disclose: '可以公开', partial: '部分公开', withhold: '不予公开' }, required: true },
    { key: 'ground', label: '审查依据', kind: 'textarea', required: true },
    { key: 'withheldPart', label: '不予公开的部分', kind: 'text' },
  ],
  propose: PROPOSAL_FIELDS,
  'submit-for-approval': [],
  approve: [],
  return: [{ key: 'comments', label: '退回意见', kind: 'textarea', required: true }],
  deliver: [
    { key: 'method', label: '送达方式', kind: 'select', options: DELIVER_METHOD_LABELS, required: true },
    { key: 'recipient', label: '受送达人', kind: 'text', required: true },
    { key: 'trackingNumber', label: '邮件号', kind: 'text', hint: '邮寄送达时填写' },
    { key: 'carrier', label: '邮政企业', kind: 'text', hint: '邮寄送达时填写，默认“中国邮政”；以交邮之日为送达日期' },
    { key: 'signedBy', label: '签收人', kind: 'text', hint: '直接送达时填写' },
    { key: 'sentTo', label: '发送地址', kind: 'text', hint: '电子送达时填写' },
    { key: 'viaAgency', label: '代为送达的机关', kind: 'text' },
  ],
  withdraw: [],
  archive: [],
  'on-the-spot-reply': [
    ...PROPOSAL_FIELDS,
    {
      key: 'secrecyReview.conclusion',
      label: '保密审查结论',
      kind: 'select',
      options: { disclose: '可以公开', partial: '部分公开', withhold: '不予公开' },
      blank: '（不涉及公开时不填）',
      hint: '当场予以公开的，须先经保密审查（条例第17条）',
    },
    { key: 'secrecyReview.ground', label: '保密审查依据', kind: 'text' },
    { key: 'secrecyReview.withheldPart', label: '保密审查不予公开的部分', kind: 'text' },
  ],
  'record-letter-receipt': [
    { key: 'letterId', label: '文书', kind: 'select', options: 'notices', required: true },
    { key: 'receivedOn', label: '收件人收到之日', kind: 'date', required: true, hint: '以邮件妥投记录或签收日期为准' },
  ],
  'close-lapsed': [],
  'record-good-reason': [
    { key: 'reason', label: '申请人的正当理由', kind: 'textarea', required: true },
    { key: 'periodWorkingDays', label: '重新给予的补正期限（工作日）', kind: 'number', hint: '逾期未补正时可填，默认为原补正期限；逾期未缴费不填（重新计算20个工作日）' },
  ],
  'record-reconsideration': [
    { key: 'filedOn', label: '申请复议日期', kind: 'date', required: true },
    { key: 'result', label: '复议结果', kind: 'select', options: REVIEW_RESULTS, required: true },
    { key: 'decidedOn', label: '复议决定日期', kind: 'date' },
  ],
  'record-litigation': [
    { key: 'filedOn', label: '起诉日期', kind: 'date', required: true },
    { key: 'result', label: '诉讼结果', kind: 'select', options: REVIEW_RESULTS, required: true },
    { key: 'decidedOn', label: '判决日期', kind: 'date' },
    { key: 'afterReconsideration', label: '经行政复议后起诉', kind: 'checkbox' },
  ],
};

/** One withheld part as the form holds it. */
export interface PartRow {
  part: string;
  ground: string;
  reason: string;
  lawProvision: string;
}

/** A dotted key (`secrecyReview.ground`) is set on the nested object. */
function put(body: Record<string, unknown>, key: string, v: unknown) {
  const [head, ...rest] = key.split('.');
  if (!rest.length) body[head] = v;
  else put((body[head] ??= {}) as Record<string, unknown>, rest.join('.'), v);
}

/** The request body of an action form: empty fields left out, numbers, lists and parts converted. */
export function actionBody(fields: FieldSpec[], values: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.key];
    if (f.kind === 'parts') {
      const rows = ((v as PartRow[] | undefined) ?? [])
        .map((r) => ({ part: r.part.trim(), ground: r.ground, reason: r.reason.trim(), lawProvision: r.lawProvision.trim() }))
        .filter((r) => r.part || r.reason || r.lawProvision);
      if (rows.length) body[f.key] = rows.map(({ lawProvision, ...r }) => (lawProvision ? { ...r, lawProvision } : r));
      continue;
    }
    if (f.kind === 'checkbox') {
      if (v) body[f.key] = true;
      else if (f.key === 'afterReconsideration') body[f.key] = false;
      continue;
    }
    if (v === undefined || v === null || (typeof v === 'string' && !v.trim())) continue;
    if (f.kind === 'number') put(body, f.key, Number(v));
    else if (f.kind === 'boolean') put(body, f.key, v === 'true');
    else if (f.kind === 'lines')
      put(
        body,
        f.key,
        String(v)
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
      );
    else put(body, f.key, typeof v === 'string' ? v.trim() : v);
  }
  return body;
}
