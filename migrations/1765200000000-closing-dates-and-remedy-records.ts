import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15's counting rules, applied to the cases already stored (their histories are unchanged; the
 * snapshot is what replaying them now gives):
 * - 视为放弃申请 (条例第30条; 109号) closes on the day after the last day of the applicant's period,
 *   not on the day its closing letter is delivered: `closedOn` (snapshot) and `closed_on` (column).
 * - A reconsideration or suit recorded again with the same filedOn updates that record: the list
 *   keeps one record per filedOn, the last one recorded, in the place of the first.
 * Runs forward on a database holding data; the rows it does not match are left as they are.
 */
export class ClosingDatesAndRemedyRecords1765200000000 implements MigrationInterface {
  name = 'ClosingDatesAndRemedyRecords1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE cases
         SET snapshot = jsonb_set(snapshot, '{context,closedOn}',
                                  to_jsonb(to_char((snapshot->'context'->'closure'->>'dueOn')::date + 1, 'YYYY-MM-DD'))),
             closed_on = (snapshot->'context'->'closure'->>'dueOn')::date + 1
       WHERE snapshot->'context'->>'closeReason' IN ('correction_overdue', 'fee_unpaid')
         AND snapshot->'context'->'closure'->>'dueOn' IS NOT NULL
         AND snapshot->'context'->'delivery' IS NOT NULL
         AND snapshot->'context'->>'closedOn' IS NOT NULL`);
    for (const key of ['reconsiderations', 'litigations']) {
      await q.query(`
        UPDATE cases
           SET snapshot = jsonb_set(snapshot, '{context,${key}}', (
                 SELECT coalesce(jsonb_agg(x.v ORDER BY x.first_ord), '[]'::jsonb)
                   FROM (SELECT (array_agg(e.value ORDER BY e.ord DESC))[1] AS v, min(e.ord) AS first_ord
                           FROM jsonb_array_elements(snapshot->'context'->'${key}') WITH ORDINALITY e(value, ord)
                          GROUP BY e.value->>'filedOn') x))
         WHERE jsonb_typeof(snapshot->'context'->'${key}') = 'array'
           AND jsonb_array_length(snapshot->'context'->'${key}') > 1`);
    }
  }

  async down(): Promise<void> {
    // The snapshots follow from the histories; the former counting is not restored.
  }
}
