import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DashboardCounts } from '../../domain/reports/dashboard';
import type { IsoDate } from '../../domain/workflow/types';
import type { Queryable } from '../../platform/database/queryable';

export interface CategoryCountRow {
  category: string;
  received: number;
  carried_in: number;
  carried_out: number;
}

export interface OutcomeCountRow {
  category: string;
  outcome: string | null;
  n: number;
}

export interface RemedyCountRow {
  grp: 'reconsideration' | 'litigationDirect' | 'litigationAfterReconsideration';
  result: string;
  n: number;
}

/**
 * The cases with a reconsideration or a suit recorded: the expression of the index cases_remedies_idx
 * (migration 1765200100000, written the same way), so that section 四 reads those few rows only.
 */
export const HAS_REMEDIES = `(c.snapshot->'context'->'reconsiderations' <> '[]'::jsonb OR c.snapshot->'context'->'litigations' <> '[]'::jsonb) = true`;

/** Rows 一, 二 and 四 per applicant category ($1 agency, $2 1 January, $3 asOf). */
const FLOW_SQL = `SELECT applicant_category AS category,
              count(*) FILTER (WHERE receipt_date >= $2)::int AS received,
              count(*) FILTER (WHERE receipt_date < $2 AND (closed_on IS NULL OR closed_on >= $2))::int AS carried_in,
              count(*) FILTER (WHERE closed_on IS NULL OR closed_on > $3)::int AS carried_out
         FROM cases
        WHERE agency_id = $1 AND receipt_date <= $3 AND (closed_on IS NULL OR closed_on >= $2)
        GROUP BY applicant_category`;

/** Section 三's result rows: cases closed between 1 January and asOf, by category and outcome. */
const OUTCOME_SQL = `SELECT applicant_category AS category, outcome, count(*)::int AS n
         FROM cases
        WHERE agency_id = $1 AND closed_on BETWEEN $2 AND $3
        GROUP BY applicant_category, outcome`;

/**
 * Section 四: reconsiderations and suits filed between 1 January and asOf, under their result when
 * decided by asOf, else pending; one per filedOn (the last record, as the statechart keeps it). The
 * cases with a remedy are read once (through cases_remedies_idx), their two lists unpacked from that.
 */
const REMEDY_SQL = `WITH remedied AS MATERIALIZED (
         SELECT c.id, c.snapshot->'context'->'reconsiderations' AS recs, c.snapshot->'context'->'litigations' AS lits
           FROM cases c
          WHERE c.agency_id = $1 AND ${HAS_REMEDIES}
       ), records AS (
         SELECT x.id, 'reconsideration' AS grp, r.value AS rec, r.ordinality AS ord
           FROM remedied x, jsonb_array_elements(CASE WHEN jsonb_typeof(x.recs) = 'array' THEN x.recs ELSE '[]'::jsonb END) WITH ORDINALITY r
         UNION ALL
         SELECT x.id,
                CASE WHEN (l.value->>'afterReconsideration')::boolean THEN 'litigationAfterReconsideration' ELSE 'litigationDirect' END,
                l.value, l.ordinality
           FROM remedied x, jsonb_array_elements(CASE WHEN jsonb_typeof(x.lits) = 'array' THEN x.lits ELSE '[]'::jsonb END) WITH ORDINALITY l
       ), latest AS (
         SELECT DISTINCT ON (id, grp, rec->>'filedOn') grp, rec
           FROM records
          WHERE (rec->>'filedOn') BETWEEN $2 AND $3
          ORDER BY id, grp, rec->>'filedOn', ord DESC
       )
       SELECT grp,
              CASE WHEN rec->>'result' <> 'pending' AND rec->>'decidedOn' IS NOT NULL AND rec->>'decidedOn' <= $3
                   THEN rec->>'result' ELSE 'pending' END AS result,
              count(*)::int AS n
         FROM latest GROUP BY 1, 2`;

/**
 * The annual report's counts, in SQL over the agency's cases (never by loading cases): indexed by
 * (agency_id, receipt_date); reconsiderations and suits are read from the snapshots of the cases that have one.
 * Every method reads only; `q` is the pool of the primary unless the service passes the standby's
 * (ReadReplica.run, DATABASE_REPLICA_URL).
 */
