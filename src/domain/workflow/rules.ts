/**
 * Payload and context rules behind the statechart guards. Each returns a Refusal
 * (stable code, Chinese message, article; catalogue in refusals.ts) when the event
 * must be refused, or null when it may proceed.
 */
import { outcome, isOutcomeCode, isWithheldPartGround } from '../outcomes/outcomes';
import { THIRD_PARTY_OVERRIDE_GROUNDS, type CaseContext, type CaseEvent, type ProposalPayload, type SecrecyReview } from './types';
import { isIsoDate, toShanghaiDate } from '../calendar/iso-date';
import { parseInstant } from '../intake/receipt-date';
import { CONSULTATION_BASES, consultationBasisOf, NOTICE_DELIVERY_METHODS } from '../deadlines/periods';
import { NOTICE_LETTER_LABEL, noticeOfLetter, RECEIPT_NOTICE_OF_LETTER } from './notices';
import { refusal, type Refusal } from './refusals';

/** A real YYYY-MM-DD date (2026-02-30 is not): the calendar module's check. */
export const isDate = isIsoDate;
const nonEmpty = (s: unknown): s is string => typeof s === 'string' && s.trim().length > 0;
/** A notice's delivery method, when one is given (absent in events recorded before it was kept). */
const badDelivery = (m: unknown) => m !== undefined && !(NOTICE_DELIVERY_METHODS as readonly unknown[]).includes(m);

export function latestSecrecyReview(ctx: CaseContext): SecrecyReview | null {
  return ctx.secrecyReviews.length ? ctx.secrecyReviews[ctx.secrecyReviews.length - 1] : null;
}

export const openConsultations = (ctx: CaseContext) => ctx.consultations.filter((c) => !c.closedOn);

/** Rules for a proposed outcome (条例第14-17、32、36-39条; shared/domain §4, §4a). */
export function proposalProblem(
  ctx: CaseContext,
  p: ProposalPayload,
  review: SecrecyReview | null = latestSecrecyReview(ctx),
): Refusal | null {
  if (!isOutcomeCode(p.outcome)) return refusal('OUTCOME_UNKNOWN', String(p.outcome));
  const o = outcome(p.outcome);
  if (!o.proposable) return refusal('OUTCOME_NOT_PROPOSABLE', o.label);
  if (p.basis !== undefined && !nonEmpty(p.basis)) return refusal('BASIS_EMPTY');
  // 条例第三十五条: 行政机关认为申请理由不合理的，告知申请人不予处理 — only after the reasons were
  // asked for and recorded as unreasonable.
  if (p.outcome === 'excessive_requests' && ctx.reasonsInquiry?.reasonable !== false)
    return refusal('EXCESSIVE_REQUESTS_REASONS_REQUIRED');
  // 条例第36条第（三）项: 告知申请人不予公开并说明理由
  if (o.withholding && !nonEmpty(p.reasons)) return refusal('WITHHOLDING_REASONS_REQUIRED');
  if (p.outcome === 'withhold_third_party') {
    // 条例第32条: 书面征求第三方的意见
    const closedThirdParty = ctx.consultations.some((c) => c.party === 'thirdParty' && c.closedOn);
    if (!closedThirdParty && !nonEmpty(p.noConsultationReason)) {
      return refusal('THIRD_PARTY_CONSULTATION_REQUIRED');
    }
  }
  if (o.needsSecrecyReview) {
    // 条例第17条: 对拟公开的政府信息进行审查
    if (!review) return refusal('SECRECY_REVIEW_REQUIRED');
    const ok =
      p.outcome === 'disclose'
        ? review.conclusion === 'disclose'
        : review.conclusion !== 'withhold';
    if (!ok) return refusal('SECRECY_REVIEW_DISALLOWS_OUTCOME', review.conclusion, o.label);
  }
  if (p.outcome === 'partial') {
    // 条例第37条: 含有不应当公开或者不属于政府信息的内容 … 区分处理，并对不予公开的内容说明理由
    const parts = p.withheldParts ?? [];
    if (!parts.length) return refusal('WITHHELD_PARTS_REQUIRED');
    for (const w of parts) {
      if (!nonEmpty(w.part)) return refusal('WITHHELD_PART_CONTENT_REQUIRED');
      if (!isWithheldPartGround(w.ground))
        return refusal('WITHHELD_PART_GROUND_INVALID', String(w.ground));
      if (!nonEmpty(w.reason)) return refusal('WITHHELD_PART_REASON_REQUIRED');
    }
  }
  return null;
}

