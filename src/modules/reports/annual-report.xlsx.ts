import type ExcelJS from 'exceljs';
import {
  AnnualReport,
  COLUMN_LABELS,
  REMEDY_GROUPS,
  REMEDY_RESULT_LABELS,
  REPORT_CATEGORIES,
  REPORT_COLUMNS,
  REPORT_ROWS,
} from '../../domain/reports/annual-report';

/** The official table's header note (国办公开办函〔2021〕30号; shared/domain/sources.md §3.3). */
export const RECONCILIATION_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const SECTION_3_TITLE = '三、收到和处理政府信息公开申请情况';
export const SECTION_4_TITLE = '四、政府信息公开行政复议、行政诉讼情况';
const REMEDY_KEYS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;

const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

function frame(ws: ExcelJS.Worksheet, fromRow: number, toRow: number, toCol: number) {
  for (let r = fromRow; r <= toRow; r++) {
    for (let c = 1; c <= toCol; c++) {
      const cell = ws.getCell(r, c);
      cell.border = BORDER;
      cell.alignment = { vertical: 'middle', horizontal: typeof cell.value === 'number' ? 'center' : cell.alignment?.horizontal ?? 'center', wrapText: true };
    }
  }
}

/**
 * Sections 三 and 四 of the annual report in the official layout: section 三 with its three header
 * rows (the reconciliation note over 3 × 3 cells, 申请人情况 over the 7 columns, 法人或其他组织 over
 * its 5) and the row labels merged as the format prints them; section 四 with 行政复议 over 5 columns,
 * 行政诉讼 over 10 (未经复议直接起诉 / 复议后起诉 over 5 each). The same numbers as the JSON.
 */
export async function annualReportXlsx(r: AnnualReport, agencyName: string): Promise<Buffer> {
  // Loaded on first use (~13 MB of RSS once loaded): only the annual report's download needs it.
  const { Workbook } = (await import('exceljs')).default;
  const wb = new Workbook();
  wb.creator = agencyName;
  wb.created = new Date(`${r.asOf}T00:00:00+08:00`);

  // ---------------------------------------------------------------- section 三
  const ws = wb.addWorksheet('三 收到和处理申请情况', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true } });
  ws.columns = [{ width: 16 }, { width: 16 }, { width: 44 }, ...REPORT_COLUMNS.map(() => ({ width: 12 }))];
  ws.mergeCells('A1:J1');
  ws.getCell('A1').value = `${agencyName}${r.year}年度政府信息公开工作年度报告 ${SECTION_3_TITLE}（统计截至${r.asOf}）`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells('A2:C4');
  ws.getCell('A2').value = RECONCILIATION_NOTE;
  ws.mergeCells('D2:J2');
  ws.getCell('D2').value = '申请人情况';
  ws.mergeCells('D3:D4');
  ws.getCell('D3').value = COLUMN_LABELS.natural_person;
  ws.mergeCells('E3:I3');
  ws.getCell('E3').value = '法人或其他组织';
  REPORT_CATEGORIES.slice(1).forEach((c, i) => (ws.getCell(4, 5 + i).value = COLUMN_LABELS[c]));
  ws.mergeCells('J3:J4');
  ws.getCell('J3').value = COLUMN_LABELS.total;

  const first = 5;
  const rowOf = (key: string) => first + REPORT_ROWS.findIndex((x) => x.key === key);
  REPORT_ROWS.forEach((row, i) => {
    const n = first + i;
    REPORT_COLUMNS.forEach((c, j) => (ws.getCell(n, 4 + j).value = r.rows[row.key][c]));
    const depth = row.key.split('.').length;
    if (depth === 1) {
      ws.mergeCells(n, 1, n, 3); // 一、二、四
      ws.getCell(n, 1).value = row.label;
    } else if (depth === 2) {
      ws.mergeCells(n, 2, n, 3); // （一）（二）（七）
      ws.getCell(n, 2).value = row.label;
    } else {
      ws.getCell(n, 3).value = row.label; // 1.… under its group
      ws.getCell(n, 3).alignment = { horizontal: 'left' };
    }
  });
  // 三、本年度办理结果 down the 22 rows from （一） to （七）; each group of sub-rows under its label.
  ws.mergeCells(rowOf('3.1'), 1, rowOf('3.7'), 1);
  ws.getCell(rowOf('3.1'), 1).value = '三、本年度办理结果';
  for (const [prefix, label] of [
    ['3.3', '（三）不予公开'],
    ['3.4', '（四）无法提供'],
    ['3.5', '（五）不予处理'],
    ['3.6', '（六）其他处理'],
  ] as const) {
    const keys = REPORT_ROWS.filter((x) => x.key.startsWith(`${prefix}.`)).map((x) => x.key);
    ws.mergeCells(rowOf(keys[0]), 2, rowOf(keys[keys.length - 1]), 2);
    ws.getCell(rowOf(keys[0]), 2).value = label;
  }
  frame(ws, 2, first + REPORT_ROWS.length - 1, 10);
  if (!r.reconciliation.ok) {
    const n = first + REPORT_ROWS.length + 1;
    ws.mergeCells(n, 1, n, 10);
    ws.getCell(n, 1).value = `勾稽关系不平衡：${r.reconciliation.mismatches
      .map((m) => `${COLUMN_LABELS[m.column]}列 一+二=${m.left}，三（七）+四=${m.right}`)
      .join('；')}`;
    ws.getCell(n, 1).font = { color: { argb: 'FFC00000' }, bold: true };
  }

  // ---------------------------------------------------------------- section 四
  const ws4 = wb.addWorksheet('四 行政复议、行政诉讼', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true } });
  ws4.columns = Array.from({ length: 15 }, () => ({ width: 11 }));
  ws4.mergeCells('A1:O1');
  ws4.getCell('A1').value = `${agencyName}${r.year}年度 ${SECTION_4_TITLE}（统计截至${r.asOf}）`;
  ws4.getCell('A1').font = { bold: true, size: 14 };
  ws4.getCell('A1').alignment = { horizontal: 'center' };
  ws4.mergeCells('A2:E2');
  ws4.getCell('A2').value = '行政复议';
  ws4.mergeCells('F2:O2');
  ws4.getCell('F2').value = '行政诉讼';
  REMEDY_KEYS.forEach((k, i) => {
    ws4.mergeCells(3, 1 + i, 4, 1 + i);
    ws4.getCell(3, 1 + i).value = REMEDY_RESULT_LABELS[k];
  });
  ws4.mergeCells('F3:J3');
  ws4.getCell('F3').value = '未经复议直接起诉';
  ws4.mergeCells('K3:O3');
  ws4.getCell('K3').value = '复议后起诉';
  REMEDY_KEYS.forEach((k, i) => {
    ws4.getCell(4, 6 + i).value = REMEDY_RESULT_LABELS[k];
    ws4.getCell(4, 11 + i).value = REMEDY_RESULT_LABELS[k];
  });
  REMEDY_GROUPS.forEach((g, gi) => REMEDY_KEYS.forEach((k, i) => (ws4.getCell(5, 1 + gi * 5 + i).value = r.remedies[g][k])));
  frame(ws4, 2, 5, 15);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
