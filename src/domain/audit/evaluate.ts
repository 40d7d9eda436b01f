/**
 * The legal audit's rules (catalogue: findings.ts) applied to one case: pure functions over its
 * typed history (log.ts entries), its projection (the statechart's CaseContext), its deadlines as
 * the statutory clock computes them, its letters and the verification of its history. The caller
 * (src/modules/audit) reads those; nothing here reads a clock or a database.
 */
import { toShanghaiDate } from '../calendar/iso-date';
import { isOutcomeCode, outcome, partGround, remedyPlan, type OutcomeCode, type RemedyKind, type WithheldPartGround } from '../outcomes/outcomes';
import type { BackdateCalendar, BackdateRecord } from '../workflow/backdating';
import type { CaseContext, IsoDate, SecrecyReview } from '../workflow/types';
import { refusal, type Refusal } from '../workflow/refusals';
import { finding, FINDINGS, type Finding, type FindingCode, type FindingScope } from './findings';

/** One history entry as stored (case_events): `id` is the row's id, the evidence names it. */
export interface AuditEntry {
  id: string | number;
  seq: number;
  type: string;
  payload: Record<string, unknown> | null;
  actorId: string | null;
  occurredOn: IsoDate;
  /** The instant it was recorded (ISO 8601). */
  recordedAt: string;
}

/** One letter of the case as stored (letters), with what the caller checked of it. */
export interface AuditLetter {
  id: string;
  type: string;
  /** The template it was rendered from, e.g. reply_disclose. */
  variant: string;
  status: string;
  docNumber: string | null;
  issuedOn: IsoDate;
  /** sha256 of the stored bytes equals the stored hash and the LETTER_ISSUED entry's. */
  hashIntact: boolean;
  /** A later letter corrects this one (it is no longer the letter in force). */
  replaced: boolean;
  /** The remedy clause kind its template carries (null: unknown). */
  remedy?: RemedyKind | null;
  /** The grounds of the withheld parts it states (部分公开). */
  withheldGrounds?: string[];
}

export interface AuditInput {
  scope: FindingScope;
  /** The day the audit is made (today); open periods are judged as of it. */
  asOf: IsoDate;
  context: CaseContext;
  /** Every entry of the history, in seq order (the first is REGISTERED). */
  entries: AuditEntry[];
  /** The deadlines as the clock computes them now (with the current calendar), as of the reply's delivery for a closed case. */
  deadlines: { correctionNoticeDue: IsoDate | null; replyDue: IsoDate | null };
  letters: AuditLetter[];
  /** The latest proposal as recorded (PROPOSE / ON_THE_SPOT_REPLY payload: the statechart's fields and the letter's). */
  proposal: Record<string, unknown> | null;
  /** The history's verification; null when not checked. */
  history: { intact: boolean; replayMatches: boolean; problems: string[] } | null;
  graceWorkingDays: number;
  /** For entries recorded before the backdating note existed: how late they were typed in. */
  calendar?: BackdateCalendar;
}

/** The codes judgeable on a draft before approval; the high ones among them block `approve`. */
export const DRAFT_CODES: readonly FindingCode[] = (Object.keys(FINDINGS) as FindingCode[]).filter((c) =>
  (FINDINGS[c].scopes as readonly FindingScope[]).includes('draft'),
);

const nonEmpty = (s: unknown): s is string => typeof s === 'string' && s.trim().length > 0;
const CLOSURE_OUTCOMES: readonly string[] = ['correction_overdue', 'fee_unpaid'];
/** Letters issued as part of a step, not as its basis (the receipt at registration, the 送达回证 at delivery). */
const LETTERS_NOT_BASIS = new Set(['receipt', 'delivery_receipt']);
/** Entries that record what followed a letter, so naturally dated from it. */
const AFTER_LETTER_TYPES = new Set(['RECORD_LETTER_RECEIPT', 'RECORD_RECONSIDERATION', 'RECORD_LITIGATION', 'ARCHIVE']);
const FACT_TYPES = new Set(['REGISTERED', 'LETTER_ISSUED', 'OVERDUE_MARKED', 'DEADLINES_RECALCULATED', 'SENSITIVE_DATA_REVEALED', 'AUDIT_FINDING_ADDED', 'AUDIT_SIGNED_OFF', 'DOCUMENT_ADDED', 'REDACTION_ADDED', 'REDACTION_REMOVED']);