/**
 * A proposal as the handler recorded it: the statechart's fields plus the letter fields the history
 * keeps beside them (the case's latest PROPOSE / ON_THE_SPOT_REPLY payload).
 */
export type ProposalFacts = ProposalPayload & Record<string, unknown>;

const THIRD_PARTY_GROUND = 'withhold_third_party';

/** The grounds a proposal withholds on: the outcome itself, or (部分公开) the grounds of its parts. */
function withholdsOn(p: ProposalFacts, ground: string): { whole: boolean; part: boolean } {
  const whole = p.outcome === ground;
  const part = p.outcome === 'partial' && (p.withheldParts ?? []).some((w) => w?.ground === ground);
  return { whole, part };
}

/**
 * Rules a proposal meets when a person proposes it (PROPOSE, ON_THE_SPOT_REPLY) and again when it
 * goes to approval (SUBMIT_FOR_APPROVAL: the record may have changed since, e.g. a consultation
 * closed). They are checked by the action handlers before the statechart, not as its guards: they
 * came after cases were recorded, and log.ts replayCase runs the guards on every stored event, so
 * a history recorded before them must not meet them there. Null = admissible.
 */
export function proposalAdmissionProblem(
  ctx: CaseContext,
  p: ProposalFacts,
  review: SecrecyReview | null = latestSecrecyReview(ctx),
): Refusal | null {
  const thirdParty = withholdsOn(p, THIRD_PARTY_GROUND);
  if (thirdParty.whole || thirdParty.part) {
    const answered = ctx.consultations.filter((c) => c.party === 'thirdParty' && c.closedOn);
    // 条例第十五条: 第三方同意公开……的，予以公开 — withholding on its rights is refused once every
    // third party consulted has agreed (whole, or a withheld part on that ground).
    if (answered.length && answered.every((c) => c.result === 'agree')) return refusal('THIRD_PARTY_CONSENTED');
    // 条例第三十二条: 书面征求第三方的意见 — for a withheld part as for the whole (proposalProblem).
    if (thirdParty.part && !answered.length && !nonEmpty(p.noConsultationReason)) {
      return refusal('THIRD_PARTY_CONSULTATION_REQUIRED');
    }
  }
  if ((p.outcome === 'disclose' || p.outcome === 'partial') && ctx.consultations.some((c) => c.party === 'thirdParty' && c.result === 'object')) {
    // 条例第三十二条: 第三方不同意公开且有合理理由的，行政机关不予公开。行政机关认为不公开可能对公共
    // 利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知第三方 — the
    // finding (public interest, or no reasonable ground), its concrete reason and the content.
    if (!(THIRD_PARTY_OVERRIDE_GROUNDS as readonly unknown[]).includes(p.overrideGround)) {
      return refusal('THIRD_PARTY_OBJECTION_FINDING_REQUIRED', '认定：不公开可能对公共利益造成重大影响（public_interest），或者第三方不同意公开的理由不合理（objection_unfounded）', 'overrideGround');
    }
    if (!nonEmpty(p.overrideReason)) return refusal('THIRD_PARTY_OBJECTION_FINDING_REQUIRED', '作出该认定的具体理由', 'overrideReason');
    if (!nonEmpty(p.disclosedContent)) return refusal('THIRD_PARTY_OBJECTION_FINDING_REQUIRED', '决定公开的政府信息内容', 'disclosedContent');
  }
  const secret = withholdsOn(p, 'withhold_state_secret');
  if (secret.whole || secret.part) {
    // 条例第十四条: 依法确定为国家秘密的政府信息 — found so by the recorded review of 条例第十七条
    // (shared/domain §4a), whose conclusion withholds the information or a part of it.
    if (!review) return refusal('STATE_SECRET_REVIEW_REQUIRED');
    if (review.conclusion !== 'withhold' && review.conclusion !== 'partial') return refusal('STATE_SECRET_NOT_ESTABLISHED');
  }
  return null;
}

