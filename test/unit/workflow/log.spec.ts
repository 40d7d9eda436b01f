/**
 * replayCase over histories recorded before legal review finding 7 (the timers closed a case at
 * once with CORRECTION_PERIOD_EXPIRED / FEE_PERIOD_EXPIRED) and after it (…_LAPSED proposes the
 * closure): both replay, each to what it meant when it was recorded.
 */
import { replayCase } from '../../../src/domain/workflow';

type Entry = { seq: number; type: string; payload: unknown; actorId: string | null; occurredOn: string };
const handler = { actorRoles: ['handler'] };
const clerk = { actorRoles: ['clerk'] };

function history(...rest: Array<Omit<Entry, 'seq'>>): Entry[] {
  const registered = { type: 'REGISTERED', payload: { receiptDate: '2026-02-13' }, actorId: 'u-clerk', occurredOn: '2026-02-13' };
  return [registered, ...rest].map((e, i) => ({ ...e, seq: i + 1 }));
}

describe('replayCase across the change of the closures (legal review finding 7)', () => {
  it('a legacy correction closure replays to closed, correction_overdue, as recorded', () => {
    const r = replayCase(
      'c-1',
      history(
        { type: 'REQUEST_CORRECTION', payload: { items: ['文号'], periodWorkingDays: 5, ...clerk }, actorId: 'u-clerk', occurredOn: '2026-02-24' },
        { type: 'LETTER_ISSUED', payload: { type: 'correction_notice' }, actorId: 'u-clerk', occurredOn: '2026-02-24' },
        { type: 'CORRECTION_PERIOD_EXPIRED', payload: { timer: 'correction_period', dueOn: '2026-03-02' }, actorId: null, occurredOn: '2026-03-03' },
      ),
    );
    expect(r).toMatchObject({ ok: true, state: 'closed', applied: 2 });
    const ctx = (r as { snapshot: { context: Record<string, unknown> } }).snapshot.context;
    expect(ctx).toMatchObject({ outcome: 'correction_overdue', closeReason: 'correction_overdue', closedOn: '2026-03-03' });
    expect(ctx).not.toHaveProperty('closure'); // the old snapshot had no such field: the replay must not add one
  });

  it('a legacy fee closure replays to closed, fee_unpaid', () => {
    const r = replayCase(
      'c-2',
      history(
        { type: 'ACCEPT', payload: clerk, actorId: 'u-clerk', occurredOn: '2026-02-13' },
        { type: 'ASSIGN', payload: { departmentId: 'd-1', ...clerk }, actorId: 'u-clerk', occurredOn: '2026-02-16' },
        { type: 'ISSUE_FEE_NOTICE', payload: { method: 'per_page', amount: 1700, items: null, dueOn: '2026-03-24', ...handler }, actorId: 'u-h', occurredOn: '2026-02-24' },
        { type: 'FEE_PERIOD_EXPIRED', payload: { timer: 'fee_period', dueOn: '2026-03-24' }, actorId: null, occurredOn: '2026-03-25' },
      ),
    );
    expect(r).toMatchObject({ ok: true, state: 'closed' });
  });

  it('a history after the change replays through the proposal, the good reason and the second proposal', () => {
    const r = replayCase(
      'c-3',
      history(
        { type: 'REQUEST_CORRECTION', payload: { items: ['文号'], periodWorkingDays: 5, ...clerk }, actorId: 'u-clerk', occurredOn: '2026-02-24' },
        { type: 'CORRECTION_PERIOD_LAPSED', payload: { timer: 'correction_period', dueOn: '2026-03-02' }, actorId: null, occurredOn: '2026-03-03' },
        { type: 'RECORD_GOOD_REASON', payload: { reason: '邮路延误', periodWorkingDays: 5, dueOn: '2026-03-11', ...clerk }, actorId: 'u-clerk', occurredOn: '2026-03-04' },
        { type: 'CORRECTION_PERIOD_LAPSED', payload: { timer: 'correction_period', dueOn: '2026-03-11' }, actorId: null, occurredOn: '2026-03-12' },
        { type: 'SUBMIT_FOR_APPROVAL', payload: { chain: [{ step: 'approver' }], ...clerk }, actorId: 'u-clerk', occurredOn: '2026-03-12' },
        { type: 'APPROVE', payload: { actorRoles: ['approver'] }, actorId: 'u-a', occurredOn: '2026-03-13' },
      ),
    );
    expect(r).toMatchObject({ ok: true, state: 'decided', applied: 6 });
  });
});
