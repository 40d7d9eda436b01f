import { isIsoDate } from '../calendar/iso-date';
import { WorkingCalendar } from '../calendar/working-calendar';
import { CONSULTATION_BASES, consultationAnswerPeriod, consultationBasisOf, PERIODS, type ConsultationBasis } from './periods';

/**
 * The statutory clock of one request (shared/domain/README.md §3).
 *
 * - 补正告知: 7 WD from the receipt date (条例第30条).
 * - 答复: 20 WD from the receipt date, or — after a correction — from the day the corrected
 *   application is received, the old clock discarded (条例第30、33条); plus an approved extension
 *   of at most 20 WD (条例第33条第二款); or replaced by an Art 35 deferred date.
 * - Paused time (条例第33条第三款): for a consultation sent on S and answered on R, the working
 *   days d with S < d ≤ min(R, answer due) do not count (the answer is due 15 WD after the party
 *   received the letter, 条例第32、34条; an expired consultation closes on that day); overlapping
 *   pauses count once. A 第17条第三款 referral has no answer period: it pauses until answered.
 *   The fee period pauses the same way unless the agency switched it off.
 * - Periods counted from the recipient's receipt (条例第30、32、34条; 109号: "自收到……之日起"):
 *   the consultation answer, the fee payment and the applicant's correction period run from the
 *   day the letter reached its recipient (`receivedOn`; the day sent when none is given). A
 *   posted notice whose delivery is not yet known (`awaitingReceipt`) has no due date yet: the
 *   due is null with `awaitingReceipt: true`; a consultation awaiting its receipt pauses at most
 *   until the earliest day its period could end (15 WD after sending), extended to 15 WD after
 *   receipt once the receipt is recorded.
 * - Counting: the start day never counts; the deadline is the N-th counted working day after it.
 */
export interface ClockInput {
  receiptDate: string;
  /**
   * reopenedOn: a good reason (正当理由, 条例第30条) reopened the applicant's period, which then runs
   * again, in full, from that day.
   */
  correction?: {
    /** The day the 补正告知书 was issued. */
    requestedOn: string;
    /** The day the corrected application was received (the reply clock restarts, 条例第30条). */
    receivedOn?: string | null;
    periodWorkingDays?: number | null;
    /** The day the applicant received the notice (the correction period runs from here); defaults to requestedOn. */
    noticeReceivedOn?: string | null;
    /** The notice was posted and its delivery is not known yet: the correction period has not started. */
    noticeAwaitingReceipt?: boolean | null;
    reopenedOn?: string | null;
  } | null;
  consultations?: Array<{
    id?: string;
    party: 'thirdParty' | 'agency';
    /** For an agency: coProducer (default, 条例第34条), secrecyReferral (条例第17条第三款), other (条例第11条). */
    basis?: ConsultationBasis | null;
    name?: string;
    sentOn: string;
    /** The day the party received the letter (its 15 WD run from here); defaults to sentOn. */
    receivedOn?: string | null;
    /** The letter was posted and its delivery is not known yet: no answer due date yet. */
    awaitingReceipt?: boolean | null;
    closedOn?: string | null;
  }>;
  /** reopenedOn: a good reason reopened the fee period, which runs again, in full, from that day. */
  feePeriods?: Array<{
    noticeOn: string;
    /** The day the applicant received the fee notice (the 20 WD run from here); defaults to noticeOn. */
    receivedOn?: string | null;
    /** The notice was posted and its delivery is not known yet: no payment due date yet. */
    awaitingReceipt?: boolean | null;
    paidOn?: string | null;
    reopenedOn?: string | null;
  }>;
  extensionWorkingDays?: number | null;
  deferredTo?: string | null;
  /** "Today" for open periods, remaining days and overdue. Required when a period is open. */
  asOf?: string | null;
  /** Agency setting (shared/domain §3); default true. */
  feePausesClock?: boolean;
}

