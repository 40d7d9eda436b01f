/**
 * Dashboard figures for the web UI (issue 15, item 6): received per month, cases by state, outcomes,
 * the share of replies delivered on time (条例第33条: 20 working days, extended at most once by 20),
 * the average working days from receipt (条例第31条) to the reply's delivery, overdue cases by
 * department. Pure: the aggregates come in from SQL, the working-day count from the calendar.
 */
import { STATE_LABELS, type StateKey } from '../workflow/case';
import type { IsoDate } from '../workflow/types';
import { OUTCOMES, type OutcomeCode } from '../outcomes/outcomes';

export interface DashboardCounts {
  receivedByMonth: Array<{ month: number; n: number }>;
  byState: Array<{ state: string; n: number }>;
  byOutcome: Array<{ outcome: string | null; n: number }>;
  /** Replies delivered in the period, grouped by receipt and closing date (for the working-day count). */
  replies: Array<{ receiptDate: IsoDate; closedOn: IsoDate; n: number; onTime: number; late: number }>;
  departments: Array<{ departmentId: string | null; department: string | null; open: number; overdue: number }>;
}

export interface Dashboard {
  year: number;
  asOf: IsoDate;
  receivedByMonth: Array<{ month: number; received: number }>;
  byState: Array<{ state: string; label: string; count: number }>;
  byOutcome: Array<{ outcome: string; label: string; row: string; count: number }>;
  replies: {
    /** Replies (outcome by decision) delivered between 1 January and asOf. */
    delivered: number;
    onTime: number;
    late: number;
    /** onTime / (onTime + late), null without replies with a known deadline. */
    onTimeRate: number | null;
    /** Mean working days from the receipt date to the delivery of the reply, null without replies. */
    averageWorkingDays: number | null;
  };
  /** Open cases by department now (null: not yet assigned), with those past their deadline. */
  overdueByDepartment: Array<{ departmentId: string | null; department: string; open: number; overdue: number }>;
}

/** The outcomes a case gets by a reply (not by withdrawal or lapse): the on-time and duration figures count these. */
export const REPLY_OUTCOMES: readonly OutcomeCode[] = OUTCOMES.filter((o) => o.via === 'decision').map((o) => o.code);

export function assembleDashboard(
  year: number,
  asOf: IsoDate,
  c: DashboardCounts,
  workingDaysBetween: (from: IsoDate, to: IsoDate) => number,
): Dashboard {
  const months = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, received: 0 }));
  for (const m of c.receivedByMonth) months[m.month - 1].received += m.n;
  const byState = c.byState
    .map((s) => ({ state: s.state, label: STATE_LABELS[s.state as StateKey] ?? s.state, count: s.n }))
    .sort((a, b) => order(a.state) - order(b.state));
  const byOutcome = OUTCOMES.map((o) => ({
    outcome: o.code as string,
    label: o.code === 'withdrawn' ? '申请人撤回' : o.code === 'other' ? '其他处理' : o.label,
    row: o.row,
    count: c.byOutcome.filter((x) => x.outcome === o.code).reduce((s, x) => s + x.n, 0),
  })).filter((o) => o.count > 0);
  let delivered = 0;
  let onTime = 0;
  let late = 0;
  let days = 0;
  for (const r of c.replies) {
    delivered += r.n;
    onTime += r.onTime;
    late += r.late;
    days += r.n * workingDaysBetween(r.receiptDate, r.closedOn);
  }
  return {
    year,
    asOf,
    receivedByMonth: months,
    byState,
    byOutcome,
    replies: {
      delivered,
      onTime,
      late,
      onTimeRate: onTime + late > 0 ? round(onTime / (onTime + late), 4) : null,
      averageWorkingDays: delivered > 0 ? round(days / delivered, 1) : null,
    },
    overdueByDepartment: c.departments
      .map((d) => ({ departmentId: d.departmentId, department: d.department ?? '未分办', open: d.open, overdue: d.overdue }))
      .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.department.localeCompare(b.department, 'zh')),
  };
}

const STATE_ORDER = Object.keys(STATE_LABELS);
const order = (s: string) => (STATE_ORDER.includes(s) ? STATE_ORDER.indexOf(s) : STATE_ORDER.length);
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
