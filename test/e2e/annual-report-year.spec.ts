/**
 * A year of synthetic cases built through the workflow API (backdated `occurredOn`, as issue 15's
 * external client does), then every cell of the annual-report table (国办公开办函〔2021〕30号,
 * sections 三 and 四) compared with an independent computation of the contract's counting rules:
 * every result row (each outcome code, by decision, lapse or withdrawal), every applicant column,
 * cases carried from 2025 into 2026 (two closed in January 2026: carried out of 2025 by their dates),
 * lapse closing dates,
 * remedies re-recorded with the same filedOn, the cell links, the reconciliation, and a report
 * that sees an action committed just before it.
 */
import { OUTCOMES } from '../../src/domain/outcomes/outcomes';
import { FixedClock } from '../../src/platform/clock/clock';
import { departmentId } from '../support/cases';
import { Flow, RECIPES } from '../support/outcome-recipes';
import { createTestContext, TestContext } from '../support/test-app';

type Body = Record<string, any>;
const CATEGORIES = ['natural_person', 'commercial', 'research', 'public_interest', 'legal_service', 'other'] as const;
const COLUMNS = [...CATEGORIES, 'total'] as const;
type Category = (typeof CATEGORIES)[number];

/** The rows of the contract, written out here (shared/domain/README.md §4), not taken from the code. */
const ROW_OF: Record<string, string> = {
  already_public: '3.1', disclose: '3.1', partial: '3.2',
  withhold_state_secret: '3.3.1', withhold_law_forbids: '3.3.2', withhold_security_stability: '3.3.3', withhold_third_party: '3.3.4',
  withhold_internal_affairs: '3.3.5', withhold_process_info: '3.3.6', withhold_enforcement_file: '3.3.7', special_law: '3.3.8',
  not_exist: '3.4.1', not_this_agency: '3.4.1', needs_creation: '3.4.2', unclear_after_correction: '3.4.3',
  petition_complaint: '3.5.1', repeated_request: '3.5.2', publication: '3.5.3', excessive_requests: '3.5.4', confirm_reissue: '3.5.5',
  correction_overdue: '3.6.1', fee_unpaid: '3.6.2', withdrawn: '3.6.3', other: '3.6.3',
};
const RESULT_ROWS = ['3.1', '3.2', '3.3.1', '3.3.2', '3.3.3', '3.3.4', '3.3.5', '3.3.6', '3.3.7', '3.3.8', '3.4.1', '3.4.2', '3.4.3',
  '3.5.1', '3.5.2', '3.5.3', '3.5.4', '3.5.5', '3.6.1', '3.6.2', '3.6.3'];
const ALL_ROWS = ['1', '2', ...RESULT_ROWS, '3.7', '4'];

/** What the test knows of each case it built: category, receipt date R, closing date C, outcome. */
interface Known {
  id: string;
  category: Category;
  R: string;
  C: string | null;
  outcome: string | null;
}
interface Remedy {
  group: 'reconsideration' | 'litigationDirect' | 'litigationAfterReconsideration';
  filedOn: string;
  result: 'upheld' | 'corrected' | 'other' | 'pending';
  decidedOn?: string;
}

const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The contract's counting rules, written independently of src/: R, C, A as issue 15 defines them. */
function expected(known: Known[], remedies: Remedy[], year: number, asOf: string) {
  const jan1 = `${year}-01-01`;
  const rows: Record<string, Record<string, number>> = {};
  for (const r of ALL_ROWS) rows[r] = Object.fromEntries(COLUMNS.map((c) => [c, 0]));
  const add = (row: string, k: Known) => {
    rows[row][k.category]++;
    rows[row].total++;
  };
  for (const k of known) {
    if (jan1 <= k.R && k.R <= asOf) add('1', k);
    if (k.R < jan1 && (k.C === null || k.C >= jan1)) add('2', k);
    if (k.C !== null && jan1 <= k.C && k.C <= asOf) {
      add(ROW_OF[k.outcome!], k);
      add('3.7', k);
    }
    if (k.R <= asOf && (k.C === null || k.C > asOf)) add('4', k);
  }
  const groups = Object.fromEntries(
    (['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'] as const).map((g) => [g, { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 }]),
  );
  for (const r of remedies) {
    if (r.filedOn < jan1 || r.filedOn > asOf) continue;
    const key = r.result !== 'pending' && r.decidedOn && r.decidedOn <= asOf ? r.result : 'pending';
    groups[r.group][key]++;
    groups[r.group].total++;
  }
  return { rows, remedies: groups };
}

