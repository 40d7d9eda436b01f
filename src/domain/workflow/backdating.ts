/**
 * 补录 (a backdated entry): an action whose business date (occurredOn) lies before the day it is
 * recorded. A backdated action records a fact that already happened on paper; it must not be a way
 * around the statutory checks (an extension refused after the deadline, accepted when dated
 * before it). Beyond the agency's grace window the entry needs a reason and is flagged for the
 * legal audit (法制审核).
 *
 * This is an internal-control rule of the agency, not an article of the 条例: the 条例 counts its
 * periods from the day things happen (第30条、第33条), and says nothing about when they are typed
 * in. The window is an agency setting (AgencySettings.backdateGraceWorkingDays).
 * Pure: today and the working calendar are passed in.
 */
import type { FieldProblem } from './commands';
import type { IsoDate } from './types';

/** Working days an action may lag behind without a reason, unless the agency sets its own. */
export const BACKDATE_GRACE_WORKING_DAYS_DEFAULT = 3;

/** Longest reason accepted (BackdateReason in the action DTOs). */
export const BACKDATE_REASON_MAX_LENGTH = 500;

/** What the rule reads of the working calendar (WorkingCalendar). */
export interface BackdateCalendar {
  /** Working days d with a < d ≤ b. */
  workingDaysBetween(a: IsoDate, b: IsoDate): number;
}

export interface BackdateAssessment {
  /** Dated before today. */
  backdated: boolean;
  /** Working days after occurredOn up to and including today (0: today, or only rest days since). */
  workingDaysLate: number;
  graceWorkingDays: number;
  /** Later than the grace window: a reason is needed and the entry is flagged for the legal audit. */
  beyondGrace: boolean;
}

/** How late an action dated `occurredOn` is recorded on `today`, against the grace window. */
export function assessBackdating(occurredOn: IsoDate, today: IsoDate, graceWorkingDays: number, calendar: BackdateCalendar): BackdateAssessment {
  const workingDaysLate = occurredOn < today ? calendar.workingDaysBetween(occurredOn, today) : 0;
  return { backdated: occurredOn < today, workingDaysLate, graceWorkingDays, beyondGrace: workingDaysLate > graceWorkingDays };
}

/** The refusal of an entry beyond the grace window without a reason (null: nothing missing). */
export function backdateProblem(a: BackdateAssessment, reason: string | null | undefined): FieldProblem | null {
  if (!a.beyondGrace || (reason ?? '').trim() !== '') return null;
  const message = `业务发生日期早于今天超过 ${a.graceWorkingDays} 个工作日（晚 ${a.workingDaysLate} 个工作日补录），须填写补录原因（backdateReason）`;
  return { field: 'backdateReason', message, fieldMessage: `backdateReason 为必填项：补录超过 ${a.graceWorkingDays} 个工作日的业务须说明原因` };
}

/** What the history entry records of a backdated entry (payload.backdate). */
export interface BackdateRecord {
  reason: string | null;
  /** The day the entry was recorded (the server's date; recordedAt has the instant). */
  recordedOn: IsoDate;
  workingDaysLate: number;
  graceWorkingDays: number;
  /** Beyond the grace window: listed for the legal audit. */
  flagged: boolean;
}

/**
 * The history's note of a backdated entry: every entry beyond the grace window (flagged), and a
 * backdated one within it when a reason was given anyway (kept, not flagged). Null for the rest.
 */
export function backdateRecord(a: BackdateAssessment, reason: string | null | undefined, today: IsoDate): BackdateRecord | null {
  const r = (reason ?? '').trim() || null;
  if (!a.backdated || (!a.beyondGrace && r === null)) return null;
  return { reason: r, recordedOn: today, workingDaysLate: a.workingDaysLate, graceWorkingDays: a.graceWorkingDays, flagged: a.beyondGrace };
}
