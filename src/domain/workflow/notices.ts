/**
 * Notices whose periods the law counts from the day the recipient received them (legal review
 * finding 1): the consultation letters (条例第32、34条; 第11条 other agencies, 15 WD set by the
 * product), the 补正告知书 (条例第30条: the applicant's correction period), the 收费通知书
 * (国办函〔2020〕109号: 20 WD to pay) and the 延期答复告知书 (条例第33条第二款: the extension must
 * be made known to the applicant — its receipt shows whether that happened before the deadline).
 *
 * Each notice is sent in person, by post or electronically. In person and electronically it
 * reaches the recipient on the day sent (the signature, the sending record); by post on the day
 * of the delivery record, which the office records later (RECORD_LETTER_RECEIPT). Until then the
 * periods counted from receipt have not started.
 *
 * Pure data and functions over the case context and its history entries.
 */
import { consultationBasisOf, receivedWhenSent, type NoticeDeliveryMethod } from '../deadlines/periods';
import type { CaseContext, Consultation, IsoDate } from './types';

export type NoticeKind = 'consultation' | 'correction' | 'fee' | 'extension';

/**
 * The letter types whose receipt may be recorded, and the notice each stands for. Not listed: the
 * 登记回执, the replies (delivered with DELIVER and the 送达回证), the 第17条第三款 referral
 * (no period runs from its receipt), the 第35条 notices and the third-party decision notice.
 */
export const RECEIPT_NOTICE_OF_LETTER: Readonly<Record<string, NoticeKind>> = {
  third_party_consultation: 'consultation',
  agency_consultation: 'consultation',
  other_agency_consultation: 'consultation',
  correction_notice: 'correction',
  fee_notice: 'fee',
  extension_notice: 'extension',
};

/** Chinese names of the letter types (refusals, the ledger). */
export const NOTICE_LETTER_LABEL: Readonly<Record<string, string>> = {
  receipt: '登记回执',
  correction_notice: '补正告知书',
  third_party_consultation: '第三方意见征询函',
  agency_consultation: '共同制作机关征求意见函',
  other_agency_consultation: '征求其他机关意见函',
  secrecy_referral: '保密审查征求意见函',
  third_party_decision_notice: '告知第三方公开决定书',
  extension_notice: '延期答复告知书',
  deferral_notice: '延迟答复告知书',
  fee_notice: '收费通知书',
  reply: '答复书',
  delivery_receipt: '送达回证',
};

/** The letter a consultation is sent with (条例第32条; 第34条; 第11条; 第17条第三款). */
export function consultationLetterType(c: Pick<Consultation, 'party' | 'basis'>): string {
  if (c.party === 'thirdParty') return 'third_party_consultation';
  switch (consultationBasisOf(c.party, c.basis)) {
    case 'secrecyReferral':
      return 'secrecy_referral';
    case 'other':
      return 'other_agency_consultation';
    default:
      return 'agency_consultation';
  }
}

/** The receipt fields a notice records, given how it was sent on `on` (absent method: recorded before it was kept). */
export function noticeSent(deliveryMethod: NoticeDeliveryMethod | undefined, on: IsoDate): { deliveryMethod?: NoticeDeliveryMethod; receivedOn?: IsoDate } {
  if (!deliveryMethod) return {};
  return receivedWhenSent(deliveryMethod) ? { deliveryMethod, receivedOn: on } : { deliveryMethod };
}

/** A notice of the case as the context records it. */
export interface NoticeState {
  kind: NoticeKind;
  letterType: string;
  consultationId?: string;
  /** The day the notice was sent (the letter's issue date). */
  sentOn: IsoDate;
  /** Absent for notices recorded before the delivery method was kept (they count from the day sent). */
  deliveryMethod: NoticeDeliveryMethod | null;
  receivedOn: IsoDate | null;
  /** Posted, receipt not recorded: the periods counted from receipt have not started. */
  awaitingReceipt: boolean;
  /** The notice's matter is still open (an open consultation, an unpaid fee, a correction not yet received, an undecided case). */
  pending: boolean;
}

const awaiting = (deliveryMethod: NoticeDeliveryMethod | undefined, receivedOn: IsoDate | undefined) =>
  deliveryMethod === 'post' && !receivedOn;

