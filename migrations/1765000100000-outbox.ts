import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox (issue 14): messages to the applicant (e-mail; SMS has no provider yet), written in the
 * same transaction as the case event that causes them, delivered by the worker. One row per case,
 * step and template (dedupe_key), so a step never queues a message twice; the row's id is the
 * e-mail's Message-ID. status: pending → sending (claimed, with a lease) → sent | failed (parked
 * after OUTBOX_MAX_ATTEMPTS), or back to pending with the next attempt's time.
 * Runs forward on a database holding data (a new table only).
 */
export class Outbox1765000100000 implements MigrationInterface {
  name = 'Outbox1765000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        agency_id uuid NOT NULL REFERENCES agencies(id),
        case_id uuid REFERENCES cases(id),
        dedupe_key text NOT NULL UNIQUE,
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        purpose text NOT NULL DEFAULT 'notice' CHECK (purpose IN ('notice', 'delivery')),
        recipient text NOT NULL,
        template text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        attachments jsonb NOT NULL DEFAULT '[]'::jsonb,
        message_id text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        last_error text,
        smtp_response text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status IN ('pending', 'sending')`);
    await q.query(`CREATE INDEX outbox_agency_idx ON outbox (agency_id, status, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
  }
}
