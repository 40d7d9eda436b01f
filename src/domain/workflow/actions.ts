/**
 * API action names (kebab-case) → event types, the role map, and the allowed
 * actions of a user on a case: role permits it AND snapshot.can(representative event).
 * Representative events are minimal valid payloads built from the context, so
 * guards that depend on the context (open consultations, unpaid fee, current
 * approver, once-only) are evaluated truly; payload-only guards are assumed satisfiable.
 */
import type { Role } from './roles';
import type { CaseSnapshot } from './case';
import { noticesOf } from './notices';
import { openConsultations } from './rules';
import type { CaseEvent, CaseEventType, EventBase } from './types';

export const ACTION_EVENT = {
  // 条例第31条第（三）项: the office confirms an online application; its date is the receipt date.
  'confirm-receipt': 'CONFIRM_RECEIPT',
  accept: 'ACCEPT',
  'request-correction': 'REQUEST_CORRECTION',
  'receive-correction': 'RECEIVE_CORRECTION',
  assign: 'ASSIGN',
  'start-consultation': 'START_CONSULTATION',
  'close-consultation': 'CLOSE_CONSULTATION',
  'issue-fee-notice': 'ISSUE_FEE_NOTICE',
  'record-payment': 'RECORD_PAYMENT',
  extend: 'EXTEND',
  defer: 'DEFER',
  'request-reasons': 'REQUEST_REASONS',
  'record-reasons': 'RECORD_REASONS',
  'record-secrecy-review': 'RECORD_SECRECY_REVIEW',
  propose: 'PROPOSE',
  'submit-for-approval': 'SUBMIT_FOR_APPROVAL',
  approve: 'APPROVE',
  return: 'RETURN',
  deliver: 'DELIVER',
  withdraw: 'WITHDRAW',
  archive: 'ARCHIVE',
  'record-reconsideration': 'RECORD_RECONSIDERATION',
  'record-litigation': 'RECORD_LITIGATION',
  'on-the-spot-reply': 'ON_THE_SPOT_REPLY',
  'record-letter-receipt': 'RECORD_LETTER_RECEIPT',
  // 正当理由 against a proposed closure (条例第30条): the period runs again from that day.
  'record-good-reason': 'RECORD_GOOD_REASON',
  // 视为放弃申请: a person records that the applicant's period ran out where the timer did not.
  'close-lapsed': 'CLOSE_LAPSED',
} as const satisfies Record<string, CaseEventType>;

export type CaseAction = keyof typeof ACTION_EVENT;
export const CASE_ACTIONS = Object.keys(ACTION_EVENT) as CaseAction[];

/** System events (timers from PostgreSQL); no user action maps to them. */
export const SYSTEM_EVENTS: readonly CaseEventType[] = [
  'CORRECTION_PERIOD_LAPSED',
  'CONSULTATION_EXPIRED',
  'FEE_PERIOD_LAPSED',
];

/**
 * System events no longer sent, kept in the machine with their old meaning so that the histories
 * recorded with them still replay: until legal review finding 7 the timers closed a case at once
 * (逾期不补正 / 逾期未缴费) without a person's decision.
 */
export const LEGACY_SYSTEM_EVENTS: readonly CaseEventType[] = ['CORRECTION_PERIOD_EXPIRED', 'FEE_PERIOD_EXPIRED'];


export const ROLE_ACTIONS: Readonly<Record<Role, readonly CaseAction[]>> = {
  clerk: [
    'confirm-receipt',
    'accept',
    'request-correction',
    'receive-correction',
    'assign',
    // 视为放弃申请: the clerk submits the proposed closure (a reply is submitted by its handler, rules.ts)
    // or records the applicant's good reason (条例第30条).
    'submit-for-approval',
    'record-good-reason',
    'close-lapsed',
    'deliver',
    'withdraw',
    'archive',
    'on-the-spot-reply',
    'record-reconsideration',
    'record-litigation',
    // 条例第30、32、34条; 109号: the day a posted notice reached its recipient (delivery record).
    'record-letter-receipt',
  ],
  handler: [
    'start-consultation',
    'close-consultation',
    'issue-fee-notice',
    'record-payment',
    'record-secrecy-review',
    'propose',
    'submit-for-approval',
    // 条例第三十五条: 要求申请人说明理由, and record the reasons given with the agency's view
    'request-reasons',
    'record-reasons',
    'record-letter-receipt',
    // 逾期未缴费: the handler who issued the fee notice may record the good reason too, or the lapse.
    'record-good-reason',
    'close-lapsed',
  ],
  approver: ['approve', 'return', 'defer', 'record-secrecy-review'],
  legal: ['record-reconsideration', 'record-litigation'],
  // 条例第三十三条第二款: 延长答复期限的，应当经政府信息公开工作机构负责人同意 — only the head of
  // the disclosure office extends (the extension records who agreed).
  office_head: ['extend'],
  admin: [],
  operator: [],
};

