/**
 * The one place where the cases module meets the pure statechart (src/domain/workflow):
 * persisted snapshot ⇄ machine snapshot, API action + DTO → machine event, context → clock input.
 * No rule lives here: guards are the machine's, periods the clock's, amounts the fee module's.
 */
import { EntityManager } from 'typeorm';
import { PERIODS } from '../../domain/deadlines';
import type { ClockInput, ClockResult } from '../../domain/deadlines';
import { feePerItem, feePerPage, feeRequestProblems } from '../../domain/fees';
import { outcome as outcomeOf } from '../../domain/outcomes/outcomes';
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
  stateKey,
  substates,
} from '../../domain/workflow';
import { WorkingCalendar } from '../../domain/calendar';
import { AppException, badRequest, notFound } from '../../platform/http-errors/app-exception';
import { Agency } from '../agencies/agency.entity';
import { AuthUser } from '../auth/auth-user';
import { Role } from '../users/roles';

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

export function allowedActionsFor(persisted: unknown, user: AuthUser, today: string, replyDue: string | null): ActionName[] {
  // 条例第33条第二款: an extension is decided before the reply deadline; the machine checks the
  // date carried by the event, so the offer is narrowed with the clock's deadline here.
  return allowedActions(restoreCase(persisted), { id: user.id, roles: user.roles }, today).filter(
    (a) => a !== 'extend' || (replyDue !== null && today <= replyDue),
  );
}

/** The clock's input from the case context (the same clock /clock/preview uses). */
export function clockInputFor(persisted: unknown, receiptDate: string, asOf: string, feePausesClock: boolean): ClockInput {
  const ctx = contextOf(persisted);
  // A closed case is judged on the day it closed (a late reply stays late).
  const at = ctx.closedOn && ctx.closedOn < asOf ? ctx.closedOn : asOf;
  return {
    receiptDate,
    correction: ctx.correction
      ? {
          requestedOn: ctx.correction.requestedOn,
          receivedOn: ctx.correction.receivedOn ?? null,
          periodWorkingDays: ctx.correction.periodWorkingDays,
        }
      : null,
    consultations: ctx.consultations.map((c) => ({
      id: c.id,
      party: c.party,
      name: c.name,
      sentOn: c.sentOn,
      closedOn: c.closedOn ?? null,
    })),
    feePeriods: ctx.fee ? [{ noticeOn: ctx.fee.noticeOn, paidOn: ctx.fee.paidOn ?? (ctx.closedOn ?? null) }] : [],
    extensionWorkingDays: ctx.extension?.workingDays ?? null,
    deferredTo: ctx.deferral?.deferredTo ?? null,
    asOf: at,
    feePausesClock,
  };
}

export interface CaseSummary {
  state: string;
  closed: boolean;
  decided: boolean;
  awaitingCorrection: boolean;
  consulting: boolean;
  awaitingFee: boolean;
  work: string | null;
  departmentId: string | null;
  assigneeId: string | null;
  outcome: string | null;
  closedOn: string | null;
  closeReason: string | null;
  extension: CaseContext['extension'];
  deferral: CaseContext['deferral'];
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
}

export function summaryOf(persisted: unknown): CaseSummary {
  const snap = restoreCase(persisted);
  const ctx = snap.context;
  const key = stateKey(snap);
  const sub = substates(snap);
  return {
    state: key,
    closed: key === 'closed' || key === 'archived',
    decided: key === 'decided' || key === 'closed' || key === 'archived',
    awaitingCorrection: key === 'awaitingCorrection',
    consulting: sub.consulting,
    awaitingFee: sub.awaitingFee,
    work: sub.work,
    departmentId: ctx.assignment?.departmentId ?? null,
    assigneeId: ctx.assignment?.assigneeId ?? null,
    outcome: ctx.outcome ?? null,
    closedOn: ctx.closedOn ?? null,
    closeReason: ctx.closeReason ?? null,
    extension: ctx.extension,
    deferral: ctx.deferral,
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
  };
}

export function consultationsView(persisted: unknown, clock: ClockResult) {
  const ctx = contextOf(persisted);
  return ctx.consultations.map((c) => {
    const due = clock.consultationDues.find((d) => d.id === c.id);
    return {
      id: c.id,
      party: c.party,
      name: c.name,
      state: c.closedOn ? 'closed' : 'open',
      sentOn: c.sentOn,
      answerDue: due?.due ?? null,
      closedOn: c.closedOn ?? null,
      result: c.result ?? null,
      expiryEffect: c.expiryEffect ?? null,
    };
  });
}

