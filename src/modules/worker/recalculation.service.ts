import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { notFound } from '../../platform/http-errors/app-exception';
import { CalendarService } from '../calendar/calendar.service';
import { RecalculationJobRepository, RecalculationJobView } from '../calendar/recalculation-job.repository';
import { CasesService } from '../cases/cases.service';

export type { RecalculationJobView };

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
    private readonly jobs: RecalculationJobRepository,
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
        const job = await this.jobs.claimNext(m);
        if (!job) return 'idle';
        const jobId = job.id;
        if (!seen.has(jobId)) {
          // The job was committed with its calendar write: the calendar this instance holds must
          // include that write before any case is computed.
          seen.add(jobId);
          await this.calendar.refreshIfChanged();
        }
        const next = await this.jobs.nextOpenCase(m, job.lastCaseId);
        if (!next) {
          await this.jobs.finish(m, jobId);
          this.log.log(`recalculation job ${jobId} (${job.year}) finished`);
          return 'finished';
        }
        current = { jobId, caseId: next, prev: job.lastCaseId };
        await this.cases.recalculateCase(m, next, job.year, job.action, today);
        await this.jobs.advance(m, jobId, next);
        return 'case';
      });
    } catch (e) {
      if (!current) throw e;
      const c = current as { jobId: number; caseId: string; prev: string | null };
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(`recalculation job ${c.jobId}: case ${c.caseId} failed and is skipped: ${message}`);
      // Skip the case, keeping why; unless another instance moved the job on meanwhile.
      await this.jobs.skipFailed(c.jobId, c.caseId, c.prev, `case ${c.caseId}: ${message}`.slice(0, 1000));
      return 'case';
    }
  }

  list(limit = 20): Promise<RecalculationJobView[]> {
    return this.jobs.latest(limit);
  }

  async get(id: string): Promise<RecalculationJobView> {
    const job = /^\d{1,15}$/.test(id) ? await this.jobs.byId(Number(id)) : null;
    if (!job) throw notFound('重新计算任务不存在');
    return job;
  }
}
