import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the annual report (issue 15), measured with `npm run bench:report` at 1 million cases:
 * - cases_remedies_idx: whether a case has a reconsideration or a suit recorded (the repository's
 *   HAS_REMEDIES, comparisons that never fail on an unexpected snapshot): section 四 reads the
 *   snapshots of those few cases only, instead of unpacking every snapshot of the agency.
 * - cases_closed_on_idx: cases by closing date with their column and outcome (section 三's result
 *   rows as an index-only scan).
 * - cases_report_flow_idx: receipt date with closing date and column (rows 一, 二 and 四 as an
 *   index-only scan instead of reading the wide rows with their snapshots).
 * Runs forward on a database holding data (plain CREATE INDEX; the table is locked for writes while
 * each is built).
 */
export class ReportIndexes1765200100000 implements MigrationInterface {
  name = 'ReportIndexes1765200100000';

  async up(q: QueryRunner): Promise<void> {
    // An index on the expression itself (not a partial index): ANALYZE then keeps statistics on it,
    // so the planner knows how few cases have a remedy and reads them through the index.
    await q.query(`CREATE INDEX cases_remedies_idx ON cases
      (((snapshot->'context'->'reconsiderations' <> '[]'::jsonb OR snapshot->'context'->'litigations' <> '[]'::jsonb)), agency_id)`);
    await q.query(`CREATE INDEX cases_closed_on_idx ON cases (agency_id, closed_on) INCLUDE (applicant_category, outcome) WHERE closed_on IS NOT NULL`);
    await q.query(`CREATE INDEX cases_report_flow_idx ON cases (agency_id, receipt_date) INCLUDE (closed_on, applicant_category)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_report_flow_idx`);
    await q.query(`DROP INDEX cases_closed_on_idx`);
    await q.query(`DROP INDEX cases_remedies_idx`);
  }
}
