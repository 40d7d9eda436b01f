/**
 * npm run bench:memory — the memory of one app instance as `npm start` runs it (issue 16: RSS after
 * the load run, target < 300 MB).
 *
 * The service is started exactly as package.json's start script does (`exec node [flags]
 * dist/src/main.js`, the flags read from that script), in a child process of its own, on a fresh
 * temporary DATA_DIR (embedded PostgreSQL, migrations, demo users with a password generated for this
 * run), on a free port, with TIMER_POLL_MS=0 and the sign-in rate limit lifted (as bench:api does).
 * The built code is used, never the TypeScript sources: when dist/ is missing or older than a file of
 * src/ or migrations/, this bench runs `npm run build` first (as `npm start`'s prestart does);
 * BENCH_BUILD=1 builds in any case, BENCH_BUILD=0 never.
 *
 * The load generator (autocannon) runs in this process. Over HTTP, in order:
 *   sign-in as the demo clerk, one registration (the fonts of the letters are opened on first use);
 *   BENCH_REG1 (1,000) registrations at 20 connections, then BENCH_REG2 (2,000) at 100 (POST
 *   /api/v1/cases, test/support/cases.ts `registration`, a unique Idempotency-Key per request; each
 *   renders and signs a 登记回执);
 *   BENCH_READS (2,000) case pages (GET /api/v1/cases/:id of the cases registered) at 50 connections,
 *   BENCH_READS / 4 worklist pages (GET /api/v1/cases) at 20, BENCH_PDFS (1,000) letter PDF
 *   downloads (GET /api/v1/letters/:id/pdf, the 登记回执) at 20 and BENCH_CASE_FILES (100) case files
 *   (GET /api/v1/cases/:id/case-file.pdf: a cover rendered with the letters' fonts, then the letters) at 5;
 *   BENCH_IDLE_S (30) seconds without requests.
 * The child's memory is read from /proc/<pid>/status (VmRSS, VmHWM = peak RSS, RssAnon = heap and
 * other private memory, RssFile = mapped files: the node binary, native modules) when idle, after
 * each load phase and after the idle period; PostgreSQL's processes are not included. Baselines of
 * the same run: a bare `node -e` process (the floor of any Node.js process) and the idle service.
 *
 * Target: VmRSS < 300 MB after every load phase and after the idle period (PASS/FAIL); the peak
 * (VmHWM) is printed beside it.
 *
 * BENCH_VARIANTS: more passes, each on a fresh DATA_DIR, with other node flags instead of the start
 * script's, separated by ";" ("none" or an empty entry = no flags), e.g.
 *   BENCH_VARIANTS="none;--max-semi-space-size=8 --heap-growing-percent=50;none" npm run bench:memory
 * The summary compares RSS and req/s of every pass (the machine's load moves req/s between passes:
 * compare like with like, or alternate).
 *
 * BENCH_NODE_FLAGS: the first pass's flags instead of the start script's (investigation, e.g.
 * "--expose-gc -r ./probe.js"; the tables then say it is not npm start).
 *
 * Environment: BENCH_REG1, BENCH_REG2, BENCH_READS, BENCH_PDFS, BENCH_CASE_FILES, BENCH_IDLE_S (above), BENCH_TIMEOUT_S
 * (per request, 30: this bench is about memory, a slow answer must not be dropped), BENCH_LOG_LEVEL (the service's LOG_LEVEL, default silent), BENCH_WATCHDOG_S,
 * BENCH_DOC=0 (do not write docs/performance.md), BENCH_KEEP=1 (keep the DATA_DIRs).
 * Exit code 0 whatever the target says; 2 when the bench could not run. The service is stopped
 * (SIGTERM, as on a deployment; SIGKILL and the postmaster stopped by pid after 30 s) and the
 * DATA_DIR removed also after an error, a signal or the watchdog.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../../src/platform/database/embedded-postgres';
import { registration } from '../support/cases';
import { removeBenchDataDir } from './bench-data-dir';

const ROOT = path.resolve(__dirname, '../..');
const MAIN = 'dist/src/main.js';
const TARGET_MB = 300;
/** Clock ticks per second of /proc/<pid>/stat. */
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

