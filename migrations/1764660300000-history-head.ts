import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The chain head on the case row (head_seq, head_hash), written in the transaction that appends
 * each event, so that deleting the last events or rewriting one is detected by
 * GET /cases/:id/history/verify; and the answers of idempotent actions (Idempotency-Key).
 * Runs on a database that already holds cases: the head is filled from their last event.
 */
export class HistoryHead1764660300000 implements MigrationInterface {
  name = 'HistoryHead1764660300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN head_seq integer NOT NULL DEFAULT 0, ADD COLUMN head_hash text`);
    await q.query(`
      UPDATE cases c SET head_seq = e.seq, head_hash = e.hash
        FROM (SELECT DISTINCT ON (case_id) case_id, seq, hash FROM case_events ORDER BY case_id, seq DESC) e
       WHERE e.case_id = c.id`);
    await q.query(`
      CREATE TABLE case_action_requests (
        case_id uuid NOT NULL REFERENCES cases(id),
        idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
        action text NOT NULL,
        actor_id uuid NOT NULL,
        status integer NOT NULL,
        body text NOT NULL, -- the answer exactly as first sent (text keeps its key order)
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, idempotency_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_action_requests`);
    await q.query(`ALTER TABLE cases DROP COLUMN head_hash, DROP COLUMN head_seq`);
  }
}
