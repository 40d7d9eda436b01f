/**
 * Case workflow types: context and events of the case statechart (shared/domain §1-§7).
 * Every event carries `on` (business date YYYY-MM-DD, Asia/Shanghai) and `actorId`
 * (+ optional `actorRoles`); the machine never reads the clock.
 */
import type { ConsultationBasis, NoticeDeliveryMethod } from '../deadlines/periods';
import type { OutcomeCode, WithheldPartGround } from '../outcomes/outcomes';

export type { ConsultationBasis, NoticeDeliveryMethod } from '../deadlines/periods';

export type IsoDate = string; // YYYY-MM-DD

export interface EventBase {
  on: IsoDate;
  actorId: string;
  actorRoles?: string[];
}

export type ConsultationParty = 'thirdParty' | 'agency';
export type ConsultationResult = 'agree' | 'object' | 'noAnswer';

export interface Consultation {
  id: string;
  party: ConsultationParty;
  /**
   * Another agency's consultation: coProducer (条例第34条), secrecyReferral (条例第17条第三款),
   * other (条例第11条). Absent for a third party, and in agency consultations recorded before it
   * was kept (they were all treated as co-producers).
   */
  basis?: ConsultationBasis;
  name: string;
  sentOn: IsoDate;
  /** How the letter went (absent in consultations recorded before it was kept: received when sent). */
  deliveryMethod?: NoticeDeliveryMethod;
  /** The day the party received the letter: its answer period runs from here (条例第32、34条). */
  receivedOn?: IsoDate;
  closedOn?: IsoDate;
  result?: ConsultationResult;
  /**
   * On expiry: third party → the agency decides (条例第32条); co-producer → deemed consent
   * (条例第34条); another agency (第11条) → the agency decides. A referral never expires.
   */
  expiryEffect?: 'agencyDecides' | 'deemedConsent';
}

export type SecrecyConclusion = 'disclose' | 'partial' | 'withhold';

export interface SecrecyReview {
  conclusion: SecrecyConclusion;
  ground: string;
  withheldPart?: string;
  reviewer: string;
  on: IsoDate;
}

/** A withheld part of a 部分公开 (条例第37条): a 第14、15、16条 exemption, or not 政府信息 (条例第二条). */
export interface WithheldPart {
  part: string;
  ground: WithheldPartGround;
  reason: string;
  /** withhold_law_forbids: the law or administrative regulation and article that forbids it (条例第十四条). */
  lawProvision?: string;
}

/**
 * Why the agency discloses over a third party's objection (条例第十五条、第三十二条): 不公开可能对公共利益
 * 造成重大影响, or the objection has no reasonable ground (第三方不同意公开且有合理理由的 … 不予公开).
 */
export const THIRD_PARTY_OVERRIDE_GROUNDS = ['public_interest', 'objection_unfounded'] as const;
export type ThirdPartyOverrideGround = (typeof THIRD_PARTY_OVERRIDE_GROUNDS)[number];

export interface Proposal {
  outcome: OutcomeCode;
  basis: string;
  reasons?: string;
  withheldParts?: WithheldPart[];
  noConsultationReason?: string;
  letterDraftId?: string;
  proposedBy: string;
  proposedOn: IsoDate;
}

export interface ApprovalStep {
  /** Step label, e.g. 科室负责人 / 公开办主任 / 分管领导 (also usable as a role label). */
  step: string;
  /** When set only this user may approve the step; otherwise any actor with role `step`. */
  approverId?: string;
}

export interface Approval {
  stepIndex: number;
  step: string;
  actorId: string;
  on: IsoDate;
  comments?: string;
}

export interface ReturnRecord {
  stepIndex: number;
  actorId: string;
  on: IsoDate;
  comments: string;
}

export interface Decision extends Proposal {
  decidedOn: IsoDate;
  approvals: Approval[];
  onTheSpot: boolean;
}

export type DeliveryMethod = 'in_person' | 'post' | 'electronic' | 'via_agency';

export interface Delivery {
  method: DeliveryMethod;
  recipient: string;
  /** The day the reply counts as given: signing day, 交邮之日 for post, sending day for electronic. */
  deliveredOn: IsoDate;
  proof?: string;
  /** Post: the 邮政企业 that carried it (国办公开办函〔2016〕235号); absent in deliveries recorded before it was kept. */
  carrier?: string;
  trackingNumber?: string;
}

