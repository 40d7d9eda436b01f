/**
 * 依申请公开 case statechart (XState v5). Pure: no timers (`after`), no clock —
 * statutory periods live in PostgreSQL and arrive as events (…_LAPSED, CONSULTATION_EXPIRED).
 * States: (awaitingConfirmation 待确认, an online application until the office confirms it, 条例第31条第（三）项) →
 * registered 登记 → accepted 受理 → handling 承办 → inApproval 报批 →
 * decided 作出决定 → closed 办结(送达) → archived 归档; awaitingCorrection 补正.
 * When the applicant's correction period (条例第30条) or fee period (条例第42条, 109号) runs out, the
 * system only proposes the closure (closureProposed: top-level for 补正, inside the fee region for
 * 缴费); a person submits it, an approver decides (→ decided), it is delivered (→ closed) — or a
 * good reason (正当理由) reopens the period (legal review finding 7).
 */
import { assign, setup } from 'xstate';
import { outcome } from '../outcomes/outcomes';
import { consultationBasisOf } from '../deadlines/periods';
import { formatIsoDate, parseIsoDate } from '../calendar/iso-date';
import { noticeSent, RECEIPT_NOTICE_OF_LETTER } from './notices';
import { eventProblem, isFinalApproval, openConsultations } from './rules';
import type {
  CaseContext,
  CaseEvent,
  CaseInput,
  ClosureGround,
  Decision,
  EventOf,
  Proposal,
  ProposalPayload,
} from './types';

function toProposal(p: ProposalPayload & { on: string; actorId: string }): Proposal {
  return {
    outcome: p.outcome,
    basis: p.basis ?? outcome(p.outcome).basis,
    ...(p.reasons !== undefined ? { reasons: p.reasons } : {}),
    ...(p.withheldParts !== undefined ? { withheldParts: p.withheldParts } : {}),
    ...(p.noConsultationReason !== undefined
      ? { noConsultationReason: p.noConsultationReason }
      : {}),
    ...(p.letterDraftId !== undefined ? { letterDraftId: p.letterDraftId } : {}),
    proposedBy: p.actorId,
    proposedOn: p.on,
  };
}

/** noticeSent's receipt under the context's own field name (the correction and extension keep `noticeReceivedOn`). */
function receiptFields(sent: ReturnType<typeof noticeSent>, field: 'noticeReceivedOn') {
  return {
    ...(sent.deliveryMethod ? { deliveryMethod: sent.deliveryMethod } : {}),
    ...(sent.receivedOn ? { [field]: sent.receivedOn } : {}),
  };
}

type Ev<T extends CaseEvent['type']> = EventOf<T>;
const as = <T extends CaseEvent['type']>(e: CaseEvent, _t: T) => e as Ev<T>;

/**
 * The approval of a proposed closure (视为放弃申请), the same in both places it is proposed: a
 * person submits it (SUBMIT_FOR_APPROVAL: its proposer), the chain approves it (→ decided, where it
 * is delivered like a reply) or returns it. A fresh object per use (state configs are not shared).
 */
const closureApproval = () =>
  ({
    initial: 'drafted',
    states: {
      drafted: {
        description: '待报批',
        on: {
          SUBMIT_FOR_APPROVAL: {
            target: 'inApproval',
            guard: 'validClosure',
            actions: ['recordClosureSubmission', 'startApproval'],
          },
        },
      },
      inApproval: {
        description: '报批',
        on: {
          APPROVE: [
            {
              target: '#case.decided',
              guard: 'validAndFinal',
              actions: ['recordApproval', 'freezeClosureDecision'],
            },
            { guard: 'valid', actions: 'recordApproval' },
          ],
          RETURN: { target: 'drafted', guard: 'valid', actions: 'recordReturn' },
        },
      },
    },
  }) as const;

/** What a good reason changes beside the period: the closure is gone, its approval too, the reason is kept. */
function afterGoodReason(context: CaseContext, e: Ev<'RECORD_GOOD_REASON'>): Partial<CaseContext> {
  const c = context.closure!;
  return {
    closure: undefined,
    approvalChain: [],
    approvals: [],
    goodReasons: [
      ...(context.goodReasons ?? []),
      {
        ground: c.ground,
        reason: e.reason,
        on: e.on,
        actorId: e.actorId,
        lapsedDueOn: c.dueOn,
        dueOn: e.dueOn,
      },
    ],
  };
}

