/**
 * The one place where the cases module meets the pure statechart (src/domain/workflow):
 * persisted snapshot ⇄ machine snapshot, context → clock input, the case's summary.
 * API action + DTO → machine event is the action handlers' (command-handlers.ts).
 * No rule lives here: guards are the machine's, periods the clock's, amounts the fee module's.
 */
import { toShanghaiDate, type WorkingCalendar } from '../../domain/calendar';
import { consultationBasisOf, type ClockInput, type ClockResult } from '../../domain/deadlines';
import type { ReplyRecord } from '../../domain/letters/case-letters';
import { noticesOf, type LetterOfHistory } from '../../domain/workflow/notices';
import { isSelfApproval, mayActOnCase, proposerOf, type CaseAssignment } from '../../domain/workflow/access';
import {
  ACTION_EVENT,
  allowedActions,
  applyEvent,
  CaseAction,
  CaseContext,
  CaseEvent,
  persistCase,
  restoreCase,
  ROLE_ACTIONS,
  startCase,
  startOnlineApplication,
  stateKey,
  substates,
} from '../../domain/workflow';
import { AuthUser } from '../../platform/auth/auth-user';
import type { Role } from '../../domain/workflow/roles';
import type { DerivedColumns } from './case.repository';
import type { TimerDue } from './case-timer.repository';

export type ActionName = CaseAction;

/** Roles that may send each action (from the statechart module's role map). */
export const ACTION_ROLES: Record<ActionName, Role[]> = Object.fromEntries(
  (Object.keys(ACTION_EVENT) as ActionName[]).map((a) => [
    a,
    (Object.keys(ROLE_ACTIONS) as Role[]).filter((r) => ROLE_ACTIONS[r].includes(a)),
  ]),
) as Record<ActionName, Role[]>;

export function initialSnapshot(input: { caseId: string; receiptDate: string }) {
  const snap = startCase({ caseId: input.caseId, receivedOn: input.receiptDate });
  return { snapshot: persistCase(snap), state: stateKey(snap) };
}

/** An online application as submitted: awaiting the office's confirmation (条例第31条第（三）项). */
export function onlineApplicationSnapshot(input: { caseId: string; arrivedOn: string }) {
  const snap = startOnlineApplication(input);
  return { snapshot: persistCase(snap), state: stateKey(snap) };
}

/**
 * The clock of an online application before its confirmation: not received in law yet (条例第31条
 * 第（三）项), so no period runs and there is no deadline (correctionNoticeDue is empty).
 */
export function clockNotStarted(): ClockResult {
  return {
    correctionNoticeDue: '',
    replyDue: null,
    statutoryReplyDue: null,
    replyClockStart: null,
    provisional: false,
    remainingWorkingDays: null,
    overdue: false,
    ledger: [],
    applicantCorrectionDue: null,
    applicantCorrectionAwaitingReceipt: false,
    consultationDues: [],
    feePaymentDues: [],
    pausedWorkingDays: 0,
  };
}

export function contextOf(persisted: unknown): CaseContext {
  return restoreCase(persisted).context;
}

export type TransitionResult =
  | { ok: true; snapshot: unknown; state: string }
  | { ok: false; reason: string; refusal: { code: string; message: string; article?: string } };

export function transitionCase(persisted: unknown, event: CaseEvent): TransitionResult {
  const r = applyEvent(restoreCase(persisted), event);
  if (!r.changed) {
    const refusal = r.refusal ?? { code: 'ACTION_NOT_AVAILABLE_IN_STATE', message: r.reason ?? '当前状态下不能执行此操作' };
    return { ok: false, reason: refusal.message, refusal };
  }
  return { ok: true, snapshot: persistCase(r.snapshot), state: stateKey(r.snapshot) };
}

export function allowedActionsFor(
  persisted: unknown,
  user: AuthUser,
  today: string,
  deadlines: { replyDue: string | null; correctionNoticeDue: string },
  assignment: CaseAssignment,
): ActionName[] {
  const ctx = restoreCase(persisted).context;
  const proposedBy = proposerOf(ctx);
  // 条例第33条第二款: an extension is decided before the reply deadline; 条例第30条: a correction
  // notice goes out by correctionNoticeDue. The machine checks the dates carried by the events, so
  // the offer is narrowed with the clock's deadlines here.
  return allowedActions(restoreCase(persisted), { id: user.id, roles: user.roles }, today).filter(
    (a) =>
      (a !== 'extend' || (deadlines.replyDue !== null && today <= deadlines.replyDue)) &&
      // 条例第35条: a deferral too is decided before the 第33条 deadline.
      (a !== 'defer' || (deadlines.replyDue !== null && today <= deadlines.replyDue)) &&
      (a !== 'request-correction' || today <= deadlines.correctionNoticeDue) &&
      // Separation of duties: a handler acts on their department's cases; nobody approves their own proposal.
      mayActOnCase(user, a, assignment, !!ctx.closure) &&
      (a !== 'approve' || !isSelfApproval(proposedBy, user.id)),
  );
}

