/**
 * The case's history as typed entries (a discriminated union on `type`), and its replay:
 * folding the statechart entries through the machine from the REGISTERED entry gives the case's
 * state, so that the stored state can be checked against what the history says happened.
 *
 * A statechart entry stores the machine event's fields in its payload (plus what the handler
 * recorded beside them, e.g. the department's name) together with the actor's roles at the time
 * (`actorRoles`: the approval-step guard used them); the business date is the entry's occurredOn
 * and the actor its actorId (null = the system). A backdated entry (补录) also carries `backdate`
 * (BackdateRecord: the reason, the day it was recorded, how many working days late, whether it is
 * flagged for the legal audit); the replay leaves it out of the event.
 */
import type { ApplyResult, CaseSnapshot } from './case';
import { applyEvent, persistCase, startCase, startOnlineApplication, stateKey } from './case';
import type { CaseEvent, CaseEventType, IsoDate } from './types';

/** Entries that record facts without a transition. */
export interface RegisteredEntry {
  type: 'REGISTERED';
  payload: {
    channel: string;
    arrivedAt: string;
    confirmedAt: string | null;
    /** 条例第31条第（二）项: why an ordinary letter was confirmed after the day it arrived (only then). */
    confirmationDelayReason?: string;
    receiptDate: IsoDate;
    caseNumber: string;
    flags: unknown[];
  };
}
/**
 * The first entry of an online application (POST /public/applications) before the office confirms
 * it (条例第31条第（三）项): no receipt date yet — the CONFIRM_RECEIPT entry's date becomes it.
 */
export interface ApplicationSubmittedEntry {
  type: 'APPLICATION_SUBMITTED';
  payload: {
    channel: 'online';
    arrivedAt: string;
    /** The Asia/Shanghai date of arrivedAt (the replay's placeholder until the confirmation). */
    arrivedOn: IsoDate;
    caseNumber: string;
    flags: unknown[];
  };
}
export interface LetterIssuedEntry {
  type: 'LETTER_ISSUED';
  payload: {
    letterId: string;
    type: string;
    variant: string;
    docNumber: string;
    sha256: string;
    replacesId?: string;
    replacesDocNumber?: string;
    reason?: string;
  };
}
export interface OverdueMarkedEntry {
  type: 'OVERDUE_MARKED';
  payload: { timer: string; dueOn: IsoDate };
}
/** An online application still unconfirmed a working day after it arrived (条例第31条第（三）项); the clerks were told. */
export interface ConfirmationOverdueEntry {
  type: 'CONFIRMATION_OVERDUE';
  payload: { timer: 'confirmation'; dueOn: IsoDate };
}
/**
 * 电子送达: the SMTP server accepted the message that served the reply (deliver, method email) — the
 * delivery's proof (国办公开办函〔2016〕235号), recorded by the worker that sent it.
 */
export interface ElectronicDeliveryAcceptedEntry {
  type: 'ELECTRONIC_DELIVERY_ACCEPTED';
  payload: { outboxId: string; messageId: string; recipient: string; smtpResponse: string; acceptedAt: string };
}
export interface DeadlinesRecalculatedEntry {
  type: 'DEADLINES_RECALCULATED';
  payload: { deadline: 'replyDue'; from: IsoDate | null; to: IsoDate | null; reason: string; year: number };
}
/** 查看敏感信息留痕: someone saw the applicant's full identity number and phone (the actor is the entry's). */
export interface SensitiveDataRevealedEntry {
  type: 'SENSITIVE_DATA_REVEALED';
  payload: { fields: string[]; reason: string | null };
}
/** 法制审核: legal staff's own finding or comment on the case (they never change case data). */
export interface AuditFindingAddedEntry {
  type: 'AUDIT_FINDING_ADDED';
  payload: { code: string; severity: 'high' | 'medium' | 'low'; article: string | null; comment: string };
}
/** 法制审核签核: legal staff record that the case was reviewed, with the findings it had then. */
export interface AuditSignedOffEntry {
  type: 'AUDIT_SIGNED_OFF';
  payload: { comments: string; rulesVersion: number; findings: string[] };
}
/** 附件: a record found, attached by the case's handler (the original, never shown to the applicant). */
export interface DocumentAddedEntry {
  type: 'DOCUMENT_ADDED';
  payload: { documentId: string; name: string; mediaType: string; sha256: string; size: number; pages: number };
}
/** 遮盖: a region of a document withheld from the released copy, on a withheld part's ground (条例第三十七条). */
export interface RedactionAddedEntry {
  type: 'REDACTION_ADDED';
  payload: { redactionId: string; documentId: string; page: number; x: number; y: number; width: number; height: number; ground: string; reason: string };
}
/** 撤销遮盖: a redaction withdrawn before 报批 (kept in the log, no longer applied). */
export interface RedactionRemovedEntry {
  type: 'REDACTION_REMOVED';
  payload: { redactionId: string; documentId: string; page: number; ground: string };
}
export type FactEntry =
  | DocumentAddedEntry
  | RedactionAddedEntry
  | RedactionRemovedEntry
  | RegisteredEntry
  | AuditFindingAddedEntry
  | AuditSignedOffEntry
  | ApplicationSubmittedEntry
  | LetterIssuedEntry
  | OverdueMarkedEntry
  | ConfirmationOverdueEntry
  | ElectronicDeliveryAcceptedEntry
  | DeadlinesRecalculatedEntry
  | SensitiveDataRevealedEntry;
