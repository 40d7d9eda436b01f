/**
 * GET /api/v1/reports/dashboard (issue 15, item 6): the figures the web UI charts, from cases built
 * through the workflow API; each expected figure is derived here from the cases' own details and
 * the calendar API, not from the dashboard's code.
 */
import { FixedClock } from '../../src/platform/clock/clock';
import { departmentId } from '../support/cases';
import { Flow } from '../support/outcome-recipes';
import { createTestContext, TestContext } from '../support/test-app';

describe('GET /api/v1/reports/dashboard', () => {
  let t: TestContext;
  const clock = FixedClock.at('2026-06-30');
  const cases: Record<string, Flow> = {};
  const notExist = { outcome: 'not_exist', reasons: '经检索档案系统，未找到相关信息', searchPerformed: '档案系统、OA系统' };

  const replied = async (arrived: string, dates: [string, string, string]) => {
    const f = await Flow.register(t, { arrivedAt: `${arrived}T09:00:00+08:00` });
    await f.step('clerk', 'accept', { occurredOn: arrived });
    await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: arrived });
    await f.step('handler', 'propose', { ...notExist, occurredOn: dates[0] });
    await f.step('handler', 'submit-for-approval', { occurredOn: dates[0] });
    await f.step('approver', 'approve', { note: '同意', occurredOn: dates[1] });
    await f.step('clerk', 'deliver', { method: 'in_person', recipient: '张三', occurredOn: dates[2] });
    return f;
  };
  const get = async (q: string, role = 'legal') => t.http.get(`/api/v1/reports/dashboard?${q}`).set('authorization', `Bearer ${await t.login(role)}`);
  const wd = async (from: string, to: string) => (await t.http.get(`/api/v1/calendar/working-days-between?from=${from}&to=${to}`)).body.workingDays as number;

  beforeAll(async () => {
    t = await createTestContext({}, { clock });
    cases.onTime = await replied('2026-02-13', ['2026-03-10', '2026-03-11', '2026-03-13']);
    cases.late = await replied('2026-02-13', ['2026-03-20', '2026-03-23', '2026-03-25']);
    cases.withdrawn = await Flow.register(t, { arrivedAt: '2026-03-02T09:00:00+08:00' });
    await cases.withdrawn.step('clerk', 'withdraw', { occurredOn: '2026-03-05' });
    cases.handling = await Flow.register(t, { arrivedAt: '2026-05-11T09:00:00+08:00' });
    await cases.handling.step('clerk', 'accept', { occurredOn: '2026-05-11' });
    await cases.handling.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: '2026-05-12' });
    cases.accepted = await Flow.register(t, { arrivedAt: '2026-06-29T09:00:00+08:00' });
    await cases.accepted.step('clerk', 'accept', { occurredOn: '2026-06-29' });
    cases.lastYear = await replied('2025-12-10', ['2025-12-20', '2025-12-22', '2025-12-23']);
  }, 180_000);
  afterAll(() => t.close());

  it('received per month, by state, by outcome, on time, average working days, overdue by department', async () => {
    const res = await get('year=2026');
    expect(res.status).toBe(200);
    const d = res.body;
    expect([d.year, d.asOf]).toEqual([2026, '2026-06-30']);
    expect(d.receivedByMonth.map((m: any) => m.received)).toEqual([0, 2, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0]);
    expect(d.byState).toEqual([
      { state: 'accepted', label: '受理', count: 1 },
      { state: 'handling', label: '承办', count: 1 },
      { state: 'closed', label: '办结', count: 3 },
    ]);
    expect(d.byOutcome).toEqual([
      { outcome: 'not_exist', label: '本机关不掌握相关政府信息', row: '3.4.1', count: 2 },
      { outcome: 'withdrawn', label: '申请人撤回', row: '3.6.3', count: 1 },
    ]);
    // On time or late by each case's own reply deadline (detail), days by the calendar API.
    const detail = async (f: Flow) => f.get('legal');
    const [a, b] = [await detail(cases.onTime), await detail(cases.late)];
    expect(a.closedOn <= a.deadlines.replyDue).toBe(true);
    expect(b.closedOn > b.deadlines.replyDue).toBe(true);
    const avg = Math.round(((await wd(a.receiptDate, a.closedOn)) + (await wd(b.receiptDate, b.closedOn))) / 2 * 10) / 10;
    expect(d.replies).toEqual({ delivered: 2, onTime: 1, late: 1, onTimeRate: 0.5, averageWorkingDays: avg });
    // Open cases now: the handled one in 政务公开科 (past its reply deadline of 2026-06-08), one not assigned.
    const h = await detail(cases.handling);
    expect(h.deadlines.replyDue < '2026-06-30').toBe(true);
    const dept = d.overdueByDepartment.find((x: any) => x.department === '政务公开科');
    expect(dept).toMatchObject({ departmentId: await departmentId(t), open: 1, overdue: h.deadlines.overdue ? 1 : 0 });
    expect(h.deadlines.overdue).toBe(true);
    expect(d.overdueByDepartment.find((x: any) => x.departmentId === null)).toEqual({ departmentId: null, department: '未分办', open: 1, overdue: 0 });
    expect(d.overdueByDepartment[0]).toEqual(dept); // most overdue first
  });

  it('a past year as of 31 December; counts what was just committed', async () => {
    const d25 = (await get('year=2025')).body;
    expect(d25.asOf).toBe('2025-12-31');
    expect(d25.receivedByMonth[11].received).toBe(1);
    expect(d25.replies).toMatchObject({ delivered: 1, onTime: 1, late: 0, onTimeRate: 1 });
    await cases.accepted.step('clerk', 'withdraw');
    const d = (await get('year=2026')).body;
    expect(d.byState.find((s: any) => s.state === 'closed').count).toBe(4);
    expect(d.overdueByDepartment.find((x: any) => x.departmentId === null)).toBeUndefined();
  });

  it('legal, admin and approvers; others 403; a bad year 400 naming year', async () => {
    for (const role of ['legal', 'admin', 'approver']) expect([role, (await get('year=2026', role)).status]).toEqual([role, 200]);
    for (const role of ['clerk', 'handler']) expect([role, (await get('year=2026', role)).status]).toEqual([role, 403]);
    for (const q of ['', 'year=2027', 'year=x']) {
      const res = await get(q);
      expect([q, res.status, res.body.errors?.[0]?.field]).toEqual([q, 400, 'year']);
    }
  });
});
