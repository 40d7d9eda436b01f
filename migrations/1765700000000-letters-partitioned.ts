import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The letters (文书, with their PDF bytes) partitioned by year (issue 16, scale-out). letters is only
 * ever appended to and is the largest table (about 37 KB × 4 per case, some 150 GB at a million
 * cases); partitions let a year's letters be vacuumed, moved to other storage or detached into an
 * archive on their own.
 *
 * The partition key is series_year, the year of the letter's 文号 (〔2026〕), which is the year it
 * was issued (LettersService.issue numbers a letter from the year of its issue date). Not the
 * case's year (cases.year, case_events' key, the plan docs/scaling.md had written down), because:
 * - a unique constraint of a partitioned table must contain the key, and the 文号 must stay
 *   unique: UNIQUE (agency_id, series, series_year, series_seq) already contains series_year and
 *   stays as it was. Keyed by the case's year it could not be declared (a case registered in
 *   December is answered in January under a 〔next year〕 文号, so the case's year is not part of
 *   the 文号) and the database would no longer refuse a 文号 given twice;
 * - letters are archived by the year they were issued in (文书档案按形成年度归档, DA/T 22-2015),
 *   and that is the year of the 文号.
 * The cost: the letters of a case registered late in a year may lie in two partitions (reads by
 * case look into every partition's (case_id, created_at) index, one probe each).
 *
 * The primary key is (id, series_year): id first, so that its index also serves every lookup by
 * id alone (the PDF, verify, reissue and mail-attachment routes know only the id): one index probe
 * per partition. The database now guarantees (id, series_year) unique, no longer id alone; ids are
 * random UUIDs (gen_random_uuid(), 122 random bits), so a repeat across years is not a real risk.
 *
 * A correction points at the letter it replaces: a foreign key to a partitioned table must name
 * its whole key, so replaces_id is joined by replaces_series_year (the app writes both), and the
 * key is MATCH FULL: both set or both null, so a replaces_id without its year is refused instead
 * of going unchecked. A partial index on replaces_id serves "has this letter been corrected?"
 * (every letter list and the public authenticity check ask it; there was no index for it before).
 *
 * One partition per year from the oldest letter's year (or this year) to five years ahead, and a
 * DEFAULT partition for later years until a migration adds theirs.
 *
 * On a database that already holds data: the table is renamed, the new one created, every letter
 * copied in one statement (ids, bytes, hashes unchanged; each correction given its original's
 * year), the counts compared, the old table dropped — all in this migration's transaction, so a
 * failure leaves the old table as it was. The bytes are copied, so the migration writes the whole
 * table once more and needs as much free disk (and WAL) until the old table is dropped: 29,305
 * letters of 37 KB (1.1 GB) took 14 s on the 2-core test machine (fsync off), so 150 GB takes
 * half an hour or more; the service is stopped for it, as for any migration that rewrites a table.
 * The other indexes and the foreign key are built after the copy (one pass each, not a probe per
 * row).
 *
 * The frozen rules are set again: the row trigger refusing UPDATE and DELETE (cloned to every
 * partition), the TRUNCATE trigger on the table and on each partition (statement triggers are not
 * cloned), and gid_app gets SELECT and INSERT only — on the partitions nothing (the app reads and
 * writes through the parent).
 */
export class LettersPartitioned1765700000000 implements MigrationInterface {
  name = 'LettersPartitioned1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE letters RENAME TO letters_unpartitioned`);
    // index names are schema-wide: free the ones the new table's constraints and indexes will take
    await q.query(`ALTER INDEX letters_pkey RENAME TO letters_unpartitioned_pkey`);
    await q.query(`ALTER INDEX letters_agency_id_series_series_year_series_seq_key RENAME TO letters_unpartitioned_series_key`);
    await q.query(`ALTER INDEX letters_case_idx RENAME TO letters_unpartitioned_case_idx`);
    await q.query(`ALTER INDEX letters_sha256_idx RENAME TO letters_unpartitioned_sha256_idx`);
    await q.query(`
      CREATE TABLE letters (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
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
        replaces_id uuid,
        replaces_series_year integer,
        -- The letter-specific facts it was rendered from (a correction re-renders them under a new 文号).
        fields jsonb NOT NULL DEFAULT '{}'::jsonb,
        reason text,
        event_seq integer,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        signing_certificate_id uuid REFERENCES agency_signing_certificates(id),
        signed_at timestamptz,
        CONSTRAINT letters_signed_together CHECK ((signing_certificate_id IS NULL) = (signed_at IS NULL)),
        PRIMARY KEY (id, series_year),
        UNIQUE (agency_id, series, series_year, series_seq)
      ) PARTITION BY RANGE (series_year)`);
    const [{ lo, hi }] = await q.query(`
      SELECT least(coalesce(min(series_year), extract(year FROM now())::int), extract(year FROM now())::int) AS lo,
             extract(year FROM now())::int + 5 AS hi
        FROM letters_unpartitioned`);
    const partitions: string[] = [];
    for (let y = Number(lo); y <= Number(hi); y++) {
      await q.query(`CREATE TABLE letters_${y} PARTITION OF letters FOR VALUES FROM (${y}) TO (${y + 1})`);
      partitions.push(`letters_${y}`);
    }
    await q.query(`CREATE TABLE letters_default PARTITION OF letters DEFAULT`);
    partitions.push('letters_default');

    await q.query(`
      INSERT INTO letters (id, agency_id, case_id, type, variant, status, series, series_year, series_seq, doc_number, issued_on,
                           sha256, bytes, size, replaces_id, replaces_series_year, fields, reason, event_seq, created_by, created_at,
                           signing_certificate_id, signed_at)
      SELECT l.id, l.agency_id, l.case_id, l.type, l.variant, l.status, l.series, l.series_year, l.series_seq, l.doc_number, l.issued_on,
             l.sha256, l.bytes, l.size, l.replaces_id, r.series_year, l.fields, l.reason, l.event_seq, l.created_by, l.created_at,
             l.signing_certificate_id, l.signed_at
        FROM letters_unpartitioned l LEFT JOIN letters_unpartitioned r ON r.id = l.replaces_id`);
    const [{ before }] = await q.query(`SELECT count(*)::bigint AS before FROM letters_unpartitioned`);
    const [{ after }] = await q.query(`SELECT count(*)::bigint AS after FROM letters`);
    if (String(before) !== String(after)) throw new Error(`letters: ${after} letters copied of ${before}`);
    await q.query(`DROP TABLE letters_unpartitioned`);

    await q.query(`CREATE INDEX letters_case_idx ON letters (case_id, created_at)`);
    // The public authenticity check looks a PDF's hash up among all letters.
    await q.query(`CREATE INDEX letters_sha256_idx ON letters (sha256)`);
    await q.query(`CREATE INDEX letters_replaces_idx ON letters (replaces_id) WHERE replaces_id IS NOT NULL`);
    await q.query(`
      ALTER TABLE letters ADD CONSTRAINT letters_replaces_fkey
        FOREIGN KEY (replaces_id, replaces_series_year) REFERENCES letters (id, series_year) MATCH FULL`);

    // A final letter never changes: its bytes and hash are frozen.
    await q.query(`CREATE TRIGGER letters_frozen BEFORE UPDATE OR DELETE ON letters FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`CREATE TRIGGER letters_no_truncate BEFORE TRUNCATE ON letters FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()`);
    for (const p of partitions) {
      await q.query(`CREATE TRIGGER ${p}_no_truncate BEFORE TRUNCATE ON ${p} FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()`);
    }
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gid_app') THEN
          REVOKE ALL ON letters FROM gid_app;
          GRANT SELECT, INSERT ON letters TO gid_app;
          ${partitions.map((p) => `REVOKE ALL ON ${p} FROM gid_app;`).join('\n          ')}
        END IF;
      END $$`);
  }

  async down(): Promise<void> {
    throw new Error('letters stays partitioned: restore a backup taken before this migration to go back');
  }
}
