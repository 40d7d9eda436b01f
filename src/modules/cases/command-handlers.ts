/**
 * One handler per action: the action's validated DTO → the statechart event's own fields and what
 * the history records beside them, with the action's pre-checks. Nothing else: no transition, no
 * writing; the database look-ups an action needs come in as `lookups` (bound by the service to
 * the action's transaction). The pure rules live in src/domain/workflow/commands.ts.
 */
import type { WorkingCalendar } from '../../domain/calendar';
import { PERIODS } from '../../domain/deadlines';
import type { ClockResult } from '../../domain/deadlines';
import { ApplicationItems, feeNoticeProblem, feePerItem, feePerPage, feeRequestProblems, perItemPriorItems } from '../../domain/fees';
import { isOutcomeCode, outcome as outcomeOf } from '../../domain/outcomes/outcomes';
import { ACTION_EVENT } from '../../domain/workflow/actions';
import {
  applicantNoticeDelivery,
  approvalChainOrDefault,
  CONSULTATION_LETTER_DELIVERY,
  consultationBasisFromRequest,
  deliveryMethodOf,
  deliveryProof,
  electronicDeliveryIrregularity,
  electronicServiceProblem,
  emailDeliveryProblem,
  isFieldProblem,
  lateExtensionNotice,
  nextConsultationId,
  postalCarrierIrregularity,
  postalDeliveryFields,
  remedyDateProblem,
} from '../../domain/workflow/commands';
import { receivedWhenSent } from '../../domain/deadlines';
import type { LetterOfHistory } from '../../domain/workflow/notices';
import type { CaseAction, CaseContext, CaseEvent, SecrecyReview } from '../../domain/workflow';
import { proposalAdmissionProblem, type ProposalFacts } from '../../domain/workflow/rules';
import type { Refusal } from '../../domain/workflow/refusals';
import { AppException, badRequest, notFound } from '../../platform/http-errors/app-exception';
import type { AuthUser } from '../../platform/auth/auth-user';
import type { Agency } from '../agencies/agency';
import type * as d from './dto';

/** The database look-ups of the actions, in the action's transaction. */
export interface CommandLookups {
  /** The department's name when it is one of the agency's (null otherwise). */
  departmentName(departmentId: string): Promise<string | null>;
  /** Whether the user is an active 承办人 of the agency. */
  isActiveHandler(userId: string): Promise<boolean>;
  /**
   * The case applicant's applications to the agency received in the calendar month of the case's
   * receipt (the case included), with their 件; the applicant's fee notices are serialised first
   * (until the transaction ends) so that a concurrent notice sees the 件 another one records.
   */
  applicantApplicationsInMonth(): Promise<ApplicationItems[]>;
  /** The case's letters as its history records them (with the consultation a consultation letter was sent for). */
  caseLetters(): Promise<LetterOfHistory[]>;
  /** The payload of the case's latest proposal (PROPOSE or ON_THE_SPOT_REPLY), with its letter fields. */
  latestProposalPayload(): Promise<Record<string, unknown> | null>;
}

export interface CommandContext {
  user: AuthUser;
  occurredOn: string;
  /** The case's statechart context before the action. */
  context: CaseContext;
  /** The way of obtaining the information the applicant asked for at registration. */
  requestedDeliveryMethod: string;
  clock: ClockResult;
  agency: Agency;
  calendar: WorkingCalendar;
  lookups: CommandLookups;
  /** The applicant's e-mail address, if given (电子送达). */
  applicantEmail?: string | null;
  /** deliver by e-mail: the Message-ID of the message that will serve the reply (outbox). */
  deliveryMessageId?: string;
}

/** A handler's answer: the event's own fields (beyond type, date and actor) and what is recorded beside them. */
export interface Command {
  event: Record<string, unknown>;
  recorded?: Record<string, unknown>;
  /**
   * A rule the action breaks beyond the statechart's guards (rules.ts proposalAdmissionProblem):
   * answered 409 with its code once the statechart has accepted the event (so that the
   * statechart's own refusal, e.g. the wrong state, comes first), before anything is stored.
   */
  refusal?: Refusal | null;
}