// ------------------------------------------------------------------ article numbers

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 三十六 → 36, 十四 → 14, 五十 → 50 (articles of the 条例 are below 100). */
export function chineseNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else if (ch in CN_DIGITS) digit = CN_DIGITS[ch];
    else return null;
  }
  return total + digit;
}

const NUM = '[0-9]+|[零一二两三四五六七八九十]+';
const PROVISION = new RegExp(`第(${NUM})条(?:第(${NUM})款)?(?:第[（(](${NUM})[）)]项)?`, 'g');

/** The provisions a text cites: "36" for 第36条, "36(4)" for 第三十六条第（四）项 (款 are not told apart). */
export function citedProvisions(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PROVISION)) {
    const article = chineseNumber(m[1]);
    if (article === null) continue;
    const item = m[3] ? chineseNumber(m[3]) : null;
    out.push(item === null ? String(article) : `${article}(${item})`);
  }
  return out;
}

/** The article numbers a text cites (第36条, 第三十六条). */
export function citedArticles(text: string): number[] {
  return citedProvisions(text).map((p) => Number(p.replace(/\(.*$/, '')));
}

/** The provisions a reply of this outcome may cite: its own citation and its withheld parts' grounds. */
export function provisionsOf(code: OutcomeCode, grounds: readonly string[] = []): Set<string> {
  const o = outcome(code);
  const set = new Set(citedProvisions(`${o.citation ?? ''} ${o.basis}`));
  for (const g of grounds) {
    try {
      for (const n of citedProvisions(partGround(g as WithheldPartGround).citation)) set.add(n);
    } catch {
      /* an unknown ground is REMEDY_MISMATCH's concern */
    }
  }
  return set;
}

/** A cited provision fits when the outcome cites it, or (cited without an item) when the outcome cites its article. */
function provisionFits(cited: string, allowed: Set<string>): boolean {
  if (allowed.has(cited)) return true;
  if (cited.includes('(')) return false;
  return [...allowed].some((a) => a === cited || a.startsWith(`${cited}(`));
}

// ------------------------------------------------------------------ helpers

const partsOf = (p: Record<string, unknown> | null): Array<{ part?: unknown; ground?: unknown; reason?: unknown; lawProvision?: unknown }> =>
  Array.isArray(p?.withheldParts) ? (p!.withheldParts as Array<Record<string, unknown>>) : [];
const groundsOf = (p: Record<string, unknown> | null): string[] => partsOf(p).map((w) => String(w.ground ?? ''));

/** Entries of a type (machine or fact), in order. */
const entriesOf = (input: AuditInput, type: string) => input.entries.filter((e) => e.type === type);

const recordedOn = (e: AuditEntry) => toShanghaiDate(e.recordedAt);

/** The outcome the audit judges: decided, or (draft, open) proposed. */
function outcomeUnderAudit(input: AuditInput): OutcomeCode | null {
  const ctx = input.context;
  const code = ctx.outcome ?? ctx.decision?.outcome ?? (input.proposal?.outcome as string | undefined) ?? ctx.proposal?.outcome ?? null;
  return isOutcomeCode(code) ? code : null;
}

/** The proposal facts: the recorded payload, else the statechart's copy. */
function proposalFacts(input: AuditInput): Record<string, unknown> | null {
  return input.proposal ?? ((input.context.decision ?? input.context.proposal) as unknown as Record<string, unknown> | null);
}

function withholdsOn(code: OutcomeCode, p: Record<string, unknown> | null, ground: string): boolean {
  return code === ground || (code === 'partial' && groundsOf(p).includes(ground));
}

// ------------------------------------------------------------------ the rules

function historyFindings(input: AuditInput): Finding[] {
  const h = input.history;
  if (!h || (h.intact && h.replayMatches)) return [];
  return [finding('HISTORY_NOT_VERIFIED', { intact: h.intact, replayMatches: h.replayMatches, problems: h.problems }, h.problems.join('；') || undefined)];
}

/** 条例第三十三条: the reply delivered on or before its deadline (closed), or not yet past it (open). */
function replyLate(input: AuditInput): Finding[] {
  const ctx = input.context;
  const due = input.deadlines.replyDue;
  if (!due) return [];
  const code = outcomeUnderAudit(input);
  // A withdrawal is no reply; a closure (视为放弃申请) is decided when the applicant's period lapsed.
  if (ctx.closeReason === 'withdrawn' || (code && CLOSURE_OUTCOMES.includes(code)) || ctx.closure) return [];
  const d = ctx.delivery;
  const deliveryEntry = entriesOf(input, 'DELIVER').at(-1);
  if (d) {
    if (d.deliveredOn <= due) return [];
    return [finding('REPLY_LATE', { replyDue: due, deliveredOn: d.deliveredOn, eventIds: deliveryEntry ? [deliveryEntry.id] : [] }, `答复期限为${due}，${d.deliveredOn}送达`)];
  }
  if (ctx.closedOn || input.scope === 'closed') return [];
  if (input.asOf <= due) return [];
  return [finding('REPLY_LATE', { replyDue: due, deliveredOn: null, asOf: input.asOf, eventIds: [] }, `答复期限为${due}，至${input.asOf}尚未送达`)];
}

/** 条例第三十条: the correction notice within 7 WD of receipt. */
function correctionLate(input: AuditInput): Finding[] {
  const c = input.context.correction;
  if (!c) return [];
  // The period as the calendar now stands (a later correction of the calendar counts), and as recorded at the time.
  const dues = [input.deadlines.correctionNoticeDue, c.noticeDue].filter((x): x is string => !!x);
  const due = dues.sort()[0];
  if (!c.late && !(due && c.requestedOn > due)) return [];
  const e = entriesOf(input, 'REQUEST_CORRECTION').at(-1);
  return [
    finding(
      'CORRECTION_NOTICE_LATE',
      { correctionNoticeDue: due ?? null, requestedOn: c.requestedOn, eventIds: e ? [e.id] : [] },
      `补正告知期限为${due ?? '（未记录）'}，${c.requestedOn}发出`,
    ),
  ];
}

/** 条例第三十一条第（二）、（三）项: an ordinary letter or an online application confirmed the day it arrived. */
function receiptConfirmation(input: AuditInput): Finding[] {
  const reg = input.entries[0];
  if (!reg || reg.type !== 'REGISTERED') return [];
  const p = (reg.payload ?? {}) as { channel?: string; arrivedAt?: string; confirmedAt?: string | null; confirmationDelayReason?: string };
  if (p.channel !== 'online' && p.channel !== 'ordinary_post') return [];
  if (!p.arrivedAt) return [];
  const arrivedOn = toShanghaiDate(p.arrivedAt);
  const confirmedOn = p.confirmedAt ? toShanghaiDate(p.confirmedAt) : null;
  if (confirmedOn !== null && confirmedOn <= arrivedOn) return [];
  const evidence = { channel: p.channel, arrivedOn, confirmedOn, delayReason: p.confirmationDelayReason ?? null, eventIds: [reg.id] };
  const detail = confirmedOn ? `${arrivedOn}到达，${confirmedOn}确认${p.confirmationDelayReason ? `（原因：${p.confirmationDelayReason}）` : '（未记录原因）'}` : `${arrivedOn}到达，未记录确认时间`;
  return [finding('RECEIPT_NOT_CONFIRMED_SAME_DAY', evidence, detail)];
}

/** Entries recorded beyond the grace window (补录; backdating.ts): one finding per entry. */
function backdated(input: AuditInput): Finding[] {
  const out: Finding[] = [];
  for (const e of input.entries) {
    if (FACT_TYPES.has(e.type)) continue;
    const b = (e.payload as { backdate?: BackdateRecord } | null)?.backdate;
    let late: { workingDaysLate: number; reason: string | null; recordedOn: string } | null = null;
    if (b) {
      if (b.flagged) late = { workingDaysLate: b.workingDaysLate, reason: b.reason, recordedOn: b.recordedOn };
    } else if (e.actorId && input.calendar && e.occurredOn < recordedOn(e)) {
      // Recorded before the note existed: judged from recordedAt.
      try {
        const n = input.calendar.workingDaysBetween(e.occurredOn, recordedOn(e));
        if (n > input.graceWorkingDays) late = { workingDaysLate: n, reason: null, recordedOn: recordedOn(e) };
      } catch {
        /* outside the known calendar: not judged */
      }
    }
    if (!late) continue;
    out.push(
      finding(
        'BACKDATED_ENTRY',
        { eventIds: [e.id], seq: e.seq, type: e.type, occurredOn: e.occurredOn, recordedOn: late.recordedOn, workingDaysLate: late.workingDaysLate, graceWorkingDays: input.graceWorkingDays, reason: late.reason },
        `第${e.seq}条（${e.type}）业务日期${e.occurredOn}，${late.recordedOn}录入，晚${late.workingDaysLate}个工作日；原因：${late.reason ?? '未记录'}`,
      ),
    );
  }
  return out;
}

/** No entry dated before a letter already issued (recorded after it): the letter's basis would change after the fact. */
function backdatedBeforeLetter(input: AuditInput): Finding[] {
  const out: Finding[] = [];
  const letters = entriesOf(input, 'LETTER_ISSUED').filter((l) => !LETTERS_NOT_BASIS.has(String(l.payload?.type ?? '')));
  for (const e of input.entries) {
    if (FACT_TYPES.has(e.type) || AFTER_LETTER_TYPES.has(e.type) || !e.actorId) continue;
    if (!(e.occurredOn < recordedOn(e))) continue; // typed in on its own day: not backdated
    const l = letters.find((x) => x.seq < e.seq && e.occurredOn < x.occurredOn);
    if (!l) continue;
    const docNumber = String(l.payload?.docNumber ?? '');
    out.push(
      finding(
        'ENTRY_BACKDATED_BEFORE_LETTER',
        { eventIds: [e.id, l.id], seq: e.seq, type: e.type, occurredOn: e.occurredOn, letterId: l.payload?.letterId ?? null, letterDocNumber: docNumber, letterIssuedOn: l.occurredOn },
        `第${e.seq}条（${e.type}，${e.occurredOn}）在文书${docNumber}（${l.occurredOn}）发出后补录`,
      ),
    );
  }
  return out;
}

/** 条例第三十三条第二款: approved by the head of the disclosure office, decided and notified before the deadline, ≤ 20 WD. */
function extension(input: AuditInput): Finding[] {
  const x = input.context.extension;
  if (!x) return [];
  const e = entriesOf(input, 'EXTEND').at(-1);
  const ids = e ? [e.id] : [];
  const out: Finding[] = [];
  const roles = Array.isArray(e?.payload?.actorRoles) ? (e!.payload!.actorRoles as string[]) : [];
  if (!roles.includes('office_head')) {
    out.push(finding('EXTENSION_NOT_APPROVED_BY_HEAD', { eventIds: ids, approvedBy: x.approvedBy, approvedByName: x.approvedByName ?? null, roles }));
  }
  // In person or electronically the notice reached the applicant the day it went out; by post on the delivery record.
  const posted = x.deliveryMethod === 'post';
  const notifiedOn = posted ? (x.noticeReceivedOn ?? null) : (x.noticeReceivedOn ?? x.on);
  const receipt = entriesOf(input, 'RECORD_LETTER_RECEIPT').find((r) => r.payload?.letterType === 'extension_notice');
  const evidence = { eventIds: receipt ? [...ids, receipt.id] : ids, decidedOn: x.on, originalReplyDue: x.replyDue, notifiedOn, deliveryMethod: x.deliveryMethod ?? null };
  if (x.on > x.replyDue) out.push(finding('EXTENSION_NOT_NOTIFIED_IN_TIME', evidence, `原答复期限${x.replyDue}，${x.on}才决定延长`));
  else if (notifiedOn && notifiedOn > x.replyDue) out.push(finding('EXTENSION_NOT_NOTIFIED_IN_TIME', evidence, `原答复期限${x.replyDue}，申请人${notifiedOn}才收到延期答复告知书`));
  else if (!notifiedOn && (input.scope === 'closed' || input.asOf > x.replyDue)) {
    out.push(finding('EXTENSION_NOT_NOTIFIED_IN_TIME', evidence, `延期答复告知书邮寄送达，原答复期限${x.replyDue}届满时未记录申请人收到`));
  }
  if (x.workingDays > 20) out.push(finding('EXTENSION_TOO_LONG', { ...evidence, workingDays: x.workingDays }, `延长${x.workingDays}个工作日`));
  return out;
}

/** 条例第十五条、第三十二条: a third-party withholding backed by a consultation or a recorded reason, and not over the party's consent. */
function thirdParty(input: AuditInput): Finding[] {
  const code = outcomeUnderAudit(input);
  const p = proposalFacts(input);
  if (!code || !withholdsOn(code, p, 'withhold_third_party')) return [];
  const answered = input.context.consultations.filter((c) => c.party === 'thirdParty' && c.closedOn);
  const evidence = { outcome: code, consultations: answered.map((c) => ({ id: c.id, name: c.name, result: c.result ?? null, closedOn: c.closedOn })), noConsultationReason: p?.noConsultationReason ?? null };
  if (answered.length && answered.every((c) => c.result === 'agree')) return [finding('THIRD_PARTY_WITHHOLDING_UNSUPPORTED', evidence, '第三方已同意公开')];
  if (!answered.length && !nonEmpty(p?.noConsultationReason)) return [finding('THIRD_PARTY_WITHHOLDING_UNSUPPORTED', evidence, '未征求第三方意见，也未记录不征求的理由')];
  return [];
}

/** 条例第十七条 (shared/domain §4a): a review allowing the disclosure, before the decision; 第十四条 state secrets established by one. */
function secrecy(input: AuditInput): Finding[] {
  const code = outcomeUnderAudit(input);
  if (!code) return [];
  const p = proposalFacts(input);
  const by = input.context.decision?.decidedOn ?? input.asOf;
  const reviews = input.context.secrecyReviews.filter((r) => r.on <= by);
  const review: SecrecyReview | null = reviews.at(-1) ?? null;
  const evidence = { outcome: code, review: review ? { on: review.on, conclusion: review.conclusion, reviewer: review.reviewer } : null, decidedOn: input.context.decision?.decidedOn ?? null };
  if (code === 'disclose' || code === 'partial') {
    if (!review) return [finding('SECRECY_REVIEW_MISSING', evidence, '公开前没有保密审查记录')];
    const ok = code === 'disclose' ? review.conclusion === 'disclose' : review.conclusion !== 'withhold';
    if (!ok) return [finding('SECRECY_REVIEW_MISSING', evidence, `保密审查结论（${review.conclusion}）不允许该答复`)];
  }
  if (withholdsOn(code, p, 'withhold_state_secret')) {
    if (!review) return [finding('SECRECY_REVIEW_MISSING', evidence, '以国家秘密为由不予公开，但没有认定国家秘密的保密审查记录')];
    if (review.conclusion === 'disclose') return [finding('SECRECY_REVIEW_MISSING', evidence, '保密审查结论为可以公开，不能以国家秘密为由不予公开')];
  }
  return [];
}

/** The reply letter in force: the last reply not corrected by a later one. */
function replyLetter(input: AuditInput): AuditLetter | null {
  return input.letters.filter((l) => l.type === 'reply' && !l.replaced).at(-1) ?? null;
}

/** The proposal's stated basis and the reply's template against the outcome (条例第三十六条). */
function articleMismatch(input: AuditInput): Finding[] {
  const code = outcomeUnderAudit(input);
  if (!code) return [];
  const p = proposalFacts(input);
  const out: Finding[] = [];
  const basis = typeof p?.basis === 'string' ? p.basis : '';
  const allowed = provisionsOf(code, groundsOf(p));
  const wrong = citedProvisions(basis).filter((n) => !provisionFits(n, allowed));
  if (wrong.length) {
    out.push(finding('REPLY_ARTICLE_MISMATCH', { outcome: code, basis, expected: outcome(code).basis, unexpectedProvisions: wrong }, `答复类型“${outcome(code).label}”应依据${outcome(code).basis}，办理意见写的是“${basis}”`));
  }
  if (input.scope === 'closed') {
    const letter = replyLetter(input);
    if (letter && letter.variant !== `reply_${code}`) {
      out.push(finding('REPLY_ARTICLE_MISMATCH', { outcome: code, letterId: letter.id, docNumber: letter.docNumber, variant: letter.variant }, `答复书${letter.docNumber ?? ''}按“${letter.variant}”制作，与答复类型“${code}”不符`));
    }
  }
  return out;
}

/** 行政复议法第二十三条: 复议前置 only for 第十四、十五、十六条 (whole, or the withheld parts); the letter's clause as the grounds require. */
function remedyMismatch(input: AuditInput): Finding[] {
  const code = outcomeUnderAudit(input);
  if (!code) return [];
  const o = outcome(code);
  const grounds = groundsOf(proposalFacts(input));
  const unknown = grounds.filter((g) => {
    try {
      partGround(g as WithheldPartGround);
      return false;
    } catch {
      return true;
    }
  });
  if (unknown.length) return [finding('REMEDY_MISMATCH', { outcome: code, grounds }, `不予公开部分的理由无效：${unknown.join('、')}`)];
  // The outcome's own clause: 复议前置 must rest on 第十四、十五、十六条.
  if (o.remedy === 'reconsideration_first' && !citedArticles(o.basis).some((n) => n === 14 || n === 15 || n === 16)) {
    return [finding('REMEDY_MISMATCH', { outcome: code, remedy: o.remedy, basis: o.basis }, `${o.basis}不属于复议前置的情形`)];
  }
  const expected = remedyPlan(o.remedy, grounds as WithheldPartGround[]);
  const letter = input.scope === 'closed' ? replyLetter(input) : null;
  if (letter && letter.remedy) {
    const letterGrounds = (letter.withheldGrounds ?? grounds) as WithheldPartGround[];
    let actual;
    try {
      actual = remedyPlan(letter.remedy, letterGrounds);
    } catch {
      actual = null;
    }
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      return [finding('REMEDY_MISMATCH', { outcome: code, letterId: letter.id, docNumber: letter.docNumber, expected, actual, letterRemedy: letter.remedy }, `答复书${letter.docNumber ?? ''}的救济条款与答复理由不符`)];
    }
  }
  return [];
}

