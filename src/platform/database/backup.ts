/**
 * Logical backup and restore of the application's database (issue 16, reliability 6), through SQL
 * alone: the embedded server ships no pg_dump, and Debian's pg_dump (15) refuses a newer server.
 *
 * Backup: one REPEATABLE READ READ ONLY transaction (a consistent snapshot, taken beside a running
 * service), every table of the public schema but TypeORM's migrations table copied out with
 * `COPY … TO STDOUT` (text format: portable across PostgreSQL versions), gzip-compressed into one
 * file per table, and a manifest: the migrations applied, each table's columns, rows, bytes and
 * SHA-256, the sequences' values. Nothing is held in memory but a stream's buffers.
 *
 * Restore, into a database that holds no case and no user: the manifest's files are checked
 * against their SHA-256 first; the schema is built by the application's own migrations up to the
 * one the backup was taken at, the rows are copied in with triggers off (session_replication_role
 * = replica: the append-only triggers refuse TRUNCATE, and foreign keys are checked by the source),
 * the sequences set, the row counts compared, and the migrations written since then run last.
 * Roles are the cluster's, not the database's: the service's login role is created as at any start.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { runMigrations } from './data-source';
import { MIGRATIONS } from './migrations';

export const BACKUP_FORMAT = 'gid-backup/1';

export interface BackupTable {
  name: string;
  columns: string[];
  rows: number;
  /** Bytes of the COPY text (before compression). */
  bytes: number;
  /** SHA-256 of the compressed file. */
  sha256: string;
  file: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  serverVersion: string;
  /** Names of the migrations applied, in order (TypeORM's migrations table). */
  migrations: string[];
  tables: BackupTable[];
  sequences: Array<{ name: string; value: string | null }>;
}

export class BackupError extends Error {}

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

/** Counts rows (one \n per row in COPY text: newlines inside values are escaped) and bytes. */
class RowCounter extends Transform {
  rows = 0;
  bytes = 0;
  override _transform(chunk: Buffer, _: BufferEncoding, done: (e?: Error | null, d?: Buffer) => void): void {
    this.bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.rows++;
    done(null, chunk);
  }
}

class Hasher extends Transform {
  readonly hash = createHash('sha256');
  override _transform(chunk: Buffer, _: BufferEncoding, done: (e?: Error | null, d?: Buffer) => void): void {
    this.hash.update(chunk);
    done(null, chunk);
  }
}

async function tablesOf(c: Client): Promise<Array<{ name: string; columns: string[] }>> {
  const r = await c.query(`
    SELECT t.relname AS name,
           array_agg(a.attname::text ORDER BY a.attnum) AS columns
      FROM pg_class t
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     WHERE t.relkind IN ('r', 'p') AND NOT t.relispartition AND t.relname <> 'migrations'
     GROUP BY t.relname
     ORDER BY t.relname`);
  return r.rows;
}

/** Writes a backup of the database at `url` into the folder `out` (created; must not exist or be empty). */
export async function backupDatabase(url: string, out: string, onTable?: (t: BackupTable, done: number, total: number) => void): Promise<BackupManifest> {
  if (fs.existsSync(out) && fs.readdirSync(out).length) throw new BackupError(`备份目录不为空：${out}`);
  fs.mkdirSync(out, { recursive: true, mode: 0o700 });
  const c = new Client({ connectionString: url, application_name: 'gid-backup' });
  await c.connect();
  try {
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // no statement timeout for the copy of a large table
    await c.query('SET LOCAL statement_timeout = 0');
    const serverVersion = (await c.query('SHOW server_version')).rows[0].server_version as string;
    const migrations = (await c.query(`SELECT name FROM migrations ORDER BY id`)).rows.map((r) => r.name as string);
    const tables = await tablesOf(c);
    const manifest: BackupManifest = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), serverVersion, migrations, tables: [], sequences: [] };
    for (const [i, t] of tables.entries()) {
      const file = `${t.name}.copy.gz`;
      const counter = new RowCounter();
      const hasher = new Hasher();
      const source = c.query(copyTo(`COPY (SELECT ${t.columns.map(q).join(', ')} FROM ${q(t.name)}) TO STDOUT`));
      await pipeline(source, counter, createGzip({ level: 6 }), hasher, fs.createWriteStream(path.join(out, file), { mode: 0o600 }));
      const entry: BackupTable = { name: t.name, columns: t.columns, rows: counter.rows, bytes: counter.bytes, sha256: hasher.hash.digest('hex'), file };
      manifest.tables.push(entry);
      onTable?.(entry, i + 1, tables.length);
    }
    manifest.sequences = (
      await c.query(`SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`)
    ).rows;
    await c.query('COMMIT');
    fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2), { mode: 0o600 });
    return manifest;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await c.end();
  }
}

