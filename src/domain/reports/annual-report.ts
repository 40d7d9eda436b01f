/**
 * 政府信息公开工作年度报告 — sections 三 and 四 in the format of 国办公开办函〔2021〕30号
 * (条例第49、50条: the agency publishes the report of the previous year by 31 January).
 * The table's rows and columns, their official labels, and how a case is counted
 * (shared/domain/sources.md §3.3-3.4; issue 15's counting rules):
 *
 *   R = the case's receipt date (条例第31条; a correction does not move it), C = its closing date
 *   (none while open), A = asOf = 31 December of the year, or today in the current year.
 *   "1" 新收:      1 January ≤ R ≤ A
 *   "2" 上年结转:  R < 1 January and (no C or C ≥ 1 January)
 *   "3.x" 办理结果: 1 January ≤ C ≤ A, in the row of the case's outcome (部分公开 only in 3.2)
 *   "3.7" 总计:    the sum of the result rows
 *   "4" 结转下年度: R ≤ A and (no C or C > A), judged by dates, not by today's state
 *   Reconciliation (the table's own note): 一 + 二 = 三（七） + 四, in every column.
 *
 * Pure: the counts come in (from SQL over the agency's cases), the table goes out.
 */
import type { IsoDate } from '../workflow/types';
import { OUTCOMES, OutcomeCode } from '../outcomes/outcomes';
import { APPLICANT_CATEGORY_LABELS } from '../intake/labels';

/** Applicant columns (the case's annual-report category), then 总计. */
export const REPORT_CATEGORIES = ['natural_person', 'commercial', 'research', 'public_interest', 'legal_service', 'other'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];
export const REPORT_COLUMNS = [...REPORT_CATEGORIES, 'total'] as const;
export type ReportColumn = (typeof REPORT_COLUMNS)[number];

export const COLUMN_LABELS: Record<ReportColumn, string> = { ...APPLICANT_CATEGORY_LABELS, total: '总计' };

