/**
 * Read replica, real (issue 16): an embedded primary of its own, a second embedded server seeded
 * from it as a streaming hot standby (src/platform/database/standby.ts), and an app with
 * DATABASE_REPLICA_URL pointing at the standby.
 *
 * - the standby's position is compared with the end of the primary's WAL, also right after a
 *   segment switch (an idle primary's insert position then lies past a page header);
 * - the annual report, its case list, the dashboard, the worklist, its CSV export and the audit list
 *   are served by the standby (X-Read-Source, the standby's pg_stat_activity naming the replica
 *   pool's queries; the pool never connects to the primary) and see a case registered just before;
 * - with replay paused, a new case is on the primary and not on the standby: the worklist then waits
 *   at most DATABASE_REPLICA_MAX_LAG_MS and is read from the primary (the clerk sees their case);
 *   once replay resumes the standby serves it again, the case included; writes go to the primary;
 * - a replica URL naming a server not in recovery is not read as a standby;
 * - the standby stopped: the report and the worklist fall back to the primary promptly (never a
 *   hang, never a 5xx); started again, it serves again by itself.
 */
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { ensureAppLoginRole, withCredentials } from '../../src/platform/database/app-role';
import { runMigrations } from '../../src/platform/database/data-source';
import { RunningPostgres, startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres';
import { ReadReplica, REPLICA_APPLICATION_NAME, RETRY_AFTER_MS } from '../../src/platform/database/read-replica';
import { seedStandby, waitForReplay } from '../../src/platform/database/standby';
import { seedDemo } from '../../src/seed/demo-seed';
import { registration } from '../support/cases';
import { TEST_PASSWORD, testConfig } from '../support/test-app';

jest.setTimeout(120_000);

const DB = 'gid_replica';
const ROLE = 'gid_replica_service';
const ROLE_PASSWORD = 'Replica-Passw0rd';
const MAX_LAG_MS = 1000;
const ACQUIRE_MS = 2000;

describe('reports and worklists served by a streaming hot standby', () => {
  let dir: string;
  let primary: RunningPostgres;
  let standby: RunningPostgres;
  let standbyDir: string;
  let standbyCluster: string;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let onPrimary: Client;
  let onStandby: Client | undefined;
  const tokens: Record<string, string> = {};

  const login = async (user: string) =>
    (tokens[user] ??= (await http.post('/api/v1/auth/login').send({ username: user, password: TEST_PASSWORD })).body.accessToken);
  const get = async (user: string, url: string) => {
    const started = Date.now();
    const res = await http.get(url).timeout(15_000).set('authorization', `Bearer ${await login(user)}`);
    return Object.assign(res, { ms: Date.now() - started });
  };
  const registerCase = async (description: string) => {
    const res = await http
      .post('/api/v1/cases')
      .set('authorization', `Bearer ${await login('clerk')}`)
      .set('idempotency-key', randomUUID())
      .send(registration({ description }));
    expect(res.status).toBe(201);
    return res.body as { id: string; caseNumber: string; version: number };
  };
  const standbyClient = async () => {
    const c = new Client({ connectionString: standby.url(DB) });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  };
  const onStandbyHas = async (id: string) => (await onStandby!.query(`SELECT 1 FROM cases WHERE id = $1`, [id])).rowCount === 1;
  const startStandby = async (port?: number) => {
    standby = await startEmbeddedPostgres({ clusterDir: standbyCluster, stateDir: standbyDir, ephemeral: true, port });
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gid-replica-'));
    fs.chmodSync(dir, 0o755); // reachable by the postgres user when the tests run as root
    primary = await startEmbeddedPostgres({ clusterDir: path.join(dir, 'pg'), stateDir: dir, ephemeral: true });
    const admin = new Client({ connectionString: primary.url('postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${DB}`);
    await admin.end();
    const superUrl = primary.url(DB);
    await runMigrations(superUrl);
    await seedDemo(superUrl, TEST_PASSWORD);
    await ensureAppLoginRole(superUrl, ROLE, ROLE_PASSWORD);

    // The standby: a base backup through SQL, then streaming; the roles and their passwords are the primary's.
    standbyDir = path.join(dir, 'standby');
    fs.mkdirSync(standbyDir, { mode: 0o755 });
    const seeded = await seedStandby({ primaryUrl: primary.url('postgres'), primaryClusterDir: primary.clusterDir, clusterDir: path.join(standbyDir, 'pg'), stateDir: standbyDir });
    standbyCluster = seeded.clusterDir;
    await startStandby();
    await waitForReplay(primary.url(DB), standby.url(DB));

    const appUrl = withCredentials(superUrl, ROLE, ROLE_PASSWORD);
    app = await createApp(
      {
        ...testConfig(appUrl),
        databaseUrl: appUrl,
        databaseReplicaUrl: withCredentials(standby.url(DB), ROLE, ROLE_PASSWORD),
        replicaMaxLagMs: MAX_LAG_MS,
        dbAcquireTimeoutMs: ACQUIRE_MS,
        dbStatementTimeoutMs: 5000,
      },
      { logger: false },
    );
    await app.init();
    http = request(app.getHttpServer());
    onPrimary = new Client({ connectionString: superUrl });
    await onPrimary.connect();
    onStandby = await standbyClient();
  });

  afterAll(async () => {
    await onStandby?.end().catch(() => undefined);
    await onPrimary?.end().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await standby?.stop();
    await primary?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the standby is a streaming hot standby of the primary', async () => {
    expect((await onStandby!.query(`SELECT pg_is_in_recovery() AS r`)).rows[0].r).toBe(true);
    const rep = await onPrimary.query(`SELECT state FROM pg_stat_replication WHERE application_name = 'standby'`);
    expect(rep.rows).toEqual([{ state: 'streaming' }]);
    await expect(onStandby!.query(`CREATE TABLE not_here (i int)`)).rejects.toThrow(/read-only/);
  });

  it('an idle primary just past a WAL segment switch: the standby holds everything and serves at once', async () => {
    // pg_current_wal_insert_lsn() now points past the new segment's header, where the standby's replay never stops.
    await onPrimary.query(`SELECT pg_switch_wal()`);
    await waitForReplay(primary.url(DB), standby.url(DB), 3000);
    const started = Date.now();
    const inRecovery = await app.get(ReadReplica).run(async (q) => (await q.query(`SELECT pg_is_in_recovery() AS r`))[0].r);
    expect(inRecovery).toBe(true); // read on the standby
    expect(Date.now() - started).toBeLessThan(MAX_LAG_MS); // without waiting for WAL that never comes
  });

  it('report, its case list, dashboard, worklist, export and audit list come from the standby and include a case registered just before', async () => {
    const c = await registerCase('备库读取测试：刚登记的申请');
    const list = await get('clerk', '/api/v1/cases?pageSize=100');
    expect(list.status).toBe(200);
    expect(list.headers['x-read-source']).toBe('replica');
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(c.id);

    const received = (await onPrimary.query(`SELECT count(*)::int n FROM cases WHERE receipt_date >= '2026-01-01' AND receipt_date < '2027-01-01'`)).rows[0].n;
    expect(received).toBeGreaterThan(0);
    const report = await get('legal', '/api/v1/reports/annual?year=2026');
    expect(report.status).toBe(200);
    expect(report.headers['x-read-source']).toBe('replica');
    expect(report.body.rows['1'].total).toBe(received);

    const cell = await get('legal', '/api/v1/reports/annual/cases?year=2026&row=1');
    expect(cell.status).toBe(200);
    expect(cell.headers['x-read-source']).toBe('replica');
    expect(cell.body.items.map((i: { id: string }) => i.id)).toContain(c.id);

    const csv = await get('clerk', '/api/v1/cases/export.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['x-read-source']).toBe('replica');
    expect(csv.text).toContain(c.caseNumber);

    for (const [user, url] of [['legal', '/api/v1/reports/dashboard?year=2026'], ['legal', '/api/v1/audit/cases']] as const) {
      const res = await get(user, url);
      expect([url, res.status, res.headers['x-read-source']]).toEqual([url, 200, 'replica']);
    }

    // The standby ran them: its sessions of the replica pool, as the service's role, last ran the
    // worklist's, the report's and the audit list's SQL; the pool never opened a session on the primary.
    const sessions = await onStandby!.query(`SELECT usename, query FROM pg_stat_activity WHERE application_name = $1`, [REPLICA_APPLICATION_NAME]);
    expect(sessions.rows.length).toBeGreaterThan(0);
    expect(new Set(sessions.rows.map((r) => r.usename))).toEqual(new Set([ROLE]));
    expect(sessions.rows.some((r) => /FROM cases c WHERE/.test(r.query) || /applicant_category AS category/.test(r.query) || /case_audits/.test(r.query))).toBe(true);
    const onPrimaryPool = await onPrimary.query(`SELECT count(*)::int n FROM pg_stat_activity WHERE application_name = $1`, [REPLICA_APPLICATION_NAME]);
    expect(onPrimaryPool.rows[0].n).toBe(0);

    // A case's own page stays on the primary (read right after a write): no X-Read-Source there.
    const page = await get('clerk', `/api/v1/cases/${c.id}`);
    expect(page.status).toBe(200);
    expect(page.headers['x-read-source']).toBeUndefined();
  });

  it('replay paused: a new case is on the primary only, the worklist waits at most the bound and reads the primary; resumed, the standby serves it', async () => {
    await onStandby!.query(`SELECT pg_wal_replay_pause()`);
    for (let i = 0; i < 100 && (await onStandby!.query(`SELECT pg_get_wal_replay_pause_state() s`)).rows[0].s !== 'paused'; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    try {
      // The write goes to the primary (the standby is read-only and paused).
      const c = await registerCase('备库暂停回放期间登记的申请');
      expect((await onPrimary.query(`SELECT 1 FROM cases WHERE id = $1`, [c.id])).rowCount).toBe(1);
      expect(await onStandbyHas(c.id)).toBe(false);

      const list = await get('clerk', '/api/v1/cases?pageSize=100');
      expect(list.status).toBe(200);
      expect(list.headers['x-read-source']).toBe('primary');
      expect(list.body.items.map((i: { id: string }) => i.id)).toContain(c.id); // read-your-writes
      expect(list.ms).toBeGreaterThanOrEqual(MAX_LAG_MS - 50);
      expect(list.ms).toBeLessThan(MAX_LAG_MS + 4000);
      expect(await onStandbyHas(c.id)).toBe(false);

      await onStandby!.query(`SELECT pg_wal_replay_resume()`);
      const again = await get('clerk', '/api/v1/cases?pageSize=100');
      expect(again.status).toBe(200);
      expect(again.headers['x-read-source']).toBe('replica');
      expect(again.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
      expect(await onStandbyHas(c.id)).toBe(true);
    } finally {
      await onStandby!.query(`SELECT pg_wal_replay_resume()`).catch(() => undefined);
    }
  });

  it('a DATABASE_REPLICA_URL naming a server that is not a standby (here the primary itself): the primary answers the reads, and says so', async () => {
    const appUrl = withCredentials(primary.url(DB), ROLE, ROLE_PASSWORD);
    const other = await createApp({ ...testConfig(appUrl), databaseUrl: appUrl, databaseReplicaUrl: appUrl, replicaMaxLagMs: MAX_LAG_MS }, { logger: false });
    await other.init();
    try {
      const token = (await request(other.getHttpServer()).post('/api/v1/auth/login').send({ username: 'legal', password: TEST_PASSWORD })).body.accessToken;
      const started = Date.now();
      const res = await request(other.getHttpServer()).get('/api/v1/reports/annual?year=2026').timeout(15_000).set('authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      expect(res.headers['x-read-source']).toBe('primary');
      expect(Date.now() - started).toBeLessThan(MAX_LAG_MS); // not in recovery: no wait for a replay that never comes
    } finally {
      await other.close();
    }
  });

  it('the standby stopped: the report and the worklist fall back to the primary promptly, never a 5xx; started again, it serves again', async () => {
    await onStandby!.end();
    onStandby = undefined;
    const port = standby.port;
    await standby.stop();
    const c = await registerCase('备库停止期间登记的申请');

    const report = await get('legal', '/api/v1/reports/annual?year=2026');
    expect(report.status).toBe(200);
    expect(report.headers['x-read-source']).toBe('primary');
    expect(report.ms).toBeLessThan(ACQUIRE_MS + 3000);
    const list = await get('clerk', '/api/v1/cases?pageSize=100');
    expect(list.status).toBe(200);
    expect(list.headers['x-read-source']).toBe('primary');
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
    expect(list.ms).toBeLessThan(ACQUIRE_MS + 3000);

    await startStandby(port);
    onStandby = await standbyClient();
    await waitForReplay(primary.url(DB), standby.url(DB));
    await new Promise((r) => setTimeout(r, RETRY_AFTER_MS)); // the standby is not asked again before then
    const back = await get('clerk', '/api/v1/cases?pageSize=100');
    expect(back.status).toBe(200);
    expect(back.headers['x-read-source']).toBe('replica');
    expect(back.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
  });
});