export function isCaseAction(s: string): s is CaseAction {
  return Object.prototype.hasOwnProperty.call(ACTION_EVENT, s);
}

export function roleAllows(roles: readonly string[], action: CaseAction): boolean {
  return roles.some((r) =>
    (ROLE_ACTIONS as Record<string, readonly CaseAction[]>)[r]?.includes(action),
  );
}

export interface CaseUser {
  id: string;
  roles: string[];
}

/** A minimal valid event for the action in this snapshot. */
export function representativeEvent(
  snapshot: CaseSnapshot,
  action: CaseAction,
  user: CaseUser,
  on: string,
): CaseEvent {
  const ctx = snapshot.context;
  const base: EventBase = { on, actorId: user.id, actorRoles: user.roles };
  const type = ACTION_EVENT[action];
  switch (type) {
    case 'CONFIRM_RECEIPT':
      return { type, ...base, confirmedAt: `${on}T12:00:00+08:00` };
    case 'REQUEST_CORRECTION':
      return { type, ...base, items: ['—'], periodWorkingDays: 15 };
    case 'ASSIGN':
      return { type, ...base, departmentId: ctx.assignment?.departmentId ?? '—' };
    case 'START_CONSULTATION':
      return {
        type,
        ...base,
        consultationId: `__probe_${ctx.consultations.length}`,
        party: 'thirdParty',
        name: '—',
      };
    case 'CLOSE_CONSULTATION':
      return {
        type,
        ...base,
        consultationId: openConsultations(ctx)[0]?.id ?? '',
        result: 'agree',
      };
    case 'ISSUE_FEE_NOTICE':
      return { type, ...base, method: 'per_page', amount: 1 };
    case 'EXTEND':
      return { type, ...base, workingDays: 1, reason: '—', approvedBy: user.id, replyDue: on };
    case 'DEFER':
      return { type, ...base, deferredTo: '9999-12-31', reason: '—', replyDue: on };
    case 'RECORD_REASONS':
      return { type, ...base, reasonable: true, summary: '—' };
    case 'RECORD_SECRECY_REVIEW':
      return { type, ...base, conclusion: 'withhold', ground: '—', reviewer: user.id };
    case 'PROPOSE':
      return { type, ...base, outcome: 'not_exist', reasons: '—' };
    case 'SUBMIT_FOR_APPROVAL':
      return { type, ...base, chain: [{ step: '—' }] };
    case 'RETURN':
      return { type, ...base, comments: '—' };
    case 'DELIVER':
      return { type, ...base, method: 'in_person', recipient: '—' };
    case 'RECORD_RECONSIDERATION':
      return { type, ...base, filedOn: on, result: 'pending' };
    case 'RECORD_LITIGATION':
      return { type, ...base, filedOn: on, result: 'pending', afterReconsideration: false };
    case 'ON_THE_SPOT_REPLY':
      return { type, ...base, outcome: 'already_public', reasons: '—' };
    case 'RECORD_LETTER_RECEIPT': {
      // Offered while a posted notice of a matter still open awaits its delivery record.
      const n = noticesOf(ctx).find((x) => x.awaitingReceipt && x.pending);
      return {
        type,
        ...base,
        letterId: '—',
        letterType: n?.letterType ?? '—',
        letterIssuedOn: n?.sentOn ?? on,
        ...(n?.consultationId ? { consultationId: n.consultationId } : {}),
        receivedOn: n && n.sentOn > on ? n.sentOn : on,
      };
    }
    case 'RECORD_GOOD_REASON':
      return { type, ...base, reason: '—', periodWorkingDays: ctx.correction?.periodWorkingDays ?? 1, dueOn: '9999-12-31' };
    case 'CLOSE_LAPSED': {
      // Offered while a period runs; the server computes its end and refuses it before then.
      const correction = !!ctx.correction && !ctx.correction.receivedOn;
      return { type, ...base, ground: correction ? 'correction_overdue' : 'fee_unpaid', dueOn: '2000-01-01' };
    }
    default:
      return { type, ...base } as CaseEvent;
  }
}

/** Actions the user may take now: role permits it AND the machine accepts a representative event. */
export function allowedActions(snapshot: CaseSnapshot, user: CaseUser, on: string): CaseAction[] {
  return CASE_ACTIONS.filter(
    (a) => roleAllows(user.roles, a) && snapshot.can(representativeEvent(snapshot, a, user, on)),
  );
}
