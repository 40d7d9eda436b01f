/**
 * One real PostgreSQL per test run: the embedded server (or DATABASE_URL when set),
 * a template database migrated and seeded once, and one database per test file
 * cloned from it (test/support/test-app.ts).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../../src/platform/database/data-source';
import { ensureAppLoginRole } from '../../src/platform/database/app-role';
import { seedDemo } from '../../src/seed/demo-seed';
import { startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres';

export const TEMPLATE_DB = 'gid_test_template';
export const TEST_PASSWORD = 'Demo-Passw0rd!';

export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_NO_DB) return;
  // The web UI built once, before the workers start: browser specs running side by side would
  // otherwise each rebuild dist/client while the other's server reads it (build.mjs skips a fresh build).
  if (fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
    execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'src', 'web', 'build.mjs')], { stdio: 'pipe' });
  }
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    // A 0755 folder so that the postgres user can reach it when the tests run as root.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gid-test-pg-'));
    fs.chmodSync(dir, 0o755);
    const pg = await startEmbeddedPostgres({ clusterDir: path.join(dir, 'pg'), stateDir: dir, ephemeral: true });
    (globalThis as any).__GID_PG__ = { pg, dir };
    serverUrl = pg.url('postgres');
  }
  process.env.GID_TEST_SERVER_URL = serverUrl;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${TEMPLATE_DB}`;
  await runMigrations(url.toString());
  await seedDemo(url.toString(), TEST_PASSWORD);
  // The apps under test connect as the restricted role, as `npm start` does (issue 11, finding 3);
  // fixtures and assertions keep the superuser connection (t.db).
  if (await ensureAppLoginRole(url.toString(), TEST_APP_ROLE, TEST_APP_PASSWORD)) {
    process.env.GID_TEST_APP_ROLE = `${TEST_APP_ROLE}:${TEST_APP_PASSWORD}`;
  }
}

export const TEST_APP_ROLE = 'gid_test_service';
export const TEST_APP_PASSWORD = 'Test-App-Passw0rd';