/** The 25 rows of section 三 (no subtotal rows), keyed as in the API, with their official labels. */
export const REPORT_ROWS: ReadonlyArray<{ key: string; label: string; group?: string }> = [
  { key: '1', label: '一、本年新收政府信息公开申请数量' },
  { key: '2', label: '二、上年结转政府信息公开申请数量' },
  { key: '3.1', group: '三、本年度办理结果', label: '（一）予以公开' },
  { key: '3.2', group: '三、本年度办理结果', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' },
  { key: '3.3.1', group: '（三）不予公开', label: '1.属于国家秘密' },
  { key: '3.3.2', group: '（三）不予公开', label: '2.其他法律行政法规禁止公开' },
  { key: '3.3.3', group: '（三）不予公开', label: '3.危及“三安全一稳定”' },
  { key: '3.3.4', group: '（三）不予公开', label: '4.保护第三方合法权益' },
  { key: '3.3.5', group: '（三）不予公开', label: '5.属于三类内部事务信息' },
  { key: '3.3.6', group: '（三）不予公开', label: '6.属于四类过程性信息' },
  { key: '3.3.7', group: '（三）不予公开', label: '7.属于行政执法案卷' },
  { key: '3.3.8', group: '（三）不予公开', label: '8.属于行政查询事项' },
  { key: '3.4.1', group: '（四）无法提供', label: '1.本机关不掌握相关政府信息' },
  { key: '3.4.2', group: '（四）无法提供', label: '2.没有现成信息需要另行制作' },
  { key: '3.4.3', group: '（四）无法提供', label: '3.补正后申请内容仍不明确' },
  { key: '3.5.1', group: '（五）不予处理', label: '1.信访举报投诉类申请' },
  { key: '3.5.2', group: '（五）不予处理', label: '2.重复申请' },
  { key: '3.5.3', group: '（五）不予处理', label: '3.要求提供公开出版物' },
  { key: '3.5.4', group: '（五）不予处理', label: '4.无正当理由大量反复申请' },
  { key: '3.5.5', group: '（五）不予处理', label: '5.要求行政机关确认或重新出具已获取信息' },
  { key: '3.6.1', group: '（六）其他处理', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
  { key: '3.6.2', group: '（六）其他处理', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
  { key: '3.6.3', group: '（六）其他处理', label: '3.其他' },
  { key: '3.7', group: '三、本年度办理结果', label: '（七）总计' },
  { key: '4', label: '四、结转下年度继续办理' },
];
export const ROW_KEYS = REPORT_ROWS.map((r) => r.key);
/** The result rows of section 三 (every outcome code has one). */
export const RESULT_ROW_KEYS = ROW_KEYS.filter((k) => k.startsWith('3.') && k !== '3.7');

/** Section 四: reconsideration, suits without and after reconsideration; by result. */
export const REMEDY_GROUPS = ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'] as const;
export type RemedyGroup = (typeof REMEDY_GROUPS)[number];
export const REMEDY_RESULTS = ['upheld', 'corrected', 'other', 'pending'] as const;
export type RemedyResult = (typeof REMEDY_RESULTS)[number];
export const REMEDY_GROUP_LABELS: Record<RemedyGroup, string> = {
  reconsideration: '行政复议',
  litigationDirect: '行政诉讼（未经复议直接起诉）',
  litigationAfterReconsideration: '行政诉讼（复议后起诉）',
};
export const REMEDY_RESULT_LABELS: Record<RemedyResult | 'total', string> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
};

/** The row of an outcome code (outcomes.ts is the one home of that mapping). */
export function rowOfOutcome(code: OutcomeCode): string {
  const o = OUTCOMES.find((x) => x.code === code);
  if (!o) throw new Error(`unknown outcome ${code}`);
  return o.row;
}

export type CountCells = Record<ReportColumn, number>;

export interface AnnualReportCounts {
  /** Per row key of the counted rows ("1", "2", result rows, "4"), per applicant category. */
  rows: Record<string, Partial<Record<ReportCategory, number>>>;
  remedies: Record<RemedyGroup, Partial<Record<RemedyResult, number>>>;
}

export interface AnnualReport {
  year: number;
  asOf: IsoDate;
  rows: Record<string, CountCells>;
  remedies: Record<RemedyGroup, Record<RemedyResult | 'total', number>>;
  reconciliation: {
    ok: boolean;
    received: number;
    carriedIn: number;
    closed: number;
    carriedOut: number;
    /** The columns where 一 + 二 ≠ 三（七） + 四. */
    mismatches: Array<{ column: ReportColumn; left: number; right: number }>;
  };
}

/** A year the report can be asked for: 2000 … the current year. */
export function reportYearProblem(raw: unknown, today: IsoDate): string | null {
  const currentYear = Number(today.slice(0, 4));
  if (typeof raw !== 'string' || !/^\d{4}$/.test(raw)) return 'year 必须是四位数字年份';
  const y = Number(raw);
  if (y < 2000) return 'year 不得早于 2000 年';
  if (y > currentYear) return `year 不得晚于本年度（${currentYear}年）`;
  return null;
}

/** 31 December of the year, or today while the year is running. */
export function reportAsOf(year: number, today: IsoDate): IsoDate {
  const end = `${year}-12-31`;
  return today < end ? today : end;
}

function cells(counts: Partial<Record<ReportCategory, number>> = {}): CountCells {
  const c = { total: 0 } as CountCells;
  for (const k of REPORT_CATEGORIES) {
    c[k] = counts[k] ?? 0;
    c.total += c[k];
  }
  return c;
}

/** The table from the counts: every cell present (0 when empty), 3.7 summed, reconciliation checked. */
export function assembleAnnualReport(year: number, asOf: IsoDate, counts: AnnualReportCounts): AnnualReport {
  const rows: Record<string, CountCells> = {};
  for (const key of ROW_KEYS) rows[key] = cells(key === '3.7' ? {} : counts.rows[key]);
  for (const key of RESULT_ROW_KEYS) for (const col of REPORT_COLUMNS) rows['3.7'][col] += rows[key][col];
  const mismatches: AnnualReport['reconciliation']['mismatches'] = [];
  for (const column of REPORT_COLUMNS) {
    const left = rows['1'][column] + rows['2'][column];
    const right = rows['3.7'][column] + rows['4'][column];
    if (left !== right) mismatches.push({ column, left, right });
  }
  const remedies = {} as AnnualReport['remedies'];
  for (const g of REMEDY_GROUPS) {
    const r = { total: 0 } as Record<RemedyResult | 'total', number>;
    for (const k of REMEDY_RESULTS) {
      r[k] = counts.remedies[g]?.[k] ?? 0;
      r.total += r[k];
    }
    remedies[g] = r;
  }
  return {
    year,
    asOf,
    rows,
    remedies,
    reconciliation: {
      ok: mismatches.length === 0,
      received: rows['1'].total,
      carriedIn: rows['2'].total,
      closed: rows['3.7'].total,
      carriedOut: rows['4'].total,
      mismatches,
    },
  };
}

/** The table as CSV lines (UTF-8, the official row and column labels; section 四 below it). */
export function annualReportCsv(r: AnnualReport): string {
  const esc = (v: string | number) => (typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines: string[] = [];
  lines.push([`${r.year}年度 收到和处理政府信息公开申请情况（截至${r.asOf}）`].map(esc).join(','));
  lines.push(['项目', '', ...REPORT_COLUMNS.map((c) => COLUMN_LABELS[c])].map(esc).join(','));
  for (const row of REPORT_ROWS) {
    lines.push([row.group ?? '', row.label, ...REPORT_COLUMNS.map((c) => r.rows[row.key][c])].map(esc).join(','));
  }
  lines.push('');
  lines.push(['政府信息公开行政复议、行政诉讼情况'].map(esc).join(','));
  lines.push(['', ...(['upheld', 'corrected', 'other', 'pending', 'total'] as const).map((k) => REMEDY_RESULT_LABELS[k])].map(esc).join(','));
  for (const g of REMEDY_GROUPS) {
    lines.push([REMEDY_GROUP_LABELS[g], ...(['upheld', 'corrected', 'other', 'pending', 'total'] as const).map((k) => r.remedies[g][k])].map(esc).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