export type LedgerEntry =
  | { kind: 'start'; date: string; reason: string; text: string }
  | { kind: 'period'; workingDays: number; text: string }
  | { kind: 'extension'; workingDays: number; text: string }
  | { kind: 'pause'; from: string; to: string; reason: string; workingDaysRemoved: number; text: string }
  | { kind: 'holiday'; name: string; from: string; to: string; text: string }
  | { kind: 'makeup'; name: string; date: string; text: string }
  | { kind: 'deferral'; date: string; text: string }
  | { kind: 'provisional'; year: number; text: string }
  | { kind: 'deadline'; name: DeadlineName; date: string; provisional: boolean; text: string };

export type DeadlineName =
  | 'correctionNoticeDue'
  | 'replyDue'
  /** The 第33条 deadline a 第35条 deferral replaced (kept in the ledger). */
  | 'statutoryReplyDue'
  | 'applicantCorrectionDue'
  | 'consultationDue'
  | 'feePaymentDue';

export interface ClockResult {
  correctionNoticeDue: string;
  replyDue: string | null;
  /** The 第33条 deadline (20 WD plus extension and pauses), whether or not a 第35条 deferral replaced it. */
  statutoryReplyDue: string | null;
  /** Start of the reply clock (receipt date, or receipt of the corrected application). */
  replyClockStart: string | null;
  provisional: boolean;
  remainingWorkingDays: number | null;
  overdue: boolean;
  ledger: LedgerEntry[];
  /** The applicant's correction period's last day; null without a correction or while the notice's receipt is unknown. */
  applicantCorrectionDue: string | null;
  /** The 补正告知书 was posted and its delivery is not known yet (applicantCorrectionDue is null). */
  applicantCorrectionAwaitingReceipt: boolean;
  /**
   * Each consultation's answer due date: null while a posted letter's receipt is unknown
   * (`awaitingReceipt`) and for a 第17条第三款 referral, which has no answer period.
   */
  consultationDues: Array<{
    index: number;
    id?: string;
    party: 'thirdParty' | 'agency';
    basis: ConsultationBasis | null;
    due: string | null;
    open: boolean;
    provisional: boolean;
    awaitingReceipt: boolean;
  }>;
  /** The fee payment due date: null while a posted notice's receipt is unknown (`awaitingReceipt`). */
  feePaymentDues: Array<{ index: number; due: string | null; open: boolean; provisional: boolean; awaitingReceipt: boolean }>;
  /** Working days left out of the reply period by the pauses. */
  pausedWorkingDays: number;
}

export class ClockInputError extends Error {
  constructor(public readonly errors: Array<{ field: string; message: string }>) {
    super(errors.map((e) => e.message).join('；'));
  }
}

const minDate = (a: string, b: string) => (a < b ? a : b);