/** The clock's input from the case context (the same clock /clock/preview uses). */
export function clockInputFor(persisted: unknown, receiptDate: string, asOf: string, feePausesClock: boolean): ClockInput {
  const ctx = contextOf(persisted);
  // A closed case is judged on the day it closed (a late reply stays late).
  const at = ctx.closedOn && ctx.closedOn < asOf ? ctx.closedOn : asOf;
  return {
    receiptDate,
    // 条例第30、32、34条; 109号: the periods run from the recipient's receipt; a posted notice whose
    // delivery is not recorded yet awaits it (notices recorded before the method was kept count from the day sent).
    correction: ctx.correction
      ? {
          requestedOn: ctx.correction.requestedOn,
          receivedOn: ctx.correction.receivedOn ?? null,
          periodWorkingDays: ctx.correction.periodWorkingDays,
          noticeReceivedOn: ctx.correction.noticeReceivedOn ?? null,
          noticeAwaitingReceipt: ctx.correction.deliveryMethod === 'post' && !ctx.correction.noticeReceivedOn,
          reopenedOn: ctx.correction.reopenedOn ?? null,
        }
      : null,
    consultations: ctx.consultations.map((c) => ({
      id: c.id,
      party: c.party,
      basis: c.basis ?? null,
      name: c.name,
      sentOn: c.sentOn,
      receivedOn: c.receivedOn ?? null,
      awaitingReceipt: c.deliveryMethod === 'post' && !c.receivedOn,
      closedOn: c.closedOn ?? null,
    })),
    feePeriods: ctx.fee
      ? [
          {
            noticeOn: ctx.fee.noticeOn,
            receivedOn: ctx.fee.receivedOn ?? null,
            awaitingReceipt: ctx.fee.deliveryMethod === 'post' && !ctx.fee.receivedOn,
            paidOn: ctx.fee.paidOn ?? (ctx.closedOn ?? null),
            reopenedOn: ctx.fee.reopenedOn ?? null,
          },
        ]
      : [],
    extensionWorkingDays: ctx.extension?.workingDays ?? null,
    deferredTo: ctx.deferral?.deferredTo ?? null,
    asOf: at,
    feePausesClock,
  };
}

export interface CaseSummary {
  state: string;
  /** An online application awaiting the office's confirmation (条例第31条第（三）项): no clock runs. */
  awaitingConfirmation: boolean;
  closed: boolean;
  decided: boolean;
  awaitingCorrection: boolean;
  consulting: boolean;
  awaitingFee: boolean;
  /** A closure (视为放弃申请) is proposed and awaits a person's decision. */
  closureProposed: boolean;
  work: string | null;
  departmentId: string | null;
  assigneeId: string | null;
  outcome: string | null;
  closedOn: string | null;
  closeReason: string | null;
  extension: CaseContext['extension'];
  deferral: CaseContext['deferral'];
  reasonsInquiry: NonNullable<CaseContext['reasonsInquiry']> | null;
  correction: CaseContext['correction'];
  fee: CaseContext['fee'];
  secrecyReviews: CaseContext['secrecyReviews'];
  proposal: CaseContext['proposal'];
  decision: CaseContext['decision'];
  approvalChain: CaseContext['approvalChain'];
  approvals: CaseContext['approvals'];
  returns: CaseContext['returns'];
  delivery: CaseContext['delivery'];
  reconsiderations: CaseContext['reconsiderations'];
  litigations: CaseContext['litigations'];
  closure: NonNullable<CaseContext['closure']> | null;
  goodReasons: NonNullable<CaseContext['goodReasons']>;
}

export function summaryOf(persisted: unknown): CaseSummary {
  const snap = restoreCase(persisted);
  const ctx = snap.context;
  const key = stateKey(snap);
  const sub = substates(snap);
  return {
    state: key,
    awaitingConfirmation: key === 'awaitingConfirmation',
    closed: key === 'closed' || key === 'archived',
    decided: key === 'decided' || key === 'closed' || key === 'archived',
    awaitingCorrection: key === 'awaitingCorrection',
    consulting: sub.consulting,
    awaitingFee: sub.awaitingFee,
    closureProposed: sub.closureProposed,
    work: sub.work,
    departmentId: ctx.assignment?.departmentId ?? null,
    assigneeId: ctx.assignment?.assigneeId ?? null,
    outcome: ctx.outcome ?? null,
    closedOn: ctx.closedOn ?? null,
    closeReason: ctx.closeReason ?? null,
    extension: ctx.extension,
    deferral: ctx.deferral,
    reasonsInquiry: ctx.reasonsInquiry ?? null,
    correction: ctx.correction,
    fee: ctx.fee,
    secrecyReviews: ctx.secrecyReviews,
    proposal: ctx.proposal,
    decision: ctx.decision,
    approvalChain: ctx.approvalChain,
    approvals: ctx.approvals,
    returns: ctx.returns,
    delivery: ctx.delivery,
    reconsiderations: ctx.reconsiderations,
    litigations: ctx.litigations,
    closure: ctx.closure ?? null,
    goodReasons: ctx.goodReasons ?? [],
  };
}

