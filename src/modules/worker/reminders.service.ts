import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { CalendarService } from '../calendar/calendar.service';
import { KIND_LABEL, TimersService } from '../cases/timers.service';

/**
 * Reminders N working days before a case's nearest deadline (agency setting warningWorkingDays,
 * default 3 and 1), done once per agency per day.
 *
 * Design choice: a daily claim per agency (reminder_runs), not reminder rows in case_timers.
 * Timer rows are armed by CasesService.refreshDerived, which keeps case_timers equal to the case's
 * current deadlines (it deletes every unfired row that is not one of them): reminder rows kept in
 * that table would be wiped at every change of the case, and arming them anywhere else would mean
 * a second writer of the same rows. A reminder is also a day-granular thing (“3 working days
 * before”), so one pass per agency per day is enough:
 *   INSERT INTO reminder_runs (agency_id, day) … ON CONFLICT DO NOTHING RETURNING
 * decides which instance does an agency's reminders that day, and the reminders are written in the
 * same transaction as the claim — a crash before the commit releases the claim, so the day's
 * reminders are neither lost nor written twice (the dedupe_key guards the rows themselves too).
 * Any later poll that day finds the claim rows and does no reminder work at all.
 * Trade-off: a deadline armed after the day's pass is reminded from the next day's pass.
 */
@Injectable()
export class RemindersService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly calendar: CalendarService,
    private readonly timers: TimersService,
  ) {}

  /** Does the reminders of every agency not yet done today. Returns the agencies this instance did. */
  async run(today = this.clock.today()): Promise<number> {
    const pending = await this.db.query(
      `SELECT a.id FROM agencies a
        WHERE NOT EXISTS (SELECT 1 FROM reminder_runs r WHERE r.agency_id = a.id AND r.day = $1)
        ORDER BY a.id`,
      [today],
    );
    let done = 0;
    for (const a of pending) {
      const claimed = await this.db.transaction(async (m) => {
        const won = await m.query(
          `INSERT INTO reminder_runs (agency_id, day) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING agency_id`,
          [a.id, today],
        );
        if (!won.length) return false; // another instance has (or is doing) this agency today
        const n = await this.remindAgency(m, a.id, today);
        await m.query(`UPDATE reminder_runs SET reminders = $3 WHERE agency_id = $1 AND day = $2`, [a.id, today, n]);
        return true;
      });
      if (claimed) done++;
    }
    return done;
  }

  private async remindAgency(m: EntityManager, agencyId: string, today: string): Promise<number> {
    const rows = await m.query(
      `SELECT c.id, c.case_number, c.next_due_kind, to_char(c.next_due, 'YYYY-MM-DD') AS next_due, a.settings
         FROM cases c JOIN agencies a ON a.id = c.agency_id
        WHERE c.agency_id = $2 AND c.next_due IS NOT NULL AND c.next_due >= $1 AND c.next_due <= ($1::date + 45)
          AND c.state NOT IN ('closed', 'archived')`,
      [today, agencyId],
    );
    const cal = this.calendar.current();
    let n = 0;
    for (const r of rows) {
      const left = cal.workingDaysBetween(today, r.next_due);
      const days: number[] = r.settings?.warningWorkingDays ?? [3, 1];
      for (const d of days) {
        if (left > d) continue;
        await this.timers.notify(
          m,
          r.id,
          'warning',
          `案件 ${r.case_number} 的${KIND_LABEL[r.next_due_kind] ?? '期限'}将于${r.next_due}届满（剩余${left}个工作日）`,
          r.next_due,
          `${r.id}:${r.next_due_kind}:${r.next_due}:${d}`,
        );
        n++;
      }
    }
    return n;
  }
}
