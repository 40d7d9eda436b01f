/**
 * Issue 13, item 3 in Chromium: 导出CSV on /cases downloads the filtered worklist, and the worklist
 * table is navigable from the keyboard (↑/↓ or j/k, Enter opens the case). Issue 16: a keyword
 * search that looked through part of the worklist only says so, and 继续查找 reads on.
 */
import { readFileSync } from 'node:fs';
import { CaseRepository, TEXT_SEARCH_LIMITS } from '../../src/modules/cases/case.repository';
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

  it('a keyword search that read part of the worklist says so, and 继续查找 reads on to every match', async () => {
    const { page, baseUrl, t } = rig;
    const bridges: string[] = [];
    for (const description of ['申请公开示范县2025年度桥梁检测报告。', '申请公开示范县2025年度危桥改造方案。']) {
      bridges.push((await register(t, { description })).body.caseNumber);
    }
    // The whole worklist in its order: the walk of one page stops just before the first 桥.
    const all = await t.http.get('/api/v1/cases?pageSize=100').set('authorization', `Bearer ${await t.login('clerk')}`);
    const numbers: string[] = all.body.items.map((i: { caseNumber: string }) => i.caseNumber);
    const first = numbers.findIndex((n) => bridges.includes(n));
    expect(first).toBeGreaterThan(0);
    // One character has no bigram to look up: the walk of the order answers, at most walkRows rows a page.
    const repo = t.app.get(CaseRepository);
    Object.assign(repo.searchLimits, { walkRows: first });
    try {
      await page.goto(`${baseUrl}/cases`);
      await page.waitForLoadState('networkidle');
      if (new URL(page.url()).pathname === '/login') {
        await signIn(rig, 'clerk'); // when run on its own
        await page.goto(`${baseUrl}/cases`);
      }
      await page.getByLabel('关键词').fill('桥');
      await page.getByRole('button', { name: '查询' }).click();
      const notice = page.getByRole('status').filter({ hasText: '匹配的案件可能较多，已按期限顺序查找部分案件' });
      await notice.waitFor();
      expect(await notice.innerText()).toContain('点击“继续查找”查看更多，或加上状态、日期等条件缩小范围');
      const table = page.getByRole('grid', { name: /^案件列表/ });
      for (const n of bridges) expect(await table.getByRole('link', { name: n }).count()).toBe(0);
      // The numbered pager gives way to reading on.
      expect(await page.locator('.el-pagination').count()).toBe(0);
      expect(await page.getByRole('button', { name: '继续查找' }).count()).toBe(1);
      for (let i = 0; i < 10 && (await page.getByRole('button', { name: /^(继续查找|加载更多)$/ }).count()); i++) {
        await page.getByRole('button', { name: /^(继续查找|加载更多)$/ }).click();
        await page.getByRole('button', { name: '正在查找…' }).waitFor({ state: 'detached' });
      }
      for (const n of bridges) await table.getByRole('link', { name: n }).waitFor();
      expect(await table.locator('tbody tr').getByRole('link').allInnerTexts()).toEqual(numbers.filter((n) => bridges.includes(n)));
      expect(await notice.count()).toBe(0);
      await page.getByText('共 2 件，已列出 2 件，按最近期限排序').waitFor();
      await expectSoundPage(rig);
    } finally {
      Object.assign(repo.searchLimits, TEXT_SEARCH_LIMITS);
    }
  }, 60_000);
});