/** The outcome's letter: present, final and numbered; every letter's bytes as issued. */
function letterFindings(input: AuditInput): Finding[] {
  const out: Finding[] = [];
  const broken = input.letters.filter((l) => !l.hashIntact);
  if (broken.length) out.push(finding('LETTER_HASH_MISMATCH', { letterIds: broken.map((l) => l.id), docNumbers: broken.map((l) => l.docNumber) }, broken.map((l) => l.docNumber ?? l.id).join('、')));
  if (input.scope !== 'closed' || input.context.closeReason === 'withdrawn') return out;
  const code = outcomeUnderAudit(input);
  const letter = replyLetter(input);
  if (!letter) {
    out.push(finding('OUTCOME_LETTER_MISSING', { outcome: code, closedOn: input.context.closedOn }));
    return out;
  }
  if (letter.status !== 'final' || !nonEmpty(letter.docNumber)) {
    out.push(finding('OUTCOME_LETTER_NOT_FINAL', { letterId: letter.id, status: letter.status, docNumber: letter.docNumber }));
  }
  return out;
}

/** 国办公开办函〔2016〕235号: delivery proved — the signature, the postal number, the sending record. */
function deliveryProof(input: AuditInput): Finding[] {
  const ctx = input.context;
  if (input.scope !== 'closed' || ctx.closeReason === 'withdrawn') return [];
  const e = entriesOf(input, 'DELIVER').at(-1);
  const d = ctx.delivery;
  if (!d) return [finding('DELIVERY_PROOF_MISSING', { closeReason: ctx.closeReason, eventIds: [] }, '没有送达记录')];
  const missing =
    d.method === 'in_person' ? (nonEmpty(d.recipient) ? null : '签收人')
    : d.method === 'post' ? (nonEmpty(d.trackingNumber) ? null : '邮件号（交邮凭证）')
    : d.method === 'electronic' ? (nonEmpty(d.proof) ? null : '电子送达记录')
    : nonEmpty(d.proof) || nonEmpty(d.recipient) ? null : '转交凭证';
  if (!missing) return [];
  return [finding('DELIVERY_PROOF_MISSING', { method: d.method, deliveredOn: d.deliveredOn, eventIds: e ? [e.id] : [] }, `缺少${missing}`)];
}

