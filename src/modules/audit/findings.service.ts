import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { caseFindings, type AuditLetter } from '../../domain/audit/evaluate';
import { AUDIT_RULES_VERSION, FINDINGS, isFindingCode, type Finding, type FindingCode, type Severity } from '../../domain/audit/findings';
import { TemplateLoader } from '../../domain/letters/template-loader';
import { isOutcomeCode, outcome, type RemedyKind } from '../../domain/outcomes/outcomes';
import type { AuditFindingAddedEntry, AuditSignedOffEntry } from '../../domain/workflow/log';
import { AuthUser } from '../../platform/auth/auth-user';
import { AppException } from '../../platform/http-errors/app-exception';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { ReadReplica } from '../../platform/database/read-replica';
import { AgenciesService } from '../agencies/agencies.service';
import { CalendarService } from '../calendar/calendar.service';
import { CasesService, type CaseRow } from '../cases/cases.service';
import { contextOf } from '../cases/workflow-adapter';
import { AuditListFilter, AuditRepository, LetterRow, Queryable, StoredFinding } from './audit.repository';

const CLOSED_STATES = ['closed', 'archived'];
const isClosed = (row: { state: string }) => CLOSED_STATES.includes(row.state);

/** The remedy kind a letter template carries (its `#! remedy:` header; `outcome` = the outcome's own). */
function templateRemedy(templates: TemplateLoader, variant: string): RemedyKind | null {
  try {
    const head = templates.load(variant);
    const meta = (name: string) => head.match(new RegExp(`^#!\\s*${name}:\\s*(\\S+)`, 'm'))?.[1];
    const remedy = meta('remedy');
    const code = meta('outcome') ?? variant.replace(/^reply_/, '');
    if ((remedy === 'outcome' || !remedy) && isOutcomeCode(code)) return outcome(code).remedy;
    return (remedy as RemedyKind | undefined) ?? null;
  } catch {
    return null;
  }
}

/** What the API answers for one finding (the contract's five fields). */
const view = (f: StoredFinding | Finding) => ({ code: f.code, severity: f.severity, article: f.article, message: f.message, evidence: f.evidence });

/**
 * 法制审核 (issue 15): computes a case's findings from its history with the pure rules of
 * src/domain/audit, stores them when the case closes (and recomputes the closed cases when the
 * rules change), answers them for open cases on the fly, and records the legal staff's own findings
 * and sign-offs in the case history. Legal staff read; they never change case data.
 */
