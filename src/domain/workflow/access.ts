/**
 * Who may read and act on a case (内部控制): separation of duties inside an agency.
 *
 * The 条例 makes the agency answer (第三十三条) and asks it to build its own procedures for
 * handling requests (第四条: 建立健全本行政机关的政府信息公开工作制度); who in the agency may do
 * what is that procedure, not an article. The rules here:
 * - a 承办人 reads and acts on the cases of their own department, or assigned to them by name;
 *   the agency may open reads (never actions) to every handler by a setting;
 * - every other role of the agency reads all of its cases: the 登记员 (intake and delivery), the
 *   审批人, the 法制审核, the 政府信息公开工作机构负责人, the 系统管理员;
 * - an action a user may take only as 承办人 needs the case to be theirs in that sense; 报批 of a
 *   reply is such an action, while a closure the system proposed (视为放弃申请) is submitted by a clerk
 *   or by the case's 承办人;
 * - nobody approves a reply they proposed themselves (审批与承办分离).
 * Pure data and functions; the HTTP layer maps a `false` to 403 and a self-approval to 409.
 */
import { ROLE_ACTIONS, type CaseAction } from './actions';
import type { Role } from './roles';
import type { CaseContext } from './types';

/** The roles that read every case of their agency. */
export const AGENCY_WIDE_ROLES: readonly Role[] = ['admin', 'clerk', 'approver', 'legal', 'office_head'];

/** The user as far as access goes. */
export interface CaseReader {
  id: string;
  roles: readonly string[];
  departmentId: string | null;
}

/** The case as far as access goes: where it is being handled. */
export interface CaseAssignment {
  departmentId: string | null;
  assigneeId: string | null;
}

/** Whether the user reads every case of the agency (by role, or as a handler when the agency opens reads). */
export function readsWholeAgency(user: CaseReader, handlersReadAll = false): boolean {
  if (user.roles.some((r) => (AGENCY_WIDE_ROLES as readonly string[]).includes(r))) return true;
  return handlersReadAll && user.roles.includes('handler');
}

/** Whether the case is the user's to handle: assigned to their department, or to them by name. */
export function isCaseHandler(user: CaseReader, c: CaseAssignment): boolean {
  if (!user.roles.includes('handler')) return false;
  if (c.assigneeId !== null && c.assigneeId === user.id) return true;
  return c.departmentId !== null && user.departmentId !== null && c.departmentId === user.departmentId;
}

/** Whether the user may read the case (detail, history, letters). */
export function mayReadCase(user: CaseReader, c: CaseAssignment, handlersReadAll = false): boolean {
  return readsWholeAgency(user, handlersReadAll) || isCaseHandler(user, c);
}

/**
 * Whether the user may take the action on this case: one of the roles that allow the action
 * reaches every case of the agency, or the action is a handler's and the case is theirs.
 * (Whether the role allows the action at all is checked before this; false here means "not yours".)
 */
export function mayActOnCase(user: CaseReader, action: CaseAction, c: CaseAssignment, closureProposed = false): boolean {
  const by = user.roles.filter(
    (r) =>
      (ROLE_ACTIONS as Record<string, readonly CaseAction[]>)[r]?.includes(action) &&
      // A clerk submits only a closure the system proposed (视为放弃申请); a reply goes to approval by
      // its 承办人, so a clerk who is also a handler submits a reply only on a case that is theirs.
      !(r === 'clerk' && action === 'submit-for-approval' && !closureProposed),
  );
  if (by.some((r) => r !== 'handler')) return true;
  return by.includes('handler') && isCaseHandler(user, c);
}

/**
 * Who proposed what is (or goes) under approval: while a closure (视为放弃申请) is proposed, the
 * person who submitted it; otherwise the handler who proposed the reply.
 */
export function proposerOf(ctx: Pick<CaseContext, 'closure' | 'proposal'>): string | null {
  if (ctx.closure) return ctx.closure.proposedBy ?? null;
  return ctx.proposal?.proposedBy ?? null;
}

/** 审批与承办分离: the user who proposed the reply (or closure) under approval may not approve it. */
export function isSelfApproval(proposedBy: string | null | undefined, approverId: string): boolean {
  return !!proposedBy && proposedBy === approverId;
}