/** 条例第三十二条、第三十四条: every consultation answered or expired, on record. */
function consultations(input: AuditInput): Finding[] {
  if (input.scope !== 'closed') return [];
  const open = input.context.consultations.filter((c) => !c.closedOn || (!c.result && !c.expiryEffect));
  if (!open.length) return [];
  return [finding('CONSULTATION_UNRESOLVED', { consultations: open.map((c) => ({ id: c.id, name: c.name, sentOn: c.sentOn })) }, open.map((c) => c.name).join('、'))];
}

/** Draft: no period still running under the reply (consultations, the fee). */
function periodsOpen(input: AuditInput): Finding[] {
  const ctx = input.context;
  const open = ctx.consultations.filter((c) => !c.closedOn).map((c) => `征求${c.name}意见`);
  if (ctx.fee && !ctx.fee.paidOn) open.push('信息处理费缴纳');
  if (ctx.correction && !ctx.correction.receivedOn && !ctx.closure) open.push('申请人补正');
  if (!open.length) return [];
  return [finding('PERIODS_OPEN', { open }, open.join('、'))];
}

/**
 * What each outcome's reply must state (条例第三十六至三十九条), as proposal fields — the ones its letter
 * cannot be written without (a 重复申请 may name the earlier reply, but need not: minimal proposals).
 */
