import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

export interface PoolOptions {
  /** Connections in the pool (DB_POOL_MAX). */
  max?: number;
  /** How long a request waits for a free connection before it is answered 503 (DB_ACQUIRE_TIMEOUT_MS). */
  acquireTimeoutMs?: number;
  /** statement_timeout of every connection, ms (DB_STATEMENT_TIMEOUT_MS); unset or 0: none (migrations). */
  statementTimeoutMs?: number;
}

export function dataSourceOptions(url: string, pool: PoolOptions = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    // No entities: every table is read and written by its area's repository in SQL (README: design notes).
    entities: [],
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsTransactionMode: 'each',
    extra: {
      max: pool.max ?? 20,
      // Pool exhaustion is an answer (503), never a wait without end.
      connectionTimeoutMillis: pool.acquireTimeoutMs ?? 5000,
      // A connection left idle inside a transaction (a bug, a killed client) is ended by the server.
      // A statement that runs longer than DB_STATEMENT_TIMEOUT_MS is cancelled (57014, answered 503).
      options: `-c idle_in_transaction_session_timeout=60000${pool.statementTimeoutMs ? ` -c statement_timeout=${pool.statementTimeoutMs}` : ''}`,
      application_name: 'gov-info-disclosure',
    },
  };
}

/** Creates the database named in the URL when it does not exist (embedded server's first start). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const c = new Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    const r = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (r.rowCount === 0) await c.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await c.end();
  }
}

/**
 * The PostgreSQL session advisory lock that serialises migrations: one fixed 64-bit key,
 * 0x6769645f6d696772 (the ASCII bytes of "gid_migr") = 7451597419481491314. Advisory locks
 * are scoped to one database, so instances migrating different databases do not wait for each
 * other. While held it shows in pg_locks as locktype 'advisory', classid 1734960223, objid
 * 1835624306, objsubid 1. Nothing else in the application may use this key.
 */
export const MIGRATION_LOCK_KEY = '7451597419481491314';
/** How long an instance waits for another one's migrations before giving up. */
export const MIGRATION_LOCK_WAIT_MS = 120_000;
const MIGRATION_LOCK_POLL_MS = 250;

export interface MigrationLockOptions {
  /** Give up after this long (default MIGRATION_LOCK_WAIT_MS). */
  waitMs?: number;
  /** Interval between pg_try_advisory_lock attempts (default 250 ms). */
  pollMs?: number;
}

export class MigrationLockTimeoutError extends Error {}

/**
 * Runs `fn` while holding the migration advisory lock on a connection of its own (typeorm#4588:
 * two instances starting together would otherwise both run the same pending migrations). The
 * lock is taken with pg_try_advisory_lock, polled until `waitMs` has passed, and released in a
 * finally; if this process dies, PostgreSQL releases it with the session.
 */
export async function withMigrationLock<T>(
  url: string,
  fn: () => Promise<T>,
  opts: MigrationLockOptions = {},
): Promise<T> {
  const waitMs = opts.waitMs ?? MIGRATION_LOCK_WAIT_MS;
  const pollMs = opts.pollMs ?? MIGRATION_LOCK_POLL_MS;
  const c = new Client({
    connectionString: url,
    application_name: 'gov-info-disclosure migrations',
  });
  // A dropped connection also drops the lock; the query in flight reports the error.
  c.on('error', () => undefined);
  await c.connect();
  try {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const r = await c.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1::bigint) AS locked',
        [MIGRATION_LOCK_KEY],
      );
      if (r.rows[0].locked) break;
      if (Date.now() >= deadline) {
        throw new MigrationLockTimeoutError(
          `等待数据库迁移锁超时（${Math.round(waitMs / 1000)} 秒）：另一个实例仍在执行迁移，或其连接未释放锁。` +
            `请在 pg_locks 中查找 locktype = 'advisory' AND classid = 1734960223 AND objid = 1835624306 的持有者（pg_stat_activity），确认后再重启。`,
        );
      }
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(pollMs, Math.max(0, deadline - Date.now()))),
      );
    }
    try {
      return await fn();
    } finally {
      await c
        .query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY])
        .catch(() => undefined);
    }
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * Runs the pending migrations under the migration lock; returns the names of those this call
 * ran. An instance that waited for another one finds nothing left to run and returns [].
 */
export async function runMigrations(
  url: string,
  opts: MigrationLockOptions & { upTo?: number } = {},
): Promise<string[]> {
  return withMigrationLock(
    url,
    async () => {
      // upTo: only the first n migrations (a restore builds the schema its backup was taken at)
      const base = dataSourceOptions(url);
      const ds = new DataSource(opts.upTo === undefined ? base : { ...base, migrations: MIGRATIONS.slice(0, opts.upTo) });
      await ds.initialize();
      try {
        const done = await ds.runMigrations({ transaction: 'each' });
        return done.map((m) => m.name);
      } finally {
        await ds.destroy();
      }
    },
    opts,
  );
}
