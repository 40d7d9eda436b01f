/**
 * Reads that may be served by a hot standby (DATABASE_REPLICA_URL; issue 16, read replica).
 *
 * A service wraps such a read in `reads.run(q => …)` and gives `q` to its repository instead of the
 * pool: the annual report and its case lists, the dashboard, the worklist and its CSV export, the
 * audit list. Everything else — writes, a case's page, whatever must see a write the moment it is
 * made — keeps using the primary's DataSource, untouched.
 *
 * No stale answers: before a routed read, the end of the primary's WAL is taken (PRIMARY_WAL_END_SQL,
 * one call without table access) and the standby is asked whether it
 * has replayed that far; it is polled until DATABASE_REPLICA_MAX_LAG_MS has passed. So a read from
 * the standby sees everything committed before the request began — the user's own last action
 * included (read-your-writes, across instances, without any session state). A standby further
 * behind, not a standby (pg_is_in_recovery() false), or not reachable: the read goes to the
 * primary. A standby that cannot be reached is not tried again for RETRY_AFTER_MS, so an outage
 * costs one connect attempt (bounded by DB_ACQUIRE_TIMEOUT_MS) per 5 s, not one per request.
 * Statements on the standby are bounded by DB_STATEMENT_TIMEOUT_MS like those on the primary; one
 * cancelled by the timeout is answered 503 as on the primary (running it again there would double
 * the wait); one cancelled by a conflict with recovery (40001) is read again from the primary.
 *
 * Why a pg Pool and not TypeORM's `replication: { master, slaves }`: TypeORM opens the slave pools
 * when the DataSource initialises (a standby down at start would stop the service starting), and
 * its query runners would have to be created, released and guarded for each read; the repositories
 * here run raw SQL through `query(sql, params)` only, which a pg Pool answers the same way.
 *
 * The response says which server answered: X-Read-Source: replica | primary (only with a replica
 * configured; "primary" when any routed read of the request went there).
 */
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { isDatabaseUnavailable, isPoolExhausted } from '../http-errors/all-exceptions.filter';
import type { Queryable } from './queryable';
import { PRIMARY_WAL_END_SQL } from './standby';

export type ReadSource = 'replica' | 'primary';

/** After the standby could not be reached, routed reads go straight to the primary for this long. */
export const RETRY_AFTER_MS = 5000;
/** The replica pool's application_name (pg_stat_activity on the standby). */
export const REPLICA_APPLICATION_NAME = 'gov-info-disclosure replica';
const POLL_MS = 20;

interface RequestReads {
  res: Response;
  sources: ReadSource[];
}
const requestReads = new AsyncLocalStorage<RequestReads>();

/** Express middleware: lets routed reads of the request name their server in X-Read-Source. */
export function readSourceHeader() {
  return (_req: Request, res: Response, next: NextFunction) => requestReads.run({ res, sources: [] }, next);
}

function noteSource(source: ReadSource): void {
  const r = requestReads.getStore();
  if (!r) return;
  r.sources.push(source);
  if (!r.res.headersSent) r.res.setHeader('X-Read-Source', r.sources.includes('primary') ? 'primary' : 'replica');
}

/** The standby cancelled a query that conflicted with replay (40001, 40P01): the primary can answer it. */
function isRecoveryConflict(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === '40001' || code === '40P01';
}

/** Errors that mean "ask the primary instead": the standby is away, full, misconfigured or in conflict. */
function standbyUnusable(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return (
    isDatabaseUnavailable(e) ||
    isPoolExhausted(e) ||
    isRecoveryConflict(e) ||
    // wrong password, no such database or role, too many connections: a configuration fault of the standby
    code === '28P01' || code === '28000' || code === '3D000' || code === '53300'
  );
}

@Injectable()
export class ReadReplica implements OnModuleDestroy {
  private readonly log = new Logger('ReadReplica');
  private readonly pool: Pool | null;
  private readonly maxLagMs: number;
  private downUntil = 0;
  private lastProblem = '';

