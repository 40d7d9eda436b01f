import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { notFound } from '../../platform/http-errors/app-exception';
import { CalendarService } from '../calendar/calendar.service';
import { CasesService } from '../cases/cases.service';

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

const JOB_COLUMNS = `id, year, action, status, total, done, created_at, started_at, finished_at, error`;

function view(r: any): RecalculationJobView {
  const iso = (d: any) => (d ? new Date(d).toISOString() : null);
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
 * Runs the recalculation jobs queued by a calendar change (CalendarService.replace): every case
 * open when the worker reaches it, in id order, one transaction per case.
 *
 * Each case's transaction also locks the job row (FOR UPDATE SKIP LOCKED), reads last_case_id,
 * recalculates the next case and advances done / last_case_id before it commits. Progress is
 * therefore committed together with the case it counts (a batch of one, in effect): a worker
 * stopped at any point resumes after the last case actually recalculated, never repeats one, and
 * several instances can share a job without doing a case twice. A case that fails is skipped with
 * its error kept on the job (the job ends 'failed', listing it) so one bad case cannot hold back
 * the deadlines of all the others.
 */
@Injectable()
export class RecalculationService {
  private readonly log = new Logger('Recalculation');

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cases: CasesService,
    private readonly calendar: CalendarService,
  ) {}

  /** Works through the pending jobs, at most `limit` cases. Returns the number of cases processed. */
  async work(today = this.clock.today(), limit = Infinity): Promise<number> {
    const seen = new Set<number>();
    let n = 0;
    while (n < limit) {
      const step = await this.step(today, seen);
      if (step === 'idle') break;
      if (step === 'case') n++;
    }
    return n;
  }

  private async step(today: string, seen: Set<number>): Promise<'idle' | 'case' | 'finished'> {
    let current: { jobId: number; caseId: string; prev: string | null } | null = null;
    try {
      return await this.db.transaction(async (m) => {
        const [job] = await m.query(
          `SELECT id, year, action, last_case_id FROM recalculation_jobs
            WHERE status IN ('queued', 'running') ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        );
        if (!job) return 'idle';
        const jobId = Number(job.id);
        if (!seen.has(jobId)) {
          // The job was committed with its calendar write: the calendar this instance holds must
          // include that write before any case is computed.
          seen.add(jobId);
          await this.calendar.refreshIfChanged();
        }
        const [next] = await m.query(
          `SELECT id FROM cases WHERE state NOT IN ('closed', 'archived') AND ($1::uuid IS NULL OR id > $1::uuid)
            ORDER BY id LIMIT 1`,
          [job.last_case_id],
        );
        if (!next) {
          await m.query(
            `UPDATE recalculation_jobs SET status = CASE WHEN error IS NULL THEN 'done' ELSE 'failed' END,
                    started_at = coalesce(started_at, now()), finished_at = now()
              WHERE id = $1`,
            [jobId],
          );
          this.log.log(`recalculation job ${jobId} (${job.year}) finished`);
          return 'finished';
        }
        current = { jobId, caseId: next.id, prev: job.last_case_id };
        await this.cases.recalculateCase(m, next.id, job.year, job.action, today);
        await m.query(
          `UPDATE recalculation_jobs SET status = 'running', started_at = coalesce(started_at, now()),
                  done = done + 1, last_case_id = $2
            WHERE id = $1`,
          [jobId, next.id],
        );
        return 'case';
      });
    } catch (e) {
      if (!current) throw e;
      const c = current as { jobId: number; caseId: string; prev: string | null };
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(`recalculation job ${c.jobId}: case ${c.caseId} failed and is skipped: ${message}`);
      // Skip the case, keeping why; unless another instance moved the job on meanwhile.
      await this.db.query(
        `UPDATE recalculation_jobs SET status = 'running', started_at = coalesce(started_at, now()),
                done = done + 1, last_case_id = $2,
                error = left(coalesce(error || E'\\n', '') || $4, 10000)
          WHERE id = $1 AND last_case_id IS NOT DISTINCT FROM $3::uuid AND status IN ('queued', 'running')`,
        [c.jobId, c.caseId, c.prev, `case ${c.caseId}: ${message}`.slice(0, 1000)],
      );
      return 'case';
    }
  }

  async list(limit = 20): Promise<RecalculationJobView[]> {
    const rows = await this.db.query(`SELECT ${JOB_COLUMNS} FROM recalculation_jobs ORDER BY id DESC LIMIT $1`, [limit]);
    return rows.map(view);
  }

  async get(id: string): Promise<RecalculationJobView> {
    if (!/^\d{1,15}$/.test(id)) throw notFound('重新计算任务不存在');
    const [row] = await this.db.query(`SELECT ${JOB_COLUMNS} FROM recalculation_jobs WHERE id = $1`, [id]);
    if (!row) throw notFound('重新计算任务不存在');
    return view(row);
  }
}
