import type { Role } from '../../domain/workflow/roles';

/** 用户 of one agency, as the API shows it (never the password hash). */
export interface User {
  id: string;
  agencyId: string;
  departmentId: string | null;
  username: string;
  displayName: string;
  roles: Role[];
  active: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
  passwordChangedAt: Date | null;
  createdAt: Date;
}