@Injectable()
export class ReportRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Rows 一, 二 and 四 per applicant category (counting rules in src/domain/reports/annual-report.ts). */
  async flowCounts(agencyId: string, from: IsoDate, asOf: IsoDate, q: Queryable = this.db): Promise<CategoryCountRow[]> {
    return q.query(
      FLOW_SQL,
      [agencyId, from, asOf],
    );
  }

  /** Section 三's result rows: cases closed between 1 January and asOf, by category and outcome. */
  async outcomeCounts(agencyId: string, from: IsoDate, asOf: IsoDate, q: Queryable = this.db): Promise<OutcomeCountRow[]> {
    return q.query(
      OUTCOME_SQL,
      [agencyId, from, asOf],
    );
  }

  /**
   * Section 四: reconsiderations and suits filed between 1 January and asOf, under their result when
   * decided by asOf, else pending. A record entered again for the same filing (the decision arriving
   * after a pending record) counts once: the last record for that filedOn.
   */
  async remedyCounts(agencyId: string, from: IsoDate, asOf: IsoDate, q: Queryable = this.db): Promise<RemedyCountRow[]> {
    return q.query(
      REMEDY_SQL,
      [agencyId, from, asOf],
    );
  }

  /** The dashboard's aggregates (src/domain/reports/dashboard.ts), each one SQL query over the agency's cases. */
  async dashboardCounts(agencyId: string, from: IsoDate, asOf: IsoDate, replyOutcomes: readonly string[], q: Queryable = this.db): Promise<DashboardCounts> {
    const [months, states, outcomes, replies, departments] = await Promise.all([
      q.query(
        `SELECT extract(month FROM receipt_date)::int AS month, count(*)::int AS n
           FROM cases WHERE agency_id = $1 AND receipt_date BETWEEN $2 AND $3 GROUP BY 1`,
        [agencyId, from, asOf],
      ),
      q.query(
        `SELECT state, count(*)::int AS n FROM cases WHERE agency_id = $1 AND receipt_date BETWEEN $2 AND $3 GROUP BY state`,
        [agencyId, from, asOf],
      ),
      q.query(
        `SELECT outcome, count(*)::int AS n FROM cases WHERE agency_id = $1 AND closed_on BETWEEN $2 AND $3 GROUP BY outcome`,
        [agencyId, from, asOf],
      ),
      // On time: delivered (交邮之日, handed over or sent) on or before the reply deadline (条例第33条).
      q.query(
        `SELECT to_char(receipt_date, 'YYYY-MM-DD') AS "receiptDate", to_char(closed_on, 'YYYY-MM-DD') AS "closedOn", count(*)::int AS n,
                count(*) FILTER (WHERE reply_due IS NOT NULL AND closed_on <= reply_due)::int AS "onTime",
                count(*) FILTER (WHERE reply_due IS NOT NULL AND closed_on > reply_due)::int AS late
           FROM cases
          WHERE agency_id = $1 AND closed_on BETWEEN $2 AND $3 AND outcome = ANY($4::text[])
          GROUP BY receipt_date, closed_on`,
        [agencyId, from, asOf, replyOutcomes],
      ),
      // Now, not as of a date: the open cases of each department (and those not yet assigned).
      q.query(
        `SELECT d.id AS "departmentId", d.name AS department, count(c.id)::int AS open, count(c.id) FILTER (WHERE c.overdue)::int AS overdue
           FROM departments d
           LEFT JOIN cases c ON c.department_id = d.id AND c.closed_on IS NULL
          WHERE d.agency_id = $1
          GROUP BY d.id, d.name
         UNION ALL
         SELECT NULL, NULL, count(*)::int, count(*) FILTER (WHERE overdue)::int
           FROM cases WHERE agency_id = $1 AND department_id IS NULL AND closed_on IS NULL
         HAVING count(*) > 0`,
        [agencyId],
      ),
    ]);
    return { receivedByMonth: months, byState: states, byOutcome: outcomes, replies, departments };
  }

  /** The report's queries with their labels (for EXPLAIN in the benchmark). */
  querySources(): Array<[string, string]> {
    return [
      ['flowCounts (一、二、四)', FLOW_SQL],
      ['outcomeCounts (三)', OUTCOME_SQL],
      ['remedyCounts (section 四)', REMEDY_SQL],
    ];
  }

  /** The cases behind one cell (row key, category or total), for the link from the table. */
  async cellCases(
    agencyId: string,
    from: IsoDate,
    asOf: IsoDate,
    where: { kind: 'received' | 'carriedIn' | 'carriedOut' } | { kind: 'closed'; outcomes: string[] | null },
    category: string | null,
    limit: number,
    q: Queryable = this.db,
  ): Promise<Array<{ id: string; case_number: string; receipt_date: string; closed_on: string | null; outcome: string | null; state: string }>> {
    const cond = {
      received: `receipt_date BETWEEN $2 AND $3 AND $5::text[] IS NULL`,
      carriedIn: `receipt_date < $2 AND (closed_on IS NULL OR closed_on >= $2) AND $5::text[] IS NULL`,
      carriedOut: `receipt_date <= $3 AND (closed_on IS NULL OR closed_on > $3) AND $5::text[] IS NULL`,
      closed: `closed_on BETWEEN $2 AND $3 AND ($5::text[] IS NULL OR outcome = ANY($5::text[]))`,
    }[where.kind];
    return q.query(
      `SELECT id, case_number, to_char(receipt_date, 'YYYY-MM-DD') AS receipt_date, to_char(closed_on, 'YYYY-MM-DD') AS closed_on,
              outcome, state
         FROM cases
        WHERE agency_id = $1 AND receipt_date <= $3::date AND $2::date IS NOT NULL AND ${cond} AND ($4::text IS NULL OR applicant_category = $4)
        ORDER BY receipt_date, case_number LIMIT $6`,
      [agencyId, from, asOf, category, where.kind === 'closed' ? where.outcomes : null, limit],
    );
  }
}
