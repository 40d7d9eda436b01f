import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed letters (issue 17): each agency's signing certificates and seal images, kept append-only
 * (the newest is in use; a rotated certificate stays, so the letters it signed still name it), and
 * on each letter the certificate that signed it and when.
 * The PKCS#12 file (key and certificate) is stored as uploaded or generated: encrypted with the
 * passphrase from the configuration (SIGNING_P12_PASSPHRASE), which the database never holds.
 * Runs forward on a database holding data: existing letters stay unsigned (both new columns null).
 */
export class Signing1765300000000 implements MigrationInterface {
  name = 'Signing1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agency_signing_certificates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id),
        p12 bytea NOT NULL,
        certificate_pem text NOT NULL,
        fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
        subject_cn text NOT NULL,
        issuer_cn text NOT NULL,
        serial_number text NOT NULL,
        not_before timestamptz NOT NULL,
        not_after timestamptz NOT NULL,
        -- generated at set-up for a demo or test deployment (self-signed, not for production)
        test_only boolean NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (agency_id, fingerprint)
      )`);
    await q.query(`CREATE INDEX agency_signing_certificates_current_idx ON agency_signing_certificates (agency_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE agency_seals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id),
        png bytea NOT NULL,
        sha256 text NOT NULL,
        width integer NOT NULL,
        height integer NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX agency_seals_current_idx ON agency_seals (agency_id, created_at DESC)`);
    // Rotation adds a row; a row never changes, so old letters keep the certificate they name.
    for (const t of ['agency_signing_certificates', 'agency_seals']) {
      await q.query(`CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
      await q.query(`CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()`);
    }
    await q.query(`ALTER TABLE letters ADD COLUMN signing_certificate_id uuid REFERENCES agency_signing_certificates(id)`);
    await q.query(`ALTER TABLE letters ADD COLUMN signed_at timestamptz`);
    await q.query(`ALTER TABLE letters ADD CONSTRAINT letters_signed_together CHECK ((signing_certificate_id IS NULL) = (signed_at IS NULL))`);
    // The public authenticity check looks a PDF's hash up among all letters.
    await q.query(`CREATE INDEX letters_sha256_idx ON letters (sha256)`);
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gid_app') THEN
          GRANT SELECT, INSERT ON agency_signing_certificates, agency_seals TO gid_app;
          REVOKE UPDATE, DELETE, TRUNCATE ON agency_signing_certificates, agency_seals FROM gid_app;
        END IF;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX letters_sha256_idx`);
    await q.query(`ALTER TABLE letters DROP CONSTRAINT letters_signed_together`);
    await q.query(`ALTER TABLE letters DROP COLUMN signed_at`);
    await q.query(`ALTER TABLE letters DROP COLUMN signing_certificate_id`);
    await q.query(`DROP TABLE agency_seals`);
    await q.query(`DROP TABLE agency_signing_certificates`);
  }
}
