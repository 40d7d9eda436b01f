import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The worklist at a million cases (issue 16), measured with `npm run bench:queries`:
 *
 * - Keyset order. The worklist is sorted by (next_due, receipt_date, case_number), NULLs last; the
 *   sort key is written with coalesce(…, 'infinity') so that one B-tree serves it and a page starts
 *   after the previous page's last key (GET /cases?cursor=…) instead of skipping OFFSET rows: the
 *   agency's order, a department's, an assignee's (a handler's scope: the two merged) and the
 *   overdue list's (partial index).
 * - Text search. pg_trgm ships with the embedded binaries, but on a cluster created with LC_CTYPE C
 *   (the embedded one, and many installations) it extracts no trigram from Chinese text
 *   (show_trgm('旧城改造') = {}), so a gin_trgm_ops index would never serve a Chinese fragment. The
 *   Chinese columns (申请内容, 申请人) are indexed by their character bigrams instead
 *   (gid_bigrams: every two consecutive characters, lower-cased; the idea of pg_bigm, independent
 *   of the locale): a fragment of two or more characters is looked up with @> and re-checked with
 *   ILIKE. Case numbers (ASCII) use pg_trgm. The function is declared costly (COST 1000): where the
 *   planner scans rows instead (a small agency), ILIKE runs first and the bigrams only on its matches.
 * - Registration flags (条例第35、36条): the applicant's earlier cases use cases_applicant_idx; the
 *   agency's recent ones cases_receipt_idx and, for online applications still without a receipt
 *   date, cases_unconfirmed_idx (the repository's earlierRequests reads them as two indexed parts).
 *
 * Runs forward on a database holding data (plain CREATE INDEX: the table is locked for writes
 * while each is built — at a million cases about a minute for the bigram indexes).
 */
export class WorklistKeysetSearch1765500000000 implements MigrationInterface {
  name = 'WorklistKeysetSearch1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE FUNCTION gid_bigrams(t text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1000
        RETURN ARRAY(SELECT DISTINCT substr(lower(t), i, 2) FROM generate_series(1, char_length(t) - 1) AS i)`);
    const key = `coalesce(next_due, 'infinity'::date), coalesce(receipt_date, 'infinity'::date), case_number`;
    await q.query(`CREATE INDEX cases_order_idx ON cases (agency_id, ${key})`);
    await q.query(`CREATE INDEX cases_department_order_idx ON cases (agency_id, department_id, ${key})`);
    await q.query(`CREATE INDEX cases_assignee_order_idx ON cases (agency_id, assignee_id, ${key})`);
    await q.query(`CREATE INDEX cases_overdue_order_idx ON cases (agency_id, ${key}) WHERE overdue`);
    await q.query(`CREATE INDEX cases_description_bigrams_idx ON cases USING gin (gid_bigrams(description))`);
    await q.query(`CREATE INDEX cases_applicant_bigrams_idx ON cases USING gin (gid_bigrams(applicant_name))`);
    await q.query(`CREATE INDEX cases_case_number_trgm_idx ON cases USING gin (case_number gin_trgm_ops)`);
    await q.query(`CREATE INDEX cases_unconfirmed_idx ON cases (agency_id, arrived_at) WHERE receipt_date IS NULL`);
    // Superseded by cases_overdue_order_idx (same rows, and in the worklist's order).
    await q.query(`DROP INDEX cases_overdue_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX cases_overdue_idx ON cases (agency_id) WHERE overdue`);
    for (const i of [
      'cases_unconfirmed_idx', 'cases_case_number_trgm_idx', 'cases_applicant_bigrams_idx', 'cases_description_bigrams_idx',
      'cases_overdue_order_idx', 'cases_assignee_order_idx', 'cases_department_order_idx', 'cases_order_idx',
    ]) {
      await q.query(`DROP INDEX ${i}`);
    }
    await q.query(`DROP FUNCTION gid_bigrams(text)`);
  }
}
