/**
 * 网上申请 in Debian's Chromium (issue 14's contract): /apply without sign-in, found by accessible
 * names; a wrong check digit refused before anything is stored; after 提交申请 the 查询码 as text;
 * the clerk finds the case as 待确认 in /cases, confirms it on the case page (确认收件), and /track
 * shows the step.
 */
import { residentIdCheckDigit } from '../../src/domain/intake';
import { BrowserRig, describeInBrowser, expectSoundPage, screenshot, signIn, signOut, startRig } from './browser-support';

const FIRST17 = '11010519491231002';
const GOOD_ID = FIRST17 + residentIdCheckDigit(FIRST17);
const BAD_ID = FIRST17 + (residentIdCheckDigit(FIRST17) === '1' ? '2' : '1');

describeInBrowser('online application (/apply) in Chromium', () => {
  let rig: BrowserRig;
  let trackingCode = '';

  beforeAll(async () => {
    rig = await startRig();
  }, 120_000);
  afterAll(async () => rig && rig.close());

  const count = async () => (await rig.t.db.query(`SELECT count(*)::int n FROM cases`)).rows[0].n;

  it('opens without sign-in, has every labelled control and none of the office’s, explains 第31条', async () => {
    const { page, baseUrl } = rig;
    await page.goto(`${baseUrl}/apply`);
    expect(new URL(page.url()).pathname).toBe('/apply');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.title()).toMatch(/网上申请/);
    for (const name of ['申请人类型', '年报统计类别', '姓名或名称', '证件类型', '证件号码', '联系电话', '通信地址', '电子邮箱', '所需政府信息的内容描述', '载体形式', '获取方式']) {
      expect([name, await page.getByLabel(name, { exact: true }).count()]).toEqual([name, 1]);
    }
    for (const name of ['提交方式', '收件时间', '确认时间']) expect([name, await page.getByLabel(name).count()]).toEqual([name, 0]);
    expect(await page.getByRole('button', { name: '提交申请' }).count()).toBe(1);
    const text = await page.locator('main').innerText();
    expect(text).toContain('第三十一条');
    expect(text).toContain('双方确认之日为收到申请之日');
    await expectSoundPage(rig);
  });

  it('refuses a wrong check digit before anything is stored, then submits and shows the 查询码 and the last-four-digits rule', async () => {
    const { page, baseUrl } = rig;
    await page.goto(`${baseUrl}/apply`);
    await page.getByLabel('申请人类型').selectOption({ label: '自然人' });
    await page.getByLabel('姓名或名称').fill('李四');
    await page.getByLabel('证件类型').selectOption({ label: '居民身份证' });
    await page.getByLabel('证件号码').fill(BAD_ID);
    await page.getByLabel('联系电话').fill('13900005678');
    await page.getByLabel('通信地址').fill('示范县解放路8号');
    await page.getByLabel('电子邮箱').fill('lisi@example.cn');
    await page.getByLabel('所需政府信息的内容描述').fill('申请公开2025年度示范县老旧小区改造项目的资金安排。');
    await page.getByLabel('载体形式').selectOption({ label: '纸质' });
    await page.getByLabel('获取方式').selectOption({ label: '邮寄' });
    await expect(page.getByLabel('证件号码').getAttribute('aria-invalid')).resolves.toBe('true');
    const before = await count();
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('alert').first().waitFor();
    expect(await page.getByRole('alert').first().innerText()).toContain('校验');
    expect(await count()).toBe(before);

    await page.getByLabel('证件号码').fill(GOOD_ID);
    await expect(page.getByLabel('证件号码').getAttribute('aria-invalid')).resolves.toBe('false');
    await screenshot(rig, 'apply');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('heading', { name: '申请已提交' }).waitFor();
    const shown = await page.locator('.done').innerText();
    const m = /查询码：\s*([2-9A-Z]{12})/.exec(shown);
    expect(m).not.toBeNull();
    trackingCode = m![1];
    expect(shown).toContain('后四位');
    const row = (await rig.t.db.query(`SELECT state, channel, receipt_date FROM cases WHERE tracking_code = $1`, [trackingCode])).rows[0];
    expect(row).toEqual({ state: 'awaitingConfirmation', channel: 'online', receipt_date: null });
    await screenshot(rig, 'apply-done');
    await expectSoundPage(rig);
  }, 60_000);

  it('the clerk sees it as 待确认 in /cases, confirms it with 确认收件, and /track shows the step', async () => {
    const { page, baseUrl } = rig;
    const c = (await rig.t.db.query(`SELECT id, case_number FROM cases WHERE tracking_code = $1`, [trackingCode])).rows[0];
    await signIn(rig, 'clerk');
    await page.goto(`${baseUrl}/cases`);
    const link = page.getByRole('link', { name: c.case_number });
    await link.waitFor();
    const row = page.getByRole('row').filter({ has: link });
    await expect(row.innerText()).resolves.toContain('待确认');
    await expectSoundPage(rig);
    await link.click();
    await page.getByRole('heading', { name: `案件 ${c.case_number}` }).waitFor();
    const form = page.getByRole('form', { name: '确认收件' });
    await form.getByRole('button', { name: '确认收件' }).click();
    await page.getByRole('status').filter({ hasText: '已办理：确认收件' }).waitFor();
    await page.waitForLoadState('networkidle');
    const after = (await rig.t.db.query(`SELECT state, receipt_date::text AS receipt_date FROM cases WHERE id = $1`, [c.id])).rows[0];
    expect(after.state).toBe('registered');
    expect(after.receipt_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.getByRole('form', { name: '受理' }).waitFor(); // the next step is offered
    await expectSoundPage(rig);
    await signOut(rig);

    await page.goto(`${baseUrl}/track`);
    await page.getByLabel('查询码').fill(trackingCode);
    await page.getByLabel('手机号后四位').fill('5678');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('region', { name: '查询结果' }).waitFor();
    const result = await page.getByRole('region', { name: '查询结果' }).innerText();
    expect(result).toContain('网上提交申请');
    expect(result).toContain('确认收到申请');
    expect(result).toContain(after.receipt_date);
    await expectSoundPage(rig);
  }, 60_000);
});
