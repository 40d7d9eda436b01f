/** Roles (README: 角色). A user holds one or more. */
export const ROLES = ['admin', 'clerk', 'handler', 'approver', 'legal'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  clerk: '登记员（登记、受理、送达）',
  handler: '承办人',
  approver: '审批人',
  legal: '法制审核',
};