/** The DTO of each action (ActionDto for those without fields of their own). */
interface ActionDtos {
  'confirm-receipt': d.ConfirmReceiptDto;
  accept: d.ActionDto;
  'request-correction': d.RequestCorrectionDto;
  'receive-correction': d.ActionDto;
  assign: d.AssignDto;
  'start-consultation': d.StartConsultationDto;
  'close-consultation': d.CloseConsultationDto;
  'issue-fee-notice': d.IssueFeeNoticeDto;
  'record-payment': d.RecordPaymentDto;
  extend: d.ExtendDto;
  defer: d.DeferDto;
  'request-reasons': d.ActionDto;
  'record-reasons': d.RecordReasonsDto;
  'record-secrecy-review': d.SecrecyReviewDto;
  propose: d.ProposeDto;
  'submit-for-approval': d.ActionDto;
  approve: d.ActionDto;
  return: d.ReturnDto;
  deliver: d.DeliverDto;
  withdraw: d.ActionDto;
  archive: d.ActionDto;
  'record-reconsideration': d.RecordReconsiderationDto;
  'record-litigation': d.RecordLitigationDto;
  'on-the-spot-reply': d.OnTheSpotReplyDto;
  'record-letter-receipt': d.RecordLetterReceiptDto;
  'record-good-reason': d.RecordGoodReasonDto;
  'close-lapsed': d.ActionDto;
}

/** The validated DTO of an action. */
export type ActionDtoOf<A extends CaseAction> = ActionDtos[A];

/** A DTO without the fields every action carries (they are the service's). */
export type ActionFields<A extends CaseAction> = Omit<ActionDtos[A], 'expectedVersion' | 'occurredOn' | 'backdateReason'>;

type Handler<A extends CaseAction> = (f: ActionFields<A>, x: CommandContext) => Command | Promise<Command>;

const none: Handler<CaseAction> = () => ({ event: {} });

const proposal = (f: ActionFields<'propose'>) => ({
  outcome: f.outcome,
  basis: f.basis ?? outcomeOf(f.outcome).basis,
  reasons: f.reasons,
  withheldParts: f.withheldParts,
  noConsultationReason: f.noConsultationReason,
});

/** The rules a proposal meets when a person makes it, and again before approval (rules.ts proposalAdmissionProblem). */
function admission(context: CaseContext, p: ProposalFacts, review?: SecrecyReview): Refusal | null {
  return review ? proposalAdmissionProblem(context, p, review) : proposalAdmissionProblem(context, p);
}

const remedy = (f: ActionFields<'record-reconsideration'>, x: CommandContext) => {
  const problem = remedyDateProblem(f, x.occurredOn);
  if (problem) throw badRequest(problem.message, [{ field: problem.field, message: problem.fieldMessage }]);
  return { filedOn: f.filedOn, result: f.result, decidedOn: f.decidedOn };
};

