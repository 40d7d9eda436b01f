import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ApplicationItems } from '../../domain/fees';
import type { EarlierCase, RequestFlag } from '../../domain/patterns/request-patterns';
import type { ApplicantDto } from './dto';
import type { ChainedEvent } from './history-chain';
import { LIKE_ESCAPE, likeContaining, likeOperator } from '../../platform/database/like';

/**
 * Anything that runs SQL: the pool's DataSource, or a transaction's EntityManager. A method that
 * runs inside a transaction is always given the transaction's manager (never the pool: a query on
 * the pool while the transaction holds a connection and a row lock can wait for ever).
 */
export type Queryable = Pick<EntityManager, 'query'>;

/** The applicant as registered (条例第29条), stored as the case's `applicant` jsonb. */
export type ApplicantRecord = { [K in keyof ApplicantDto]: ApplicantDto[K] };

/** A case row as the cases area reads it (dates as YYYY-MM-DD strings). */
export interface CaseRow {
  id: string;
  agency_id: string;
  case_number: string;
  tracking_code: string;
  channel: string;
  arrived_at: Date;
  confirmed_at: Date | null;
  /** 收到申请之日; null while an online application awaits the office's confirmation (条例第31条第（三）项). */
  receipt_date: string | null;
  applicant: ApplicantRecord;
  description: string;
  form: string;
  delivery_method: string;
  /** The statechart's persisted snapshot (read through workflow-adapter, never directly). */
  snapshot: unknown;
  version: number;
  state: string;
  department_id: string | null;
  assignee_id: string | null;
  reply_due: string | null;
  next_due: string | null;
  overdue: boolean;
  outcome: string | null;
  closed_on: string | null;
  flags: RequestFlag[];
  created_at: Date;
  idempotency_key: string;
  fee_pauses_clock: boolean;
  /** 件 of the application (国办函〔2020〕109号第四条), 1 unless recorded otherwise. */
  items: number;
}

/** The head of the case's hash chain (cases.head_seq / head_hash). */
export interface ChainHead {
  seq: number;
  hash: string | null;
}

/** A case row read (or written) under its row lock, with the head of its hash chain. */
export interface LockedCaseRow extends CaseRow {
  head_seq: number;
  head_hash: string | null;
  /** Letters whose 文号 are taken but which are not rendered yet (migration 1765700100000); null when none. */
  pending_letters: PendingLetters | null;
}

/**
 * What a step reserved for letters it issues after its commit (a registration's 登记回执, see
 * CasesService.register): the 文号 taken, the letters' facts, and the step they belong to.
 */
export interface PendingLetters {
  step: string;
  /** The step's business date and history entry (the applicant's message names them). */
  on: string;
  eventSeq: number;
  /** The day the numbers were taken: the letters' date (their 文号's year is that day's). */
  issuedOn: string;
  userId: string | null;
  reservedAt: string;
  letters: Array<{
    type: string;
    template: string;
    fields: Record<string, unknown>;
    series: string;
    year: number;
    seq: number;
    docNumber: string;
  }>;
}

/** What an action reads with its lock: the row, the chain head and the latest history entry's date. */
export interface ActionCaseRow extends LockedCaseRow {
  /** Business date of the latest history entry (YYYY-MM-DD), null without entries. */
  last_occurred_on: string | null;
}

export interface NewCase {
  id: string;
  agencyId: string;
  year: number;
  seq: number;
  caseNumber: string;
  trackingCode: string;
  idempotencyKey: string;
  channel: string;
  arrivedAt: string;
  confirmedAt: string | null;
  /** Null for an online application awaiting confirmation. */
  receiptDate: string | null;
  applicant: ApplicantRecord;
  applicantKey: string;
  description: string;
  form: string;
  deliveryMethod: string;
  snapshot: unknown;
  state: string;
  /** Null for an application the applicant submitted online. */
  createdBy: string | null;
  feePausesClock: boolean;
  flags: RequestFlag[];
  items: number;
}

export interface NewCaseEvent extends ChainedEvent {
  prevHash: string | null;
  hash: string;
}

/** The worklist columns that follow from the snapshot and the clock (refreshed after every step). */
export interface DerivedColumns {
  departmentId: string | null;
  assigneeId: string | null;
  replyDue: string | null;
  nextDue: string | null;
  nextDueKind: string | null;
  provisional: boolean;
  overdue: boolean;
  outcome: string | null;
  closedOn: string | null;
  /** The 件 a per-item fee notice recorded for the application; null keeps the registered count. */
  items: number | null;
}

export interface HistoryRow {
  seq: number;
  type: string;
  payload: unknown;
  actor_id: string | null;
  username: string | null;
  display_name: string | null;
  occurred_on: string;
  recorded_at: Date;
  hash: string;
}

export interface ChainEntryRow {
  case_id: string;
  seq: number;
  type: string;
  payload: unknown;
  actor_id: string | null;
  occurred_on: string;
  recorded_at: Date;
  prev_hash: string | null;
  hash: string;
}

export interface StoredStateRow {
  snapshot: unknown;
  state: string;
  head_seq: number;
  head_hash: string | null;
}

export interface StoredAnswerRow {
  action: string;
  body: string;
}

export interface CaseListFilter {
  agencyId: string;
  /** Only the cases of this department or assigned to this user (a handler's scope); absent: the whole agency. */
  handledBy?: { userId: string; departmentId: string | null };
  state?: string;
  departmentId?: string;
  assigneeId?: string;
  applicant?: string;
  text?: string;
  receivedFrom?: string;
  receivedTo?: string;
  dueBefore?: string;
  overdue?: boolean;
  outcome?: string;
  /** Cases carrying a flag of this kind (RequestFlag.kind). */
  flag?: string;
  /**
   * The approval inbox: cases in approval whose pending step this user may take (the step names
   * them, or names no one and one of their roles), whose proposal is not theirs and whose earlier
   * steps they did not approve — the rules of rules.ts APPROVE and access.ts isSelfApproval, read
   * from the persisted context.
   */
  approvableBy?: { userId: string; roles: readonly string[] };
}

export interface CaseListRow {
  id: string;
  case_number: string;
  state: string;
  version: number;
  receipt_date: string | null;
  arrived_at: Date;
  applicant_name: string;
  id_number: string | null;
  applicant_category: string;
  department_id: string | null;
  assignee_id: string | null;
  reply_due: string | null;
  next_due: string | null;
  next_due_kind: string | null;
  overdue: boolean;
  provisional: boolean;
  outcome: string | null;
  description: string;
}

