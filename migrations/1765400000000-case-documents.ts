import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents on a case (issue 18): the records found, as uploaded (never changed, never shown to the
 * applicant), the regions redacted on them, and the released copies delivered with the reply.
 * - case_documents: one row per record (name, type by content, SHA-256, pages and their sizes), at
 *   most once per case and hash; its bytes in case_document_chunks, 1 MiB per row, so that an upload
 *   is written and a download read piece by piece (no whole file in memory) in the same database
 *   and transaction as the case history — backed up with it, no second store to keep in step.
 *   Both append-only (an original never changes).
 * - document_redactions: a region (PDF points, top-left origin of the displayed page) with its ground
 *   (a withheld-part code of the proposal) and reason; withdrawn by setting removed_at/removed_by,
 *   never deleted, so the 案卷's redaction log shows every step.
 * - document_releases: the released copy delivered with the reply, its SHA-256 as recorded in the
 *   DELIVER entry. Append-only.
 * Runs forward on a database holding data (new tables only).
 */
export class CaseDocuments1765400000000 implements MigrationInterface {
  name = 'CaseDocuments1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_documents (
        id uuid PRIMARY KEY,
        agency_id uuid NOT NULL REFERENCES agencies(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size bigint NOT NULL CHECK (size > 0),
        pages integer NOT NULL CHECK (pages > 0),
        page_sizes jsonb NOT NULL,
        event_seq integer NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (case_id, sha256)
      )`);
    await q.query(`CREATE INDEX case_documents_case_idx ON case_documents (case_id, created_at)`);
    await q.query(`
      CREATE TABLE case_document_chunks (
        document_id uuid NOT NULL REFERENCES case_documents(id),
        n integer NOT NULL CHECK (n >= 0),
        bytes bytea NOT NULL,
        PRIMARY KEY (document_id, n)
      )`);
    await q.query(`
      CREATE TABLE document_redactions (
        id uuid PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES case_documents(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        page integer NOT NULL CHECK (page > 0),
        x double precision NOT NULL CHECK (x >= 0),
        y double precision NOT NULL CHECK (y >= 0),
        width double precision NOT NULL CHECK (width > 0),
        height double precision NOT NULL CHECK (height > 0),
        ground text NOT NULL,
        reason text NOT NULL,
        event_seq integer NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        removed_at timestamptz,
        removed_by uuid REFERENCES users(id),
        CHECK ((removed_at IS NULL) = (removed_by IS NULL))
      )`);
    await q.query(`CREATE INDEX document_redactions_doc_idx ON document_redactions (document_id, page)`);
    await q.query(`CREATE INDEX document_redactions_case_idx ON document_redactions (case_id)`);
    await q.query(`
      CREATE TABLE document_releases (
        id uuid PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES case_documents(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        pages integer NOT NULL,
        size integer NOT NULL,
        bytes bytea NOT NULL,
        event_seq integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX document_releases_case_idx ON document_releases (case_id, event_seq)`);
    for (const t of ['case_documents', 'case_document_chunks', 'document_releases']) {
      await q.query(`CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
      await q.query(`CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()`);
    }
    await q.query(`CREATE TRIGGER document_redactions_no_truncate BEFORE TRUNCATE ON document_redactions FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()`);
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gid_app') THEN
          GRANT SELECT, INSERT ON case_documents, case_document_chunks, document_releases TO gid_app;
          REVOKE UPDATE, DELETE, TRUNCATE ON case_documents, case_document_chunks, document_releases FROM gid_app;
          GRANT SELECT, INSERT, UPDATE ON document_redactions TO gid_app;
          REVOKE DELETE, TRUNCATE ON document_redactions FROM gid_app;
        END IF;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['document_releases', 'document_redactions', 'case_document_chunks', 'case_documents']) await q.query(`DROP TABLE ${t}`);
  }
}
