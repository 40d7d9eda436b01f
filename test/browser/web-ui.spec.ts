/**
 * The staff web UI in Debian's Chromium, driven as a person would by accessible names (issue 13's
 * contract): sign-in for every role, intake with the check digit, the worklist, a case from 登记 to
 * 审批 and its letters, the approval inbox, and the public tracking page.
 */
import { residentIdCheckDigit } from '../../src/domain/intake';
import { BrowserRig, describeInBrowser, expectSoundPage, screenshot, signIn, signOut, startRig } from './browser-support';

const FIRST17 = '11010519491231002';
const GOOD_ID = FIRST17 + residentIdCheckDigit(FIRST17);
const BAD_ID = FIRST17 + (residentIdCheckDigit(FIRST17) === '1' ? '2' : '1');

describeInBrowser('web UI in Chromium', () => {
  let rig: BrowserRig;
  const created = { id: '', caseNumber: '', trackingCode: '', receiptDate: '' };

  beforeAll(async () => {
    rig = await startRig();
  }, 120_000);
  afterAll(async () => rig && rig.close());

  it('sends every page to /login while signed out, except /track', async () => {
    const { page, baseUrl } = rig;
    for (const p of ['/', '/cases', '/cases/new', '/cases/00000000-0000-4000-8000-000000000000', '/approvals']) {
      await page.goto(`${baseUrl}${p}`);
      await page.waitForURL((u) => u.pathname === '/login');
      await expectSoundPage(rig);
    }
    await page.goto(`${baseUrl}/track`);
    expect(new URL(page.url()).pathname).toBe('/track');
    await expect(page.getByRole('button', { name: '查询' })).toBeTruthy();
    await expectSoundPage(rig);
  });

  it('keeps a wrong password on /login with a Chinese alert', async () => {
    const { page, baseUrl } = rig;
    await page.goto(`${baseUrl}/login`);
    await screenshot(rig, 'login');
    await page.getByLabel('用户名').fill('clerk');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/[\u4e00-\u9fff]/);
    expect(new URL(page.url()).pathname).toBe('/login');
    await expectSoundPage(rig, [[401, '/auth/login']]);
  });

  it('signs in every role (Enter in 密码) and out again with 退出登录', async () => {
    const start: Record<string, string> = { admin: '/cases', clerk: '/cases', handler: '/cases', approver: '/approvals', legal: '/cases', operator: '/platform' };
    for (const [user, path] of Object.entries(start)) {
      await signIn(rig, user);
      expect([user, new URL(rig.page.url()).pathname]).toEqual([user, path]);
      await expect(rig.page.getByRole('button', { name: '退出登录' }).isVisible()).resolves.toBe(true);
      await expectSoundPage(rig);
      await signOut(rig);
    }
  }, 60_000);

  it('refuses a wrong check digit before saving, then registers and opens the case', async () => {
    const { page, baseUrl } = rig;
    await signIn(rig, 'clerk');
    await page.goto(`${baseUrl}/cases/new`);
    await page.getByLabel('提交方式').selectOption({ label: '当面提交' });
    expect(await page.getByLabel('收件时间').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    await page.getByLabel('申请人类型').selectOption({ label: '自然人' });
    await page.getByLabel('姓名或名称').fill('张三');
    await page.getByLabel('证件类型').selectOption({ label: '居民身份证' });
    await page.getByLabel('证件号码').fill(BAD_ID);
    await page.getByLabel('联系电话').fill('13800001234');
    await page.getByLabel('通信地址').fill('示范县人民路2号');
    await page.getByLabel('所需政府信息的内容描述').fill('申请公开2025年度示范县道路建设项目的招标文件。');
    await page.getByLabel('载体形式').selectOption({ label: '纸质' });
    await page.getByLabel('获取方式').selectOption({ label: '邮寄' });
    await expect(page.getByLabel('证件号码').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await page.getByRole('alert').first().innerText()).toContain('校验');
    await page.getByRole('button', { name: '提交登记' }).click();
    expect(new URL(page.url()).pathname).toBe('/cases/new');
    await screenshot(rig, 'intake');
    await expectSoundPage(rig); // refused in the page: no request at all

    await page.getByLabel('证件号码').fill(GOOD_ID);
    await expect(page.getByLabel('证件号码').getAttribute('aria-invalid')).resolves.toBe('false');
    await page.getByRole('button', { name: '提交登记' }).click();
    await page.waitForURL((u) => /^\/cases\/[0-9a-f-]{36}$/.test(u.pathname));
    created.id = new URL(page.url()).pathname.split('/')[2];
    const row = (await rig.t.db.query(`SELECT case_number, tracking_code, receipt_date::text AS receipt_date FROM cases WHERE id = $1`, [created.id])).rows[0];
    Object.assign(created, { caseNumber: row.case_number, trackingCode: row.tracking_code, receiptDate: row.receipt_date });
    await page.getByRole('heading', { name: `案件 ${created.caseNumber}` }).waitFor();
    await expectSoundPage(rig);
  }, 60_000);

  it("shows the new case in the clerk's worklist with its remaining working days", async () => {
    const { page, baseUrl } = rig;
    await page.goto(`${baseUrl}/cases`);
    const link = page.getByRole('link', { name: created.caseNumber });
    await link.waitFor();
    const row = page.getByRole('row').filter({ has: link });
    await expect(row.innerText()).resolves.toMatch(/\d+ 个工作日/);
    await screenshot(rig, 'worklist');
    await expectSoundPage(rig);
  });

  it('moves the case through 受理, 分办, 办理意见 and 报批 on the case page', async () => {
    const { page, baseUrl } = rig;
    const act = async (name: string) => {
      const form = page.getByRole('form', { name });
      await form.getByRole('button', { name }).click();
      await page.getByRole('status').filter({ hasText: `已办理：${name}` }).waitFor();
      await page.waitForLoadState('networkidle');
    };
    await page.goto(`${baseUrl}/cases/${created.id}`);
    await act('受理');
    await act('分办（交承办部门）');
    await expectSoundPage(rig);
    await signOut(rig);

    await signIn(rig, 'handler');
    await page.goto(`${baseUrl}/cases/${created.id}`);
    const propose = page.getByRole('form', { name: '提出办理意见' });
    await propose.getByLabel('办理结果').selectOption('not_exist');
    await propose.getByLabel('理由', { exact: true }).fill('经检索档案系统，未找到相关信息');
    await propose.getByLabel('检索情况').fill('档案系统、OA系统');
    await act('提出办理意见');
    await act('报送审批');
    expect(await page.getByRole('form', { name: '审批通过' }).count()).toBe(0); // not the handler's to approve
    await expectSoundPage(rig);
    await signOut(rig);
  }, 60_000);

  it("lists the case in the approver's inbox, approves it and opens the reply letter (PDF)", async () => {
    const { page, baseUrl } = rig;
    await signIn(rig, 'approver');
    await page.goto(`${baseUrl}/approvals`);
    await page.getByRole('link', { name: created.caseNumber }).waitFor();
    await screenshot(rig, 'approvals');
    await expectSoundPage(rig);
    await page.getByRole('button', { name: `审批通过 ${created.caseNumber}` }).click();
    await page.getByRole('status').filter({ hasText: '已审批通过' }).waitFor();
    await expectSoundPage(rig);

    await page.goto(`${baseUrl}/cases/${created.id}`);
    const letter = page.getByRole('link', { name: /答复书.*PDF/ });
    await letter.waitFor();
    const res = await page.context().request.get(new URL((await letter.getAttribute('href'))!, baseUrl).toString());
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByRole('heading', { name: '历史记录校验' }).waitFor();
    await expect(page.getByText(/哈希链完整/).isVisible()).resolves.toBe(true);
    await screenshot(rig, 'case');
    await expectSoundPage(rig);
    await signOut(rig);
  }, 60_000);

  it('refuses the approval inbox to a clerk', async () => {
    const { page, baseUrl } = rig;
    await signIn(rig, 'clerk');
    await page.goto(`${baseUrl}/approvals`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/[\u4e00-\u9fff]/);
    expect(await page.getByRole('link', { name: created.caseNumber }).count()).toBe(0);
    await expectSoundPage(rig);
    await signOut(rig);
  });

  it('tracks the case publicly with the code and the phone’s last 4 digits, and says the same for a miss', async () => {
    const { page, baseUrl } = rig;
    await page.goto(`${baseUrl}/track`);
    const ask = async (code: string, digits: string) => {
      await page.getByLabel('查询码').fill(code);
      await page.getByLabel('手机号后四位').fill(digits);
      await page.getByRole('button', { name: '查询' }).click();
      await page.waitForLoadState('networkidle');
    };
    await ask(created.trackingCode, '9999');
    const wrongDigits = await page.getByRole('alert').innerText();
    await ask('NOSUCHCODE99', '1234');
    expect(await page.getByRole('alert').innerText()).toBe(wrongDigits);
    await expectSoundPage(rig, [[404, '/track']]);

    await ask(created.trackingCode, '1234');
    const result = page.getByRole('region', { name: '查询结果' });
    await result.waitFor();
    const text = await result.innerText();
    expect(text).toContain('已作出答复');
    expect(text).toContain(created.receiptDate);
    const body = await page.evaluate<string>('document.body.innerText');
    expect(body).not.toContain('13800001234');
    expect(body).not.toContain(GOOD_ID);
    expect(body).not.toContain('张三');
    await screenshot(rig, 'track');
    await expectSoundPage(rig);
  });
});
