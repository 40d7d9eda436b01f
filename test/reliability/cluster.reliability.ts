/**
 * Three app instances on one PostgreSQL (issue 16: scale-out and reliability 1, 2 and timers at
 * scale), run by `npm run test:reliability`:
 *
 * - each instance is `src/main.ts` in a process of its own, as `npm start` runs it with DATABASE_URL
 *   set (the shared secrets from the environment, the worker on, TIMER_POLL_MS short), on one
 *   embedded PostgreSQL this file starts, migrated and seeded;
 * - timers: RELIABILITY_TIMERS online applications (default 3,000) whose 确认 timers are all due
 *   when the instances start: every timer fires, none twice (one CONFIRMATION_OVERDUE entry and one
 *   notice per case); the rate is printed (`npm run bench:timers` measures 100,000 against 60 s);
 * - concurrency: 100 conflicting actions (the same accept at the same version) on one case, half
 *   to one instance and half to another: exactly one succeeds, the other 99 are 409, the history
 *   has no gap and its hash chain verifies;
 * - crash: one instance killed with SIGKILL in the middle of a registration load whose client
 *   retries with the same Idempotency-Key on another instance, then started again: no partial
 *   case, no case stored twice, and the timers that came due during the outage fire once.
 *
 * The figures (timer throughput, RSS of each instance after the load) are printed.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { ensureAppLoginRole, withCredentials } from '../../src/platform/database/app-role';
import { runMigrations } from '../../src/platform/database/data-source';
import { freePort, RunningPostgres, startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres';
import { generateBulkCases } from '../../src/seed/bulk-cases';
import { seedDemo } from '../../src/seed/demo-seed';
import { registration } from '../support/cases';

const TIMERS = Number(process.env.RELIABILITY_TIMERS || 3_000);
/** Online applications whose timers are made due while an instance is down (test 3). */
const OUTAGE_TIMERS = 300;
const PASSWORD = 'Reliability-Passw0rd!';
const ROOT = path.resolve(__dirname, '..', '..');
jest.setTimeout(600_000);

interface Instance {
  name: string;
  port: number;
  child: ChildProcess;
  log: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('three app instances on one PostgreSQL', () => {
  let dir: string;
  let pg: RunningPostgres;
  let superUrl: string;
  let appUrl: string;
  let db: Client;
  const instances: Instance[] = [];

  const env = (port: number): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    DATABASE_URL: appUrl,
    JWT_SECRET: 'reliability-jwt-secret-0123456789abcdef',
    HISTORY_ANCHOR_KEY: 'reliability-anchor-key-0123456789abcdef',
    HISTORY_ANCHOR_DAILY: 'false',
    SIGNING_P12_PASSPHRASE: 'reliability-signing-passphrase',
    SIGNING_TEST_CERTIFICATES: 'true',
    DATA_DIR: path.join(dir, `data-${port}`),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    MIGRATIONS_RUN: 'false',
    TIMER_POLL_MS: '200',
    TIMER_CONCURRENCY: '4',
    OUTBOX_POLL_MS: '0',
    DB_POOL_MAX: '10',
    PUBLIC_APPLICATIONS_PER_MINUTE: '0',
    RATE_LIMIT_LOGIN_PER_MINUTE: '0',
  });