export const COMMAND_HANDLERS: { readonly [A in CaseAction]: Handler<A> } = {
  // 条例第31条第（三）项: the event's date (the service sets it to the confirmation's Shanghai date) becomes the receipt date.
  'confirm-receipt': (f) => ({ event: { confirmedAt: f.confirmedAt } }),
  accept: none,
  'receive-correction': none,
  archive: none,

  // 条例第30条: the items at once, a reasonable period (default 15 working days) from the applicant's
  // receipt of the notice, the 7-day notice limit.
  'request-correction': (f, x) => ({
    event: {
      items: f.items,
      periodWorkingDays: f.periodWorkingDays ?? PERIODS.applicantCorrectionDefault,
      noticeDue: x.clock.correctionNoticeDue,
      deliveryMethod: f.deliveryMethod ?? applicantNoticeDelivery(x.requestedDeliveryMethod),
    },
  }),

  assign: async (f, x) => {
    const departmentName = await x.lookups.departmentName(f.departmentId);
    if (departmentName === null) throw notFound('承办部门不存在');
    if (f.assigneeId && !(await x.lookups.isActiveHandler(f.assigneeId))) {
      throw badRequest('承办人不存在或不是本机关的承办人', [{ field: 'assigneeId', message: 'assigneeId 不是本机关的承办人' }]);
    }
    return { event: { departmentId: f.departmentId, assigneeId: f.assigneeId }, recorded: { departmentName } };
  },

  // 条例第32条 third party; another agency: 第34条 co-producer, 第17条第三款 referral, 第11条 other.
  'start-consultation': (f, x) => {
    const basis = consultationBasisFromRequest(f);
    if (isFieldProblem(basis)) throw badRequest(basis.message, [{ field: basis.field, message: basis.fieldMessage }]);
    const consultationId = nextConsultationId(x.context.consultations);
    // A letter sent by e-mail (outbox) is served electronically: received the day it is sent.
    if (f.email && f.deliveryMethod && f.deliveryMethod !== 'electronic') {
      throw badRequest('以电子邮件发送征求意见函时送达方式为电子送达', [{ field: 'deliveryMethod', message: 'deliveryMethod：填写 email 时须为 electronic 或不填' }]);
    }
    return {
      event: {
        consultationId,
        party: f.party,
        ...basis,
        name: f.name,
        sentOn: x.occurredOn,
        deliveryMethod: f.deliveryMethod ?? (f.email ? 'electronic' : CONSULTATION_LETTER_DELIVERY),
      },
      recorded: { consultationId },
    };
  },

  'close-consultation': (f) => ({ event: { consultationId: f.consultationId, result: f.result } }),

  // 国办函〔2020〕109号: per item over the applicant's applications of the month of receipt (第四条;
  // this application's 件: the notice's, else the recorded ones), or per page; paid within the period.
  'issue-fee-notice': async (f, x) => {
    const problems = feeRequestProblems({ method: f.method, items: f.items, pages: f.pages });
    if (problems.length) throw badRequest(`收费方式填写有误：${problems[0].message}`, problems);
    const timing = feeNoticeProblem(x.occurredOn, x.clock.replyDue ?? null, (x.agency.settings as { feePaymentChannel?: string }).feePaymentChannel);
    if (timing) throw new AppException(409, timing.code, timing.message, undefined, { article: '国办函〔2020〕109号' });
    const paymentChannel = ((x.agency.settings as { feePaymentChannel?: string }).feePaymentChannel ?? '').trim();
    let items: number | null = null;
    let fee;
    if (f.method === 'per_item') {
      const month = await x.lookups.applicantApplicationsInMonth();
      const self = month.find((a) => a.id === x.context.caseId);
      const current = { id: x.context.caseId, receiptDate: x.context.receivedOn, order: self?.order ?? Number.MAX_SAFE_INTEGER };
      items = f.items ?? self?.items ?? 1;
      fee = feePerItem({ priorItemsThisMonth: perItemPriorItems(current, month), items });
    } else {
      fee = feePerPage(f.pages as number);
    }
    // 109号: 20 WD from the applicant's receipt — known now only when it reaches them today.
    const deliveryMethod = f.deliveryMethod ?? applicantNoticeDelivery(x.requestedDeliveryMethod);
    const dueOn = receivedWhenSent(deliveryMethod) ? x.calendar.addWorkingDays(x.occurredOn, PERIODS.feePayment) : undefined;
    return {
      event: { method: f.method, amount: fee.amount, ...(items !== null ? { items } : {}), dueOn, deliveryMethod },
      recorded: { method: f.method, items, pages: f.pages ?? null, fee, dueOn: dueOn ?? null, paymentChannel },
    };
  },

  'record-payment': (f) => ({ event: { receiptNo: f.receiptNumber } }),

  // 条例第33条第二款: agreed by the head of the disclosure office (the acting office_head, recorded
  // by id and name), decided before the reply deadline, which there must be.
  extend: (f, x) => {
    if (!x.clock.replyDue) {
      throw new AppException(409, 'EXTENSION_WITHOUT_REPLY_DEADLINE', '当前没有答复期限（等待补正或已延迟答复），不能延期', undefined, {
        article: '条例第三十三条第二款',
      });
    }
    return {
      event: {
        workingDays: f.workingDays,
        reason: f.reason,
        approvedBy: x.user.id,
        approvedByName: x.user.displayName,
        replyDue: x.clock.replyDue,
        deliveryMethod: f.deliveryMethod ?? applicantNoticeDelivery(x.requestedDeliveryMethod),
      },
      recorded: { replyDueBefore: x.clock.replyDue },
    };
  },

  // 条例第35条: the deferral replaces the 第33条 deadline, which the event carries (the rule checks the dates).
  defer: (f, x) => {
    if (!x.clock.statutoryReplyDue) {
      throw new AppException(409, 'DEFERRAL_WITHOUT_REPLY_DEADLINE', '当前没有答复期限（等待补正），不能延迟答复', undefined, {
        article: '条例第三十五条',
      });
    }
    return { event: { deferredTo: f.deferredTo, reason: f.reason, replyDue: x.clock.statutoryReplyDue } };
  },

  // 条例第35条: 要求申请人说明理由; the reasons given and whether the agency finds them reasonable.
  'request-reasons': none,
  'record-reasons': (f) => ({ event: { reasonable: f.reasonable, summary: f.summary } }),

  'record-secrecy-review': (f, x) => ({
    event: { conclusion: f.conclusion, ground: f.ground, withheldPart: f.withheldPart, reviewer: x.user.displayName },
  }),

  propose: (f, x) => ({ event: proposal(f), refusal: admission(x.context, { ...f, ...proposal(f) } as ProposalFacts) }),

  // 条例第33条第一款; a disclosure on the spot carries its secrecy review (条例第17条).
  'on-the-spot-reply': (f, x) => {
    const review = f.secrecyReview ? { ...f.secrecyReview, reviewer: x.user.displayName } : undefined;
    return {
      event: { ...proposal(f), ...(review ? { secrecyReview: review } : {}) },
      refusal: admission(x.context, { ...f, ...proposal(f) } as ProposalFacts, review ? { ...review, on: x.occurredOn } : undefined),
    };
  },

  // The proposal's rules again: the record may have changed since it was made (a consultation closed).
  'submit-for-approval': async (_f, x) => ({
    event: { chain: approvalChainOrDefault(x.agency.settings.approvalChain) },
    refusal: x.context.proposal
      ? admission(x.context, { ...((await x.lookups.latestProposalPayload()) ?? {}), ...x.context.proposal } as ProposalFacts)
      : null,
  }),

  approve: (f) => ({ event: { comments: f.note } }),

  return: (f) => ({ event: { comments: f.comments } }),

  // 国办公开办函〔2016〕235号: a postal delivery records its 邮政企业 and 邮件号 (the proof of 交邮之日);
  // the 送达回证 names the person who delivered (送达人).
  deliver: (f, x) => {
    const decided = x.context.decision?.outcome;
    const refusedOnline = electronicServiceProblem(
      f.method,
      !!decided && isOutcomeCode(decided) && outcomeOf(decided).remedy !== 'none',
      (x.agency.settings as { reconsiderationOnlineChannel?: string }).reconsiderationOnlineChannel,
    );
    if (refusedOnline) throw new AppException(409, 'ONLINE_RECONSIDERATION_CHANNEL_REQUIRED', refusedOnline, undefined, { article: '行政复议法第二十二条第二款' });
    if (f.method === 'email') {
      // 国办公开办函〔2016〕235号: served by e-mail only where the applicant asked to obtain it electronically, to the address they gave.
      const refused = emailDeliveryProblem(x.requestedDeliveryMethod, x.applicantEmail);
      if (refused) throw new AppException(409, refused.code, refused.message, undefined, refused.article ? { article: refused.article } : undefined);
      return {
        event: {
          method: deliveryMethodOf(f.method),
          recipient: f.recipient,
          proof: deliveryProof({ sentTo: x.applicantEmail as string }) + `；Message-ID：${x.deliveryMessageId}（以SMTP服务器接收记录为送达凭证）`,
        },
        recorded: { sentTo: x.applicantEmail, messageId: x.deliveryMessageId },
      };
    }
    const { carrier, problem } = postalDeliveryFields(f);
    if (problem) throw badRequest(problem.message, [{ field: problem.field, message: problem.fieldMessage }]);
    const irregularity = electronicDeliveryIrregularity(f.method, x.requestedDeliveryMethod) ?? postalCarrierIrregularity(carrier);
    return {
      event: {
        method: deliveryMethodOf(f.method),
        recipient: f.recipient,
        proof: deliveryProof(f),
        ...(carrier ? { carrier } : {}),
        trackingNumber: f.trackingNumber,
      },
      recorded: { deliveredByName: x.user.displayName, ...(irregularity ? { irregularity } : {}) },
    };
  },

  withdraw: (f) => ({ event: { reason: f.note } }),

  'record-reconsideration': (f, x) => ({ event: remedy(f, x) }),

  'record-litigation': (f, x) => ({ event: { ...remedy(f, x), afterReconsideration: f.afterReconsideration } }),

  // 条例第30、32、34条; 109号: the day a notice reached its recipient. The letter is one of the case's
  // (its type, issue date and consultation as the history records them); the rules are the statechart's.
  'record-letter-receipt': async (f, x) => {
    const letter = (await x.lookups.caseLetters()).find((l) => l.letterId === f.letterId);
    if (!letter) throw new AppException(404, 'NOT_FOUND', '本案没有该文书', [{ field: 'letterId', message: 'letterId 不是本案的文书' }]);
    const late = letter.letterType === 'extension_notice' && x.context.extension ? lateExtensionNotice(x.context.extension.replyDue, f.receivedOn) : null;
    return {
      event: {
        letterId: letter.letterId,
        letterType: letter.letterType,
        letterIssuedOn: letter.issuedOn,
        ...(letter.consultationId ? { consultationId: letter.consultationId } : {}),
        receivedOn: f.receivedOn,
      },
      recorded: { docNumber: letter.docNumber, ...(late ? { irregularity: late } : {}) },
    };
  },

  // 正当理由 (条例第三十条): the proposed closure is dropped and the period runs again, in full, from
  // the day recorded — the correction period as first given (or as now given), the fee period's 20 WD.
  // Without a proposed closure the event goes as it is and the statechart refuses it.
  'record-good-reason': (f, x) => {
    const closure = x.context.closure;
    if (closure?.ground === 'fee_unpaid' && f.periodWorkingDays !== undefined) {
      throw badRequest(`缴费期限为${PERIODS.feePayment}个工作日，不能另行确定`, [
        { field: 'periodWorkingDays', message: `periodWorkingDays：仅适用于逾期未补正；缴费期限重新计算${PERIODS.feePayment}个工作日` },
      ]);
    }
    const days =
      closure?.ground === 'fee_unpaid'
        ? PERIODS.feePayment
        : (f.periodWorkingDays ?? x.context.correction?.periodWorkingDays ?? PERIODS.applicantCorrectionDefault);
    return {
      event: { reason: f.reason, periodWorkingDays: days, dueOn: x.calendar.addWorkingDays(x.occurredOn, days) },
      recorded: closure ? { ground: closure.ground, lapsedDueOn: closure.dueOn } : {},
    };
  },

  // 条例第三十条; 109号: the applicant's period (correction, else fee) has run out and no good reason
  // was recorded — the closure is proposed as the timer would (a backdated entry never arms it).
  'close-lapsed': (_f, x) => ({ event: lapsedPeriod(x) }),
};