/** Why an event's payload / the context refuses it; null = acceptable (state availability is checked by the machine). */
export function eventProblem(ctx: CaseContext, e: CaseEvent): Refusal | null {
  if (!isDate(e.on)) return refusal('EVENT_DATE_INVALID');
  if (!nonEmpty(e.actorId)) return refusal('ACTOR_REQUIRED');
  switch (e.type) {
    case 'CONFIRM_RECEIPT': {
      // 条例第三十一条第（三）项: the receipt date is the confirmation's date (Asia/Shanghai).
      const ms = parseInstant(e.confirmedAt);
      if (ms === null || toShanghaiDate(new Date(ms)) !== e.on) return refusal('CONFIRMATION_TIME_INVALID');
      // Until confirmed, receivedOn holds the day the application arrived (startOnlineApplication).
      return e.on < ctx.receivedOn ? refusal('CONFIRMATION_BEFORE_ARRIVAL', ctx.receivedOn) : null;
    }
    case 'REQUEST_CORRECTION':
      // 条例第30条: 一次性告知 … 说明需要补正的事项和合理的补正期限
      if (ctx.correction) return refusal('CORRECTION_ALREADY_REQUESTED');
      if (!Array.isArray(e.items) || !e.items.length || !e.items.every(nonEmpty))
        return refusal('CORRECTION_ITEMS_REQUIRED');
      if (!Number.isInteger(e.periodWorkingDays) || e.periodWorkingDays < 1)
        return refusal('CORRECTION_PERIOD_INVALID');
      if (e.noticeDue !== undefined && !isDate(e.noticeDue))
        return refusal('CORRECTION_NOTICE_DUE_INVALID');
      // 条例第三十条: 自收到申请之日起7个工作日内一次性告知 — a later notice is refused, since the
      // reply period would otherwise restart from the corrected application (“答复期限自行政机关
      // 收到补正的申请之日起计算”) and a late notice would buy the agency a fresh 20 WD.
      if (e.noticeDue !== undefined && e.on > e.noticeDue)
        return refusal('CORRECTION_NOTICE_LATE', e.noticeDue);
      return badDelivery(e.deliveryMethod) ? refusal('NOTICE_DELIVERY_METHOD_INVALID') : null;
    case 'RECEIVE_CORRECTION':
      return ctx.correction && e.on < ctx.correction.requestedOn
        ? refusal('CORRECTION_RECEIVED_BEFORE_REQUEST')
        : null;
    case 'CLOSE_LAPSED':
      // The ground is the closure's outcome: anything else would close the case under no row of the report.
      if (e.ground !== 'correction_overdue' && e.ground !== 'fee_unpaid') return refusal('LAPSE_GROUND_INVALID');
      if (e.ground === 'correction_overdue' ? !ctx.correction || ctx.correction.receivedOn : !ctx.fee || ctx.fee.paidOn)
        return refusal('NO_APPLICANT_PERIOD_RUNNING');
      if (!isDate(e.dueOn)) return refusal('NO_APPLICANT_PERIOD_RUNNING');
      // 条例第三十条: the period ends at 24:00 of its last day; the lapse is recorded from the day after.
      return e.dueOn < e.on ? null : refusal('PERIOD_NOT_OVER', e.dueOn);
    case 'CORRECTION_PERIOD_LAPSED':
    case 'FEE_PERIOD_LAPSED':
      // A period ends at 24:00 of its last day: it has run out from the day after.
      return isDate(e.dueOn) && e.dueOn < e.on ? null : refusal('PERIOD_LAPSE_DATE_INVALID');
    case 'RECORD_GOOD_REASON':
      // 条例第三十条: 申请人无正当理由逾期不补正的，视为放弃申请 — with a good reason it is not abandoned,
      // and the period runs again, in full, from the day the reason is recorded.
      if (!ctx.closure) return refusal('NO_CLOSURE_PROPOSED');
      if (!nonEmpty(e.reason)) return refusal('GOOD_REASON_REQUIRED');
      if (!Number.isInteger(e.periodWorkingDays) || e.periodWorkingDays < 1)
        return refusal('GOOD_REASON_PERIOD_INVALID');
      if (!isDate(e.dueOn) || e.dueOn <= e.on) return refusal('GOOD_REASON_DUE_INVALID');
      return null;
    case 'ASSIGN':
      return nonEmpty(e.departmentId) ? null : refusal('DEPARTMENT_REQUIRED');
    case 'START_CONSULTATION':
      if (!nonEmpty(e.consultationId)) return refusal('CONSULTATION_ID_REQUIRED');
      if (ctx.consultations.some((c) => c.id === e.consultationId))
        return refusal('CONSULTATION_ID_DUPLICATE');
      // 条例第32条 (third party), 第34条 (co-producing agency)
      if (e.party !== 'thirdParty' && e.party !== 'agency')
        return refusal('CONSULTATION_PARTY_INVALID');
      // 条例第34条 co-producer, 第17条第三款 referral, 第11条 other agency: only for an agency
      if (e.basis !== undefined && (e.party !== 'agency' || !CONSULTATION_BASES.includes(e.basis)))
        return refusal('CONSULTATION_BASIS_INVALID');
      if (!nonEmpty(e.name)) return refusal('CONSULTATION_NAME_REQUIRED');
      if (e.sentOn !== undefined && !isDate(e.sentOn))
        return refusal('CONSULTATION_SENT_ON_INVALID');
      return badDelivery(e.deliveryMethod) ? refusal('NOTICE_DELIVERY_METHOD_INVALID') : null;
    case 'CLOSE_CONSULTATION':
    case 'CONSULTATION_EXPIRED': {
      const c = ctx.consultations.find((x) => x.id === e.consultationId);
      if (!c) return refusal('CONSULTATION_NOT_FOUND', String(e.consultationId));
      if (c.closedOn) return refusal('CONSULTATION_ALREADY_CLOSED');
      if (e.on < c.sentOn) return refusal('CONSULTATION_CLOSED_BEFORE_SENT');
      // 条例第32、34条: the answer period runs from the party's receipt; a referral (第17条第三款) has none.
      if (
        e.type === 'CONSULTATION_EXPIRED' &&
        (consultationBasisOf(c.party, c.basis) === 'secrecyReferral' || (c.deliveryMethod === 'post' && !c.receivedOn))
      )
        return refusal('NOTICE_PERIOD_NOT_RUNNING', '征求意见');
      if (e.type === 'CONSULTATION_EXPIRED' && e.dueOn !== undefined && (!isDate(e.dueOn) || e.dueOn < c.sentOn))
        return refusal('CONSULTATION_CLOSED_BEFORE_SENT');
      if (e.type === 'CLOSE_CONSULTATION' && !['agree', 'object', 'noAnswer'].includes(e.result)) {
        return refusal('CONSULTATION_RESULT_INVALID');
      }
      return null;
    }
    case 'ISSUE_FEE_NOTICE':
      if (ctx.fee) return refusal('FEE_NOTICE_ALREADY_ISSUED');
      // 国办函〔2020〕109号: 按件 or 按量, never both
      if (e.method !== 'per_item' && e.method !== 'per_page') return refusal('FEE_METHOD_INVALID');
      if (!Number.isInteger(e.amount) || e.amount <= 0) return refusal('FEE_AMOUNT_INVALID');
      return badDelivery(e.deliveryMethod) ? refusal('NOTICE_DELIVERY_METHOD_INVALID') : null;
    // 109号 / 条例第30条: the payment and correction periods run from the applicant's receipt of the notice.
    case 'FEE_PERIOD_EXPIRED':
      return ctx.fee?.deliveryMethod === 'post' && !ctx.fee.receivedOn ? refusal('NOTICE_PERIOD_NOT_RUNNING', '缴费') : null;
    case 'CORRECTION_PERIOD_EXPIRED':
      return ctx.correction?.deliveryMethod === 'post' && !ctx.correction.noticeReceivedOn
        ? refusal('NOTICE_PERIOD_NOT_RUNNING', '补正')
        : null;
    case 'RECORD_LETTER_RECEIPT':
      return letterReceiptProblem(ctx, e);
    case 'EXTEND':
      // 条例第33条第二款: once, at most 20 WD, approved by the office head, notified before the deadline
      if (ctx.extension) return refusal('EXTENSION_ALREADY_USED');
      if (!Number.isInteger(e.workingDays) || e.workingDays < 1)
        return refusal('EXTENSION_DAYS_INVALID');
      if (e.workingDays > 20) return refusal('EXTENSION_TOO_LONG');
      if (!nonEmpty(e.reason)) return refusal('EXTENSION_REASON_REQUIRED');
      if (!nonEmpty(e.approvedBy)) return refusal('EXTENSION_APPROVAL_REQUIRED');
      if (!isDate(e.replyDue)) return refusal('EXTENSION_REPLY_DUE_REQUIRED');
      if (e.on > e.replyDue) return refusal('EXTENSION_AFTER_DEADLINE');
      return badDelivery(e.deliveryMethod) ? refusal('NOTICE_DELIVERY_METHOD_INVALID') : null;
    case 'DEFER':
      // 条例第35条: 认为申请理由合理，但是无法在本条例第三十三条规定的期限内答复申请人的，可以确定
      // 延迟答复的合理期限并告知申请人 — reasons recorded as reasonable, decided on or before the
      // 第33条 deadline, to a date after it (a later deferral cannot undo a lateness).
      if (ctx.deferral) return refusal('DEFERRAL_ALREADY_USED');
      if (!isDate(e.deferredTo) || e.deferredTo <= e.on) return refusal('DEFERRAL_DATE_INVALID');
      if (!nonEmpty(e.reason)) return refusal('DEFERRAL_REASON_REQUIRED');
      if (ctx.reasonsInquiry?.reasonable !== true) return refusal('DEFERRAL_REASONS_NOT_REASONABLE');
      if (!isDate(e.replyDue)) return refusal('DEFERRAL_REPLY_DUE_REQUIRED');
      if (e.on > e.replyDue) return refusal('DEFERRAL_AFTER_DEADLINE');
      if (e.deferredTo <= e.replyDue) return refusal('DEFERRAL_NOT_AFTER_DEADLINE', e.replyDue);
      return null;
    case 'REQUEST_REASONS':
      // 条例第35条: 可以要求申请人说明理由 (once)
      return ctx.reasonsInquiry ? refusal('REASONS_ALREADY_REQUESTED') : null;
    case 'RECORD_REASONS': {
      const q = ctx.reasonsInquiry;
      if (!q) return refusal('REASONS_NOT_REQUESTED');
      if (q.recordedOn) return refusal('REASONS_ALREADY_RECORDED');
      if (typeof e.reasonable !== 'boolean') return refusal('REASONS_JUDGEMENT_REQUIRED');
      if (!nonEmpty(e.summary)) return refusal('REASONS_SUMMARY_REQUIRED');
      return e.on < q.requestedOn ? refusal('REASONS_RECORDED_BEFORE_REQUEST') : null;
    }
    case 'RECORD_SECRECY_REVIEW':
      // 条例第17条; shared/domain §4a: who reviewed, the conclusion and its ground
      if (!['disclose', 'partial', 'withhold'].includes(e.conclusion))
        return refusal('SECRECY_CONCLUSION_INVALID');
      if (!nonEmpty(e.ground)) return refusal('SECRECY_GROUND_REQUIRED');
      if (!nonEmpty(e.reviewer)) return refusal('SECRECY_REVIEWER_REQUIRED');
      if (e.conclusion === 'partial' && !nonEmpty(e.withheldPart))
        return refusal('SECRECY_WITHHELD_PART_REQUIRED');
      return null;
    case 'PROPOSE':
      return proposalProblem(ctx, e);
    case 'SUBMIT_FOR_APPROVAL': {
      if (ctx.closure) {
        // 视为放弃申请 (条例第30条; 第42条): the closure the system proposed goes to approval; whoever
        // submits it is its proposer (and may not approve it). Once submitted it waits for its
        // approvers (a return clears the chain and it may be submitted again).
        if (ctx.approvalChain.length) return refusal('CLOSURE_ALREADY_IN_APPROVAL');
        if (!Array.isArray(e.chain) || !e.chain.length) return refusal('APPROVAL_CHAIN_REQUIRED');
        if (!e.chain.every((s) => nonEmpty(s.step))) return refusal('APPROVAL_STEP_NAME_REQUIRED');
        return null;
      }
      if (!ctx.proposal) return refusal('PROPOSAL_MISSING');
      const p = proposalProblem(ctx, ctx.proposal);
      if (p) return p;
      if (openConsultations(ctx).length) return refusal('CONSULTATIONS_OPEN');
      if (ctx.fee && !ctx.fee.paidOn) return refusal('FEE_UNPAID');
      if (!Array.isArray(e.chain) || !e.chain.length) return refusal('APPROVAL_CHAIN_REQUIRED');
      if (!e.chain.every((s) => nonEmpty(s.step))) return refusal('APPROVAL_STEP_NAME_REQUIRED');
      // A reply is the 承办人's proposal: they submit it (a clerk submits only a closure).
      if (!(e.actorRoles ?? []).includes('handler')) return refusal('REPLY_SUBMITTED_BY_HANDLER');
      return null;
    }
    case 'APPROVE':
    case 'RETURN': {
      const idx = ctx.approvals.length;
      const step = ctx.approvalChain[idx];
      if (!step) return refusal('NO_PENDING_APPROVAL_STEP');
      const mayAct = step.approverId
        ? step.approverId === e.actorId
        : (e.actorRoles ?? []).includes(step.step);
      if (!mayAct) return refusal('NOT_YOUR_APPROVAL_STEP', step.step);
      // 逐级审批: each level is another person's check, or the chain is one approval in disguise.
      if (e.type === 'APPROVE' && ctx.approvals.some((a) => a.actorId === e.actorId)) return refusal('APPROVER_ALREADY_APPROVED');
      if (e.type === 'RETURN' && !nonEmpty(e.comments)) return refusal('RETURN_COMMENTS_REQUIRED');
      return null;
    }
    case 'DELIVER':
      if (ctx.decision && e.on < ctx.decision.decidedOn) return refusal('DELIVERY_BEFORE_DECISION');
      if (!['in_person', 'post', 'electronic', 'via_agency'].includes(e.method))
        return refusal('DELIVERY_METHOD_INVALID');
      return nonEmpty(e.recipient) ? null : refusal('RECIPIENT_REQUIRED');
    case 'RECORD_RECONSIDERATION':
    case 'RECORD_LITIGATION':
      if (!isDate(e.filedOn)) return refusal('REMEDY_FILED_ON_REQUIRED');
      if (!['upheld', 'corrected', 'other', 'pending'].includes(e.result))
        return refusal('REMEDY_RESULT_INVALID');
      if (e.decidedOn !== undefined && (!isDate(e.decidedOn) || e.decidedOn < e.filedOn))
        return refusal('REMEDY_DECIDED_ON_INVALID');
      if (e.type === 'RECORD_LITIGATION' && typeof e.afterReconsideration !== 'boolean')
        return refusal('LITIGATION_AFTER_RECONSIDERATION_REQUIRED');
      return null;
    case 'ON_THE_SPOT_REPLY': {
      // 条例第33条第一款 (当场答复); its own review must be complete (条例第17条)
      const sr = e.secrecyReview;
      if (sr && (!nonEmpty(sr.ground) || !nonEmpty(sr.reviewer)))
        return refusal('ON_THE_SPOT_SECRECY_REVIEW_INCOMPLETE');
      return proposalProblem(ctx, e, sr ? { ...sr, on: e.on } : latestSecrecyReview(ctx));
    }
    default:
      return null;
  }
}

