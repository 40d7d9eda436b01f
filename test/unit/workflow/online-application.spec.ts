/** 网上申请 in the statechart: awaiting confirmation until CONFIRM_RECEIPT (条例第31条第（三）项). */
import { allowedActions, applyEvent, persistCase, replayCase, startOnlineApplication, stateKey, type CaseEvent } from '../../../src/domain/workflow';

const base = { actorId: 'u-clerk', actorRoles: ['clerk'] };
const confirm = (on: string, confirmedAt: string) => ({ type: 'CONFIRM_RECEIPT', on, confirmedAt, ...base }) as CaseEvent;

describe('online application awaiting confirmation', () => {
  const s = startOnlineApplication({ caseId: 'c1', arrivedOn: '2026-03-06' });

  it('starts in awaitingConfirmation; a clerk may only confirm it', () => {
    expect(stateKey(s)).toBe('awaitingConfirmation');
    expect(allowedActions(s, { id: 'u-clerk', roles: ['clerk'] }, '2026-03-06')).toEqual(['confirm-receipt']);
    expect(allowedActions(s, { id: 'u-h', roles: ['handler', 'approver', 'legal', 'office_head'] }, '2026-03-06')).toEqual([]);
    expect(applyEvent(s, { type: 'ACCEPT', on: '2026-03-06', ...base } as CaseEvent).refusal?.code).toBe('ACTION_NOT_AVAILABLE_IN_STATE');
  });

  it('the confirmation date (Asia/Shanghai) becomes the receipt date and the clock start', () => {
    const r = applyEvent(s, confirm('2026-03-09', '2026-03-08T16:30:00Z'));
    expect(r.changed).toBe(true);
    expect(stateKey(r.snapshot)).toBe('registered');
    expect(r.snapshot.context).toMatchObject({ receivedOn: '2026-03-09', clockStartedOn: '2026-03-09' });
  });

  it("refuses an event dated otherwise than the confirmation's Shanghai date, and a confirmation before the arrival", () => {
    expect(applyEvent(s, confirm('2026-03-08', '2026-03-08T16:30:00Z')).refusal?.code).toBe('CONFIRMATION_TIME_INVALID');
    expect(applyEvent(s, confirm('2026-03-05', '2026-03-05T10:00:00+08:00')).refusal?.code).toBe('CONFIRMATION_BEFORE_ARRIVAL');
  });

  it('replays from APPLICATION_SUBMITTED through CONFIRM_RECEIPT to the same snapshot', () => {
    const after = applyEvent(s, confirm('2026-03-09', '2026-03-09T09:00:00+08:00')).snapshot;
    const accepted = applyEvent(after, { type: 'ACCEPT', on: '2026-03-10', ...base } as CaseEvent).snapshot;
    const entries = [
      { seq: 1, type: 'APPLICATION_SUBMITTED', payload: { channel: 'online', arrivedAt: '2026-03-06T02:00:00.000Z', arrivedOn: '2026-03-06', caseNumber: '2026-000001', flags: [] }, actorId: null, occurredOn: '2026-03-06' },
      { seq: 2, type: 'CONFIRMATION_OVERDUE', payload: { timer: 'confirmation', dueOn: '2026-03-09' }, actorId: null, occurredOn: '2026-03-10' },
      { seq: 3, type: 'CONFIRM_RECEIPT', payload: { confirmedAt: '2026-03-09T09:00:00+08:00', actorRoles: ['clerk'] }, actorId: 'u-clerk', occurredOn: '2026-03-09' },
      { seq: 4, type: 'ACCEPT', payload: { actorRoles: ['clerk'] }, actorId: 'u-clerk', occurredOn: '2026-03-10' },
    ];
    const r = replayCase('c1', entries);
    expect(r).toMatchObject({ ok: true, state: 'accepted', applied: 2 });
    expect(r.ok && r.snapshot).toEqual(persistCase(accepted));
  });
});
