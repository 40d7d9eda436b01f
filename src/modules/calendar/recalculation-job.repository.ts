import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Queryable } from '../../platform/database/queryable';

export interface RecalculationJobView {
  id: number;
  year: number;
  action: 'load' | 'replace';
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  done: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

/** A pending job as the worker claims it. */
export interface ClaimedJob {
  id: number;
  year: number;
  action: 'load' | 'replace';
  lastCaseId: string | null;
}

interface JobRow {
  id: string;
  year: number;
  action: 'load' | 'replace';
  status: RecalculationJobView['status'];
  total: number;
  done: number;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  error: string | null;
}

const JOB_COLUMNS = `id, year, action, status, total, done, created_at, started_at, finished_at, error`;

function view(r: JobRow): RecalculationJobView {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: Number(r.id),
    year: r.year,
    action: r.action,
    status: r.status,
    total: r.total,
    done: r.done,
    createdAt: new Date(r.created_at).toISOString(),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    error: r.error ?? null,
  };
}

/**
 * Table recalculation_jobs: queued by a calendar change in the calendar's own transaction, worked
 * through case by case by the worker (src/modules/worker/recalculation.service.ts). Here, in the
 * calendar area, because the calendar writes the job and the worker already depends on the calendar.
 */
@Injectable()
export class RecalculationJobRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** A job over every case open now; returns its id. */
  async queue(m: Queryable, year: number, action: 'load' | 'replace'): Promise<number> {
    const [job] = (await m.query(
      `INSERT INTO recalculation_jobs (year, action, total)
       SELECT $1, $2, count(*)::int FROM cases WHERE state NOT IN ('closed', 'archived')
       RETURNING id`,
      [year, action],
    )) as Array<{ id: string }>;
    return Number(job.id);
  }

  /** The oldest unfinished job nobody else holds, locked for this transaction. */
  async claimNext(m: Queryable): Promise<ClaimedJob | null> {
    const [job] = (await m.query(
      `SELECT id, year, action, last_case_id FROM recalculation_jobs
        WHERE status IN ('queued', 'running') ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    )) as Array<{ id: string; year: number; action: 'load' | 'replace'; last_case_id: string | null }>;
    return job ? { id: Number(job.id), year: job.year, action: job.action, lastCaseId: job.last_case_id } : null;
  }

  /** The next open case in id order after `lastCaseId` (null: from the start). */
  async nextOpenCase(m: Queryable, lastCaseId: string | null): Promise<string | null> {
    const [next] = (await m.query(
      `SELECT id FROM cases WHERE state NOT IN ('closed', 'archived') AND ($1::uuid IS NULL OR id > $1::uuid)
        ORDER BY id LIMIT 1`,
      [lastCaseId],
    )) as Array<{ id: string }>;
    return next?.id ?? null;
  }

  async finish(m: Queryable, jobId: number): Promise<void> {
    await m.query(
      `UPDATE recalculation_jobs SET status = CASE WHEN error IS NULL THEN 'done' ELSE 'failed' END,
              started_at = coalesce(started_at, now()), finished_at = now()
        WHERE id = $1`,
      [jobId],
    );
  }

  async advance(m: Queryable, jobId: number, caseId: string): Promise<void> {
    await m.query(
      `UPDATE recalculation_jobs SET status = 'running', started_at = coalesce(started_at, now()),
              done = done + 1, last_case_id = $2
        WHERE id = $1`,
      [jobId, caseId],
    );
  }

  /** Skips a failed case keeping why; unless another instance moved the job on meanwhile. */
  async skipFailed(jobId: number, caseId: string, prevCaseId: string | null, message: string): Promise<void> {
    await this.db.query(
      `UPDATE recalculation_jobs SET status = 'running', started_at = coalesce(started_at, now()),
              done = done + 1, last_case_id = $2,
              error = left(coalesce(error || E'\\n', '') || $4, 10000)
        WHERE id = $1 AND last_case_id IS NOT DISTINCT FROM $3::uuid AND status IN ('queued', 'running')`,
      [jobId, caseId, prevCaseId, message],
    );
  }

  async latest(limit: number): Promise<RecalculationJobView[]> {
    const rows = (await this.db.query(`SELECT ${JOB_COLUMNS} FROM recalculation_jobs ORDER BY id DESC LIMIT $1`, [limit])) as JobRow[];
    return rows.map(view);
  }

  async byId(id: number): Promise<RecalculationJobView | null> {
    const [row] = (await this.db.query(`SELECT ${JOB_COLUMNS} FROM recalculation_jobs WHERE id = $1`, [id])) as JobRow[];
    return row ? view(row) : null;
  }
}