function cn(iso: string): string {
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

/**
 * Checks a raw request body (shape, date formats, impossible dates, order of dates, ranges) and
 * returns field errors in Chinese; an empty list means `raw` is a valid ClockInput. The HTTP
 * layer answers 400 with them.
 */
export function validateClockInput(raw: unknown): Array<{ field: string; message: string }> {
  const errors: Array<{ field: string; message: string }> = [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(raw)) return [{ field: '', message: '请求体必须是对象' }];
  for (const key of ['consultations', 'feePeriods'] as const) {
    const v = raw[key];
    if (v != null && !Array.isArray(v)) errors.push({ field: key, message: `${key} 必须是数组` });
    else if (Array.isArray(v)) {
      v.forEach((x, i) => {
        if (!isObj(x)) errors.push({ field: `${key}[${i}]`, message: `${key}[${i}] 必须是对象` });
      });
    }
  }
  if (raw.correction != null && !isObj(raw.correction)) errors.push({ field: 'correction', message: 'correction 必须是对象' });
  if (raw.feePausesClock != null && typeof raw.feePausesClock !== 'boolean') {
    errors.push({ field: 'feePausesClock', message: 'feePausesClock 必须是布尔值' });
  }
  if (errors.length) return errors;
  const input = raw as unknown as ClockInput;
  const date = (field: string, v: unknown, required = false) => {
    if (v === undefined || v === null) {
      if (required) errors.push({ field, message: `${field} 为必填项` });
      return false;
    }
    if (!isIsoDate(v)) {
      const shaped = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
      errors.push({
        field,
        message: shaped ? `${field} 日期不存在：${v}` : `${field} 必须是有效日期，格式为 YYYY-MM-DD`,
      });
      return false;
    }
    return true;
  };
  const notBefore = (field: string, v: string, ref: string, refField: string) => {
    if (v < ref) errors.push({ field, message: `${field} 不能早于 ${refField}（${ref}）` });
  };
  // awaitingReceipt: a boolean, and never together with the receipt date it says is unknown.
  const awaiting = (field: string, v: unknown, receivedOn: unknown, receivedField: string) => {
    if (v == null) return;
    if (typeof v !== 'boolean') errors.push({ field, message: `${field} 必须是布尔值` });
    else if (v && receivedOn != null) errors.push({ field, message: `${field} 为 true 时不能同时填写 ${receivedField}（收到日期未知）` });
  };
  if (!date('receiptDate', input.receiptDate, true)) return errors;
  const r = input.receiptDate;
  const c = input.correction;
  if (c) {
    if (date('correction.requestedOn', c.requestedOn, true)) {
      notBefore('correction.requestedOn', c.requestedOn, r, 'receiptDate');
      if (date('correction.receivedOn', c.receivedOn)) notBefore('correction.receivedOn', c.receivedOn!, c.requestedOn, 'correction.requestedOn');
      if (date('correction.reopenedOn', c.reopenedOn)) notBefore('correction.reopenedOn', c.reopenedOn!, c.requestedOn, 'correction.requestedOn');
    }
    if (c.periodWorkingDays != null && (!Number.isInteger(c.periodWorkingDays) || c.periodWorkingDays < 1 || c.periodWorkingDays > 60)) {
      errors.push({ field: 'correction.periodWorkingDays', message: 'correction.periodWorkingDays 必须是 1 到 60 之间的整数' });
    }
    if (isIsoDate(c.requestedOn) && date('correction.noticeReceivedOn', c.noticeReceivedOn)) {
      notBefore('correction.noticeReceivedOn', c.noticeReceivedOn!, c.requestedOn, 'correction.requestedOn');
    }
    awaiting('correction.noticeAwaitingReceipt', c.noticeAwaitingReceipt, c.noticeReceivedOn, 'correction.noticeReceivedOn');
  }
  (input.consultations ?? []).forEach((x, i) => {
    const f = `consultations[${i}]`;
    if (x.party !== 'thirdParty' && x.party !== 'agency') {
      errors.push({ field: `${f}.party`, message: `${f}.party 必须是 thirdParty 或 agency` });
    }
    if (x.basis != null) {
      if (!(CONSULTATION_BASES as readonly unknown[]).includes(x.basis)) {
        errors.push({ field: `${f}.basis`, message: `${f}.basis 必须是 coProducer、secrecyReferral 或 other` });
      } else if (x.party === 'thirdParty') {
        errors.push({ field: `${f}.basis`, message: `${f}.basis 仅适用于征求其他机关意见（party 为 agency）` });
      }
    }
    awaiting(`${f}.awaitingReceipt`, x.awaitingReceipt, x.receivedOn, `${f}.receivedOn`);
    if (!date(`${f}.sentOn`, x.sentOn, true)) return;
    notBefore(`${f}.sentOn`, x.sentOn, r, 'receiptDate');
    if (date(`${f}.receivedOn`, x.receivedOn)) notBefore(`${f}.receivedOn`, x.receivedOn!, x.sentOn, `${f}.sentOn`);
    if (date(`${f}.closedOn`, x.closedOn)) notBefore(`${f}.closedOn`, x.closedOn!, x.sentOn, `${f}.sentOn`);
  });
  (input.feePeriods ?? []).forEach((x, i) => {
    const f = `feePeriods[${i}]`;
    if (!date(`${f}.noticeOn`, x.noticeOn, true)) return;
    notBefore(`${f}.noticeOn`, x.noticeOn, r, 'receiptDate');
    if (date(`${f}.receivedOn`, x.receivedOn)) notBefore(`${f}.receivedOn`, x.receivedOn!, x.noticeOn, `${f}.noticeOn`);
    awaiting(`${f}.awaitingReceipt`, x.awaitingReceipt, x.receivedOn, `${f}.receivedOn`);
    if (date(`${f}.paidOn`, x.paidOn)) notBefore(`${f}.paidOn`, x.paidOn!, x.noticeOn, `${f}.noticeOn`);
    if (date(`${f}.reopenedOn`, x.reopenedOn)) notBefore(`${f}.reopenedOn`, x.reopenedOn!, x.noticeOn, `${f}.noticeOn`);
  });
  const ext = input.extensionWorkingDays;
  // 0 means no extension; more than 20 is unlawful (条例第三十三条第二款).
  if (ext != null && (!Number.isInteger(ext) || ext < 0 || ext > PERIODS.maxExtension)) {
    errors.push({ field: 'extensionWorkingDays', message: `extensionWorkingDays 必须是 0 到 ${PERIODS.maxExtension} 之间的整数（条例第三十三条：延长不超过20个工作日）` });
  }
  if (date('deferredTo', input.deferredTo)) notBefore('deferredTo', input.deferredTo!, r, 'receiptDate');
  if (date('asOf', input.asOf)) notBefore('asOf', input.asOf!, r, 'receiptDate');
  const open =
    (input.consultations ?? []).some((x) => !x.closedOn) ||
    ((input.feePausesClock ?? true) && (input.feePeriods ?? []).some((x) => !x.paidOn));
  if (open && !input.asOf) errors.push({ field: 'asOf', message: '存在尚未结束的征求意见或缴费期间时，asOf 为必填项' });
  return errors;
}

interface Pause {
  from: number; // S (index): days d with S < d ≤ R are paused
  to: number; // R
  reasons: string[];
}

const CONSULTATION_REASON = {
  thirdParty: '征求第三方意见（条例第三十二条、第三十三条第三款）',
  coProducer: '征求共同制作机关意见（条例第三十四条、第三十三条第三款）',
  other: '征求其他机关意见（条例第十一条、第三十三条第三款）',
  secrecyReferral: '报请有关主管部门或者保密行政管理部门确定（条例第十七条第三款、第三十三条第三款）',
} as const;
const FEE_REASON = '收费通知至缴费期间（国办函〔2020〕109号，本机关设置为不计入）';

export function computeClock(input: ClockInput, cal: WorkingCalendar): ClockResult {
  const errors = validateClockInput(input);
  if (errors.length) throw new ClockInputError(errors);
  const ledger: LedgerEntry[] = [];
  const asOf = input.asOf ?? null;
  const r = input.receiptDate;

  const correctionNoticeDue = cal.addWorkingDays(r, PERIODS.correctionNotice);
  const correctionProvisional = cal.rangeProvisional(r, correctionNoticeDue);

  // Consultation and fee deadlines run from the recipient's receipt (条例第32、34条; 109号): none
  // while a posted letter's receipt is unknown, none for a 第17条第三款 referral.
  const consultationDues = (input.consultations ?? []).map((c, index) => {
    const basis = consultationBasisOf(c.party, c.basis);
    const n = consultationAnswerPeriod(c.party, basis);
    const awaitingReceipt = n !== null && !!c.awaitingReceipt;
    const from = c.receivedOn ?? c.sentOn;
    const due = n === null || awaitingReceipt ? null : cal.addWorkingDays(from, n);
    return { index, id: c.id, party: c.party, basis, due, open: !c.closedOn, provisional: due !== null && cal.rangeProvisional(from, due), awaitingReceipt };
  });
  const feePaymentDues = (input.feePeriods ?? []).map((f, index) => {
    // A good reason reopens the period from that day, whatever the receipt of the notice.
    const awaitingReceipt = !f.reopenedOn && !!f.awaitingReceipt;
    const from = f.reopenedOn ?? f.receivedOn ?? f.noticeOn;
    const due = awaitingReceipt ? null : cal.addWorkingDays(from, PERIODS.feePayment);
    return { index, due, open: !f.paidOn, provisional: due !== null && cal.rangeProvisional(from, due), awaitingReceipt };
  });

  // The reply clock's start (条例第30条: after a correction it runs from the corrected application).
  const corr = input.correction ?? null;
  let start: string | null = r;
  let startReason = '收到申请之日（条例第三十一条），当日不计入';
  let applicantCorrectionDue: string | null = null;
  // 条例第30条: the applicant's period runs from the day they received the 补正告知书, or again, in
  // full, from the day a good reason reopened it.
  const applicantCorrectionAwaitingReceipt = !corr?.reopenedOn && !!corr?.noticeAwaitingReceipt;
  const correctionFrom = corr ? (corr.reopenedOn ?? corr.noticeReceivedOn ?? corr.requestedOn) : null;
  const correctionDays = corr?.periodWorkingDays ?? PERIODS.applicantCorrectionDefault;
  if (corr) {
    if (!applicantCorrectionAwaitingReceipt) applicantCorrectionDue = cal.addWorkingDays(correctionFrom!, correctionDays);
    if (corr.receivedOn) {
      start = corr.receivedOn;
      startReason = '收到补正申请之日（条例第三十条，原期限不再计算），当日不计入';
    } else {
      start = null;
    }
  }

  // provisional (shared/domain §3): any returned deadline that depends on a day of a year without a notice.
  const otherProvisional =
    correctionProvisional ||
    (applicantCorrectionDue !== null && cal.rangeProvisional(correctionFrom!, applicantCorrectionDue)) ||
    consultationDues.some((c) => c.provisional) ||
    feePaymentDues.some((f) => f.provisional);

  const base: Omit<ClockResult, 'replyDue' | 'statutoryReplyDue' | 'replyClockStart' | 'provisional' | 'remainingWorkingDays' | 'overdue' | 'pausedWorkingDays'> = {
    correctionNoticeDue,
    ledger,
    applicantCorrectionDue,
    applicantCorrectionAwaitingReceipt,
    consultationDues,
    feePaymentDues,
  };
  ledger.push({
    kind: 'deadline',
    name: 'correctionNoticeDue',
    date: correctionNoticeDue,
    provisional: correctionProvisional,
    text: `补正告知期限：自${cn(r)}起${PERIODS.correctionNotice}个工作日，至${cn(correctionNoticeDue)}（条例第三十条）`,
  });
  if (applicantCorrectionDue) {
    const got = corr!.noticeReceivedOn && corr!.noticeReceivedOn !== corr!.requestedOn ? '（申请人收到补正告知书之日）' : '';
    ledger.push({
      kind: 'deadline',
      name: 'applicantCorrectionDue',
      date: applicantCorrectionDue,
      provisional: cal.rangeProvisional(correctionFrom!, applicantCorrectionDue),
      text: corr!.reopenedOn
        ? `申请人补正期限：因正当理由自${cn(corr!.reopenedOn)}起重新计算${correctionDays}个工作日，至${cn(applicantCorrectionDue)}（条例第三十条）`
        : `申请人补正期限：自${cn(correctionFrom!)}${got}起${correctionDays}个工作日，至${cn(applicantCorrectionDue)}（条例第三十条）`,
    });
  } else if (applicantCorrectionAwaitingReceipt) {
    ledger.push({
      kind: 'period',
      workingDays: correctionDays,
      text: `申请人补正期限：自申请人收到补正告知书之日起${correctionDays}个工作日（条例第三十条）；告知书以邮寄方式送达，收到日期尚未记录，期限尚未起算`,
    });
  }
  consultationDues.forEach((d, i) => {
    if (d.awaitingReceipt) {
      const c = input.consultations![i];
      ledger.push({
        kind: 'period',
        workingDays: consultationAnswerPeriod(c.party, d.basis)!,
        text: `征求意见${c.id ? `（${c.id}）` : ''}：${cn(c.sentOn)}邮寄的征求意见函收到日期尚未记录，答复期限自对方收到之日起计算，尚未起算；记录收到日期之前，不计入的时间暂计至发函后第${consultationAnswerPeriod(c.party, d.basis)}个工作日`,
      });
    }
  });
  feePaymentDues.forEach((d, i) => {
    if (d.awaitingReceipt) {
      ledger.push({
        kind: 'period',
        workingDays: PERIODS.feePayment,
        text: `缴费期限：${cn(input.feePeriods![i].noticeOn)}邮寄的收费通知书收到日期尚未记录，缴费期限自申请人收到之日起${PERIODS.feePayment}个工作日，尚未起算`,
      });
    }
  });

  if (start === null) {
    ledger.push({ kind: 'period', workingDays: 0, text: '等待申请人补正：答复期限自收到补正申请之日起重新计算（条例第三十条）' });
    return {
      ...base,
      replyDue: null,
      statutoryReplyDue: null,
      replyClockStart: null,
      provisional: otherProvisional,
      remainingWorkingDays: null,
      overdue: false,
      pausedWorkingDays: 0,
    };
  }

  ledger.push({ kind: 'start', date: start, reason: startReason, text: `起算：${cn(start)}，${startReason}` });
  const ext = input.extensionWorkingDays ?? 0;
  const total = PERIODS.reply + ext;
  ledger.push({ kind: 'period', workingDays: PERIODS.reply, text: `答复期限${PERIODS.reply}个工作日（条例第三十三条第二款）` });
  if (ext) {
    ledger.push({
      kind: 'extension',
      workingDays: ext,
      text: `经政府信息公开工作机构负责人同意延长${ext}个工作日（条例第三十三条第二款）`,
    });
  }

  // Pauses after the start, merged (overlapping or adjacent stretches pause once).
  const s0 = cal.index(start);
  const raw: Pause[] = [];
  (input.consultations ?? []).forEach((c, i) => {
    // 条例第三十三条第三款 excludes only the time the consultation needs (所需时间), which
    // 条例第三十二条、第三十四条 fix at 15 WD from the party's receipt of the letter: the pause
    // ends at min(closedOn, answer due); an answer after the period does not lengthen it. Without
    // a due (a 第十七条第三款 referral) it ends when answered. While a posted letter's receipt is not
    // known, the period ends at the earliest on the N-th working day after it was sent (as if
    // received that day): the pause never runs past that until the receipt is recorded, so a
    // forgotten delivery record cannot stretch the reply period.
    const n = consultationAnswerPeriod(c.party, consultationDues[i].basis);
    const cap = consultationDues[i].due ?? (n === null ? null : cal.addWorkingDays(c.sentOn, n));
    const answered = c.closedOn ?? asOf!;
    const end = cap === null ? answered : minDate(answered, cap);
    const basis = consultationDues[i].basis;
    raw.push({ from: cal.index(c.sentOn), to: cal.index(end), reasons: [CONSULTATION_REASON[basis ?? 'thirdParty']] });
  });
  if (input.feePausesClock ?? true) {
    for (const f of input.feePeriods ?? []) {
      raw.push({ from: cal.index(f.noticeOn), to: cal.index(f.paidOn ?? asOf!), reasons: [FEE_REASON] });
    }
  }
  const clipped = raw
    .map((p) => ({ ...p, from: Math.max(p.from, s0) }))
    .filter((p) => p.to > p.from)
    .sort((a, b) => a.from - b.from || a.to - b.to);
  const merged: Pause[] = [];
  for (const p of clipped) {
    const last = merged[merged.length - 1];
    if (last && p.from <= last.to) {
      last.to = Math.max(last.to, p.to);
      for (const reason of p.reasons) if (!last.reasons.includes(reason)) last.reasons.push(reason);
    } else merged.push({ ...p, reasons: [...p.reasons] });
  }

  // Walk the stretches between pauses with prefix sums: O(number of pauses).
  let pos = s0;
  let remaining = total;
  let dueIdx = -1;
  let pausedWorkingDays = 0;
  const usedPauses: Array<Pause & { removed: number }> = [];
  for (const p of merged) {
    const available = cal.workingBetweenIndex(pos, p.from);
    if (remaining <= available) break;
    remaining -= available;
    const removed = cal.workingBetweenIndex(p.from, p.to);
    pausedWorkingDays += removed;
    usedPauses.push({ ...p, removed });
    pos = p.to;
  }
  dueIdx = cal.addIndex(pos, remaining);
  let replyDue = cal.dateAt(dueIdx);

  for (const p of usedPauses) {
    const from = cal.dateAt(p.from);
    const to = cal.dateAt(p.to);
    ledger.push({
      kind: 'pause',
      from,
      to,
      reason: p.reasons.join('；'),
      workingDaysRemoved: p.removed,
      text: `${cn(from)}（不含）至${cn(to)}：${p.reasons.join('；')}，不计入期限，扣除${p.removed}个工作日`,
    });
  }
  for (const s of cal.specialDaysBetween(start, replyDue)) {
    if (s.kind === 'holiday') {
      ledger.push({
        kind: 'holiday',
        name: s.name,
        from: s.from,
        to: s.to,
        text: s.from === s.to ? `${cn(s.from)} ${s.name}放假，不计入` : `${cn(s.from)}至${cn(s.to)} ${s.name}放假，不计入`,
      });
    } else {
      ledger.push({ kind: 'makeup', name: s.name, date: s.from, text: `${cn(s.from)} ${s.name}调休上班，计为工作日` });
    }
  }
  let provisional = cal.rangeProvisional(start, replyDue);
  const statutoryReplyDue = replyDue;
  if (input.deferredTo) {
    // 条例第三十五条: the deferred date replaces the 第33条 deadline, which stays in the ledger.
    ledger.push({
      kind: 'deadline',
      name: 'statutoryReplyDue',
      date: statutoryReplyDue,
      provisional,
      text: `条例第三十三条规定的答复期限：${cn(statutoryReplyDue)}${provisional ? '（暂定）' : ''}`,
    });
    replyDue = input.deferredTo;
    provisional = false;
    ledger.push({
      kind: 'deferral',
      date: input.deferredTo,
      text: `依条例第三十五条确定延迟答复的合理期限至${cn(input.deferredTo)}，替代${cn(statutoryReplyDue)}的答复期限`,
    });
  }
  for (const y of provisional ? cal.provisionalYearsBetween(start, replyDue) : []) {
    ledger.push({ kind: 'provisional', year: y, text: `${y}年节假日安排尚未载入，该年按周一至周五计算，期限为暂定` });
  }
  ledger.push({
    kind: 'deadline',
    name: 'replyDue',
    date: replyDue,
    provisional,
    text: `答复期限：${cn(replyDue)}${provisional ? '（暂定）' : ''}`,
  });

  let remainingWorkingDays: number | null = null;
  let overdue = false;
  if (asOf) {
    if (asOf <= replyDue) {
      remainingWorkingDays = cal.workingDaysBetween(asOf, replyDue);
    } else {
      remainingWorkingDays = -cal.workingDaysBetween(replyDue, asOf);
      overdue = true;
    }
  }
  return {
    ...base,
    replyDue,
    statutoryReplyDue,
    replyClockStart: start,
    provisional: provisional || otherProvisional,
    remainingWorkingDays,
    overdue,
    pausedWorkingDays,
  };
}

export interface ExplainedDay {
  date: string;
  /** The calendar's classification of the day. */
  kind: 'workday' | 'weekend' | 'holiday' | 'makeup';
  /** Holiday or make-up day name from the notice. */
  name?: string;
  /** A working day inside a paused stretch S < d ≤ R (条例第三十三条第三款). */
  paused: boolean;
  /** Counts towards the period: a working day that is not paused. */
  counted: boolean;
  /** Running count of counted days, from (exclusive) to this day (inclusive). */
  count: number;
  /** The day lies in a year whose notice is not loaded. */
  provisional: boolean;
}

/**
 * Each day d with from < d ≤ to, for the UI's day-by-day explanation. `pauses` are stretches
 * {from: S, to: R} whose days S < d ≤ R do not count (e.g. the ledger's pause entries).
 */
export function explainDays(
  cal: WorkingCalendar,
  from: string,
  to: string,
  pauses: ReadonlyArray<{ from: string; to: string }> = [],
): ExplainedDay[] {
  const out: ExplainedDay[] = [];
  const ps = pauses.map((p) => [cal.index(p.from), cal.index(p.to)] as const);
  let count = 0;
  for (let i = cal.index(from) + 1; i <= cal.index(to); i++) {
    const date = cal.dateAt(i);
    const working = cal.isWorkingDay(date);
    const paused = working && ps.some(([s, r]) => s < i && i <= r);
    const counted = working && !paused;
    if (counted) count++;
    const name = cal.dayName(date);
    out.push({ date, kind: cal.dayKind(date), ...(name ? { name } : {}), paused, counted, count, provisional: cal.isProvisional(date) });
  }
  return out;
}