/** The applicant period close-lapsed ends: the correction period while a correction is awaited, else the open fee period (its last day as the clock computes it). */
function lapsedPeriod(x: CommandContext): { ground: 'correction_overdue' | 'fee_unpaid'; dueOn: string | undefined } {
  if (x.context.correction && !x.context.correction.receivedOn) {
    return { ground: 'correction_overdue', dueOn: x.clock.applicantCorrectionDue ?? undefined };
  }
  return { ground: 'fee_unpaid', dueOn: x.clock.feePaymentDues.find((f) => f.open)?.due ?? undefined };
}

/** The command of an action: the machine event, the payload the history records, and a rule it breaks beyond the statechart's. */
export interface BuiltCommand {
  type: CaseEvent['type'];
  machineEvent: CaseEvent;
  payload: Record<string, unknown>;
  refusal: Refusal | null;
}

/** Runs the action's handler: API action + validated DTO → the machine event, plus the payload recorded in the history. */
export async function commandFor<A extends CaseAction>(action: A, dto: ActionDtos[A], x: CommandContext): Promise<BuiltCommand> {
  const type = ACTION_EVENT[action];
  // The service's fields: the version, the date and a 补录's reason (recorded beside the event as payload.backdate).
  const { expectedVersion: _v, occurredOn: _o, backdateReason: _b, ...fields } = dto;
  const handler = COMMAND_HANDLERS[action] as Handler<A>;
  const c = await handler(fields as ActionFields<A>, x);
  // Strip undefined so the machine and the hash see the same content.
  const machineEvent = JSON.parse(
    JSON.stringify({ type, on: x.occurredOn, actorId: x.user.id, actorRoles: x.user.roles as string[], ...c.event }),
  ) as CaseEvent;
  const { on: _on, actorId: _a, actorRoles: _r, type: _t, ...eventFields } = machineEvent;
  return { type, machineEvent, payload: JSON.parse(JSON.stringify({ ...fields, ...eventFields, ...(c.recorded ?? {}) })), refusal: c.refusal ?? null };
}
