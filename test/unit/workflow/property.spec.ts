/**
 * Property tests of the statechart against its payload rules (rules.ts eventProblem).
 * The events are arbitrary: a walk sends minimal valid events and, at random, events with one
 * field broken (blank, wrong type, out of range, impossible date). Every broken event must be
 * refused, and the targeted properties pin the exact refusal code per broken field — so the
 * properties fail if eventProblem accepted everything.
 */
import fc from 'fast-check';
import {
  CASE_ACTIONS,
  REFUSALS,
  STATE_KEYS,
  ACTION_EVENT,
  allowedActions,
  applyEvent,
  eventProblem,
  isRefusalCode,
  persistCase,
  representativeEvent,
  restoreCase,
  stateKey,
  type CaseEvent,
  type CaseEventType,
  type CaseSnapshot,
  type RefusalCode,
} from '../../../src/domain/workflow';
import { chain2, director, fresh, handler, head, inHandling, run } from './helpers';

const everyone = { id: 'u-all', roles: ['clerk', 'handler', 'approver', 'legal', 'office_head', '—'] };
const TODAY = '2026-03-10';

// ---------------------------------------------------------------- generators

/** Not a string with trimmed content: blanks (incl. full-width space) and non-strings. */
const blank = fc.constantFrom<unknown>(
  '',
  ' ',
  '   ',
  '\t',
  '\n',
  '\u3000',
  undefined,
  null,
  0,
  [],
);

