/**
 * Database faults (issue 16, reliability 5):
 *
 * - a statement timeout bounds every query: an action waiting on a case row held by another
 *   session (a maintenance job, a stuck transaction) is answered 503 DATABASE_TIMEOUT with a
 *   Chinese message once DB_STATEMENT_TIMEOUT_MS has passed, nothing of it is stored, and the same
 *   action succeeds once the row is free;
 * - PostgreSQL stopped and started again while registrations run (its own embedded server, not
 *   the one the other test files share): every request is answered — 201, or 503 with a Chinese
 *   message while the server is down, never a 500 and never a hang; the pool reconnects by itself;
 *   no case is half-written (each has its registration event and as many events as its version),
 *   a registration retried with its Idempotency-Key after the outage is stored once, and the timer
 *   poll, which failed while the server was down, runs again.
 */
import { INestApplication, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { TimersService } from '../../src/modules/cases/timers.service';
import { ensureAppLoginRole, withCredentials } from '../../src/platform/database/app-role';
import { runMigrations } from '../../src/platform/database/data-source';
import { RunningPostgres, startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres';
import { seedDemo } from '../../src/seed/demo-seed';
import { act, register, registration } from '../support/cases';
import { createTestContext, TEST_PASSWORD, TestContext, testConfig } from '../support/test-app';

jest.setTimeout(180_000);

const chinese = /[\u4e00-\u9fa5]/;

describe('a statement timeout bounds every query', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ dbStatementTimeoutMs: 300, logLevel: 'error' });
  });
  afterAll(() => t.close());

  it('an action on a row another session holds: 503 DATABASE_TIMEOUT in Chinese, nothing stored; then it goes through', async () => {
    const c = (await register(t)).body;
    const eventsBefore = (await t.db.query(`SELECT count(*)::int n FROM case_events WHERE case_id = $1`, [c.id])).rows[0].n;
    const holder = new Client({ connectionString: t.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [c.id]);
      const started = Date.now();
      const res = await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' });
      const waited = Date.now() - started;
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('DATABASE_TIMEOUT');
      expect(res.body.message).toMatch(chinese);
      expect(res.headers['retry-after']).toBeDefined();
      expect(waited).toBeLessThan(10_000); // bounded by the timeout, not by the holder
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    const stored = await t.db.query(`SELECT state, version, (SELECT count(*)::int FROM case_events e WHERE e.case_id = c.id) events FROM cases c WHERE id = $1`, [c.id]);
    expect(stored.rows[0]).toMatchObject({ version: c.version, events: eventsBefore });
    expect(stored.rows[0].state).toBe(c.state);
    const again = await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(c.version + 1);
  });
});

