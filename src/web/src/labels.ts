/** Chinese labels of the API's codes (the API keeps stable English codes). */
export { CASE_STATE_LABELS as STATE_LABELS } from '../../domain/worklist/state-labels';

/** The workflow drawn on the case page: 登记 → 受理 → 办理 → 审批 → 答复送达 → 归档. */
export const WORKFLOW_STEPS = ['登记', '受理', '办理', '审批', '答复送达', '归档'] as const;
export function workflowStepIndex(state: string): number {
  switch (state) {
    case 'awaitingConfirmation':
    case 'registered':
      return 0;
    case 'accepted':
    case 'awaitingCorrection':
      return 1;
    case 'closureProposed':
      return 2; // waits for a person to submit the proposed closure for approval
    case 'handling':
      return 2;
    case 'inApproval':
      return 3;
    case 'decided':
      return 4;
    case 'closed':
      return 5;
    case 'archived':
      return 6;
    default:
      return 0;
  }
}

export { CHANNEL_LABELS, APPLICANT_CATEGORY_LABELS as CATEGORY_LABELS } from '../../domain/intake/labels';
export const APPLICANT_TYPE_LABELS: Record<string, string> = { natural: '自然人', organisation: '法人或者其他组织' };
export const ID_TYPE_LABELS: Record<string, string> = {
  resident_id: '居民身份证',
  uscc: '统一社会信用代码',
  passport: '护照',
  other: '其他证件',
};
export const FORM_LABELS: Record<string, string> = { paper: '纸质', electronic: '电子' };
export const DELIVERY_LABELS: Record<string, string> = { post: '邮寄', pickup: '自行领取', email: '电子邮件', online: '网上获取' };
export const DELIVER_METHOD_LABELS: Record<string, string> = {
  in_person: '直接送达',
  post: '邮寄送达',
  email: '电子送达（电子邮件）',
  online: '电子送达（网上）',
  other_agency: '委托其他机关代为送达',
};

export const ROLE_LABELS: Record<string, string> = {
  admin: '系统管理员',
  clerk: '登记员',
  handler: '承办人',
  approver: '审批人',
  legal: '法制审核',
  office_head: '公开工作机构负责人',
  operator: '平台管理员',
};

export const ACTION_LABELS: Record<string, string> = {
  'confirm-receipt': '确认收件',
  accept: '受理',
  'request-correction': '告知补正',
  'receive-correction': '收到补正材料',
  assign: '分办（交承办部门）',
  'start-consultation': '征求意见',
  'close-consultation': '结束征求意见',
  'issue-fee-notice': '通知缴费',
  'record-payment': '登记缴费',
  extend: '延长答复期限',
  defer: '延迟答复',
  'record-secrecy-review': '登记保密审查',
  propose: '提出办理意见',
  'submit-for-approval': '报送审批',
  'request-reasons': '要求说明理由',
  'record-reasons': '登记申请理由',
  approve: '审批通过',
  return: '退回修改',
  deliver: '送达答复',
  withdraw: '申请人撤回',
  archive: '归档',
  'on-the-spot-reply': '当场答复',
  'record-reconsideration': '登记行政复议',
  'record-litigation': '登记行政诉讼',
  'record-letter-receipt': '登记文书收到日期',
  'record-good-reason': '登记正当理由（不视为放弃申请）',
  'close-lapsed': '登记逾期（拟视为放弃申请）',
};

export { EVENT_LABELS } from '../../domain/workflow/event-labels';

export const label = (map: Record<string, string>, code: string | null | undefined): string =>
  code == null ? '—' : (map[code] ?? code);