  constructor(
    @Inject(DataSource) private readonly primary: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.maxLagMs = config.replicaMaxLagMs ?? 2000;
    this.pool = config.databaseReplicaUrl ? replicaPool(config) : null;
    // An idle connection the standby dropped must not crash the process: the next read reconnects.
    this.pool?.on('error', () => undefined);
  }

  get configured(): boolean {
    return this.pool !== null;
  }

  /**
   * Runs a read on the standby when it has caught up with the primary (see the file comment), else
   * on the primary. `fn` must only read; it may run twice (the standby failed under it, then the primary).
   */
  async run<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    const pool = this.pool;
    if (!pool) return fn(this.primary);
    if (Date.now() < this.downUntil) return this.onPrimary(fn);
    // The rows, as DataSource.query answers a SELECT (the repositories read nothing else).
    const replica: Queryable = { query: <R = any>(sql: string, params?: unknown[]) => pool.query(sql, params).then((r) => r.rows as R) };
    // The primary's position first, outside the fallback: a primary that is down is answered 503 as ever.
    const [{ lsn }] = await this.primary.query(PRIMARY_WAL_END_SQL);
    try {
      if (!(await this.caughtUp(pool, lsn))) return this.onPrimary(fn);
      const value = await fn(replica);
      this.recovered();
      noteSource('replica');
      return value;
    } catch (e) {
      if (!standbyUnusable(e)) throw e;
      this.unusable(e);
      return this.onPrimary(fn);
    }
  }

  /** Has the standby replayed the primary's WAL up to `lsn`? Polls until maxLagMs has passed. */
  private async caughtUp(pool: Pool, lsn: string): Promise<boolean> {
    const deadline = Date.now() + this.maxLagMs;
    for (;;) {
      const { rows } = await pool.query<{ standby: boolean; replayed: boolean | null }>(
        `SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn() >= $1::pg_lsn AS replayed`,
        [lsn],
      );
      if (!rows[0].standby) {
        this.note('DATABASE_REPLICA_URL 指向的服务器不是备库（pg_is_in_recovery() 为 false），统计与列表改由主库读取');
        return false;
      }
      if (rows[0].replayed) return true;
      const left = deadline - Date.now();
      if (left <= 0) {
        this.log.debug(`备库落后于主库超过 ${this.maxLagMs} ms（未回放到 ${lsn}），本次改由主库读取`);
        return false;
      }
      await new Promise((r) => setTimeout(r, Math.min(POLL_MS, left)));
    }
  }

  private async onPrimary<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    const value = await fn(this.primary);
    noteSource('primary');
    return value;
  }

  private unusable(e: unknown): void {
    const recovery = isRecoveryConflict(e);
    if (!recovery) this.downUntil = Date.now() + RETRY_AFTER_MS;
    this.note(
      recovery
        ? `备库因回放冲突取消了查询，本次改由主库读取：${(e as Error).message}`
        : `备库暂时无法使用，统计与列表改由主库读取，${RETRY_AFTER_MS / 1000} 秒后再试：${(e as Error)?.message ?? e}`,
    );
  }

  private recovered(): void {
    if (this.lastProblem) this.log.log('备库已恢复，统计与列表重新由备库读取');
    this.lastProblem = '';
  }

  /** Logs a problem once until it changes or the standby serves again (not once per request). */
  private note(problem: string): void {
    if (problem === this.lastProblem) return;
    this.lastProblem = problem;
    this.log.warn(problem);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.end().catch(() => undefined);
  }
}

/** The standby's pool: the primary's bounds (size, acquire timeout, statement timeout), read-only sessions. */
function replicaPool(config: AppConfig): Pool {
  return new Pool({
    connectionString: config.databaseReplicaUrl,
    max: config.dbPoolMax,
    connectionTimeoutMillis: config.dbAcquireTimeoutMs,
    application_name: REPLICA_APPLICATION_NAME,
    options: `-c default_transaction_read_only=on -c idle_in_transaction_session_timeout=60000${config.dbStatementTimeoutMs ? ` -c statement_timeout=${config.dbStatementTimeoutMs}` : ''}`,
  });
}