const CASE_COLUMNS = `id, agency_id, case_number, tracking_code, channel, arrived_at, confirmed_at,
  to_char(receipt_date, 'YYYY-MM-DD') AS receipt_date, applicant, description, form, delivery_method, snapshot, version,
  state, department_id, assignee_id, to_char(reply_due, 'YYYY-MM-DD') AS reply_due,
  to_char(next_due, 'YYYY-MM-DD') AS next_due, overdue, outcome, to_char(closed_on, 'YYYY-MM-DD') AS closed_on, flags,
  created_at, idempotency_key, fee_pauses_clock, items`;

const LOCKED_COLUMNS = `${CASE_COLUMNS}, head_seq, head_hash, pending_letters`;

/** UPDATE … RETURNING answers [rows, affected] through TypeORM's postgres driver. */
function returned<T>(result: unknown): T | null {
  const rows = Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
  return rows[0] ?? null;
}

/**
 * ` AND gid_bigrams(column) @> gid_bigrams(fragment)` for a fragment of two or more characters (the
 * index condition of the bigram GIN index), else nothing (a single character has no bigram).
 */
function bigramCondition(column: string, fragment: string, params: unknown[]): string {
  if ([...fragment.trim()].length < 2) return '';
  params.push(fragment.trim());
  return ` AND gid_bigrams(${column}) @> gid_bigrams($${params.length}::text)`;
}

/**
 * The worklist's order (deadline, receipt date, case number; NULLs last) as one sort key that the
 * order indexes of migration 1765500000000 serve, and a page's position in it (the keyset cursor).
 */
export const WORKLIST_ORDER_KEY = `coalesce(c.next_due, 'infinity'::date), coalesce(c.receipt_date, 'infinity'::date), c.case_number`;
export interface WorklistKey {
  nextDue: string | null;
  receiptDate: string | null;
  caseNumber: string;
}

/**
 * The bounds of a text search's work on one page (pageMatching, countMatching; issue 16). A property
 * of the repository (`searchLimits`) so that a test can scale them down to a small dataset.
 */
export interface TextSearchLimits {
  /**
   * The bigram look-up runs only when one of the fragment's bigrams is in at most this many cases, or
   * is not among the bigrams ANALYZE found common (the planner's estimates from the statistics of the
   * bigram index): it then reads that bigram's posting list and fetches about as many rows (~5–10 µs
   * each, a random heap page). A fragment made only of common bigrams
   * ('2023年': every bigram in a quarter of the descriptions or more) would read hundreds of thousands
   * of index entries (~70 ms at a million cases), however few its matches.
   */
  lookupRows: number;
  /**
   * Matches the look-up fetches, unordered: up to this many are sorted and the page is exact; more,
   * and the page comes from the walk of the order instead (having fetched this many, ~5 ms).
   */
  candidates: number;
  /**
   * Rows of the worklist's order one page's walk reads at most (its order index; ~1 µs a row): a
   * fragment found in one case in 500 fills a page within them.
   */
  walkRows: number;
  /**
   * Rows of the worklist's order a costly fragment's count reads at most (countMatching: its total is
   * then a lower bound, the matches among them).
   */
  countRows: number;
}

export const TEXT_SEARCH_LIMITS: Readonly<TextSearchLimits> = {
  lookupRows: 1000,
  candidates: 500,
  walkRows: 10_000,
  countRows: 5000,
};

/** A page of the worklist (pageMatching). */
export interface CaseListPage {
  rows: CaseListRow[];
  /**
   * A text search that read only part of the worklist's order (TextSearchLimits.walkRows rows after
   * the cursor) without filling the page: `rows` are all the matches among those rows, in order, and
   * more may follow `scannedTo`, the last row read (where the next page continues).
   */
  limited: boolean;
  scannedTo: WorklistKey | null;
}

/** A text search's index look-up (sortedCandidates): the column and the rarest of the fragment's bigrams in it. */
interface BigramLookup {
  column: 'description' | 'applicant_name';
  bigrams: string[];
  /** The planner's estimate of the cases holding the rarest of them. */
  rows: number;
  /**
   * Cheap to look up: the rarest is in at most `lookupRows` cases, or is not among the bigrams that
   * ANALYZE found common (the planner then estimates every such bigram alike, from the least
   * frequent common one: a bigram estimated no higher than one that never occurs is not common).
   */
  cheap: boolean;
}

/**
 * The WHERE clause of the worklist (parameters numbered from $1). `text: 'apart'`: the text and
 * applicant conditions without their bigram look-up (LIKE or ILIKE alone: for a walk of the
 * worklist's order, or beside the look-up's own condition), in `textSql` instead of `sql` (numbered
 * with the others).
 */
