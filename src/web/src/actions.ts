/**
 * The fields of each case action's form, one entry per POST /cases/{id}/actions/<action> (its DTO in
 * src/modules/cases/dto.ts). The page offers only the actions the server lists in `allowedActions`;
 * the server checks every one again.
 */
import { DELIVER_METHOD_LABELS } from './labels';

export type FieldKind = 'text' | 'textarea' | 'number' | 'date' | 'select' | 'checkbox' | 'lines' | 'boolean';

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  /** Fixed choices, or a list the page fills in: departments, proposable outcomes, open consultations. */
  options?: Record<string, string> | 'departments' | 'outcomes' | 'consultations';
  hint?: string;
}

const PROPOSAL_FIELDS: FieldSpec[] = [
  { key: 'outcome', label: '办理结果', kind: 'select', options: 'outcomes', required: true },
  { key: 'basis', label: '依据', kind: 'text', hint: '默认取办理结果对应的条款' },
  { key: 'reasons', label: '理由', kind: 'textarea' },
  { key: 'access', label: '获取方式、途径', kind: 'text', hint: '予以公开、已主动公开时填写' },
  { key: 'searchPerformed', label: '检索情况', kind: 'text', hint: '信息不存在时填写' },
  { key: 'competentAgency', label: '负责公开的行政机关', kind: 'text', hint: '非本机关负责公开时填写' },
  { key: 'noConsultationReason', label: '未征求第三方意见的理由', kind: 'text' },
];

const REVIEW_RESULTS = { upheld: '维持', corrected: '纠正', other: '其他结果', pending: '尚未审结' };

export const ACTION_FIELDS: Record<string, FieldSpec[]> = {
  // 条例第31条第（三）项: confirmed now (the page sends the moment of the click as confirmedAt).
  'confirm-receipt': [],
  accept: [],
  'request-correction': [
    { key: 'items', label: '需要补正的事项（每行一项）', kind: 'lines', required: true },
    { key: 'periodWorkingDays', label: '补正期限（工作日）', kind: 'number', hint: '默认 15 个工作日' },
  ],
  'receive-correction': [],
  assign: [{ key: 'departmentId', label: '承办部门', kind: 'select', options: 'departments', required: true }],
  'start-consultation': [
    { key: 'party', label: '征求意见对象类别', kind: 'select', options: { thirdParty: '第三方', agency: '其他行政机关' }, required: true },
    { key: 'name', label: '征求意见对象名称', kind: 'text', required: true },
    { key: 'secrecyReferral', label: '报请保密行政管理部门确定（条例第17条）', kind: 'checkbox' },
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
  ],
  'record-payment': [{ key: 'receiptNumber', label: '收据编号', kind: 'text' }],
  extend: [
    { key: 'workingDays', label: '延长工作日数', kind: 'number', required: true, hint: '不超过 20 个工作日（条例第33条第二款）' },
    { key: 'reason', label: '延期理由', kind: 'textarea', required: true },
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
    { key: 'signedBy', label: '签收人', kind: 'text', hint: '直接送达时填写' },
    { key: 'sentTo', label: '发送地址', kind: 'text', hint: '电子送达时填写' },
    { key: 'viaAgency', label: '代为送达的机关', kind: 'text' },
  ],
  withdraw: [],
  archive: [],
  'on-the-spot-reply': PROPOSAL_FIELDS,
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

/** The request body of an action form: empty fields left out, numbers and lists converted. */
export function actionBody(fields: FieldSpec[], values: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.key];
    if (f.kind === 'checkbox') {
      if (v) body[f.key] = true;
      else if (f.key === 'afterReconsideration') body[f.key] = false;
      continue;
    }
    if (v === undefined || v === null || (typeof v === 'string' && !v.trim())) continue;
    if (f.kind === 'number') body[f.key] = Number(v);
    else if (f.kind === 'boolean') body[f.key] = v === 'true';
    else if (f.kind === 'lines')
      body[f.key] = String(v)
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
    else body[f.key] = typeof v === 'string' ? v.trim() : v;
  }
  return body;
}
