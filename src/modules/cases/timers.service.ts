import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { formatIsoDate, parseIsoDate } from '../../domain/calendar';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { CalendarService } from '../calendar/calendar.service';
import { CasesService } from './cases.service';

/** Timer kind → the statechart's system event (条例第30、32、34条; 109号). */
const SYSTEM_EVENT: Record<string, string | null> = {
  correction_period: 'CORRECTION_PERIOD_EXPIRED',
  consultation_period: 'CONSULTATION_EXPIRED',
  fee_period: 'FEE_PERIOD_EXPIRED',
  reply: null, // not a transition: the case is marked overdue (条例第33条)
};

export const KIND_LABEL: Record<string, string> = {
  correction_period: '申请人补正期限',
  consultation_period: '征求意见答复期限',
  fee_period: '缴费期限',
  reply: '答复期限',
};

interface DueTimer {
  id: string;
  case_id: string;
  kind: string;
  ref: string;
  due_on: string;
  late_entry: boolean;
}

type Querier = { query: DataSource['query'] };

/**
 * Durable statutory timers. Deadlines live in case_timers (never in the statechart: XState
 * delays are not re-armed from a persisted snapshot). The worker (src/modules/worker) polls:
 * each due timer is claimed with FOR UPDATE SKIP LOCKED and fired in its own transaction, so a
 * timer fires exactly once with any number of instances, a timer that came due while every
 * instance was down fires on the next start, and one timer that fails cannot hold back the others.
 * A failure is counted (attempts, last_error) in a separate transaction; after TIMER_MAX_ATTEMPTS
 * failures the timer is parked (never claimed again) and the agency's admins are told.
 * A deadline ends at 24:00 Asia/Shanghai: a timer due on D fires from D+1. A deadline that
 * had already passed when it was recorded (clerks enter yesterday's post, or older files) is not
 * acted on by itself: the assignee or the clerks get a notification and a person decides.
 */