const DELIVERY_METHOD = {
  in_person: 'in_person',
  post: 'post',
  email: 'electronic',
  online: 'electronic',
  other_agency: 'via_agency',
} as const;

export interface EventContext {
  user: AuthUser;
  occurredOn: string;
  caseRow: { id: string; agency_id: string; applicant: any; snapshot: unknown; receipt_date: string };
  clock: ClockResult;
  db: EntityManager;
  agency: Agency;
  calendar: WorkingCalendar;
}

/** API action + validated DTO → the machine event, plus the payload recorded in the history. */
export async function eventFor(
  action: ActionName,
  dto: Record<string, any>,
  x: EventContext,
): Promise<{ type: string; machineEvent: CaseEvent; payload: Record<string, unknown> }> {
  const base = { on: x.occurredOn, actorId: x.user.id, actorRoles: x.user.roles as string[] };
  const type = ACTION_EVENT[action];
  const { expectedVersion: _v, occurredOn: _o, ...fields } = dto;
  const ctx = contextOf(x.caseRow.snapshot);
  let ev: any = { type, ...base };
  let extra: Record<string, unknown> = {};
  switch (action) {
    case 'request-correction':
      ev = { ...ev, items: fields.items, periodWorkingDays: fields.periodWorkingDays ?? PERIODS.applicantCorrectionDefault, noticeDue: x.clock.correctionNoticeDue };
      break;
    case 'assign': {
      const [dept] = await x.db.query(`SELECT id, name FROM departments WHERE id = $1 AND agency_id = $2`, [fields.departmentId, x.user.agencyId]);
      if (!dept) throw notFound('承办部门不存在');
      if (fields.assigneeId) {
        const [u] = await x.db.query(`SELECT id FROM users WHERE id = $1 AND agency_id = $2 AND active AND 'handler' = ANY(roles)`, [
          fields.assigneeId,
          x.user.agencyId,
        ]);
        if (!u) throw badRequest('承办人不存在或不是本机关的承办人', [{ field: 'assigneeId', message: 'assigneeId 不是本机关的承办人' }]);
      }
      ev = { ...ev, departmentId: fields.departmentId, assigneeId: fields.assigneeId };
      extra = { departmentName: dept.name };
      break;
    }
    case 'start-consultation': {
      const id = `C${ctx.consultations.length + 1}`;
      ev = { ...ev, consultationId: id, party: fields.party, name: fields.name, sentOn: x.occurredOn };
      extra = { consultationId: id };
      break;
    }
    case 'close-consultation':
      ev = { ...ev, consultationId: fields.consultationId, result: fields.result };
      break;
    case 'issue-fee-notice': {
      const problems = feeRequestProblems({ method: fields.method, items: fields.items, pages: fields.pages });
      if (problems.length) throw badRequest(`收费方式填写有误：${problems[0].message}`, problems);
      let fee;
      if (fields.method === 'per_item') {
        // Per applicant per calendar month across all their cases in the agency (第四条).
        // One applicant's fee notices are serialised so that concurrent notices count each other.
        await x.db.query(`SELECT pg_advisory_xact_lock(hashtext('fee:' || $1 || ':' || (SELECT applicant_key FROM cases WHERE id = $2)))`, [
          x.user.agencyId,
          x.caseRow.id,
        ]);
        const month = x.occurredOn.slice(0, 7);
        const [{ n }] = await x.db.query(
          `SELECT coalesce(sum((e.payload->>'items')::int), 0)::int AS n
             FROM case_events e JOIN cases c ON c.id = e.case_id
            WHERE c.agency_id = $1 AND c.applicant_key = (SELECT applicant_key FROM cases WHERE id = $2)
              AND e.type = 'ISSUE_FEE_NOTICE' AND e.payload->>'method' = 'per_item'
              AND to_char(e.occurred_on, 'YYYY-MM') = $3`,
          [x.user.agencyId, x.caseRow.id, month],
        );
        fee = feePerItem({ priorItemsThisMonth: n, items: fields.items });
      } else {
        fee = feePerPage(fields.pages);
      }
      const dueOn = x.calendar.addWorkingDays(x.occurredOn, PERIODS.feePayment);
      ev = { ...ev, method: fields.method, amount: fee.amount, dueOn };
      extra = { method: fields.method, items: fields.items ?? null, pages: fields.pages ?? null, fee, dueOn };
      break;
    }
    case 'record-payment':
      ev = { ...ev, receiptNo: fields.receiptNumber };
      break;
    case 'extend':
      if (!x.clock.replyDue) throw new AppException(409, 'EXTENSION_WITHOUT_REPLY_DEADLINE', '当前没有答复期限（等待补正或已延迟答复），不能延期', undefined, { article: '条例第三十三条第二款' });
      ev = { ...ev, workingDays: fields.workingDays, reason: fields.reason, approvedBy: x.user.id, replyDue: x.clock.replyDue };
      extra = { replyDueBefore: x.clock.replyDue };
      break;
    case 'defer':
      ev = { ...ev, deferredTo: fields.deferredTo, reason: fields.reason };
      break;
    case 'record-secrecy-review':
      ev = { ...ev, conclusion: fields.conclusion, ground: fields.ground, withheldPart: fields.withheldPart, reviewer: x.user.displayName };
      break;
    case 'propose':
    case 'on-the-spot-reply': {
      const basis = fields.basis ?? outcomeOf(fields.outcome).basis;
      ev = {
        ...ev,
        outcome: fields.outcome,
        basis,
        reasons: fields.reasons,
        withheldParts: fields.withheldParts,
        noConsultationReason: fields.noConsultationReason,
      };
      if (action === 'on-the-spot-reply' && fields.secrecyReview) {
        ev.secrecyReview = { ...fields.secrecyReview, reviewer: x.user.displayName };
      }
      break;
    }
    case 'submit-for-approval':
      ev = { ...ev, chain: approvalChainOf(x.agency) };
      break;
    case 'approve':
      ev = { ...ev, comments: fields.note };
      break;
    case 'return':
      ev = { ...ev, comments: fields.comments };
      break;
    case 'deliver': {
      // 国办公开办函〔2016〕235号 / shared/domain §7: electronic delivery only where the applicant asked for it.
      // Recorded for the legal audit rather than refused: the delivery already happened.
      if ((fields.method === 'email' || fields.method === 'online') && !['email', 'online'].includes((x.caseRow as any).delivery_method)) {
        extra = { irregularity: '申请人未要求以电子方式获取信息，电子送达可能不符合其申请的获取方式' };
      }
      const proof = [fields.signedBy && `签收人：${fields.signedBy}`, fields.sentTo && `发送至：${fields.sentTo}`, fields.viaAgency && `代为送达：${fields.viaAgency}`]
        .filter(Boolean)
        .join('；');
      ev = { ...ev, method: DELIVERY_METHOD[fields.method as keyof typeof DELIVERY_METHOD], recipient: fields.recipient, proof: proof || undefined, trackingNumber: fields.trackingNumber };
      break;
    }
    case 'withdraw':
      ev = { ...ev, reason: fields.note };
      break;
    case 'record-reconsideration':
    case 'record-litigation':
      if (fields.result === 'pending' && fields.decidedOn) {
        throw badRequest('尚未审结时不能填写审结日期', [{ field: 'decidedOn', message: 'decidedOn：result 为 pending 时不得填写' }]);
      }
      if (fields.decidedOn && fields.decidedOn < fields.filedOn) {
        throw badRequest('审结日期不能早于申请（起诉）日期', [{ field: 'decidedOn', message: 'decidedOn 不能早于 filedOn' }]);
      }
      if (fields.filedOn > x.occurredOn) {
        throw badRequest('申请（起诉）日期不能晚于记录日期', [{ field: 'filedOn', message: 'filedOn 不能晚于 occurredOn' }]);
      }
      ev = { ...ev, filedOn: fields.filedOn, result: fields.result, decidedOn: fields.decidedOn };
      if (action === 'record-litigation') ev.afterReconsideration = fields.afterReconsideration;
      break;
    default:
      break;
  }
  // Strip undefined so the machine and the hash see the same content.
  const machineEvent = JSON.parse(JSON.stringify(ev)) as CaseEvent;
  const { on: _on, actorId: _a, actorRoles: _r, type: _t, ...eventFields } = machineEvent as any;
  return { type, machineEvent, payload: JSON.parse(JSON.stringify({ ...fields, ...eventFields, ...extra })) };
}

/** The agency's ordered approval chain (报批); default one step by any approver. */
export function approvalChainOf(agency: Agency): Array<{ step: string; approverId?: string }> {
  const chain = (agency.settings as any).approvalChain as Array<{ step: string; approverId?: string }> | undefined;
  return chain?.length ? chain : [{ step: 'approver' }];
}
