/**
 * The administration pages in Debian's Chromium (issue 13, item 8), driven by accessible names:
 * the agency admin's departments, users and settings; a clerk refused; the platform operator's
 * agencies and the national holiday calendar as a month grid.
 */
import { register, registration } from '../support/cases';
import { TEST_PASSWORD } from '../support/test-app';
import { BrowserRig, describeInBrowser, expectSoundPage, screenshot, signIn, signOut, startRig } from './browser-support';

describeInBrowser('administration pages in Chromium', () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await startRig();
  }, 120_000);
  afterAll(async () => rig && rig.close());

  it('admin creates a department and a 承办人 in it, then deactivates the user, whose sign-in then fails', async () => {
    const { page, baseUrl } = rig;
    await signIn(rig, 'admin');
    const menu = page.getByRole('navigation', { name: '主菜单' });
    for (const name of ['用户管理', '承办部门', '本机关设置']) await menu.getByRole('link', { name }).waitFor();
    expect(await menu.getByRole('link', { name: '节假日安排' }).count()).toBe(0);

    await menu.getByRole('link', { name: '承办部门' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/departments');
    await page.getByLabel('部门名称').fill('信息公开二科');
    await page.getByRole('button', { name: '新建部门' }).click();
    await page.getByRole('status').filter({ hasText: '已新建承办部门 信息公开二科' }).waitFor();
    await page.getByRole('cell', { name: '信息公开二科' }).waitFor();
    // The same name again: the server's Chinese refusal (409 DEPARTMENT_EXISTS) in an alert.
    await page.getByLabel('部门名称').fill('信息公开二科');
    await page.getByRole('button', { name: '新建部门' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/[\u4e00-\u9fff]/);
    await screenshot(rig, 'admin-departments');
    await expectSoundPage(rig, [[409, '/departments']]);

    await page.goto(`${baseUrl}/admin/users`);
    await page.getByRole('table', { name: '本机关用户' }).getByRole('cell', { name: 'clerk', exact: true }).waitFor();
    await page.getByLabel('用户名').fill('handler9');
    await page.getByLabel('姓名').fill('赵承办');
    await page.getByLabel('初始密码').fill('short');
    await page.getByRole('group', { name: '角色', exact: true }).getByLabel('承办人').check();
    await page.getByLabel('承办部门').selectOption({ label: '信息公开二科' });
    await page.getByRole('button', { name: '新建用户' }).click();
    // Too short a password: the server's field message, in Chinese, in an alert.
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/密码 ?至少 8 个字符/);
    await expectSoundPage(rig, [[400, '/users']]);

    await page.getByLabel('初始密码').fill('Handler9-Passw0rd');
    await page.getByRole('button', { name: '新建用户' }).click();
    await page.getByRole('status').filter({ hasText: '已新建用户 handler9' }).waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'handler9', exact: true }) });
    await expect(row.innerText()).resolves.toMatch(/赵承办\s+承办人\s+信息公开二科\s+启用/);

    await page.getByRole('button', { name: '停用 handler9' }).click();
    await page.getByRole('status').filter({ hasText: 'handler9 已停用' }).waitFor();
    // The page refreshes the table before it announces the change.
    await expect(row.innerText()).resolves.toContain('已停用');
    await page.getByRole('button', { name: '启用 handler9' }).waitFor();
    await page.getByRole('button', { name: '修改 handler9 的角色、部门或密码' }).click();
    await page.getByRole('group', { name: 'handler9 的角色' }).waitFor();
    // Moved to another department: saved, recorded, and the table says so.
    const deptGroup = page.getByRole('group', { name: 'handler9 的承办部门' });
    await deptGroup.getByLabel('承办部门').selectOption({ label: '政务公开科' });
    await deptGroup.getByRole('button', { name: '保存部门' }).click();
    await page.getByRole('status').filter({ hasText: 'handler9 的承办部门已改为政务公开科' }).waitFor();
    await expect(row.innerText()).resolves.toContain('政务公开科');
    const moved = await rig.t.db.query(`SELECT d.name FROM users u JOIN departments d ON d.id = u.department_id WHERE u.username = 'handler9'`);
    expect(moved.rows[0]?.name).toBe('政务公开科');
    await screenshot(rig, 'admin-users');
    await expectSoundPage(rig);
    await signOut(rig);

    await page.getByLabel('用户名').fill('handler9');
    await page.getByLabel('密码').fill('Handler9-Passw0rd');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/[\u4e00-\u9fff]/);
    expect(new URL(page.url()).pathname).toBe('/login');
    await expectSoundPage(rig, [[401, '/auth/login']]);
  }, 90_000);

  it("admin changes the agency's 行政复议机关互联网申请渠道 and sees it saved", async () => {
    const { page, baseUrl } = rig;
    await signIn(rig, 'admin');
    await page.goto(`${baseUrl}/admin/agency`);
    const channel = page.getByLabel('行政复议机关互联网申请渠道');
    await channel.waitFor();
    expect(await page.getByLabel('行政复议机关', { exact: true }).inputValue()).not.toBe('');
    await expect(page.getByText('行政复议法第二十四条').isVisible()).resolves.toBe(true);
    await expect(page.getByText('行政复议法第二十二条第二款').isVisible()).resolves.toBe(true);
    const value = '示范市人民政府行政复议网上申请平台（https://fy.example.gov.cn）';
    await channel.fill(value);
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByRole('status').filter({ hasText: '本机关设置已保存' }).waitFor();
    await expectSoundPage(rig);

    await page.reload();
    await page.getByLabel('行政复议机关互联网申请渠道').waitFor();
    expect(await page.getByLabel('行政复议机关互联网申请渠道').inputValue()).toBe(value);
    const stored = await rig.t.db.query(`SELECT settings->>'reconsiderationOnlineChannel' AS c FROM agencies WHERE name = '示范县人民政府'`);
    expect(stored.rows[0]?.c).toBe(value);

    // A two-level approval chain: the demo approver by name, then any approver.
    const chain = page.getByRole('group', { name: '报批环节' });
    await chain.getByRole('button', { name: '添加审批环节' }).click();
    await chain.getByRole('button', { name: '添加审批环节' }).click();
    await chain.getByLabel('第 1 级审批人').selectOption({ label: '审批人（approver）' });
    await chain.getByLabel('第 1 级环节名称').fill('公开办主任');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByRole('status').filter({ hasText: '本机关设置已保存' }).waitFor();
    const saved = await rig.t.db.query(
      `SELECT settings->'approvalChain' AS c, (SELECT id FROM users WHERE username = 'approver') AS approver FROM agencies WHERE name = '示范县人民政府'`,
    );
    expect(saved.rows[0].c).toEqual([{ step: '公开办主任', approverId: saved.rows[0].approver }, { step: 'approver' }]);
    await page.reload();
    await page.getByLabel('第 2 级审批人').waitFor();
    expect(await page.getByLabel('第 1 级环节名称').inputValue()).toBe('公开办主任');
    await page.getByRole('button', { name: '删除第 2 级' }).click();
    await page.getByRole('button', { name: '删除第 1 级' }).click();
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByRole('status').filter({ hasText: '本机关设置已保存' }).waitFor();
    await page.getByRole('cell', { name: '未设置：任一审批人审批一次' }).waitFor();

    // An invalid value: the server's message in an alert, nothing saved.
    await page.getByLabel('补录宽限（工作日）').fill('99');
    await page.getByRole('button', { name: '保存设置' }).click();
    const alert = await page.getByRole('alert').innerText();
    expect(alert).toContain('补录宽限（工作日）');
    expect(alert).toContain('60');
    expect(alert).not.toMatch(/[A-Za-z]/);
    await screenshot(rig, 'admin-agency');
    await expectSoundPage(rig, [[400, '/agency']]);
    await signOut(rig);
  }, 60_000);

  it("shows the admin the outbox: without SMTP_URL the applicant's messages wait, and the page says so", async () => {
    const { page } = rig;
    const c = (await register(rig.t, { applicant: { ...registration().applicant, email: 'zhangsan@example.cn' } })).body;
    expect(c.caseNumber).toBeTruthy();
    await signIn(rig, 'admin');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '消息发件箱' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/outbox');
    await page.getByRole('alert').filter({ hasText: '未设置邮件服务器（SMTP_URL）' }).waitFor();
    const row = page.getByRole('table', { name: '发件箱消息' }).getByRole('row').filter({ hasText: c.caseNumber });
    await row.first().waitFor();
    expect(await row.first().innerText()).toMatch(/zhangsan@example\.cn[\s\S]*待发送/);
    await page.getByLabel('状态').selectOption('sent');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('cell', { name: '没有消息' }).waitFor();
    await screenshot(rig, 'admin-outbox');
    await expectSoundPage(rig);
    await signOut(rig);
  }, 60_000);

  it('refuses a clerk at /admin/users in Chinese, and shows no administration menu', async () => {
    const { page, baseUrl } = rig;
    await signIn(rig, 'clerk');
    expect(await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '用户管理' }).count()).toBe(0);
    await page.goto(`${baseUrl}/admin/users`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/[\u4e00-\u9fff]/);
    expect(await page.getByRole('table', { name: '本机关用户' }).count()).toBe(0);
    await expectSoundPage(rig, [[403, '/users']]);
    await signOut(rig);
  });

  it('operator lists the agencies and opens a new one with its first admin', async () => {
    const { page } = rig;
    await signIn(rig, 'operator');
    expect(new URL(page.url()).pathname).toBe('/platform');
    const table = page.getByRole('table', { name: '行政机关' });
    await table.getByRole('cell', { name: '示范县人民政府', exact: true }).waitFor();
    await page.getByLabel('机关名称').fill('示范区人民政府');
    await page.getByLabel('简称').fill('示范区政府');
    await page.getByLabel('文号前缀').fill('示范区政公开');
    await page.getByLabel('管理员用户名').fill('admin-sfq');
    await page.getByLabel('管理员初始密码').fill('Admin-Sfq-Passw0rd');
    await page.getByRole('button', { name: '开通行政机关' }).click();
    await page.getByRole('status').filter({ hasText: '已开通 示范区人民政府' }).waitFor();
    await table.getByRole('cell', { name: '示范区人民政府', exact: true }).waitFor();
    await screenshot(rig, 'platform');
    await expectSoundPage(rig);

    // The same admin user name again: 409 USERNAME_TAKEN in Chinese.
    await page.getByLabel('机关名称').fill('另一人民政府');
    await page.getByLabel('简称').fill('另一政府');
    await page.getByLabel('文号前缀').fill('另一公开');
    await page.getByLabel('管理员用户名').fill('admin-sfq');
    await page.getByLabel('管理员初始密码').fill('Admin-Sfq-Passw0rd');
    await page.getByRole('button', { name: '开通行政机关' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/[\u4e00-\u9fff]/);
    await expectSoundPage(rig, [[409, '/agencies']]);
    await signOut(rig);

    // The new agency's admin signs in and finds its settings page.
    await signIn(rig, 'admin-sfq', 'Admin-Sfq-Passw0rd');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '本机关设置' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/agency');
    expect(await page.getByLabel('机关名称').inputValue()).toBe('示范区人民政府');
    await expectSoundPage(rig);
    await signOut(rig);
  }, 60_000);

  it('operator views 2026 as a month grid with 春节 and its make-up working day, and sees a bad notice refused', async () => {
    const { page } = rig;
    await signIn(rig, 'operator', TEST_PASSWORD);
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '节假日安排' }).click();
    await page.waitForURL((u) => u.pathname === '/platform/calendar');
    await page.getByLabel('年份', { exact: true }).fill('2026');
    await page.getByRole('button', { name: '查看' }).click();
    const feb = page.getByRole('table', { name: '2026年2月' });
    await feb.getByRole('cell', { name: '2月15日 春节 休' }).waitFor();
    await feb.getByRole('cell', { name: '2月23日 春节 休' }).waitFor();
    await feb.getByRole('cell', { name: '2月14日 春节 调休上班' }).waitFor();
    expect(await page.getByRole('table', { name: /^2026年\d+月$/ }).count()).toBe(12);
    for (const legend of ['法定节假日', '调休上班日']) await expect(page.getByRole('list', { name: '图例' }).innerText()).resolves.toContain(legend);
    await page.getByRole('table', { name: '期限重新计算任务' }).waitFor();
    await expectSoundPage(rig);

    const json = page.getByLabel('节假日安排（JSON）');
    expect(JSON.parse(await json.inputValue()).holidays).toContainEqual({ name: '春节', from: '2026-02-15', to: '2026-02-23' });
    await json.fill('{ 不是 JSON');
    await page.getByRole('button', { name: '替换该年安排' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('不是有效的 JSON');
    await json.fill(JSON.stringify({ notice: '测试', source: 'https://example.gov.cn', holidays: [{ name: '春节', from: '2026-02-30', to: '2026-02-31' }], makeupWorkdays: [] }));
    await page.getByRole('button', { name: '替换该年安排' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/[\u4e00-\u9fff]/);
    await expectSoundPage(rig, [[400, '/calendar/2026']]);
    // Unchanged: 春节 still marked.
    await page.reload();
    await page.getByRole('table', { name: '2026年2月' }).getByRole('cell', { name: '2月15日 春节 休' }).waitFor();
    await page.getByRole('button', { name: '刷新' }).click();
    await screenshot(rig, 'platform-calendar');
    await expectSoundPage(rig);
    await signOut(rig);
  }, 60_000);
});
