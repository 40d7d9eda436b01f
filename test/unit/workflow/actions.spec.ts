import {
  ACTION_EVENT,
  CASE_ACTIONS,
  ROLE_ACTIONS,
  allowedActions,
  isCaseAction,
  roleAllows,
} from '../../../src/domain/workflow';
import { OUTCOMES } from '../../../src/domain/outcomes/outcomes';
import { chain2, fresh, handler, head, inHandling, review, run } from './helpers';

const on = '2026-03-03';
const clerkU = { id: 'u-clerk', roles: ['clerk'] };
const handlerU = { id: 'u-handler', roles: ['handler'] };
const headU = { id: 'u-head', roles: ['approver', '科室负责人'] };
// 公开办主任 heads the disclosure office: the only one who extends (条例第三十三条第二款).
const directorU = { id: 'u-director', roles: ['approver', '公开办主任', 'office_head'] };

describe('action map and role map', () => {
  it('maps every kebab-case action to a SCREAMING_SNAKE event', () => {
    expect(CASE_ACTIONS).toHaveLength(27);
    for (const a of CASE_ACTIONS) expect(ACTION_EVENT[a]).toBe(a.toUpperCase().replace(/-/g, '_'));
    expect(isCaseAction('approve')).toBe(true);
    expect(isCaseAction('toString')).toBe(false);
  });
  it('admin has no case actions; every action has a role', () => {
    expect(ROLE_ACTIONS.admin).toEqual([]);
    for (const a of CASE_ACTIONS)
      expect(Object.values(ROLE_ACTIONS).some((l) => l.includes(a))).toBe(true);
    expect(roleAllows(['admin'], 'accept')).toBe(false);
    expect(roleAllows(['legal'], 'record-litigation')).toBe(true);
    expect(roleAllows(['clerk', 'handler'], 'propose')).toBe(true);
  });
});

describe('allowedActions', () => {
  it('registered: clerk', () => {
    expect(allowedActions(fresh(), clerkU, on)).toEqual([
      'accept',
      'request-correction',
      'withdraw',
      'on-the-spot-reply',
    ]);
    expect(allowedActions(fresh(), handlerU, on)).toEqual([]);
    expect(allowedActions(fresh(), { id: 'a', roles: ['admin'] }, on)).toEqual([]);
  });
  it('handling: handler and approver', () => {
    const s = inHandling();
    expect(allowedActions(s, handlerU, on)).toEqual([
      'start-consultation',
      'issue-fee-notice',
      'request-reasons',
      'record-secrecy-review',
      'propose',
    ]);
    // 条例第35条: no deferral before the reasons were asked for and judged reasonable.
    expect(allowedActions(s, headU, on)).toEqual(['record-secrecy-review']);
    expect(allowedActions(s, directorU, on)).toEqual(['extend', 'record-secrecy-review']);
    const asked = run(s, { type: 'REQUEST_REASONS', ...handler });
    expect(allowedActions(asked, handlerU, on)).toContain('record-reasons');
    expect(allowedActions(asked, handlerU, on)).not.toContain('request-reasons');
    const reasonable = run(asked, { type: 'RECORD_REASONS', reasonable: true, summary: '合理', ...handler });
    expect(allowedActions(reasonable, headU, on)).toEqual(['defer', 'record-secrecy-review']);
    expect(allowedActions(reasonable, handlerU, on)).not.toContain('record-reasons');
    expect(allowedActions(s, { id: 'u-oh', roles: ['office_head'] }, on)).toEqual(['extend']);
    expect(allowedActions(s, clerkU, on)).toEqual(['assign', 'withdraw']);
  });
  it('context-dependent guards are evaluated truly', () => {
    let s = run(
      inHandling(),
      { type: 'REQUEST_REASONS', ...handler }, // 条例第35条: a deferral needs reasons judged reasonable
      { type: 'RECORD_REASONS', reasonable: true, summary: '合理', ...handler },
      {
        type: 'START_CONSULTATION',
        consultationId: 'K',
        party: 'agency',
        name: '某局',
        ...handler,
      },
      { type: 'PROPOSE', outcome: 'not_exist', ...handler },
    );
    const h = allowedActions(s, handlerU, on);
    expect(h).toContain('close-consultation');
    expect(h).not.toContain('submit-for-approval');
    s = run(s, { type: 'CLOSE_CONSULTATION', consultationId: 'K', result: 'agree', ...handler });
    expect(allowedActions(s, handlerU, on)).toContain('submit-for-approval');
    s = run(s, { type: 'SUBMIT_FOR_APPROVAL', chain: chain2, ...handler });
    expect(allowedActions(s, headU, on)).toEqual(['defer', 'approve', 'return']);
    expect(allowedActions(s, directorU, on)).toEqual(['extend', 'defer']);
    s = run(s, { type: 'APPROVE', ...head });
    expect(allowedActions(s, directorU, on)).toEqual(['extend', 'defer', 'approve', 'return']);
    // extension used → no longer offered
    s = run(s, {
      type: 'EXTEND',
      workingDays: 5,
      reason: 'r',
      approvedBy: 'u-director',
      replyDue: on,
      ...head,
    });
    expect(allowedActions(s, directorU, on)).toEqual(['defer', 'approve', 'return']);
  });
  it('after closure: archive and remedies', () => {
    const s = run(fresh(), { type: 'WITHDRAW' });
    expect(allowedActions(s, clerkU, on)).toEqual([
      'archive',
      'record-reconsideration',
      'record-litigation',
    ]);
    expect(allowedActions(s, { id: 'l', roles: ['legal'] }, on)).toEqual([
      'record-reconsideration',
      'record-litigation',
    ]);
  });
});

describe('every proposable outcome can be proposed with a suitable payload', () => {
  it.each(OUTCOMES.filter((o) => o.proposable).map((o) => o.code))('%s', (code) => {
    let s = inHandling();
    // 条例第35条: 不予处理 after the reasons were asked for and judged unreasonable.
    if (code === 'excessive_requests')
      s = run(s, { type: 'REQUEST_REASONS', ...handler }, { type: 'RECORD_REASONS', reasonable: false, summary: '无理由', ...handler });
    if (code === 'disclose' || code === 'partial')
      s = run(s, review(code === 'disclose' ? 'disclose' : 'partial', { withheldPart: 'p' }));
    s = run(s, {
      type: 'PROPOSE',
      outcome: code,
      reasons: '理由',
      noConsultationReason: '无法联系',
      withheldParts:
        code === 'partial'
          ? [{ part: 'p', ground: 'withhold_law_forbids', reason: 'r' }]
          : undefined,
      ...handler,
    });
    expect(s.context.proposal?.outcome).toBe(code);
  });
  it.each(OUTCOMES.filter((o) => !o.proposable).map((o) => o.code))('%s is refused', (code) => {
    const r = allowedActions(inHandling(), handlerU, on);
    expect(r).toContain('propose');
    expect(() => run(inHandling(), { type: 'PROPOSE', outcome: code, ...handler })).toThrow(
      /不能由承办人提出/,
    );
  });
});
