import { Inject, Injectable } from '@nestjs/common';
import {
  AnnualReport,
  AnnualReportCounts,
  assembleAnnualReport,
  REPORT_CATEGORIES,
  ReportCategory,
  reportAsOf,
  reportYearProblem,
  RESULT_ROW_KEYS,
  ROW_KEYS,
  rowOfOutcome,
} from '../../domain/reports/annual-report';
import { assembleDashboard, Dashboard, REPLY_OUTCOMES } from '../../domain/reports/dashboard';
import { isOutcomeCode, OUTCOMES } from '../../domain/outcomes/outcomes';
import { CalendarService } from '../calendar/calendar.service';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { ReadReplica } from '../../platform/database/read-replica';
import { badRequest } from '../../platform/http-errors/app-exception';
import { AgenciesService } from '../agencies/agencies.service';
import { annualReportXlsx } from './annual-report.xlsx';
import { ReportRepository } from './report.repository';

/** 年度报告: the counts from SQL, the table from src/domain/reports (no rule of its own here). */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repo: ReportRepository,
    private readonly agencies: AgenciesService,
    private readonly calendar: CalendarService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly reads: ReadReplica,
  ) {}

  /** The table as an XLSX workbook in the official layout (the same numbers as the JSON). */
  async xlsx(agencyId: string, report: AnnualReport): Promise<Buffer> {
    return annualReportXlsx(report, (await this.agencies.get(agencyId)).name);
  }

  private period(rawYear: unknown) {
    const today = this.clock.today();
    const problem = reportYearProblem(rawYear, today);
    if (problem) throw badRequest(problem, [{ field: 'year', message: problem }]);
    const year = Number(rawYear);
    return { year, from: `${year}-01-01`, asOf: reportAsOf(year, today) };
  }

  /**
   * Every action committed before the request counts: the counts are read now, not from a snapshot
   * (on the standby only once it has replayed them: ReadReplica).
   */
  async annual(agencyId: string, rawYear: unknown): Promise<AnnualReport> {
    const { year, from, asOf } = this.period(rawYear);
    const [flows, outcomes, remedies] = await this.reads.run((q) =>
      Promise.all([
        this.repo.flowCounts(agencyId, from, asOf, q),
        this.repo.outcomeCounts(agencyId, from, asOf, q),
        this.repo.remedyCounts(agencyId, from, asOf, q),
      ]),
    );
    const counts: AnnualReportCounts = {
      rows: {},
      remedies: { reconsideration: {}, litigationDirect: {}, litigationAfterReconsideration: {} },
    };
    const add = (row: string, category: string, n: number) => {
      const cat = (REPORT_CATEGORIES as readonly string[]).includes(category) ? (category as ReportCategory) : 'other';
      const r = (counts.rows[row] ??= {});
      r[cat] = (r[cat] ?? 0) + n;
    };
    for (const f of flows) {
      add('1', f.category, f.received);
      add('2', f.category, f.carried_in);
      add('4', f.category, f.carried_out);
    }
    // A closed case without a known outcome is left out of every result row: the reconciliation
    // then shows the mismatch (and the cell links list the cases) instead of a silent guess.
    for (const o of outcomes) if (o.outcome && isOutcomeCode(o.outcome)) add(rowOfOutcome(o.outcome), o.category, o.n);
    for (const r of remedies) {
      const g = counts.remedies[r.grp];
      const k = r.result as 'upheld' | 'corrected' | 'other' | 'pending';
      g[k] = (g[k] ?? 0) + r.n;
    }
    return assembleAnnualReport(year, asOf, counts);
  }

  /** The dashboard's figures for a year (as of 31 December, or today), read now from SQL. */
  async dashboard(agencyId: string, rawYear: unknown): Promise<Dashboard> {
    const { year, from, asOf } = this.period(rawYear);
    const counts = await this.reads.run((q) => this.repo.dashboardCounts(agencyId, from, asOf, REPLY_OUTCOMES, q));
    const cal = this.calendar.current();
    return assembleDashboard(year, asOf, counts, (a, b) => cal.workingDaysBetween(a, b));
  }

  /** The cases behind one cell of section 三 (row key, column), at most `limit`. */
  async cell(agencyId: string, rawYear: unknown, row: unknown, column: unknown, limit = 500) {
    const { year, from, asOf } = this.period(rawYear);
    if (typeof row !== 'string' || !ROW_KEYS.includes(row)) {
      throw badRequest('row 必须是年度报告的栏目代码（如 1、2、3.1、3.3.4、3.7、4）', [{ field: 'row', message: 'row 不是年度报告的栏目代码' }]);
    }
    const col = column === undefined || column === 'total' ? null : column;
    if (col !== null && !(REPORT_CATEGORIES as readonly unknown[]).includes(col)) {
      throw badRequest('column 必须是申请人类别代码或 total', [{ field: 'column', message: 'column 不是申请人类别代码' }]);
    }
    const where =
      row === '1'
        ? ({ kind: 'received' } as const)
        : row === '2'
          ? ({ kind: 'carriedIn' } as const)
          : row === '4'
            ? ({ kind: 'carriedOut' } as const)
            : ({
                kind: 'closed',
                outcomes: row === '3.7' ? null : OUTCOMES.filter((o) => o.row === row).map((o) => o.code),
              } as const);
    if (where.kind === 'closed' && where.outcomes && !RESULT_ROW_KEYS.includes(row)) throw badRequest('row 无效');
    const rows = await this.reads.run((q) => this.repo.cellCases(agencyId, from, asOf, where, col as string | null, limit, q));
    return {
      year,
      asOf,
      row,
      column: col ?? 'total',
      items: rows.map((r) => ({
        id: r.id,
        caseNumber: r.case_number,
        receiptDate: r.receipt_date,
        closedOn: r.closed_on,
        outcome: r.outcome,
        state: r.state,
      })),
    };
  }
}