describe('annual report over a synthetic year (every row, every column, carried in and out)', () => {
  let t: TestContext;
  // 2026 is the current year (as of today): registration refuses arrival times after the real now.
  const clock = FixedClock.at('2026-06-30');
  const known: Known[] = [];
  const remedies: Remedy[] = [];
  const flows: Record<string, Flow> = {};
  let applicantNo = 0;

  /** A registration body for an applicant of the category, received on `day` (in person). */
  const registrationOf = (category: Category, day: string): Body => {
    applicantNo++;
    const base = { arrivedAt: `${day}T09:30:00+08:00`, description: `申请公开示范县${applicantNo}号项目的批复文件。` };
    if (category === 'natural_person') return base;
    return {
      ...base,
      applicant: { type: 'organisation', category, name: `示范单位${applicantNo}`, idType: 'other', idNumber: `ORG-${applicantNo}`, phone: '0591-1234567', address: '示范县工业路1号' },
    };
  };
  const registered = async (category: Category, day: string) => {
    const f = await Flow.register(t, registrationOf(category, day));
    expect(f.c.receiptDate).toBe(day);
    return f;
  };
  const remember = (f: Flow, category: Category, C: string | null, outcome: string | null) => {
    known.push({ id: f.c.id, category, R: f.c.receiptDate, C, outcome });
    return f;
  };
  const recordRemedy = async (f: Flow, action: 'record-reconsideration' | 'record-litigation', r: Remedy, occurredOn: string, extra: Body = {}) => {
    await f.step('legal', action, { filedOn: r.filedOn, result: r.result, ...(r.decidedOn ? { decidedOn: r.decidedOn } : {}), ...extra, occurredOn });
  };
  const report = async (year: number | string, role = 'legal') =>
    t.http.get(`/api/v1/reports/annual?year=${year}`).set('authorization', `Bearer ${await t.login(role)}`);

  beforeAll(async () => {
    t = await createTestContext({}, { clock });
    const dept = await departmentId(t);

    // Every decided outcome (21 codes), received 2026-02-13, delivered 2026-03-13, columns in turn.
    const decided = OUTCOMES.filter((o) => o.via === 'decision').map((o) => o.code);
    expect(decided).toHaveLength(21);
    for (const [i, code] of decided.entries()) {
      const category = CATEGORIES[i % CATEGORIES.length];
      const r = RECIPES[code];
      const f = await registered(category, '2026-02-13');
      await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
      if (r.intake) await r.intake(f);
      await f.step('clerk', 'assign', { departmentId: dept, occurredOn: r.intake ? '2026-03-03' : '2026-02-24' });
      if (r.prepare) await r.prepare(f);
      await f.step('handler', 'propose', { ...r.propose, occurredOn: '2026-03-11' });
      await f.step('handler', 'submit-for-approval', { occurredOn: '2026-03-11' });
      await f.step('approver', 'approve', { note: '同意', occurredOn: '2026-03-12' });
      await f.step('clerk', 'deliver', { method: 'in_person', recipient: '张三', occurredOn: '2026-03-13' });
      flows[code] = remember(f, category, '2026-03-13', code);
    }

    // Carried in from 2025: withdrawn on 2026-01-05 (其他).
    let f = await registered('natural_person', '2025-11-20');
    await f.step('clerk', 'accept', { occurredOn: '2025-11-20' });
    await f.step('clerk', 'withdraw', { occurredOn: '2026-01-05' });
    remember(f, 'natural_person', '2026-01-05', 'withdrawn');

    // Received and closed in 2025 (not in 2026's table); its reconsideration was filed in 2025
    // (pending at the end of 2025, then decided in 2026: the same filedOn updates the record), and a
    // direct suit filed in 2026, pending, then decided.
    f = await registered('commercial', '2025-10-09');
    await f.step('clerk', 'accept', { occurredOn: '2025-10-09' });
    await f.step('clerk', 'assign', { departmentId: dept, occurredOn: '2025-10-10' });
    await f.step('handler', 'propose', { ...RECIPES.not_exist.propose, occurredOn: '2025-10-30' });
    await f.step('handler', 'submit-for-approval', { occurredOn: '2025-10-30' });
    await f.step('approver', 'approve', { note: '同意', occurredOn: '2025-10-31' });
    await f.step('clerk', 'deliver', { method: 'in_person', recipient: '示范单位', occurredOn: '2025-11-05' });
    remember(f, 'commercial', '2025-11-05', 'not_exist');
    await recordRemedy(f, 'record-reconsideration', { group: 'reconsideration', filedOn: '2025-12-01', result: 'pending' }, '2025-12-01');
    const upheld2026: Remedy = { group: 'reconsideration', filedOn: '2025-12-01', result: 'upheld', decidedOn: '2026-02-10' };
    await recordRemedy(f, 'record-reconsideration', upheld2026, '2026-02-10');
    remedies.push(upheld2026);
    await recordRemedy(f, 'record-litigation', { group: 'litigationDirect', filedOn: '2026-03-01', result: 'pending' }, '2026-03-01', { afterReconsideration: false });
    const lateSuit: Remedy = { group: 'litigationDirect', filedOn: '2026-03-01', result: 'corrected', decidedOn: '2026-06-20' };
    await recordRemedy(f, 'record-litigation', lateSuit, '2026-06-20', { afterReconsideration: false });
    remedies.push(lateSuit);
    expect(f.c.summary.reconsiderations).toEqual([{ filedOn: '2025-12-01', result: 'upheld', decidedOn: '2026-02-10' }]);
    expect(f.c.summary.litigations).toHaveLength(1);

    // Received in 2025 and still open: carried in and carried out.
    f = await registered('research', '2025-12-15');
    await f.step('clerk', 'accept', { occurredOn: '2025-12-15' });
    remember(f, 'research', null, null);

    // Received in December 2025, withdrawn in January 2026: carried out of 2025 by its dates.
    f = await registered('public_interest', '2025-12-22');
    await f.step('clerk', 'accept', { occurredOn: '2025-12-22' });
    await f.step('clerk', 'withdraw', { occurredOn: '2026-01-06' });
    remember(f, 'public_interest', '2026-01-06', 'withdrawn');

    // Received in 2026 and open.
    f = await registered('legal_service', '2026-06-01');
    await f.step('clerk', 'accept', { occurredOn: '2026-06-01' });
    flows.open = remember(f, 'legal_service', null, null);

    // 逾期不补正: the notice handed over (its receipt recorded the day it was issued), never
    // corrected; the clerk records the lapse long after (close-lapsed, today), the closing letter is
    // approved and delivered today — closed the day after the period, in April.
    f = await registered('other', '2026-04-01');
    await f.step('clerk', 'request-correction', { items: ['请写明所需信息的文号'], periodWorkingDays: 5, occurredOn: '2026-04-03' });
    const correctionNotice = f.c.notices.find((n: any) => n.kind === 'correction');
    if (correctionNotice.awaitingReceipt) {
      await f.step('clerk', 'record-letter-receipt', { letterId: correctionNotice.letterId, receivedOn: '2026-04-03', occurredOn: '2026-04-03' });
    }
    const correctionDue = f.c.deadlines.applicantCorrectionDue;
    expect(correctionDue).toBe('2026-04-13'); // 5 WD after 4/3, 清明 4/4-4/6 not counted
    await f.step('clerk', 'close-lapsed');
    expect(f.c.state).toBe('closureProposed');
    await f.step('clerk', 'submit-for-approval');
    await f.step('approver', 'approve', { note: '同意' });
    await f.step('clerk', 'deliver', { method: 'in_person', recipient: '申请人' });
    expect(f.c.state).toBe('closed');
    remember(f, 'other', dayAfter(correctionDue), 'correction_overdue');

    // 逾期未缴费: the fee notice handed over on 2026-05-11, never paid; the lapse recorded by the clerk.
    f = await registered('natural_person', '2026-05-06');
    await f.step('clerk', 'accept', { occurredOn: '2026-05-06' });
    await f.step('clerk', 'assign', { departmentId: dept, occurredOn: '2026-05-07' });
    await f.step('handler', 'issue-fee-notice', { method: 'per_page', pages: 150, occurredOn: '2026-05-11' });
    const feeNotice = f.c.notices.find((n: any) => n.kind === 'fee');
    if (feeNotice.awaitingReceipt) {
      await f.step('clerk', 'record-letter-receipt', { letterId: feeNotice.letterId, receivedOn: '2026-05-11', occurredOn: '2026-05-11' });
    }
    const feeDue = f.c.deadlines.feePaymentDues[0].due;
    expect(feeDue).toBe('2026-06-08'); // 20 WD after 5/11
    await f.step('clerk', 'close-lapsed');
    await f.step('clerk', 'submit-for-approval');
    await f.step('approver', 'approve', { note: '同意' });
    await f.step('clerk', 'deliver', { method: 'in_person', recipient: '申请人' });
    remember(f, 'natural_person', dayAfter(feeDue), 'fee_unpaid');

    // Remedies on 2026's decided cases: a reconsideration pending then upheld (same filedOn), a suit
    // after reconsideration corrected, a direct suit decided 'other', a reconsideration still pending.
    const upheld: Remedy = { group: 'reconsideration', filedOn: '2026-04-01', result: 'upheld', decidedOn: '2026-05-10' };
    await recordRemedy(flows.disclose, 'record-reconsideration', { ...upheld, result: 'pending', decidedOn: undefined }, '2026-04-01');
    await recordRemedy(flows.disclose, 'record-reconsideration', upheld, '2026-05-10');
    remedies.push(upheld);
    const after: Remedy = { group: 'litigationAfterReconsideration', filedOn: '2026-05-20', result: 'corrected', decidedOn: '2026-06-22' };
    await recordRemedy(flows.withhold_third_party, 'record-litigation', after, '2026-06-22', { afterReconsideration: true });
    remedies.push(after);
    const direct: Remedy = { group: 'litigationDirect', filedOn: '2026-06-10', result: 'other', decidedOn: '2026-06-25' };
    await recordRemedy(flows.not_exist, 'record-litigation', direct, '2026-06-25', { afterReconsideration: false });
    remedies.push(direct);
    const pending: Remedy = { group: 'reconsideration', filedOn: '2026-06-15', result: 'pending' };
    await recordRemedy(flows.needs_creation, 'record-reconsideration', pending, '2026-06-15');
    remedies.push(pending);
  }, 600_000);
  afterAll(() => t.close());

  it('every case shows the closing date the contract defines (closedOn)', async () => {
    const token = await t.login('legal');
    for (const k of known) {
      const c = (await t.http.get(`/api/v1/cases/${k.id}`).set('authorization', `Bearer ${token}`)).body;
      expect([k.id, c.closedOn, c.outcome ?? null, c.receiptDate]).toEqual([k.id, k.C, k.outcome, k.R]);
    }
    // Each category and each result row holds at least one case of 2026.
    const e = expected(known, remedies, 2026, '2026-06-30');
    for (const col of CATEGORIES) expect([col, e.rows['1'][col] + e.rows['2'][col]]).not.toEqual([col, 0]);
    for (const row of RESULT_ROWS) expect([row, e.rows[row].total]).not.toEqual([row, 0]);
    for (const row of ['1', '2', '4']) expect([row, e.rows[row].total]).not.toEqual([row, 0]);
  });

  it.each([
    [2024, '2024-12-31'],
    [2025, '2025-12-31'],
    [2026, '2026-06-30'], // the current year: as of today
  ])('%i: every cell, section 四 and the reconciliation equal the independent count', async (year, asOf) => {
    const res = await report(year);
    expect(res.status).toBe(200);
    const r = res.body;
    expect([r.year, r.asOf]).toEqual([year, asOf]);
    const e = expected(known, remedies, year, asOf);
    expect(Object.keys(r.rows).sort()).toEqual([...ALL_ROWS].sort());
    for (const row of ALL_ROWS) expect([row, r.rows[row]]).toEqual([row, e.rows[row]]);
    expect(r.remedies).toEqual(e.remedies);
    const ok = COLUMNS.every((c) => e.rows['1'][c] + e.rows['2'][c] === e.rows['3.7'][c] + e.rows['4'][c]);
    expect(ok).toBe(true);
    expect(r.reconciliation).toMatchObject({
      ok,
      received: e.rows['1'].total,
      carriedIn: e.rows['2'].total,
      closed: e.rows['3.7'].total,
      carriedOut: e.rows['4'].total,
    });
  });

  it('2025 and 2026 in figures (a hand check of the independent count)', async () => {
    const r25 = (await report(2025)).body;
    // Received 10-09 (closed 11-05), 11-20, 12-15, 12-22 (the two withdrawn in January 2026: carried out).
    expect(r25.reconciliation).toEqual({ ok: true, received: 4, carriedIn: 0, closed: 1, carriedOut: 3, mismatches: [] });
    expect(r25.rows['4']).toMatchObject({ natural_person: 1, research: 1, public_interest: 1, total: 3 });
    expect(r25.remedies.reconsideration).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 }); // decided 2026-02-10
    const r = (await report(2026)).body;
    // 21 decided + 1 open + the two lapses = 24 received; 3 carried in; 25 closed; 2 carried out.
    expect(r.reconciliation).toEqual({ ok: true, received: 24, carriedIn: 3, closed: 25, carriedOut: 2, mismatches: [] });
    expect(r.rows['3.6.3'].total).toBe(3); // 'other' decided, and the two withdrawals of cases carried in
    expect(r.rows['3.4.1'].total).toBe(2); // not_exist and not_this_agency
    expect(r.rows['3.6.1']).toMatchObject({ other: 1, total: 1 });
    expect(r.rows['3.6.2']).toMatchObject({ natural_person: 1, total: 1 });
    expect(r.rows['4']).toMatchObject({ research: 1, legal_service: 1, total: 2 });
    expect(r.remedies.reconsideration).toEqual({ upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 });
    expect(r.remedies.litigationDirect).toEqual({ upheld: 0, corrected: 1, other: 1, pending: 0, total: 2 });
    expect(r.remedies.litigationAfterReconsideration).toEqual({ upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 });
  });

  it('every cell of 2026 links to exactly the cases it counts', async () => {
    const token = await t.login('admin');
    const jan1 = '2026-01-01';
    const A = '2026-06-30';
    const inRow: Record<string, (k: Known) => boolean> = {
      '1': (k) => k.R >= jan1 && k.R <= A,
      '2': (k) => k.R < jan1 && (k.C === null || k.C >= jan1),
      '3.7': (k) => k.C !== null && k.C >= jan1 && k.C <= A,
      '4': (k) => k.R <= A && (k.C === null || k.C > A),
    };
    for (const row of RESULT_ROWS) inRow[row] = (k) => inRow['3.7'](k) && ROW_OF[k.outcome!] === row;
    for (const row of ALL_ROWS) {
      for (const col of COLUMNS) {
        const res = await t.http.get(`/api/v1/reports/annual/cases?year=2026&row=${row}&column=${col}`).set('authorization', `Bearer ${token}`);
        expect(res.status).toBe(200);
        const want = known.filter((k) => inRow[row](k) && (col === 'total' || k.category === col)).map((k) => k.id);
        expect([row, col, res.body.items.map((x: any) => x.id).sort()]).toEqual([row, col, want.sort()]);
      }
    }
  });

  it('counts every action committed before the request (no stale snapshot)', async () => {
    const before = (await report(2026)).body;
    const f = flows.open;
    await f.step('clerk', 'withdraw');
    const known2 = known.map((k) => (k.id === f.c.id ? { ...k, C: '2026-06-30', outcome: 'withdrawn' } : k));
    const after = (await report(2026)).body;
    expect(after.rows['3.6.3'].legal_service).toBe(before.rows['3.6.3'].legal_service + 1);
    expect(after.rows['4'].legal_service).toBe(before.rows['4'].legal_service - 1);
    expect(after.rows).toEqual(expected(known2, remedies, 2026, '2026-06-30').rows);
  });

  it('GET /api/v1/outcomes: every role; each of the 21 result rows has a code; each code its row, basis and via', async () => {
    for (const role of ['clerk', 'handler', 'approver', 'legal', 'admin']) {
      const res = await t.http.get('/api/v1/outcomes').set('authorization', `Bearer ${await t.login(role)}`);
      expect([role, res.status]).toEqual([role, 200]);
      const list = res.body as Array<Body>;
      expect(new Set(list.map((o) => o.row))).toEqual(new Set(RESULT_ROWS));
      for (const o of list) {
        expect(Object.keys(o)).toEqual(expect.arrayContaining(['code', 'row', 'label', 'basis', 'via']));
        expect([o.code, o.row]).toEqual([o.code, ROW_OF[o.code]]);
        const via = { correction_overdue: 'lapse', fee_unpaid: 'lapse', withdrawn: 'withdrawal' }[o.code as string] ?? 'decision';
        expect([o.code, o.via]).toEqual([o.code, via]);
      }
      expect(list.find((o) => o.code === 'disclose')).toMatchObject({ row: '3.1', label: '予以公开', basis: '第36条第（二）项', via: 'decision' });
    }
  });

  it('close-lapsed before the period is over is refused (409 PERIOD_NOT_OVER), and without a running period', async () => {
    const f = await registered('natural_person', '2026-06-22');
    await f.step('clerk', 'request-correction', { items: ['请写明所需信息的文号'], periodWorkingDays: 15, deliveryMethod: 'in_person', occurredOn: '2026-06-23' });
    const early = await f.refused('clerk', 'close-lapsed', {}, 409);
    expect(early.code).toBe('PERIOD_NOT_OVER');
    const g = await registered('natural_person', '2026-06-22');
    await g.step('clerk', 'accept', { occurredOn: '2026-06-22' });
    expect((await g.refused('clerk', 'close-lapsed', {}, 409)).code).toBe('ACTION_NOT_AVAILABLE_IN_STATE');
  });
});
