import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { CalendarService } from '../calendar/calendar.service';
import { HistoryAnchorService } from '../cases/history-anchor.service';
import { TimersService } from '../cases/timers.service';
import { RecalculationService } from './recalculation.service';
import { RemindersService } from './reminders.service';
import { FindingsService } from '../audit/findings.service';

export interface TickResult {
  recalculated: number;
  fired: number;
  remindedAgencies: number;
  /** Whether this poll wrote the day's history anchor. */
  anchored: boolean;
  /** Closed cases whose audit findings this poll computed (missing, or from older rules). */
  audited: number;
}

/** How often the worker looks for closed cases whose findings are missing or from older rules. */
const AUDIT_CATCH_UP_MS = 60 * 60 * 1000;

/**
 * The background work of the service: deadline recalculation jobs, statutory timers, reminders.
 * Runs inside `npm start` by default, or alone (`npm run start:worker`, src/worker.ts). Every
 * step claims its rows in PostgreSQL, so any number of instances may run it at once.
 * Off on an instance with TIMER_POLL_MS=0 or WORKER=off (such an instance still picks up calendar
 * changes made through other instances, every TIMER_POLL_MS when that is set).
 */
@Injectable()
export class WorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Worker');
  private handle: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;
  private auditCaughtUpAt = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly calendar: CalendarService,
    private readonly recalculations: RecalculationService,
    private readonly timers: TimersService,
    private readonly reminders: RemindersService,
    private readonly anchors: HistoryAnchorService,
    private readonly audits: FindingsService,
  ) {}

  get enabled(): boolean {
    return this.config.worker !== false && this.config.timerPollMs > 0;
  }

  onApplicationBootstrap(): void {
    if (this.config.timerPollMs <= 0) return;
    const work = this.enabled ? () => this.tick() : () => this.calendar.refreshIfChanged();
    const loop = () => {
      if (this.stopped) return;
      this.running = work()
        .catch((e) => this.log.error(`worker poll failed: ${e instanceof Error ? e.stack : String(e)}`))
        .finally(() => {
          this.running = null;
          // unref: the HTTP server (or src/worker.ts) keeps the process alive; a pending poll never does so alone.
          if (!this.stopped) this.handle = setTimeout(loop, this.config.timerPollMs).unref();
        });
    };
    this.handle = setTimeout(loop, 0).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.handle) clearTimeout(this.handle);
    await this.running;
  }

  /**
   * One poll. Recalculation first: a calendar change may have moved a deadline whose old timer
   * would otherwise fire (timers fire from the day after the deadline, so a recalculation run first
   * never makes one late by more than the poll). Then the due timers, then the day's reminders,
   * then the day's history anchor (into this instance's DATA_DIR).
   */
  async tick(today = this.clock.today()): Promise<TickResult> {
    await this.calendar.refreshIfChanged();
    const recalculated = await this.recalculations.work(today);
    const fired = await this.timers.fireDue(today);
    const remindedAgencies = await this.reminders.run(today);
    const anchored = this.config.historyAnchorDaily !== false && (await this.anchors.anchorIfDue(today)) !== null;
    return { recalculated, fired, remindedAgencies, anchored, audited: await this.auditCatchUp() };
  }

  /**
   * 法制审核: a case gets its findings when it closes; this catches up, at most once an hour and
   * 500 cases a poll, with the closed cases whose findings are missing (e.g. the process stopped
   * between the closing and the audit) or were computed under older rules (AUDIT_RULES_VERSION).
   */
  private async auditCatchUp(): Promise<number> {
    if (Date.now() - this.auditCaughtUpAt < AUDIT_CATCH_UP_MS) return 0;
    const limit = 500;
    const n = await this.audits.recomputeClosed({ limit });
    if (n < limit) this.auditCaughtUpAt = Date.now();
    return n;
  }
}