function listWhere(f: CaseListFilter, opts: { text?: 'indexed' | 'apart' } = {}): { sql: string; params: unknown[]; textSql: string } {
  const text = opts.text ?? 'indexed';
  const textWhere: string[] = [];
  const where: string[] = ['c.agency_id = $1'];
  const params: unknown[] = [f.agencyId];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.handledBy) {
    // A handler's scope: their department's cases and those assigned to them by name.
    params.push(f.handledBy.userId, f.handledBy.departmentId);
    where.push(`(c.assignee_id = $${params.length - 1} OR c.department_id = $${params.length})`);
  }
  if (f.approvableBy) {
    params.push(f.approvableBy.userId, [...f.approvableBy.roles]);
    const [u, r] = [`$${params.length - 1}`, `$${params.length}::text[]`];
    const step = `(c.snapshot #> '{context,approvalChain}') -> coalesce(jsonb_array_length(c.snapshot #> '{context,approvals}'), 0)`;
    const proposer = `CASE WHEN jsonb_typeof(c.snapshot #> '{context,closure}') = 'object'
                           THEN c.snapshot #>> '{context,closure,proposedBy}' ELSE c.snapshot #>> '{context,proposal,proposedBy}' END`;
    where.push(`c.state = 'inApproval'
      AND (${step} ->> 'approverId' = ${u}::text OR (${step} ->> 'approverId' IS NULL AND ${step} ->> 'step' = ANY(${r})))
      AND (${proposer}) IS DISTINCT FROM ${u}::text
      AND NOT coalesce(c.snapshot #> '{context,approvals}', '[]'::jsonb) @> jsonb_build_array(jsonb_build_object('actorId', ${u}::text))`);
  }
  if (f.state) add('c.state = ?', f.state);
  if (f.departmentId) add('c.department_id = ?', f.departmentId);
  if (f.assigneeId) add('c.assignee_id = ?', f.assigneeId);
  // The user's text matches literally: %, _ and \ in it are escaped (likeContaining). A fragment of
  // two or more characters is first looked up in the character-bigram indexes (gid_bigrams, migration
  // 1765500000000), and ILIKE re-checks the candidates (LIKE when the text has no cased letter:
  // likeOperator); the case number through its pg_trgm index.
  if (f.applicant) {
    params.push(likeContaining(f.applicant));
    const p = `$${params.length}`;
    const bigrams = text === 'indexed' ? bigramCondition('c.applicant_name', f.applicant, params) : '';
    (text === 'apart' ? textWhere : where).push(`c.applicant_name ${likeOperator(f.applicant)} ${p} ${LIKE_ESCAPE}${bigrams}`);
  }
  if (f.text) {
    params.push(likeContaining(f.text));
    const p = `$${params.length}`;
    const bigrams = text === 'indexed' ? bigramCondition('c.description', f.text, params) : '';
    // ILIKE first: where rows are scanned instead (a small agency), the bigrams are computed only for its matches.
    // A case number holds only digits and '-' (YYYY-NNNNNN): a fragment with any other character cannot
    // match one, and without that OR branch the bigram index alone serves the search (no recheck of the OR).
    const like = likeOperator(f.text);
    const description = `c.description ${like} ${p} ${LIKE_ESCAPE}${bigrams}`;
    (text === 'apart' ? textWhere : where).push(/^[0-9-]+$/.test(f.text.trim()) ? `((${description}) OR c.case_number ${like} ${p} ${LIKE_ESCAPE})` : `(${description})`);
  }
  if (f.receivedFrom) add('c.receipt_date >= ?', f.receivedFrom);
  if (f.receivedTo) add('c.receipt_date <= ?', f.receivedTo);
  if (f.dueBefore) add('c.next_due <= ?', f.dueBefore);
  if (f.overdue !== undefined) add('c.overdue = ?', f.overdue);
  if (f.outcome) add('c.outcome = ?', f.outcome);
  if (f.flag) add(`c.flags @> jsonb_build_array(jsonb_build_object('kind', ?::text))`, f.flag);
  return { sql: where.join(' AND '), params, textSql: textWhere.join(' AND ') };
}

/** The worklist's columns (CaseListRow) of `cases c`. */
const LIST_COLUMNS = `c.id, c.case_number, c.state, c.version, to_char(c.receipt_date, 'YYYY-MM-DD') AS receipt_date, c.arrived_at,
  c.applicant_name, c.applicant->>'idNumber' AS id_number, c.applicant_category, c.department_id, c.assignee_id,
  to_char(c.reply_due, 'YYYY-MM-DD') AS reply_due, to_char(c.next_due, 'YYYY-MM-DD') AS next_due, c.next_due_kind,
  c.overdue, c.provisional, c.outcome, left(c.description, 120) AS description`;

/** ` AND` the row comes after `after` in the worklist's order (its parameters appended), or nothing. */
function keysetAfter(after: WorklistKey | undefined, params: unknown[]): string {
  if (!after) return '';
  params.push(after.nextDue, after.receiptDate, after.caseNumber);
  const n = params.length;
  return ` AND (${WORKLIST_ORDER_KEY}) > (coalesce($${n - 2}::date, 'infinity'::date), coalesce($${n - 1}::date, 'infinity'::date), $${n}::text)`;
}

/** A row's position in the worklist's order (the keyset cursor's content). */
export function keyOf(r: Pick<CaseListRow, 'next_due' | 'receipt_date' | 'case_number'>): WorklistKey {
  return { nextDue: r.next_due, receiptDate: r.receipt_date, caseNumber: r.case_number };
}

/**
 * All SQL on cases, case_events, case_action_requests and case_number_counters (and the few
 * look-ups an action makes on departments, users and letters). One method per query.
 */