function envNum(name: string, def: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number ≥ ${min} (got "${raw}")`);
  return n;
}

const REG1 = envNum('BENCH_REG1', 1000, 1);
const REG2 = envNum('BENCH_REG2', 2000, 0);
const READS = envNum('BENCH_READS', 2000, 0);
const PDFS = envNum('BENCH_PDFS', 1000, 0);
const CASE_FILES = envNum('BENCH_CASE_FILES', 100, 0);
const IDLE_S = envNum('BENCH_IDLE_S', 30, 0);
const TIMEOUT_S = envNum('BENCH_TIMEOUT_S', 30, 1);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL || 'silent';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const mb = (kb: number | undefined) => (kb === undefined ? '—' : `${(kb / 1024).toFixed(0)} MB`);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

let transcript: string[] | null = null;
const log = (s = '') => {
  transcript?.push(s);
  process.stdout.write(`${s}\n`);
};

// ---------------------------------------------------------------------------------------------
// The start command and the build.
// ---------------------------------------------------------------------------------------------

/** The node flags of package.json's start script, which must read `exec node [flags] dist/src/main.js`. */
function startFlags(): { script: string; flags: string[] } {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const script = pkg.scripts.start ?? '';
  const m = /^exec node((?:\s+--?[\w-]+(?:=\S+)?)*)\s+dist\/src\/main\.js$/.exec(script.trim());
  if (!m) throw new Error(`package.json's start script is not "exec node [flags] ${MAIN}": ${script}`);
  return { script, flags: m[1].trim().split(/\s+/).filter(Boolean) };
}

/** Sources (src/, migrations/; not the web client) whose compiled file is missing or older than they. */
function staleSources(): string[] {
  const stale: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (rel !== path.join('src', 'web')) walk(rel);
      } else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) {
        const out = path.join(ROOT, 'dist', rel.replace(/\.ts$/, '.js'));
        if (!fs.existsSync(out) || fs.statSync(out).mtimeMs < fs.statSync(path.join(ROOT, rel)).mtimeMs) stale.push(rel);
      }
    }
  };
  walk('src');
  walk('migrations');
  return stale;
}

