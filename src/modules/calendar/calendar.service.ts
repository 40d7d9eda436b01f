import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { WorkingCalendar, YearNotice, validateNotice } from '../../domain/calendar';
import { AppException } from '../../platform/http-errors/app-exception';
import { CalendarRepository, StoredYear } from './calendar.repository';
import { RecalculationJobRepository } from './recalculation-job.repository';

export interface CalendarYearView {
  year: number;
  loaded: boolean;
  provisional: boolean;
  notice: string | null;
  source: string | null;
  holidays: YearNotice['holidays'];
  makeupWorkdays: YearNotice['makeupWorkdays'];
  updatedAt: string | null;
}

/** The PUT response: the year, and the recalculation job it queued (GET /calendar/recalculations/:id). */
export interface CalendarChangeView extends CalendarYearView {
  recalculationJobId: number;
}

type Listener = (change: { year: number; before: YearNotice | null; after: YearNotice; jobId: number }) => Promise<void>;

/** The channel a calendar change is announced on (NOTIFY in the changing transaction). */
export const CALENDAR_CHANNEL = 'gid_calendar';

/**
 * Holds the working calendar built from the loaded notices (calendar_years) and rebuilds it
 * when an administrator loads or replaces a year — on this instance at once, on every other
 * instance when PostgreSQL delivers the change's NOTIFY (a connection of its own LISTENs, and
 * reconnects by itself; after a reconnect, and on every timer poll, the table's stamp is compared
 * as well, should a notification have been missed). A change queues a recalculation job of the open
 * cases' deadlines in the same transaction (the worker runs it: src/modules/worker); listeners are told.
 */
@Injectable()
export class CalendarService implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('Calendar');
  private listener: Client | null = null;
  private closing = false;
  private calendar!: WorkingCalendar;
  private notices = new Map<number, StoredYear>();
  private readonly listeners: Listener[] = [];
  private stamp = '';

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly repo: CalendarRepository,
    private readonly jobs: RecalculationJobRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
    await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  /** LISTEN on a connection of its own; on its loss, again a second later (the app keeps serving). */
  private async listen(): Promise<void> {
    if (this.closing || !this.config.databaseUrl) return;
    const c = new Client({ connectionString: this.config.databaseUrl, application_name: 'gov-info-disclosure calendar' });
    let retried = false;
    const retry = () => {
      if (retried || this.closing) return;
      retried = true;
      if (this.listener === c) this.listener = null;
      void c.end().catch(() => undefined);
      setTimeout(() => void this.listen().then(() => this.refreshIfChanged()).catch(() => undefined), 1000).unref();
    };
    c.on('error', retry);
    c.on('end', retry);
    c.on('notification', () => {
      void this.reload().catch((e) => this.log.warn(`calendar reload after a change elsewhere failed: ${e instanceof Error ? e.message : String(e)}`));
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CALENDAR_CHANNEL}`);
      this.listener = c;
    } catch {
      retry();
    }
  }

  onChange(l: Listener): void {
    this.listeners.push(l);
  }

  /** Other instances may have loaded a year: rebuild when the table changed (called by the timer poll). */
  async refreshIfChanged(): Promise<void> {
    const stamp = await this.repo.stamp();
    if (stamp !== this.stamp) await this.reload();
  }

  current(): WorkingCalendar {
    return this.calendar;
  }

  async reload(): Promise<void> {
    this.notices = new Map((await this.repo.years()).map((n) => [n.year, n]));
    this.calendar = new WorkingCalendar([...this.notices.values()]);
    const latest = [...this.notices.values()].map((n) => n.updatedAt).sort().pop() ?? '';
    this.stamp = `${this.notices.size}:${latest}`;
  }

  year(year: number): CalendarYearView {
    const n = this.notices.get(year);
    return {
      year,
      loaded: !!n,
      provisional: !n,
      notice: n?.notice ?? null,
      source: n?.source ?? null,
      holidays: n?.holidays ?? [],
      makeupWorkdays: n?.makeupWorkdays ?? [],
      updatedAt: n?.updatedAt ?? null,
    };
  }

  history(year: number, viewerAgencyId: string) {
    return this.repo.history(year, viewerAgencyId);
  }

  /**
   * Loads or replaces a year's notice (validated), keeps the history, queues the recalculation of
   * every open case's deadlines (a durable job, committed with the calendar write so that a crash
   * can never leave a changed calendar without its recalculation), and tells the listeners.
   */
  async replace(year: number, notice: YearNotice, userId: string): Promise<CalendarChangeView> {
    const errors = validateNotice({ ...notice, year });
    if (errors.length) {
      throw new AppException(400, 'VALIDATION_FAILED', `节假日安排有误：${errors[0].message}`, errors);
    }
    const before = this.notices.get(year) ?? null;
    const after: YearNotice = {
      year,
      notice: notice.notice.trim(),
      source: notice.source.trim(),
      holidays: notice.holidays,
      makeupWorkdays: notice.makeupWorkdays,
    };
    const jobId = await this.db.transaction(async (m) => {
      await this.repo.lockForChange(m);
      await this.repo.upsertYear(m, after, userId);
      const { updatedAt: _u, ...plainBefore } = before ?? ({} as StoredYear);
      await this.repo.insertChange(m, year, before ? 'replace' : 'load', before ? plainBefore : null, after, userId);
      // the other instances rebuild their calendar when this commits
      await m.query(`SELECT pg_notify($1, $2)`, [CALENDAR_CHANNEL, String(year)]);
      return this.jobs.queue(m, year, before ? 'replace' : 'load');
    });
    await this.reload();
    for (const l of this.listeners) await l({ year, before, after, jobId });
    return { ...this.year(year), recalculationJobId: jobId };
  }
}
