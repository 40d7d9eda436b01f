/**
 * Configuration from environment variables, validated once at start.
 * Every variable is listed in README.md (配置).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Per-minute limits per address (RateLimit decorator, src/platform/rate-limit). */
export interface RateLimits {
  login: number;
  password: number;
  track: number;
  letterCheck: number;
}

/** Per minute and address; 网上申请 has its own PUBLIC_APPLICATIONS_PER_MINUTE (publicApplicationsPerMinute). */
export const DEFAULT_RATE_LIMITS: RateLimits = { login: 20, password: 10, track: 5, letterCheck: 10 };

export interface AppConfig {
  port: number;
  host: string;
  /** External server; undefined → embedded PostgreSQL. */
  databaseUrl?: string;
  /** The owner role's connection for migrations (default DATABASE_URL); the service itself uses DATABASE_URL. */
  migrationDatabaseUrl?: string;
  /**
   * A hot standby of DATABASE_URL's server (DATABASE_REPLICA_URL): the annual report, the dashboard,
   * the worklist and its export, and the audit list read from it (src/platform/database/read-replica.ts).
   */
  databaseReplicaUrl?: string;
  /**
   * How long such a read waits for the standby to replay what the primary had written when the
   * request began (DATABASE_REPLICA_MAX_LAG_MS, default 2000; 0: no wait); then it reads from the primary.
   */
  replicaMaxLagMs?: number;
  dataDir: string;
  embeddedPgDir: string;
  embeddedPgPort?: number;
  demoPassword?: string;
  logLevel: LogLevel;
  jwtSecret: string;
  /** Access-token lifetime in seconds. */
  jwtTtlSeconds: number;
  migrationsRun: boolean;
  /**
   * Sign-in backoff: failures of one account from one address answered without waiting (the account
   * from anywhere and the address across accounts get 4×), then each further attempt waits 2^k
   * seconds, at most loginLockSeconds.
   */
  loginMaxFailures: number;
  loginLockSeconds: number;
  /** OpenAPI document (/api/docs, /api/docs-json) without sign-in; false when NODE_ENV=production. Default true. */
  apiDocsPublic?: boolean;
  /** Optional licensed 仿宋_GB2312 (or other) font file for letter bodies. */
  letterBodyFont?: string;
  timerPollMs: number;
  /** Timers fired side by side by one instance's poll, each in its own transaction (TIMER_CONCURRENCY, default 4). */
  timerConcurrency?: number;
  /** Due timers fired together in one transaction (TIMER_BATCH, default 25; 1: one transaction per timer). */
  timerBatch?: number;
  /** Failed attempts after which a timer is parked and reported to the agency's admins (default 5). */
  timerMaxAttempts?: number;
  /** Whether this instance runs the worker (timers, reminders, recalculation jobs); default true. */
  worker?: boolean;
  /**
   * HMAC key of the external history anchor (HISTORY_ANCHOR_KEY, ≥ 32 characters; else generated
   * once and kept in DATA_DIR/history-anchor-key, 0600). Never stored in the database.
   */
  historyAnchorKey: string;
  /** Whether the worker writes the daily history anchor (HISTORY_ANCHOR_DAILY, default true). */
  historyAnchorDaily?: boolean;
  /** Connections in the database pool, and how long a request waits for one (then 503). */
  dbPoolMax: number;
  dbAcquireTimeoutMs: number;
  /** statement_timeout of the app's connections, ms (DB_STATEMENT_TIMEOUT_MS; 0 = none). */
  dbStatementTimeoutMs: number;
  /**
   * Express `trust proxy` (TRUST_PROXY): which peers' X-Forwarded-For / -Proto / -Host are believed
   * (the client address of the login backoff, HTTPS behind a proxy for the Secure cookie, the
   * service's own origin). false: none; a number: that many hops; otherwise addresses, CIDRs or
   * loopback / linklocal / uniquelocal. Default 'loopback' (a proxy on the same host).
   */
  trustProxy?: TrustProxy;
  /** The session cookie's Secure attribute (COOKIE_SECURE): 'auto' (default) when the request came over HTTPS. */
  cookieSecure?: CookieSecure;
  /**
   * Passphrase of the agencies' PKCS#12 signing files (SIGNING_P12_PASSPHRASE, ≥ 12 characters;
   * else generated once and kept in DATA_DIR/signing-p12-passphrase, 0600). Never stored in the
   * database. An agency may have its own: SIGNING_P12_PASSPHRASE_<agency id, 32 hex digits>.
   */
  signingPassphrase: string;
  /** Per-agency passphrases (agency id → passphrase). */
  signingPassphrases?: Record<string, string>;
  /**
   * Generate a self-signed test certificate (测试用, not for production) for an agency that has
   * none when its first sealed letter is issued (SIGNING_TEST_CERTIFICATES; default true on the
   * embedded demo database outside production, else false: a sealed letter is then refused until
   * the admin uploads the agency's certificate).
   */
  signingTestCertificates?: boolean;
  /**
   * 网上申请 (POST /public/applications): submissions per minute from one address
   * (PUBLIC_APPLICATIONS_PER_MINUTE, default 5; 0 lifts the limit, e.g. for a load run).
   */
  publicApplicationsPerMinute?: number;
  /**
   * Requests per minute from one address on the public and sign-in routes (RATE_LIMIT_*_PER_MINUTE;
   * 0 lifts a limit, e.g. for a load run from 127.0.0.1). Defaults: login 20, password 10, track 5,
   * letterCheck 10 (DEFAULT_RATE_LIMITS).
   */
  rateLimits?: Partial<RateLimits>;
  /** The agency online applications go to (PUBLIC_APPLICATION_AGENCY, its id); default the installation's only agency. */
  publicApplicationAgency?: string;
  /** Where the outbox's e-mail goes (SMTP_URL, smtp:// or smtps://); without it messages wait in the outbox. */
  smtpUrl?: string;
  /** The From of the applicant's e-mail (MAIL_FROM). */
  mailFrom?: string;
  /** The service's public address for the tracking link in messages (PUBLIC_BASE_URL, e.g. https://gk.example.gov.cn). */
  publicBaseUrl?: string;
  /** How often the worker delivers the outbox (OUTBOX_POLL_MS, default 5000; 0 = only when called, tests). */
  outboxPollMs?: number;
  /** Failed sends after which a message is parked (OUTBOX_MAX_ATTEMPTS, default 8). */
  outboxMaxAttempts?: number;
  /** How long a claimed message stays 'sending' before another worker may take it over (OUTBOX_LEASE_SECONDS, default 300). */
  outboxLeaseSeconds?: number;
  /** The SMS provider (SMS_PROVIDER): only 'none' — no provider is built in yet. */
  smsProvider?: 'none';
  /** Largest record a handler may attach to a case, in bytes (DOCUMENT_MAX_BYTES, default 50 MiB); larger → 413. */
  documentMaxBytes?: number;
}

