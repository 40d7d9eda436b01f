/**
 * The worklist as a CSV file for Excel (issue 13, item 3): UTF-8 with a BOM so that Excel reads the
 * Chinese, CRLF lines, Chinese column names, and cells neutralised against formula injection
 * (a cell that begins with = + - @, or a tab / carriage return, is prefixed with ').
 */

export const WORKLIST_CSV_COLUMNS = [
  '案件编号',
  '状态',
  '收到申请之日',
  '申请人',
  '承办部门',
  '答复期限',
  '剩余工作日/逾期',
  '答复类型',
] as const;

/** The most rows one export holds; beyond it the file says so in its last line. */
export const WORKLIST_EXPORT_CAP = 10000;

export { CASE_STATE_LABELS } from './state-labels';

/** One cell: formula-looking text is prefixed with ', then quoted when it holds " , CR or LF. */
export function csvCell(value: string | number | null | undefined): string {
  let v = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvLine(cells: Array<string | number | null | undefined>): string {
  return cells.map(csvCell).join(',');
}

/** The whole file: BOM, header row, the rows, and a closing note when the export was capped. */
export function worklistCsv(
  rows: Array<Array<string | number | null | undefined>>,
  capped?: { shown: number; total: number },
): string {
  const lines = [csvLine([...WORKLIST_CSV_COLUMNS]), ...rows.map(csvLine)];
  if (capped)
    lines.push(
      csvLine([
        `仅导出前 ${capped.shown} 件，符合条件的共 ${capped.total} 件；请缩小筛选范围后分批导出`,
      ]),
    );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** 剩余工作日/逾期 as the worklist shows it. */
export function remainingText(
  overdue: boolean,
  workingDays: number | null,
  provisional: boolean,
): string {
  if (overdue) return '已逾期';
  if (workingDays === null) return '';
  if (workingDays < 0) return `已逾期 ${-workingDays} 个工作日`;
  return `${workingDays} 个工作日${provisional ? '（暂定）' : ''}`;
}
