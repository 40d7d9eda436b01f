/**
 * A second database on the tests' PostgreSQL server, beside a test context's: for a migration run
 * forward on a database that already holds the app's rows (partitioned-history, partitioned-letters)
 * or a restore into a fresh database (backup-restore).
 */
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { serverUrl } from './test-app';

/** An empty database named `name` (created now) and the URL of it with `like`'s credentials. */
export async function createScratchDatabase(like: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(like);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const a = new Client({ connectionString: serverUrl() });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A table's stored columns, in order. */
export async function tableColumns(c: Client, table: string): Promise<string[]> {
  return (
    await c.query(
      `SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
      [`public.${table}`],
    )
  ).rows.map((r) => r.attname);
}

/** The public tables of `c` (partitioned ones as their parent), the migrations table left out. */
export async function appTables(c: Client): Promise<string[]> {
  return (
    await c.query(
      `SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND relkind IN ('r','p') AND NOT relispartition AND relname <> 'migrations' ORDER BY 1`,
    )
  ).rows.map((r) => r.relname);
}

/**
 * Replaces every row of `to` (a database at an older migration) with `from`'s rows, in the columns
 * both schemas have, in one transaction with the triggers and foreign keys off (as a restore would),
 * and moves `to`'s sequences to `from`'s values.
 */
export async function copyAppRows(from: Client, to: Client): Promise<void> {
  const tables = await appTables(to);
  await to.query('BEGIN');
  try {
    await to.query('SET LOCAL session_replication_role = replica');
    await to.query(`TRUNCATE ${tables.map((x) => `"${x}"`).join(', ')}`);
    for (const table of tables) {
      const present = new Set(await tableColumns(from, table));
      const cols = (await tableColumns(to, table)).filter((x) => present.has(x)).map((x) => `"${x}"`).join(', ');
      await pipeline(from.query(copyTo(`COPY (SELECT ${cols} FROM "${table}") TO STDOUT`)), to.query(copyFrom(`COPY "${table}" (${cols}) FROM STDIN`)));
    }
    for (const s of (await from.query(`SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' AND last_value IS NOT NULL`)).rows) {
      await to.query(`SELECT setval($1, $2::bigint)`, [`public.${s.sequencename}`, s.last_value]);
    }
    await to.query('COMMIT');
  } catch (e) {
    await to.query('ROLLBACK');
    throw e;
  }
}