/** Anything but a real YYYY-MM-DD date. */
const invalidDate = fc.oneof(
  fc.constantFrom<unknown>(
    '',
    '2026/03/03',
    '20260303',
    '2026-3-3',
    '2026-02-30',
    '2025-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-03-03T00:00',
    ' 2026-03-03',
    undefined,
    null,
    20260303,
  ),
  fc.string({ maxLength: 12 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
  fc
    .tuple(
      fc.integer({ min: 2000, max: 2099 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 29, max: 39 }),
    )
    .filter(([y, m, d]) => new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d)
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${d}`),
);

const DAY0 = Date.UTC(2020, 0, 1) / 86400000;
const dayToIso = (n: number) => new Date((DAY0 + n) * 86400000).toISOString().slice(0, 10);
/** A real date 2020-2030 as a day offset (compare offsets, render with dayToIso). */
const dayOffset = fc.integer({ min: 0, max: 4000 });

/** Not a positive integer. */
const notPositiveInt = fc.oneof(
  fc.integer({ min: -1000, max: 0 }),
  fc.double({ min: -1000, max: 1000, noNaN: true }).filter((x) => !Number.isInteger(x)),
  fc.constantFrom<unknown>(NaN, Infinity, -Infinity, '5', null, undefined),
);

/** A string that is none of the allowed values. */
const otherThan = (...allowed: string[]) =>
  fc
    .oneof(fc.string({ maxLength: 10 }), fc.constantFrom<unknown>(null, undefined, 1))
    .filter((v) => !allowed.includes(v as string));

type Override = Record<string, unknown>;
const field = (name: string, arb: fc.Arbitrary<unknown>): fc.Arbitrary<Override> =>
  arb.map((v) => ({ [name]: v }));

/** Overrides that make the representative event of each type invalid, whatever the context. */
const BREAKERS: Partial<Record<CaseEventType, fc.Arbitrary<Override>[]>> = {
  REQUEST_CORRECTION: [
    field('items', fc.oneof(fc.constant([]), fc.array(blank, { minLength: 1, maxLength: 3 }))),
    field(
      'items',
      fc
        .array(fc.string({ minLength: 1 }), { maxLength: 2 })
        .chain((ok) => blank.map((b) => [...ok, b])),
    ),
    field('periodWorkingDays', notPositiveInt),
    field(
      'noticeDue',
      invalidDate.filter((d) => d !== undefined),
    ),
  ],
  ASSIGN: [field('departmentId', blank)],
  START_CONSULTATION: [
    field('consultationId', blank),
    field('party', otherThan('thirdParty', 'agency')),
    field('name', blank),
    field(
      'sentOn',
      invalidDate.filter((d) => d !== undefined),
    ),
  ],
  CLOSE_CONSULTATION: [
    field('result', otherThan('agree', 'object', 'noAnswer')),
    field(
      'consultationId',
      fc.string().map((s) => `no-such-${s}`),
    ),
  ],
  ISSUE_FEE_NOTICE: [
    field('method', otherThan('per_item', 'per_page')),
    field('amount', notPositiveInt),
  ],
  EXTEND: [
    field('workingDays', fc.oneof(notPositiveInt, fc.integer({ min: 21, max: 10000 }))),
    field('reason', blank),
    field('approvedBy', blank),
    field('replyDue', invalidDate),
  ],
  DEFER: [field('deferredTo', invalidDate), field('reason', blank)],
  RECORD_SECRECY_REVIEW: [
    field('conclusion', otherThan('disclose', 'partial', 'withhold')),
    field('ground', blank),
    field('reviewer', blank),
    fc.constant({ conclusion: 'partial' }), // without withheldPart
  ],
  PROPOSE: [
    field(
      'outcome',
      fc.string({ maxLength: 8 }).map((s) => `x_${s}`),
    ),
    fc.constantFrom<Override>({ outcome: 'withdrawn' }, { outcome: 'fee_unpaid' }),
    field(
      'basis',
      blank.filter((b) => b !== undefined),
    ),
    field('reasons', blank).map((o) => ({ ...o, outcome: 'withhold_state_secret' })),
  ],
  SUBMIT_FOR_APPROVAL: [
    field('chain', fc.constantFrom<unknown>([], undefined, null)),
    field(
      'chain',
      blank.map((b) => [{ step: b }]),
    ),
  ],
  APPROVE: [fc.constant({ actorId: 'u-nobody', actorRoles: [] })],
  RETURN: [field('comments', blank), fc.constant({ actorId: 'u-nobody', actorRoles: [] })],
  DELIVER: [
    field('method', otherThan('in_person', 'post', 'electronic', 'via_agency')),
    field('recipient', blank),
  ],
  RECORD_RECONSIDERATION: [
    field('filedOn', invalidDate),
    field('result', otherThan('upheld', 'corrected', 'other', 'pending')),
  ],
  RECORD_LITIGATION: [
    field('filedOn', invalidDate),
    field('result', otherThan('upheld', 'corrected', 'other', 'pending')),
    field('afterReconsideration', fc.constantFrom<unknown>(undefined, null, 'yes', 0, 1)),
  ],
  CLOSE_LAPSED: [field('dueOn', invalidDate), field('ground', otherThan('correction_overdue', 'fee_unpaid'))],
  RECORD_GOOD_REASON: [
    field('reason', blank),
    field('periodWorkingDays', notPositiveInt),
    field('dueOn', invalidDate),
  ],
  ON_THE_SPOT_REPLY: [
    field(
      'outcome',
      fc.string({ maxLength: 8 }).map((s) => `x_${s}`),
    ),
    field(
      'secrecyReview',
      fc.oneof(
        blank.map((g) => ({ conclusion: 'disclose', ground: g, reviewer: 'u-sec' })),
        blank.map((r) => ({ conclusion: 'disclose', ground: '不涉密', reviewer: r })),
      ),
    ),
  ],
};
const COMMON_BREAKERS = [field('on', invalidDate), field('actorId', blank)];

const breakerFor = (type: CaseEventType) => fc.oneof(...COMMON_BREAKERS, ...(BREAKERS[type] ?? []));

/** One walk step: an action, and maybe one field broken. */
const step = fc.nat(CASE_ACTIONS.length - 1).chain((i) =>
  fc.record({
    i: fc.constant(i),
    broken: fc.option(breakerFor(ACTION_EVENT[CASE_ACTIONS[i]]), { freq: 2 }),
  }),
);

// ---------------------------------------------------------------- the walk

/** 视为放弃申请 proposed (legal review finding 7): the periods' ends are system events, so walks also start there. */
const lapsedCorrection = () =>
  run(
    fresh(),
    { type: 'REQUEST_CORRECTION', items: ['文号'], periodWorkingDays: 5 },
    { type: 'CORRECTION_PERIOD_LAPSED', dueOn: '2026-03-09', on: TODAY, actorId: 'system', actorRoles: [] },
  );
const lapsedFee = () =>
  run(
    inHandling(),
    { type: 'ISSUE_FEE_NOTICE', method: 'per_page', amount: 100, ...handler },
    { type: 'FEE_PERIOD_LAPSED', dueOn: '2026-03-09', on: TODAY, actorId: 'system', actorRoles: [] },
  );
const STARTS = [fresh, lapsedCorrection, lapsedFee];

describe('random walks with arbitrary payloads', () => {
  it('state changes only when eventProblem is null; broken payloads are always refused; refusals come from the catalogue', () => {
    fc.assert(
      fc.property(fc.nat(STARTS.length - 1), fc.array(step, { maxLength: 40 }), (start, steps) => {
        let s = STARTS[start]();
        for (const { i, broken } of steps) {
          const action = CASE_ACTIONS[i];
          const valid = representativeEvent(s, action, everyone, TODAY);
          const e = (broken ? { ...valid, ...broken } : valid) as CaseEvent;
          const problem = eventProblem(s.context, e);
          const r = applyEvent(s, e);
          // a payload rule that objects always wins: the state never changes
          if (r.changed && problem !== null) return false;
          // a broken field is never accepted
          if (broken && r.changed) return false;
          // an intact representative event is taken exactly when the action is offered
          if (!broken && r.changed !== allowedActions(s, everyone, TODAY).includes(action))
            return false;
          if (r.changed) {
            if (r.refusal || r.reason) return false;
          } else {
            if (!r.refusal || !isRefusalCode(r.refusal.code) || r.reason !== r.refusal.message)
              return false;
            if (r.snapshot !== s) return false;
            // the state takes the event type: the refusal is the payload rule's
            if (r.refusal.code !== 'ACTION_NOT_AVAILABLE_IN_STATE') {
              if (JSON.stringify(r.refusal) !== JSON.stringify(problem)) return false;
            }
          }
          if (!STATE_KEYS.includes(stateKey(r.snapshot))) return false;
          const back = restoreCase(JSON.parse(JSON.stringify(persistCase(r.snapshot))));
          if (JSON.stringify(back.value) !== JSON.stringify(r.snapshot.value)) return false;
          if (JSON.stringify(back.context) !== JSON.stringify(r.snapshot.context)) return false;
          s = r.snapshot;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------- exact codes per broken field

/** Apply and check the exact code (and that it is the catalogue's article), state unchanged. */
function refusedWith(s: CaseSnapshot, e: CaseEvent, code: RefusalCode): boolean {
  const r = applyEvent(s, e);
  const article = (REFUSALS[code] as { article?: string }).article;
  return (
    !r.changed &&
    r.snapshot === s &&
    r.refusal?.code === code &&
    r.refusal.article === article &&
    JSON.stringify(eventProblem(s.context, e)) === JSON.stringify(r.refusal)
  );
}
const taken = (s: CaseSnapshot, e: CaseEvent) => applyEvent(s, e).changed;

const at = (on: string, actorId = 'u-clerk') => ({ on, actorId, actorRoles: ['clerk'] });
const accepted = () => run(fresh(), { type: 'ACCEPT' });
const SITUATIONS: Array<() => CaseSnapshot> = [
  fresh,
  accepted,
  inHandling,
  () => run(inHandling(), { type: 'PROPOSE', outcome: 'not_exist', ...handler }),
  () =>
    run(
      inHandling(),
      { type: 'PROPOSE', outcome: 'not_exist', ...handler },
      { type: 'SUBMIT_FOR_APPROVAL', chain: chain2, ...handler },
    ),
  () => run(fresh(), { type: 'WITHDRAW' }),
  lapsedCorrection,
  lapsedFee,
];

describe('generated invalid payloads get their specific code', () => {
  const built = SITUATIONS.map((f) => f());
  const offered = built.flatMap((s) =>
    allowedActions(s, everyone, TODAY).map(
      (a) => [s, representativeEvent(s, a, everyone, TODAY)] as const,
    ),
  );
  it('bad business date → EVENT_DATE_INVALID; blank actor → ACTOR_REQUIRED (every offered event)', () => {
    expect(offered.length).toBeGreaterThan(10);
    fc.assert(
      fc.property(
        fc.constantFrom(...offered),
        invalidDate,
        blank,
        ([s, e], on, actor) =>
          refusedWith(s, { ...e, on } as CaseEvent, 'EVENT_DATE_INVALID') &&
          refusedWith(s, { ...e, actorId: actor } as CaseEvent, 'ACTOR_REQUIRED'),
      ),
    );
  });

  it('补正 (条例第30条): items, period and notice date', () => {
    const s = fresh();
    const ok = {
      type: 'REQUEST_CORRECTION' as const,
      ...at('2026-03-03'),
      items: ['文号'],
      periodWorkingDays: 15,
    };
    const [badItems, mixedItems, badPeriod, badDue] = BREAKERS.REQUEST_CORRECTION!;
    fc.assert(
      fc.property(
        fc.oneof(badItems, mixedItems),
        badPeriod,
        badDue,
        fc.integer({ min: 1, max: 60 }),
        (items, period, due, days) =>
          refusedWith(s, { ...ok, ...items } as CaseEvent, 'CORRECTION_ITEMS_REQUIRED') &&
          refusedWith(s, { ...ok, ...period } as CaseEvent, 'CORRECTION_PERIOD_INVALID') &&
          refusedWith(s, { ...ok, ...due } as CaseEvent, 'CORRECTION_NOTICE_DUE_INVALID') &&
          taken(s, { ...ok, periodWorkingDays: days }),
      ),
    );
  });

  it('延期 (条例第三十三条第二款): working days in 1..20, decided by the reply deadline', () => {
    const s = accepted();
    const ext = (o: Override) =>
      ({
        type: 'EXTEND',
        ...at('2026-03-10', 'u-director'),
        workingDays: 10,
        reason: '需调取档案',
        approvedBy: 'u-director',
        replyDue: '2026-03-30',
        ...o,
      }) as CaseEvent;
    fc.assert(
      fc.property(
        fc.integer({ min: 21, max: 100000 }),
        notPositiveInt,
        fc.integer({ min: 1, max: 20 }),
        dayOffset,
        dayOffset,
        (tooLong, invalid, days, a, b) => {
          const [replyDue, on] = [dayToIso(Math.min(a, b)), dayToIso(Math.max(a, b))];
          const late = a !== b;
          return (
            refusedWith(s, ext({ workingDays: tooLong }), 'EXTENSION_TOO_LONG') &&
            refusedWith(s, ext({ workingDays: invalid }), 'EXTENSION_DAYS_INVALID') &&
            (late
              ? refusedWith(s, ext({ workingDays: days, on, replyDue }), 'EXTENSION_AFTER_DEADLINE')
              : taken(s, ext({ workingDays: days, on, replyDue }))) &&
            taken(s, ext({ workingDays: days, on: replyDue, replyDue: on }))
          );
        },
      ),
    );
    // once only
    const once = run(s, ext({}) as Parameters<typeof run>[1]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), (d) =>
        refusedWith(once, ext({ workingDays: d }), 'EXTENSION_ALREADY_USED'),
      ),
    );
  });

  it('延迟答复 (条例第三十五条): the date must lie after the day of the decision', () => {
    // Reasons asked for and judged reasonable; the 第33条 deadline is the day of the decision.
    const s = run(
      inHandling(),
      { type: 'REQUEST_REASONS', ...handler, on: '2019-05-15' },
      { type: 'RECORD_REASONS', reasonable: true, summary: '合理', ...handler, on: '2019-05-15' },
    );
    fc.assert(
      fc.property(dayOffset, dayOffset, invalidDate, (a, b, bad) => {
        const on = dayToIso(Math.max(a, b));
        const to = dayToIso(Math.min(a, b));
        const def = (deferredTo: unknown) =>
          ({
            type: 'DEFER',
            ...at(on, 'u-director'),
            deferredTo,
            reason: '数量明显超过合理范围',
            replyDue: on,
          }) as CaseEvent;
        return (
          refusedWith(s, def(to), 'DEFERRAL_DATE_INVALID') &&
          refusedWith(s, def(bad), 'DEFERRAL_DATE_INVALID') &&
          (a === b || taken(s, { ...def(on), on: to, replyDue: to } as CaseEvent))
        );
      }),
    );
  });

  it('fee notice: method and a positive whole amount', () => {
    const s = inHandling();
    const notice = (o: Override) =>
      ({
        type: 'ISSUE_FEE_NOTICE',
        ...at(TODAY, 'u-handler'),
        method: 'per_page',
        amount: 100,
        ...o,
      }) as CaseEvent;
    fc.assert(
      fc.property(
        notPositiveInt,
        otherThan('per_item', 'per_page'),
        fc.integer({ min: 1, max: 1e6 }),
        (amount, method, ok) =>
          refusedWith(s, notice({ amount }), 'FEE_AMOUNT_INVALID') &&
          refusedWith(s, notice({ method }), 'FEE_METHOD_INVALID') &&
          taken(s, notice({ amount: ok })),
      ),
    );
  });

  it('consultations: party, id and name; unknown id names the id', () => {
    const s = run(inHandling(), {
      type: 'START_CONSULTATION',
      consultationId: 'K1',
      party: 'agency',
      name: '某局',
      ...handler,
    });
    const startEv = (o: Override) =>
      ({
        type: 'START_CONSULTATION',
        ...at(TODAY, 'u-handler'),
        consultationId: 'K2',
        party: 'thirdParty',
        name: 'A公司',
        ...o,
      }) as CaseEvent;
    fc.assert(
      fc.property(
        otherThan('thirdParty', 'agency'),
        blank,
        blank,
        fc.string({ minLength: 1, maxLength: 6 }),
        (party, id, name, x) => {
          const close = {
            type: 'CLOSE_CONSULTATION',
            ...at(TODAY, 'u-handler'),
            consultationId: `no-${x}`,
            result: 'agree',
          } as CaseEvent;
          const r = applyEvent(s, close);
          return (
            refusedWith(s, startEv({ party }), 'CONSULTATION_PARTY_INVALID') &&
            refusedWith(s, startEv({ consultationId: id }), 'CONSULTATION_ID_REQUIRED') &&
            refusedWith(s, startEv({ name }), 'CONSULTATION_NAME_REQUIRED') &&
            refusedWith(s, startEv({ consultationId: 'K1' }), 'CONSULTATION_ID_DUPLICATE') &&
            refusedWith(s, close, 'CONSULTATION_NOT_FOUND') &&
            r.refusal?.message === `没有编号为 no-${x} 的征求意见`
          );
        },
      ),
    );
  });

  it('approval: anyone but the current step’s approver → NOT_YOUR_APPROVAL_STEP', () => {
    const s = SITUATIONS[4]();
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 8 }).filter((x) => x.trim().length > 0),
        fc.array(fc.constantFrom('clerk', 'handler', 'approver', '公开办主任', 'legal'), {
          maxLength: 3,
        }),
        (actorId, actorRoles) => {
          const e = { type: 'APPROVE', on: TODAY, actorId, actorRoles } as CaseEvent;
          const r = applyEvent(s, e);
          return (
            refusedWith(s, e, 'NOT_YOUR_APPROVAL_STEP') &&
            r.reason === '当前审批环节“科室负责人”不由该用户办理'
          );
        },
      ),
    );
    expect(taken(s, { type: 'APPROVE', on: TODAY, ...head })).toBe(true);
    expect(taken(s, { type: 'APPROVE', on: TODAY, ...director })).toBe(false);
  });
});
