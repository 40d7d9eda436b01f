/**
 * The worklist's 批量打印 (GET /letters/print.pdf: the letters in force of the selected cases as
 * one PDF) and the approval inbox's draft text (GET /cases/:id/letters/draft), through real HTTP
 * and PostgreSQL, the PDF parsed back.
 */
import { OUTCOMES } from '../../src/domain/outcomes/outcomes';
import { parsePdf } from '../unit/letters/pdf-helpers';
import { act, departmentId, register } from '../support/cases';
import { createTestContext, TEST_PASSWORD, TestContext } from '../support/test-app';

const binary = (r: any, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  r.on('data', (c: Buffer) => chunks.push(c));
  r.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('bulk letter printing and the draft as text', () => {
  let t: TestContext;
  let dept: string;
  const bearer = async (who: string) => `Bearer ${await t.login(who)}`;
  const print = async (who: string, query: string) =>
    t.http.get(`/api/v1/letters/print.pdf?${query}`).set('authorization', await bearer(who)).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await createTestContext();
    dept = await departmentId(t);
  });
  afterAll(() => t.close());

  it('prints each selected case’s latest letter in the order given, every page copied', async () => {
    const a = (await register(t, { description: '申请公开示范县2025年度学校建设项目的验收报告。' })).body;
    let b = (await register(t, { description: '申请公开示范县2025年度河道治理方案。' })).body;
    b = (await act(t, 'clerk', b, 'request-correction', { items: ['请写明河道名称'], periodWorkingDays: 10, deliveryMethod: 'in_person', occurredOn: '2026-02-13' })).body;
    const letters = async (id: string) => (await t.http.get(`/api/v1/cases/${id}/letters`).set('authorization', await bearer('clerk'))).body;
    expect((await letters(b.id)).map((l: any) => l.type)).toEqual(['receipt', 'correction_notice']);

    const latest = await print('clerk', `caseIds=${b.id},${a.id}`);
    expect(latest.status).toBe(200);
    expect(latest.headers['content-type']).toBe('application/pdf');
    expect(latest.headers['x-cases-without-letters']).toBe('0');
    const pdf = await parsePdf(latest.body as Buffer);
    const pageText = pdf.pages.map((p) => p.items.map((i) => i.str).join(''));
    // b's correction notice first (its latest), then a's receipt: nothing of b's receipt.
    const [notice] = (await letters(b.id)).filter((l: any) => l.type === 'correction_notice');
    const [receiptA] = await letters(a.id);
    const firstReceipt = pageText.findIndex((txt) => txt.includes(receiptA.docNumber));
    const noticeAt = pageText.findIndex((txt) => txt.includes(notice.docNumber));
    expect(noticeAt).toBeGreaterThanOrEqual(0);
    expect(firstReceipt).toBeGreaterThan(noticeAt);
    expect(pageText.join('')).toContain('补正');

    const all = await print('clerk', `caseIds=${b.id},${a.id}&which=all`);
    expect(all.status).toBe(200);
    expect((await parsePdf(all.body as Buffer)).pages.length).toBeGreaterThan(pdf.pages.length);
  });

  it('refuses bad input in Chinese naming the field, and a case the user may not read', async () => {
    for (const q of ['caseIds=', 'caseIds=not-a-uuid', `caseIds=${Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`).join(',')}`]) {
      const res = await print('clerk', q);
      expect([q.slice(0, 30), res.status]).toEqual([q.slice(0, 30), 400]);
      expect(JSON.parse(res.body.toString()).errors[0].field).toBe('caseIds');
    }
    const c = (await register(t)).body;
    const badWhich = await print('clerk', `caseIds=${c.id}&which=some`);
    expect(JSON.parse(badWhich.body.toString()).errors[0].field).toBe('which');

    // A handler of another department may not print a case of this one (nor learn of its letters).
    const admin = await bearer('admin');
    const other = (await t.http.post('/api/v1/departments').set('authorization', admin).send({ name: '城建科' })).body.id;
    await t.http.post('/api/v1/users').set('authorization', admin).send({ username: 'handler-x', displayName: '城建科承办人', roles: ['handler'], departmentId: other, password: TEST_PASSWORD });
    const refused = await print('handler-x', `caseIds=${c.id}`);
    expect(refused.status).toBe(403);
    const missing = await print('clerk', 'caseIds=00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
  });

  it('gives the draft reply as text blocks, the same as the PDF preview prints, to the approver', async () => {
    let c = (await register(t)).body;
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
    c = (await act(t, 'clerk', c, 'assign', { departmentId: dept, occurredOn: '2026-02-16' })).body;
    const noDraft = await t.http.get(`/api/v1/cases/${c.id}/letters/draft`).set('authorization', await bearer('handler'));
    expect([noDraft.status, noDraft.body.code]).toEqual([409, 'NO_DRAFT']);

    const notExist = OUTCOMES.find((o) => o.code === 'not_exist')!;
    const reasons = '经检索，本机关未制作或获取该信息';
    c = (await act(t, 'handler', c, 'propose', { outcome: 'not_exist', basis: notExist.basis, reasons, searchPerformed: '档案系统', occurredOn: '2026-02-24' })).body;
    c = (await act(t, 'handler', c, 'submit-for-approval', { occurredOn: '2026-02-24' })).body;
    const draft = await t.http.get(`/api/v1/cases/${c.id}/letters/draft`).set('authorization', await bearer('approver'));
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ type: 'reply_not_exist', docNumber: null, outcome: 'not_exist' });
    const text = draft.body.blocks.map((b: any) => b.text ?? '').join('\n');
    expect(draft.body.blocks[0]).toEqual({ kind: 'title', text: expect.stringContaining('政府信息公开申请答复书') });
    expect(text).toContain('第三十六条');
    expect(draft.body.blocks.some((b: any) => b.kind === 'remedy')).toBe(true);

    const pdf = await t.http.get(`/api/v1/cases/${c.id}/letters/preview`).set('authorization', await bearer('approver')).buffer(true).parse(binary);
    const printed = (await parsePdf(pdf.body as Buffer)).pages.map((p) => p.items.map((i) => i.str).join('')).join('');
    expect(printed.replace(/\s/g, '')).toContain(draft.body.title.replace(/\s/g, ''));

    const clerk = await t.http.get(`/api/v1/cases/${c.id}/letters/draft`).set('authorization', await bearer('clerk'));
    expect(clerk.status).toBe(403);
  });
});
