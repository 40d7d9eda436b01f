import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The worker's durable state:
 * - case_timers gets attempts / last_error / parked_at: a timer that keeps failing is retried a
 *   bounded number of times, then parked (no longer claimed) and reported to a person.
 * - reminder_runs: one row per agency per day claims that day's reminders (exactly one instance
 *   does them, once).
 * - recalculation_jobs: a calendar change queues a durable, resumable recalculation of the open
 *   cases' deadlines, with progress.
 * Runs forward on a database that already holds data: new columns have defaults, new tables are empty.
 */
export class TimerAttempts1764660400000 implements MigrationInterface {
  name = 'TimerAttempts1764660400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_timers
      ADD COLUMN attempts integer NOT NULL DEFAULT 0,
      ADD COLUMN last_error text,
      ADD COLUMN parked_at timestamptz`);
    // The claim query: due, not fired, not parked.
    await q.query(`CREATE INDEX case_timers_claim_idx ON case_timers (due_on, id) WHERE fired_at IS NULL AND parked_at IS NULL`);

    await q.query(`
      CREATE TABLE reminder_runs (
        agency_id uuid NOT NULL REFERENCES agencies(id),
        day date NOT NULL,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        reminders integer NOT NULL DEFAULT 0,
        PRIMARY KEY (agency_id, day)
      )`);

    await q.query(`
      CREATE TABLE recalculation_jobs (
        id bigserial PRIMARY KEY,
        year integer NOT NULL,
        action text NOT NULL CHECK (action IN ('load', 'replace')),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        total integer NOT NULL DEFAULT 0,
        done integer NOT NULL DEFAULT 0,
        last_case_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        error text
      )`);
    await q.query(`CREATE INDEX recalculation_jobs_pending_idx ON recalculation_jobs (id) WHERE status IN ('queued', 'running')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE recalculation_jobs`);
    await q.query(`DROP TABLE reminder_runs`);
    await q.query(`DROP INDEX case_timers_claim_idx`);
    await q.query(`ALTER TABLE case_timers DROP COLUMN parked_at, DROP COLUMN last_error, DROP COLUMN attempts`);
  }
}
