/**
 * What a case's state is called in the worklist, its CSV export and the web UI (a status, where
 * src/domain/workflow/case.ts STATE_LABELS names the step). No imports: the web UI shares it.
 */
export const CASE_STATE_LABELS: Readonly<Record<string, string>> = {
  // 网上申请，待工作机构确认（条例第三十一条第（三）项：以双方确认之日为收到申请之日）
  awaitingConfirmation: '待确认',
  registered: '已登记（待受理）',
  accepted: '已受理',
  awaitingCorrection: '待补正',
  // 补正期限届满：拟视为放弃申请，待报批（条例第三十条）
  closureProposed: '拟视为放弃申请',
  handling: '办理中',
  inApproval: '报批中',
  decided: '已决定（待送达）',
  closed: '已办结',
  archived: '已归档',
};
