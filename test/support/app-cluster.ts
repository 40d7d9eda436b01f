/**
 * App instances in processes of their own on one embedded PostgreSQL, as a deployment runs them
 * (`src/main.ts` with DATABASE_URL and the shared secrets): for the reliability suite
 * (test/reliability) and the timer benchmark (test/bench/timers.bench.ts).
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { ensureAppLoginRole, withCredentials } from '../../src/platform/database/app-role';
import { runMigrations } from '../../src/platform/database/data-source';
import { freePort, RunningPostgres, startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres';
import { seedDemo } from '../../src/seed/demo-seed';

export const CLUSTER_PASSWORD = 'Reliability-Passw0rd!';
const ROOT = path.resolve(__dirname, '..', '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Instance {
  name: string;
  port: number;
  child: ChildProcess;
  log: string[];
}

export interface AppCluster {
  dir: string;
  pg: RunningPostgres;
  /** Superuser URL of the database (fixtures, assertions). */
  superUrl: string;
  /** The service role's URL (what the instances connect with). */
  appUrl: string;
  start(name: string, env?: NodeJS.ProcessEnv, port?: number): Promise<Instance>;
  stop(i: Instance, signal?: NodeJS.Signals): Promise<void>;
  close(): Promise<void>;
}

/** A fresh embedded PostgreSQL, migrated and seeded (demo users with CLUSTER_PASSWORD). */
export async function startAppCluster(database = 'gid_cluster'): Promise<AppCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gid-cluster-'));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ clusterDir: path.join(dir, 'pg'), stateDir: dir, ephemeral: true });
  const admin = new Client({ connectionString: pg.url('postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const superUrl = pg.url(database);
  await runMigrations(superUrl);
  await seedDemo(superUrl, CLUSTER_PASSWORD);
  await ensureAppLoginRole(superUrl, 'gid_cluster_service', 'Cluster-Passw0rd');
  const appUrl = withCredentials(superUrl, 'gid_cluster_service', 'Cluster-Passw0rd');
  const started: Instance[] = [];

  const baseEnv = (port: number): NodeJS.ProcessEnv => ({
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

  async function start(name: string, env: NodeJS.ProcessEnv = {}, port?: number): Promise<Instance> {
    const p = port ?? (await freePort());
    const log: string[] = [];
    const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(ROOT, 'src', 'main.ts')], {
      cwd: ROOT,
      env: { ...baseEnv(p), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (b: Buffer) => log.push(b.toString()));
    child.stderr?.on('data', (b: Buffer) => log.push(b.toString()));
    const inst = { name, port: p, child, log };
    started.push(inst);
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

  return {
    dir,
    pg,
    superUrl,
    appUrl,
    start,
    stop,
    async close() {
      for (const i of started) await stop(i);
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function login(i: Instance, username: string, password = CLUSTER_PASSWORD): Promise<string> {
  const r = await fetch(`http://127.0.0.1:${i.port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`login ${username} on ${i.name}: ${r.status}`);
  return ((await r.json()) as { accessToken: string }).accessToken;
}

export async function call(i: Instance, token: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(`http://127.0.0.1:${i.port}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null, headers: r.headers };
}

/** Resident set size of an instance, MB (Linux /proc). */
export function rssMb(i: Instance): number {
  const status = fs.readFileSync(`/proc/${i.child.pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}