export const REQUIRED_REPLY_FIELDS: Partial<Record<OutcomeCode, readonly string[]>> = {
  already_public: ['access'],
  disclose: ['access'],
  partial: ['withheldParts'],
  withhold_law_forbids: ['reasons', 'lawProvision'],
  not_exist: ['searchPerformed'],
  not_this_agency: ['competentAgency', 'competentAgencyContact'],
  special_law: ['specialLaw', 'specialLawOffice'],
  petition_complaint: ['channelHint'],
  publication: ['channelHint'],
};

function requiredFields(input: AuditInput): Finding[] {
  const code = outcomeUnderAudit(input);
  if (!code) return [];
  const p = proposalFacts(input) ?? {};
  const need = new Set(REQUIRED_REPLY_FIELDS[code] ?? []);
  if (outcome(code).withholding) need.add('reasons');
  const empty = [...need].filter((f) => (f === 'withheldParts' ? !partsOf(p).length : !nonEmpty(p[f])));
  partsOf(p).forEach((w, i) => {
    for (const f of ['part', 'reason'] as const) if (!nonEmpty(w[f])) empty.push(`withheldParts[${i}].${f}`);
  });
  if (!empty.length) return [];
  return [finding('REQUIRED_FIELD_EMPTY', { outcome: code, fields: empty }, empty.join('、'))];
}

