import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { formatIsoDate, parseIsoDate } from '../../domain/calendar';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { todayInShanghai } from '../../platform/http-errors/validators';
import { CalendarService } from '../calendar/calendar.service';
import { CasesService } from './cases.service';

/** Timer kind → the statechart's system event (条例第30、32、34条; 109号). */
const SYSTEM_EVENT: Record<string, string | null> = {
  correction_period: 'CORRECTION_PERIOD_EXPIRED',
  consultation_period: 'CONSULTATION_EXPIRED',
  fee_period: 'FEE_PERIOD_EXPIRED',
  reply: null, // not a transition: the case is marked overdue
};

const KIND_LABEL: Record<string, string> = {
  correction_period: '申请人补正期限',
  consultation_period: '征求意见答复期限',
  fee_period: '缴费期限',
  reply: '答复期限',
};

/**
 * Durable statutory timers. Deadlines live in case_timers (never in the statechart: XState
 * delays are not re-armed from a persisted snapshot). Each poll claims due rows with
 * FOR UPDATE SKIP LOCKED, so a timer fires exactly once with any number of instances, and a
 * timer that came due while every instance was down fires on the next start.
 * A deadline ends at 24:00 Asia/Shanghai: a timer due on D fires from D+1. A deadline that
 * had already passed when it was recorded (clerks enter yesterday's post, or older files) is not
 * acted on by itself: the assignee or the clerks get a notification and a person decides.
 */
@Injectable()
export class TimersService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Timers');
  private handle: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: CasesService,
    private readonly calendar: CalendarService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.timerPollMs <= 0) return;
    const loop = () => {
      if (this.stopped) return;
      this.running = this.tick()
        .catch((e) => this.log.error(`timer poll failed: ${e instanceof Error ? e.stack : String(e)}`))
        .finally(() => {
          this.running = null;
          // unref: the HTTP server keeps the process alive; a pending poll must never do so alone.
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

  /** One poll: fire every due timer, then write warnings. Returns how many timers fired. */
  async tick(today = todayInShanghai()): Promise<number> {
    await this.calendar.refreshIfChanged();
    let fired = 0;
    for (;;) {
      const n = await this.fireBatch(today);
      fired += n;
      if (n === 0) break;
    }
    await this.warn(today);
    return fired;
  }

  private async fireBatch(today: string): Promise<number> {
    return this.db.transaction(async (m) => {
      const timers = await m.query(
        `SELECT id, case_id, kind, ref, to_char(due_on, 'YYYY-MM-DD') AS due_on, armed_on > due_on AS late_entry
           FROM case_timers
          WHERE fired_at IS NULL AND due_on < $1 ORDER BY due_on, id LIMIT 20 FOR UPDATE SKIP LOCKED`,
        [today],
      );
      for (const t of timers) {
        await m.query(`UPDATE case_timers SET fired_at = now() WHERE id = $1`, [t.id]);
        if (t.late_entry) {
          // Recorded after the period had already run out (backdated entry): not closed by itself.
          await this.notify(m, t.case_id, 'lapsed_on_entry',
            `补录信息显示${KIND_LABEL[t.kind]}已于${t.due_on}届满，系统未自动处理，请人工核实并办理`, t.due_on, `${t.case_id}:lapsed:${t.kind}:${t.ref}:${t.due_on}`);
          continue;
        }
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
      return timers.length;
    });
  }

  /** Reminders N working days before each deadline (agency setting, default 3 and 1). */
  private async warn(today: string): Promise<void> {
    const rows = await this.db.query(
      `SELECT c.id, c.agency_id, c.case_number, c.next_due_kind, to_char(c.next_due, 'YYYY-MM-DD') AS next_due, a.settings
         FROM cases c JOIN agencies a ON a.id = c.agency_id
        WHERE c.next_due IS NOT NULL AND c.next_due >= $1 AND c.next_due <= ($1::date + 45)
          AND c.state NOT IN ('closed', 'archived')`,
      [today],
    );
    const cal = this.calendar.current();
    for (const r of rows) {
      const left = cal.workingDaysBetween(today, r.next_due);
      const days: number[] = r.settings?.warningWorkingDays ?? [3, 1];
      for (const n of days) {
        if (left > n) continue;
        await this.notify(
          this.db.manager,
          r.id,
          'warning',
          `案件 ${r.case_number} 的${KIND_LABEL[r.next_due_kind] ?? '期限'}将于${r.next_due}届满（剩余${left}个工作日）`,
          r.next_due,
          `${r.id}:${r.next_due_kind}:${r.next_due}:${n}`,
        );
      }
    }
  }

  /** To the assignee when there is one, otherwise to every clerk of the agency. */
  private async notify(m: { query: DataSource['query'] }, caseId: string, kind: string, message: string, dueOn: string, key: string) {
    await m.query(
      `INSERT INTO notifications (agency_id, user_id, role, case_id, kind, message, due_on, dedupe_key)
       SELECT c.agency_id, c.assignee_id, CASE WHEN c.assignee_id IS NULL THEN 'clerk' END, c.id, $2, $3, $4, $5
         FROM cases c WHERE c.id = $1
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [caseId, kind, message, dueOn, key],
    );
  }
}
