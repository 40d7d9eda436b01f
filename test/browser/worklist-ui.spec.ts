/**
 * Issue 13, item 3 in Chromium: 导出CSV on /cases downloads the filtered worklist, and the worklist
 * table is navigable from the keyboard (↑/↓ or j/k, Enter opens the case).
 */
import { readFileSync } from 'node:fs';
import { act, departmentId, register } from '../support/cases';
import {
  BrowserRig,
  describeInBrowser,
  expectSoundPage,
  signIn,
  startRig,
} from './browser-support';

describeInBrowser('worklist in Chromium: CSV export and keyboard navigation', () => {
  let rig: BrowserRig;
  const cases: Array<{ id: string; caseNumber: string }> = [];

  beforeAll(async () => {
    rig = await startRig();
    const dept = await departmentId(rig.t);
    for (const description of [
      '申请公开示范县2025年度学校建设项目的验收报告。',
      '申请公开示范县2025年度河道治理方案。',
    ]) {
      let c = (await register(rig.t, { description })).body;
      c = (await act(rig.t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
      c = (await act(rig.t, 'clerk', c, 'assign', { departmentId: dept, occurredOn: '2026-02-16' }))
        .body;
      cases.push({ id: c.id, caseNumber: c.caseNumber });
    }
    const plain = (
      await register(rig.t, { description: '申请公开示范县2025年度公共租赁住房分配名单。' })
    ).body;
    cases.push({ id: plain.id, caseNumber: plain.caseNumber });
  }, 120_000);
  afterAll(async () => rig && rig.close());

  it('downloads the filtered worklist with 导出CSV', async () => {
    const { page, baseUrl } = rig;
    await signIn(rig, 'clerk');
    await page.goto(`${baseUrl}/cases`);
    await page.getByRole('link', { name: cases[2].caseNumber }).waitFor();
    await page.getByLabel('状态').selectOption({ label: '已登记（待受理）' });
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('共 1 件').waitFor();

    // The name the page gives the file (decoded from filename*=UTF-8''…): headless Chromium here
    // reports any non-ASCII download name as "download" (so does a plain <a download="案件.csv">),
    // so the page's anchor is watched for it.
    await page.evaluate(`(() => {
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function () { window.__downloadName = this.download; return click.call(this); };
    })()`);
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出CSV' }).click(),
    ]);
    expect(await page.evaluate('window.__downloadName')).toMatch(
      /^案件工作清单-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    expect(file.suggestedFilename()).toMatch(/^(案件工作清单-\d{4}-\d{2}-\d{2}\.csv|download)$/);
    const text = readFileSync((await file.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      '案件编号,状态,收到申请之日,申请人,承办部门,答复期限,剩余工作日/逾期,答复类型',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`^${cases[2].caseNumber},已登记（待受理）,`));
    await expectSoundPage(rig);
  }, 60_000);

  it('moves through the rows with ↑/↓ and j/k and opens one with Enter', async () => {
    const { page, baseUrl } = rig;
    await page.goto(`${baseUrl}/cases`);
    const table = page.getByRole('grid', { name: /^案件列表/ });
    await page.getByRole('link', { name: cases[0].caseNumber }).waitFor();
    expect(await table.getAttribute('tabindex')).toBe('0');
    const selected = () => table.locator('tbody tr[aria-selected="true"]');
    const numbers = await table.locator('tbody tr').getByRole('link').allInnerTexts();
    expect(numbers).toHaveLength(3);

    await table.focus();
    expect(await selected().innerText()).toContain(numbers[0]);
    await page.keyboard.press('ArrowDown');
    expect(await selected().innerText()).toContain(numbers[1]);
    await page.keyboard.press('j');
    expect(await selected().innerText()).toContain(numbers[2]);
    await page.keyboard.press('ArrowDown'); // stays on the last row
    expect(await selected().innerText()).toContain(numbers[2]);
    await page.keyboard.press('k');
    await page.keyboard.press('ArrowUp');
    expect(await selected().innerText()).toContain(numbers[0]);
    expect(await table.locator('tbody tr[aria-selected="true"]').count()).toBe(1);
    expect(await table.getAttribute('aria-activedescendant')).toBe(
      await selected().getAttribute('id'),
    );
    await page.keyboard.press('ArrowDown');
    const target = cases.find((c) => c.caseNumber === numbers[1])!;
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === `/cases/${target.id}`);
    await page.getByRole('heading', { name: `案件 ${target.caseNumber}` }).waitFor();
    await expectSoundPage(rig);
  }, 60_000);
});