export type FactType = FactEntry['type'];
export const FACT_TYPES: readonly FactType[] = [
  'REGISTERED',
  'APPLICATION_SUBMITTED',
  'LETTER_ISSUED',
  'OVERDUE_MARKED',
  'CONFIRMATION_OVERDUE',
  'ELECTRONIC_DELIVERY_ACCEPTED',
  'DEADLINES_RECALCULATED',
  'SENSITIVE_DATA_REVEALED',
  'AUDIT_FINDING_ADDED',
  'AUDIT_SIGNED_OFF',
  'DOCUMENT_ADDED',
  'REDACTION_ADDED',
  'REDACTION_REMOVED',
];

/**
 * A statechart entry: the machine event's own fields (without type/on/actor) and the actor's roles.
 * `actorRoles` is on every entry a person sent (the approval-step guard reads it on replay); the
 * system's entries (a period expired: actorId null) have none.
 */
export type MachineEntry = {
  [T in CaseEventType]: {
    type: T;
    payload: Omit<Extract<CaseEvent, { type: T }>, 'type' | 'on' | 'actorId' | 'actorRoles'> & {
      actorRoles?: string[];
      [recordedBeside: string]: unknown;
    };
  };
}[CaseEventType];

/** What a history entry says (discriminated on `type`): a fact, or a statechart entry. */
export type EntryBody = FactEntry | MachineEntry;

export type LogEntry = EntryBody & { seq: number; actorId: string | null; occurredOn: IsoDate };

export function isFactEntry(e: { type: string }): e is FactEntry {
  return (FACT_TYPES as readonly string[]).includes(e.type);
}

/**
 * The machine event a stored statechart entry stands for. `backdate` (the note of a 补录, see
 * backdating.ts) is recorded beside the event, never part of it: the machine saw the same event
 * whether the entry was typed in on the day or later.
 */
export function machineEventOf(e: { type: string; payload: unknown; actorId: string | null; occurredOn: IsoDate }): CaseEvent {
  const { backdate: _backdate, ...payload } = (e.payload ?? {}) as Record<string, unknown>;
  const roles = Array.isArray(payload.actorRoles) ? (payload.actorRoles as string[]) : [];
  return { ...payload, type: e.type, on: e.occurredOn, actorId: e.actorId ?? 'system', actorRoles: roles } as CaseEvent;
}

export type ReplayResult =
  | { ok: true; state: string; snapshot: unknown; applied: number }
  | { ok: false; seq: number; reason: string };

/** Replays a case's entries (in seq order) through the statechart. Pure. */
export function replayCase(
  caseId: string,
  entries: ReadonlyArray<{ seq: number; type: string; payload: unknown; actorId: string | null; occurredOn: IsoDate }>,
): ReplayResult {
  const first = entries[0];
  let snap: CaseSnapshot;
  if (first?.type === 'REGISTERED') {
    snap = startCase({ caseId, receivedOn: (first.payload as RegisteredEntry['payload']).receiptDate });
  } else if (first?.type === 'APPLICATION_SUBMITTED') {
    // An online application: awaiting the office's confirmation until a CONFIRM_RECEIPT entry.
    snap = startOnlineApplication({ caseId, arrivedOn: (first.payload as ApplicationSubmittedEntry['payload']).arrivedOn });
  } else {
    return { ok: false, seq: first?.seq ?? 0, reason: '历史记录的第一条不是登记记录' };
  }
  let applied = 0;
  for (const e of entries.slice(1)) {
    if (isFactEntry(e)) continue;
    const r: ApplyResult = applyEvent(snap, machineEventOf(e));
    if (!r.changed) return { ok: false, seq: e.seq, reason: `第 ${e.seq} 条记录（${e.type}）无法重放：${r.reason ?? ''}` };
    snap = r.snapshot;
    applied++;
  }
  return { ok: true, state: stateKey(snap), snapshot: persistCase(snap), applied };
}
