/**
 * Issue 15 in Chromium: the 法制审核 page (/audit) lists closed cases with their findings, filters by
 * finding, opens a case's findings, adds a comment and signs off (both in the case history); the
 * 待审批 page shows a draft's findings beside it, and a high one blocks 审批通过 until the approver
 * gives the reason it does not apply.
 */
import { act, departmentId, register } from '../support/cases';
import { BrowserRig, describeInBrowser, expectSoundPage, screenshot, signIn, signOut, startRig } from './browser-support';

describeInBrowser('legal audit in Chromium (法制审核)', () => {
  let rig: BrowserRig;
  let late: any;
  let onTime: any;
  let pending: any;

  /** Received 2026-02-13 (reply due 2026-03-19), recorded from paper (补录, with a reason). */
  async function proposedCase(basis?: string) {
    const t = rig.t;
    const step = async (role: string, c: any, action: string, body: Record<string, unknown>) => {
      const res = await act(t, role, c, action, body);
      if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    let c = (await register(t)).body;
    c = await step('clerk', c, 'accept', { occurredOn: '2026-02-13' });
    c = await step('clerk', c, 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-16' });
    c = await step('handler', c, 'record-secrecy-review', { conclusion: 'disclose', ground: '经审查不涉及国家秘密', occurredOn: '2026-02-24' });
    c = await step('handler', c, 'propose', { outcome: 'disclose', access: '当面领取', reasons: '可以公开', ...(basis ? { basis } : {}), occurredOn: '2026-02-24' });
    c = await step('handler', c, 'submit-for-approval', { occurredOn: '2026-02-24' });
    return { c, step };
  }
  async function closedCase(approveOn: string, deliverOn: string) {
    const { c, step } = await proposedCase();
    const approved = await step('approver', c, 'approve', { occurredOn: approveOn });
    return step('clerk', approved, 'deliver', { method: 'in_person', recipient: '张三', occurredOn: deliverOn });
  }

  beforeAll(async () => {
    rig = await startRig();
    late = await closedCase('2026-03-30', '2026-03-31');
    onTime = await closedCase('2026-03-02', '2026-03-03');
    pending = (await proposedCase('第36条第（四）项')).c;
  }, 180_000);
  afterAll(async () => rig && rig.close());

  it('lists closed cases, filters by finding, adds a comment and signs off', async () => {
    const { page, baseUrl } = rig;
    await signIn(rig, 'legal');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '法制审核' }).click();
    await page.waitForURL((u) => u.pathname === '/audit');
    const table = page.getByRole('table', { name: '已办结案件及发现项' });
    await table.getByRole('link', { name: late.caseNumber }).waitFor();
    await table.getByRole('link', { name: onTime.caseNumber }).waitFor();
    expect(await page.title()).toBe('法制审核 - 依申请公开案件管理系统');

    await page.getByLabel('发现项', { exact: true }).selectOption('REPLY_LATE');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('共 1 件已办结案件').waitFor();
    expect(await table.getByRole('link', { name: onTime.caseNumber }).count()).toBe(0);
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: late.caseNumber }) });
    expect(await row.innerText()).toContain('REPLY_LATE');
    expect(await row.innerText()).toContain('未签核');

    await page.getByRole('button', { name: `查看发现项 ${late.caseNumber}` }).click();
    const list = page.getByRole('list', { name: `${late.caseNumber} 的发现项` });
    await list.getByText('REPLY_LATE').waitFor();
    expect(await list.innerText()).toContain('答复晚于答复期限送达：答复期限为2026-03-19，2026-03-31送达');
    expect(await list.innerText()).toContain('条例第三十三条');
    await expectSoundPage(rig);
    await screenshot(rig, 'audit');

    await page.getByLabel('问题或意见').fill('送达前未核对答复期限');
    await page.getByRole('button', { name: '添加' }).click();
    await page.getByRole('status').getByText(`${late.caseNumber} 已添加审核意见`).waitFor();
    await list.getByText('法制审核意见：送达前未核对答复期限').waitFor();

    await page.getByLabel('签核意见', { exact: true }).fill('已审核，逾期原因已查明');
    await page.getByRole('button', { name: '签核', exact: true }).click();
    await page.getByRole('status').getByText(`${late.caseNumber} 已签核`).waitFor();
    await page.getByText('该案件已签核。').waitFor();
    expect(await row.innerText()).toContain('已签核');
    await expectSoundPage(rig);

    const history = (await rig.t.http.get(`/api/v1/cases/${late.id}`).set('authorization', `Bearer ${await rig.t.login('legal')}`)).body.history;
    expect(history.filter((e: any) => e.type.startsWith('AUDIT_')).map((e: any) => [e.type, e.payload.comment ?? e.payload.comments])).toEqual([
      ['AUDIT_FINDING_ADDED', '送达前未核对答复期限'],
      ['AUDIT_SIGNED_OFF', '已审核，逾期原因已查明'],
    ]);
    await page.goto(`${baseUrl}/audit`);
    await page.getByLabel('签核', { exact: true }).selectOption('true');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('共 1 件已办结案件').waitFor();
    await signOut(rig);
  }, 90_000);

  it('shows a draft’s findings in 待审批, and a high one blocks approval until its reason is given', async () => {
    const { page, baseUrl } = rig;
    await signIn(rig, 'approver');
    await page.waitForLoadState('networkidle');
    await page.goto(`${baseUrl}/approvals`);
    // The inbox shows one case at a time beside its draft: open this one.
    await page.getByRole('row').filter({ hasText: pending.caseNumber }).locator('td').nth(1).click();
    const findings = page.getByRole('list', { name: `${pending.caseNumber} 的法制审核发现项` });
    await findings.getByText('REPLY_ARTICLE_MISMATCH').waitFor();
    expect(await findings.innerText()).toContain('答复引用的条款与答复类型不符');
    await page.getByRole('button', { name: `审批通过 ${pending.caseNumber}` }).click();
    await page.getByRole('alert').getByText(/须逐项说明不适用的理由/).waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('REPLY_ARTICLE_MISMATCH');
    // Without a reason the page does not send it again.
    await page.getByRole('button', { name: `审批通过 ${pending.caseNumber}` }).click();
    await page.getByRole('alert').getByText('请逐项填写发现项不适用的理由').waitFor();
    await page.getByLabel('REPLY_ARTICLE_MISMATCH 不适用的理由').fill('依据栏笔误，答复书按第三十六条第（二）项制作');
    await page.getByRole('button', { name: `审批通过 ${pending.caseNumber}` }).click();
    await page.getByRole('status').getByText(`${pending.caseNumber} 已审批通过`).waitFor();
    await expectSoundPage(rig, [[409, `/cases/${pending.id}/actions/approve`]]);
    const approve = (await rig.t.http.get(`/api/v1/cases/${pending.id}`).set('authorization', `Bearer ${await rig.t.login('legal')}`)).body.history.find((e: any) => e.type === 'APPROVE');
    expect(approve.payload.overriddenFindings).toEqual([expect.objectContaining({ code: 'REPLY_ARTICLE_MISMATCH', reason: '依据栏笔误，答复书按第三十六条第（二）项制作' })]);
    await signOut(rig);
  }, 90_000);

  it('is not offered to a clerk', async () => {
    const { page, baseUrl } = rig;
    await signIn(rig, 'clerk');
    expect(await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '法制审核' }).count()).toBe(0);
    await page.goto(`${baseUrl}/audit`);
    await page.getByRole('alert').getByText('只有法制审核人员和系统管理员可以查看法制审核').waitFor();
    await expectSoundPage(rig);
    await signOut(rig);
  }, 60_000);
});
