import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { toShanghaiDate } from '../../domain/calendar';
import { computeClock } from '../../domain/deadlines';
import { maskIdNumber } from '../../domain/intake';
import { AppException, badRequest, conflict, forbidden, notFound } from '../../platform/http-errors/app-exception';
import { todayInShanghai } from '../../platform/http-errors/validators';
import { AgenciesService } from '../agencies/agencies.service';
import { AuthUser } from '../auth/auth-user';
import { CalendarService } from '../calendar/calendar.service';
import { RegisterCaseDto } from './dto';
import { eventHash, verifyChain } from './history-chain';
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
}

const CASE_COLUMNS = `id, agency_id, case_number, tracking_code, channel, arrived_at, confirmed_at,
  to_char(receipt_date, 'YYYY-MM-DD') AS receipt_date, applicant, description, form, delivery_method, snapshot, version,
  state, department_id, assignee_id, to_char(reply_due, 'YYYY-MM-DD') AS reply_due,
  to_char(next_due, 'YYYY-MM-DD') AS next_due, overdue, outcome, to_char(closed_on, 'YYYY-MM-DD') AS closed_on, flags,
  created_at, idempotency_key`;

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
    this.calendar.onChange(async ({ year, before }) => {
      const n = await this.recalculateAfterCalendarChange(year, before ? 'replace' : 'load');
      this.log.log(`calendar ${year} changed: ${n} open case(s) had their reply deadline moved`);
    });
  }

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly calendar: CalendarService,
    private readonly agencies: AgenciesService,
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

    const today = todayInShanghai();
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
        const snap = initialSnapshot({ caseId, receiptDate: intake.receiptDate });
        const [row] = await m.query(
          `INSERT INTO cases (id, agency_id, year, seq, case_number, tracking_code, idempotency_key, channel, arrived_at,
             confirmed_at, receipt_date, applicant, applicant_name, applicant_key, applicant_category, description, form,
             delivery_method, snapshot, state, created_by)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21) RETURNING id`,
          [
            caseId,
            user.agencyId, year, last, caseNumber, trackingCode(), key, dto.channel, dto.arrivedAt,
            dto.confirmedAt ?? null, intake.receiptDate, JSON.stringify(intake.applicant), intake.applicant.name,
            intake.applicantKey, intake.applicant.category, intake.description, dto.form, dto.deliveryMethod,
            JSON.stringify(snap.snapshot), snap.state, user.id,
          ],
        );
        await this.appendEvent(m, row.id, 'REGISTERED', {
          channel: dto.channel, arrivedAt: dto.arrivedAt, confirmedAt: dto.confirmedAt ?? null,
          receiptDate: intake.receiptDate, caseNumber,
        }, user.id, toShanghaiDate(dto.arrivedAt));
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

  async act(user: AuthUser, caseId: string, action: ActionName, dto: Record<string, any>) {
    const roles = ACTION_ROLES[action];
    if (!roles.some((r) => user.roles.includes(r))) {
      throw new AppException(403, 'FORBIDDEN_ROLE', `当前角色无权执行“${action}”`);
    }
    const today = todayInShanghai();
    const occurredOn: string = dto.occurredOn ?? today;
    if (occurredOn > today) {
      throw badRequest('业务发生日期不能晚于今天', [{ field: 'occurredOn', message: 'occurredOn 不能晚于今天' }]);
    }
    await this.db.transaction(async (m) => {
      const [row] = await m.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 AND agency_id = $2 FOR UPDATE`, [
        caseId,
        user.agencyId,
      ]);
      if (!row) throw notFound('案件不存在');
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
      const agency = await this.agencies.get(user.agencyId);
      const clockBefore = this.clockFor(row, agency.settings.feePausesClock, occurredOn);
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
      if (!result.ok) throw new AppException(409, 'ACTION_NOT_ALLOWED', result.reason);
      const upd = await m.query(
        `UPDATE cases SET snapshot = $3, state = $4, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2`,
        [caseId, dto.expectedVersion, JSON.stringify(result.snapshot), result.state],
      );
      if (upd[1] !== 1) throw conflict('CASE_VERSION_CONFLICT', '案件已被他人修改，请刷新后重试');
      await this.appendEvent(m, caseId, event.type, event.payload, user.id, occurredOn);
      await this.refreshDerived(m, caseId, today);
    });
    return this.detail(user, await this.load(user.agencyId, caseId));
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
    const today = todayInShanghai();
    const open = await this.db.query(
      `SELECT id, to_char(reply_due, 'YYYY-MM-DD') AS reply_due FROM cases WHERE state NOT IN ('closed', 'archived')`,
    );
    let moved = 0;
    for (const c of open) {
      await this.db.transaction(async (m) => {
        const [row] = await m.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 FOR UPDATE`, [c.id]);
        const agency = await this.agencies.get(row.agency_id);
        const clock = this.clockFor(row, agency.settings.feePausesClock, today);
        if ((clock.replyDue ?? null) === (row.reply_due ?? null)) {
          await this.refreshDerived(m, c.id, today);
          return;
        }
        moved++;
        await this.recordSystemFact(
          m,
          c.id,
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
      });
    }
    return moved;
  }

  // ---------------------------------------------------------------- reading

  async load(agencyId: string, caseId: string): Promise<CaseRow> {
    if (!/^[0-9a-f-]{36}$/i.test(caseId)) throw notFound('案件不存在');
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

  clockFor(row: CaseRow, feePausesClock: boolean, asOf: string) {
    return computeClock(clockInputFor(row.snapshot, row.receipt_date, asOf, feePausesClock), this.calendar.current());
  }

  async detail(user: AuthUser, row: CaseRow) {
    const agency = await this.agencies.get(row.agency_id);
    const today = todayInShanghai();
    const clock = this.clockFor(row, agency.settings.feePausesClock, today);
    const history = await this.history(row.id);
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
      allowedActions: allowedActionsFor(row.snapshot, user, today),
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
      history,
      createdAt: new Date(row.created_at).toISOString(),
    };
  }

  async history(caseId: string) {
    const rows = await this.db.query(
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

  async verify(agencyId: string, caseId: string) {
    await this.load(agencyId, caseId);
    const rows = await this.db.query(
      `SELECT case_id, seq, type, payload, actor_id, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, recorded_at, prev_hash, hash
         FROM case_events WHERE case_id = $1 ORDER BY seq`,
      [caseId],
    );
    return verifyChain(
      rows.map((r: any) => ({
        caseId: r.case_id,
        seq: r.seq,
        type: r.type,
        payload: r.payload,
        actorId: r.actor_id,
        occurredOn: r.occurred_on,
        recordedAt: new Date(r.recorded_at).toISOString(),
        prevHash: r.prev_hash,
        hash: r.hash,
      })),
    );
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
    const [prev] = await m.query(`SELECT seq, hash FROM case_events WHERE case_id = $1 ORDER BY seq DESC LIMIT 1`, [caseId]);
    const seq = (prev?.seq ?? 0) + 1;
    const recordedAt = new Date().toISOString();
    const content = { caseId, seq, type, payload: payload ?? {}, actorId, occurredOn, recordedAt };
    const hash = eventHash(prev?.hash ?? null, content);
    await m.query(
      `INSERT INTO case_events (case_id, seq, type, payload, actor_id, occurred_on, recorded_at, prev_hash, hash)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [caseId, seq, type, JSON.stringify(payload ?? {}), actorId, occurredOn, recordedAt, prev?.hash ?? null, hash],
    );
    return seq;
  }

  /** Denormalised worklist columns and the durable timers follow from the snapshot and the clock. */
  async refreshDerived(m: EntityManager, caseId: string, today: string): Promise<void> {
    const [row] = await m.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1`, [caseId]);
    const agency = await this.agencies.get(row.agency_id);
    const clock = this.clockFor(row, agency.settings.feePausesClock, today);
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
    // Timers: unfired ones are replaced by what the current deadlines say.
    await m.query(`DELETE FROM case_timers WHERE case_id = $1 AND fired_at IS NULL`, [caseId]);
    for (const d of dues) {
      await m.query(
        `INSERT INTO case_timers (case_id, kind, ref, due_on) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [caseId, d.kind, d.ref, d.due],
      );
    }
  }
}
