import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { formatIsoDate, parseIsoDate } from '../../domain/calendar';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { CalendarService } from '../calendar/calendar.service';
import { CaseRepository, Queryable } from './case.repository';
import { CaseTimerRepository, DueTimerRow } from './case-timer.repository';
import { CasesService } from './cases.service';
import { NotificationRepository } from './notification.repository';

/**
 * Timer kind → the statechart's system event (条例第30、32、34条; 109号). The end of the applicant's
 * correction or fee period only proposes the closure (视为放弃申请): whether the applicant had a good
 * reason is a person's judgement (条例第30条: 无正当理由逾期不补正的), so the timer decides nothing
 * more (legal review finding 7; before it, CORRECTION_PERIOD_EXPIRED / FEE_PERIOD_EXPIRED closed the case).
 */
const SYSTEM_EVENT: Record<string, string | null> = {
  correction_period: 'CORRECTION_PERIOD_LAPSED',
  consultation_period: 'CONSULTATION_EXPIRED',
  fee_period: 'FEE_PERIOD_LAPSED',
  reply: null, // not a transition: the case is marked overdue (条例第33条)
  confirmation: null, // not a transition: the clerks are told an online application awaits confirmation
};

/** What the case owner is told when a period's end proposes a closure: a person decides. */
const CLOSURE_PROPOSED_NOTICE: Record<string, (dueOn: string) => string> = {
  correction_period: (dueOn) =>
    `申请人补正期限已于${dueOn}届满，系统拟视为放弃申请（条例第三十条）：请核实申请人有无正当理由——无正当理由的报批结案意见，有正当理由的记录正当理由并重新计算补正期限`,
  fee_period: (dueOn) =>
    `缴费期限已于${dueOn}届满，系统拟视为放弃申请：请核实申请人有无正当理由——无正当理由的报批结案意见，有正当理由的记录正当理由并重新计算缴费期限`,
};