@Injectable()
export class FindingsService implements OnModuleInit {
  private readonly log = new Logger('Audit');
  private readonly templates = new TemplateLoader();

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cases: CasesService,
    private readonly agencies: AgenciesService,
    private readonly calendar: CalendarService,
    private readonly repo: AuditRepository,
    private readonly reads: ReadReplica,
  ) {}

  onModuleInit(): void {
    // A case that closes gets its findings at once (after its transaction committed).
    this.cases.onClosed(async ({ caseId, agencyId }) => {
      await this.recompute(caseId, agencyId);
    });
  }

  /** The rules applied to the case as it stands: `closed` for a closed case, else `open` as of today. */
  async evaluate(row: CaseRow, q: Queryable = this.db): Promise<Finding[]> {
    const ctx = contextOf(row.snapshot);
    const closed = isClosed(row);
    const today = this.clock.today();
    // A closed case is judged as of its closing (its reply deadline as it stood then, with today's calendar).
    const asOf = closed ? (ctx.closedOn ?? row.closed_on ?? today) : today;
    const clock = this.cases.clockFor(row, asOf);
    const [entries, letterRows, proposal, verified, agency] = await Promise.all([
      this.repo.entries(q, row.id),
      this.repo.letters(q, row.id),
      this.repo.latestProposal(q, row.id),
      this.cases.verify(row.agency_id, row.id),
      this.agencies.get(row.agency_id),
    ]);
    const issued = new Map(entries.filter((e) => e.type === 'LETTER_ISSUED').map((e) => [String(e.payload?.letterId), String(e.payload?.sha256 ?? '')]));
    const letters: AuditLetter[] = letterRows.map((l: LetterRow) => ({
      id: l.id,
      type: l.type,
      variant: l.variant,
      status: l.status,
      docNumber: l.doc_number,
      issuedOn: l.issued_on,
      hashIntact: l.actual_sha256 === l.sha256 && (!issued.has(l.id) || issued.get(l.id) === l.sha256),
      replaced: l.replaced,
      remedy: l.type === 'reply' ? templateRemedy(this.templates, l.variant) : null,
      withheldGrounds: Array.isArray(l.fields?.withheldParts) ? (l.fields!.withheldParts as Array<{ ground?: string }>).map((w) => String(w.ground ?? '')) : undefined,
    }));
    return caseFindings({
      scope: closed ? 'closed' : 'open',
      asOf,
      context: ctx,
      entries,
      deadlines: { correctionNoticeDue: clock.correctionNoticeDue ?? null, replyDue: clock.replyDue ?? null },
      letters,
      proposal,
      history: { intact: verified.intact, replayMatches: verified.replayMatches, problems: verified.problems },
      graceWorkingDays: agency.settings.backdateGraceWorkingDays,
      calendar: this.calendar.current(),
    });
  }

  /** Computes and stores the findings of a closed case (no-op for a case that is not closed). */
  async recompute(caseId: string, agencyId: string): Promise<Finding[] | null> {
    const row = await this.cases.load(agencyId, caseId);
    if (!isClosed(row)) return null;
    const findings = await this.evaluate(row);
    await this.db.transaction((m) => this.repo.storeComputed(m, { caseId, agencyId }, findings, AUDIT_RULES_VERSION));
    return findings;
  }

  /**
   * Recomputes, batch by batch (`batchSize` cases read at a time, in id order), the closed cases
   * whose stored findings are missing or from other rules — or every closed case with `all` (which
   * also re-verifies their histories). Returns how many were computed; `limit` caps one run.
   */
  async recomputeClosed(opts: { all?: boolean; batchSize?: number; limit?: number } = {}): Promise<number> {
    const batch = opts.batchSize ?? 200;
    let after: string | null = null;
    let done = 0;
    for (;;) {
      const ids = await this.repo.closedToRecompute(after, AUDIT_RULES_VERSION, !!opts.all, batch);
      if (!ids.length) return done;
      for (const c of ids) {
        try {
          await this.recompute(c.id, c.agency_id);
          done++;
        } catch (e) {
          this.log.error(`audit of case ${c.id} failed: ${e instanceof Error ? e.message : String(e)}`);
        }
        if (opts.limit && done >= opts.limit) return done;
      }
      after = ids[ids.length - 1].id;
    }
  }

  /** Who may read a case's findings: legal staff and admins; approvers while the case is in approval. */
  private mayRead(user: AuthUser, row: CaseRow): boolean {
    if (user.roles.includes('legal') || user.roles.includes('admin')) return true;
    return user.roles.includes('approver') && row.state === 'inApproval';
  }

  /** GET /cases/:id/findings: stored for a closed case (computed first if missing or from other rules), on the fly for an open one. */
  async forCase(user: AuthUser, caseId: string) {
    const row = await this.cases.load(user.agencyId, caseId);
    if (!this.mayRead(user, row)) {
      throw new AppException(403, 'FORBIDDEN_ROLE', '只有法制审核人员和系统管理员可以查看法制审核发现项；审批人可在案件报批期间查看');
    }
    if (isClosed(row)) {
      const stored = await this.repo.audit(this.db, row.id);
      if (!stored || stored.rules_version !== AUDIT_RULES_VERSION) await this.recompute(row.id, row.agency_id);
      return (await this.repo.findings(this.db, row.id)).map(view);
    }
    const legal = await this.repo.findings(this.db, row.id, 'legal');
    return [...(await this.evaluate(row)).map(view), ...legal.map(view)];
  }

  /** POST /cases/:id/audit/findings: legal staff's own finding or comment, recorded in the history. */
  async addFinding(user: AuthUser, caseId: string, body: { code?: string; severity?: Severity; comment: string }) {
    const code: FindingCode = body.code && isFindingCode(body.code) ? body.code : 'LEGAL_NOTE';
    const rule = FINDINGS[code];
    const severity: Severity = body.severity ?? rule.severity;
    const comment = body.comment.trim();
    const entry: AuditFindingAddedEntry = { type: 'AUDIT_FINDING_ADDED', payload: { code, severity, article: rule.article, comment } };
    await this.cases.appendAuditEntry(user, caseId, entry, (m, row, seq) =>
      this.repo.insertLegalFinding(m, { caseId: row.id, agencyId: row.agency_id, userId: user.id, seq }, {
        source: 'legal',
        code,
        severity,
        article: rule.article,
        message: code === 'LEGAL_NOTE' ? `${rule.message}：${comment}` : `${rule.message}（法制审核人员认定）：${comment}`,
        evidence: { eventSeq: seq, addedBy: user.username ?? user.id, addedOn: this.clock.today(), comment },
      }),
    );
    return this.forCase(user, caseId);
  }

  /** POST /cases/:id/audit/sign-off: the review of a closed case, once, recorded in the history with the findings it had. */
  async signOff(user: AuthUser, caseId: string, comments: string) {
    const findings = await this.forCase(user, caseId);
    const text = comments.trim();
    const entry = (row: CaseRow): AuditSignedOffEntry => {
      if (!isClosed(row)) throw new AppException(409, 'AUDIT_CASE_NOT_CLOSED', '案件尚未办结，不能签核（法制审核签核针对已办结的案件）');
      return { type: 'AUDIT_SIGNED_OFF', payload: { comments: text, rulesVersion: AUDIT_RULES_VERSION, findings: findings.map((f) => f.code) } };
    };
    const signedAt = await this.cases.appendAuditEntry(user, caseId, entry, async (m, row, seq) => {
      const ok = await this.repo.signOff(m, { caseId: row.id, agencyId: row.agency_id, userId: user.id, seq, comments: text }, AUDIT_RULES_VERSION);
      if (!ok) throw new AppException(409, 'AUDIT_ALREADY_SIGNED_OFF', '该案件已经法制审核签核，不能重复签核（可另行添加审核意见）');
      return seq;
    });
    return { caseId, signedOff: true, eventSeq: signedAt, comments: text, findings };
  }

  /** GET /audit/cases: closed cases with their finding counts, filtered by finding and closing date. */
  async list(user: AuthUser, q: { finding?: string; closedFrom?: string; closedTo?: string; signedOff?: boolean; page?: number; pageSize?: number }) {
    const filter: AuditListFilter = { agencyId: user.agencyId, finding: q.finding, closedFrom: q.closedFrom, closedTo: q.closedTo, signedOff: q.signedOff };
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    // On the standby when it has replayed everything committed before this request (ReadReplica).
    const [total, rows] = await this.reads.run((q) => Promise.all([this.repo.countClosed(filter, q), this.repo.pageClosed(filter, page, pageSize, q)]));
    return {
      items: rows.map((r: any) => ({
        id: r.id,
        caseNumber: r.case_number,
        state: r.state,
        outcome: r.outcome,
        closedOn: r.closed_on,
        applicantName: r.applicant_name,
        // false: not computed under the current rules yet (closed before the audit existed, or the rules changed).
        computed: r.rules_version === AUDIT_RULES_VERSION,
        findingCount: r.finding_count,
        highCount: r.high_count,
        codes: r.codes,
        signedOff: !!r.signed_off_at,
        signedOffAt: r.signed_off_at ? new Date(r.signed_off_at).toISOString() : null,
      })),
      total,
      page,
      pageSize,
    };
  }
}
