import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cases (案件), their append-only history (case_events, hash-chained), gap-free case numbers,
 * durable statutory timers, per-user notifications, and letters (文书) with gap-free 文号 series.
 */
export class Cases1764660200000 implements MigrationInterface {
  name = 'Cases1764660200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_number_counters (
        agency_id uuid NOT NULL REFERENCES agencies(id),
        year integer NOT NULL,
        last integer NOT NULL,
        PRIMARY KEY (agency_id, year)
      )`);
    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id),
        year integer NOT NULL,
        seq integer NOT NULL,
        case_number text NOT NULL,
        tracking_code text NOT NULL UNIQUE,
        idempotency_key text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('in_person','registered_post','ordinary_post','online','fax')),
        arrived_at timestamptz NOT NULL,
        confirmed_at timestamptz,
        receipt_date date NOT NULL,
        applicant jsonb NOT NULL,
        applicant_name text NOT NULL,
        applicant_key text NOT NULL,
        applicant_category text NOT NULL,
        description text NOT NULL,
        form text NOT NULL,
        delivery_method text NOT NULL,
        snapshot jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        state text NOT NULL,
        department_id uuid REFERENCES departments(id),
        assignee_id uuid REFERENCES users(id),
        reply_due date,
        next_due date,
        next_due_kind text,
        provisional boolean NOT NULL DEFAULT false,
        overdue boolean NOT NULL DEFAULT false,
        outcome text,
        closed_on date,
        flags jsonb NOT NULL DEFAULT '[]'::jsonb,
        -- The agency's fee-pause policy when the case was registered (shared/domain §3): a later
        -- change of the setting does not move the deadlines of cases already under way.
        fee_pauses_clock boolean NOT NULL DEFAULT true,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_id, year, seq),
        UNIQUE (agency_id, case_number),
        UNIQUE (agency_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX cases_worklist_idx ON cases (agency_id, state, next_due)`);
    await q.query(`CREATE INDEX cases_department_idx ON cases (agency_id, department_id)`);
    await q.query(`CREATE INDEX cases_assignee_idx ON cases (agency_id, assignee_id)`);
    await q.query(`CREATE INDEX cases_applicant_idx ON cases (agency_id, applicant_key, receipt_date)`);
    await q.query(`CREATE INDEX cases_receipt_idx ON cases (agency_id, receipt_date)`);
    await q.query(`CREATE INDEX cases_overdue_idx ON cases (agency_id) WHERE overdue`);

    await q.query(`
      CREATE TABLE case_events (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        seq integer NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        actor_id uuid REFERENCES users(id),
        occurred_on date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        prev_hash text,
        hash text NOT NULL,
        UNIQUE (case_id, seq)
      )`);
    await q.query(`CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
                   FOR EACH ROW EXECUTE FUNCTION refuse_change()`);

    await q.query(`
      CREATE TABLE case_timers (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        kind text NOT NULL,
        ref text NOT NULL DEFAULT '',
        due_on date NOT NULL,
        -- The business day the system learned of this deadline. A deadline that had already passed
        -- when it was recorded (a backdated entry) is not acted on by itself: a person is told.
        armed_on date NOT NULL DEFAULT ((now() AT TIME ZONE 'Asia/Shanghai')::date),
        fired_at timestamptz,
        UNIQUE (case_id, kind, ref, due_on)
      )`);
    await q.query(`CREATE INDEX case_timers_due_idx ON case_timers (due_on) WHERE fired_at IS NULL`);

    await q.query(`
      CREATE TABLE notifications (
        id bigserial PRIMARY KEY,
        agency_id uuid NOT NULL REFERENCES agencies(id),
        user_id uuid REFERENCES users(id),
        role text,
        case_id uuid REFERENCES cases(id),
        kind text NOT NULL,
        message text NOT NULL,
        due_on date,
        dedupe_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        UNIQUE (dedupe_key)
      )`);
    await q.query(`CREATE INDEX notifications_user_idx ON notifications (agency_id, user_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE doc_number_counters (
        agency_id uuid NOT NULL REFERENCES agencies(id),
        series text NOT NULL,
        year integer NOT NULL,
        last integer NOT NULL,
        PRIMARY KEY (agency_id, series, year)
      )`);
    await q.query(`
      CREATE TABLE letters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        type text NOT NULL,
        variant text NOT NULL,
        status text NOT NULL CHECK (status IN ('final')),
        series text NOT NULL,
        series_year integer NOT NULL,
        series_seq integer NOT NULL,
        doc_number text NOT NULL,
        issued_on date NOT NULL,
        sha256 text NOT NULL,
        bytes bytea NOT NULL,
        size integer NOT NULL,
        replaces_id uuid REFERENCES letters(id),
        -- The letter-specific facts it was rendered from (a correction re-renders them under a new 文号).
        fields jsonb NOT NULL DEFAULT '{}'::jsonb,
        reason text,
        event_seq integer,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_id, series, series_year, series_seq)
      )`);
    await q.query(`CREATE INDEX letters_case_idx ON letters (case_id, created_at)`);
    // A final letter never changes: its bytes and hash are frozen.
    await q.query(`CREATE TRIGGER letters_frozen BEFORE UPDATE OR DELETE ON letters
                   FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['letters', 'doc_number_counters', 'notifications', 'case_timers', 'case_events', 'cases', 'case_number_counters']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
