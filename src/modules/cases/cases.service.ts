import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { toShanghaiDate } from '../../domain/calendar';
import { lateOnlineConfirmationFlag, shanghaiDate } from '../../domain/intake/receipt-date';
import { computeClock } from '../../domain/deadlines';
import { maskApplicant, maskIdNumber, mayRevealApplicant, REVEAL_REFUSED_MESSAGE, REVEAL_ROLES, SENSITIVE_APPLICANT_FIELDS } from '../../domain/intake';
import { EntryBody, FactEntry, MachineEntry, replayCase } from '../../domain/workflow/log';
import { approvalGate } from '../../domain/audit/evaluate';
import { lettersOfHistory } from '../../domain/workflow/notices';
import type { CaseEvent } from '../../domain/workflow';
import { assessBackdating, backdateProblem, BackdateRecord, backdateRecord } from '../../domain/workflow/backdating';
import { ROLE_LABELS } from '../../domain/workflow/roles';
import { isSelfApproval, mayActOnCase, mayReadCase, proposerOf, readsWholeAgency } from '../../domain/workflow/access';
import { requestFlags } from '../../domain/patterns/request-patterns';
import { AppException, badRequest, conflict, forbidden, notFound } from '../../platform/http-errors/app-exception';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { ReadReplica } from '../../platform/database/read-replica';
import { todayInShanghai } from '../../platform/http-errors/validators';
import { AgenciesService } from '../agencies/agencies.service';
import { AuthUser } from '../../platform/auth/auth-user';
import { Agency } from '../agencies/agency';
import {
  agencySetupGaps,
  baseContext,
  CaseFacts,
  ClosureLetterFacts,
  closureFields,
  isClosureOutcome,
  lettersForStep,
  LetterType,
  replyFields,
} from '../../domain/letters';
import type { ReplyFacts } from '../../domain/letters/case-letters';
import type { LetterDocument } from '../../domain/letters';
import { isOutcomeCode, outcome as outcomeOf, type OutcomeCode } from '../../domain/outcomes/outcomes';
import { CASE_STATE_LABELS, remainingText, WORKLIST_EXPORT_CAP, worklistCsv } from '../../domain/worklist/worklist-csv';
import { IssuedLetter, LettersService, ReservedNumber } from '../letters/letters.service';
import { OutboxService } from '../outbox/outbox.service';
import { CalendarService } from '../calendar/calendar.service';
import { DocumentReleasesService, type DeliveredDocument } from '../documents/document-releases.service';
import { CaseListRow, CaseRepository, CaseRow, ChainHead, keyOf, LockedCaseRow, PendingLetters, Queryable, WorklistKey } from './case.repository';
import { decodeWorklistCursor, encodeWorklistCursor, WORKLIST_COUNT_CAP } from './list-query';
import { CaseTimerRepository } from './case-timer.repository';
import { ActionDtoOf, CommandLookups, commandFor } from './command-handlers';
import { PublicApplicationDto, RegisterCaseDto } from './dto';
import { canonicalJson, eventHash, verifyChain } from './history-chain';
import { intakeFrom, onlineApplicationFrom } from './intake';
import {
  ActionName,
  ACTION_ROLES,
  allowedActionsFor,
  clockNotStarted,
  onlineApplicationSnapshot,
  clockInputFor,
  consultationsView,
  contextOf,
  derivedOf,
  feeView,
  initialSnapshot,
  noticesView,
  replyRecordOf,
  summaryOf,
  transitionCase,
} from './workflow-adapter';
import { UUID } from '../../platform/ids';

export type { CaseRow } from './case.repository';

/** A rule's refusal (src/domain/workflow/refusals.ts) as the API's 409: its stable code, message and article. */
function refused(r: { code: string; message: string; article?: string }): AppException {
  return new AppException(409, r.code, r.message, undefined, r.article ? { article: r.article } : undefined);
}

/** The case is neither in the user's department nor assigned to them (src/domain/workflow/access.ts). */
const notYourCase = () =>
  new AppException(403, 'CASE_NOT_IN_YOUR_DEPARTMENT', '该案件未交由您所在的承办部门或您本人办理，不能查看或办理');

/** Where a case is being handled, as the access rules read it. */
const assignmentOf = (row: { department_id: string | null; assignee_id: string | null }) => ({
  departmentId: row.department_id,
  assigneeId: row.assignee_id,
});


