import { Injectable } from '@nestjs/common';
import type { Queryable } from './case.repository';

/** A timer claimed for firing (case_timers). */
export interface DueTimerRow {
  id: string;
  case_id: string;
  kind: string;
  ref: string;
  /** YYYY-MM-DD */
  due_on: string;
  /** Armed after its due day had passed (a backdated entry). */
  late_entry: boolean;
}

/** A deadline a timer is armed for. */
export interface TimerDue {
  kind: string;
  ref: string;
  due: string;
}

/** All SQL on case_timers. Every method runs in the caller's transaction. */
@Injectable()
export class CaseTimerRepository {
  /** Claims the next due timer (FOR UPDATE SKIP LOCKED), leaving out the ones that failed in this poll. */
  async claimNextDue(m: Queryable, today: string, exclude: readonly string[]): Promise<DueTimerRow | null> {
    const [t] = await m.query(
      `SELECT id, case_id, kind, ref, to_char(due_on, 'YYYY-MM-DD') AS due_on, armed_on > due_on AS late_entry
         FROM case_timers
        WHERE fired_at IS NULL AND parked_at IS NULL AND due_on < $1 AND NOT (id = ANY($2::bigint[]))
        ORDER BY due_on, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [today, exclude],
    );
    return (t as DueTimerRow | undefined) ?? null;
  }

  /**
   * Claims up to `limit` due timers together with their cases' rows, skipping every timer whose row
   * or whose case another transaction holds (it is left for the next poll), in one statement.
   */
  async claimDueBatch(m: Queryable, today: string, exclude: readonly string[], limit: number): Promise<DueTimerRow[]> {
    return (await m.query(
      `SELECT t.id, t.case_id, t.kind, t.ref, to_char(t.due_on, 'YYYY-MM-DD') AS due_on, t.armed_on > t.due_on AS late_entry
         FROM case_timers t JOIN cases c ON c.id = t.case_id
        WHERE t.fired_at IS NULL AND t.parked_at IS NULL AND t.due_on < $1 AND NOT (t.id = ANY($2::bigint[]))
        ORDER BY t.due_on, t.id LIMIT $3
          FOR UPDATE OF t, c SKIP LOCKED`,
      [today, exclude, limit],
    )) as DueTimerRow[];
  }

  /** Locks the case row for the firing transaction, or false at once when another transaction holds it. */
  async tryLockCase(m: Queryable, caseId: string): Promise<boolean> {
    const rows = await m.query(`SELECT 1 FROM cases WHERE id = $1 FOR UPDATE SKIP LOCKED`, [caseId]);
    return rows.length > 0;
  }

  /** Marks the timer fired; false when it is gone (disarmed by an earlier timer of its case in the same batch). */
  async markFired(m: Queryable, timerId: string): Promise<boolean> {
    const r = await m.query(`UPDATE case_timers SET fired_at = now() WHERE id = $1 AND fired_at IS NULL RETURNING id`, [timerId]);
    const rows = Array.isArray(r) && Array.isArray(r[0]) ? r[0] : r; // UPDATE … RETURNING: [rows, count]
    return rows.length > 0;
  }

  /**
   * Counts a failed attempt; the `maxAttempts`-th parks the timer. Null when the timer was fired or
   * parked meanwhile (by another instance).
   */
  async countFailure(m: Queryable, timerId: string, message: string, maxAttempts: number): Promise<{ attempts: number; parked: boolean } | null> {
    const r = await m.query(
      `UPDATE case_timers SET attempts = attempts + 1, last_error = $2,
              parked_at = CASE WHEN attempts + 1 >= $3 THEN now() END
        WHERE id = $1 AND fired_at IS NULL AND parked_at IS NULL
        RETURNING attempts, parked_at IS NOT NULL AS parked`,
      [timerId, message, maxAttempts],
    );
    const rows = Array.isArray(r) && Array.isArray(r[0]) ? r[0] : r; // UPDATE … RETURNING: [rows, count]
    return (rows[0] as { attempts: number; parked: boolean } | undefined) ?? null;
  }

  /**
   * The case's unfired timers become exactly `dues`, in one statement: the others are deleted, a
   * missing one is armed today, and an unchanged one keeps the day it was armed. (The DELETE and the
   * INSERT see the same snapshot; the rows they touch never overlap: a deleted timer is not one of
   * `dues`, an inserted one is.)
   */
  async rearm(m: Queryable, caseId: string, dues: readonly TimerDue[], armedOn: string): Promise<void> {
    await m.query(
      `WITH d AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS d(kind text, ref text, due date)),
            disarmed AS (
              DELETE FROM case_timers t WHERE t.case_id = $1 AND t.fired_at IS NULL
                 AND NOT EXISTS (SELECT 1 FROM d WHERE d.kind = t.kind AND d.ref = t.ref AND d.due = t.due_on))
       INSERT INTO case_timers (case_id, kind, ref, due_on, armed_on)
       SELECT $1, d.kind, d.ref, d.due, $3 FROM d
       ON CONFLICT DO NOTHING`,
      [caseId, JSON.stringify(dues), armedOn],
    );
  }
}
