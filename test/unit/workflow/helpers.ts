import {
  applyEvent,
  startCase,
  type CaseSnapshot,
  type CaseEvent,
} from '../../../src/domain/workflow';

export const clerk = { actorId: 'u-clerk', actorRoles: ['clerk'] };
export const handler = { actorId: 'u-handler', actorRoles: ['handler'] };
export const head = { actorId: 'u-head', actorRoles: ['approver', '科室负责人'] };
export const director = { actorId: 'u-director', actorRoles: ['approver', '公开办主任'] };

export const fresh = () => startCase({ caseId: 'C-1', receivedOn: '2026-03-02' });

type Ev = CaseEvent extends infer E
  ? E extends CaseEvent
    ? Omit<E, 'on' | 'actorId'> & { on?: string; actorId?: string }
    : never
  : never;

/** Apply events that must all succeed (defaults: on=2026-03-03, actor=clerk). */
export function run(s: CaseSnapshot, ...events: Ev[]): CaseSnapshot {
  for (const e of events) {
    const full = { on: '2026-03-03', ...clerk, ...e } as CaseEvent;
    const r = applyEvent(s, full);
    if (!r.changed) throw new Error(`${full.type} refused: ${r.reason}`);
    s = r.snapshot;
  }
  return s;
}

/** Apply one event that must be refused; returns the reason. */
export function refuse(s: CaseSnapshot, e: Ev): string {
  const full = { on: '2026-03-03', ...clerk, ...e } as CaseEvent;
  const r = applyEvent(s, full);
  if (r.changed) throw new Error(`${full.type} unexpectedly accepted`);
  expect(r.snapshot).toBe(s);
  return r.reason as string;
}

export const inHandling = (s = fresh()) =>
  run(s, { type: 'ACCEPT' }, { type: 'ASSIGN', departmentId: 'D-1', assigneeId: 'u-handler' });

export const chain2 = [{ step: '科室负责人' }, { step: '公开办主任', approverId: 'u-director' }];

export const review = (conclusion: 'disclose' | 'partial' | 'withhold', extra: object = {}) => ({
  type: 'RECORD_SECRECY_REVIEW' as const,
  conclusion,
  ground: '保密法第9条；经审查不涉密',
  reviewer: 'u-secrecy',
  ...handler,
  ...extra,
});
