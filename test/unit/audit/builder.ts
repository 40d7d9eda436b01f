/**
 * Builds a case for the audit rules the way the server records one: each step goes through the
 * statechart (so the projection is the real one) and becomes a history entry with its id, seq,
 * business date, recorded instant and the actor's roles.
 */
import { applyEvent, startCase, type CaseEvent, type CaseSnapshot } from '../../../src/domain/workflow';
import type { AuditEntry, AuditInput, AuditLetter } from '../../../src/domain/audit/evaluate';
import { dayNumber, parseIsoDate } from '../../../src/domain/calendar/iso-date';

/** Mon-Fri are working days (enough for March 2026, which has no public holiday). */
export const weekdays = {
  workingDaysBetween(a: string, b: string): number {
    let n = 0;
    for (let d = parseIsoDate(a) + 1; d <= parseIsoDate(b); d++) {
      const wd = (((d - dayNumber(1970, 1, 1)) % 7) + 7 + 4) % 7; // 1970-01-01 was a Thursday (4)
      if (wd !== 0 && wd !== 6) n++;
    }
    return n;
  },
};

export const CLERK = { id: 'u-clerk', roles: ['clerk'] };
export const HANDLER = { id: 'u-handler', roles: ['handler'] };
export const APPROVER = { id: 'u-approver', roles: ['approver', 'office_head'] };

type Actor = { id: string; roles: string[] };
type Body = Record<string, unknown>;

export class CaseBuilder {
  snap: CaseSnapshot;
  entries: AuditEntry[] = [];
  letters: AuditLetter[] = [];
  proposal: Record<string, unknown> | null = null;
  private nextId = 100;

  constructor(
    readonly receivedOn = '2026-03-02',
    registered: Body = {},
  ) {
    this.snap = startCase({ caseId: 'C-1', receivedOn });
    this.entry('REGISTERED', receivedOn, CLERK, {
      channel: 'in_person',
      arrivedAt: `${receivedOn}T10:00:00+08:00`,
      confirmedAt: null,
      receiptDate: receivedOn,
      caseNumber: '2026-000001',
      flags: [],
      ...registered,
    });
  }

  private entry(type: string, on: string, actor: Actor | null, payload: Body, recordedOn = on): AuditEntry {
    const e: AuditEntry = {
      id: String(this.nextId++),
      seq: this.entries.length + 1,
      type,
      payload,
      actorId: actor?.id ?? null,
      occurredOn: on,
      recordedAt: `${recordedOn}T10:00:00+08:00`,
    };
    this.entries.push(e);
    return e;
  }

  /** A statechart step, recorded on its day unless `recordedOn` (补录) and `backdate` say otherwise. */
  step(type: string, on: string, actor: Actor, fields: Body = {}, opts: { recordedOn?: string; beside?: Body } = {}): this {
    const event = { ...fields, type, on, actorId: actor.id, actorRoles: actor.roles } as unknown as CaseEvent;
    const r = applyEvent(this.snap, event);
    if (!r.changed) throw new Error(`${type} refused: ${r.reason}`);
    this.snap = r.snapshot;
    this.entry(type, on, actor, { ...fields, ...(opts.beside ?? {}), actorRoles: actor.roles }, opts.recordedOn ?? on);
    if (type === 'PROPOSE') this.proposal = { ...fields };
    return this;
  }

  letter(type: string, variant: string, on: string, over: Partial<AuditLetter> = {}, recordedOn = on): this {
    const l: AuditLetter = {
      id: `L-${this.letters.length + 1}`,
      type,
      variant,
      status: 'final',
      docNumber: `示范公开〔2026〕${this.letters.length + 1}号`,
      issuedOn: on,
      hashIntact: true,
      replaced: false,
      remedy: variant === 'reply_disclose' ? 'ordinary' : null,
      ...over,
    };
    this.letters.push(l);
    this.entry('LETTER_ISSUED', on, CLERK, { letterId: l.id, type, variant, docNumber: l.docNumber, sha256: 'x' }, recordedOn);
    return this;
  }

  input(over: Partial<AuditInput> = {}): AuditInput {
    return {
      scope: 'closed',
      asOf: '2026-04-30',
      context: this.snap.context,
      entries: this.entries,
      deadlines: { correctionNoticeDue: '2026-03-11', replyDue: '2026-03-30' },
      letters: this.letters,
      proposal: this.proposal,
      history: { intact: true, replayMatches: true, problems: [] },
      graceWorkingDays: 3,
      calendar: weekdays,
      ...over,
    };
  }
}

export const DISCLOSE = { outcome: 'disclose', basis: '第36条第（二）项', reasons: '经审查，可以公开', access: '纸质复印件邮寄' };

/**
 * Accepted and assigned (unless the builder already did), reviewed (disclose) and proposed by
 * 2026-03-05 — or on `on` when the case's own steps went later.
 */
export function proposed(b = new CaseBuilder(), proposal: Body = DISCLOSE, on = { review: '2026-03-04', propose: '2026-03-05' }): CaseBuilder {
  if (b.snap.value === 'registered') b.step('ACCEPT', '2026-03-03', CLERK);
  if (!b.snap.context.assignment) b.step('ASSIGN', b.entries.at(-1)!.occurredOn, CLERK, { departmentId: 'D-1', assigneeId: 'u-handler' });
  if (proposal.outcome === 'disclose') b.step('RECORD_SECRECY_REVIEW', on.review, HANDLER, { conclusion: 'disclose', ground: '经审查不涉密', reviewer: '保密员' });
  return b.step('PROPOSE', on.propose, HANDLER, proposal);
}

/** In approval from 2026-03-06 (one step: any approver). */
export function inApproval(b = proposed(), on = '2026-03-06'): CaseBuilder {
  return b.step('SUBMIT_FOR_APPROVAL', on, HANDLER, { chain: [{ step: 'approver' }] });
}

/** A clean case: disclosed, approved 03-09, reply issued that day, handed over in person 03-10. */
export function clean(b = inApproval(), on = { approve: '2026-03-09', deliver: '2026-03-10' }): CaseBuilder {
  return b
    .step('APPROVE', on.approve, APPROVER)
    .letter('reply', 'reply_disclose', on.approve)
    .step('DELIVER', on.deliver, CLERK, { method: 'in_person', recipient: '张三' });
}
