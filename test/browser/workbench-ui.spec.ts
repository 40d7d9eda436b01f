/**
 * Issue 13 in Chromium, the clerk's and approver's everyday tools: the deadline warnings in the
 * header (from the reminders job), the worklist's bulk actions (分办 with progress, 批量打印), and
 * the approval inbox with the draft reply beside the case.
 */
import { OUTCOMES } from '../../src/domain/outcomes/outcomes';
import { RemindersService } from '../../src/modules/worker/reminders.service';
import { act, departmentId, register } from '../support/cases';
import { BrowserRig, describeInBrowser, expectSoundPage, screenshot, signIn, signOut, startRig } from './browser-support';

describeInBrowser('workbench in Chromium: notifications, bulk actions, approval beside the draft', () => {
  let rig: BrowserRig;
  let dept: string;

  beforeAll(async () => {
    rig = await startRig();
    dept = await departmentId(rig.t);
  }, 120_000);
  afterAll(async () => rig && rig.close());

  it('shows the day’s deadline warnings in the header; one opens its case and is marked read', async () => {
    const { page } = rig;
    const c = (await register(rig.t, { description: '申请公开示范县2025年度公园建设资金使用情况。' })).body;
    const due = (await rig.t.db.query(`SELECT to_char(next_due, 'YYYY-MM-DD') AS d FROM cases WHERE id = $1`, [c.id])).rows[0].d;
    // The reminders job on the day the nearest deadline falls due: the 3-day and 1-day warnings.
    await rig.t.app.get(RemindersService, { strict: false }).run(due);

    await signIn(rig, 'clerk');
    const bell = page.getByRole('button', { name: /期限提醒 \d+ 条/ });
    await bell.waitFor();
    const unread = Number(/(\d+)/.exec(await bell.innerText())![1]);
    expect(unread).toBeGreaterThanOrEqual(1);
    await bell.click();
    const panel = page.getByRole('dialog', { name: '期限提醒' });
    await panel.getByText(`案件 ${c.caseNumber} 的`).first().waitFor();
    await screenshot(rig, 'notifications');
    await panel.getByRole('button', { name: c.caseNumber }).first().click();
    await page.waitForURL((u) => u.pathname === `/cases/${c.id}`);
    await page.getByText(c.caseNumber).first().waitFor();
    const read = await rig.t.db.query(`SELECT count(*)::int AS n FROM notifications WHERE case_id = $1 AND read_at IS NOT NULL`, [c.id]);
    expect(read.rows[0].n).toBeGreaterThanOrEqual(1);
    await expectSoundPage(rig);
    await signOut(rig);
  }, 60_000);

  it('assigns the ticked cases to a department in bulk with progress, reports a refused one, and prints their letters', async () => {
    const { page, baseUrl } = rig;
    const accepted: Array<{ id: string; caseNumber: string }> = [];
    for (const description of ['申请公开示范县2025年度路灯改造项目合同。', '申请公开示范县2025年度供水管网改造方案。']) {
      let c = (await register(rig.t, { description })).body;
      c = (await act(rig.t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
      accepted.push(c);
    }
    // Registered only: assign is refused for it (not yet accepted), and the page says so.
    const fresh = (await register(rig.t, { description: '申请公开示范县2025年度垃圾分类设施清单。' })).body;

    await signIn(rig, 'clerk');
    // The clerk starts at /cases; wait for its requests rather than navigate over them.
    await page.waitForLoadState('networkidle');
    await page.goto(`${baseUrl}/cases`);
    for (const c of [...accepted, fresh]) await page.getByRole('checkbox', { name: `选择 ${c.caseNumber}` }).check();
    const bar = page.getByRole('group', { name: '批量操作' });
    await bar.getByText('已选 3 件').waitFor();
    await bar.getByLabel('分办至').selectOption({ label: '政务公开科' });
    await bar.getByRole('button', { name: '分办所选案件' }).click();
    const result = page.getByRole('alert').filter({ hasText: '分办至政务公开科完成：成功 2 件，未成功 1 件' });
    await result.waitFor();
    expect(await result.innerText()).toContain(fresh.caseNumber);
    const rows = await rig.t.db.query(`SELECT id, department_id FROM cases WHERE id = ANY($1::uuid[])`, [accepted.map((c) => c.id).concat(fresh.id)]);
    const byId = new Map(rows.rows.map((r: any) => [r.id, r.department_id]));
    expect(accepted.map((c) => byId.get(c.id))).toEqual([dept, dept]);
    expect(byId.get(fresh.id)).toBeNull();
    // The refused case stays ticked for another try; the assigned ones are cleared.
    await bar.getByText('已选 1 件').waitFor();
    await screenshot(rig, 'worklist-bulk');
    await expectSoundPage(rig, [[409, `/cases/${fresh.id}/actions/assign`]]);

    await page.getByRole('checkbox', { name: `选择 ${accepted[0].caseNumber}` }).check();
    const [file] = await Promise.all([page.waitForEvent('download'), bar.getByRole('button', { name: '打印所选案件文书' }).click()]);
    const bytes = await import('node:fs').then((fs) => file.path().then((p) => fs.readFileSync(p)));
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    await expectSoundPage(rig, [[409, `/cases/${fresh.id}/actions/assign`]]);

    // “3 个工作日内到期” asks for the cases due by the day 3 working days from today, by the server's calendar.
    const third = (await rig.t.http.get(`/api/v1/calendar/add-working-days?from=${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)}&days=3`)).body.date;
    await page.getByLabel('几个工作日内到期').fill('3');
    const [req] = await Promise.all([
      page.waitForRequest((r) => r.url().includes('/api/v1/cases?') && r.url().includes('dueBefore=')),
      page.getByRole('button', { name: '查询' }).click(),
    ]);
    expect(new URL(req.url()).searchParams.get('dueBefore')).toBe(third);
    await page.getByLabel('答复类型').selectOption({ label: '予以公开（第36条第（二）项）' });
    const [req2] = await Promise.all([
      page.waitForRequest((r) => r.url().includes('/api/v1/cases?') && r.url().includes('outcome=')),
      page.getByRole('button', { name: '查询' }).click(),
    ]);
    expect(new URL(req2.url()).searchParams.get('outcome')).toBe('disclose');
    await page.getByText('共 0 件').waitFor();
    await expectSoundPage(rig, [[409, `/cases/${fresh.id}/actions/assign`]]);
    await signOut(rig);
  }, 90_000);

  it('shows the approver the case and its draft reply side by side, and approves from there', async () => {
    const { page, baseUrl } = rig;
    let c = (await register(rig.t, { description: '申请公开示范县2025年度桥梁检测报告。' })).body;
    c = (await act(rig.t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
    c = (await act(rig.t, 'clerk', c, 'assign', { departmentId: dept, occurredOn: '2026-02-16' })).body;
    const notExist = OUTCOMES.find((o) => o.code === 'not_exist')!;
    c = (await act(rig.t, 'handler', c, 'propose', { outcome: 'not_exist', basis: notExist.basis, reasons: '经检索档案系统，本机关未制作该报告', searchPerformed: '档案系统', occurredOn: '2026-02-24' })).body;
    c = (await act(rig.t, 'handler', c, 'submit-for-approval', { occurredOn: '2026-02-24' })).body;

    await signIn(rig, 'approver');
    await page.waitForLoadState('networkidle');
    await page.goto(`${baseUrl}/approvals`);
    await page.getByRole('row').filter({ hasText: c.caseNumber }).locator('td').nth(1).click();
    const pane = page.getByRole('region', { name: `审批 ${c.caseNumber}` });
    const summary = pane.getByRole('region', { name: '案件摘要' });
    await summary.getByText('经检索档案系统，本机关未制作该报告').waitFor();
    await summary.getByText('申请公开示范县2025年度桥梁检测报告。').waitFor();
    const draft = pane.getByRole('article', { name: '答复书草稿' });
    await draft.getByText('政府信息公开申请答复书').waitFor();
    expect(await draft.innerText()).toContain('第三十六条');
    await screenshot(rig, 'approvals-beside-draft');
    await expectSoundPage(rig);

    await pane.getByLabel('审批意见').fill('同意');
    await pane.getByRole('button', { name: `审批通过 ${c.caseNumber}` }).click();
    await page.getByRole('status').filter({ hasText: `${c.caseNumber} 已审批通过` }).waitFor();
    expect((await rig.t.db.query(`SELECT state FROM cases WHERE id = $1`, [c.id])).rows[0].state).not.toBe('inApproval');
    await expectSoundPage(rig);
    await signOut(rig);
  }, 90_000);

  it('shows the case’s fee, its consultations and the delivery of its notices on the case page', async () => {
    const { page, baseUrl } = rig;
    let c = (await register(rig.t, { description: '申请公开示范县2025年度全部政府采购合同。' })).body;
    c = (await act(rig.t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
    c = (await act(rig.t, 'clerk', c, 'assign', { departmentId: dept, occurredOn: '2026-02-16' })).body;
    c = (await act(rig.t, 'handler', c, 'start-consultation', { party: 'thirdParty', name: '示范建设有限公司', occurredOn: '2026-02-17' })).body;
    c = (await act(rig.t, 'handler', c, 'issue-fee-notice', { method: 'per_page', pages: 150, deliveryMethod: 'in_person', occurredOn: '2026-02-24' })).body;
    expect(c.fee).toMatchObject({ method: 'per_page', receivedOn: '2026-02-24' });

    await signIn(rig, 'handler');
    await page.waitForLoadState('networkidle');
    await page.goto(`${baseUrl}/cases/${c.id}`);
    const fee = page.getByRole('region', { name: '信息处理费' });
    await fee.waitFor();
    const feeText = await fee.innerText();
    expect(feeText).toContain('按量计收（按页）');
    expect(feeText).toContain(`${c.fee.amount} 元`);
    expect(feeText).toContain('未缴纳');
    expect(feeText).toContain('2026年2月24日');
    const cons = await page.getByRole('region', { name: '征求意见' }).innerText();
    // A consultation letter posted by default: its 15 WD wait for the delivery record.
    expect(cons).toContain('示范建设有限公司');
    expect(cons).toContain('待登记对方收到日期');
    const notices = page.getByRole('table', { name: '告知书送达情况' });
    expect(await notices.innerText()).toMatch(/收费通知书[\s\S]*直接送达[\s\S]*2026年2月24日/);
    expect(await notices.innerText()).toContain('待登记收到日期');
    await screenshot(rig, 'case-fee-notices');
    await expectSoundPage(rig);

    // The posted consultation letter's delivery record, entered on its form: its 15 WD start.
    const form = page.getByRole('form', { name: '登记文书收到日期' });
    expect(await form.getByLabel('文书').locator('option:checked').innerText()).toContain('第三方意见征询函');
    await form.getByLabel('收件人收到之日').fill('2026-02-19');
    await form.getByRole('button', { name: '登记文书收到日期' }).click();
    await page.getByRole('status').filter({ hasText: '已办理：登记文书收到日期' }).waitFor();
    await page.getByRole('region', { name: '征求意见' }).getByText('答复期限').waitFor();
    const stored = (await rig.t.http.get(`/api/v1/cases/${c.id}`).set('authorization', `Bearer ${await rig.t.login('handler')}`)).body;
    expect(stored.consultations[0]).toMatchObject({ receivedOn: '2026-02-19', awaitingReceipt: false });
    expect(stored.consultations[0].answerDue).toMatch(/^2026-03-/);
    await expectSoundPage(rig);
    await signOut(rig);
  }, 90_000);
});
