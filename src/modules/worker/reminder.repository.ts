import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Queryable } from '../../platform/database/queryable';

/** An open case whose nearest deadline falls in the next 45 days, with its agency's warning days. */
export interface DueSoon {
  caseId: string;
  caseNumber: string;
  nextDueKind: string;
  nextDue: string;
  warningWorkingDays: number[] | null;
}

/** Table reminder_runs (one claim per agency per day) and the read of the cases to remind. */
@Injectable()
export class ReminderRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Agencies whose reminders nobody has claimed for `day`. */
  async agenciesPending(day: string): Promise<string[]> {
    const rows = (await this.db.query(
      `SELECT a.id FROM agencies a
        WHERE NOT EXISTS (SELECT 1 FROM reminder_runs r WHERE r.agency_id = a.id AND r.day = $1)
        ORDER BY a.id`,
      [day],
    )) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  /** True when this transaction won the agency's reminders for `day`. */
  async claim(m: Queryable, agencyId: string, day: string): Promise<boolean> {
    const won = (await m.query(`INSERT INTO reminder_runs (agency_id, day) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING agency_id`, [
      agencyId,
      day,
    ])) as unknown[];
    return won.length > 0;
  }

  async recordCount(m: Queryable, agencyId: string, day: string, reminders: number): Promise<void> {
    await m.query(`UPDATE reminder_runs SET reminders = $3 WHERE agency_id = $1 AND day = $2`, [agencyId, day, reminders]);
  }

  async dueSoon(m: Queryable, agencyId: string, today: string): Promise<DueSoon[]> {
    const rows = (await m.query(
      `SELECT c.id, c.case_number, c.next_due_kind, to_char(c.next_due, 'YYYY-MM-DD') AS next_due,
              a.settings->'warningWorkingDays' AS warning_working_days
         FROM cases c JOIN agencies a ON a.id = c.agency_id
        WHERE c.agency_id = $2 AND c.next_due IS NOT NULL AND c.next_due >= $1 AND c.next_due <= ($1::date + 45)
          AND c.state NOT IN ('closed', 'archived')`,
      [today, agencyId],
    )) as Array<{ id: string; case_number: string; next_due_kind: string; next_due: string; warning_working_days: number[] | null }>;
    return rows.map((r) => ({
      caseId: r.id,
      caseNumber: r.case_number,
      nextDueKind: r.next_due_kind,
      nextDue: r.next_due,
      warningWorkingDays: r.warning_working_days,
    }));
  }
}
