import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkingCalendar, YearNotice, validateNotice } from '../../domain/calendar';
import { AppException } from '../../platform/http-errors/app-exception';

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

/**
 * Holds the working calendar built from the loaded notices (calendar_years) and rebuilds it
 * when an administrator loads or replaces a year. A change queues a recalculation job of the open
 * cases' deadlines in the same transaction (the worker runs it: src/modules/worker); listeners are told.
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  private calendar!: WorkingCalendar;
  private notices = new Map<number, YearNotice & { updatedAt: string }>();
  private readonly listeners: Listener[] = [];
  private stamp = '';

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  onChange(l: Listener): void {
    this.listeners.push(l);
  }

  /** Other instances may have loaded a year: rebuild when the table changed (called by the timer poll). */
  async refreshIfChanged(): Promise<void> {
    const [r] = await this.db.query(`SELECT count(*)::int AS n, max(updated_at) AS t FROM calendar_years`);
    const stamp = `${r.n}:${r.t ? new Date(r.t).toISOString() : ''}`;
    if (stamp !== this.stamp) await this.reload();
  }

  current(): WorkingCalendar {
    return this.calendar;
  }

  async reload(): Promise<void> {
    const rows = await this.db.query(
      `SELECT year, notice, source, holidays, makeup_workdays, updated_at FROM calendar_years ORDER BY year`,
    );
    this.notices = new Map(
      rows.map((r: any) => [
        r.year,
        {
          year: r.year,
          notice: r.notice,
          source: r.source,
          holidays: r.holidays,
          makeupWorkdays: r.makeup_workdays,
          updatedAt: new Date(r.updated_at).toISOString(),
        },
      ]),
    );
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

  async history(year: number) {
    const rows = await this.db.query(
      `SELECT c.id, c.action, c.before, c.after, c.changed_at, u.username
         FROM calendar_changes c LEFT JOIN users u ON u.id = c.changed_by
        WHERE c.year = $1 ORDER BY c.id`,
      [year],
    );
    return rows.map((r: any) => ({
      id: Number(r.id),
      action: r.action,
      before: r.before,
      after: r.after,
      changedAt: new Date(r.changed_at).toISOString(),
      changedBy: r.username ?? null,
    }));
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
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('calendar'))`);
      await m.query(
        `INSERT INTO calendar_years (year, notice, source, holidays, makeup_workdays, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, now(), $6)
         ON CONFLICT (year) DO UPDATE SET notice = EXCLUDED.notice, source = EXCLUDED.source,
           holidays = EXCLUDED.holidays, makeup_workdays = EXCLUDED.makeup_workdays,
           updated_at = now(), updated_by = EXCLUDED.updated_by`,
        [year, after.notice, after.source, JSON.stringify(after.holidays), JSON.stringify(after.makeupWorkdays), userId],
      );
      const { updatedAt: _u, ...plainBefore } = (before ?? {}) as any;
      await m.query(
        `INSERT INTO calendar_changes (year, action, before, after, changed_by) VALUES ($1, $2, $3, $4, $5)`,
        [year, before ? 'replace' : 'load', before ? JSON.stringify(plainBefore) : null, JSON.stringify(after), userId],
      );
      const [job] = await m.query(
        `INSERT INTO recalculation_jobs (year, action, total)
         SELECT $1, $2, count(*)::int FROM cases WHERE state NOT IN ('closed', 'archived')
         RETURNING id`,
        [year, before ? 'replace' : 'load'],
      );
      return Number(job.id);
    });
    await this.reload();
    for (const l of this.listeners) await l({ year, before, after, jobId });
    return { ...this.year(year), recalculationJobId: jobId };
  }
}
