import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { IsoDate } from '../../domain/workflow/types';

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
 * The annual report's counts, in SQL over the agency's cases (never by loading cases): indexed by
 * (agency_id, receipt_date); reconsiderations and suits are read from the case's snapshot.
 */
@Injectable()
export class ReportRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Rows 一, 二 and 四 per applicant category (counting rules in src/domain/reports/annual-report.ts). */
  async flowCounts(agencyId: string, from: IsoDate, asOf: IsoDate): Promise<CategoryCountRow[]> {
    return this.db.query(
      `SELECT applicant_category AS category,
              count(*) FILTER (WHERE receipt_date >= $2)::int AS received,
              count(*) FILTER (WHERE receipt_date < $2 AND (closed_on IS NULL OR closed_on >= $2))::int AS carried_in,
              count(*) FILTER (WHERE closed_on IS NULL OR closed_on > $3)::int AS carried_out
         FROM cases
        WHERE agency_id = $1 AND receipt_date <= $3 AND (closed_on IS NULL OR closed_on >= $2)
        GROUP BY applicant_category`,
      [agencyId, from, asOf],
    );
  }

  /** Section 三's result rows: cases closed between 1 January and asOf, by category and outcome. */
  async outcomeCounts(agencyId: string, from: IsoDate, asOf: IsoDate): Promise<OutcomeCountRow[]> {
    return this.db.query(
      `SELECT applicant_category AS category, outcome, count(*)::int AS n
         FROM cases
        WHERE agency_id = $1 AND closed_on BETWEEN $2 AND $3
        GROUP BY applicant_category, outcome`,
      [agencyId, from, asOf],
    );
  }

  /**
   * Section 四: reconsiderations and suits filed between 1 January and asOf, under their result when
   * decided by asOf, else pending. A record entered again for the same filing (the decision arriving
   * after a pending record) counts once: the last record for that filedOn.
   */
  async remedyCounts(agencyId: string, from: IsoDate, asOf: IsoDate): Promise<RemedyCountRow[]> {
    return this.db.query(
      `WITH records AS (
         SELECT c.id, 'reconsideration' AS grp, r.value AS rec, r.ordinality AS ord
           FROM cases c, jsonb_array_elements(coalesce(c.snapshot->'context'->'reconsiderations', '[]'::jsonb)) WITH ORDINALITY r
          WHERE c.agency_id = $1
         UNION ALL
         SELECT c.id,
                CASE WHEN (l.value->>'afterReconsideration')::boolean THEN 'litigationAfterReconsideration' ELSE 'litigationDirect' END,
                l.value, l.ordinality
           FROM cases c, jsonb_array_elements(coalesce(c.snapshot->'context'->'litigations', '[]'::jsonb)) WITH ORDINALITY l
          WHERE c.agency_id = $1
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
         FROM latest GROUP BY 1, 2`,
      [agencyId, from, asOf],
    );
  }

  /** The cases behind one cell (row key, category or total), for the link from the table. */
  async cellCases(
    agencyId: string,
    from: IsoDate,
    asOf: IsoDate,
    where: { kind: 'received' | 'carriedIn' | 'carriedOut' } | { kind: 'closed'; outcomes: string[] | null },
    category: string | null,
    limit: number,
  ): Promise<Array<{ id: string; case_number: string; receipt_date: string; closed_on: string | null; outcome: string | null; state: string }>> {
    const cond = {
      received: `receipt_date BETWEEN $2 AND $3 AND $5::text[] IS NULL`,
      carriedIn: `receipt_date < $2 AND (closed_on IS NULL OR closed_on >= $2) AND $5::text[] IS NULL`,
      carriedOut: `receipt_date <= $3 AND (closed_on IS NULL OR closed_on > $3) AND $5::text[] IS NULL`,
      closed: `closed_on BETWEEN $2 AND $3 AND ($5::text[] IS NULL OR outcome = ANY($5::text[]))`,
    }[where.kind];
    return this.db.query(
      `SELECT id, case_number, to_char(receipt_date, 'YYYY-MM-DD') AS receipt_date, to_char(closed_on, 'YYYY-MM-DD') AS closed_on,
              outcome, state
         FROM cases
        WHERE agency_id = $1 AND receipt_date <= $3::date AND $2::date IS NOT NULL AND ${cond} AND ($4::text IS NULL OR applicant_category = $4)
        ORDER BY receipt_date, case_number LIMIT $6`,
      [agencyId, from, asOf, category, where.kind === 'closed' ? where.outcomes : null, limit],
    );
  }
}
