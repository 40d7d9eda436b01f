import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ReminderRepository } from './reminder.repository';
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
    private readonly repo: ReminderRepository,
  ) {}

  /** Does the reminders of every agency not yet done today. Returns the agencies this instance did. */
  async run(today = this.clock.today()): Promise<number> {
    const pending = await this.repo.agenciesPending(today);
    let done = 0;
    for (const agencyId of pending) {
      const claimed = await this.db.transaction(async (m) => {
        // false: another instance has (or is doing) this agency today
        if (!(await this.repo.claim(m, agencyId, today))) return false;
        const n = await this.remindAgency(m, agencyId, today);
        await this.repo.recordCount(m, agencyId, today, n);
        return true;
      });
      if (claimed) done++;
    }
    return done;
  }

  private async remindAgency(m: EntityManager, agencyId: string, today: string): Promise<number> {
    const rows = await this.repo.dueSoon(m, agencyId, today);
    const cal = this.calendar.current();
    let n = 0;
    for (const r of rows) {
      const left = cal.workingDaysBetween(today, r.nextDue);
      const days = r.warningWorkingDays ?? [3, 1];
      for (const d of days) {
        if (left > d) continue;
        await this.timers.notify(
          m,
          r.caseId,
          'warning',
          `案件 ${r.caseNumber} 的${KIND_LABEL[r.nextDueKind] ?? '期限'}将于${r.nextDue}届满（剩余${left}个工作日）`,
          r.nextDue,
          `${r.caseId}:${r.nextDueKind}:${r.nextDue}:${d}`,
        );
        n++;
      }
    }
    return n;
  }
}
