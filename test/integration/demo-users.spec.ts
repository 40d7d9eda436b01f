/**
 * Issue 11, finding 10 (part): the demo agency and its five users (one password for all) exist
 * only where someone asked for them: on the first start of the embedded database, or through
 * `npm run seed:demo` (seedDemo). A start on DATABASE_URL never creates them, and a later embedded
 * start never creates them again.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { prepareDatabase, Started } from '../../src/bootstrap';
import { seedDemo } from '../../src/seed/demo-seed';
import { serverUrl, testConfig } from '../support/test-app';

jest.setTimeout(180_000);

async function rows(url: string, sql: string): Promise<any[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

const quiet = <T>(f: () => Promise<T>): Promise<T> => {
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  return f().finally(() => spy.mockRestore());
};

describe('demo users', () => {
  it('a start on DATABASE_URL migrates an empty database and creates no demo data; seed:demo adds it on request', async () => {
    const name = `gid_test_${randomBytes(6).toString('hex')}`;
    await rows(serverUrl(), `CREATE DATABASE ${name}`);
    const url = new URL(serverUrl());
    url.pathname = `/${name}`;
    try {
      const started = await quiet(() => prepareDatabase(testConfig(url.toString(), { databaseUrl: url.toString(), migrationsRun: true })));
      expect(started.embedded).toBeUndefined();
      expect(await rows(url.toString(), `SELECT count(*)::int AS n FROM migrations`)).toEqual([{ n: expect.any(Number) }]);
      expect(await rows(url.toString(), `SELECT (SELECT count(*)::int FROM agencies) AS agencies, (SELECT count(*)::int FROM users) AS users`)).toEqual([
        { agencies: 0, users: 0 },
      ]);
      // npm run seed:demo
      expect(await seedDemo(url.toString(), 'Seed-Passw0rd!')).toMatchObject({ created: true, generated: false });
      expect((await rows(url.toString(), `SELECT username FROM users ORDER BY username`)).map((r) => r.username)).toEqual([
        'admin',
        'approver',
        'clerk',
        'handler',
        'legal',
        'operator',
      ]);
      expect(await seedDemo(url.toString(), 'Other-Passw0rd!')).toEqual({ created: false });
    } finally {
      await rows(serverUrl(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });

  it('the embedded database: created on the first start (generated password, 0600 file), never again', async () => {
    // A 0755 folder so that the postgres user can reach it when the tests run as root.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gid-demo-'));
    fs.chmodSync(dataDir, 0o755);
    const config = {
      ...testConfig('postgres://unused@127.0.0.1:1/unused', { dataDir, embeddedPgDir: path.join(dataDir, 'pg'), migrationsRun: true }),
      databaseUrl: undefined,
    };
    let started: Started | undefined;
    try {
      started = await quiet(() => prepareDatabase(config));
      expect(started.embedded).toBeDefined();
      const owner = started.embedded!.url('gov_info_disclosure');
      const first = await rows(owner, `SELECT username, password_hash FROM users ORDER BY username`);
      expect(first.map((r) => r.username)).toEqual(['admin', 'approver', 'clerk', 'handler', 'legal', 'operator']);
      const file = path.join(dataDir, 'demo-password.txt');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const password = fs.readFileSync(file, 'utf8').trim();
      expect(password.length).toBeGreaterThanOrEqual(12);
      // Someone removed a demo user; the next start must not bring the demo back.
      await rows(owner, `DELETE FROM users WHERE username = 'legal'`);
      await started.embedded!.stop();
      started = undefined;

      started = await quiet(() => prepareDatabase({ ...config, demoPassword: 'Changed-Passw0rd!' }));
      const again = await rows(started.embedded!.url('gov_info_disclosure'), `SELECT username, password_hash FROM users ORDER BY username`);
      expect(again).toEqual(first.filter((r) => r.username !== 'legal'));
      expect(fs.readFileSync(file, 'utf8').trim()).toBe(password);
    } finally {
      await started?.embedded?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
