/**
 * Actor-free helpers around caseMachine for server use: each request loads the
 * persisted snapshot (JSON), applies one event with the pure `transition`, stores it.
 */
import { initialTransition, transition } from 'xstate';
import type { SnapshotFrom, StateValue } from 'xstate';
import { caseMachine } from './machine';
import { refusal, type Refusal } from './refusals';
import { eventProblem, openConsultations } from './rules';
import type { CaseContext, CaseEvent, CaseEventType, CaseInput, IsoDate } from './types';

export type CaseSnapshot = SnapshotFrom<typeof caseMachine>;

export interface ApplyResult {
  snapshot: CaseSnapshot;
  changed: boolean;
  /** Why it was refused: stable code, Chinese message, article (refusals.ts). */
  refusal?: Refusal;
  /** Chinese reason when refused (= refusal.message). */
  reason?: string;
}

export type StateKey =
  | 'awaitingConfirmation'
  | 'registered'
  | 'accepted'
  | 'awaitingCorrection'
  | 'closureProposed'
  | 'handling'
  | 'inApproval'
  | 'decided'
  | 'closed'
  | 'archived';
export const STATE_KEYS: readonly StateKey[] = [
  'awaitingConfirmation',
  'registered',
  'accepted',
  'awaitingCorrection',
  'closureProposed',
  'handling',
  'inApproval',
  'decided',
  'closed',
  'archived',
];
export const STATE_LABELS: Readonly<Record<StateKey, string>> = {
  awaitingConfirmation: '待确认',
  registered: '登记',
  accepted: '受理',
  awaitingCorrection: '补正',
  closureProposed: '逾期未补正，拟视为放弃申请',
  handling: '承办',
  inApproval: '报批',
  decided: '作出决定',
  closed: '办结',
  archived: '归档',
};

export function startCase(input: CaseInput): CaseSnapshot {
  return initialTransition(caseMachine, input)[0];
}

/**
 * An online application awaiting the office's confirmation (条例第31条第（三）项): the machine's
 * context as at the start, resolved in `awaitingConfirmation`. `arrivedOn` (the submission's
 * Asia/Shanghai date) stands in for the receipt date until CONFIRM_RECEIPT sets it.
 */
export function startOnlineApplication(input: { caseId: string; arrivedOn: IsoDate }): CaseSnapshot {
  const initial = startCase({ caseId: input.caseId, receivedOn: input.arrivedOn });
  return caseMachine.resolveState({ value: 'awaitingConfirmation', context: initial.context });
}

export function stateValueOf(snapshot: CaseSnapshot): StateValue {
  return snapshot.value;
}

/** Top-level state for worklists. */
export function stateKey(snapshot: CaseSnapshot): StateKey {
  const v = snapshot.value;
  return (typeof v === 'string' ? v : Object.keys(v)[0]) as StateKey;
}

export interface Substates {
  consulting: boolean;
  awaitingFee: boolean;
  feePaid: boolean;
  /** A closure (视为放弃申请) is proposed: 逾期未补正 (top-level) or 逾期未缴费 (in the fee region). */
  closureProposed: boolean;
  work: 'investigating' | 'drafting' | 'proposed' | null;
}

export function substates(snapshot: CaseSnapshot): Substates {
  const inHandling = stateKey(snapshot) === 'handling';
  const work = (['investigating', 'drafting', 'proposed'] as const).find((w) =>
    snapshot.matches({ handling: { work: w } }),
  );
  return {
    consulting: inHandling && snapshot.matches({ handling: { consultations: 'consulting' } }),
    awaitingFee: inHandling && snapshot.matches({ handling: { fee: 'awaitingFee' } }),
    feePaid: !!snapshot.context.fee?.paidOn,
    closureProposed:
      stateKey(snapshot) === 'closureProposed' ||
      (inHandling && snapshot.matches({ handling: { fee: 'closureProposed' } })),
    work: inHandling ? (work ?? null) : null,
  };
}

/** Whether any active state node handles the event type at all (regardless of guards). */
function stateHandles(snapshot: CaseSnapshot, type: CaseEventType): boolean {
  return snapshot._nodes.some((n) => n.ownEvents.includes(type));
}

/** Why an event would be refused in this snapshot, or null when it would be taken. */
export function refusalOf(snapshot: CaseSnapshot, event: CaseEvent): Refusal | null {
  if (snapshot.can(event)) return null;
  const key = stateKey(snapshot);
  if (!stateHandles(snapshot, event.type))
    return refusal('ACTION_NOT_AVAILABLE_IN_STATE', STATE_LABELS[key], event.type);
  return (
    eventProblem(snapshot.context, event) ?? refusal('EVENT_CONDITIONS_NOT_MET', event.type, key)
  );
}

/** Chinese reason an event would be refused in this snapshot, or null (= refusalOf(...)?.message). */
export function refusalReason(snapshot: CaseSnapshot, event: CaseEvent): string | null {
  return refusalOf(snapshot, event)?.message ?? null;
}

/** Apply one event; refused events return the same snapshot with changed=false and the refusal. */
export function applyEvent(snapshot: CaseSnapshot, event: CaseEvent): ApplyResult {
  const r = refusalOf(snapshot, event);
  if (r !== null) return { snapshot, changed: false, refusal: r, reason: r.message };
  const [next] = transition(caseMachine, snapshot, event);
  return { snapshot: next, changed: true };
}

/** Event types among the candidates that the snapshot would take. */
export function allowedEvents(
  snapshot: CaseSnapshot,
  candidateEvents: CaseEvent[],
): CaseEventType[] {
  return [...new Set(candidateEvents.filter((e) => snapshot.can(e)).map((e) => e.type))];
}

/** JSON-safe persisted form (store in a jsonb column). */
export function persistCase(snapshot: CaseSnapshot): unknown {
  return JSON.parse(JSON.stringify(caseMachine.getPersistedSnapshot(snapshot)));
}

/** Restore a snapshot from its persisted JSON (no actor needed). */
export function restoreCase(persisted: unknown): CaseSnapshot {
  const p = (typeof persisted === 'string' ? JSON.parse(persisted) : persisted) as {
    value: StateValue;
    context: CaseContext;
  };
  if (!p || typeof p !== 'object' || p.value === undefined || !p.context)
    throw new Error('not a persisted case snapshot');
  return caseMachine.resolveState({ value: p.value, context: p.context });
}

export { openConsultations };