/** The case's notices (consultation letters, 补正告知书, 收费通知书, 延期答复告知书), in the order of the context. */
export function noticesOf(ctx: CaseContext): NoticeState[] {
  const out: NoticeState[] = [];
  if (ctx.correction) {
    const c = ctx.correction;
    out.push({
      kind: 'correction',
      letterType: 'correction_notice',
      sentOn: c.requestedOn,
      deliveryMethod: c.deliveryMethod ?? null,
      receivedOn: c.noticeReceivedOn ?? null,
      awaitingReceipt: awaiting(c.deliveryMethod, c.noticeReceivedOn),
      pending: !c.receivedOn && !ctx.closedOn,
    });
  }
  for (const c of ctx.consultations) {
    out.push({
      kind: 'consultation',
      letterType: consultationLetterType(c),
      consultationId: c.id,
      sentOn: c.sentOn,
      deliveryMethod: c.deliveryMethod ?? null,
      receivedOn: c.receivedOn ?? null,
      awaitingReceipt: consultationBasisOf(c.party, c.basis) !== 'secrecyReferral' && awaiting(c.deliveryMethod, c.receivedOn),
      pending: !c.closedOn && !ctx.closedOn,
    });
  }
  if (ctx.fee) {
    const f = ctx.fee;
    out.push({
      kind: 'fee',
      letterType: 'fee_notice',
      sentOn: f.noticeOn,
      deliveryMethod: f.deliveryMethod ?? null,
      receivedOn: f.receivedOn ?? null,
      awaitingReceipt: awaiting(f.deliveryMethod, f.receivedOn),
      pending: !f.paidOn && !ctx.closedOn,
    });
  }
  if (ctx.extension) {
    const x = ctx.extension;
    out.push({
      kind: 'extension',
      letterType: 'extension_notice',
      sentOn: x.on,
      deliveryMethod: x.deliveryMethod ?? null,
      receivedOn: x.noticeReceivedOn ?? null,
      awaitingReceipt: awaiting(x.deliveryMethod, x.noticeReceivedOn),
      pending: !ctx.decision && !ctx.closedOn,
    });
  }
  return out;
}

/** The notice a letter of one of the receipt types stands for in the context, or null. */
export function noticeOfLetter(ctx: CaseContext, letterType: string, consultationId?: string): NoticeState | null {
  const kind = RECEIPT_NOTICE_OF_LETTER[letterType];
  if (!kind) return null;
  return noticesOf(ctx).find((n) => n.kind === kind && (kind !== 'consultation' || n.consultationId === consultationId)) ?? null;
}

/** A history entry as the letter look-up reads it. */
export interface HistoryItem {
  seq: number;
  type: string;
  payload: unknown;
}

/** A letter of the case as its history records it, with the consultation it was sent for. */
export interface LetterOfHistory {
  letterId: string;
  letterType: string;
  docNumber: string;
  issuedOn: IsoDate;
  /** The consultation a consultation letter was sent for (START_CONSULTATION right before it). */
  consultationId?: string;
}

/**
 * Each letter of the case's history with what it was issued for. A step appends its statechart
 * entry and then the letters it implies, so a consultation letter's consultation is the one of the
 * START_CONSULTATION entry before it; a corrected letter (更正) stands for the one it replaces.
 * `issuedOn`: the entry's business date.
 */
export function lettersOfHistory(entries: ReadonlyArray<HistoryItem & { occurredOn: IsoDate }>): LetterOfHistory[] {
  const out: LetterOfHistory[] = [];
  const byId = new Map<string, LetterOfHistory>();
  let lastMachine: (HistoryItem & { occurredOn: IsoDate }) | null = null;
  for (const e of entries) {
    const p = (e.payload ?? {}) as Record<string, unknown>;
    if (e.type !== 'LETTER_ISSUED') {
      if (!['REGISTERED', 'APPLICATION_SUBMITTED', 'OVERDUE_MARKED', 'CONFIRMATION_OVERDUE', 'ELECTRONIC_DELIVERY_ACCEPTED', 'DEADLINES_RECALCULATED'].includes(e.type)) lastMachine = e;
      continue;
    }
    const replaced = typeof p.replacesId === 'string' ? byId.get(p.replacesId) : undefined;
    const fromStep =
      lastMachine?.type === 'START_CONSULTATION' ? ((lastMachine.payload ?? {}) as Record<string, unknown>).consultationId : undefined;
    const consultationId = replaced ? replaced.consultationId : typeof fromStep === 'string' ? fromStep : undefined;
    const l: LetterOfHistory = {
      letterId: String(p.letterId),
      letterType: String(p.type),
      docNumber: String(p.docNumber ?? ''),
      // A notice goes out on its step's date (a 补录 records a step done earlier on paper; the letter
      // row itself is dated the day it was generated); a corrected letter (更正) on its own date.
      issuedOn: !replaced && lastMachine?.occurredOn ? lastMachine.occurredOn : e.occurredOn,
      ...(consultationId ? { consultationId } : {}),
    };
    byId.set(l.letterId, l);
    out.push(l);
  }
  return out;
}
