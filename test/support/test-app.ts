import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { Clock } from '../../src/platform/clock/clock';
import { AppConfig } from '../../src/platform/config/config';
import { withCredentials } from '../../src/platform/database/app-role';

/** What a test may inject beside the configuration (a fixed clock). */
export interface AppOptions {
  clock?: Clock;
}

export const TEST_PASSWORD = 'Demo-Passw0rd!';
const TEMPLATE_DB = 'gid_test_template';

export function serverUrl(): string {
  const u = process.env.GID_TEST_SERVER_URL;
  if (!u) throw new Error('GID_TEST_SERVER_URL not set: run through jest (globalSetup)');
  return u;
}

/** A fresh database cloned from the migrated, seeded template. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `gid_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
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

/** The same database as the restricted role the service runs as (set up by global-setup), when there is one. */
export function asAppRole(url: string): string {
  const role = process.env.GID_TEST_APP_ROLE;
  if (!role) return url;
  const [user, password] = role.split(':');
  return withCredentials(url, user, password);
}

export function testConfig(databaseUrl: string, over: Partial<AppConfig> = {}): AppConfig & { databaseUrl: string } {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: asAppRole(databaseUrl),
    dataDir: path.join(os.tmpdir(), 'gid-test-data'),
    embeddedPgDir: '',
    logLevel: 'silent',
    jwtSecret: 'test-secret-test-secret-test-secret-0123456789',
    jwtTtlSeconds: 3600,
    historyAnchorKey: 'test-anchor-key-test-anchor-key-0123456789',
    // The test files share dataDir: a test that wants the daily anchor gives its own dataDir.
    historyAnchorDaily: false,
    signingPassphrase: 'test-signing-passphrase-0123456789',
    // every test agency signs its sealed letters with a generated 测试用 certificate
    signingTestCertificates: true,
    migrationsRun: false,
    loginMaxFailures: 5,
    loginLockSeconds: 900,
    timerPollMs: 0, // tests call TimersService.tick() themselves
    timerBatch: 25, // as in production (loadConfig's default): due timers fired in batches
    dbPoolMax: 10,
    dbAcquireTimeoutMs: 5000,
    dbStatementTimeoutMs: 30_000,
    ...over,
  };
}

export interface TestContext {
  app: INestApplication;
  http: ReturnType<typeof request>;
  db: Client;
  url: string;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** Another app instance on an existing test database (a second server, or a restart). */
export async function createAppOn(url: string, over: Partial<AppConfig> = {}, opts: AppOptions = {}): Promise<INestApplication> {
  const app = await createApp(testConfig(url, over), { logger: false, ...opts });
  await app.init();
  return app;
}

/** An app on its own database; `db` is a direct client for assertions and fixtures. */
export async function createTestContext(over: Partial<AppConfig> = {}, opts: AppOptions = {}): Promise<TestContext> {
  const { url, drop } = await createTestDatabase();
  const app = await createApp(testConfig(url, over), { logger: false, ...opts });
  await app.init();
  const db = new Client({ connectionString: url });
  await db.connect();
  const http = request(app.getHttpServer());
  const tokens = new Map<string, string>();
  return {
    app,
    http,
    db,
    url,
    async login(username, password = TEST_PASSWORD) {
      const key = `${username}\n${password}`;
      const cached = tokens.get(key);
      if (cached) return cached;
      const res = await http.post('/api/v1/auth/login').send({ username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(key, res.body.accessToken);
      return res.body.accessToken;
    },
    async close() {
      await db.end();
      await app.close();
      await drop();
    },
  };
}