function ensureBuilt(): void {
  const mode = process.env.BENCH_BUILD;
  if (mode === '0') {
    if (!fs.existsSync(path.join(ROOT, MAIN))) throw new Error(`${MAIN} is missing and BENCH_BUILD=0`);
    return;
  }
  const stale = mode === '1' ? ['(BENCH_BUILD=1)'] : staleSources();
  if (!stale.length) return;
  log(`dist/ is missing or older than ${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ` and ${stale.length - 3} more` : ''}: npm run build …`);
  const t = Date.now();
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status})`);
  log(`built in ${((Date.now() - t) / 1000).toFixed(0)} s`);
}

// ---------------------------------------------------------------------------------------------
// /proc/<pid>/status
// ---------------------------------------------------------------------------------------------

interface Mem {
  rss: number;
  hwm: number;
  anon: number;
  file: number;
}

/** kB figures of /proc/<pid>/status. */
function readMem(pid: number): Mem {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
    if (!m) throw new Error(`${key} missing from /proc/${pid}/status`);
    return Number(m[1]);
  };
  return { rss: kb('VmRSS'), hwm: kb('VmHWM'), anon: kb('RssAnon'), file: kb('RssFile') };
}

/** A bare Node.js process (no module loaded): the floor of any service on this node binary. */
async function bareNode(flags: string[]): Promise<Mem> {
  const child = spawn(process.execPath, [...flags, '-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
  try {
    await sleep(1000);
    return readMem(child.pid!);
  } finally {
    child.kill('SIGKILL');
  }
}

// ---------------------------------------------------------------------------------------------
// The service.
// ---------------------------------------------------------------------------------------------

class Service {
  exited = false;
  exitCode: number | null = null;
  private readonly exit: Promise<void>;

  constructor(
    readonly child: ChildProcess,
    readonly dataDir: string,
  ) {
    this.exit = new Promise((r) =>
      child.once('exit', (code) => {
        this.exited = true;
        this.exitCode = code;
        r();
      }),
    );
    const prefix = (stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream) => {
      let buf = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        buf += chunk;
        const lines = buf.split('\n');
        buf = lines.pop() ?? '';
        for (const l of lines) out.write(`  [server] ${l.length > 300 ? `${l.slice(0, 300)}…` : l}\n`);
      });
    };
    prefix(child.stdout, process.stdout);
    prefix(child.stderr, process.stderr);
  }

  get pid(): number {
    return this.child.pid!;
  }

  mem(): Mem {
    if (this.exited) throw new Error(`the service exited (code ${this.exitCode})`);
    return readMem(this.pid);
  }

  /** CPU time used so far (utime + stime of /proc/<pid>/stat: every thread of the process), ms. */
  cpuMs(): number {
    if (this.exited) throw new Error(`the service exited (code ${this.exitCode})`);
    const stat = fs.readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, in parentheses): state is field 3, utime 14, stime 15.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
  }

  /** The embedded cluster: in DATA_DIR, or outside it as named by DATA_DIR's location file. */
  clusterDir(): string {
    try {
      const m = /^cluster=(.+)$/m.exec(fs.readFileSync(path.join(this.dataDir, 'pg-location.txt'), 'utf8'));
      if (m) return m[1].trim();
    } catch {
      /* inside DATA_DIR */
    }
    return path.join(this.dataDir, 'pg');
  }

  /** SIGTERM (the service closes HTTP, the pool and PostgreSQL); after 30 s SIGKILL and the postmaster by pid. */
  async stop(): Promise<string> {
    if (this.exited) return `the service had exited (code ${this.exitCode})`;
    const t = Date.now();
    this.child.kill('SIGTERM');
    await Promise.race([this.exit, sleep(30_000)]);
    if (this.exited) return `service stopped by SIGTERM in ${Date.now() - t} ms (exit code ${this.exitCode})`;
    this.child.kill('SIGKILL');
    await Promise.race([this.exit, sleep(5_000)]);
    await this.killPostmaster();
    return 'the service did not stop within 30 s: killed, PostgreSQL stopped by pid';
  }

  private async killPostmaster(): Promise<void> {
    try {
      const pid = Number(fs.readFileSync(path.join(this.clusterDir(), 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (!pid) return;
      const alive = () => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      process.kill(pid, 'SIGINT'); // fast shutdown
      for (let i = 0; i < 200 && alive(); i++) await sleep(50);
      if (alive()) process.kill(pid, 'SIGQUIT');
    } catch {
      /* no pid file: not running */
    }
  }

  removeDataDir(): void {
    removeBenchDataDir(this.dataDir, { clusterDir: this.clusterDir() });
  }
}

async function startService(flags: string[], password: string): Promise<{ service: Service; base: string; startS: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gid-bench-memory-'));
  // Searchable by others, so that as root the postgres user keeps its cluster inside this folder.
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO_PASSWORD: password,
    TIMER_POLL_MS: '0',
    LOG_LEVEL,
  };
  // Always a fresh embedded server in DATA_DIR: nothing inherited may point elsewhere.
  for (const k of ['DATABASE_URL', 'DATABASE_REPLICA_URL', 'MIGRATION_DATABASE_URL', 'EMBEDDED_PG_DIR', 'EMBEDDED_PG_PORT', 'JWT_SECRET'])
    delete env[k];
  const t = Date.now();
  const child = spawn(process.execPath, [...flags, MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const service = new Service(child, dataDir);
  current.push(service);
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (service.exited) throw new Error(`the service exited during start-up (code ${service.exitCode})`);
    if (Date.now() - t > 180_000) throw new Error('the service did not answer /health within 180 s');
    try {
      const r = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  return { service, base, startS: (Date.now() - t) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// Load.
// ---------------------------------------------------------------------------------------------

interface Phase {
  name: string;
  connections: number;
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  codes: Record<string, number>;
  /** CPU time (user + system, all threads: JS, GC, libuv) of the service per answered request, ms. */
  cpuMsPerRequest: number;
  /** Highest and mean VmRSS of the service sampled every 200 ms during the phase, kB. */
  rssMax: number;
  rssMean: number;
}

async function http(base: string, method: string, p: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + p, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_S * 1000),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

/** `amount` requests over `connections` connections (closed loop); every request answered or timed out. */
async function load(service: Service, base: string, name: string, connections: number, amount: number, request: autocannon.Request, opts: { headers?: Record<string, string>; body?: string } = {}): Promise<Phase> {
  const t0 = performance.now();
  const cpu0 = service.cpuMs();
  const samples: number[] = [];
  const sampler = setInterval(() => {
    try {
      samples.push(service.mem().rss);
    } catch {
      /* exited: reported by the next reading */
    }
  }, 200);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon(
      {
        url: base,
        title: name,
        connections,
        amount,
        timeout: TIMEOUT_S,
        headers: opts.headers,
        body: opts.body,
        requests: [request],
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
    // Backstop: never let a phase hang the bench.
    const limit = setTimeout(() => inst.stop(), (amount / Math.max(1, connections)) * (TIMEOUT_S + 1) * 1000 + 60_000);
    inst.on('done', () => clearTimeout(limit));
  }).finally(() => clearInterval(sampler));
  const seconds = (performance.now() - t0) / 1000;
  const cpuMs = service.cpuMs() - cpu0;
  samples.push(service.mem().rss);
  const answered = result['2xx'] + result.non2xx;
  const codes: Record<string, number> = {};
  for (const [c, v] of Object.entries(result.statusCodeStats ?? {})) codes[c] = v.count;
  return {
    name,
    connections,
    sent: result.requests.sent,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    seconds,
    rps: result['2xx'] / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    codes,
    cpuMsPerRequest: answered ? cpuMs / answered : 0,
    rssMax: Math.max(...samples),
    rssMean: samples.reduce((a, b) => a + b, 0) / samples.length,
  };
}

// ---------------------------------------------------------------------------------------------
// One pass: a service, its load, its memory.
// ---------------------------------------------------------------------------------------------

interface Point {
  label: string;
  mem: Mem;
  /** Counts against the target. */
  judged: boolean;
}

interface Pass {
  flags: string[];
  label: string;
  startS: number;
  points: Point[];
  phases: Phase[];
  registered: number;
}

const current: Service[] = [];

async function runPass(flags: string[], label: string): Promise<Pass> {
  const password = `Bench-${randomBytes(9).toString('base64url')}`;
  log();
  log(`— ${label}: node ${[...flags, MAIN].join(' ')}`);
  const { service, base, startS } = await startService(flags, password);
  const points: Point[] = [];
  const phases: Phase[] = [];
  const at = (label: string, judged: boolean) => {
    const mem = service.mem();
    points.push({ label, mem, judged });
    log(`  ${label}: VmRSS ${mb(mem.rss)} (peak ${mb(mem.hwm)}; RssAnon ${mb(mem.anon)}, RssFile ${mb(mem.file)})`);
  };
  try {
    log(`  service answering /health after ${startS.toFixed(1)} s (pid ${service.pid}, DATA_DIR ${service.dataDir})`);
    await sleep(2000);
    at('idle, started (no request yet)', false);

    const login = await http(base, 'POST', '/api/v1/auth/login', { username: 'clerk', password });
    if (login.status !== 200 || !login.json?.accessToken) throw new Error(`sign-in as clerk failed: ${login.status} ${login.text.slice(0, 300)}`);
    const auth = { authorization: `Bearer ${login.json.accessToken}` };
    const runTag = randomBytes(4).toString('hex');
    const one = await http(base, 'POST', '/api/v1/cases', registration(), { ...auth, 'idempotency-key': `bench-memory-${runTag}-0` });
    if (one.status !== 201 || !one.json?.id) throw new Error(`registration failed: ${one.status} ${one.text.slice(0, 300)}`);
    at('after sign-in and 1 registration', false);

    const cases: string[] = [one.json.id];
    const letters: string[] = (one.json.letters ?? []).map((l: { id: string }) => l.id);
    let seq = 0;
    const regBody = JSON.stringify(registration());
    const register = (amount: number, connections: number) =>
      load(
        service,
        base,
        `registration ×${connections}`,
        connections,
        amount,
        {
          method: 'POST',
          path: '/api/v1/cases',
          setupRequest: (req) => {
            req.headers = { ...req.headers, 'idempotency-key': `bench-memory-${runTag}-${++seq}` };
            return req;
          },
          onResponse: (status, body) => {
            if (status !== 201) return;
            try {
              const b = JSON.parse(body);
              if (b?.id) cases.push(b.id);
              for (const l of b?.letters ?? []) if (l?.id) letters.push(l.id);
            } catch {
              /* counted by the status code */
            }
          },
        },
        { headers: { 'content-type': 'application/json', ...auth }, body: regBody },
      );
    phases.push(await register(REG1, 20));
    at(`after ${REG1.toLocaleString()} registrations ×20`, true);
    if (REG2 > 0) {
      phases.push(await register(REG2, 100));
      at(`after ${REG2.toLocaleString()} more registrations ×100`, true);
    }
    if (cases.length < 2) throw new Error('no registration succeeded under load');

    const rotating = (paths: string[]): autocannon.Request => {
      let k = 0;
      return {
        method: 'GET',
        setupRequest: (req) => {
          req.path = paths[k++ % paths.length];
          return req;
        },
      };
    };
    if (READS > 0) {
      phases.push(await load(service, base, 'case page ×50', 50, READS, rotating(cases.map((id) => `/api/v1/cases/${id}`)), { headers: auth }));
      phases.push(await load(service, base, 'worklist ×20', 20, Math.ceil(READS / 4), rotating(['/api/v1/cases', '/api/v1/cases?state=registered', `/api/v1/cases?text=${encodeURIComponent('道路建设')}`]), { headers: auth }));
    }
    if (PDFS > 0 && letters.length) {
      phases.push(await load(service, base, 'letter PDF ×20', 20, PDFS, rotating(letters.map((id) => `/api/v1/letters/${id}/pdf`)), { headers: auth }));
    }
    if (CASE_FILES > 0) {
      phases.push(await load(service, base, 'case file PDF ×5', 5, CASE_FILES, rotating(cases.map((id) => `/api/v1/cases/${id}/case-file.pdf`)), { headers: auth }));
    }
    if (READS > 0 || PDFS > 0 || CASE_FILES > 0) at('after the reads (case pages, worklist, letter PDFs, case files)', true);

    if (IDLE_S > 0) {
      await sleep(IDLE_S * 1000);
      at(`after ${IDLE_S} s idle`, true);
    }
    return { flags, label, startS, points, phases, registered: cases.length };
  } finally {
    log(`  ${await service.stop()}`);
    service.removeDataDir();
    current.splice(current.indexOf(service), 1);
  }
}

// ---------------------------------------------------------------------------------------------
// Tables.
// ---------------------------------------------------------------------------------------------

function table(header: string[], body: string[][]): void {
  const widths = header.map((hd, i) => Math.max(hd.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  log(line(header));
  log(`|${widths.map((w, i) => (i === 0 ? ':' : '') + '-'.repeat(w + 1) + (i === 0 ? '' : ':')).join('|')}|`);
  for (const b of body) log(line(b));
}

const worst = (p: Pass) => Math.max(...p.points.filter((x) => x.judged).map((x) => x.mem.rss));
const peak = (p: Pass) => Math.max(...p.points.map((x) => x.mem.hwm));

function printPass(p: Pass, floor: Mem): void {
  log();
  log(`${p.label} — node ${[...p.flags, MAIN].join(' ')} (answering after ${p.startS.toFixed(1)} s):`);
  table(
    ['point', 'VmRSS', `target < ${TARGET_MB} MB`, 'VmHWM (peak)', 'RssAnon', 'RssFile', 'VmRSS − bare node'],
    [
      ['bare `node -e` (floor, same flags)', mb(floor.rss), '', mb(floor.hwm), mb(floor.anon), mb(floor.file), ''],
      ...p.points.map((x) => [x.label, mb(x.mem.rss), x.judged ? verdict(x.mem.rss / 1024 < TARGET_MB) : '', mb(x.mem.hwm), mb(x.mem.anon), mb(x.mem.file), mb(x.mem.rss - floor.rss)]),
    ],
  );
  log();
  table(
    ['load', 'requests', '2xx', 'non-2xx', 'errors/timeouts', 'seconds', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/request', 'VmRSS during: mean', 'max'],
    p.phases.map((x) => [
      x.name,
      String(x.sent),
      String(x.ok),
      String(x.non2xx),
      String(x.errors),
      x.seconds.toFixed(1),
      x.rps.toFixed(0),
      String(x.p50),
      String(x.p99),
      x.cpuMsPerRequest.toFixed(1),
      mb(x.rssMean),
      mb(x.rssMax),
    ]),
  );
  for (const x of p.phases) if (x.non2xx || x.errors) log(`  ${x.name}: status codes ${JSON.stringify(x.codes)}`);
  log(`  RSS after the load and after the idle period ≤ ${mb(worst(p))} (target < ${TARGET_MB} MB): ${verdict(worst(p) / 1024 < TARGET_MB)}; peak during the run ${mb(peak(p))}`);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const t0 = Date.now();
  let finished = false;
  const cleanup = async () => {
    const out: string[] = [];
    for (const s of current.splice(0)) {
      out.push(await s.stop().catch((e) => `stop failed: ${String(e)}`));
      try {
        s.removeDataDir();
      } catch (e) {
        out.push(`removing ${s.dataDir} failed: ${String(e)}`);
      }
    }
    return out.join('; ') || 'nothing to stop';
  };
  const variants = (process.env.BENCH_VARIANTS ?? '')
    .split(';')
    .map((v) => (v.trim() === 'none' ? [] : v.trim().split(/\s+/).filter(Boolean)));
  const hasVariants = process.env.BENCH_VARIANTS !== undefined && process.env.BENCH_VARIANTS !== '';
  const passes = 1 + (hasVariants ? variants.length : 0);
  const perPass = 240 + (REG1 + REG2) / 5 + (READS * 1.25 + PDFS) / 20 + CASE_FILES / 2 + IDLE_S;
  const watchdogS = envNum('BENCH_WATCHDOG_S', 120 + passes * perPass, 10);
  const watchdog = setTimeout(() => {
    void (async () => {
      if (finished) return;
      log(`\nWATCHDOG: the bench exceeded ${watchdogS} s`);
      log(await cleanup().catch((e) => `cleanup failed: ${String(e)}`));
      process.exit(2);
    })();
  }, watchdogS * 1000);
  watchdog.unref();
  const onSignal = (sig: string) => {
    log(`\n${sig}: stopping`);
    void cleanup().finally(() => process.exit(2));
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));

  try {
    ensureBuilt();
    const start = startFlags();
    log(`bench:memory — ${os.cpus().length} cores, node ${process.version}; npm start runs "${start.script}"`);
    if (process.env.NODE_OPTIONS) log(`NODE_OPTIONS="${process.env.NODE_OPTIONS}" is passed on to the service (as npm start would)`);
    const results: Array<{ pass: Pass; floor: Mem }> = [];
    const override = process.env.BENCH_NODE_FLAGS;
    const first: [string[], string] =
      override === undefined ? [start.flags, 'npm start'] : [override.trim().split(/\s+/).filter(Boolean), 'BENCH_NODE_FLAGS (not npm start)'];
    const all: Array<[string[], string]> = [first, ...(hasVariants ? variants.map((v) => [v, `variant: ${v.join(' ') || 'no flags'}`] as [string[], string]) : [])];
    for (const [flags, label] of all) {
      const floor = await bareNode(flags);
      results.push({ pass: await runPass(flags, label), floor });
    }

    transcript = [];
    for (const r of results) printPass(r.pass, r.floor);
    if (results.length > 1) {
      log();
      log("Passes compared (each on a fresh DATA_DIR; req/s moves with the machine's load between passes, the service's CPU time per request much less):");
      const phaseNames = results[0].pass.phases.map((x) => x.name);
      table(
        ['pass', 'idle RSS', 'RSS after load (max)', `< ${TARGET_MB} MB`, 'peak', ...phaseNames.map((n) => `${n}: req/s, CPU ms/req`)],
        results.map(({ pass }) => [
          `${pass.label}`,
          mb(pass.points[0].mem.rss),
          mb(worst(pass)),
          verdict(worst(pass) / 1024 < TARGET_MB),
          mb(peak(pass)),
          ...phaseNames.map((n) => {
            const x = pass.phases.find((y) => y.name === n);
            return x ? `${x.rps.toFixed(0)}, ${x.cpuMsPerRequest.toFixed(1)}` : '—';
          }),
        ]),
      );
    }
    const doneIn = `${((Date.now() - t0) / 1000).toFixed(0)} s`;
    const tables = transcript.join('\n').trim();
    transcript = null;
    finished = true;
    log(`\ndone in ${doneIn}`);
    if (process.env.BENCH_DOC !== '0') {
      const doc = path.join(ROOT, 'docs/performance.md');
      const text = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : '# Performance\n';
      const begin = '<!-- bench:memory begin -->';
      const end = '<!-- bench:memory end -->';
      const block =
        `${begin}\n\nMeasured by \`npm run bench:memory\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'}), ` +
        `node ${process.version}; ${REG1.toLocaleString()} + ${REG2.toLocaleString()} registrations, ${READS.toLocaleString()} case pages, ${PDFS.toLocaleString()} letter PDFs, ${CASE_FILES.toLocaleString()} case files, ${IDLE_S} s idle; ` +
        `the whole bench took ${doneIn}.\n\n\`\`\`text\n${tables}\n\`\`\`\n\n${end}`;
      const next = text.includes(begin) ? text.replace(new RegExp(`${begin}[\\s\\S]*${end}`), () => block) : `${text.trimEnd()}\n\n${block}\n`;
      fs.writeFileSync(doc, next);
      log(`tables written to ${path.relative(process.cwd(), doc)} (BENCH_DOC=0: not)`);
    }
    return 0;
  } catch (e) {
    finished = true;
    log(`\nbench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    log(await cleanup().catch((err) => `cleanup failed: ${String(err)}`));
    return 2;
  } finally {
    clearTimeout(watchdog);
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${String(e)}\n`);
    process.exit(2);
  },
);