  async function start(name: string, port?: number): Promise<Instance> {
    const p = port ?? (await freePort());
    const log: string[] = [];
    const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(ROOT, 'src', 'main.ts')], {
      cwd: ROOT,
      env: env(p),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (b: Buffer) => log.push(b.toString()));
    child.stderr?.on('data', (b: Buffer) => log.push(b.toString()));
    const inst = { name, port: p, child, log };
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${name} exited: ${log.join('').slice(-2000)}`);
      const ok = await fetch(`http://127.0.0.1:${p}/health`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`${name} not ready in 120 s: ${log.join('').slice(-2000)}`);
      await sleep(200);
    }
    return inst;
  }

  async function stop(i: Instance, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (i.child.exitCode !== null || i.child.signalCode) return;
    const exited = new Promise((r) => i.child.once('exit', r));
    i.child.kill(signal);
    await Promise.race([exited, sleep(15_000)]);
    if (i.child.exitCode === null && !i.child.signalCode) i.child.kill('SIGKILL');
  }

  async function login(i: Instance, username: string): Promise<string> {
    const r = await fetch(`http://127.0.0.1:${i.port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    if (r.status !== 200) throw new Error(`login ${username} on ${i.name}: ${r.status}`);
    return ((await r.json()) as { accessToken: string }).accessToken;
  }

  async function call(i: Instance, token: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const r = await fetch(`http://127.0.0.1:${i.port}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  }

  const rssMb = (i: Instance): number => {
    const status = fs.readFileSync(`/proc/${i.child.pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gid-cluster-'));
    fs.chmodSync(dir, 0o755);
    pg = await startEmbeddedPostgres({ clusterDir: path.join(dir, 'pg'), stateDir: dir, ephemeral: true });
    const admin = new Client({ connectionString: pg.url('postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE gid_cluster');
    await admin.end();
    superUrl = pg.url('gid_cluster');
    await runMigrations(superUrl);
    await seedDemo(superUrl, PASSWORD);
    await ensureAppLoginRole(superUrl, 'gid_cluster_service', 'Cluster-Passw0rd');
    appUrl = withCredentials(superUrl, 'gid_cluster_service', 'Cluster-Passw0rd');
    db = new Client({ connectionString: superUrl });
    await db.connect();
    // Online applications awaiting confirmation, their 确认 timers (1 WD after arrival) all due.
    await generateBulkCases(db, { cases: TIMERS, agencies: 1, scenarios: ['awaitingConfirmation'], seed: 7 });
    // and some that arrive later (generated as of 90 days ahead): their timers are not due yet
    const later = new Date(Date.now() + (8 + 90 * 24) * 3600_000).toISOString().slice(0, 10);
    await generateBulkCases(db, { cases: OUTAGE_TIMERS, agencies: 1, scenarios: ['awaitingConfirmation'], seed: 11, today: later });
  }, 600_000);

  afterAll(async () => {
    for (const i of instances) await stop(i);
    await db?.end();
    await pg?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`${TIMERS} timers due at once, three instances polling: all fire, none twice (the rate is printed; bench:timers measures 100,000)`, async () => {
    const due = (await db.query(`SELECT count(*)::int n FROM case_timers WHERE fired_at IS NULL AND kind = 'confirmation' AND due_on < (now() AT TIME ZONE 'Asia/Shanghai')::date`)).rows[0].n;
    expect(due).toBeGreaterThan(TIMERS * 0.9);
    const t0 = Date.now();
    instances.push(...(await Promise.all(['A', 'B', 'C'].map((n) => start(n)))));
    const allUp = Date.now();
    let left = due;
    while (left > 0 && Date.now() - allUp < 300_000) {
      await sleep(500);
      left = (await db.query(`SELECT count(*)::int n FROM case_timers WHERE fired_at IS NULL AND kind = 'confirmation' AND due_on < (now() AT TIME ZONE 'Asia/Shanghai')::date`)).rows[0].n;
    }
    const firedIn = Date.now() - allUp;
    console.log(`timers: ${due} due; three instances up after ${allUp - t0} ms; all fired ${firedIn} ms after that (${Math.round(due / (firedIn / 1000))}/s)`);
    expect(left).toBe(0);
    const twice = await db.query(`SELECT case_id, count(*)::int n FROM case_events WHERE type = 'CONFIRMATION_OVERDUE' GROUP BY case_id HAVING count(*) <> 1`);
    expect(twice.rows).toEqual([]);
    const entries = (await db.query(`SELECT count(*)::int n FROM case_events WHERE type = 'CONFIRMATION_OVERDUE'`)).rows[0].n;
    expect(entries).toBe(due);
    const notices = await db.query(`SELECT count(*)::int n, count(DISTINCT case_id)::int cases FROM notifications WHERE kind = 'confirmation_overdue'`);
    expect(notices.rows[0]).toEqual({ n: due, cases: due });
  });

  it('100 conflicting actions on one case from two instances: one wins, 99 get 409, the chain verifies', async () => {
    const [a, b] = instances;
    const clerkA = await login(a, 'clerk');
    const clerkB = await login(b, 'clerk');
    const reg = await call(a, clerkA, 'POST', '/api/v1/cases', registration({ arrivedAt: new Date().toISOString() }), { 'idempotency-key': randomUUID() });
    expect(reg.status).toBe(201);
    const c = reg.body;
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, k) =>
        call(k % 2 ? b : a, k % 2 ? clerkB : clerkA, 'POST', `/api/v1/cases/${c.id}/actions/accept`, { expectedVersion: c.version }),
      ),
    );
    const statuses = answers.map((x) => x.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    const legal = await login(b, 'legal');
    const v = (await call(b, legal, 'GET', `/api/v1/cases/${c.id}/history/verify`)).body;
    expect(v).toMatchObject({ intact: true, replayMatches: true, problems: [] });
    const seqs = (await db.query(`SELECT seq FROM case_events WHERE case_id = $1 ORDER BY seq`, [c.id])).rows.map((r) => r.seq);
    expect(seqs).toEqual(seqs.map((_, k) => k + 1));
  });

  it('an instance killed with SIGKILL under load and started again: no partial case, none stored twice, timers due meanwhile fire once', async () => {
    const tokens = new Map<string, string>();
    for (const i of instances) tokens.set(i.name, await login(i, 'clerk'));
    const keys: string[] = [];
    const succeeded = new Set<string>();
    let running = true;
    let killedAt = 0;
    // The client sends each registration to the next instance, and retries the same key elsewhere on a failure.
    const client = async (w: number) => {
      for (let n = 0; running; n++) {
        const key = randomUUID();
        keys.push(key);
        for (let attempt = 0; attempt < 8; attempt++) {
          const inst = instances[(w + n + attempt) % instances.length];
          const r = await call(inst, tokens.get(inst.name)!, 'POST', '/api/v1/cases', registration({ arrivedAt: new Date().toISOString(), description: `负载 ${key}` }), {
            'idempotency-key': key,
          }).catch(() => null);
          if (r && (r.status === 201 || r.status === 200)) {
            succeeded.add(key);
            break;
          }
          if (r && r.status !== 503) throw new Error(`unexpected ${r.status} ${JSON.stringify(r.body)}`);
          await sleep(100);
        }
      }
    };
    const workers = Array.from({ length: 6 }, (_, w) => client(w));
    await sleep(2000);
    const victim = instances[2];
    killedAt = Date.now();
    victim.child.kill('SIGKILL');
    await new Promise((r) => victim.child.once('exit', r));
    // timers that come due while it is down (the generator is for a stopped app: made due by date here)
    const madeDue = await db.query(
      `UPDATE case_timers SET due_on = (now() AT TIME ZONE 'Asia/Shanghai')::date - 1
        WHERE kind = 'confirmation' AND fired_at IS NULL AND due_on > (now() AT TIME ZONE 'Asia/Shanghai')::date`,
    );
    expect(madeDue.rowCount).toBe(OUTAGE_TIMERS);
    await sleep(1500);
    instances[2] = await start('C', victim.port);
    tokens.set('C', await login(instances[2], 'clerk'));
    await sleep(1500);
    running = false;
    await Promise.all(workers);
    console.log(`kill -9: ${keys.length} registrations sent, ${succeeded.size} stored, C down ${Date.now() - killedAt} ms in all; RSS after the load: ${instances.map((i) => `${i.name} ${rssMb(i)} MB`).join(', ')}`);
    expect(succeeded.size).toBeGreaterThan(20);

    const perKey = await db.query(`SELECT idempotency_key, count(*)::int n FROM cases WHERE idempotency_key = ANY($1) GROUP BY 1`, [keys]);
    expect(perKey.rows.filter((r) => r.n !== 1)).toEqual([]);
    const stored = new Set(perKey.rows.map((r) => r.idempotency_key));
    for (const k of succeeded) expect(stored.has(k)).toBe(true);
    const broken = await db.query(`
      SELECT c.id FROM cases c
       WHERE c.head_seq <> (SELECT count(*) FROM case_events e WHERE e.case_id = c.id)
          OR c.head_seq <> (SELECT max(seq) FROM case_events e WHERE e.case_id = c.id)
          OR (c.state <> 'awaitingConfirmation' AND NOT EXISTS (SELECT 1 FROM letters l WHERE l.case_id = c.id AND l.type = 'receipt'))`);
    expect(broken.rows).toEqual([]);
    // the timers due during the outage: fired, once each
    const deadline = Date.now() + 60_000;
    let left = 1;
    while (left > 0 && Date.now() < deadline) {
      left = (await db.query(`SELECT count(*)::int n FROM case_timers WHERE fired_at IS NULL AND kind = 'confirmation' AND due_on < (now() AT TIME ZONE 'Asia/Shanghai')::date`)).rows[0].n;
      if (left) await sleep(500);
    }
    expect(left).toBe(0);
    const twice = await db.query(`SELECT case_id FROM case_events WHERE type = 'CONFIRMATION_OVERDUE' GROUP BY case_id HAVING count(*) > 1`);
    expect(twice.rows).toEqual([]);
  });
});
