import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 法制审核 (issue 15): the findings of the legal audit, stored per case.
 * - case_audits: one row per case whose findings were computed (when it closed, or when the rules
 *   changed: rules_version = AUDIT_RULES_VERSION of src/domain/audit/findings.ts at the time), and
 *   the legal staff's sign-off (also recorded in the case history as AUDIT_SIGNED_OFF).
 * - case_findings: the findings themselves. source 'rules': computed (replaced when recomputed);
 *   source 'legal': added by legal staff (never replaced; also recorded in the case history as
 *   AUDIT_FINDING_ADDED, with its event_seq).
 * Runs forward on a database that already holds data: new tables only; the closed cases already
 * there are computed by `npm run audit:recompute` or the worker (no case_audits row yet).
 */
export class AuditFindings1765100000000 implements MigrationInterface {
  name = 'AuditFindings1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_audits (
        case_id uuid PRIMARY KEY REFERENCES cases(id),
        agency_id uuid NOT NULL REFERENCES agencies(id),
        rules_version integer NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        signed_off_at timestamptz,
        signed_off_by uuid REFERENCES users(id),
        sign_off_comments text,
        sign_off_seq integer
      )`);
    await q.query(`CREATE INDEX case_audits_version_idx ON case_audits (rules_version)`);
    await q.query(`
      CREATE TABLE case_findings (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        agency_id uuid NOT NULL REFERENCES agencies(id),
        source text NOT NULL CHECK (source IN ('rules', 'legal')),
        code text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
        article text,
        message text NOT NULL,
        evidence jsonb NOT NULL DEFAULT '{}'::jsonb,
        rules_version integer,
        event_seq integer,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_findings_case_idx ON case_findings (case_id, id)`);
    await q.query(`CREATE INDEX case_findings_code_idx ON case_findings (agency_id, code, case_id)`);
    // The audit list: closed cases of an agency by closing date.
    await q.query(`CREATE INDEX cases_closed_idx ON cases (agency_id, closed_on) WHERE closed_on IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_closed_idx`);
    await q.query(`DROP TABLE case_findings`);
    await q.query(`DROP TABLE case_audits`);
  }
}