// ------------------------------------------------------------------ entry points

/** The draft rules (before approval): article and remedy against the grounds, secrecy review, third party, open periods, empty fields. */
export function draftFindings(input: AuditInput): Finding[] {
  const d = { ...input, scope: 'draft' as const };
  return [...articleMismatch(d), ...remedyMismatch(d), ...secrecy(d), ...thirdParty(d), ...periodsOpen(d), ...requiredFields(d)];
}

/**
 * Every finding on one case. `closed`: the full audit of a closed case; `open`: what can be judged
 * so far (as of `asOf`), plus the draft rules once a reply is proposed for approval.
 */
export function caseFindings(input: AuditInput): Finding[] {
  const common = [
    ...historyFindings(input),
    ...receiptConfirmation(input),
    ...correctionLate(input),
    ...extension(input),
    ...replyLate(input),
    ...backdated(input),
    ...backdatedBeforeLetter(input),
  ];
  if (input.scope === 'closed') {
    const decided = input.context.closeReason !== 'withdrawn' && !!outcomeUnderAudit(input);
    return [
      ...common,
      ...(decided ? [...articleMismatch(input), ...remedyMismatch(input), ...secrecy(input), ...thirdParty(input)] : []),
      ...letterFindings(input),
      ...deliveryProof(input),
      ...consultations(input),
    ];
  }
  const drafted = !!input.context.proposal && !input.context.closure;
  return [...common, ...letterFindings(input), ...(drafted ? draftFindings(input) : [])];
}