export interface Reconsideration {
  filedOn: IsoDate;
  result: 'upheld' | 'corrected' | 'other' | 'pending';
  decidedOn?: IsoDate;
  body?: string;
}

export interface Litigation {
  filedOn: IsoDate;
  result: 'upheld' | 'corrected' | 'other' | 'pending';
  decidedOn?: IsoDate;
  court?: string;
  afterReconsideration: boolean;
}

export type CloseReason = 'delivered' | 'withdrawn' | 'correction_overdue' | 'fee_unpaid';

/** The two ways an application is deemed abandoned (视为放弃申请): 条例第30条 (补正) and 条例第42条 with 109号 (缴费). */
export type ClosureGround = 'correction_overdue' | 'fee_unpaid';

/**
 * A closure the system proposes when the applicant's period ran out (legal review finding 7).
 * 条例第三十条: 申请人**无正当理由**逾期不补正的，视为放弃申请 — whether there was a good reason is a
 * person's judgement, so the period's end only proposes it: a person submits it for approval (and is
 * its proposer), an approver decides, and it is delivered like a reply before the case closes.
 */
export interface Closure {
  ground: ClosureGround;
  /** The deadline that passed: the applicant's correction period, or the fee period. */
  dueOn: IsoDate;
  /** The day the period was found to have run out (the day after dueOn: a deadline ends at 24:00). */
  lapsedOn: IsoDate;
  /** Who submitted it for approval, and when: its proposer, who may not approve it. */
  proposedBy?: string;
  proposedOn?: IsoDate;
}

/** A good reason (正当理由) recorded against a proposed closure: the period runs again from `on`. */
export interface GoodReason {
  ground: ClosureGround;
  reason: string;
  on: IsoDate;
  actorId: string;
  /** The deadline that had passed. */
  lapsedDueOn: IsoDate;
  /** The new deadline, counted in full from `on`. */
  dueOn: IsoDate;
}

export interface CaseContext {
  caseId: string;
  receivedOn: IsoDate;
  /** Start of the current reply clock (receipt day; after a correction the day it is received, 条例第30条). */
  clockStartedOn: IsoDate;
  assignment: { departmentId: string; assigneeId?: string; on: IsoDate } | null;
  correction: {
    requestedOn: IsoDate;
    items: string[];
    periodWorkingDays: number;
    noticeDue?: IsoDate;
    /**
     * Notice sent after the 7-WD limit (条例第30条). Such a notice is now refused
     * (CORRECTION_NOTICE_LATE), so this is true only in cases recorded before that rule.
     */
    late: boolean;
    /** The day the corrected application was received (the reply clock restarts). */
    receivedOn?: IsoDate;
    /** How the 补正告知书 went (absent in corrections recorded before it was kept: received when sent). */
    deliveryMethod?: NoticeDeliveryMethod;
    /** The day the applicant received the 补正告知书: the correction period runs from here (条例第30条). */
    noticeReceivedOn?: IsoDate;
    /** A good reason reopened the period (条例第30条): periodWorkingDays run again from this day. */
    reopenedOn?: IsoDate;
  } | null;
  extension: {
    workingDays: number;
    reason: string;
    /** The head of the disclosure office who agreed (条例第三十三条第二款): user id … */
    approvedBy: string;
    /** … and name, as the worksheet prints it (absent in extensions recorded before it was kept). */
    approvedByName?: string;
    on: IsoDate;
    /** The reply deadline the extension was decided before (条例第三十三条第二款). */
    replyDue: IsoDate;
    /** How the 延期答复告知书 went, and the day the applicant received it. */
    deliveryMethod?: NoticeDeliveryMethod;
    noticeReceivedOn?: IsoDate;
  } | null;
  /** 第35条 deferral; replyDue: the 第33条 deadline it replaced (absent in deferrals recorded before it was kept). */
  deferral: { deferredTo: IsoDate; reason: string; on: IsoDate; replyDue?: IsoDate } | null;
  /**
   * 条例第三十五条: the applicant asked to state reasons (要求说明理由) and the agency's view of them.
   * Absent (undefined) in cases recorded before it existed.
   */
  reasonsInquiry?: {
    requestedOn: IsoDate;
    recordedOn?: IsoDate;
    reasonable?: boolean;
    summary?: string;
  } | null;
  consultations: Consultation[];
  fee: {
    method: 'per_item' | 'per_page';
    amount: number;
    /** 按件: the application's 件 the notice charged for (国办函〔2020〕109号第四条). */
    items?: number;
    noticeOn: IsoDate;
    /** The payment due date, recorded at issue when the notice reached the applicant that day (else see the clock). */
    dueOn?: IsoDate;
    /** How the 收费通知书 went, and the day the applicant received it (the 20 WD run from here, 109号). */
    deliveryMethod?: NoticeDeliveryMethod;
    receivedOn?: IsoDate;
    paidOn?: IsoDate;
    receiptNo?: string;
    /** A good reason reopened the fee period: it runs again, in full, from this day (dueOn is the new end). */
    reopenedOn?: IsoDate;
  } | null;
  secrecyReviews: SecrecyReview[];
  proposal: Proposal | null;
  approvalChain: ApprovalStep[];
  approvals: Approval[];
  returns: ReturnRecord[];
  decision: Decision | null;
  outcome: OutcomeCode | null;
  delivery: Delivery | null;
  reconsiderations: Reconsideration[];
  litigations: Litigation[];
  closedOn: IsoDate | null;
  closeReason: CloseReason | null;
  archivedOn: IsoDate | null;
  /**
   * The closure proposed when a period ran out, until a good reason reopens the period (then absent
   * again); after its approval it stays as the record of what was decided. Absent (undefined) when
   * there is none — also in every case recorded before it existed, so old histories replay to the
   * same stored snapshot.
   */
  closure?: Closure;
  /** Good reasons recorded (absent until the first). */
  goodReasons?: GoodReason[];
}