describe('PostgreSQL restarted under load', () => {
  let dir: string;
  let pg: RunningPostgres;
  let port: number;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let db: Client | undefined;
  let superUrl: string;
  const startPg = async () => {
    pg = await startEmbeddedPostgres({ clusterDir: path.join(dir, 'pg'), stateDir: dir, ephemeral: true, port });
    port = pg.port;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gid-restart-pg-'));
    fs.chmodSync(dir, 0o755);
    port = 0;
    pg = await startEmbeddedPostgres({ clusterDir: path.join(dir, 'pg'), stateDir: dir, ephemeral: true });
    port = pg.port;
    const admin = new Client({ connectionString: pg.url('postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE gid_restart');
    await admin.end();
    superUrl = pg.url('gid_restart');
    await runMigrations(superUrl);
    await seedDemo(superUrl, TEST_PASSWORD);
    await ensureAppLoginRole(superUrl, 'gid_restart_service', 'Restart-Passw0rd');
    const appUrl = withCredentials(superUrl, 'gid_restart_service', 'Restart-Passw0rd');
    app = await createApp({ ...testConfig(appUrl), databaseUrl: appUrl, dbPoolMax: 4, dbAcquireTimeoutMs: 2000, logLevel: process.env.FAULTS_LOG ? 'error' : 'silent' }, { logger: process.env.FAULTS_LOG ? undefined : false });
    await app.init();
    http = request(app.getHttpServer());
  });

  afterAll(async () => {
    await db?.end().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await pg?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers every request (201, or 503 in Chinese while it is down), reconnects by itself, stores nothing half', async () => {
    const login = await http.post('/api/v1/auth/login').send({ username: 'clerk', password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    const token = login.body.accessToken as string;
    type Answer = { key: string; status: number; code?: string; message?: string; at: number; ms: number };
    const answers: Answer[] = [];
    let phase: 'before' | 'down' | 'after' = 'before';
    const downAt: number[] = [];
    const registerOnce = async (key: string): Promise<Answer> => {
      const started = Date.now();
      const res = await http
        .post('/api/v1/cases')
        .timeout(15_000) // a hang fails the test instead of blocking it
        .set('authorization', `Bearer ${token}`)
        .set('idempotency-key', key)
        .send(registration({ description: `重启期间的申请 ${key}` }));
      return { key, status: res.status, code: res.body?.code, message: res.body?.message, at: started, ms: Date.now() - started };
    };
    const errors: string[] = [];
    jest.spyOn(Logger.prototype, "error").mockImplementation((m: unknown) => void errors.push(String((m as Error)?.stack ?? m) + "\nCALLER " + new Error().stack));
    let running = true;
    const workers = Array.from({ length: 6 }, async () => {
      while (running) {
        answers.push(await registerOnce(randomUUID()));
        if (phase === 'down') await new Promise((r) => setTimeout(r, 50));
      }
    });
    // load running and registering (however busy the machine) before the server goes away
    const warm = Date.now() + 30_000;
    while (!answers.some((a) => a.status === 201) && Date.now() < warm) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300));
    phase = 'down';
    downAt.push(Date.now());
    await pg.stop();
    await new Promise((r) => setTimeout(r, 2500));
    await startPg();
    downAt.push(Date.now());
    phase = 'after';
    // the pool reconnects on its own: wait (bounded) for the first success after the restart
    const deadline = Date.now() + 30_000;
    while (!answers.some((a) => a.at > downAt[1] && a.status === 201) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1000));
    running = false;
    await Promise.all(workers);

    const statuses = [...new Set(answers.map((a) => a.status))].sort();
    if (process.env.FAULTS_LOG) console.log(errors.slice(0, 3).join('\n-----\n'));
    for (const a of answers) {
      expect([201, 503]).toContain(a.status);
      if (a.status === 503) {
        expect(['DATABASE_UNAVAILABLE', 'DATABASE_BUSY', 'DATABASE_TIMEOUT']).toContain(a.code);
        expect(a.message).toMatch(chinese);
      }
    }
    const during = answers.filter((a) => a.at > downAt[0] + 200 && a.at < downAt[1] - 200);
    expect(during.length).toBeGreaterThan(0);
    expect(during.filter((a) => a.status === 503).length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.code === 'DATABASE_UNAVAILABLE').length).toBeGreaterThan(0);
    // answered promptly while down (the pool does not wait for a server that is not there)
    for (const a of during) expect(a.ms).toBeLessThan(10_000);
    expect(answers.some((a) => a.at < downAt[0] && a.status === 201)).toBe(true);
    expect(answers.some((a) => a.at > downAt[1] && a.status === 201)).toBe(true);
    expect(statuses).not.toContain(500);

    // the client retries what was refused, with the same key: stored once. (A 503 may come after the
    // registration's numbers were committed, its receipt still to issue: the retry answers with that
    // case and issues the receipt — CasesService.register.)
    const refused = answers.filter((a) => a.status === 503);
    for (const [i, a] of refused.entries()) {
      const r1 = await registerOnce(a.key);
      expect(r1.status).toBe(201);
      if (i < 10) expect([200, 201]).toContain((await registerOnce(a.key)).status);
    }
    db = new Client({ connectionString: superUrl });
    await db.connect();
    const keys = answers.map((a) => a.key);
    const perKey = await db.query(`SELECT idempotency_key, count(*)::int n FROM cases WHERE idempotency_key = ANY($1) GROUP BY 1 HAVING count(*) > 1`, [keys]);
    expect(perKey.rows).toEqual([]);
    const created = answers.filter((a) => a.status === 201).map((a) => a.key);
    const stored = await db.query(`SELECT count(*)::int n FROM cases WHERE idempotency_key = ANY($1)`, [keys]);
    expect(stored.rows[0].n).toBe(new Set([...created, ...refused.map((a) => a.key)]).size);
    // no half-written case: a registration event, the chain head on the case row at its last event, a receipt
    const broken = await db.query(`
      SELECT c.id FROM cases c
       WHERE c.head_seq <> (SELECT count(*) FROM case_events e WHERE e.case_id = c.id)
          OR c.head_seq <> (SELECT max(seq) FROM case_events e WHERE e.case_id = c.id)
          OR NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.seq = 1)
          OR NOT EXISTS (SELECT 1 FROM letters l WHERE l.case_id = c.id AND l.type = 'receipt')`);
    expect(broken.rows).toEqual([]);
    // the hash chain of every case verifies after the restart
    const legal = (await http.post('/api/v1/auth/login').send({ username: 'legal', password: TEST_PASSWORD })).body.accessToken;
    const ids = (await db.query(`SELECT id FROM cases WHERE idempotency_key = ANY($1)`, [keys])).rows.map((r) => r.id);
    await db.end(); // before the next test stops the server under it
    db = undefined;
    for (const id of ids.slice(0, 40)) {
      const v = (await http.get(`/api/v1/cases/${id}/history/verify`).set('authorization', `Bearer ${legal}`)).body;
      expect([id, v.intact, v.replayMatches]).toEqual([id, true, true]);
    }
  });

  it('the timer poll fails while the server is down and runs again after it is back', async () => {
    const timers = app.get(TimersService);
    await expect(timers.tick('2026-03-02')).resolves.toEqual(expect.any(Number));
    await pg.stop();
    await expect(timers.tick('2026-03-02')).rejects.toBeDefined();
    await startPg();
    let ok = false;
    for (let i = 0; i < 50 && !ok; i++) {
      ok = await timers.tick('2026-03-02').then(
        () => true,
        () => new Promise<boolean>((r) => setTimeout(() => r(false), 200)),
      );
    }
    expect(ok).toBe(true);
  });
});

