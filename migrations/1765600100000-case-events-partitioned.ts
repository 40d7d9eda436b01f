import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case history partitioned by year (issue 16, scale-out). case_events is only ever appended
 * to and grows without end (about ten entries per case); partitions let a year's history be
 * vacuumed, moved to other storage or detached into an archive on its own.
 *
 * The partition key is case_year, the year of the case's number (cases.year), not the day an
 * entry was written: all of a case's entries then lie in one partition, so that
 * UNIQUE (case_year, case_id, seq) still says "one chain per case" (a unique constraint of a
 * partitioned table must contain the key). One partition per year from the oldest case's year
 * (or this year) to five years ahead, and a DEFAULT partition for later years until a migration
 * adds theirs. An index on (case_id, seq) serves the reads by case.
 *
 * On a database that already holds data: the table is renamed, the new one created, every entry
 * copied with its case's year in one statement (ids, hashes and order unchanged; the id sequence
 * moves to the new table), and the old table dropped — all in this migration's transaction, so a
 * failure leaves the old table as it was. At a million cases (≈ 10 million entries) the copy takes
 * minutes; the service is stopped for it, as for any migration that rewrites a table.
 *
 * The append-only rules are set again: the row trigger (cloned to every partition), the TRUNCATE
 * trigger on the table and on each partition (statement triggers are not cloned), and gid_app gets
 * SELECT and INSERT only — on the partitions nothing (the app writes through the parent).
 */
export class CaseEventsPartitioned1765600100000 implements MigrationInterface {
  name = 'CaseEventsPartitioned1765600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_events RENAME TO case_events_unpartitioned`);
    // index names are schema-wide: free the ones the new table's constraints will take
    await q.query(`ALTER INDEX case_events_pkey RENAME TO case_events_unpartitioned_pkey`);
    await q.query(`ALTER INDEX case_events_case_id_seq_key RENAME TO case_events_unpartitioned_case_id_seq_key`);
    await q.query(`
      CREATE TABLE case_events (
        id bigint NOT NULL DEFAULT nextval('case_events_id_seq'),
        case_year integer NOT NULL,
        case_id uuid NOT NULL REFERENCES cases(id),
        seq integer NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        actor_id uuid REFERENCES users(id),
        occurred_on date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        prev_hash text,
        hash text NOT NULL,
        PRIMARY KEY (case_year, id),
        UNIQUE (case_year, case_id, seq)
      ) PARTITION BY RANGE (case_year)`);
    const [{ lo, hi }] = await q.query(`
      SELECT least(coalesce(min(year), extract(year FROM now())::int), extract(year FROM now())::int) AS lo,
             extract(year FROM now())::int + 5 AS hi
        FROM cases`);
    const partitions: string[] = [];
    for (let y = Number(lo); y <= Number(hi); y++) {
      await q.query(`CREATE TABLE case_events_${y} PARTITION OF case_events FOR VALUES FROM (${y}) TO (${y + 1})`);
      partitions.push(`case_events_${y}`);
    }
    await q.query(`CREATE TABLE case_events_default PARTITION OF case_events DEFAULT`);
    partitions.push('case_events_default');
    await q.query(`CREATE INDEX case_events_case_seq_idx ON case_events (case_id, seq)`);

    await q.query(`
      INSERT INTO case_events (id, case_year, case_id, seq, type, payload, actor_id, occurred_on, recorded_at, prev_hash, hash)
      SELECT e.id, c.year, e.case_id, e.seq, e.type, e.payload, e.actor_id, e.occurred_on, e.recorded_at, e.prev_hash, e.hash
        FROM case_events_unpartitioned e JOIN cases c ON c.id = e.case_id
       ORDER BY e.id`);
    const [{ before }] = await q.query(`SELECT count(*)::bigint AS before FROM case_events_unpartitioned`);
    const [{ after }] = await q.query(`SELECT count(*)::bigint AS after FROM case_events`);
    if (String(before) !== String(after)) throw new Error(`case_events: ${after} entries copied of ${before}`);
    await q.query(`ALTER SEQUENCE case_events_id_seq OWNED BY case_events.id`);
    await q.query(`DROP TABLE case_events_unpartitioned`);

    await q.query(`CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()`);
    for (const p of partitions) {
      await q.query(`CREATE TRIGGER ${p}_no_truncate BEFORE TRUNCATE ON ${p} FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()`);
    }
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gid_app') THEN
          REVOKE ALL ON case_events FROM gid_app;
          GRANT SELECT, INSERT ON case_events TO gid_app;
          ${partitions.map((p) => `REVOKE ALL ON ${p} FROM gid_app;`).join('\n          ')}
        END IF;
      END $$`);
  }

  async down(): Promise<void> {
    throw new Error('case_events stays partitioned: restore a backup taken before this migration to go back');
  }
}
