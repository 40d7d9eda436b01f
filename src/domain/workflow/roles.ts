/**
 * Roles (角色). A user holds one or more; what each may do is ROLE_ACTIONS (actions.ts).
 * 登记员 logs and accepts requests and delivers replies; 承办人 drafts the reply (提出办理意见);
 * 审批人 approves it (报批); 政府信息公开工作机构负责人 agrees to extensions (条例第三十三条第二款:
 * 延长答复期限的，应当经政府信息公开工作机构负责人同意); 法制审核 audits closed cases;
 * 系统管理员 keeps the agency's settings, users and calendar.
 */
export const ROLES = ['admin', 'clerk', 'handler', 'approver', 'legal', 'office_head', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The roles an agency's admin gives its users. `operator` (平台管理员) is not one of them: the
 * platform operator stands outside every agency (no agency, only that role), keeps the national
 * holiday calendar and creates agencies with their first admin; it reads no agency's cases.
 */
export const AGENCY_ROLES = ['admin', 'clerk', 'handler', 'approver', 'legal', 'office_head'] as const;
export type AgencyRole = (typeof AGENCY_ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  clerk: '登记员（登记、受理、送达）',
  handler: '承办人',
  approver: '审批人',
  legal: '法制审核',
  office_head: '政府信息公开工作机构负责人',
  operator: '平台管理员',
};
