/**
 * /reports in Chromium (issue 15): the annual-report table of the chosen year in the official layout,
 * a number opening the list of the cases it counts, the XLSX and CSV downloads (parsed back), and
 * the dashboard charts (ECharts, SVG) with their figures; approvers see the charts only.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { act, departmentId, register } from '../support/cases';
import { BrowserRig, describeInBrowser, expectSoundPage, signIn, signOut, startRig } from './browser-support';

describeInBrowser('reports page in Chromium: annual table, cell cases, downloads, charts', () => {
  let rig: BrowserRig;
  const year = new Date().getFullYear();
  let closed: { id: string; caseNumber: string };
  let open: { id: string; caseNumber: string };

  beforeAll(async () => {
    rig = await startRig();
    const t = rig.t;
    let c = (await register(t, { arrivedAt: `${year}-02-13T09:00:00+08:00` })).body;
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: `${year}-02-13` })).body;
    c = (await act(t, 'clerk', c, 'assign', { departmentId: await departmentId(t), occurredOn: `${year}-02-16` })).body;
    c = (await act(t, 'handler', c, 'propose', { outcome: 'not_exist', reasons: '经检索未找到', searchPerformed: '档案系统', occurredOn: `${year}-03-02` })).body;
    c = (await act(t, 'handler', c, 'submit-for-approval', { occurredOn: `${year}-03-02` })).body;
    c = (await act(t, 'approver', c, 'approve', { note: '同意', occurredOn: `${year}-03-03` })).body;
    c = (await act(t, 'clerk', c, 'deliver', { method: 'in_person', recipient: '张三', occurredOn: `${year}-03-04` })).body;
    expect(c.state).toBe('closed');
    closed = { id: c.id, caseNumber: c.caseNumber };
    let o = (
      await register(t, {
        arrivedAt: `${year}-04-01T09:00:00+08:00`,
        applicant: { type: 'organisation', category: 'commercial', name: '示范建设工程有限公司', idType: 'other', idNumber: 'ORG-001', phone: '0591-1234567', address: '示范县工业路1号' },
      })
    ).body;
    o = (await act(t, 'clerk', o, 'accept', { occurredOn: `${year}-04-01` })).body;
    open = { id: o.id, caseNumber: o.caseNumber };
  }, 120_000);
  afterAll(async () => rig && rig.close());

  const downloaded = async (button: string) => {
    const [file] = await Promise.all([rig.page.waitForEvent('download'), rig.page.getByRole('button', { name: button }).click()]);
    return readFileSync((await file.path())!);
  };

  it('legal staff: the table of the year, a cell opens its cases, XLSX and CSV carry the same numbers', async () => {
    const { page, baseUrl } = rig;
    await signIn(rig, 'legal');
    await page.getByRole('link', { name: '统计报表' }).click();
    await page.waitForURL((u) => u.pathname === '/reports');
    expect(await page.title()).toBe('统计报表 - 依申请公开案件管理系统');
    const table = page.getByRole('table', { name: '收到和处理政府信息公开申请情况' });
    await table.waitFor();
    expect(await page.getByLabel('统计年度').inputValue()).toBe(String(year));
    // The official header and a few rows, with their numbers.
    for (const h of ['申请人情况', '法人或其他组织', '自然人', '商业企业', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '三、本年度办理结果', '（三）不予公开', '（四）无法提供']) {
      await table.getByText(h, { exact: true }).first().waitFor();
    }
    const cellButton = (label: string) => page.getByRole('button', { name: label, exact: true });
    await cellButton('一、本年新收政府信息公开申请数量 总计 2 件').waitFor();
    await cellButton('1.本机关不掌握相关政府信息 自然人 1 件').waitFor();
    await cellButton('四、结转下年度继续办理 商业企业 1 件').waitFor();
    await cellButton('（七）总计 总计 1 件').waitFor();
    expect((await page.getByRole('status').filter({ hasText: '勾稽关系' }).innerText()).replace(/\s+/g, '')).toBe('勾稽关系：一+二=三（七）+四——2+0=1+1，平衡');
    const remedies = page.getByRole('table', { name: '政府信息公开行政复议、行政诉讼情况' });
    expect(await remedies.locator('thead th').allInnerTexts()).toEqual(expect.arrayContaining(['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉']));

    // A number opens the cases it counts, each linking to the case.
    await cellButton('1.本机关不掌握相关政府信息 自然人 1 件').click();
    const list = page.getByRole('table', { name: '栏目案件' });
    await list.getByRole('link', { name: closed.caseNumber }).waitFor();
    expect(await list.locator('tbody tr').count()).toBe(1);
    await cellButton('四、结转下年度继续办理 总计 1 件').click();
    await list.getByRole('link', { name: open.caseNumber }).waitFor();

    // Downloads: XLSX (official merged header) and CSV (official labels), the same numbers.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await downloaded('下载XLSX')) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A2:C4', 'D2:J2', 'E3:I3']));
    expect([ws.getCell('J5').value, ws.getCell('D17').value, ws.getCell('E29').value]).toEqual([2, 1, 1]);
    const csv = (await downloaded('下载CSV')).toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(csv).toContain('（四）无法提供,1.本机关不掌握相关政府信息,1,0,0,0,0,0,1');
    expect(csv).toContain(',一、本年新收政府信息公开申请数量,1,1,0,0,0,0,2');

    // The charts (SVG): states, months, outcomes, on-time rate, departments, with their figures.
    const figure = (name: string | RegExp) => page.getByRole('img', { name });
    await figure(/^案件状态：受理 1，办结 1$/).locator('svg').waitFor();
    await figure(/^每月新收申请：1月 0，2月 1，3月 0，4月 1/).locator('svg').waitFor();
    await figure('办理结果：本机关不掌握相关政府信息 1').locator('svg').waitFor();
    await figure(/^按期答复 1 件，逾期答复 0 件，按期答复率 100\.0%$/).locator('svg').waitFor();
    await figure(/^各部门在办及逾期案件：/).locator('svg').waitFor();
    // The whole label, wrapped rather than cut, and the bar's figure.
    const outcomeTexts = await figure('办理结果：本机关不掌握相关政府信息 1').locator('svg text').allTextContents();
    expect(outcomeTexts.join('')).toContain('本机关不掌握相关政府信息');
    expect(outcomeTexts.join('')).not.toContain('...');
    expect(await figure(/^每月新收申请/).locator('svg text').allTextContents()).toEqual(expect.arrayContaining(['2月', '4月']));
    await page.getByText('本年送达答复 1 件，按期答复率 100.0%').waitFor();
    await expectSoundPage(rig);

    // Another year: nothing received then.
    await page.getByLabel('统计年度').selectOption(String(year - 1));
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await cellButton('一、本年新收政府信息公开申请数量 总计 0 件').waitFor();
    await page.goto(`${baseUrl}/reports`);
    await table.waitFor();
    await expectSoundPage(rig);
    await signOut(rig);
  }, 90_000);

  it('an approver sees the charts only; a clerk has no menu entry', async () => {
    const { page, baseUrl } = rig;
    await signIn(rig, 'approver');
    await page.goto(`${baseUrl}/reports`);
    await page.getByRole('img', { name: /^案件状态/ }).locator('svg').waitFor();
    expect(await page.getByRole('table', { name: '收到和处理政府信息公开申请情况' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '下载XLSX' }).count()).toBe(0);
    await expectSoundPage(rig);
    await signOut(rig);
    await signIn(rig, 'clerk');
    expect(await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '统计报表' }).count()).toBe(0);
    await signOut(rig);
  }, 60_000);
});