/** 查询码: 12 characters without look-alikes (no 0/O, 1/I/L). */
function trackingCode(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  const bytes = randomBytes(12);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** The history entries flagged as 补录 beyond the agency's grace window (payload.backdate.flagged), for the legal audit. */
function backdatedEventsOf(history: Array<{ seq: number; type: string; payload: unknown; occurredOn: string; recordedAt: string }>) {
  return history.flatMap((e) => {
    const b = (e.payload as { backdate?: BackdateRecord } | null)?.backdate;
    return b?.flagged
      ? [{ seq: e.seq, type: e.type, occurredOn: e.occurredOn, recordedAt: e.recordedAt, workingDaysLate: b.workingDaysLate, reason: b.reason ?? '' }]
      : [];
  });
}

/** The chain head of a row read under its lock (advanced in memory as the step appends entries). */
function headOf(row: { head_seq: number; head_hash: string | null }): ChainHead {
  return { seq: row.head_seq, hash: row.head_hash };
}

/**
 * Called after an action left a case closed or archived (its transaction committed): it closed, or a
 * closed case got a later record (archiving, a reconsideration). The legal audit computes its findings.
 */
export type CaseClosedListener = (c: { caseId: string; agencyId: string }) => Promise<void>;

@Injectable()
export class CasesService implements OnModuleInit {
  private readonly log = new Logger('Cases');
  private readonly closedListeners: CaseClosedListener[] = [];

  /** Registers a listener for cases that close (src/modules/audit). */
  onClosed(listener: CaseClosedListener): void {
    this.closedListeners.push(listener);
  }

  /** Tells the listeners, after the commit; a listener's failure never undoes the closing (the audit recompute catches up). */
  private async closed(caseId: string, agencyId: string): Promise<void> {
    for (const l of this.closedListeners) {
      try {
        await l({ caseId, agencyId });
      } catch (e) {
        this.log.error(`after closing case ${caseId}: ${e instanceof Error ? e.stack : String(e)}`);
      }
    }
  }

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
    private readonly repo: CaseRepository,
    private readonly timers: CaseTimerRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly documents: DocumentReleasesService,
    private readonly reads: ReadReplica,
  ) {}

  // ---------------------------------------------------------------- registration (登记)

  async register(user: AuthUser, dto: RegisterCaseDto, idempotencyKey: string | undefined) {
    if (!user.roles.includes('clerk')) throw forbidden('只有登记员可以登记申请');
    const key = idempotencyKey?.trim();
    if (!key || key.length > 200) {
      throw badRequest('缺少 Idempotency-Key 请求头', [{ field: 'Idempotency-Key', message: 'Idempotency-Key 请求头为必填项（不超过 200 个字符）' }]);
    }
    const existing = await this.repo.findByIdempotencyKey(this.db, user.agencyId, key);
    if (existing) return this.replayRegistration(user, existing);

    const today = this.clock.today();
    const intake = intakeFrom(dto, today);
    const gaps = agencySetupGaps(await this.agencies.get(user.agencyId));
    if (gaps.length) {
      throw new AppException(409, 'AGENCY_SETUP_INCOMPLETE', `本机关尚未设置${gaps.join('、')}（文书须写明），请系统管理员在机关设置中补充后再登记`);
    }
    try {
      const id = await this.db.transaction(async (m) => {
        const year = Number(intake.receiptDate.slice(0, 4));
        const caseId = randomUUID();
        const registeringAgency = await this.agencies.get(user.agencyId, m);
        // Flags inform the clerk; a person decides (条例第35、36、44条).
        const earlier = await this.repo.earlierRequests(m, user.agencyId, intake.applicantKey, intake.receiptDate);
        // Gap-free per agency and year: the counter row is locked until this transaction ends, so
        // every registration of the agency waits for it — taken as late as possible (after the reads
        // above, just before the case row that carries the number; issue 16).
        const last = await this.repo.nextCaseSeq(m, user.agencyId, year);
        const caseNumber = `${year}-${String(last).padStart(6, '0')}`;
        const flags = [
          // 条例第31条第（二）项: an ordinary letter confirmed after the day it arrived (for the legal audit).
          ...intake.flags,
          ...requestFlags(
            { applicantKey: intake.applicantKey, description: intake.description, receiptDate: intake.receiptDate },
            earlier,
            registeringAgency.settings.monthlyRequestThreshold,
          ),
        ];
        const snap = initialSnapshot({ caseId, receiptDate: intake.receiptDate });
        const row = await this.repo.insert(m, {
          id: caseId,
          agencyId: user.agencyId,
          year,
          seq: last,
          caseNumber,
          trackingCode: trackingCode(),
          idempotencyKey: key,
          channel: dto.channel,
          arrivedAt: dto.arrivedAt,
          confirmedAt: dto.confirmedAt ?? null,
          receiptDate: intake.receiptDate,
          applicant: intake.applicant,
          applicantKey: intake.applicantKey,
          description: intake.description,
          form: dto.form,
          deliveryMethod: dto.deliveryMethod,
          snapshot: snap.snapshot,
          state: snap.state,
          createdBy: user.id,
          feePausesClock: registeringAgency.settings.feePausesClock,
          flags,
          items: dto.items ?? 1,
        });
        const head: ChainHead = { seq: 0, hash: null }; // a new case's chain is empty
        await this.appendEvent(m, head, row.id, {
          type: 'REGISTERED',
          payload: {
            channel: dto.channel, arrivedAt: dto.arrivedAt, confirmedAt: dto.confirmedAt ?? null,
            ...(dto.confirmationDelayReason ? { confirmationDelayReason: dto.confirmationDelayReason } : {}),
            receiptDate: intake.receiptDate, caseNumber, flags,
          },
        }, user.id, toShanghaiDate(dto.arrivedAt));
        // The 登记回执's 文号 is taken now, beside the case number, and the receipt rendered, sealed
        // and signed after this transaction commits (issueReservedLetters): the agency's counters
        // stay locked for a few statements, not for the rendering (issue 16). Until then the
        // reservation is on the row, so a crash in between loses neither the receipt nor its number.
        await this.reserveLetters(m, registeringAgency, row, 'register', {}, intake.receiptDate, today, user.id, 1);
        await this.refreshDerived(m, row, today);
        return row.id;
      });
      try {
        await this.issueReservedLetters(id);
      } catch (e) {
        // The case is registered, its number and its receipt's 文号 kept; the error is answered (a
        // 503 when the database is unavailable) and the request sent again with its Idempotency-Key
        // finds the case and issues the receipt (replayRegistration) — as would the worker's next
        // poll or the case's next step.
        this.log.warn(`登记回执 of case ${id} not issued yet: ${e instanceof Error ? e.message : String(e)}`);
        throw e;
      }
      return this.detail(user, await this.load(user.agencyId, id));
    } catch (e: unknown) {
      // A concurrent request with the same key won the race: answer with its case.
      const err = e as { code?: string; constraint?: string } | null;
      if (err?.code === '23505' && String(err?.constraint ?? '').includes('idempotency')) {
        const again = await this.repo.findByIdempotencyKey(this.db, user.agencyId, key);
        if (again) return this.replayRegistration(user, again);
      }
      throw e;
    }
  }

  /**
   * 网上申请 (POST /public/applications, no sign-in): the application is stored at once as a case
   * awaiting the office's confirmation — channel online, arrived now, no receipt date (条例第三十一条
   * 第（三）项: the day both sides confirm it). It gets its case number (of the year it arrived) and
   * its 查询码 now; the clerks find it in the worklist as 待确认, and the confirmation (confirm-receipt)
   * fixes the receipt date, starts the clock and issues the 登记回执.
   */
  async submitOnline(dto: PublicApplicationDto): Promise<{ trackingCode: string; status: 'awaiting_confirmation'; caseId: string }> {
    const app = onlineApplicationFrom(dto);
    const agencyId = await this.publicAgencyId();
    const gaps = agencySetupGaps(await this.agencies.get(agencyId));
    if (gaps.length) {
      throw new AppException(503, 'AGENCY_SETUP_INCOMPLETE', '本机关暂不能受理网上申请，请稍后再试或通过其他方式提交');
    }
    const now = this.clock.now();
    const arrivedAt = now.toISOString();
    const arrivedOn = toShanghaiDate(now);
    const code = trackingCode();
    const id = await this.db.transaction(async (m) => {
      const year = Number(arrivedOn.slice(0, 4));
      const caseId = randomUUID();
      const agency = await this.agencies.get(agencyId, m);
      // The flags of 条例第35、36条 inform the clerk (counted as of the day it arrived).
      const earlier = await this.repo.earlierRequests(m, agencyId, app.applicantKey, arrivedOn);
      // The gap-free counter's row lock, as late as possible (see register).
      const last = await this.repo.nextCaseSeq(m, agencyId, year);
      const caseNumber = `${year}-${String(last).padStart(6, '0')}`;
      const flags = requestFlags(
        { applicantKey: app.applicantKey, description: app.description, receiptDate: arrivedOn },
        earlier,
        agency.settings.monthlyRequestThreshold,
      );
      const snap = onlineApplicationSnapshot({ caseId, arrivedOn });
      const row = await this.repo.insert(m, {
        id: caseId,
        agencyId,
        year,
        seq: last,
        caseNumber,
        trackingCode: code,
        idempotencyKey: `online:${caseId}`,
        channel: 'online',
        arrivedAt,
        confirmedAt: null,
        receiptDate: null,
        applicant: app.applicant,
        applicantKey: app.applicantKey,
        description: app.description,
        form: dto.form,
        deliveryMethod: dto.deliveryMethod,
        snapshot: snap.snapshot,
        state: snap.state,
        createdBy: null,
        feePausesClock: agency.settings.feePausesClock,
        flags,
        items: dto.items ?? 1,
      });
      const head: ChainHead = { seq: 0, hash: null };
      const entry: FactEntry = { type: 'APPLICATION_SUBMITTED', payload: { channel: 'online', arrivedAt, arrivedOn, caseNumber, flags } };
      await this.appendEvent(m, head, row.id, entry, null, arrivedOn);
      await this.refreshDerived(m, row, arrivedOn);
      return row.id;
    });
    return { trackingCode: code, status: 'awaiting_confirmation', caseId: id };
  }

  /**
   * The agency an online application goes to: PUBLIC_APPLICATION_AGENCY (its id) when set, else the
   * one agency of the installation. Several agencies and no setting: the service cannot tell (503).
   */
  private async publicAgencyId(): Promise<string> {
    const configured = this.config.publicApplicationAgency;
    const ids = await this.repo.agencyIds(this.db, configured);
    if (ids.length === 1) return ids[0];
    throw new AppException(503, 'PUBLIC_APPLICATION_AGENCY_UNSET', '网上申请暂未开通（未设置受理机关），请通过其他方式提交申请');
  }

  // ---------------------------------------------------------------- actions

  /**
   * One action in one transaction, read one way: lock + load the case (one query), the version and
   * date checks, the action's handler → the machine event, the pure transition, then the writes
   * (state, history entry, letters, derived columns and timers; each UPDATE returns the row as it
   * now is, so the case is never read again) and the answer. With an Idempotency-Key the answer is
   * stored in that same transaction, and the same key on the same case answers it again (a double
   * click, a retry after a timeout) instead of a 409; a key already used for another action is refused.
   */
  async act(user: AuthUser, caseId: string, action: ActionName, dto: Record<string, any>, idempotencyKey?: string) {
    const roles = ACTION_ROLES[action];
    if (!roles.some((r) => user.roles.includes(r))) {
      throw new AppException(403, 'FORBIDDEN_ROLE', `当前角色无权执行“${action}”，须由${roles.map((r) => ROLE_LABELS[r]).join('或')}办理`);
    }
    if (!UUID.test(caseId)) throw notFound('案件不存在');
    const key = idempotencyKey?.trim() || null;
    if (key !== null && key.length > 200) {
      throw badRequest('Idempotency-Key 过长', [{ field: 'Idempotency-Key', message: 'Idempotency-Key 请求头不超过 200 个字符' }]);
    }
    const today = this.clock.today();
    const occurredOn: string = action === 'confirm-receipt' ? this.confirmationDay(dto) : (dto.occurredOn ?? today);
    if (occurredOn > today) {
      throw badRequest('业务发生日期不能晚于今天', [{ field: 'occurredOn', message: 'occurredOn 不能晚于今天' }]);
    }
    const answered = key ? await this.answeredBefore(this.db, user, caseId, key, action) : null;
    if (answered) return answered;
    let closedAfter = false;
    const view = await this.db.transaction(async (m) => {
      const row = await this.repo.lockForAction(m, user.agencyId, caseId);
      if (!row) throw notFound('案件不存在');
      if (!mayActOnCase(user, action, assignmentOf(row), !!contextOf(row.snapshot).closure)) throw notYourCase();
      // A concurrent send with the same key held the lock until it committed: answer with its result.
      const raced = key ? await this.answeredBefore(m, user, caseId, key, action) : null;
      if (raced) return raced;
      if (row.version !== dto.expectedVersion) {
        throw conflict('CASE_VERSION_CONFLICT', `案件已被他人修改（当前版本 ${row.version}），请刷新后重试`, {
          currentVersion: row.version,
        });
      }
      // A registration's receipt still waiting to be issued (interrupted): issued before this step's entries.
      if (row.pending_letters) await this.issueReserved(m, row);
      const lastOn = row.last_occurred_on;
      // A confirmation is dated by its own instant (条例第31条第（三）项); the statechart refuses one before the arrival.
      if (lastOn && occurredOn < lastOn && action !== 'confirm-receipt') {
        throw badRequest(`业务发生日期不能早于上一事件的日期（${lastOn}）`, [
          { field: 'occurredOn', message: `occurredOn 不能早于 ${lastOn}` },
        ]);
      }
      if (action === 'approve' && isSelfApproval(proposerOf(contextOf(row.snapshot)), user.id)) {
        throw new AppException(409, 'SELF_APPROVAL_FORBIDDEN', '待审批的意见由您本人提出或报批，不能由您审批（审批与承办分离），请由其他审批人审批');
      }
      const agency = await this.agencies.get(user.agencyId, m);
      // 补录: beyond the agency's grace window a backdated action needs a reason and is flagged for
      // the legal audit (an internal-control rule; src/domain/workflow/backdating.ts).
      const lateness = assessBackdating(occurredOn, today, agency.settings.backdateGraceWorkingDays, this.calendar.current());
      const missing = backdateProblem(lateness, dto.backdateReason);
      if (missing) throw badRequest(missing.message, [{ field: missing.field, message: missing.fieldMessage }]);
      const backdate = backdateRecord(lateness, dto.backdateReason, today);
      // 电子送达: the message that serves the reply is chosen now, so that its Message-ID is the delivery's recorded proof.
      const electronicDelivery = action === 'deliver' && dto.method === 'email' ? { outboxId: randomUUID() } : undefined;
      const command = await commandFor(action, dto as ActionDtoOf<typeof action>, {
        user,
        occurredOn,
        applicantEmail: row.applicant?.email?.trim() || null,
        deliveryMessageId: electronicDelivery ? this.outbox.messageIdFor(electronicDelivery.outboxId) : undefined,
        context: contextOf(row.snapshot),
        requestedDeliveryMethod: row.delivery_method,
        clock: this.clockFor(row, occurredOn),
        agency,
        calendar: this.calendar.current(),
        lookups: this.lookupsIn(m, user.agencyId, caseId),
      });
      const result = transitionCase(row.snapshot, command.machineEvent);
      if (!result.ok) throw refused(result.refusal);
      // The action's rules beyond the statechart's guards (checked now, not on replay).
      if (command.refusal) throw refused(command.refusal);
      // 法制审核 before approval: a reply's high-severity draft findings block it unless overridden (src/domain/audit).
      const gate = action === 'approve' ? await this.approvalGateFor(m, row, occurredOn, dto.overrideFindings) : null;
      // 条例第三十七条: the documents provided with the reply carry a redaction for every withheld part, and none beside them.
      if (action === 'approve') await this.redactionGateFor(m, row);
      // The released copies handed over with the reply: produced now, their hashes recorded in the DELIVER entry.
      const released = action === 'deliver' ? await this.documents.produceForDelivery(m, caseId, summaryOf(row.snapshot).outcome) : [];
      if (action === 'propose' || action === 'on-the-spot-reply') {
        // The reply must be writable from what the handler gave (e.g. 不存在 needs the search performed).
        this.letters.compose(`reply_${dto.outcome}`, {
          ...this.baseFor(agency, row, today),
          ...replyFields(command.payload as unknown as ReplyFacts, replyRecordOf(result.snapshot)),
        });
      }
      // 条例第31条第（三）项: the confirmation's date becomes the receipt date, written with the state.
      const receipt = action === 'confirm-receipt' ? { receiptDate: occurredOn, confirmedAt: dto.confirmedAt as string } : undefined;
      const after = await this.repo.writeState(m, caseId, dto.expectedVersion, result.snapshot, result.state, receipt);
      if (!after) throw conflict('CASE_VERSION_CONFLICT', '案件已被他人修改，请刷新后重试');
      const head = headOf(row);
      // A person's statechart entry carries their roles at the time (the approval-step guard reads them on replay),
      // and a 补录's note (left out of the machine event on replay).
      const entry = {
        type: command.type,
        payload: {
          ...command.payload,
          ...(backdate ? { backdate } : {}),
          ...(gate?.length ? { overriddenFindings: gate } : {}),
          ...(released.length ? { releasedDocuments: released.map(({ bytes: _b, ...d }) => d) } : {}),
          actorRoles: [...user.roles],
        },
      } as MachineEntry;
      const eventSeq = await this.appendEvent(m, head, caseId, entry, user.id, occurredOn);
      if (released.length) await this.documents.storeDelivered(m, caseId, eventSeq, released);
      if (action === 'confirm-receipt') {
        // Confirmed later than the working day after it arrived: flagged for the legal audit.
        const arrivedOn = toShanghaiDate(new Date(row.arrived_at));
        const late = lateOnlineConfirmationFlag(arrivedOn, this.calendar.current().addWorkingDays(arrivedOn, 1), occurredOn);
        if (late) await this.repo.addFlag(m, caseId, late);
      }
      // A confirmed online application is registered now: its 登记回执 as at a clerk's registration.
      const step = action === 'confirm-receipt' ? 'register' : action;
      const letters = await this.lettersAfter(m, head, agency, after, step, command.payload, occurredOn, today, user.id);
      const fresh = await this.refreshDerived(m, after, today);
      // 快递式公开: the applicant's messages of the step, in the step's transaction (outbox).
      await this.outbox.afterStep(m, {
        agency, row: fresh, step, eventSeq, on: occurredOn, letters, replyDue: fresh.reply_due,
        deliveredBy: action === 'deliver' ? dto.method : undefined,
        deliveryOutboxId: electronicDelivery?.outboxId,
        releasedDocuments: released.map((d): Pick<DeliveredDocument, 'releaseId' | 'filename'> => ({ releaseId: d.releaseId, filename: d.filename })),
        payload: command.payload,
      });
      const view = await this.detail(user, fresh, m);
      if (key) await this.repo.storeAnswer(m, { caseId, key, action, actorId: user.id, body: view });
      closedAfter = fresh.state === 'closed' || fresh.state === 'archived';
      return view;
    });
    if (closedAfter) await this.closed(caseId, user.agencyId);
    return view;
  }

  /**
   * The approval gate of the legal audit (src/domain/audit/evaluate.ts approvalGate): a reply's
   * draft judged as the case stands; 409 APPROVAL_BLOCKED_BY_FINDINGS (with the findings in
   * details) while a high-severity finding is not overridden with a reason. Returns the overrides
   * that applied, which the APPROVE entry records. A closure (视为放弃申请) has no reply draft.
   */
  private async approvalGateFor(m: Queryable, row: CaseRow, on: string, overrides: unknown) {
    const ctx = contextOf(row.snapshot);
    if (ctx.closure || !ctx.proposal) return null;
    const proposal = await this.repo.latestProposalPayload(m, row.id);
    const list = Array.isArray(overrides) ? (overrides as Array<{ code: string; reason: string }>) : [];
    const g = approvalGate(ctx, proposal, on, list);
    if (g.refusal) {
      throw new AppException(409, g.refusal.code, g.refusal.message, undefined, {
        findings: g.findings.map((f) => ({ ...f, blocking: f.severity === 'high' })),
      });
    }
    return g.overridden;
  }

  /** 条例第三十七条 (src/domain/documents): refused while the documents' redactions and the proposal's withheld parts disagree. */
  private async redactionGateFor(m: Queryable, row: CaseRow): Promise<void> {
    const ctx = contextOf(row.snapshot);
    if (ctx.closure || !ctx.proposal) return;
    const proposal = await this.repo.latestProposalPayload(m, row.id);
    const r = await this.documents.approvalRefusal(m, row.id, ctx.proposal.outcome, proposal);
    if (r) throw refused(r);
  }

  /** The latest proposal as recorded (PROPOSE / ON_THE_SPOT_REPLY payload). */
  latestProposal(caseId: string): Promise<Record<string, unknown> | null> {
    return this.repo.latestProposalPayload(this.db, caseId);
  }

  /**
   * Appends a fact of the legal audit (法制审核: a finding or comment, a sign-off) to the case's
   * history, under the case row's lock (the chain head lives there), dated today. Legal staff do not
   * change case data: the state, the snapshot and the version stay as they are. `write` runs in the
   * same transaction with the row and the entry's seq (e.g. the audit tables).
   */
  async appendAuditEntry<T>(
    user: AuthUser,
    caseId: string,
    entry: FactEntry | ((row: CaseRow) => FactEntry),
    write: (m: EntityManager, row: CaseRow, seq: number) => Promise<T>,
  ): Promise<T> {
    if (!UUID.test(caseId)) throw notFound('案件不存在');
    return this.db.transaction(async (m) => {
      const row = await this.repo.lockInAgency(m, user.agencyId, caseId);
      if (!row) throw notFound('案件不存在');
      const e = typeof entry === 'function' ? entry(row as CaseRow) : entry;
      const seq = await this.appendEvent(m, headOf(row), row.id, e, user.id, this.clock.today());
      return write(m, row as CaseRow, seq);
    });
  }

  /**
   * confirm-receipt: the business date is the confirmation's Asia/Shanghai date (条例第31条第（三）项),
   * never a day the clerk types beside it, and the confirmation is not in the future.
   */
  private confirmationDay(dto: Record<string, any>): string {
    const confirmedAt = String(dto.confirmedAt);
    if (Date.parse(confirmedAt) > this.clock.now().getTime() + 60_000) {
      throw badRequest('确认时间不能晚于当前时间', [{ field: 'confirmedAt', message: 'confirmedAt 不能晚于当前时间' }]);
    }
    const day = shanghaiDate(confirmedAt);
    if (dto.occurredOn !== undefined && dto.occurredOn !== day) {
      throw badRequest('业务发生日期须为确认时间的日期', [{ field: 'occurredOn', message: `occurredOn 须为 confirmedAt 的北京时间日期（${day}），或不填` }]);
    }
    return day;
  }

  /** The look-ups of the action handlers, bound to the action's transaction. */
  private lookupsIn(m: Queryable, agencyId: string, caseId: string): CommandLookups {
    return {
      departmentName: (departmentId) => this.repo.departmentName(m, agencyId, departmentId),
      isActiveHandler: (userId) => this.repo.isActiveHandler(m, agencyId, userId),
      applicantApplicationsInMonth: async () => {
        // The applicant's applications of the month of receipt in the agency (109号第四条).
        // One applicant's fee notices are serialised so that a concurrent notice sees the 件 recorded.
        await this.repo.lockApplicantFees(m, agencyId, caseId);
        return this.repo.applicantApplicationsInMonth(m, agencyId, caseId);
      },
      caseLetters: async () => lettersOfHistory(await this.repo.chainEntries(m, caseId).then((rows) => rows.map((r) => ({ seq: r.seq, type: r.type, payload: r.payload, occurredOn: r.occurred_on })))),
      latestProposalPayload: () => this.repo.latestProposalPayload(m, caseId),
    };
  }

  /** The stored answer of an action already done with this Idempotency-Key on this case. */
  private async answeredBefore(q: Queryable, user: AuthUser, caseId: string, key: string, action: ActionName): Promise<unknown> {
    if (!UUID.test(caseId)) return null;
    const r = await this.repo.storedAnswer(q, user.agencyId, caseId, key);
    if (!r) return null;
    if (r.action !== action) {
      throw new AppException(400, 'IDEMPOTENCY_KEY_REUSED', `该 Idempotency-Key 已用于本案的“${r.action}”操作，请为新的操作使用新的键`, [
        { field: 'Idempotency-Key', message: `Idempotency-Key 已用于“${r.action}”` },
      ]);
    }
    // The stored body is a view: masked when it was stored, and masked again here for answers stored
    // before views masked the applicant (issue 11, finding 8).
    const body = JSON.parse(r.body);
    if (body?.applicant) body.applicant = maskApplicant(body.applicant);
    return body;
  }

  // ---------------------------------------------------------------- system events (timers, recalculation)

  /** A statechart event the system sends by itself (a period expired). Raises the version. */
  async applySystemEvent(m: EntityManager, caseId: string, event: Record<string, any>, occurredOn: string, today: string): Promise<boolean> {
    const row = await this.repo.lock(m, caseId);
    if (!row) return false;
    if (row.pending_letters) await this.issueReserved(m, row);
    const machineEvent = { ...event, on: occurredOn, actorId: 'system', actorRoles: [] } as unknown as CaseEvent;
    const result = transitionCase(row.snapshot, machineEvent);
    if (!result.ok) {
      this.log.log(`timer ${event.type} on case ${row.case_number} no longer applies: ${result.reason}`);
      return false;
    }
    // The row is locked: its version is still the one just read.
    const after = await this.repo.writeState(m, caseId, row.version, result.snapshot, result.state);
    if (!after) return false;
    const { type, ...payload } = event;
    const head = headOf(row);
    await this.appendEvent(m, head, caseId, { type, payload } as MachineEntry, null, occurredOn); // the system's: no roles
    await this.lettersAfter(m, head, await this.agencies.get(after.agency_id, m), after, type, payload, occurredOn, today, null);
    await this.refreshDerived(m, after, today);
    return true;
  }

  /** A fact the system records without a transition (an overdue mark, a recalculated deadline). */
  async recordSystemFact(m: EntityManager, caseId: string, type: string, payload: unknown, occurredOn: string, today: string) {
    const row = await this.repo.bumpVersionForFact(m, caseId);
    if (!row) return;
    const last = row.last_occurred_on;
    await this.appendEvent(m, headOf(row), caseId, { type, payload } as FactEntry, null, last && last > occurredOn ? last : occurredOn);
    await this.refreshDerived(m, row, today);
  }

  /**
   * After a year's calendar is loaded or replaced: every open case's deadlines are recomputed,
   * and each case whose reply deadline moved gets a history entry saying from what to what and why.
   */
  async recalculateAfterCalendarChange(year: number, action: 'load' | 'replace'): Promise<number> {
    // Synchronous form (scripts, benchmarks). The application queues a recalculation job instead,
    // which the worker runs with recalculateCase, one transaction per case.
    const today = todayInShanghai();
    const open = await this.repo.openCaseIds(this.db);
    let moved = 0;
    for (const id of open) {
      if (await this.db.transaction((m) => this.recalculateCase(m, id, year, action, today))) moved++;
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
    const row = await this.repo.lock(m, caseId);
    if (!row || row.state === 'closed' || row.state === 'archived') return false;
    const clock = this.clockFor(row, today);
    if ((clock.replyDue ?? null) === (row.reply_due ?? null)) {
      await this.refreshDerived(m, row, today);
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
      receiptDate: row.receipt_date ?? '',
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
    head: ChainHead,
    agency: Agency,
    row: CaseRow,
    type: LetterType,
    template: string,
    fields: Record<string, unknown>,
    issuedOn: string,
    userId: string | null,
    replaces?: { id: string; seriesYear: number; docNumber: string; reason: string },
    reserved?: ReservedNumber,
  ) {
    const letter = await this.letters.issue(m, {
      agency, caseId: row.id, facts: this.facts(row), type, template, fields, issuedOn, userId,
      replaces: replaces && { id: replaces.id, seriesYear: replaces.seriesYear }, reason: replaces?.reason, reserved,
    });
    await this.appendEvent(m, head, row.id, {
      type: 'LETTER_ISSUED',
      payload: {
        letterId: letter.id,
        type: letter.type,
        variant: letter.variant,
        docNumber: letter.docNumber,
        sha256: letter.sha256,
        ...(replaces ? { replacesId: replaces.id, replacesDocNumber: replaces.docNumber, reason: replaces.reason } : {}),
      },
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
      const found = await this.letters.original(m, user.agencyId, letterId);
      const row = await this.repo.lockInAgency(m, user.agencyId, found.case_id);
      if (!row) throw notFound('案件不存在');
      // Read again under the case's lock: a concurrent correction of the same letter, which held
      // the lock, is committed and seen now (a partitioned table cannot make replaces_id unique).
      const original = await this.letters.original(m, user.agencyId, letterId);
      if (original.replaced) throw new AppException(409, 'LETTER_ALREADY_REPLACED', `文书 ${original.doc_number} 已有更正后的文书`);
      const agency = await this.agencies.get(user.agencyId, m);
      await this.repo.bumpVersion(m, row.id);
      await this.issueLetter(m, headOf(row), agency, row, original.type, original.variant, original.fields, today, user.id, {
        id: original.id,
        seriesYear: original.series_year,
        docNumber: original.doc_number,
        reason,
      });
      return row.id;
    });
    return this.letters.listForCase(caseId);
  }

  // ---------------------------------------------------------------- sensitive data (查看敏感信息留痕)

  /**
   * The applicant's full identity number and phone, which every view masks, for a clerk, legal staff
   * or the case's handler (mayRevealApplicant). Each reveal is a SENSITIVE_DATA_REVEALED entry in the
   * case's history with the actor and the reason given; the case row is locked for it (the chain head
   * lives there, so concurrent reveals append one after the other) and, like a corrected letter, the
   * entry raises the version.
   */
  async revealApplicant(user: AuthUser, caseId: string, reason: string | undefined) {
    const forbiddenReveal = () => new AppException(403, 'FORBIDDEN_ROLE', REVEAL_REFUSED_MESSAGE);
    if (!REVEAL_ROLES.some((r) => user.roles.includes(r)) && !user.roles.includes('handler')) throw forbiddenReveal();
    if (!UUID.test(caseId)) throw notFound('案件不存在');
    const today = this.clock.today();
    return this.db.transaction(async (m) => {
      const row = await this.repo.lockInAgency(m, user.agencyId, caseId);
      if (!row) throw notFound('案件不存在');
      if (!mayRevealApplicant(user, { departmentId: row.department_id, assigneeId: row.assignee_id })) throw forbiddenReveal();
      await this.repo.bumpVersion(m, row.id);
      const entry: FactEntry = {
        type: 'SENSITIVE_DATA_REVEALED',
        payload: { fields: [...SENSITIVE_APPLICANT_FIELDS], reason: reason?.trim() || null },
      };
      await this.appendEvent(m, headOf(row), row.id, entry, user.id, today);
      return {
        idType: row.applicant.idType,
        idNumber: row.applicant.idNumber,
        phone: row.applicant.phone ?? null,
      };
    });
  }

  /**
   * Issues, in the step's transaction, the letters the domain's table says the step implies.
   * `on`: the step's business date (the periods the letters state are counted by the clock as of
   * it); `issuedOn`: the day the letters are generated, today. A letter the system generates is
   * dated the day it is generated, also for a backdated step (补录): its date, its 文号's year and
   * its LETTER_ISSUED entry never reach into the past.
   */
  private async lettersAfter(
    m: EntityManager,
    head: ChainHead,
    agency: Agency,
    row: CaseRow,
    step: string,
    payload: Record<string, unknown> | null,
    on: string,
    issuedOn: string,
    userId: string | null,
  ) {
    const effects = await this.plannedLetters(m, row, step, payload, on);
    const issued: Array<{ id: string; type: string; docNumber: string }> = [];
    for (const e of effects) issued.push(await this.issueLetter(m, head, agency, row, e.type, e.template, e.fields, issuedOn, userId));
    return issued;
  }

  /** The letters the domain's table says the step implies (src/domain/letters/step-letters.ts), with their facts. */
  private async plannedLetters(m: EntityManager, row: CaseRow, step: string, payload: Record<string, unknown> | null, on: string) {
    const clock = this.clockFor(row, on);
    const s = summaryOf(row.snapshot);
    // The proposal and the reply's 文号 only matter to a decided case (its reply, its delivery).
    const recorded = s.decided ? await this.repo.latestProposalPayload(m, row.id) : null;
    // The documents provided with a 予以公开 / 部分公开 reply are listed as its 附件 (name, pages).
    const attachments = recorded ? await this.documents.attachmentsFor(m, row.id, s.outcome) : [];
    const proposal = recorded && attachments.length ? { ...recorded, attachments } : recorded;
    const replyDocNumber = s.decided ? await this.repo.latestReplyDocNumber(m, row.id) : null;
    const closure = s.decided && s.outcome && isClosureOutcome(s.outcome as OutcomeCode) ? await this.closureFacts(m, row) : null;
    return lettersForStep({
      step,
      payload: payload ?? {},
      on,
      caseNumber: row.case_number,
      description: row.description,
      applicantAddress: row.applicant?.address,
      clock,
      consultations: consultationsView(row.snapshot, clock),
      secrecyReview: replyRecordOf(row.snapshot).secrecyReview,
      decided: s.decided,
      outcome: (s.outcome as OutcomeCode | null) ?? null,
      proposal,
      replyDocNumber,
      closure,
    });
  }

  /**
   * Takes the 文号 of the letters a step implies and records them on the case row (pending_letters),
   * in the step's transaction; they are rendered and issued after it commits (issueReservedLetters).
   */
  private async reserveLetters(
    m: EntityManager,
    agency: Agency,
    row: CaseRow,
    step: string,
    payload: Record<string, unknown> | null,
    on: string,
    issuedOn: string,
    userId: string | null,
    eventSeq: number,
  ): Promise<void> {
    const effects = await this.plannedLetters(m, row, step, payload, on);
    if (!effects.length) return;
    for (const e of effects) await this.letters.checkIssuable(m, agency, this.facts(row), e.template, e.fields, issuedOn);
    const letters: PendingLetters['letters'] = [];
    for (const e of effects) {
      const n = await this.letters.reserveNumber(m, agency, e.type, issuedOn);
      letters.push({ type: e.type, template: e.template, fields: e.fields as Record<string, unknown>, ...n });
    }
    const pending: PendingLetters = { step, on, eventSeq, issuedOn, userId, reservedAt: this.clock.now().toISOString(), letters };
    await this.repo.setPendingLetters(m, row.id, pending);
  }

  /** Issues the case's reserved letters, if any are left, in a transaction of its own (after the step's commit). */
  async issueReservedLetters(caseId: string): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const row = await this.repo.lock(m, caseId);
      if (!row?.pending_letters) return false;
      await this.issueReserved(m, row);
      return true;
    });
  }

  /**
   * Renders, seals, signs and stores the reserved letters with their reserved 文号 and date, each a
   * LETTER_ISSUED entry, then queues the applicant's message of the step (快递式公开) with them. The
   * row is locked by the caller; its chain head is advanced in place, so that the caller's own step
   * appends after these entries.
   */
  private async issueReserved(m: EntityManager, row: LockedCaseRow): Promise<void> {
    const p = row.pending_letters;
    if (!p) return;
    const agency = await this.agencies.get(row.agency_id, m);
    const head = headOf(row);
    const issued: IssuedLetter[] = [];
    for (const l of p.letters) {
      const { series, year, seq, docNumber } = l;
      issued.push(await this.issueLetter(m, head, agency, row, l.type as LetterType, l.template, l.fields, p.issuedOn, p.userId, undefined, { series, year, seq, docNumber }));
    }
    await this.repo.clearPendingLetters(m, row.id);
    row.head_seq = head.seq;
    row.head_hash = head.hash;
    row.pending_letters = null;
    await this.outbox.afterStep(m, { agency, row, step: p.step, eventSeq: p.eventSeq, on: p.on, letters: issued, replyDue: row.reply_due });
  }

  /**
   * The worker's sweep: letters reserved longer than `olderThanSeconds` ago whose issuing was
   * interrupted (the process died between a registration's commit and its receipt). Each case in
   * its own transaction; a case another transaction holds is left for the next poll. Returns how
   * many cases got their letters.
   */
  async issueStaleReservedLetters(olderThanSeconds = 30, limit = 100): Promise<number> {
    const ids = await this.repo.casesWithStalePendingLetters(this.db, olderThanSeconds, limit);
    let done = 0;
    for (const id of ids) {
      try {
        if (await this.issueReservedLetters(id)) done++;
      } catch (e) {
        this.log.error(`reserved letters of case ${id} not issued: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return done;
  }

  /** A registration sent again with its Idempotency-Key: the case as registered, its receipt issued if it was interrupted. */
  private async replayRegistration(user: AuthUser, existing: CaseRow) {
    if (await this.issueReservedLetters(existing.id)) return this.detail(user, await this.load(user.agencyId, existing.id));
    return this.detail(user, existing);
  }

  /**
   * What a closing reply (视为放弃申请) names: the 补正告知书 or 收费通知书 it follows (date, 文号), the
   * deadline that passed, the day a good reason had reopened it, the fee (legal review finding 20).
   */
  private async closureFacts(q: Queryable, row: CaseRow): Promise<ClosureLetterFacts | null> {
    const ctx = contextOf(row.snapshot);
    const c = ctx.closure;
    if (!c) return null;
    const correction = c.ground === 'correction_overdue';
    return {
      ground: c.ground,
      notice: await this.repo.latestLetterOfType(q, row.id, correction ? 'correction_notice' : 'fee_notice'),
      dueOn: c.dueOn,
      reopenedOn: (correction ? ctx.correction?.reopenedOn : ctx.fee?.reopenedOn) ?? null,
      amount: correction ? null : (ctx.fee?.amount ?? null),
    };
  }

  /** The current reply draft with the 草稿 watermark (handlers and approvers), never stored. */
  async previewReply(user: AuthUser, caseId: string): Promise<Buffer> {
    return this.letters.draftPdf(await this.replyDraft(user, caseId));
  }

  /** The draft reply (or closure letter) under decision, as composed from the current proposal. */
  async replyDraft(user: AuthUser, caseId: string): Promise<LetterDocument> {
    const row = await this.readable(user, caseId);
    const s = summaryOf(row.snapshot);
    // A proposed closure (视为放弃申请) is the draft under decision, before any reply proposal.
    const outcome = s.decision?.outcome ?? s.closure?.ground ?? s.proposal?.outcome;
    // A clerk previews only a closure (the clerk checks and submits it); replies are the handler's and approver's.
    const draftsReplies = user.roles.some((r) => r === 'handler' || r === 'approver');
    if (!draftsReplies && !(outcome && isClosureOutcome(outcome))) {
      throw new AppException(403, 'FORBIDDEN_ROLE', '登记员只能预览拟视为放弃申请的结案答复书草稿，答复书草稿须由承办人或审批人预览');
    }
    if (!outcome) this.letters.notReady('尚未提出办理意见，暂无答复书草稿');
    const agency = await this.agencies.get(user.agencyId);
    if (isClosureOutcome(outcome)) {
      const facts = await this.closureFacts(this.db, row);
      return this.letters.draftDocument(agency, this.facts(row), `reply_${outcome}`, facts ? closureFields(facts) : { outcome }, this.clock.today());
    }
    const recorded = (await this.repo.latestProposalPayload(this.db, caseId)) ?? {};
    const attachments = await this.documents.attachmentsFor(this.db, caseId, outcome);
    const proposal = attachments.length ? { ...recorded, attachments } : recorded;
    return this.letters.draftDocument(
      agency,
      this.facts(row),
      `reply_${outcome}`,
      replyFields({ ...proposal, outcome } as ReplyFacts, replyRecordOf(row.snapshot)),
      this.clock.today(),
    );
  }

  // ---------------------------------------------------------------- reading

  async load(agencyId: string, caseId: string): Promise<CaseRow> {
    if (!UUID.test(caseId)) throw notFound('案件不存在');
    const row = await this.repo.findInAgency(this.db, agencyId, caseId);
    if (!row) throw notFound('案件不存在');
    return row;
  }

  /**
   * The case, when the user may read it: every role but the 承办人 reads the whole agency; a
   * handler reads the cases of their department or assigned to them, or every case when the agency
   * opens reads to all handlers (src/domain/workflow/access.ts). 404 outside the agency, 403 inside.
   */
  async readable(user: AuthUser, caseId: string): Promise<CaseRow> {
    const row = await this.load(user.agencyId, caseId);
    if (readsWholeAgency(user)) return row;
    const agency = await this.agencies.get(user.agencyId);
    if (!mayReadCase(user, assignmentOf(row), agency.settings.handlersReadAllCases)) throw notYourCase();
    return row;
  }

  /** `readable` for several cases at once (批量打印): one query; any case missing or not the user's refuses all. */
  async readableAll(user: AuthUser, caseIds: string[]): Promise<void> {
    if (!caseIds.every((id) => UUID.test(id))) throw notFound('案件不存在');
    const rows = await this.repo.findManyInAgency(this.db, user.agencyId, caseIds);
    if (rows.length !== new Set(caseIds).size) throw notFound('案件不存在');
    if (readsWholeAgency(user)) return;
    const { handlersReadAllCases } = (await this.agencies.get(user.agencyId)).settings;
    if (rows.some((row) => !mayReadCase(user, assignmentOf(row), handlersReadAllCases))) throw notYourCase();
  }

  /** The case's clock; the fee-pause policy captured at registration governs the whole case. */
  clockFor(row: CaseRow, asOf: string) {
    // An online application not yet confirmed is not received in law (条例第31条第（三）项): no clock runs.
    if (row.receipt_date === null) return clockNotStarted();
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
      applicant: maskApplicant(row.applicant),
      description: row.description,
      form: row.form,
      deliveryMethod: row.delivery_method,
      departmentId: row.department_id,
      assigneeId: row.assignee_id,
      outcome: row.outcome,
      closedOn: row.closed_on,
      flags: row.flags,
      items: row.items,
      fee: feeView(summaryOf(row.snapshot).fee, clock),
      allowedActions: allowedActionsFor(row.snapshot, user, today, clock, assignmentOf(row)),
      deadlines: {
        correctionNoticeDue: clock.correctionNoticeDue || null,
        replyDue: clock.replyDue,
        provisional: clock.provisional,
        remainingWorkingDays: clock.remainingWorkingDays,
        overdue: clock.overdue,
        ledger: clock.ledger,
        consultationDues: clock.consultationDues,
        feePaymentDues: clock.feePaymentDues,
        applicantCorrectionDue: clock.applicantCorrectionDue ?? null,
        applicantCorrectionAwaitingReceipt: clock.applicantCorrectionAwaitingReceipt,
      },
      consultations: consultationsView(row.snapshot, clock),
      notices: noticesView(row.snapshot, lettersOfHistory(history)),
      summary: summaryOf(row.snapshot),
      letters: await this.letters.listForCase(row.id, q),
      history,
      backdatedEvents: backdatedEventsOf(history),
      createdAt: new Date(row.created_at).toISOString(),
    };
  }

  async history(caseId: string, q: Queryable = this.db) {
    const rows = await this.repo.history(q, caseId);
    return rows.map((r) => ({
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
    const c = await this.repo.storedState(this.db, caseId);
    if (!c) throw notFound('案件不存在');
    const rows = await this.repo.chainEntries(this.db, caseId);
    const events = rows.map((r) => ({
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

  /** The worklist's filter: the query's conditions within what the user may read. */
  private async listFilter(user: AuthUser, q: Record<string, any>) {
    // A handler's worklist holds the cases of their department and those assigned to them.
    const whole = readsWholeAgency(user) || readsWholeAgency(user, (await this.agencies.get(user.agencyId)).settings.handlersReadAllCases);
    return {
      agencyId: user.agencyId,
      handledBy: whole ? undefined : { userId: user.id, departmentId: user.departmentId },
      state: q.state,
      departmentId: q.departmentId,
      assigneeId: q.assigneeId,
      applicant: q.applicant,
      text: q.text,
      receivedFrom: q.receivedFrom,
      receivedTo: q.receivedTo,
      dueBefore: q.dueBefore,
      overdue: q.overdue,
      outcome: q.outcome,
      flag: q.flag,
      approvableBy: q.approvableBy,
    };
  }

  async list(user: AuthUser, q: Record<string, any>) {
    const filter = await this.listFilter(user, q);
    const page: number = q.page ?? 1;
    const pageSize: number = q.pageSize ?? 20;
    // Keyset mode (cursor: the previous page's nextCursor) reads on from that row; page mode skips OFFSET rows.
    const after = q.cursor !== undefined ? decodeWorklistCursor(q.cursor) : undefined;
    // Counted up to WORKLIST_COUNT_CAP (then "more than"): never the whole agency on every page.
    // Both on the standby when it has replayed everything committed before this request (ReadReplica).
    const [{ total, exact }, fetched] = await this.reads.run((db) =>
      Promise.all([
        this.repo.countMatching(filter, WORKLIST_COUNT_CAP, db),
        this.repo.pageMatching(filter, pageSize + 1, after ? { after } : { offset: (page - 1) * pageSize }, db),
      ]),
    );
    const rows = fetched.rows.slice(0, pageSize);
    const last = rows[rows.length - 1];
    // A text search that read only part of the order (searchLimited) reads on after the last row it read.
    const nextCursor = fetched.limited && fetched.scannedTo
      ? encodeWorklistCursor(fetched.scannedTo)
      : fetched.rows.length > pageSize && last
        ? encodeWorklistCursor(keyOf(last))
        : null;
    const today = this.clock.today();
    return {
      items: rows.map((r) => ({
        id: r.id,
        caseNumber: r.case_number,
        state: r.state,
        version: r.version,
        receiptDate: r.receipt_date,
        arrivedAt: new Date(r.arrived_at).toISOString(),
        // 网上申请 awaiting confirmation for more than 1 working day after it arrived (flagged to the clerks).
        confirmationOverdue: r.state === 'awaitingConfirmation' && r.next_due_kind === 'confirmation' && !!r.next_due && r.next_due < today,
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
      totalExact: exact,
      page,
      pageSize,
      nextCursor,
      searchLimited: fetched.limited,
    };
  }

  /**
   * The filtered worklist as CSV (GET /cases/export.csv): the same filter and scope as `list`
   * (page and pageSize ignored), at most WORKLIST_EXPORT_CAP rows in the list's order, the identity
   * number masked. Returns the file and whether it was capped.
   */
  async exportCsv(user: AuthUser, q: Record<string, any>): Promise<{ csv: string; total: number; rows: number; capped: boolean }> {
    const filter = await this.listFilter(user, q);
    // One server for the whole file (the standby when caught up, ReadReplica): run again from the start if it falls back.
    const { total, rows, departments } = await this.reads.run(async (db) => {
      const { total } = await this.repo.countMatching(filter, undefined, db);
      const rows: CaseListRow[] = [];
      const chunk = 1000;
      let after: WorklistKey | undefined;
      while (rows.length < Math.min(total, WORKLIST_EXPORT_CAP)) {
        const got = await this.repo.pageMatching(filter, chunk, { after }, db);
        rows.push(...got.rows);
        // A text search's bounded page (limited) reads on after the last row it read, the file stays whole.
        if (got.limited && got.scannedTo) after = got.scannedTo;
        else if (got.rows.length < chunk) break;
        else after = keyOf(got.rows[got.rows.length - 1]);
      }
      rows.splice(WORKLIST_EXPORT_CAP);
      return { total, rows, departments: await this.repo.departmentNames(user.agencyId, db) };
    });
    const cal = this.calendar.current();
    const today = this.clock.today();
    const remaining = (due: string | null): number | null => {
      if (!due) return null;
      try {
        return cal.workingDaysBetween(today, due);
      } catch {
        return null; // beyond the known calendar: left blank
      }
    };
    const lines = rows.map((r) => [
      r.case_number,
      CASE_STATE_LABELS[r.state] ?? r.state,
      r.receipt_date ?? '（待确认）',
      `${r.applicant_name}${r.id_number ? `（${maskIdNumber(r.id_number)}）` : ''}`,
      r.department_id ? (departments.get(r.department_id) ?? '') : '未分办',
      r.reply_due ?? '',
      remainingText(r.overdue, remaining(r.next_due), r.provisional),
      isOutcomeCode(r.outcome) ? outcomeOf(r.outcome).label : (r.outcome ?? ''),
    ]);
    const capped = total > rows.length;
    return { csv: worklistCsv(lines, capped ? { shown: rows.length, total } : undefined), total, rows: rows.length, capped };
  }

  // ---------------------------------------------------------------- internals

  /**
   * Appends an entry to the case's hash chain and moves the chain's head on the case row. The row
   * is ours (inserted, or locked by the step), so `head` is its current head; it is advanced here
   * for the step's next entry. A deleted tail or a rewritten event then shows in verify.
   */
  private async appendEvent(
    m: Queryable,
    head: ChainHead,
    caseId: string,
    entry: EntryBody,
    actorId: string | null,
    occurredOn: string,
  ): Promise<number> {
    const { type, payload } = entry;
    const seq = head.seq + 1;
    const recordedAt = this.clock.now().toISOString();
    const content = { caseId, seq, type, payload: payload ?? {}, actorId, occurredOn, recordedAt };
    const hash = eventHash(head.hash, content);
    await this.repo.appendEvent(m, { caseId, seq, type, payload: payload ?? {}, actorId, occurredOn, recordedAt, prevHash: head.hash, hash });
    head.seq = seq;
    head.hash = hash;
    return seq;
  }

  /**
   * Denormalised worklist columns and the durable timers follow from the snapshot and the clock.
   * `row`: the case as it is now (read under the step's lock); returns it with the new columns.
   */
  async refreshDerived(m: EntityManager, row: CaseRow, today: string): Promise<CaseRow> {
    const { dues, derived } = derivedOf(row.snapshot, this.clockFor(row, today), row.arrived_at, this.calendar.current());
    const fresh = await this.repo.writeDerived(m, row.id, derived);
    // Timers follow the current deadlines; an unchanged one keeps the day it was armed.
    await this.timers.rearm(m, row.id, dues, today);
    return fresh ?? row;
  }
}