/** What the case's record says beside a proposal, for its reply letter (consultations and their results, the latest secrecy review's date). */
export function replyRecordOf(persisted: unknown): ReplyRecord {
  const ctx = contextOf(persisted);
  const review = ctx.secrecyReviews[ctx.secrecyReviews.length - 1];
  return {
    consultations: ctx.consultations.map((c) => ({ party: c.party, result: c.result ?? null })),
    secrecyReview: review ? { on: review.on } : null,
  };
}

export function consultationsView(persisted: unknown, clock: ClockResult) {
  const ctx = contextOf(persisted);
  return ctx.consultations.map((c) => {
    const due = clock.consultationDues.find((d) => d.id === c.id);
    return {
      id: c.id,
      party: c.party,
      basis: consultationBasisOf(c.party, c.basis),
      name: c.name,
      state: c.closedOn ? 'closed' : 'open',
      sentOn: c.sentOn,
      deliveryMethod: c.deliveryMethod ?? null,
      receivedOn: c.receivedOn ?? null,
      awaitingReceipt: due?.awaitingReceipt ?? false,
      answerDue: due?.due ?? null,
      closedOn: c.closedOn ?? null,
      result: c.result ?? null,
      expiryEffect: c.expiryEffect ?? null,
    };
  });
}

/**
 * The case's notices (consultation letters, 补正告知书, 收费通知书, 延期答复告知书) with their
 * letter, how they went and when they were received (legal review finding 1): the letter id is
 * what record-letter-receipt takes.
 */
export function noticesView(persisted: unknown, letters: LetterOfHistory[]) {
  const ctx = contextOf(persisted);
  return noticesOf(ctx).map((n) => {
    // The notice's letter: the latest of its type (and consultation), a correction (更正) replacing the first.
    const letter = [...letters].reverse().find((l) => l.letterType === n.letterType && l.consultationId === n.consultationId);
    return {
      kind: n.kind,
      letterType: n.letterType,
      letterId: letter?.letterId ?? null,
      docNumber: letter?.docNumber ?? null,
      consultationId: n.consultationId ?? null,
      sentOn: n.sentOn,
      deliveryMethod: n.deliveryMethod,
      receivedOn: n.receivedOn,
      awaitingReceipt: n.awaitingReceipt,
    };
  });
}

/** The fee as recorded, with its payment due date from the clock (20 WD from the applicant's receipt, 109号; null while unknown). */
export function feeView(fee: CaseContext['fee'], clock: ClockResult) {
  if (!fee) return null;
  const due = clock.feePaymentDues[0];
  return { ...fee, dueOn: due?.due ?? null, awaitingReceipt: due?.awaitingReceipt ?? false };
}

/**
 * The denormalised worklist columns and the deadlines timers are armed for, from the snapshot and
 * the clock as of today: what refreshDerived writes after every step (and the bulk generator,
 * src/seed/bulk-cases.ts, writes for the cases it makes — one home for the rule).
 */
export function derivedOf(
  persisted: unknown,
  clock: ClockResult,
  arrivedAt: Date | string,
  calendar: WorkingCalendar,
): { dues: TimerDue[]; derived: DerivedColumns } {
  const s = summaryOf(persisted);
  const open = !s.closed;
  const dues: TimerDue[] = [];
  if (s.awaitingConfirmation) {
    // 网上申请: confirmed within 1 working day of its arrival, else the clerks are told (条例第31条第（三）项).
    dues.push({ kind: 'confirmation', ref: '', due: calendar.addWorkingDays(toShanghaiDate(new Date(arrivedAt)), 1) });
  } else if (open) {
    // 条例第30、32、34条; 109号: these periods run from the recipient's receipt. A posted notice
    // whose receipt is not recorded yet has no due date, so no expiry timer (nor does a
    // 第17条第三款 referral, which has no answer period).
    if (s.awaitingCorrection && clock.applicantCorrectionDue) dues.push({ kind: 'correction_period', ref: '', due: clock.applicantCorrectionDue });
    for (const c of clock.consultationDues ?? []) {
      if (c.open && c.due) dues.push({ kind: 'consultation_period', ref: String(c.id), due: c.due });
    }
    // Only while the fee is awaited: once the period ran out, a closure is proposed and a person decides.
    for (const f of clock.feePaymentDues ?? []) {
      if (f.open && f.due && s.awaitingFee) dues.push({ kind: 'fee_period', ref: '', due: f.due });
    }
    if (clock.replyDue && !s.decided) dues.push({ kind: 'reply', ref: '', due: clock.replyDue });
  }
  const next = [...dues].sort((a, b) => (a.due < b.due ? -1 : 1))[0];
  return {
    dues,
    derived: {
      departmentId: s.departmentId ?? null,
      assigneeId: s.assigneeId ?? null,
      replyDue: clock.replyDue ?? null,
      nextDue: next?.due ?? null,
      nextDueKind: next?.kind ?? null,
      provisional: !!clock.provisional,
      overdue: open && !s.decided && !!clock.overdue,
      outcome: s.outcome ?? null,
      closedOn: s.closedOn ?? null,
      // 109号第四条: the 件 a per-item fee notice charged become the application's recorded count.
      items: s.fee?.method === 'per_item' && s.fee.items ? s.fee.items : null,
    },
  };
}