/** The manifest of a backup folder, with every file checked against its SHA-256. */
export async function readBackup(dir: string): Promise<BackupManifest> {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) throw new BackupError(`不是备份目录（缺少 manifest.json）：${dir}`);
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (m.format !== BACKUP_FORMAT) throw new BackupError(`不支持的备份格式：${String(m.format)}`);
  for (const t of m.tables) {
    const h = createHash('sha256');
    for await (const b of fs.createReadStream(path.join(dir, t.file))) h.update(b as Buffer);
    if (h.digest('hex') !== t.sha256) throw new BackupError(`备份文件已损坏或被改动：${t.file}`);
  }
  return m;
}

export interface RestoreReport {
  tables: number;
  rows: number;
  /** Migrations run after the data (written since the backup). */
  laterMigrations: number;
}

/**
 * Restores the backup in `dir` into the database at `url` (a superuser or a role allowed to set
 * session_replication_role), which must hold no case and no user.
 */
export async function restoreDatabase(url: string, dir: string, onTable?: (t: BackupTable, done: number, total: number) => void): Promise<RestoreReport> {
  const m = await readBackup(dir);
  // the name TypeORM records: the instance's `name`, else the class name
  const names = MIGRATIONS.map((x) => (new x() as { name?: string }).name ?? x.name);
  const prefix = m.migrations.every((n, i) => names[i] === n);
  if (!prefix) throw new BackupError('备份来自本程序不认识的数据库结构版本（迁移不一致）：请用备份时的版本恢复');
  const c = new Client({ connectionString: url, application_name: 'gid-restore' });
  await c.connect();
  try {
    const hasCases = (await c.query(`SELECT to_regclass('public.cases') IS NOT NULL AS t`)).rows[0].t;
    if (hasCases) {
      const n = (await c.query(`SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM users) AS n`)).rows[0].n;
      if (Number(n) > 0) throw new BackupError('目标数据库已有案件或用户：只能恢复到空数据库');
      const applied = (await c.query(`SELECT name FROM migrations ORDER BY id`)).rows.map((r) => r.name);
      if (applied.length > m.migrations.length) throw new BackupError('目标数据库的结构比备份新：请恢复到新建的空数据库');
    }
    await runMigrations(url, { upTo: m.migrations.length });
    const tables = await tablesOf(c);
    const wanted = new Map(m.tables.map((t) => [t.name, t]));
    const missing = m.tables.filter((t) => !tables.some((x) => x.name === t.name)).map((t) => t.name);
    if (missing.length) throw new BackupError(`目标数据库缺少数据表：${missing.join('、')}`);
    let rows = 0;
    await c.query('BEGIN');
    try {
      await c.query('SET LOCAL session_replication_role = replica');
      await c.query('SET LOCAL statement_timeout = 0');
      // what the migrations themselves inserted (built-in calendars …) is replaced by the backup's rows
      await c.query(`TRUNCATE ${tables.filter((t) => wanted.has(t.name)).map((t) => q(t.name)).join(', ')}`);
      for (const [i, t] of m.tables.entries()) {
        const sink = c.query(copyFrom(`COPY ${q(t.name)} (${t.columns.map(q).join(', ')}) FROM STDIN`));
        await pipeline(fs.createReadStream(path.join(dir, t.file)), createGunzip(), sink);
        const n = Number((await c.query(`SELECT count(*) AS n FROM ${q(t.name)}`)).rows[0].n);
        if (n !== t.rows) throw new BackupError(`数据表 ${t.name} 恢复了 ${n} 行，备份中为 ${t.rows} 行`);
        rows += n;
        onTable?.(t, i + 1, m.tables.length);
      }
      for (const s of m.sequences) {
        if (s.value === null) await c.query(`SELECT setval($1, 1, false)`, [`public.${q(s.name)}`]);
        else await c.query(`SELECT setval($1, $2::bigint, true)`, [`public.${q(s.name)}`, s.value]);
      }
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
    const later = names.length - m.migrations.length;
    if (later > 0) await runMigrations(url);
    return { tables: m.tables.length, rows, laterMigrations: later };
  } finally {
    await c.end();
  }
}
