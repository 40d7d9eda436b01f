/**
 * Migrations run at every start; two instances starting together must not both run them
 * (typeorm#4588). runMigrations takes a PostgreSQL advisory lock around them: the others wait,
 * then find nothing to run.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { MIGRATIONS } from '../../src/platform/database/migrations';
import { MIGRATION_LOCK_KEY, runMigrations } from '../../src/platform/database/data-source';
import { serverUrl } from '../support/test-app';

/** A fresh, empty database (no template): migrations have everything left to do. */
async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `gid_test_lock_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: serverUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function query<T extends object>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

const advisoryLocksHeld = (url: string) =>
  query<{ n: number }>(
    url,
    `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  );

describe('migrations: advisory lock (typeorm#4588)', () => {
  const names = MIGRATIONS.map((M) => new M().name as string);
  let db: { url: string; drop: () => Promise<void> };
  beforeEach(async () => {
    db = await emptyDatabase();
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await db.drop();
  });

  it('three instances migrating one empty database at once: one runs every migration, the others none', async () => {
    const results = await Promise.all([
      runMigrations(db.url),
      runMigrations(db.url),
      runMigrations(db.url),
    ]);
    const ran = results.filter((r) => r.length > 0);
    expect(ran).toHaveLength(1);
    expect([...ran[0]].sort()).toEqual([...names].sort());
    expect(results.filter((r) => r.length === 0)).toHaveLength(2);

    const rows = await query<{ name: string; n: number }>(
      db.url,
      'SELECT name, count(*)::int AS n FROM migrations GROUP BY name',
    );
    expect(rows.map((r) => r.name).sort()).toEqual([...names].sort());
    expect(rows.every((r) => r.n === 1)).toBe(true);
    // The schema is there (the last migration's tables included), and the lock is released.
    const tables = await query<{ n: number }>(
      db.url,
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('agencies', 'users', 'cases')`,
    );
    expect(tables[0].n).toBe(3);
    expect((await advisoryLocksHeld(db.url))[0].n).toBe(0);
    // A later start finds nothing to do.
    expect(await runMigrations(db.url)).toEqual([]);
  });

  it('gives up with a clear error when the lock stays held, and runs nothing', async () => {
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      const t0 = Date.now();
      await expect(runMigrations(db.url, { waitMs: 600, pollMs: 100 })).rejects.toThrow(
        /等待数据库迁移锁超时/,
      );
      expect(Date.now() - t0).toBeLessThan(5000);
      const tables = await query<{ n: number }>(
        db.url,
        `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`,
      );
      expect(tables[0].n).toBe(0);
    } finally {
      await holder.end();
    }
    // Once the holder is gone the lock is free again.
    expect(await runMigrations(db.url, { waitMs: 5000 })).toHaveLength(names.length);
    expect((await advisoryLocksHeld(db.url))[0].n).toBe(0);
  });

  it('releases the lock when a migration fails', async () => {
    // A table the first migration creates already exists: that migration fails.
    await query(db.url, 'CREATE TABLE agencies (id int)');
    jest.spyOn(console, 'log').mockImplementation(() => undefined); // TypeORM logs the failure
    await expect(runMigrations(db.url)).rejects.toThrow();
    expect((await advisoryLocksHeld(db.url))[0].n).toBe(0);
  });
});
