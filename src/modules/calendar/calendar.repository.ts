import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { YearNotice } from '../../domain/calendar';
import type { Queryable } from '../../platform/database/queryable';

export interface StoredYear extends YearNotice {
  updatedAt: string;
}

export interface CalendarChangeRow {
  id: number;
  action: 'load' | 'replace';
  before: YearNotice | null;
  after: YearNotice;
  changedAt: string;
  changedBy: string | null;
}

/** Tables calendar_years (the loaded 节假日安排 notices) and calendar_changes (their history). */
@Injectable()
export class CalendarRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Changes whenever a year is loaded or replaced (count + latest write). */
  async stamp(): Promise<string> {
    const [r] = (await this.db.query(`SELECT count(*)::int AS n, max(updated_at) AS t FROM calendar_years`)) as Array<{ n: number; t: Date | null }>;
    return `${r.n}:${r.t ? new Date(r.t).toISOString() : ''}`;
  }

  async years(): Promise<StoredYear[]> {
    const rows = (await this.db.query(
      `SELECT year, notice, source, holidays, makeup_workdays, updated_at FROM calendar_years ORDER BY year`,
    )) as Array<{ year: number; notice: string; source: string; holidays: YearNotice['holidays']; makeup_workdays: YearNotice['makeupWorkdays']; updated_at: Date }>;
    return rows.map((r) => ({
      year: r.year,
      notice: r.notice,
      source: r.source,
      holidays: r.holidays,
      makeupWorkdays: r.makeup_workdays,
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  }

  /**
   * The year's loads and replacements. The one who made a change is named only when it is a
   * platform operator or a user of the viewer's own agency (entries made by another agency's admin
   * before the calendar became the operator's name nobody).
   */
  async history(year: number, viewerAgencyId: string): Promise<CalendarChangeRow[]> {
    const rows = (await this.db.query(
      `SELECT c.id, c.action, c.before, c.after, c.changed_at,
              CASE WHEN u.agency_id IS NULL OR u.agency_id = $2 THEN u.username END AS username
         FROM calendar_changes c LEFT JOIN users u ON u.id = c.changed_by
        WHERE c.year = $1 ORDER BY c.id`,
      [year, viewerAgencyId],
    )) as Array<{ id: string; action: 'load' | 'replace'; before: YearNotice | null; after: YearNotice; changed_at: Date; username: string | null }>;
    return rows.map((r) => ({
      id: Number(r.id),
      action: r.action,
      before: r.before,
      after: r.after,
      changedAt: new Date(r.changed_at).toISOString(),
      changedBy: r.username ?? null,
    }));
  }

  /** Calendar writes are serialised (one transaction at a time may load or replace a year). */
  async lockForChange(m: Queryable): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('calendar'))`);
  }

  async upsertYear(m: Queryable, notice: YearNotice, userId: string): Promise<void> {
    await m.query(
      `INSERT INTO calendar_years (year, notice, source, holidays, makeup_workdays, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, now(), $6)
       ON CONFLICT (year) DO UPDATE SET notice = EXCLUDED.notice, source = EXCLUDED.source,
         holidays = EXCLUDED.holidays, makeup_workdays = EXCLUDED.makeup_workdays,
         updated_at = now(), updated_by = EXCLUDED.updated_by`,
      [notice.year, notice.notice, notice.source, JSON.stringify(notice.holidays), JSON.stringify(notice.makeupWorkdays), userId],
    );
  }

  async insertChange(m: Queryable, year: number, action: 'load' | 'replace', before: YearNotice | null, after: YearNotice, userId: string): Promise<void> {
    await m.query(`INSERT INTO calendar_changes (year, action, before, after, changed_by) VALUES ($1, $2, $3, $4, $5)`, [
      year,
      action,
      before ? JSON.stringify(before) : null,
      JSON.stringify(after),
      userId,
    ]);
  }
}