export type TrustProxy = boolean | number | string;
export type CookieSecure = 'auto' | boolean;
export const DEFAULT_TRUST_PROXY: TrustProxy = 'loopback';

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`配置错误：\n- ${problems.join('\n- ')}`);
  }
}

function int(
  env: NodeJS.ProcessEnv,
  name: string,
  def: number | undefined,
  min: number,
  max: number,
  problems: string[],
): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} 必须是 ${min} 到 ${max} 之间的整数（当前为 "${raw}"）`);
    return def;
  }
  return n;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY: off/false, on/true, a hop count, or a comma list of loopback/linklocal/uniquelocal, addresses and CIDRs. */
function trustProxyOf(env: NodeJS.ProcessEnv, problems: string[]): TrustProxy {
  const raw = env.TRUST_PROXY?.trim();
  if (raw === undefined || raw === '') return DEFAULT_TRUST_PROXY;
  const lower = raw.toLowerCase();
  if (['off', 'false', 'no', 'none'].includes(lower)) return false;
  if (['on', 'true', 'yes'].includes(lower)) return true;
  if (/^\d+$/.test(raw)) {
    const n = Number(raw);
    if (n <= 32) return n;
  }
  const parts = raw.split(',').map((p) => p.trim());
  const valid = (p: string) => {
    if (PROXY_NAMES.includes(p.toLowerCase())) return true;
    const [addr, bits, ...rest] = p.split('/');
    const family = net.isIP(addr);
    if (!family || rest.length) return false;
    if (bits === undefined) return true;
    return /^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
  };
  const bad = parts.filter((p) => !valid(p));
  if (bad.length) {
    problems.push(
      `TRUST_PROXY 必须是 off、on、跳数（0–32），或以逗号分隔的 loopback、linklocal、uniquelocal、IP 地址、CIDR（无法识别："${bad.join('", "')}"）`,
    );
    return DEFAULT_TRUST_PROXY;
  }
  return parts.map((p) => (PROXY_NAMES.includes(p.toLowerCase()) ? p.toLowerCase() : p)).join(',');
}

/** COOKIE_SECURE: auto (HTTPS requests only), true (always), false (never). */
function cookieSecureOf(env: NodeJS.ProcessEnv, problems: string[]): CookieSecure {
  const raw = env.COOKIE_SECURE?.trim().toLowerCase();
  if (raw === undefined || raw === '' || raw === 'auto') return 'auto';
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  problems.push(`COOKIE_SECURE 必须是 auto、true 或 false（当前为 "${env.COOKIE_SECURE}"）`);
  return 'auto';
}

function bool(env: NodeJS.ProcessEnv, name: string, def: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  problems.push(`${name} 必须是 true 或 false（当前为 "${raw}"）`);
  return def;
}

/** Reads and validates the environment. Generates and keeps the JWT secret in DATA_DIR when not given. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const port = int(env, 'PORT', 3000, 0, 65535, problems)!;
  const embeddedPgPort = int(env, 'EMBEDDED_PG_PORT', undefined, 1, 65535, problems);
  const jwtTtlSeconds = int(env, 'JWT_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600, problems)!;
  const loginMaxFailures = int(env, 'LOGIN_MAX_FAILURES', 5, 1, 100, problems)!;
  const loginLockSeconds = int(env, 'LOGIN_LOCK_SECONDS', 900, 1, 86400, problems)!;
  const timerPollMs = int(env, 'TIMER_POLL_MS', 5000, 0, 3600_000, problems)!;
  const timerConcurrency = int(env, 'TIMER_CONCURRENCY', 4, 1, 64, problems)!;
  const timerBatch = int(env, 'TIMER_BATCH', 25, 1, 1000, problems)!;
  const dbPoolMax = int(env, 'DB_POOL_MAX', 20, 1, 500, problems)!;
  const dbAcquireTimeoutMs = int(env, 'DB_ACQUIRE_TIMEOUT_MS', 5000, 100, 600_000, problems)!;
  // Every statement of the app is bounded (0 turns it off); migrations run without the bound.
  const dbStatementTimeoutMs = int(env, 'DB_STATEMENT_TIMEOUT_MS', 30_000, 0, 3_600_000, problems)!;
  const migrationsRun = bool(env, 'MIGRATIONS_RUN', true, problems);
  const timerMaxAttempts = int(env, 'TIMER_MAX_ATTEMPTS', 5, 1, 1000, problems)!;
  const workerRaw = (env.WORKER?.trim() || 'on').toLowerCase();
  if (!['on', 'off'].includes(workerRaw)) problems.push(`WORKER 必须是 on 或 off（当前为 "${env.WORKER}"）`);
  const worker = workerRaw !== 'off';
  const trustProxy = trustProxyOf(env, problems);
  const cookieSecure = cookieSecureOf(env, problems);
  const publicApplicationsPerMinute = int(env, 'PUBLIC_APPLICATIONS_PER_MINUTE', 5, 0, 1_000_000, problems)!;
  const rateLimits: RateLimits = {
    login: int(env, 'RATE_LIMIT_LOGIN_PER_MINUTE', DEFAULT_RATE_LIMITS.login, 0, 1_000_000, problems)!,
    password: int(env, 'RATE_LIMIT_PASSWORD_PER_MINUTE', DEFAULT_RATE_LIMITS.password, 0, 1_000_000, problems)!,
    track: int(env, 'RATE_LIMIT_TRACK_PER_MINUTE', DEFAULT_RATE_LIMITS.track, 0, 1_000_000, problems)!,
    letterCheck: int(env, 'RATE_LIMIT_LETTER_CHECK_PER_MINUTE', DEFAULT_RATE_LIMITS.letterCheck, 0, 1_000_000, problems)!,
  };
  const publicApplicationAgency = env.PUBLIC_APPLICATION_AGENCY?.trim() || undefined;
  if (publicApplicationAgency && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(publicApplicationAgency)) {
    problems.push('PUBLIC_APPLICATION_AGENCY 必须是机关的 id（UUID）');
  }
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push('SMTP_URL 必须以 smtp:// 或 smtps:// 开头');
  const publicBaseUrl = env.PUBLIC_BASE_URL?.trim().replace(/\/+$/, '') || undefined;
  if (publicBaseUrl && !/^https?:\/\//.test(publicBaseUrl)) problems.push('PUBLIC_BASE_URL 必须以 http:// 或 https:// 开头');
  const outboxPollMs = int(env, 'OUTBOX_POLL_MS', 5000, 0, 3600_000, problems)!;
  const outboxMaxAttempts = int(env, 'OUTBOX_MAX_ATTEMPTS', 8, 1, 1000, problems)!;
  const outboxLeaseSeconds = int(env, 'OUTBOX_LEASE_SECONDS', 300, 5, 86400, problems)!;
  const documentMaxBytes = int(env, 'DOCUMENT_MAX_BYTES', 50 * 1024 * 1024, 1024, 1024 * 1024 * 1024, problems)!;
  const smsProvider = (env.SMS_PROVIDER?.trim() || 'none').toLowerCase();
  if (smsProvider !== 'none') problems.push(`SMS_PROVIDER 目前只能是 none：尚未内置短信服务商（当前为 "${env.SMS_PROVIDER}"）`);

  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL 必须以 postgres:// 或 postgresql:// 开头');
  }
  const migrationDatabaseUrl = env.MIGRATION_DATABASE_URL?.trim() || undefined;
  if (migrationDatabaseUrl && !/^postgres(ql)?:\/\//.test(migrationDatabaseUrl)) {
    problems.push('MIGRATION_DATABASE_URL 必须以 postgres:// 或 postgresql:// 开头');
  }
  if (migrationDatabaseUrl && !databaseUrl) problems.push('MIGRATION_DATABASE_URL 只能与 DATABASE_URL 一起设置');
  const databaseReplicaUrl = env.DATABASE_REPLICA_URL?.trim() || undefined;
  if (databaseReplicaUrl && !/^postgres(ql)?:\/\//.test(databaseReplicaUrl)) {
    problems.push('DATABASE_REPLICA_URL 必须以 postgres:// 或 postgresql:// 开头');
  }
  if (databaseReplicaUrl && !databaseUrl) problems.push('DATABASE_REPLICA_URL 只能与 DATABASE_URL 一起设置');
  const replicaMaxLagMs = int(env, 'DATABASE_REPLICA_MAX_LAG_MS', 2000, 0, 60_000, problems)!;
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL 必须是 ${LOG_LEVELS.join('、')} 之一`);

  const demoPassword = env.DEMO_PASSWORD || undefined;
  if (demoPassword !== undefined && demoPassword.length < 8) problems.push('DEMO_PASSWORD 至少 8 个字符');

  const letterBodyFont = env.LETTER_BODY_FONT?.trim() || undefined;
  if (letterBodyFont && !fs.existsSync(letterBodyFont)) {
    problems.push(`LETTER_BODY_FONT 指向的字体文件不存在：${letterBodyFont}`);
  }

  const dataDir = path.resolve(env.DATA_DIR?.trim() || './data');
  const embeddedPgDir = path.resolve(env.EMBEDDED_PG_DIR?.trim() || path.join(dataDir, 'pg'));
  const historyAnchorDaily = bool(env, 'HISTORY_ANCHOR_DAILY', true, problems);
  let historyAnchorKey = env.HISTORY_ANCHOR_KEY || '';
  if (historyAnchorKey && historyAnchorKey.length < 32) problems.push('HISTORY_ANCHOR_KEY 至少 32 个字符');
  let jwtSecret = env.JWT_SECRET || '';
  if (jwtSecret && jwtSecret.length < 32) problems.push('JWT_SECRET 至少 32 个字符');

  let signingPassphrase = env.SIGNING_P12_PASSPHRASE || '';
  if (signingPassphrase && signingPassphrase.length < 12) problems.push('SIGNING_P12_PASSPHRASE 至少 12 个字符');
  const signingPassphrases: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    const m = /^SIGNING_P12_PASSPHRASE_([0-9a-fA-F]{32})$/.exec(k);
    if (!m || !v) continue;
    const hex = m[1].toLowerCase();
    signingPassphrases[`${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`] = v;
  }
  const signingTestCertificates = bool(env, 'SIGNING_TEST_CERTIFICATES', !databaseUrl && env.NODE_ENV?.trim() !== 'production', problems);

  // Instances sharing one DATABASE_URL must share these secrets (a session signed by one instance is
  // checked by another; the history anchors and the agencies' PKCS#12 files are read by every one):
  // a secret kept in each instance's own DATA_DIR would differ between them, so none is made up.
  if (databaseUrl) {
    for (const [name, value] of [
      ['JWT_SECRET', jwtSecret],
      ['HISTORY_ANCHOR_KEY', historyAnchorKey],
      ['SIGNING_P12_PASSPHRASE', signingPassphrase],
    ] as const) {
      if (!value) problems.push(`设置了 DATABASE_URL 时必须设置 ${name}（多个实例共用同一数据库，须使用同一密钥）`);
    }
  }

  if (problems.length) throw new ConfigError(problems);

  if (!signingPassphrase) signingPassphrase = keptSecret(dataDir, 'signing-p12-passphrase');
  if (!jwtSecret) jwtSecret = keptSecret(dataDir);
  if (!historyAnchorKey) historyAnchorKey = keptSecret(dataDir, 'history-anchor-key');
  return {
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    databaseUrl,
    migrationDatabaseUrl,
    databaseReplicaUrl,
    replicaMaxLagMs,
    dataDir,
    embeddedPgDir,
    embeddedPgPort,
    demoPassword,
    logLevel,
    jwtSecret,
    jwtTtlSeconds,
    historyAnchorKey,
    historyAnchorDaily,
    signingPassphrase,
    signingPassphrases,
    signingTestCertificates,
    migrationsRun,
    loginMaxFailures,
    loginLockSeconds,
    apiDocsPublic: env.NODE_ENV?.trim() !== 'production',
    letterBodyFont,
    timerPollMs,
    timerConcurrency,
    timerBatch,
    timerMaxAttempts,
    worker,
    dbPoolMax,
    dbAcquireTimeoutMs,
    dbStatementTimeoutMs,
    trustProxy,
    cookieSecure,
    publicApplicationsPerMinute,
    rateLimits,
    publicApplicationAgency,
    smtpUrl,
    mailFrom: env.MAIL_FROM?.trim() || undefined,
    publicBaseUrl,
    outboxPollMs,
    outboxMaxAttempts,
    outboxLeaseSeconds,
    smsProvider: 'none',
    documentMaxBytes,
  };
}

function keptSecret(dataDir: string, name = 'jwt-secret'): string {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const file = path.join(dataDir, name);
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

export const APP_CONFIG = Symbol('APP_CONFIG');