@Injectable()
export class TimersService {
  private readonly log = new Logger('Timers');

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cases: CasesService,
    private readonly calendar: CalendarService,
  ) {}

  get maxAttempts(): number {
    return this.config.timerMaxAttempts ?? 5;
  }

  /** Fires every due timer (after picking up another instance's calendar change). Returns how many fired. */
  async tick(today = this.clock.today()): Promise<number> {
    await this.calendar.refreshIfChanged();
    return this.fireDue(today);
  }

  /**
   * One transaction per timer. A timer that failed in this poll is not claimed again in the same
   * poll (the next poll retries it), so one poll counts at most one attempt per timer.
   */
  async fireDue(today = this.clock.today()): Promise<number> {
    const failed: string[] = [];
    let fired = 0;
    for (;;) {
      let claimed: DueTimer | null = null;
      try {
        await this.db.transaction(async (m) => {
          const [t] = await m.query(
            `SELECT id, case_id, kind, ref, to_char(due_on, 'YYYY-MM-DD') AS due_on, armed_on > due_on AS late_entry
               FROM case_timers
              WHERE fired_at IS NULL AND parked_at IS NULL AND due_on < $1 AND NOT (id = ANY($2::bigint[]))
              ORDER BY due_on, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
            [today, failed],
          );
          if (!t) return;
          claimed = t;
          await this.fire(m, t, today);
        });
      } catch (e) {
        if (!claimed) throw e; // the claim itself failed (database down): the poll fails, logged by the worker
        failed.push((claimed as DueTimer).id);
        await this.recordFailure(claimed, e);
        continue;
      }
      if (!claimed) return fired;
      fired++;
    }
  }

  private async fire(m: EntityManager, t: DueTimer, today: string): Promise<void> {
    await m.query(`UPDATE case_timers SET fired_at = now() WHERE id = $1`, [t.id]);
    if (t.late_entry) {
      // Recorded after the period had already run out (backdated entry): not closed by itself.
      await this.notify(m, t.case_id, 'lapsed_on_entry',
        `补录信息显示${KIND_LABEL[t.kind]}已于${t.due_on}届满，系统未自动处理，请人工核实并办理`, t.due_on, `${t.case_id}:lapsed:${t.kind}:${t.ref}:${t.due_on}`);
      return;
    }
    // The period ends at 24:00 of its last day: the expiry happens on the next day.
    const occurredOn = formatIsoDate(parseIsoDate(t.due_on) + 1);
    const type = SYSTEM_EVENT[t.kind];
    const payload = { timer: t.kind, dueOn: t.due_on, ...(t.ref ? { consultationId: t.ref } : {}) };
    if (type) {
      await this.cases.applySystemEvent(m, t.case_id, { type, ...payload }, occurredOn, today);
    } else {
      await this.cases.recordSystemFact(m, t.case_id, 'OVERDUE_MARKED', payload, occurredOn, today);
      await this.notify(m, t.case_id, 'overdue', `${KIND_LABEL[t.kind]}已于${t.due_on}届满，案件已逾期`, t.due_on, `${t.case_id}:overdue:${t.due_on}`);
    }
  }

  /** Counts a failed attempt; the N-th parks the timer, logs it once and tells the agency's admins. */
  private async recordFailure(t: DueTimer, e: unknown): Promise<void> {
    const message = (e instanceof Error ? e.message : String(e)).slice(0, 2000);
    try {
      await this.db.transaction(async (m) => {
        const [r] = await m.query(
          `UPDATE case_timers SET attempts = attempts + 1, last_error = $2,
                  parked_at = CASE WHEN attempts + 1 >= $3 THEN now() END
            WHERE id = $1 AND fired_at IS NULL AND parked_at IS NULL
            RETURNING attempts, parked_at IS NOT NULL AS parked`,
          [t.id, message, this.maxAttempts],
        );
        const row = Array.isArray(r) ? r[0] : r; // UPDATE … RETURNING: [rows, count]
        if (!row) return; // fired or parked meanwhile by another instance
        const [c] = await m.query(`SELECT agency_id, case_number FROM cases WHERE id = $1`, [t.case_id]);
        if (!row.parked) {
          this.log.warn(`timer ${t.id} (${t.kind}, due ${t.due_on}) of case ${c?.case_number ?? t.case_id} failed (attempt ${row.attempts}/${this.maxAttempts}): ${message}`);
          return;
        }
        this.log.error(`timer ${t.id} (${t.kind}, due ${t.due_on}) of case ${c?.case_number ?? t.case_id} parked after ${row.attempts} failed attempts: ${message}`);
        if (!c) return;
        // To every admin of the agency (role row, as the notifications controller reads them).
        await m.query(
          `INSERT INTO notifications (agency_id, user_id, role, case_id, kind, message, due_on, dedupe_key)
           VALUES ($1, NULL, 'admin', $2, 'timer_failed', $3, $4, $5)
           ON CONFLICT (dedupe_key) DO NOTHING`,
          [
            c.agency_id,
            t.case_id,
            `案件 ${c.case_number} 的${KIND_LABEL[t.kind] ?? '期限'}（${t.due_on}届满）系统连续${row.attempts}次处理失败，已停止自动处理，需要人工核实并办理。错误信息：${message.slice(0, 200)}`,
            t.due_on,
            `${t.case_id}:timer_failed:${t.id}`,
          ],
        );
      });
    } catch (e2) {
      this.log.error(`could not record the failure of timer ${t.id}: ${e2 instanceof Error ? e2.message : String(e2)}; original error: ${message}`);
    }
  }

  /** To the assignee when there is one, otherwise to every clerk of the agency. */
  async notify(m: Querier, caseId: string, kind: string, message: string, dueOn: string, key: string) {
    await m.query(
      `INSERT INTO notifications (agency_id, user_id, role, case_id, kind, message, due_on, dedupe_key)
       SELECT c.agency_id, c.assignee_id, CASE WHEN c.assignee_id IS NULL THEN 'clerk' END, c.id, $2, $3, $4, $5
         FROM cases c WHERE c.id = $1
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [caseId, kind, message, dueOn, key],
    );
  }
}