export const KIND_LABEL: Record<string, string> = {
  correction_period: '申请人补正期限',
  consultation_period: '征求意见答复期限',
  fee_period: '缴费期限',
  reply: '答复期限',
  confirmation: '网上申请确认期限',
};


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
    private readonly timers: CaseTimerRepository,
    private readonly caseRows: CaseRepository,
    private readonly notifications: NotificationRepository,
  ) {}

  get maxAttempts(): number {
    return this.config.timerMaxAttempts ?? 5;
  }

  /**
   * Fires every due timer (after picking up another instance's calendar change). Returns how many fired.
   * First, letters whose 文号 a step reserved but whose issuing a crash interrupted (a registration's
   * 登记回执, CasesService.register) are issued, so that a case's receipt precedes its timers' entries.
   */
  async tick(today = this.clock.today()): Promise<number> {
    await this.calendar.refreshIfChanged();
    await this.cases.issueStaleReservedLetters();
    return this.fireDue(today);
  }

  /**
   * Batches of up to TIMER_BATCH timers, each batch in one transaction (one commit for all: at scale
   * the commits, not the work, bound the rate), TIMER_CONCURRENCY batches at a time (each on its own
   * connection). A batch claims its timers and their cases' rows in one statement, skipping (SKIP
   * LOCKED) every timer whose row or case another transaction holds — a second worker, a clerk's
   * action — which is left for the next poll: a worker never waits for a case, and two timers of one
   * case (which disarm each other) cannot deadlock. When a batch fails it is undone whole, and that
   * worker goes on one timer per transaction for the rest of the poll, so that only the failing timer
   * counts an attempt; a timer that failed in this poll is not claimed again in the same poll (the
   * next poll retries it), so one poll counts at most one attempt per timer.
   */
  async fireDue(today = this.clock.today()): Promise<number> {
    const failed: string[] = [];
    const busy: string[] = [];
    let fired = 0;
    const worker = async (): Promise<void> => {
      let batch = Math.max(1, this.config.timerBatch ?? 1);
      for (;;) {
        if (batch > 1) {
          const claimed: { rows: DueTimerRow[] } = { rows: [] };
          try {
            fired += await this.db.transaction(async (m) => {
              claimed.rows = await this.timers.claimDueBatch(m, today, [...failed, ...busy], batch);
              let n = 0;
              for (const t of claimed.rows) if (await this.fire(m, t, today)) n++;
              return n;
            });
          } catch (e) {
            if (!claimed.rows.length) throw e; // the claim itself failed (database down): the poll fails, logged by the worker
            batch = 1; // undone whole: one per transaction from here on, so that the failing timer is the one counted
            continue;
          }
          if (!claimed.rows.length) return;
          continue;
        }
        let claimed: DueTimerRow | null = null;
        let caseBusy = false;
        try {
          await this.db.transaction(async (m) => {
            const t = await this.timers.claimNextDue(m, today, [...failed, ...busy]);
            if (!t) return;
            claimed = t;
            if (!(await this.timers.tryLockCase(m, t.case_id))) {
              caseBusy = true;
              return;
            }
            await this.fire(m, t, today);
          });
        } catch (e) {
          if (!claimed) throw e; // the claim itself failed (database down): the poll fails, logged by the worker
          failed.push((claimed as DueTimerRow).id);
          await this.recordFailure(claimed, e);
          continue;
        }
        if (!claimed) return;
        if (caseBusy) {
          busy.push((claimed as DueTimerRow).id);
          continue;
        }
        fired++;
      }
    };
    const n = Math.max(1, this.config.timerConcurrency ?? 1);
    await Promise.all(Array.from({ length: n }, worker));
    return fired;
  }

  /** Fires one claimed timer in the caller's transaction; false when an earlier timer of its case in the batch disarmed it. */
  private async fire(m: EntityManager, t: DueTimerRow, today: string): Promise<boolean> {
    if (!(await this.timers.markFired(m, t.id))) return false;
    if (t.late_entry) {
      // Recorded after the period had already run out (backdated entry): not closed by itself.
      await this.notify(m, t.case_id, 'lapsed_on_entry',
        `补录信息显示${KIND_LABEL[t.kind]}已于${t.due_on}届满，系统未自动处理，请人工核实并办理`, t.due_on, `${t.case_id}:lapsed:${t.kind}:${t.ref}:${t.due_on}`);
      return true;
    }
    // The period ends at 24:00 of its last day: the expiry happens on the next day.
    const occurredOn = formatIsoDate(parseIsoDate(t.due_on) + 1);
    const type = SYSTEM_EVENT[t.kind];
    const payload = { timer: t.kind, dueOn: t.due_on, ...(t.ref ? { consultationId: t.ref } : {}) };
    if (t.kind === 'confirmation') {
      // 条例第三十一条第（三）项: an online application is received only when confirmed; one still
      // unconfirmed a working day after it arrived is recorded (the legal audit sees the delay) and
      // the clerks are told. The clock still waits for the confirmation.
      await this.cases.recordSystemFact(m, t.case_id, 'CONFIRMATION_OVERDUE', { timer: t.kind, dueOn: t.due_on }, occurredOn, today);
      await this.notify(m, t.case_id, 'confirmation_overdue',
        `网上申请提交已超过1个工作日（确认期限${t.due_on}）仍未确认收到，请尽快与申请人确认（条例第三十一条第（三）项：以双方确认之日为收到申请之日）`,
        t.due_on, `${t.case_id}:confirmation_overdue:${t.due_on}`);
    } else if (type) {
      const applied = await this.cases.applySystemEvent(m, t.case_id, { type, ...payload }, occurredOn, today);
      const notice = CLOSURE_PROPOSED_NOTICE[t.kind];
      if (applied && notice) {
        await this.notify(m, t.case_id, 'closure_proposed', notice(t.due_on), t.due_on, `${t.case_id}:closure:${t.kind}:${t.due_on}`);
      }
    } else {
      await this.cases.recordSystemFact(m, t.case_id, 'OVERDUE_MARKED', payload, occurredOn, today);
      await this.notify(m, t.case_id, 'overdue', `${KIND_LABEL[t.kind]}已于${t.due_on}届满，案件已逾期`, t.due_on, `${t.case_id}:overdue:${t.due_on}`);
    }
    return true;
  }

  /** Counts a failed attempt; the N-th parks the timer, logs it once and tells the agency's admins. */
  private async recordFailure(t: DueTimerRow, e: unknown): Promise<void> {
    const message = (e instanceof Error ? e.message : String(e)).slice(0, 2000);
    try {
      await this.db.transaction(async (m) => {
        const row = await this.timers.countFailure(m, t.id, message, this.maxAttempts);
        if (!row) return; // fired or parked meanwhile by another instance
        const c = await this.caseRows.label(m, t.case_id);
        if (!row.parked) {
          this.log.warn(`timer ${t.id} (${t.kind}, due ${t.due_on}) of case ${c?.case_number ?? t.case_id} failed (attempt ${row.attempts}/${this.maxAttempts}): ${message}`);
          return;
        }
        this.log.error(`timer ${t.id} (${t.kind}, due ${t.due_on}) of case ${c?.case_number ?? t.case_id} parked after ${row.attempts} failed attempts: ${message}`);
        if (!c) return;
        // To every admin of the agency (role row, as the notifications controller reads them).
        await this.notifications.toAdmins(m, {
          agencyId: c.agency_id,
          caseId: t.case_id,
          kind: 'timer_failed',
          message: `案件 ${c.case_number} 的${KIND_LABEL[t.kind] ?? '期限'}（${t.due_on}届满）系统连续${row.attempts}次处理失败，已停止自动处理，需要人工核实并办理。错误信息：${message.slice(0, 200)}`,
          dueOn: t.due_on,
          dedupeKey: `${t.case_id}:timer_failed:${t.id}`,
        });
      });
    } catch (e2) {
      this.log.error(`could not record the failure of timer ${t.id}: ${e2 instanceof Error ? e2.message : String(e2)}; original error: ${message}`);
    }
  }

  /** To the assignee when there is one, otherwise to every clerk of the agency. */
  async notify(m: Queryable, caseId: string, kind: string, message: string, dueOn: string, key: string) {
    await this.notifications.toCaseOwner(m, { caseId, kind, message, dueOn, dedupeKey: key });
  }
}