/** The high-severity draft findings that block `approve` unless each is overridden with a reason. */
export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'high' && DRAFT_CODES.includes(f.code));
}

export interface FindingOverride {
  code: string;
  reason: string;
}

/** The blocking findings not overridden with a reason (each code needs its own). */
export function unresolvedBlocking(findings: readonly Finding[], overrides: readonly FindingOverride[] = []): Finding[] {
  const ok = new Set(overrides.filter((o) => nonEmpty(o?.reason)).map((o) => o.code));
  return blockingFindings(findings).filter((f) => !ok.has(f.code));
}

/**
 * The approval gate: the draft's findings judged on the case as it stands when an approver
 * approves (as of `on`). Refused (APPROVAL_BLOCKED_BY_FINDINGS) while a high-severity one is not
 * overridden with a reason; otherwise the overrides that applied, for the APPROVE entry.
 */
export function approvalGate(
  context: CaseContext,
  proposal: Record<string, unknown> | null,
  on: IsoDate,
  overrides: readonly FindingOverride[] = [],
): { refusal: Refusal | null; findings: Finding[]; overridden: Array<FindingOverride & { severity: string; message: string }> } {
  const findings = draftFindings({
    scope: 'draft',
    asOf: on,
    context,
    entries: [],
    deadlines: { correctionNoticeDue: null, replyDue: null },
    letters: [],
    proposal,
    history: null,
    graceWorkingDays: 0,
  });
  const open = unresolvedBlocking(findings, overrides);
  if (open.length) return { refusal: refusal('APPROVAL_BLOCKED_BY_FINDINGS', [...new Set(open.map((f) => f.code))].join('、')), findings, overridden: [] };
  const overridden = blockingFindings(findings).map((f) => {
    const o = overrides.find((x) => x.code === f.code && nonEmpty(x.reason))!;
    return { code: f.code, reason: o.reason.trim(), severity: f.severity, message: f.message };
  });
  return { refusal: null, findings, overridden };
}
