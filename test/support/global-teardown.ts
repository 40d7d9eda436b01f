import * as fs from 'node:fs';
import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  if (process.env.TEST_NO_DB) return;
  const state = (globalThis as any).__GID_PG__;
  if (state) {
    await state.pg.stop();
    fs.rmSync(state.dir, { recursive: true, force: true });
    return;
  }
  // External server: drop what this run created.
  const c = new Client({ connectionString: process.env.GID_TEST_SERVER_URL });
  await c.connect();
  const { rows } = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE 'gid_test_%'`);
  for (const r of rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  await c.end();
}