/** The closing date of 视为放弃申请: the day after the last day of the applicant's period (it ends at 24:00). */
export function lapseClosingDate(dueOn: string): string {
  return formatIsoDate(parseIsoDate(dueOn) + 1);
}

/** The list with the record of the same filedOn replaced (in its place), or the record added. */
function upsertByFiledOn<T extends { filedOn: string }>(list: readonly T[], record: T): T[] {
  const i = list.findIndex((x) => x.filedOn === record.filedOn);
  return i < 0 ? [...list, record] : list.map((x, j) => (j === i ? record : x));
}

const GROUND_OF: Record<'CORRECTION_PERIOD_LAPSED' | 'FEE_PERIOD_LAPSED', ClosureGround> = {
  CORRECTION_PERIOD_LAPSED: 'correction_overdue',
  FEE_PERIOD_LAPSED: 'fee_unpaid',
};

export const caseMachine = setup({
  types: {
    context: {} as CaseContext,
    events: {} as CaseEvent,
    input: {} as CaseInput,
  },
  guards: {
    /** Payload/context rules (rules.ts eventProblem). */
    valid: ({ context, event }) => eventProblem(context, event) === null,
    validAndLastOpen: ({ context, event }) =>
      eventProblem(context, event) === null && openConsultations(context).length === 1,
    validAndFinal: ({ context, event }) =>
      eventProblem(context, event) === null && isFinalApproval(context),
    validAndFeePaid: ({ context, event }) =>
      eventProblem(context, event) === null && !!context.fee?.paidOn,
    /** A reply goes to approval only while no closure is proposed (then it is the closure that goes). */
    validReply: ({ context, event }) => eventProblem(context, event) === null && !context.closure,
    validClosure: ({ context, event }) =>
      eventProblem(context, event) === null && !!context.closure,
    validCorrectionLapse: ({ context, event }) =>
      eventProblem(context, event) === null && (event as Ev<'CLOSE_LAPSED'>).ground === 'correction_overdue',
    validFeeLapse: ({ context, event }) =>
      eventProblem(context, event) === null && (event as Ev<'CLOSE_LAPSED'>).ground === 'fee_unpaid',
  },
  actions: {
    // 条例第三十一条第（三）项: 以双方确认之日为收到申请之日 — the reply clock starts on the confirmation's date.
    recordConfirmation: assign(({ event }) => ({ receivedOn: event.on, clockStartedOn: event.on })),
    recordCorrectionRequest: assign(({ event }) => {
      const e = as(event, 'REQUEST_CORRECTION');
      return {
        correction: {
          requestedOn: e.on,
          items: [...e.items],
          periodWorkingDays: e.periodWorkingDays,
          ...(e.noticeDue ? { noticeDue: e.noticeDue } : {}),
          late: e.noticeDue ? e.on > e.noticeDue : false,
          // 条例第30条: the applicant's period runs from their receipt of the notice.
          ...receiptFields(noticeSent(e.deliveryMethod, e.on), 'noticeReceivedOn'),
        },
      };
    }),
    recordCorrectionReceived: assign(({ context, event }) => ({
      correction: context.correction ? { ...context.correction, receivedOn: event.on } : null,
      clockStartedOn: event.on, // 条例第30条: the clock restarts on receipt of the correction
    })),
    recordAssignment: assign(({ event }) => {
      const e = as(event, 'ASSIGN');
      return {
        assignment: {
          departmentId: e.departmentId,
          ...(e.assigneeId ? { assigneeId: e.assigneeId } : {}),
          on: e.on,
        },
      };
    }),
    addConsultation: assign(({ context, event }) => {
      const e = as(event, 'START_CONSULTATION');
      return {
        consultations: [
          ...context.consultations,
          {
            id: e.consultationId,
            party: e.party,
            ...(e.basis ? { basis: e.basis } : {}),
            name: e.name,
            sentOn: e.sentOn ?? e.on,
            // 条例第32、34条: the answer period runs from the party's receipt of the letter.
            ...noticeSent(e.deliveryMethod, e.sentOn ?? e.on),
          },
        ],
      };
    }),
    closeConsultation: assign(({ context, event }) => {
      const e = event as Ev<'CLOSE_CONSULTATION'> | Ev<'CONSULTATION_EXPIRED'>;
      return {
        consultations: context.consultations.map((c) => {
          if (c.id !== e.consultationId) return c;
          if (e.type === 'CLOSE_CONSULTATION') return { ...c, closedOn: e.on, result: e.result };
          // 条例第三十二条、第三十四条: the party's 15 WD end on the due date, which ends the pause
          // (条例第三十三条第三款); the timer fires the day after (a deadline ends at 24:00).
          return {
            ...c,
            closedOn: e.dueOn && e.dueOn < e.on ? e.dueOn : e.on,
            result: 'noAnswer' as const,
            // 条例第三十四条 deems consent only for a co-producer; a third party (第三十二条) or
            // another agency (第十一条) leaves the decision to the agency.
            expiryEffect:
              consultationBasisOf(c.party, c.basis) === 'coProducer' ? ('deemedConsent' as const) : ('agencyDecides' as const),
          };
        }),
      };
    }),
    recordFeeNotice: assign(({ event }) => {
      const e = as(event, 'ISSUE_FEE_NOTICE');
      return {
        fee: {
          method: e.method,
          amount: e.amount,
          ...(typeof e.items === 'number' ? { items: e.items } : {}), // a replayed per-page entry records items: null
          noticeOn: e.on,
          ...(e.dueOn ? { dueOn: e.dueOn } : {}),
          // 109号: the 20 WD run from the applicant's receipt of the notice.
          ...noticeSent(e.deliveryMethod, e.on),
        },
      };
    }),
    recordPayment: assign(({ context, event }) => {
      const e = as(event, 'RECORD_PAYMENT');
      return {
        fee: context.fee
          ? { ...context.fee, paidOn: e.on, ...(e.receiptNo ? { receiptNo: e.receiptNo } : {}) }
          : null,
      };
    }),
    recordExtension: assign(({ event }) => {
      const e = as(event, 'EXTEND');
      return {
        extension: {
          workingDays: e.workingDays,
          reason: e.reason,
          approvedBy: e.approvedBy,
          ...(e.approvedByName ? { approvedByName: e.approvedByName } : {}),
          on: e.on,
          replyDue: e.replyDue,
          ...receiptFields(noticeSent(e.deliveryMethod, e.on), 'noticeReceivedOn'),
        },
      };
    }),
    // The day a notice reached its recipient (the delivery record of a posted letter).
    recordLetterReceipt: assign(({ context, event }) => {
      const e = as(event, 'RECORD_LETTER_RECEIPT');
      switch (RECEIPT_NOTICE_OF_LETTER[e.letterType]) {
        case 'consultation':
          return {
            consultations: context.consultations.map((c) => (c.id === e.consultationId ? { ...c, receivedOn: e.receivedOn } : c)),
          };
        case 'correction':
          return { correction: context.correction ? { ...context.correction, noticeReceivedOn: e.receivedOn } : null };
        case 'fee':
          return { fee: context.fee ? { ...context.fee, receivedOn: e.receivedOn } : null };
        case 'extension':
          return { extension: context.extension ? { ...context.extension, noticeReceivedOn: e.receivedOn } : null };
        default:
          return {};
      }
    }),
    recordDeferral: assign(({ event }) => {
      const e = as(event, 'DEFER');
      return {
        deferral: {
          deferredTo: e.deferredTo,
          reason: e.reason,
          on: e.on,
          ...(e.replyDue ? { replyDue: e.replyDue } : {}),
        },
      };
    }),
    // 条例第三十五条: 要求申请人说明理由, then the agency's view of the reasons given.
    recordReasonsRequest: assign(({ event }) => ({ reasonsInquiry: { requestedOn: event.on } })),
    recordReasons: assign(({ context, event }) => {
      const e = as(event, 'RECORD_REASONS');
      return {
        reasonsInquiry: {
          ...context.reasonsInquiry!,
          recordedOn: e.on,
          reasonable: e.reasonable,
          summary: e.summary,
        },
      };
    }),
    recordSecrecyReview: assign(({ context, event }) => {
      const e = as(event, 'RECORD_SECRECY_REVIEW');
      return {
        secrecyReviews: [
          ...context.secrecyReviews,
          {
            conclusion: e.conclusion,
            ground: e.ground,
            ...(e.withheldPart ? { withheldPart: e.withheldPart } : {}),
            reviewer: e.reviewer,
            on: e.on,
          },
        ],
      };
    }),
    clearProposal: assign({ proposal: null }),
    recordProposal: assign(({ event }) => ({ proposal: toProposal(as(event, 'PROPOSE')) })),
    startApproval: assign(({ event }) => ({
      approvalChain: as(event, 'SUBMIT_FOR_APPROVAL').chain.map((s) => ({ ...s })),
      approvals: [],
    })),
    recordApproval: assign(({ context, event }) => {
      const e = as(event, 'APPROVE');
      const idx = context.approvals.length;
      return {
        approvals: [
          ...context.approvals,
          {
            stepIndex: idx,
            step: context.approvalChain[idx].step,
            actorId: e.actorId,
            on: e.on,
            ...(e.comments ? { comments: e.comments } : {}),
          },
        ],
      };
    }),
    freezeDecision: assign(({ context, event }) => {
      const decision: Decision = {
        ...(context.proposal as Proposal),
        decidedOn: event.on,
        approvals: [...context.approvals],
        onTheSpot: false,
      };
      return { decision, outcome: decision.outcome };
    }),
    recordReturn: assign(({ context, event }) => {
      const e = as(event, 'RETURN');
      return {
        returns: [
          ...context.returns,
          {
            stepIndex: context.approvals.length,
            actorId: e.actorId,
            on: e.on,
            comments: e.comments,
          },
        ],
        approvals: [],
        approvalChain: [],
      };
    }),
    onTheSpotDecision: assign(({ context, event }) => {
      const e = as(event, 'ON_THE_SPOT_REPLY');
      const decision: Decision = {
        ...toProposal(e),
        decidedOn: e.on,
        approvals: [],
        onTheSpot: true,
      };
      return {
        decision,
        outcome: decision.outcome,
        secrecyReviews: e.secrecyReview
          ? [...context.secrecyReviews, { ...e.secrecyReview, on: e.on }]
          : context.secrecyReviews,
      };
    }),
    recordDelivery: assign(({ context, event }) => {
      const e = as(event, 'DELIVER');
      return {
        delivery: {
          method: e.method,
          recipient: e.recipient,
          deliveredOn: e.on, // post: 交邮之日 (国办公开办函〔2016〕235号)
          ...(e.proof ? { proof: e.proof } : {}),
          ...(e.carrier ? { carrier: e.carrier } : {}),
          ...(e.trackingNumber ? { trackingNumber: e.trackingNumber } : {}),
        },
        // The closing date (annual report, issue 15): the day the reply is handed over, posted or
        // sent — for 视为放弃申请 the day after the applicant's period ended (条例第30条; 109号),
        // however late the closure was decided and delivered.
        closedOn: context.closure ? lapseClosingDate(context.closure.dueOn) : e.on,
        // A decided closure closes as what it decided (视为放弃申请), once delivered.
        closeReason: context.closure ? context.closure.ground : ('delivered' as const),
      };
    }),
    closeWithdrawn: assign(({ event }) => ({
      outcome: 'withdrawn' as const,
      closedOn: event.on,
      closeReason: 'withdrawn' as const,
    })),
    closeCorrectionOverdue: assign(({ event }) => ({
      outcome: 'correction_overdue' as const,
      closedOn: event.on,
      closeReason: 'correction_overdue' as const,
    })),
    closeFeeUnpaid: assign(({ event }) => ({
      outcome: 'fee_unpaid' as const,
      closedOn: event.on,
      closeReason: 'fee_unpaid' as const,
    })),
    // 视为放弃申请, proposed by the system when the period ran out, or by a person who finds it has
    // (CLOSE_LAPSED); a person decides.
    proposeClosure: assign(({ event }) => {
      const e = event as Ev<'CORRECTION_PERIOD_LAPSED'> | Ev<'FEE_PERIOD_LAPSED'> | Ev<'CLOSE_LAPSED'>;
      return { closure: { ground: e.type === 'CLOSE_LAPSED' ? e.ground : GROUND_OF[e.type], dueOn: e.dueOn, lapsedOn: e.on } };
    }),
    recordClosureSubmission: assign(({ context, event }) => ({
      closure: { ...context.closure!, proposedBy: event.actorId, proposedOn: event.on },
    })),
    freezeClosureDecision: assign(({ context, event }) => {
      const c = context.closure!;
      const decision: Decision = {
        outcome: c.ground,
        basis: outcome(c.ground).basis,
        proposedBy: c.proposedBy ?? event.actorId,
        proposedOn: c.proposedOn ?? event.on,
        decidedOn: event.on,
        approvals: [...context.approvals],
        onTheSpot: false,
      };
      return { decision, outcome: decision.outcome };
    }),
    // 正当理由: the closure is dropped, the period runs again in full from the day it is recorded.
    reopenCorrection: assign(({ context, event }) => {
      const e = as(event, 'RECORD_GOOD_REASON');
      return {
        correction: {
          ...context.correction!,
          reopenedOn: e.on,
          periodWorkingDays: e.periodWorkingDays,
        },
        ...afterGoodReason(context, e),
      };
    }),
    reopenFee: assign(({ context, event }) => {
      const e = as(event, 'RECORD_GOOD_REASON');
      return {
        fee: { ...context.fee!, reopenedOn: e.on, dueOn: e.dueOn },
        ...afterGoodReason(context, e),
      };
    }),
    recordArchive: assign(({ event }) => ({ archivedOn: event.on })),
    // A reconsideration or suit recorded again with the same filedOn (its decision arriving after a
    // pending record) updates that record instead of adding a second one (annual report section 四).
    addReconsideration: assign(({ context, event }) => {
      const e = as(event, 'RECORD_RECONSIDERATION');
      return {
        reconsiderations: upsertByFiledOn(context.reconsiderations, {
          filedOn: e.filedOn,
          result: e.result,
          ...(e.decidedOn ? { decidedOn: e.decidedOn } : {}),
          ...(e.body ? { body: e.body } : {}),
        }),
      };
    }),
    addLitigation: assign(({ context, event }) => {
      const e = as(event, 'RECORD_LITIGATION');
      return {
        litigations: upsertByFiledOn(context.litigations, {
          filedOn: e.filedOn,
          result: e.result,
          ...(e.decidedOn ? { decidedOn: e.decidedOn } : {}),
          ...(e.court ? { court: e.court } : {}),
          afterReconsideration: e.afterReconsideration,
        }),
      };
    }),
  },
}).createMachine({
  id: 'case',
  description: '依申请公开案件',
  initial: 'registered',
  context: ({ input }) => ({
    caseId: input.caseId,
    receivedOn: input.receivedOn,
    clockStartedOn: input.receivedOn,
    assignment: null,
    correction: null,
    extension: null,
    deferral: null,
    reasonsInquiry: null,
    consultations: [],
    fee: null,
    secrecyReviews: [],
    proposal: null,
    approvalChain: [],
    approvals: [],
    returns: [],
    decision: null,
    outcome: null,
    delivery: null,
    reconsiderations: [],
    litigations: [],
    closedOn: null,
    closeReason: null,
    archivedOn: null,
  }),
  on: {
    // 条例第30、32、34条; 109号: the periods counted from receipt start on the recorded day; in any state.
    RECORD_LETTER_RECEIPT: { guard: 'valid', actions: 'recordLetterReceipt' },
  },
  states: {
    /**
     * An application submitted online (POST /public/applications) before the office confirms it:
     * not yet received in law (条例第31条第（三）项), so no clock runs. Entered only by
     * startOnlineApplication (case.ts); a clerk's registration starts in `registered`.
     */
    awaitingConfirmation: {
      description: '待确认（网上申请，条例第31条第（三）项）',
      on: {
        CONFIRM_RECEIPT: { target: 'registered', guard: 'valid', actions: 'recordConfirmation' },
      },
    },
    registered: {
      description: '登记',
      on: {
        ACCEPT: { target: 'accepted', guard: 'valid' },
        REQUEST_CORRECTION: {
          target: 'awaitingCorrection',
          guard: 'valid',
          actions: 'recordCorrectionRequest',
        },
        // 当场答复, 条例第33条第一款
        ON_THE_SPOT_REPLY: { target: 'decided', guard: 'valid', actions: 'onTheSpotDecision' },
        WITHDRAW: { target: 'closed', guard: 'valid', actions: 'closeWithdrawn' },
      },
    },
    accepted: {
      description: '受理',
      on: {
        // 条例第30条: 一次性告知 (guard: no earlier correction)
        REQUEST_CORRECTION: {
          target: 'awaitingCorrection',
          guard: 'valid',
          actions: 'recordCorrectionRequest',
        },
        ASSIGN: { target: 'handling', guard: 'valid', actions: 'recordAssignment' },
        EXTEND: { guard: 'valid', actions: 'recordExtension' },
        // 条例第三十五条: 可以要求申请人说明理由
        REQUEST_REASONS: { guard: 'valid', actions: 'recordReasonsRequest' },
        RECORD_REASONS: { guard: 'valid', actions: 'recordReasons' },
        DEFER: { guard: 'valid', actions: 'recordDeferral' },
        WITHDRAW: { target: 'closed', guard: 'valid', actions: 'closeWithdrawn' },
      },
    },
    awaitingCorrection: {
      description: '补正',
      on: {
        RECEIVE_CORRECTION: {
          target: 'accepted',
          guard: 'valid',
          actions: 'recordCorrectionReceived',
        },
        // 条例第30条: 申请人无正当理由逾期不补正的，视为放弃申请 — the period's end only proposes it.
        CORRECTION_PERIOD_LAPSED: {
          target: 'closureProposed',
          guard: 'valid',
          actions: 'proposeClosure',
        },
        // The clerk records the lapse where the timer did not (a backdated entry): the same proposal.
        CLOSE_LAPSED: { target: 'closureProposed', guard: 'validCorrectionLapse', actions: 'proposeClosure' },
        // Legacy (before legal review finding 7): the timer closed the case at once. Kept so that
        // the histories recorded then replay; the timer no longer sends it.
        CORRECTION_PERIOD_EXPIRED: {
          target: 'closed',
          guard: 'valid',
          actions: 'closeCorrectionOverdue',
        },
        WITHDRAW: { target: 'closed', guard: 'valid', actions: 'closeWithdrawn' },
      },
    },
    closureProposed: {
      description: '逾期未补正：拟视为放弃申请（条例第30条）',
      ...closureApproval(),
      on: {
        // 正当理由: the correction period runs again from that day.
        RECORD_GOOD_REASON: {
          target: 'awaitingCorrection',
          guard: 'valid',
          actions: 'reopenCorrection',
        },
        WITHDRAW: { target: 'closed', guard: 'valid', actions: 'closeWithdrawn' },
      },
    },
    handling: {
      description: '承办',
      type: 'parallel',
      on: {
        ASSIGN: { guard: 'valid', actions: 'recordAssignment' },
        EXTEND: { guard: 'valid', actions: 'recordExtension' },
        REQUEST_REASONS: { guard: 'valid', actions: 'recordReasonsRequest' },
        RECORD_REASONS: { guard: 'valid', actions: 'recordReasons' },
        DEFER: { guard: 'valid', actions: 'recordDeferral' },
        WITHDRAW: { target: 'closed', guard: 'valid', actions: 'closeWithdrawn' },
      },
      states: {
        consultations: {
          description: '征求意见',
          initial: 'idle',
          states: {
            idle: {
              description: '无',
              on: {
                START_CONSULTATION: {
                  target: 'consulting',
                  guard: 'valid',
                  actions: 'addConsultation',
                },
              },
            },
            consulting: {
              description: '征求意见中（条例第32、34条）',
              on: {
                START_CONSULTATION: { guard: 'valid', actions: 'addConsultation' },
                CLOSE_CONSULTATION: [
                  { target: 'idle', guard: 'validAndLastOpen', actions: 'closeConsultation' },
                  { guard: 'valid', actions: 'closeConsultation' },
                ],
                CONSULTATION_EXPIRED: [
                  { target: 'idle', guard: 'validAndLastOpen', actions: 'closeConsultation' },
                  { guard: 'valid', actions: 'closeConsultation' },
                ],
              },
            },
          },
        },
        fee: {
          description: '信息处理费',
          initial: 'none',
          states: {
            none: {
              description: '不收费',
              on: {
                ISSUE_FEE_NOTICE: {
                  target: 'awaitingFee',
                  guard: 'valid',
                  actions: 'recordFeeNotice',
                },
              },
            },
            awaitingFee: {
              description: '待缴费',
              on: {
                RECORD_PAYMENT: { target: 'paid', guard: 'valid', actions: 'recordPayment' },
                // 逾期未缴费视为放弃申请 (条例第42条; 国办函〔2020〕109号 as restated [S]): proposed only.
                FEE_PERIOD_LAPSED: {
                  target: 'closureProposed',
                  guard: 'valid',
                  actions: 'proposeClosure',
                },
                CLOSE_LAPSED: { target: 'closureProposed', guard: 'validFeeLapse', actions: 'proposeClosure' },
                // Legacy (before legal review finding 7): closed the case at once; kept for replay.
                FEE_PERIOD_EXPIRED: {
                  target: '#case.closed',
                  guard: 'valid',
                  actions: 'closeFeeUnpaid',
                },
              },
            },
            closureProposed: {
              description: '逾期未缴费：拟视为放弃申请',
              ...closureApproval(),
              on: {
                // 正当理由: the fee period runs again from that day.
                RECORD_GOOD_REASON: { target: 'awaitingFee', guard: 'valid', actions: 'reopenFee' },
              },
            },
            paid: { description: '已缴费' },
          },
        },
        work: {
          description: '办理',
          initial: 'investigating',
          states: {
            investigating: {
              description: '调查',
              on: {
                RECORD_SECRECY_REVIEW: {
                  target: 'drafting',
                  guard: 'valid',
                  actions: 'recordSecrecyReview',
                },
                PROPOSE: { target: 'proposed', guard: 'valid', actions: 'recordProposal' },
              },
            },
            drafting: {
              description: '拟稿',
              on: {
                RECORD_SECRECY_REVIEW: { guard: 'valid', actions: 'recordSecrecyReview' },
                PROPOSE: { target: 'proposed', guard: 'valid', actions: 'recordProposal' },
              },
            },
            proposed: {
              description: '已提出办理意见',
              on: {
                RECORD_SECRECY_REVIEW: {
                  target: 'drafting',
                  guard: 'valid',
                  actions: ['recordSecrecyReview', 'clearProposal'],
                },
                PROPOSE: { target: 'proposed', guard: 'valid', actions: 'recordProposal' },
                SUBMIT_FOR_APPROVAL: {
                  target: '#case.inApproval',
                  guard: 'validReply',
                  actions: 'startApproval',
                },
              },
            },
          },
        },
      },
    },
    inApproval: {
      description: '报批',
      on: {
        APPROVE: [
          {
            target: 'decided',
            guard: 'validAndFinal',
            actions: ['recordApproval', 'freezeDecision'],
          },
          { guard: 'valid', actions: 'recordApproval' },
        ],
        // Returned to drafting; a paid fee stays paid.
        RETURN: [
          {
            target: ['#case.handling.work.drafting', '#case.handling.fee.paid'],
            guard: 'validAndFeePaid',
            actions: 'recordReturn',
          },
          { target: '#case.handling.work.drafting', guard: 'valid', actions: 'recordReturn' },
        ],
        EXTEND: { guard: 'valid', actions: 'recordExtension' },
        DEFER: { guard: 'valid', actions: 'recordDeferral' },
        WITHDRAW: { target: 'closed', guard: 'valid', actions: 'closeWithdrawn' },
      },
    },
    decided: {
      description: '作出决定',
      on: { DELIVER: { target: 'closed', guard: 'valid', actions: 'recordDelivery' } },
    },
    closed: {
      description: '办结',
      on: {
        ARCHIVE: { target: 'archived', guard: 'valid', actions: 'recordArchive' },
        RECORD_RECONSIDERATION: { guard: 'valid', actions: 'addReconsideration' },
        RECORD_LITIGATION: { guard: 'valid', actions: 'addLitigation' },
      },
    },
    archived: {
      description: '归档（条例第45条）',
      on: {
        RECORD_RECONSIDERATION: { guard: 'valid', actions: 'addReconsideration' },
        RECORD_LITIGATION: { guard: 'valid', actions: 'addLitigation' },
      },
    },
  },
});

export type CaseMachine = typeof caseMachine;
