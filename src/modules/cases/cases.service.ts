import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { toShanghaiDate } from '../../domain/calendar';
import { computeClock } from '../../domain/deadlines';
import { maskIdNumber } from '../../domain/intake';
import { replayCase } from '../../domain/workflow/log';
import { requestFlags } from '../../domain/patterns/request-patterns';
import { AppException, badRequest, conflict, forbidden, notFound } from '../../platform/http-errors/app-exception';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { todayInShanghai } from '../../platform/http-errors/validators';
import { AgenciesService } from '../agencies/agencies.service';
import { AuthUser } from '../auth/auth-user';
import { Agency } from '../agencies/agency.entity';
import { baseContext, CaseFacts, lettersForStep, LetterType, replyFields } from '../../domain/letters';
import type { OutcomeCode } from '../../domain/outcomes/outcomes';
import { LettersService } from '../letters/letters.service';
import { CalendarService } from '../calendar/calendar.service';
import { RegisterCaseDto } from './dto';
import { canonicalJson, eventHash, verifyChain } from './history-chain';
import { intakeFrom } from './intake';
import {
  ActionName,
  ACTION_ROLES,
  allowedActionsFor,
  clockInputFor,
  consultationsView,
  eventFor,
  initialSnapshot,
  summaryOf,
  transitionCase,
} from './workflow-adapter';

export interface CaseRow {
  id: string;
  agency_id: string;
  case_number: string;
  tracking_code: string;
  channel: string;
  arrived_at: Date;
  confirmed_at: Date | null;
  receipt_date: string;
  applicant: any;
  description: string;
  form: string;
  delivery_method: string;
  snapshot: any;
  version: number;
  state: string;
  department_id: string | null;
  assignee_id: string | null;
  reply_due: string | null;
  next_due: string | null;
  overdue: boolean;
  outcome: string | null;
  closed_on: string | null;
  flags: any[];
  created_at: Date;
  idempotency_key: string;
  fee_pauses_clock: boolean;
}

/** A rule's refusal (src/domain/workflow/refusals.ts) as the API's 409: its stable code, message and article. */
function refused(r: { code: string; message: string; article?: string }): AppException {
  return new AppException(409, r.code, r.message, undefined, r.article ? { article: r.article } : undefined);
}

/** Anything that runs SQL: the pool's DataSource, or a transaction's EntityManager. */
type Queryable = Pick<EntityManager, 'query'>;

const CASE_COLUMNS = `id, agency_id, case_number, tracking_code, channel, arrived_at, confirmed_at,
  to_char(receipt_date, 'YYYY-MM-DD') AS receipt_date, applicant, description, form, delivery_method, snapshot, version,
  state, department_id, assignee_id, to_char(reply_due, 'YYYY-MM-DD') AS reply_due,
  to_char(next_due, 'YYYY-MM-DD') AS next_due, overdue, outcome, to_char(closed_on, 'YYYY-MM-DD') AS closed_on, flags,
  created_at, idempotency_key, fee_pauses_clock`;

