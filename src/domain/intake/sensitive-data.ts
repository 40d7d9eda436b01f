/**
 * The applicant's identity number and phone (条例第29条 collects them) are personal information:
 * every view shows them masked, and only the people who need the full values may see them, each
 * time on the record (《个人信息保护法》第五十一条：采取去标识化等安全技术措施，合理确定个人信息
 * 处理的操作权限). One home for the masks and for who may reveal. Pure TypeScript.
 */
import { isCaseHandler } from '../workflow/access';
import type { Role } from '../workflow/roles';

/** Keeps the first `keepStart` and the last `keepEnd` characters; a value too short to keep anything is all stars. */
function maskMiddle(s: string, keepStart: number, keepEnd: number): string {
  const t = s.trim();
  if (t.length <= keepStart + keepEnd) return '*'.repeat(t.length);
  return t.slice(0, keepStart) + '*'.repeat(t.length - keepStart - keepEnd) + t.slice(t.length - keepEnd);
}

/** Mask an ID number for views and logs: keep the first 3 and the last 4 characters (110***********123X). */
export function maskIdNumber(s: string, keepStart = 3, keepEnd = 4): string {
  return maskMiddle(s, keepStart, keepEnd);
}

/** Mask a phone number: keep the first 3 and the last 4 characters (138****5678). */
export function maskPhone(s: string): string {
  return maskMiddle(s, 3, 4);
}

/** The applicant fields that views mask and a reveal shows in full. */
export const SENSITIVE_APPLICANT_FIELDS = ['idNumber', 'phone'] as const;
export type SensitiveApplicantField = (typeof SENSITIVE_APPLICANT_FIELDS)[number];

/**
 * The applicant as every view shows it: identity number and phone masked, the rest as registered.
 * Masking a masked applicant changes nothing (a stored answer may be masked already).
 */
export function maskApplicant<T extends { idNumber?: string | null; phone?: string | null }>(a: T): T {
  if (!a) return a;
  return {
    ...a,
    ...(typeof a.idNumber === 'string' ? { idNumber: maskIdNumber(a.idNumber) } : {}),
    ...(typeof a.phone === 'string' && a.phone !== '' ? { phone: maskPhone(a.phone) } : {}),
  };
}

/** Roles that may reveal the full values of any case of their agency: intake (登记员) and legal audit (法制审核). */
export const REVEAL_ROLES: readonly Role[] = ['clerk', 'legal'];

/**
 * Whether the user may see the applicant's full identity number and phone of this case: a clerk or
 * legal staff always; a handler only on a case of their department or assigned to them.
 */
export function mayRevealApplicant(
  user: { id: string; roles: readonly string[]; departmentId: string | null },
  c: { departmentId: string | null; assigneeId: string | null },
): boolean {
  if (REVEAL_ROLES.some((r) => user.roles.includes(r))) return true;
  return isCaseHandler(user, c);
}

/** The message of a refused reveal. */
export const REVEAL_REFUSED_MESSAGE = '只有登记员、法制审核人员和本案的承办人可以查看申请人完整的身份证明号码和联系电话';
