import { isCaseHandler, isSelfApproval, mayActOnCase, mayReadCase, proposerOf, readsWholeAgency } from '../../../src/domain/workflow/access';
import { ACTION_EVENT, ROLE_ACTIONS, type CaseAction } from '../../../src/domain/workflow/actions';
import { AGENCY_ROLES } from '../../../src/domain/workflow/roles';

const A = 'dept-a';
const B = 'dept-b';
const user = (roles: string[], departmentId: string | null = A, id = 'u1') => ({ id, roles, departmentId });
const inA = { departmentId: A, assigneeId: null };
const inB = { departmentId: B, assigneeId: null };
const unassigned = { departmentId: null, assigneeId: null };
const ACTIONS = Object.keys(ACTION_EVENT) as CaseAction[];

describe('who reads and acts on a case (src/domain/workflow/access.ts)', () => {
  it('every agency role but the handler reads the whole agency; a handler only when the agency opens reads', () => {
    for (const r of AGENCY_ROLES) expect([r, readsWholeAgency(user([r]))]).toEqual([r, r !== 'handler']);
    expect(readsWholeAgency(user(['handler']), true)).toBe(true);
    expect(readsWholeAgency(user(['operator']), true)).toBe(false);
  });

  it('a handler reads the cases of their department and those assigned to them by name, nothing else', () => {
    const h = user(['handler']);
    expect(mayReadCase(h, inA)).toBe(true);
    expect(mayReadCase(h, inB)).toBe(false);
    expect(mayReadCase(h, unassigned)).toBe(false);
    expect(mayReadCase(h, { departmentId: B, assigneeId: 'u1' })).toBe(true);
    expect(mayReadCase(user(['handler'], null), inA)).toBe(false);
    expect(mayReadCase(user(['handler'], null), unassigned)).toBe(false);
    expect(mayReadCase(h, inB, true)).toBe(true);
    expect(isCaseHandler(user(['clerk']), inA)).toBe(false);
  });

  it("a handler's actions need the case to be theirs; an action another role of the user allows does not", () => {
    for (const action of ACTIONS) {
      const alsoApprovers = ROLE_ACTIONS.approver.includes(action);
      if (!ROLE_ACTIONS.handler.includes(action)) continue;
      expect([action, mayActOnCase(user(['handler']), action, inA)]).toEqual([action, true]);
      expect([action, mayActOnCase(user(['handler']), action, inB)]).toEqual([action, false]);
      // record-secrecy-review is also the approver's: an approver-handler reaches every case with it.
      expect([action, mayActOnCase(user(['handler', 'approver']), action, inB)]).toEqual([action, alsoApprovers]);
      // The same with the clerk's actions (record-good-reason), except 报批 of a reply: a clerk submits only a proposed closure.
      const clerkToo = ROLE_ACTIONS.clerk.includes(action);
      expect([action, mayActOnCase(user(['handler', 'clerk']), action, inB)]).toEqual([action, clerkToo && action !== 'submit-for-approval']);
    }
    expect(mayActOnCase(user(['clerk']), 'accept', inB)).toBe(true);
    // 视为放弃申请: the clerk submits the closure the system proposed, never a handler's reply.
    expect(mayActOnCase(user(['clerk']), 'submit-for-approval', unassigned, true)).toBe(true);
    expect(mayActOnCase(user(['clerk']), 'submit-for-approval', inB, false)).toBe(false);
    expect(mayActOnCase(user(['handler']), 'submit-for-approval', inA, true)).toBe(true);
    expect(mayActOnCase(user(['handler']), 'submit-for-approval', inB, true)).toBe(false);
    expect(mayActOnCase(user(['approver']), 'approve', inB)).toBe(true);
    expect(mayActOnCase(user(['operator'], null), 'accept', inA)).toBe(false);
  });

  it('nobody approves their own proposal', () => {
    expect(isSelfApproval('u1', 'u1')).toBe(true);
    expect(isSelfApproval('u1', 'u2')).toBe(false);
    expect(isSelfApproval(null, 'u1')).toBe(false);
    expect(isSelfApproval(undefined, 'u1')).toBe(false);
    // While a closure is proposed, its proposer is the one who submitted it, not the reply's handler.
    const reply = { outcome: 'not_exist' as const, basis: '—', proposedBy: 'u-handler', proposedOn: '2026-03-03' };
    expect(proposerOf({ proposal: reply })).toBe('u-handler');
    expect(proposerOf({ proposal: reply, closure: { ground: 'fee_unpaid', dueOn: '2026-03-30', lapsedOn: '2026-03-31', proposedBy: 'u-clerk' } })).toBe('u-clerk');
    expect(proposerOf({ proposal: null, closure: { ground: 'correction_overdue', dueOn: '2026-03-30', lapsedOn: '2026-03-31' } })).toBeNull();
  });
});