export interface CaseInput {
  caseId: string;
  /**
   * The receipt date (收到申请之日, 条例第31条). For an online application awaiting confirmation
   * (startOnlineApplication) the day it arrived, a placeholder: no clock runs until CONFIRM_RECEIPT
   * replaces it with the confirmation's date.
   */
  receivedOn: IsoDate;
}

export interface ProposalPayload {
  outcome: OutcomeCode;
  basis?: string;
  reasons?: string;
  withheldParts?: WithheldPart[];
  noConsultationReason?: string;
  letterDraftId?: string;
}

export type CaseEvent =
  /**
   * 条例第三十一条第（三）项: an application submitted online is received on the day both sides
   * confirm it. `confirmedAt` is the confirmation's instant (ISO with offset); the event's `on` is
   * its Asia/Shanghai date, which becomes the receipt date and starts the reply clock.
   */
  | ({ type: 'CONFIRM_RECEIPT'; confirmedAt: string } & EventBase)
  | ({ type: 'ACCEPT' } & EventBase)
  | ({
      type: 'REQUEST_CORRECTION';
      items: string[];
      periodWorkingDays: number;
      noticeDue?: IsoDate;
      deliveryMethod?: NoticeDeliveryMethod;
    } & EventBase)
  | ({ type: 'RECEIVE_CORRECTION' } & EventBase)
  /** The applicant's correction period ran out (system, the day after dueOn): a closure is proposed. */
  | ({ type: 'CORRECTION_PERIOD_LAPSED'; dueOn: IsoDate } & EventBase)
  /**
   * Legacy: recorded by the timer before legal review finding 7, when it closed the case at once.
   * Never sent any more; the machine keeps its old meaning so that those histories replay.
   */
  | ({ type: 'CORRECTION_PERIOD_EXPIRED' } & EventBase)
  | ({ type: 'ASSIGN'; departmentId: string; assigneeId?: string } & EventBase)
  | ({
      type: 'START_CONSULTATION';
      consultationId: string;
      party: ConsultationParty;
      basis?: ConsultationBasis;
      name: string;
      sentOn?: IsoDate;
      deliveryMethod?: NoticeDeliveryMethod;
    } & EventBase)
  | ({ type: 'CLOSE_CONSULTATION'; consultationId: string; result: ConsultationResult } & EventBase)
  | ({
      type: 'CONSULTATION_EXPIRED';
      consultationId: string;
      /** The answer due date the timer was armed for (the expiry event itself comes the day after). */
      dueOn?: IsoDate;
    } & EventBase)
  | ({
      type: 'ISSUE_FEE_NOTICE';
      method: 'per_item' | 'per_page';
      amount: number;
      items?: number;
      dueOn?: IsoDate;
      deliveryMethod?: NoticeDeliveryMethod;
    } & EventBase)
  | ({ type: 'RECORD_PAYMENT'; receiptNo?: string } & EventBase)
  /** The fee period ran out unpaid (system, the day after dueOn): a closure is proposed. */
  | ({ type: 'FEE_PERIOD_LAPSED'; dueOn: IsoDate } & EventBase)
  /** Legacy, as CORRECTION_PERIOD_EXPIRED: closed the case at once; kept for replay only. */
  | ({ type: 'FEE_PERIOD_EXPIRED' } & EventBase)
  /**
   * A person records that the applicant's period (correction, or fee) has run out, where the timer
   * did not (a backdated entry, or before its poll): the same closure is proposed as by the timer.
   * dueOn is the period's last day as the server computes it.
   */
  | ({ type: 'CLOSE_LAPSED'; ground: ClosureGround; dueOn: IsoDate } & EventBase)
  /**
   * 正当理由: the applicant had a good reason for missing the period (e.g. a correction posted in time
   * that arrived late). The proposed closure is dropped and the period runs again, in full, from `on`:
   * periodWorkingDays working days, ending on dueOn (both computed by the server).
   */
  | ({ type: 'RECORD_GOOD_REASON'; reason: string; periodWorkingDays: number; dueOn: IsoDate } & EventBase)
  | ({
      type: 'EXTEND';
      workingDays: number;
      reason: string;
      approvedBy: string;
      approvedByName?: string;
      replyDue: IsoDate;
      deliveryMethod?: NoticeDeliveryMethod;
    } & EventBase)
  | ({
      /**
       * The day a notice reached its recipient (the delivery record of a posted letter): the
       * periods the law counts from receipt run from it (条例第30、32、34条; 109号).
       */
      type: 'RECORD_LETTER_RECEIPT';
      letterId: string;
      /** The letter's type and issue date, as stored; for a consultation letter, its consultation. */
      letterType: string;
      letterIssuedOn: IsoDate;
      consultationId?: string;
      receivedOn: IsoDate;
    } & EventBase)
  | ({ type: 'DEFER'; deferredTo: IsoDate; reason: string; /** the 第33条 deadline */ replyDue: IsoDate } & EventBase)
  | ({ type: 'REQUEST_REASONS' } & EventBase)
  | ({ type: 'RECORD_REASONS'; reasonable: boolean; summary: string } & EventBase)
  | ({
      type: 'RECORD_SECRECY_REVIEW';
      conclusion: SecrecyConclusion;
      ground: string;
      withheldPart?: string;
      reviewer: string;
    } & EventBase)
  | ({ type: 'PROPOSE' } & ProposalPayload & EventBase)
  | ({ type: 'SUBMIT_FOR_APPROVAL'; chain: ApprovalStep[] } & EventBase)
  | ({ type: 'APPROVE'; comments?: string } & EventBase)
  | ({ type: 'RETURN'; comments: string } & EventBase)
  | ({
      type: 'DELIVER';
      method: DeliveryMethod;
      recipient: string;
      proof?: string;
      carrier?: string;
      trackingNumber?: string;
    } & EventBase)
  | ({ type: 'WITHDRAW'; reason?: string } & EventBase)
  | ({ type: 'ARCHIVE' } & EventBase)
  | ({
      type: 'RECORD_RECONSIDERATION';
      filedOn: IsoDate;
      result: Reconsideration['result'];
      decidedOn?: IsoDate;
      body?: string;
    } & EventBase)
  | ({
      type: 'RECORD_LITIGATION';
      filedOn: IsoDate;
      result: Litigation['result'];
      decidedOn?: IsoDate;
      court?: string;
      afterReconsideration: boolean;
    } & EventBase)
  | ({ type: 'ON_THE_SPOT_REPLY'; secrecyReview?: Omit<SecrecyReview, 'on'> } & ProposalPayload &
      EventBase);

export type CaseEventType = CaseEvent['type'];
export type EventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;