@Injectable()
export class CaseRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  // ------------------------------------------------------------ registration

  /** Next number of the agency's year: gap-free, the counter row stays locked until the transaction ends. */
  async nextCaseSeq(m: Queryable, agencyId: string, year: number): Promise<number> {
    const [{ last }] = await m.query(
      `INSERT INTO case_number_counters (agency_id, year, last) VALUES ($1, $2, 1)
       ON CONFLICT (agency_id, year) DO UPDATE SET last = case_number_counters.last + 1 RETURNING last`,
      [agencyId, year],
    );
    return last as number;
  }

  /** The applicant's cases and the agency's recent ones, for the request flags (条例第35、36、44条). */
  async earlierRequests(m: Queryable, agencyId: string, applicantKey: string, receiptDate: string): Promise<EarlierCase[]> {
    const rows: Array<{ id: string; case_number: string; applicant_key: string; description: string; receipt_date: string; answered: boolean }> =
      await m.query(
        // An online application awaiting confirmation counts from the day it arrived (it has no receipt date yet).
        // Three indexed parts instead of one OR over the agency (a scan at a million cases): the applicant's
        // cases (cases_applicant_idx), the agency's recent ones (cases_receipt_idx) and the unconfirmed
        // online applications (cases_unconfirmed_idx); each part ordered and limited like the whole.
        `SELECT id, case_number, applicant_key, description, to_char(day, 'YYYY-MM-DD') AS receipt_date, answered
           FROM (
             (SELECT id, case_number, applicant_key, description, receipt_date AS day, outcome IS NOT NULL AS answered
                FROM cases WHERE agency_id = $1 AND applicant_key = $2 AND receipt_date IS NOT NULL ORDER BY receipt_date DESC LIMIT 500)
             UNION
             (SELECT id, case_number, applicant_key, description, receipt_date AS day, outcome IS NOT NULL AS answered
                FROM cases WHERE agency_id = $1 AND receipt_date >= $3::date - 180 ORDER BY receipt_date DESC LIMIT 500)
             UNION
             (SELECT id, case_number, applicant_key, description, (arrived_at AT TIME ZONE 'Asia/Shanghai')::date AS day, outcome IS NOT NULL AS answered
                FROM cases WHERE agency_id = $1 AND receipt_date IS NULL
                 AND (applicant_key = $2 OR arrived_at >= ($3::date - 181)::timestamp AT TIME ZONE 'Asia/Shanghai'))
           ) c
          WHERE applicant_key = $2 OR day >= $3::date - 180
          ORDER BY day DESC LIMIT 500`,
        [agencyId, applicantKey, receiptDate],
      );
    return rows.map((e) => ({
      id: e.id,
      caseNumber: e.case_number,
      applicantKey: e.applicant_key,
      description: e.description,
      receiptDate: e.receipt_date,
      answered: e.answered,
    }));
  }

  /** The agency with this id, or (no id) every agency: the candidates of an online application's agency. */
  async agencyIds(q: Queryable, id: string | undefined): Promise<string[]> {
    const rows: Array<{ id: string }> = id
      ? await q.query(`SELECT id FROM agencies WHERE id = $1`, [id])
      : await q.query(`SELECT id FROM agencies ORDER BY created_at LIMIT 2`);
    return rows.map((r) => r.id);
  }

  async insert(m: Queryable, c: NewCase): Promise<CaseRow> {
    const [row] = await m.query(
      `INSERT INTO cases (id, agency_id, year, seq, case_number, tracking_code, idempotency_key, channel, arrived_at,
         confirmed_at, receipt_date, applicant, applicant_name, applicant_key, applicant_category, description, form,
         delivery_method, snapshot, state, created_by, fee_pauses_clock, flags, items)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24) RETURNING ${CASE_COLUMNS}`,
      [
        c.id, c.agencyId, c.year, c.seq, c.caseNumber, c.trackingCode, c.idempotencyKey, c.channel, c.arrivedAt,
        c.confirmedAt, c.receiptDate, JSON.stringify(c.applicant), c.applicant.name, c.applicantKey, c.applicant.category,
        c.description, c.form, c.deliveryMethod, JSON.stringify(c.snapshot), c.state, c.createdBy, c.feePausesClock,
        JSON.stringify(c.flags), c.items,
      ],
    );
    return row as CaseRow;
  }

  // ------------------------------------------------------------ reading one case

  async findInAgency(q: Queryable, agencyId: string, caseId: string): Promise<CaseRow | null> {
    const [row] = await q.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 AND agency_id = $2`, [caseId, agencyId]);
    return (row as CaseRow | undefined) ?? null;
  }

  /** The agency's cases among `caseIds` (those of another agency or none are simply absent). */
  async findManyInAgency(q: Queryable, agencyId: string, caseIds: string[]): Promise<CaseRow[]> {
    return (await q.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = ANY($1::uuid[]) AND agency_id = $2`, [caseIds, agencyId])) as CaseRow[];
  }

  async findByIdempotencyKey(q: Queryable, agencyId: string, key: string): Promise<CaseRow | null> {
    const [row] = await q.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE agency_id = $1 AND idempotency_key = $2`, [agencyId, key]);
    return (row as CaseRow | undefined) ?? null;
  }

  /**
   * Locks the agency's case (FOR UPDATE) and reads it with its chain head and the latest business
   * date, in one query. The date comes from the statement's snapshot: after waiting for the lock it
   * can miss the entries of the transaction that held it, but that transaction raised the version,
   * so an action checks the version first (and refuses) before it looks at the date.
   * A LETTER_ISSUED entry is dated the day the letter was generated, not the business date of its
   * step (a backdated step's letter is dated today), so it does not bound the next step's date; nor
   * do the documents and redactions (issue 18), recorded the day they are made beside the workflow.
   */
  async lockForAction(m: Queryable, agencyId: string, caseId: string): Promise<ActionCaseRow | null> {
    const [row] = await m.query(
      `SELECT ${LOCKED_COLUMNS},
              (SELECT to_char(max(e.occurred_on), 'YYYY-MM-DD') FROM case_events e
                WHERE e.case_id = cases.id AND e.type NOT IN ('LETTER_ISSUED', 'DOCUMENT_ADDED', 'REDACTION_ADDED', 'REDACTION_REMOVED')) AS last_occurred_on
         FROM cases WHERE id = $1 AND agency_id = $2 FOR UPDATE`,
      [caseId, agencyId],
    );
    return (row as ActionCaseRow | undefined) ?? null;
  }

  /** Locks the agency's case (FOR UPDATE) and reads it with its chain head. */
  async lockInAgency(m: Queryable, agencyId: string, caseId: string): Promise<LockedCaseRow | null> {
    const [row] = await m.query(`SELECT ${LOCKED_COLUMNS} FROM cases WHERE id = $1 AND agency_id = $2 FOR UPDATE`, [caseId, agencyId]);
    return (row as LockedCaseRow | undefined) ?? null;
  }

  /** Locks a case by id alone (system steps: timers, recalculation). */
  async lock(m: Queryable, caseId: string): Promise<LockedCaseRow | null> {
    const [row] = await m.query(`SELECT ${LOCKED_COLUMNS} FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
    return (row as LockedCaseRow | undefined) ?? null;
  }

  /**
   * Raises the version for a fact the system records (bumpVersion) and reads, in the same statement,
   * the latest business date of the case's history (YYYY-MM-DD; letters' issue dates left out, as
   * in lockForAction; null without entries).
   */
  async bumpVersionForFact(m: Queryable, caseId: string): Promise<(LockedCaseRow & { last_occurred_on: string | null }) | null> {
    const r = await m.query(
      `UPDATE cases SET version = version + 1, updated_at = now() WHERE id = $1
       RETURNING ${LOCKED_COLUMNS},
                 (SELECT to_char(max(e.occurred_on), 'YYYY-MM-DD') FROM case_events e WHERE e.case_id = cases.id AND e.type <> 'LETTER_ISSUED') AS last_occurred_on`,
      [caseId],
    );
    return returned<LockedCaseRow & { last_occurred_on: string | null }>(r);
  }

  /** The agency and number of a case (for a log line or a notification). */
  async label(q: Queryable, caseId: string): Promise<{ agency_id: string; case_number: string } | null> {
    const [c] = await q.query(`SELECT agency_id, case_number FROM cases WHERE id = $1`, [caseId]);
    return (c as { agency_id: string; case_number: string } | undefined) ?? null;
  }

  async openCaseIds(q: Queryable): Promise<string[]> {
    const rows: Array<{ id: string }> = await q.query(`SELECT id FROM cases WHERE state NOT IN ('closed', 'archived') ORDER BY id`);
    return rows.map((r) => r.id);
  }

  /** What verify compares the history with: the stored state and the chain head. */
  async storedState(q: Queryable, caseId: string): Promise<StoredStateRow | null> {
    const [c] = await q.query(`SELECT snapshot, state, head_seq, head_hash FROM cases WHERE id = $1`, [caseId]);
    return (c as StoredStateRow | undefined) ?? null;
  }

  // ------------------------------------------------------------ writing one case

  /**
   * The transition's new snapshot and state, raising the version; only when the version is still
   * `version`. Returns the row as it now is, or null when the version had moved.
   */
  async writeState(
    m: Queryable,
    caseId: string,
    version: number,
    snapshot: unknown,
    state: string,
    /** An online application's confirmation (条例第31条第（三）项): its receipt date and instant, set with the state. */
    receipt?: { receiptDate: string; confirmedAt: string },
  ): Promise<CaseRow | null> {
    const r = await m.query(
      `UPDATE cases SET snapshot = $3, state = $4, version = version + 1, updated_at = now(),
                        receipt_date = coalesce($5::date, receipt_date), confirmed_at = coalesce($6::timestamptz, confirmed_at)
        WHERE id = $1 AND version = $2 RETURNING ${CASE_COLUMNS}`,
      [caseId, version, JSON.stringify(snapshot), state, receipt?.receiptDate ?? null, receipt?.confirmedAt ?? null],
    );
    return returned<CaseRow>(r);
  }

  /** Raises the version without a transition (a system fact, a corrected letter); the row as it now is. */
  async bumpVersion(m: Queryable, caseId: string): Promise<LockedCaseRow | null> {
    const r = await m.query(`UPDATE cases SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING ${LOCKED_COLUMNS}`, [caseId]);
    return returned<LockedCaseRow>(r);
  }

  /** Letters reserved by a step, issued after its commit (in the caller's transaction). */
  async setPendingLetters(m: Queryable, caseId: string, p: PendingLetters): Promise<void> {
    await m.query(`UPDATE cases SET pending_letters = $2 WHERE id = $1`, [caseId, JSON.stringify(p)]);
  }

  /** The reserved letters are issued: nothing pending any more (in the caller's transaction). */
  async clearPendingLetters(m: Queryable, caseId: string): Promise<void> {
    await m.query(`UPDATE cases SET pending_letters = NULL WHERE id = $1`, [caseId]);
  }

  /** Cases whose reserved letters have waited longer than `olderThanSeconds` (a crash between the two transactions). */
  async casesWithStalePendingLetters(q: Queryable, olderThanSeconds: number, limit: number): Promise<string[]> {
    const rows = (await q.query(
      `SELECT id FROM cases WHERE pending_letters IS NOT NULL AND created_at < now() - make_interval(secs => $1)
        ORDER BY created_at LIMIT $2`,
      [olderThanSeconds, limit],
    )) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  /** Adds a flag to the case (in the caller's transaction). */
  async addFlag(m: Queryable, caseId: string, flag: RequestFlag): Promise<void> {
    await m.query(`UPDATE cases SET flags = flags || jsonb_build_array($2::jsonb) WHERE id = $1`, [caseId, JSON.stringify(flag)]);
  }

  /** The denormalised worklist columns; the row as it now is. */
  async writeDerived(m: Queryable, caseId: string, d: DerivedColumns): Promise<CaseRow | null> {
    const r = await m.query(
      `UPDATE cases SET department_id = $2, assignee_id = $3, reply_due = $4, next_due = $5, next_due_kind = $6,
                        provisional = $7, overdue = $8, outcome = $9, closed_on = $10, items = coalesce($11, items)
        WHERE id = $1 RETURNING ${CASE_COLUMNS}`,
      [caseId, d.departmentId, d.assigneeId, d.replyDue, d.nextDue, d.nextDueKind, d.provisional, d.overdue, d.outcome, d.closedOn, d.items],
    );
    return returned<CaseRow>(r);
  }

  // ------------------------------------------------------------ history (case_events)

  /**
   * Appends the entry and moves the chain's head on the case row to it, in one statement (the row
   * is the caller's, locked or inserted in its transaction).
   */
  async appendEvent(m: Queryable, e: NewCaseEvent): Promise<void> {
    await m.query(
      // case_year: the partition (migration 1765600100000), the year of the case's number
      `WITH appended AS (
         INSERT INTO case_events (case_year, case_id, seq, type, payload, actor_id, occurred_on, recorded_at, prev_hash, hash)
         VALUES ((SELECT year FROM cases WHERE id = $1),$1,$2,$3,$4,$5,$6,$7,$8,$9)
         RETURNING case_id, seq, hash)
       UPDATE cases c SET head_seq = a.seq, head_hash = a.hash FROM appended a WHERE c.id = a.case_id`,
      [e.caseId, e.seq, e.type, JSON.stringify(e.payload ?? {}), e.actorId, e.occurredOn, e.recordedAt, e.prevHash, e.hash],
    );
  }

  async history(q: Queryable, caseId: string): Promise<HistoryRow[]> {
    return q.query(
      `SELECT e.seq, e.type, e.payload, e.actor_id, u.username, u.display_name, to_char(e.occurred_on, 'YYYY-MM-DD') AS occurred_on,
              e.recorded_at, e.hash
         FROM case_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.case_id = $1 ORDER BY e.seq`,
      [caseId],
    );
  }

  async chainEntries(q: Queryable, caseId: string): Promise<ChainEntryRow[]> {
    return q.query(
      `SELECT case_id, seq, type, payload, actor_id, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, recorded_at, prev_hash, hash
         FROM case_events WHERE case_id = $1 ORDER BY seq`,
      [caseId],
    );
  }

  /** The latest proposal's recorded payload (its letter fields beyond the machine's context). */
  async latestProposalPayload(q: Queryable, caseId: string): Promise<Record<string, unknown> | null> {
    const [e] = await q.query(
      `SELECT payload FROM case_events WHERE case_id = $1 AND type IN ('PROPOSE', 'ON_THE_SPOT_REPLY') ORDER BY seq DESC LIMIT 1`,
      [caseId],
    );
    return (e?.payload as Record<string, unknown> | undefined) ?? null;
  }

  /** 文号 and date of the case's latest letter of a type (e.g. the 补正告知书 a closure follows), or null. */
  async latestLetterOfType(q: Queryable, caseId: string, type: string): Promise<{ docNumber: string; issuedOn: string } | null> {
    const [l] = await q.query(
      `SELECT doc_number, to_char(issued_on, 'YYYY-MM-DD') AS issued_on FROM letters WHERE case_id = $1 AND type = $2 ORDER BY created_at DESC, series_seq DESC LIMIT 1`,
      [caseId, type],
    );
    return l ? { docNumber: l.doc_number as string, issuedOn: l.issued_on as string } : null;
  }

  /** 文号 of the case's latest reply letter. */
  async latestReplyDocNumber(q: Queryable, caseId: string): Promise<string | null> {
    const [l] = await q.query(`SELECT doc_number FROM letters WHERE case_id = $1 AND type = 'reply' ORDER BY created_at DESC LIMIT 1`, [caseId]);
    return (l?.doc_number as string | undefined) ?? null;
  }

  // ------------------------------------------------------------ idempotent actions (case_action_requests)

  /** The stored answer of an action sent with this key on this case of the agency. */
  async storedAnswer(q: Queryable, agencyId: string, caseId: string, key: string): Promise<StoredAnswerRow | null> {
    const [r] = await q.query(
      `SELECT r.action, r.body FROM case_action_requests r JOIN cases c ON c.id = r.case_id AND c.agency_id = $3
        WHERE r.case_id = $1 AND r.idempotency_key = $2`,
      [caseId, key, agencyId],
    );
    return (r as StoredAnswerRow | undefined) ?? null;
  }

  async storeAnswer(m: Queryable, a: { caseId: string; key: string; action: string; actorId: string; body: unknown }): Promise<void> {
    await m.query(
      `INSERT INTO case_action_requests (case_id, idempotency_key, action, actor_id, status, body) VALUES ($1, $2, $3, $4, 200, $5)`,
      [a.caseId, a.key, a.action, a.actorId, JSON.stringify(a.body)],
    );
  }

  // ------------------------------------------------------------ look-ups of the actions

  /** The department's name when it belongs to the agency (承办部门 of an assignment). */
  async departmentName(q: Queryable, agencyId: string, departmentId: string): Promise<string | null> {
    const [d] = await q.query(`SELECT id, name FROM departments WHERE id = $1 AND agency_id = $2`, [departmentId, agencyId]);
    return (d?.name as string | undefined) ?? null;
  }

  /** Whether the user is an active 承办人 of the agency. */
  async isActiveHandler(q: Queryable, agencyId: string, userId: string): Promise<boolean> {
    const [u] = await q.query(`SELECT id FROM users WHERE id = $1 AND agency_id = $2 AND active AND 'handler' = ANY(roles)`, [userId, agencyId]);
    return !!u;
  }

  /** Serialises the fee notices of the case's applicant until the transaction ends (they count each other). */
  async lockApplicantFees(m: Queryable, agencyId: string, caseId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('fee:' || $1 || ':' || (SELECT applicant_key FROM cases WHERE id = $2)))`, [
      agencyId,
      caseId,
    ]);
  }

  /**
   * The applications of the case's applicant to the agency received in the calendar month of the
   * case's receipt (the case itself included), with their 件 and registration order.
   */
  async applicantApplicationsInMonth(m: Queryable, agencyId: string, caseId: string): Promise<ApplicationItems[]> {
    const rows: Array<{ id: string; receipt_date: string; seq: number; items: number }> = await m.query(
      `SELECT o.id, to_char(o.receipt_date, 'YYYY-MM-DD') AS receipt_date, o.seq, o.items
         FROM cases me JOIN cases o
           ON o.agency_id = me.agency_id AND o.applicant_key = me.applicant_key
          AND o.receipt_date >= date_trunc('month', me.receipt_date)::date
          AND o.receipt_date < (date_trunc('month', me.receipt_date) + interval '1 month')::date
        WHERE me.id = $2 AND me.agency_id = $1
        ORDER BY o.receipt_date, o.seq`,
      [agencyId, caseId],
    );
    return rows.map((r) => ({ id: r.id, receiptDate: r.receipt_date, order: Number(r.seq), items: Number(r.items) }));
  }

  // ------------------------------------------------------------ the worklist
  // Read only; `q` is the primary's pool unless the service passes the standby's (ReadReplica.run).

  /** The agency's departments by id (their names, for the worklist export). */
  async departmentNames(agencyId: string, q: Queryable = this.db): Promise<Map<string, string>> {
    const rows: Array<{ id: string; name: string }> = await q.query(`SELECT id, name FROM departments WHERE agency_id = $1`, [agencyId]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /**
   * How many cases match, counted up to `cap` + 1 rows only (never the whole agency on every page):
   * `exact` is false when there are more than `cap`. A text search whose bigram look-up would be
   * costly (searchLookup: every bigram of the fragment common) counts its matches among the first
   * `countRows` cases of the worklist's order instead (its order index, where the first page's walk
   * reads too): `exact` is then false unless those were all of them, and `total` is a lower bound.
   */
  async countMatching(f: CaseListFilter, cap = Number.MAX_SAFE_INTEGER, q: Queryable = this.db): Promise<{ total: number; exact: boolean }> {
    const limited = cap < Number.MAX_SAFE_INTEGER;
    if (limited && f.text) {
      const lookup = await this.searchLookup(f, q);
      if (!lookup?.cheap) {
        const w = listWhere(f, { text: 'apart' });
        const rows = Number(this.searchLimits.countRows);
        const [{ matched, scanned }] = await q.query(
          `SELECT count(*) FILTER (WHERE ${w.textSql})::int AS matched, count(*)::int AS scanned
             FROM (SELECT c.description, c.case_number, c.applicant_name FROM cases c WHERE ${w.sql} ORDER BY ${WORKLIST_ORDER_KEY} LIMIT ${rows}) c`,
          w.params,
        );
        const total = Math.min(matched as number, cap);
        return { total, exact: scanned < rows && matched <= cap };
      }
      const w = listWhere(f, { text: 'apart' });
      const params = [...w.params];
      const [{ total }] = await q.query(
        `SELECT count(*)::int AS total FROM (SELECT 1 FROM cases c WHERE ${w.sql}${lookupCondition(f, lookup, params)} AND ${w.textSql} LIMIT ${Number(cap) + 1}) x`,
        params,
      );
      return total > cap ? { total: cap, exact: false } : { total: total as number, exact: true };
    }
    const w = listWhere(f);
    const [{ total }] = await q.query(
      limited
        ? `SELECT count(*)::int AS total FROM (SELECT 1 FROM cases c WHERE ${w.sql} LIMIT ${Number(cap) + 1}) x`
        : `SELECT count(*)::int AS total FROM cases c WHERE ${w.sql}`,
      w.params,
    );
    return total > cap ? { total: cap, exact: false } : { total: total as number, exact: true };
  }

  /**
   * `limit` rows of the worklist in its order: after the keyset `after` (the previous page's last
   * row), or after `offset` rows when no key is given (the numbered pages).
   *
   * A text search (`text`, keyset or first page) does bounded work on every page (issue 16):
   *   1. when one of the fragment's bigrams is in few cases (searchLookup: the planner's statistics),
   *      its matches through the bigram index, unordered, at most `candidates` + 1: up to
   *      `candidates`, they are sorted and the page is exact;
   *   2. else (every bigram common, or too many matches) a walk of at most `walkRows` rows of the
   *      worklist's order (its order index), keeping the matches: a common fragment fills the page
   *      within the first rows; when the page is not full, `limited` says more may follow
   *      `scannedTo` (the next page reads on from there).
   * No match before `scannedTo` is ever left out: the walk reads every row of the order up to it.
   * Numbered pages (OFFSET) of a text search keep the one query that sorts all matches.
   */
  async pageMatching(f: CaseListFilter, limit: number, at: { after?: WorklistKey; offset?: number } = {}, q: Queryable = this.db): Promise<CaseListPage> {
    if (f.text && !at.offset) return this.searchPage(f, limit, at.after, q);
    const w = listWhere(f);
    const params = [...w.params];
    const keyset = keysetAfter(at.after, params);
    const rows: CaseListRow[] = await q.query(
      `SELECT ${LIST_COLUMNS}
         FROM cases c WHERE ${w.sql}${keyset}
        ORDER BY ${WORKLIST_ORDER_KEY}
        LIMIT ${Number(limit)}${at.after || !at.offset ? '' : ` OFFSET ${Number(at.offset)}`}`,
      params,
    );
    return { rows, limited: false, scannedTo: null };
  }

  /** The bounds of a text search's work (TEXT_SEARCH_LIMITS; a test may lower them on its instance). */
  readonly searchLimits: TextSearchLimits = { ...TEXT_SEARCH_LIMITS };

  /** A text search's page: the bigram look-up when it is cheap, else (or beyond) the bounded walk (pageMatching). */
  private async searchPage(f: CaseListFilter, limit: number, after: WorklistKey | undefined, q: Queryable): Promise<CaseListPage> {
    const lookup = await this.searchLookup(f, q);
    if (lookup?.cheap) {
      const sorted = await this.sortedCandidates(f, lookup, limit, after, q);
      if (sorted) return { rows: sorted, limited: false, scannedTo: null };
    }
    const walk = await this.walkOrder(f, limit, after, this.searchLimits.walkRows, q);
    // A full page, or the end of the worklist reached: every match up to there is in `rows`.
    if (walk.rows.length >= limit || !walk.scannedTo) return { rows: walk.rows, limited: false, scannedTo: null };
    return { rows: walk.rows, limited: true, scannedTo: walk.scannedTo };
  }

  /**
   * A text search's walk: `rows` rows of the worklist's order after `after` (its order index), and of
   * them the first `limit` that match the text; `scannedTo` is the last row read when there were
   * `rows` of them (null: the order ended before, nothing lies beyond).
   */
  private async walkOrder(
    f: CaseListFilter,
    limit: number,
    after: WorklistKey | undefined,
    rows: number,
    q: Queryable,
  ): Promise<{ rows: CaseListRow[]; scannedTo: WorklistKey | null }> {
    const w = listWhere(f, { text: 'apart' });
    const params = [...w.params];
    const keyset = keysetAfter(after, params);
    // The scan carries only the sort key and the searched columns (numbered in the order: the last
    // row read, rn = rows, comes out too, matching or not: where a next walk would start); the
    // page's rows are then read by id. The scan answers its sort key as columns, so that the ORDER BY
    // above it is known to be its order: no sort, and the LIMIT stops the scan at the page's last match.
    const got: Array<CaseListRow & { rn: string; matched: boolean }> = await q.query(
      `SELECT ${LIST_COLUMNS}, w.rn, w.matched
         FROM (SELECT w.id, w.rn, w.matched
                 FROM (SELECT c.id, coalesce(c.next_due, 'infinity'::date) AS k_due, coalesce(c.receipt_date, 'infinity'::date) AS k_receipt,
                              c.case_number, (${w.textSql}) AS matched, row_number() OVER (ORDER BY ${WORKLIST_ORDER_KEY}) AS rn
                         FROM cases c WHERE ${w.sql}${keyset} ORDER BY ${WORKLIST_ORDER_KEY} LIMIT ${Number(rows)}) w
                WHERE w.matched OR w.rn = ${Number(rows)}
                ORDER BY w.k_due, w.k_receipt, w.case_number
                LIMIT ${Number(limit)}) w
         JOIN cases c ON c.id = w.id
        ORDER BY w.rn`,
      params,
    );
    const last = got.find((r) => Number(r.rn) === rows);
    return {
      rows: got.filter((r) => r.matched).map(({ rn: _rn, matched: _matched, ...r }) => r),
      scannedTo: last ? keyOf(last) : null,
    };
  }

  /**
   * A text search's look-up: its matches after `after` through the bigram index (the lookup's
   * bigrams; the case number's trigram index beside it for a fragment of digits), unordered, at most
   * `candidates` + 1; the first `limit` of them in the worklist's order when there are no more than
   * `candidates`, else null.
   */
  private async sortedCandidates(f: CaseListFilter, lookup: BigramLookup, limit: number, after: WorklistKey | undefined, q: Queryable): Promise<CaseListRow[] | null> {
    const cap = Number(this.searchLimits.candidates);
    const w = listWhere(f, { text: 'apart' });
    const params = [...w.params];
    const keyset = keysetAfter(after, params);
    // Only the sort key of the candidates is sorted; the page's rows are then read by id.
    const got: Array<CaseListRow & { n: number }> = await q.query(
      `SELECT ${LIST_COLUMNS}, m.n
         FROM (SELECT m.id, m.n, m.k_due, m.k_receipt, m.case_number
                 FROM (SELECT m.*, count(*) OVER ()::int AS n
                         FROM (SELECT c.id, coalesce(c.next_due, 'infinity'::date) AS k_due, coalesce(c.receipt_date, 'infinity'::date) AS k_receipt, c.case_number
                                 FROM cases c WHERE ${w.sql}${keyset}${lookupCondition(f, lookup, params)} AND ${w.textSql} LIMIT ${cap + 1}) m) m
                ORDER BY m.k_due, m.k_receipt, m.case_number
                LIMIT ${Number(limit)}) m
         JOIN cases c ON c.id = m.id
        ORDER BY m.k_due, m.k_receipt, m.case_number`,
      params,
    );
    if (got.length && got[0].n > cap) return null;
    return got.map(({ n: _n, ...r }) => r);
  }

  /**
   * The cheapest index look-up of a text search (its 申请内容 fragment's or its applicant fragment's
   * bigrams: the three rarest of the column whose rarest bigram is rarest), or null when neither
   * fragment has two characters (or a fragment of digits has fewer than three: the case number's
   * trigram index could not serve it).
   */
  private async searchLookup(f: CaseListFilter, q: Queryable): Promise<BigramLookup | null> {
    const options: Array<Pick<BigramLookup, 'column'> & { fragment: string }> = [];
    const text = f.text?.trim() ?? '';
    if ([...text].length >= 2 && (!/^[0-9-]+$/.test(text) || [...text].length >= 3)) options.push({ column: 'description', fragment: text });
    const applicant = f.applicant?.trim() ?? '';
    if ([...applicant].length >= 2) options.push({ column: 'applicant_name', fragment: applicant });
    let best: BigramLookup | null = null;
    for (const o of options) {
      const { bigrams, uncommon } = await this.bigramRows(o.column, o.fragment, q);
      if (!bigrams.length) continue;
      bigrams.sort((a, b) => a.rows - b.rows);
      const rows = bigrams[0].rows;
      if (!best || rows < best.rows) {
        best = { column: o.column, bigrams: bigrams.slice(0, 3).map((e) => e.bigram), rows, cheap: rows <= Math.max(this.searchLimits.lookupRows, uncommon) };
      }
    }
    return best;
  }

  /** Planner estimates of bigrams (column + bigram → rows), each used for BIGRAM_ESTIMATE_TTL_MS. */
  private readonly bigramEstimates = new Map<string, { rows: number; at: number }>();

  /**
   * The fragment's bigrams as gid_bigrams makes them (up to 12), each with the number of cases the
   * planner expects to hold it — the length of its posting list in the bigram index, from ANALYZE's
   * statistics of the index (its most common elements and their frequencies) — and `uncommon`, the
   * estimate of a bigram that never occurs (that of any bigram not among the common ones). An EXPLAIN
   * (~0.3 ms) for each bigram not estimated lately.
   */
  private async bigramRows(
    column: BigramLookup['column'],
    fragment: string,
    q: Queryable,
  ): Promise<{ bigrams: Array<{ bigram: string; rows: number }>; uncommon: number }> {
    // Lower-cased by PostgreSQL's lower() (as the index is), unless nothing in the fragment has a case.
    const lowered = likeOperator(fragment) === 'LIKE' ? fragment : ((await q.query(`SELECT lower($1::text) AS t`, [fragment])) as Array<{ t: string }>)[0].t;
    const chars = [...lowered];
    const bigrams = [...new Set(chars.slice(0, -1).map((ch, i) => ch + chars[i + 1]))].slice(0, 12);
    const now = Date.now();
    const key = (b: string) => `${column}\u0000${b}`;
    const estimates = new Map<string, number>();
    for (const b of [...bigrams, ABSENT_BIGRAM]) {
      const e = this.bigramEstimates.get(key(b));
      if (e && now - e.at < BIGRAM_ESTIMATE_TTL_MS) estimates.set(b, e.rows);
    }
    const missing = [...bigrams, ABSENT_BIGRAM].filter((b) => !estimates.has(b));
    if (this.bigramEstimates.size > 10_000) this.bigramEstimates.clear();
    // One EXPLAIN per bigram (in one statement, the planner may put the branches of a UNION ALL under
    // one Gather, each estimating a worker's share); its top node estimates the whole scan.
    for (const b of missing) {
      const [{ 'QUERY PLAN': plan }] = (await q.query(`EXPLAIN (FORMAT JSON) SELECT 1 FROM cases c WHERE gid_bigrams(c.${column}) @> ARRAY[$1::text]`, [b])) as Array<{
        'QUERY PLAN': unknown;
      }>;
      const top = (typeof plan === 'string' ? JSON.parse(plan) : plan) as Array<{ Plan: { 'Plan Rows': number } }>;
      const rows = Number(top[0]?.Plan?.['Plan Rows'] ?? Number.MAX_SAFE_INTEGER);
      estimates.set(b, rows);
      this.bigramEstimates.set(key(b), { rows, at: now });
    }
    const rows = (b: string) => estimates.get(b)!;
    return { bigrams: bigrams.map((b) => ({ bigram: b, rows: rows(b) })), uncommon: rows(ABSENT_BIGRAM) };
  }
}

/** Two control characters: a bigram no text holds (its estimate is that of every uncommon bigram). */
const ABSENT_BIGRAM = '\u0001\u0002';

/** How long a bigram's estimate is used (it changes with ANALYZE, i.e. as cases are added). */
const BIGRAM_ESTIMATE_TTL_MS = 10 * 60_000;

/**
 * ` AND` the index condition of a text search's look-up (BigramLookup): the column's bigrams (the
 * text's conditions re-check the rows); for a fragment of digits, or its case number by the trigram
 * index. Parameters appended.
 */
function lookupCondition(f: CaseListFilter, lookup: BigramLookup, params: unknown[]): string {
  params.push(lookup.bigrams);
  const bigrams = `gid_bigrams(c.${lookup.column}) @> $${params.length}::text[]`;
  const text = f.text?.trim() ?? '';
  if (lookup.column !== 'description' || !/^[0-9-]+$/.test(text)) return ` AND ${bigrams}`;
  params.push(likeContaining(f.text!));
  return ` AND (${bigrams} OR c.case_number LIKE $${params.length} ${LIKE_ESCAPE})`;
}