/**
 * RECORD_LETTER_RECEIPT: the day a notice reached its recipient — a letter whose periods run from
 * receipt (notices.ts), of a notice the case has, not before the letter was issued, not after the
 * day it is recorded, once (in person and electronically the notice was received when sent).
 */
function letterReceiptProblem(ctx: CaseContext, e: Extract<CaseEvent, { type: 'RECORD_LETTER_RECEIPT' }>): Refusal | null {
  if (!isDate(e.receivedOn) || !isDate(e.letterIssuedOn)) return refusal('LETTER_RECEIPT_DATE_INVALID');
  const label = NOTICE_LETTER_LABEL[e.letterType] ?? String(e.letterType);
  if (!RECEIPT_NOTICE_OF_LETTER[e.letterType]) return refusal('LETTER_RECEIPT_NOT_APPLICABLE', label);
  const n = noticeOfLetter(ctx, e.letterType, e.consultationId);
  if (!n) return refusal('LETTER_NOTICE_NOT_FOUND', label);
  // A 第17条第三款 referral runs no period from its receipt (its letter type says so too).
  if (n.letterType !== e.letterType) return refusal('LETTER_RECEIPT_NOT_APPLICABLE', label);
  const issuedOn = e.letterIssuedOn > n.sentOn ? e.letterIssuedOn : n.sentOn;
  if (e.receivedOn < issuedOn) return refusal('LETTER_RECEIVED_BEFORE_ISSUE', issuedOn);
  if (e.receivedOn > e.on) return refusal('LETTER_RECEIVED_AFTER_RECORDING');
  if (n.receivedOn) return refusal('LETTER_RECEIPT_ALREADY_RECORDED', n.receivedOn);
  return null;
}

/** eventProblem's Chinese message, or null (string form kept for older callers). */
export function eventProblemMessage(ctx: CaseContext, e: CaseEvent): string | null {
  return eventProblem(ctx, e)?.message ?? null;
}

/** APPROVE by the actor completes the chain. */
export function isFinalApproval(ctx: CaseContext): boolean {
  return ctx.approvals.length === ctx.approvalChain.length - 1;
}
