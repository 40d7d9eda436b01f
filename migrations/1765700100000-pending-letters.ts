import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Letters whose numbers are taken but which are not yet rendered (issue 16: the case-number
 * counter's lock as short as possible). A registration takes the case number and its 登记回执's
 * 文号 in one short transaction and commits; the receipt is rendered, sealed and signed after, in a
 * second transaction that holds only the case's row. Between the two, `pending_letters` holds what
 * was reserved (type, template, 文号, issue date, who): the number is never lost (no gap in the
 * 文号 series), and a receipt that a crash interrupted is issued with that same number by the next
 * worker poll, by a retry of the request (same Idempotency-Key) or by the case's next step.
 * A new nullable column (no rewrite of the table) and a partial index that holds only the few
 * pending rows.
 */
export class PendingLetters1765700100000 implements MigrationInterface {
  name = 'PendingLetters1765700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN pending_letters jsonb`);
    await q.query(`CREATE INDEX cases_pending_letters_idx ON cases (created_at) WHERE pending_letters IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_pending_letters_idx`);
    await q.query(`ALTER TABLE cases DROP COLUMN pending_letters`);
  }
}