/** 查询码: 12 characters without look-alikes (no 0/O, 1/I/L). */
function trackingCode(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  const bytes = randomBytes(12);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

@Injectable()
export class CasesService implements OnModuleInit {
  private readonly log = new Logger('Cases');

  onModuleInit(): void {
    // The recalculation is no longer done inside the PUT request: the calendar write queues a
    // durable job (recalculation_jobs, same transaction) that the worker runs case by case
    // (src/modules/worker/recalculation.service.ts → recalculateCase below).
    this.calendar.onChange(async ({ year, jobId }) => {
      this.log.log(`calendar ${year} changed: recalculation job ${jobId} queued for the worker`);
    });
  }

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly calendar: CalendarService,
    private readonly agencies: AgenciesService,
    private readonly letters: LettersService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------- registration (登记)

  async register(user: AuthUser, dto: RegisterCaseDto, idempotencyKey: string | undefined) {
    if (!user.roles.includes('clerk')) throw forbidden('只有登记员可以登记申请');
    const key = idempotencyKey?.trim();
    if (!key || key.length > 200) {
      throw badRequest('缺少 Idempotency-Key 请求头', [{ field: 'Idempotency-Key', message: 'Idempotency-Key 请求头为必填项（不超过 200 个字符）' }]);
    }
    const existing = await this.findByKey(user.agencyId, key);
    if (existing) return this.detail(user, existing);

    const today = this.clock.today();
    const intake = intakeFrom(dto, today);
    try {
      const id = await this.db.transaction(async (m) => {
        const year = Number(intake.receiptDate.slice(0, 4));
        // Gap-free per agency and year: the counter row is locked until this transaction ends.
        const [{ last }] = await m.query(
          `INSERT INTO case_number_counters (agency_id, year, last) VALUES ($1, $2, 1)
           ON CONFLICT (agency_id, year) DO UPDATE SET last = case_number_counters.last + 1 RETURNING last`,
          [user.agencyId, year],
        );
        const caseNumber = `${year}-${String(last).padStart(6, '0')}`;
        const caseId = randomUUID();
        const registeringAgency = await this.agencies.get(user.agencyId, m);
        // Flags inform the clerk; a person decides (条例第35、36、44条).
        const earlier = await m.query(
          `SELECT id, case_number, applicant_key, description, to_char(receipt_date, 'YYYY-MM-DD') AS receipt_date,
                  outcome IS NOT NULL AS answered
             FROM cases WHERE agency_id = $1 AND (applicant_key = $2 OR receipt_date >= $3::date - 180)
            ORDER BY receipt_date DESC LIMIT 500`,
          [user.agencyId, intake.applicantKey, intake.receiptDate],
        );
        const flags = requestFlags(
          { applicantKey: intake.applicantKey, description: intake.description, receiptDate: intake.receiptDate },
          earlier.map((e: any) => ({
            id: e.id,
            caseNumber: e.case_number,
            applicantKey: e.applicant_key,
            description: e.description,
            receiptDate: e.receipt_date,
            answered: e.answered,
          })),
          registeringAgency.settings.monthlyRequestThreshold,
        );
        const snap = initialSnapshot({ caseId, receiptDate: intake.receiptDate });
        const [row] = await m.query(
          `INSERT INTO cases (id, agency_id, year, seq, case_number, tracking_code, idempotency_key, channel, arrived_at,
             confirmed_at, receipt_date, applicant, applicant_name, applicant_key, applicant_category, description, form,
             delivery_method, snapshot, state, created_by, fee_pauses_clock, flags)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23) RETURNING id`,
          [
            caseId,
            user.agencyId, year, last, caseNumber, trackingCode(), key, dto.channel, dto.arrivedAt,
            dto.confirmedAt ?? null, intake.receiptDate, JSON.stringify(intake.applicant), intake.applicant.name,
            intake.applicantKey, intake.applicant.category, intake.description, dto.form, dto.deliveryMethod,
            JSON.stringify(snap.snapshot), snap.state, user.id, registeringAgency.settings.feePausesClock,
            JSON.stringify(flags),
          ],
        );
        await this.appendEvent(m, row.id, 'REGISTERED', {
          channel: dto.channel, arrivedAt: dto.arrivedAt, confirmedAt: dto.confirmedAt ?? null,
          receiptDate: intake.receiptDate, caseNumber, flags,
        }, user.id, toShanghaiDate(dto.arrivedAt));
        const [fresh] = await m.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1`, [row.id]);
        await this.lettersAfter(m, registeringAgency, fresh, 'register', {}, intake.receiptDate, user.id);
        await this.refreshDerived(m, row.id, today);
        return row.id as string;
      });
      return this.detail(user, await this.load(user.agencyId, id));
    } catch (e: any) {
      // A concurrent request with the same key won the race: answer with its case.
      if (e?.code === '23505' && String(e?.constraint ?? '').includes('idempotency')) {
        const again = await this.findByKey(user.agencyId, key);
        if (again) return this.detail(user, again);
      }
      throw e;
    }
  }

  // ---------------------------------------------------------------- actions

  /**
   * One action in one transaction: lock the case, check the version, pure transition, write state +
   * events + letters. With an Idempotency-Key the answer is stored in that same transaction, and the
   * same key on the same case answers it again (a double click, a retry after a timeout) instead of
   * a 409; a key already used for another action is refused.
   */
  async act(user: AuthUser, caseId: string, action: ActionName, dto: Record<string, any>, idempotencyKey?: string) {
    const roles = ACTION_ROLES[action];
    if (!roles.some((r) => user.roles.includes(r))) {
      throw new AppException(403, 'FORBIDDEN_ROLE', `当前角色无权执行“${action}”`);
    }
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(caseId)) throw notFound('案件不存在');
    const key = idempotencyKey?.trim() || null;
    if (key !== null && key.length > 200) {
      throw badRequest('Idempotency-Key 过长', [{ field: 'Idempotency-Key', message: 'Idempotency-Key 请求头不超过 200 个字符' }]);
    }
    const today = this.clock.today();
    const occurredOn: string = dto.occurredOn ?? today;
    if (occurredOn > today) {
      throw badRequest('业务发生日期不能晚于今天', [{ field: 'occurredOn', message: 'occurredOn 不能晚于今天' }]);
    }
    const answered = key ? await this.answeredBefore(this.db, user, caseId, key, action) : null;
    if (answered) return answered;
    return this.db.transaction(async (m) => {
      const [row] = await m.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 AND agency_id = $2 FOR UPDATE`, [
        caseId,
        user.agencyId,
      ]);
      if (!row) throw notFound('案件不存在');
      // A concurrent send with the same key held the lock until it committed: answer with its result.
      const raced = key ? await this.answeredBefore(m, user, caseId, key, action) : null;
      if (raced) return raced;
      if (row.version !== dto.expectedVersion) {
        throw conflict('CASE_VERSION_CONFLICT', `案件已被他人修改（当前版本 ${row.version}），请刷新后重试`, {
          currentVersion: row.version,
        });
      }
      const [last] = await m.query(
        `SELECT to_char(max(occurred_on), 'YYYY-MM-DD') AS d FROM case_events WHERE case_id = $1`,
        [caseId],
      );
      if (last?.d && occurredOn < last.d) {
        throw badRequest(`业务发生日期不能早于上一事件的日期（${last.d}）`, [
          { field: 'occurredOn', message: `occurredOn 不能早于 ${last.d}` },
        ]);
      }
      const agency = await this.agencies.get(user.agencyId, m);
      const clockBefore = this.clockFor(row, occurredOn);
      const event = await eventFor(action, dto, {
        user,
        occurredOn,
        caseRow: row,
        clock: clockBefore,
        db: m,
        agency,
        calendar: this.calendar.current(),
      });
      const result = transitionCase(row.snapshot, event.machineEvent);
      if (!result.ok) throw refused(result.refusal);
      if (action === 'propose' || action === 'on-the-spot-reply') {
        // The reply must be writable from what the handler gave (e.g. 不存在 needs the search performed).
        this.letters.compose(`reply_${dto.outcome}`, {
          ...this.baseFor(agency, row, occurredOn),
          ...replyFields(event.payload as any),
        });
      }
      const upd = await m.query(
        `UPDATE cases SET snapshot = $3, state = $4, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2`,
        [caseId, dto.expectedVersion, JSON.stringify(result.snapshot), result.state],
      );
      if (upd[1] !== 1) throw conflict('CASE_VERSION_CONFLICT', '案件已被他人修改，请刷新后重试');
      await this.appendEvent(m, caseId, event.type, { ...event.payload, actorRoles: [...user.roles] }, user.id, occurredOn);
      const [after] = await m.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1`, [caseId]);
      await this.lettersAfter(m, agency, after, action, event.payload, occurredOn, user.id);
      await this.refreshDerived(m, caseId, today);
      const [fresh] = await m.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1`, [caseId]);
      const view = await this.detail(user, fresh, m);
      if (key) {
        await m.query(
          `INSERT INTO case_action_requests (case_id, idempotency_key, action, actor_id, status, body) VALUES ($1, $2, $3, $4, 200, $5)`,
          [caseId, key, action, user.id, JSON.stringify(view)],
        );
      }
      return view;
    });
  }

  /** The stored answer of an action already done with this Idempotency-Key on this case. */
  private async answeredBefore(q: Queryable, user: AuthUser, caseId: string, key: string, action: ActionName): Promise<unknown> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(caseId)) return null;
    const [r] = await q.query(
      `SELECT r.action, r.body FROM case_action_requests r JOIN cases c ON c.id = r.case_id AND c.agency_id = $3
        WHERE r.case_id = $1 AND r.idempotency_key = $2`,
      [caseId, key, user.agencyId],
    );
    if (!r) return null;
    if (r.action !== action) {
      throw new AppException(400, 'IDEMPOTENCY_KEY_REUSED', `该 Idempotency-Key 已用于本案的“${r.action}”操作，请为新的操作使用新的键`, [
        { field: 'Idempotency-Key', message: `Idempotency-Key 已用于“${r.action}”` },
      ]);
    }
    return JSON.parse(r.body);
  }

  // ---------------------------------------------------------------- system events (timers, recalculation)

  /** A statechart event the system sends by itself (a period expired). Raises the version. */
  async applySystemEvent(m: EntityManager, caseId: string, event: Record<string, any>, occurredOn: string, today: string): Promise<boolean> {
    const [row] = await m.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
    if (!row) return false;
    const result = transitionCase(row.snapshot, { ...event, on: occurredOn, actorId: 'system', actorRoles: [] } as any);
    if (!result.ok) {
      this.log.log(`timer ${event.type} on case ${row.case_number} no longer applies: ${result.reason}`);
      return false;
    }
    await m.query(`UPDATE cases SET snapshot = $2, state = $3, version = version + 1, updated_at = now() WHERE id = $1`, [
      caseId,
      JSON.stringify(result.snapshot),
      result.state,
    ]);
    const { type, ...payload } = event;
    await this.appendEvent(m, caseId, type, payload, null, occurredOn);
    const [after] = await m.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1`, [caseId]);
    await this.lettersAfter(m, await this.agencies.get(after.agency_id, m), after, type, payload, occurredOn, null);
    await this.refreshDerived(m, caseId, today);
    return true;
  }

  /** A fact the system records without a transition (an overdue mark, a recalculated deadline). */
  async recordSystemFact(m: EntityManager, caseId: string, type: string, payload: unknown, occurredOn: string, today: string) {
    await m.query(`UPDATE cases SET version = version + 1, updated_at = now() WHERE id = $1`, [caseId]);
    const [last] = await m.query(`SELECT to_char(max(occurred_on), 'YYYY-MM-DD') AS d FROM case_events WHERE case_id = $1`, [caseId]);
    await this.appendEvent(m, caseId, type, payload, null, last?.d && last.d > occurredOn ? last.d : occurredOn);
    await this.refreshDerived(m, caseId, today);
  }

  /**
   * After a year's calendar is loaded or replaced: every open case's deadlines are recomputed,
   * and each case whose reply deadline moved gets a history entry saying from what to what and why.
   */
  async recalculateAfterCalendarChange(year: number, action: 'load' | 'replace'): Promise<number> {
    // Synchronous form (scripts, benchmarks). The application queues a recalculation job instead,
    // which the worker runs with recalculateCase, one transaction per case.
    const today = todayInShanghai();
    const open = await this.db.query(`SELECT id FROM cases WHERE state NOT IN ('closed', 'archived') ORDER BY id`);
    let moved = 0;
    for (const c of open) {
      if (await this.db.transaction((m) => this.recalculateCase(m, c.id, year, action, today))) moved++;
    }
    return moved;
  }

  /**
   * One case after a calendar change, inside the caller's transaction: its deadlines are recomputed
   * (and its timers re-armed); when the reply deadline moved, a DEADLINES_RECALCULATED history entry
   * says from what to what and why. Returns whether the reply deadline moved; false for a case that
   * is gone or no longer open.
   */
  async recalculateCase(m: EntityManager, caseId: string, year: number, action: 'load' | 'replace', today: string): Promise<boolean> {
    const [row] = await m.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
    if (!row || row.state === 'closed' || row.state === 'archived') return false;
    const clock = this.clockFor(row, today);
    if ((clock.replyDue ?? null) === (row.reply_due ?? null)) {
      await this.refreshDerived(m, caseId, today);
      return false;
    }
    await this.recordSystemFact(
      m,
      caseId,
      'DEADLINES_RECALCULATED',
      {
        deadline: 'replyDue',
        from: row.reply_due,
        to: clock.replyDue,
        reason: `${year}年节假日安排已${action === 'load' ? '载入' : '更新'}，期限重新计算`,
        year,
      },
      today,
      today,
    );
    return true;
  }

  // ---------------------------------------------------------------- letters

  facts(row: CaseRow): CaseFacts {
    return {
      caseNumber: row.case_number,
      trackingCode: row.tracking_code,
      receiptDate: row.receipt_date,
      channel: row.channel,
      description: row.description,
      applicantName: row.applicant?.name ?? '',
      applicantAddress: row.applicant?.address,
      deliveryMethod: row.delivery_method,
    };
  }

  private baseFor(agency: Agency, row: CaseRow, issuedOn: string) {
    return baseContext(agency, this.facts(row), issuedOn, null);
  }

  private async issueLetter(
    m: EntityManager,
    agency: Agency,
    row: CaseRow,
    type: LetterType,
    template: string,
    fields: Record<string, unknown>,
    issuedOn: string,
    userId: string | null,
    replaces?: { id: string; docNumber: string; reason: string },
  ) {
    const letter = await this.letters.issue(m, {
      agency, caseId: row.id, facts: this.facts(row), type, template, fields, issuedOn, userId,
      replacesId: replaces?.id, reason: replaces?.reason,
    });
    await this.appendEvent(m, row.id, 'LETTER_ISSUED', {
      letterId: letter.id,
      type: letter.type,
      variant: letter.variant,
      docNumber: letter.docNumber,
      sha256: letter.sha256,
      ...(replaces ? { replacesId: replaces.id, replacesDocNumber: replaces.docNumber, reason: replaces.reason } : {}),
    }, userId, issuedOn);
    return letter;
  }

  /**
   * A final letter never changes: a correction is a new letter, with a new 文号, that names the one
   * it replaces (approver). It is re-rendered from the case as it is now and the original's facts.
   */
  async reissueLetter(user: AuthUser, letterId: string, reason: string) {
    const today = this.clock.today();
    const caseId = await this.db.transaction(async (m) => {
      const original = await this.letters.original(m, user.agencyId, letterId);
      if (original.replaced) throw new AppException(409, 'LETTER_ALREADY_REPLACED', `文书 ${original.doc_number} 已有更正后的文书`);
      const [row] = await m.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 AND agency_id = $2 FOR UPDATE`, [original.case_id, user.agencyId]);
      const agency = await this.agencies.get(user.agencyId, m);
      await m.query(`UPDATE cases SET version = version + 1, updated_at = now() WHERE id = $1`, [row.id]);
      await this.issueLetter(m, agency, row, original.type, original.variant, original.fields, today, user.id, {
        id: original.id,
        docNumber: original.doc_number,
        reason,
      });
      return row.id as string;
    });
    return this.letters.listForCase(caseId);
  }

  /** The latest proposal's recorded payload (its letter fields beyond the machine's context). */
  private async proposalPayload(m: EntityManager, caseId: string): Promise<any> {
    const [e] = await m.query(
      `SELECT payload FROM case_events WHERE case_id = $1 AND type IN ('PROPOSE', 'ON_THE_SPOT_REPLY') ORDER BY seq DESC LIMIT 1`,
      [caseId],
    );
    return e?.payload ?? null;
  }

  /** Issues, in the step's transaction, the letters the domain's table says the step implies. */
  private async lettersAfter(m: EntityManager, agency: Agency, row: CaseRow, step: string, payload: any, on: string, userId: string | null) {
    const clock = this.clockFor(row, on);
    const s = summaryOf(row.snapshot);
    const [prior] = await m.query(
      `SELECT (SELECT payload FROM case_events WHERE case_id = $1 AND type IN ('PROPOSE', 'ON_THE_SPOT_REPLY') ORDER BY seq DESC LIMIT 1) AS proposal,
              (SELECT doc_number FROM letters WHERE case_id = $1 AND type = 'reply' ORDER BY created_at DESC LIMIT 1) AS reply_doc_number`,
      [row.id],
    );
    const effects = lettersForStep({
      step,
      payload: payload ?? {},
      on,
      caseNumber: row.case_number,
      description: row.description,
      applicantAddress: row.applicant?.address,
      clock,
      consultations: consultationsView(row.snapshot, clock),
      decided: s.decided,
      outcome: (s.outcome as OutcomeCode | null) ?? null,
      proposal: prior?.proposal ?? null,
      replyDocNumber: prior?.reply_doc_number ?? null,
    });
    for (const e of effects) await this.issueLetter(m, agency, row, e.type, e.template, e.fields, on, userId);
  }

  /** The current reply draft with the 草稿 watermark (handlers and approvers), never stored. */
  async previewReply(user: AuthUser, caseId: string): Promise<Buffer> {
    const row = await this.load(user.agencyId, caseId);
    const s = summaryOf(row.snapshot);
    const outcome = s.decision?.outcome ?? s.proposal?.outcome;
    if (!outcome) this.letters.notReady('尚未提出办理意见，暂无答复书草稿');
    const agency = await this.agencies.get(user.agencyId);
    const proposal = (await this.proposalPayload(this.db.manager, caseId)) ?? {};
    return this.letters.draft(agency, this.facts(row), `reply_${outcome}`, replyFields({ ...proposal, outcome }), this.clock.today());
  }

  // ---------------------------------------------------------------- reading

  async load(agencyId: string, caseId: string): Promise<CaseRow> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(caseId)) throw notFound('案件不存在');
    const [row] = await this.db.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 AND agency_id = $2`, [caseId, agencyId]);
    if (!row) throw notFound('案件不存在');
    return row;
  }

  private async findByKey(agencyId: string, key: string): Promise<CaseRow | null> {
    const [row] = await this.db.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE agency_id = $1 AND idempotency_key = $2`, [
      agencyId,
      key,
    ]);
    return row ?? null;
  }

  /** The case's clock; the fee-pause policy captured at registration governs the whole case. */
  clockFor(row: CaseRow, asOf: string) {
    return computeClock(clockInputFor(row.snapshot, row.receipt_date, asOf, row.fee_pauses_clock), this.calendar.current());
  }

  /** The case's view (a typed DTO; never the statechart's persisted snapshot). `q`: a transaction's manager. */
  async detail(user: AuthUser, row: CaseRow, q: Queryable = this.db) {
    const today = this.clock.today();
    const clock = this.clockFor(row, today);
    const history = await this.history(row.id, q);
    return {
      id: row.id,
      caseNumber: row.case_number,
      trackingCode: row.tracking_code,
      state: row.state,
      version: row.version,
      receiptDate: row.receipt_date,
      channel: row.channel,
      arrivedAt: new Date(row.arrived_at).toISOString(),
      confirmedAt: row.confirmed_at ? new Date(row.confirmed_at).toISOString() : null,
      applicant: row.applicant,
      description: row.description,
      form: row.form,
      deliveryMethod: row.delivery_method,
      departmentId: row.department_id,
      assigneeId: row.assignee_id,
      outcome: row.outcome,
      closedOn: row.closed_on,
      flags: row.flags,
      allowedActions: allowedActionsFor(row.snapshot, user, today, clock.replyDue),
      deadlines: {
        correctionNoticeDue: clock.correctionNoticeDue,
        replyDue: clock.replyDue,
        provisional: clock.provisional,
        remainingWorkingDays: clock.remainingWorkingDays,
        overdue: clock.overdue,
        ledger: clock.ledger,
        consultationDues: clock.consultationDues,
        applicantCorrectionDue: clock.applicantCorrectionDue ?? null,
      },
      consultations: consultationsView(row.snapshot, clock),
      summary: summaryOf(row.snapshot),
      letters: await this.letters.listForCase(row.id, q),
      history,
      createdAt: new Date(row.created_at).toISOString(),
    };
  }

  async history(caseId: string, q: Queryable = this.db) {
    const rows = await q.query(
      `SELECT e.seq, e.type, e.payload, e.actor_id, u.username, u.display_name, to_char(e.occurred_on, 'YYYY-MM-DD') AS occurred_on,
              e.recorded_at, e.hash
         FROM case_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.case_id = $1 ORDER BY e.seq`,
      [caseId],
    );
    return rows.map((r: any) => ({
      seq: r.seq,
      type: r.type,
      payload: r.payload,
      actor: r.actor_id ? { id: r.actor_id, username: r.username, displayName: r.display_name } : null,
      occurredOn: r.occurred_on,
      recordedAt: new Date(r.recorded_at).toISOString(),
      hash: r.hash,
    }));
  }

  /**
   * The history checked three ways: the hash chain, the chain's head kept on the case row (a
   * deleted tail or a rewritten event no longer reaches it), and the replay of the statechart
   * entries, which must give exactly the stored state.
   */
  async verify(agencyId: string, caseId: string) {
    await this.load(agencyId, caseId);
    const [c] = await this.db.query(`SELECT snapshot, state, head_seq, head_hash FROM cases WHERE id = $1`, [caseId]);
    const rows = await this.db.query(
      `SELECT case_id, seq, type, payload, actor_id, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, recorded_at, prev_hash, hash
         FROM case_events WHERE case_id = $1 ORDER BY seq`,
      [caseId],
    );
    const events = rows.map((r: any) => ({
      caseId: r.case_id,
      seq: r.seq,
      type: r.type,
      payload: r.payload,
      actorId: r.actor_id,
      occurredOn: r.occurred_on,
      recordedAt: new Date(r.recorded_at).toISOString(),
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    const chain = verifyChain(events);
    const last = events[events.length - 1];
    const headMatches = c.head_seq === events.length && (c.head_hash ?? null) === (last?.hash ?? null);
    const replay = replayCase(caseId, events);
    const replayMatches = replay.ok && replay.state === c.state && canonicalJson(replay.snapshot) === canonicalJson(c.snapshot);
    const problems: string[] = [];
    if (!chain.intact) problems.push(`第 ${chain.brokenAt} 条：${chain.reason}`);
    if (!headMatches) {
      problems.push(
        c.head_seq > events.length
          ? `历史记录应有 ${c.head_seq} 条，现仅有 ${events.length} 条（末尾记录缺失）`
          : '历史记录与案件上保存的链头不一致（记录被改写或删除）',
      );
    }
    if (!replay.ok) problems.push(replay.reason);
    else if (!replayMatches) problems.push('按历史记录重放得到的状态与案件保存的状态不一致');
    return {
      intact: chain.intact && headMatches,
      events: events.length,
      head: c.head_hash ?? '',
      headSeq: c.head_seq,
      replayMatches,
      ...(chain.intact ? {} : { brokenAt: chain.brokenAt, reason: chain.reason }),
      problems,
    };
  }

  async list(user: AuthUser, q: Record<string, any>) {
    const where: string[] = ['c.agency_id = $1'];
    const params: unknown[] = [user.agencyId];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.state) add('c.state = ?', q.state);
    if (q.departmentId) add('c.department_id = ?', q.departmentId);
    if (q.assigneeId) add('c.assignee_id = ?', q.assigneeId);
    if (q.applicant) add(`c.applicant_name ILIKE '%' || ? || '%'`, q.applicant);
    if (q.text) {
      params.push(q.text);
      const p = `$${params.length}`;
      where.push(`(c.description ILIKE '%' || ${p} || '%' OR c.case_number ILIKE '%' || ${p} || '%')`);
    }
    if (q.receivedFrom) add('c.receipt_date >= ?', q.receivedFrom);
    if (q.receivedTo) add('c.receipt_date <= ?', q.receivedTo);
    if (q.dueBefore) add('c.next_due <= ?', q.dueBefore);
    if (q.overdue !== undefined) add('c.overdue = ?', q.overdue);
    if (q.outcome) add('c.outcome = ?', q.outcome);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const whereSql = where.join(' AND ');
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM cases c WHERE ${whereSql}`, params);
    const rows = await this.db.query(
      `SELECT c.id, c.case_number, c.state, c.version, to_char(c.receipt_date, 'YYYY-MM-DD') AS receipt_date,
              c.applicant_name, c.applicant->>'idNumber' AS id_number, c.applicant_category, c.department_id, c.assignee_id,
              to_char(c.reply_due, 'YYYY-MM-DD') AS reply_due, to_char(c.next_due, 'YYYY-MM-DD') AS next_due, c.next_due_kind,
              c.overdue, c.provisional, c.outcome, left(c.description, 120) AS description
         FROM cases c WHERE ${whereSql}
        ORDER BY c.next_due ASC NULLS LAST, c.receipt_date ASC, c.case_number ASC
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return {
      items: rows.map((r: any) => ({
        id: r.id,
        caseNumber: r.case_number,
        state: r.state,
        version: r.version,
        receiptDate: r.receipt_date,
        applicantName: r.applicant_name,
        applicantIdNumber: maskIdNumber(r.id_number ?? ''),
        applicantCategory: r.applicant_category,
        departmentId: r.department_id,
        assigneeId: r.assignee_id,
        replyDue: r.reply_due,
        nextDue: r.next_due,
        nextDueKind: r.next_due_kind,
        overdue: r.overdue,
        provisional: r.provisional,
        outcome: r.outcome,
        description: r.description,
      })),
      total,
      page,
      pageSize,
    };
  }

  // ---------------------------------------------------------------- internals

  async appendEvent(m: EntityManager, caseId: string, type: string, payload: unknown, actorId: string | null, occurredOn: string) {
    // The head on the case row is read and written in this transaction (the row is ours: inserted
    // or locked FOR UPDATE by the caller), so a deleted tail or a rewritten event shows in verify.
    const [head] = await m.query(`SELECT head_seq, head_hash FROM cases WHERE id = $1`, [caseId]);
    const prev = head ? { seq: head.head_seq as number, hash: head.head_hash as string | null } : null;
    const seq = (prev?.seq ?? 0) + 1;
    const recordedAt = this.clock.now().toISOString();
    const content = { caseId, seq, type, payload: payload ?? {}, actorId, occurredOn, recordedAt };
    const hash = eventHash(prev?.hash ?? null, content);
    await m.query(
      `INSERT INTO case_events (case_id, seq, type, payload, actor_id, occurred_on, recorded_at, prev_hash, hash)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [caseId, seq, type, JSON.stringify(payload ?? {}), actorId, occurredOn, recordedAt, prev?.hash ?? null, hash],
    );
    await m.query(`UPDATE cases SET head_seq = $2, head_hash = $3 WHERE id = $1`, [caseId, seq, hash]);
    return seq;
  }

  /** Denormalised worklist columns and the durable timers follow from the snapshot and the clock. */
  async refreshDerived(m: EntityManager, caseId: string, today: string): Promise<void> {
    const [row] = await m.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1`, [caseId]);
    const clock = this.clockFor(row, today);
    const s = summaryOf(row.snapshot);
    const open = !s.closed;
    const dues: Array<{ kind: string; ref: string; due: string }> = [];
    if (open) {
      if (s.awaitingCorrection && clock.applicantCorrectionDue) dues.push({ kind: 'correction_period', ref: '', due: clock.applicantCorrectionDue });
      for (const c of clock.consultationDues ?? []) {
        if (c.open) dues.push({ kind: 'consultation_period', ref: String(c.id), due: c.due });
      }
      for (const f of clock.feePaymentDues ?? []) {
        if (f.open) dues.push({ kind: 'fee_period', ref: '', due: f.due });
      }
      if (clock.replyDue && !s.decided) dues.push({ kind: 'reply', ref: '', due: clock.replyDue });
    }
    const next = dues.map((d) => d).sort((a, b) => (a.due < b.due ? -1 : 1))[0];
    await m.query(
      `UPDATE cases SET department_id = $2, assignee_id = $3, reply_due = $4, next_due = $5, next_due_kind = $6,
                        provisional = $7, overdue = $8, outcome = $9, closed_on = $10
        WHERE id = $1`,
      [
        caseId,
        s.departmentId ?? null,
        s.assigneeId ?? null,
        clock.replyDue ?? null,
        next?.due ?? null,
        next?.kind ?? null,
        !!clock.provisional,
        open && !s.decided && !!clock.overdue,
        s.outcome ?? null,
        s.closedOn ?? null,
      ],
    );
    // Timers follow the current deadlines; an unchanged one keeps the day it was armed.
    await m.query(
      `DELETE FROM case_timers t WHERE t.case_id = $1 AND t.fired_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS d(kind text, ref text, due date)
                           WHERE d.kind = t.kind AND d.ref = t.ref AND d.due = t.due_on)`,
      [caseId, JSON.stringify(dues)],
    );
    for (const d of dues) {
      await m.query(
        `INSERT INTO case_timers (case_id, kind, ref, due_on, armed_on) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [caseId, d.kind, d.ref, d.due, today],
      );
    }
  }
}
