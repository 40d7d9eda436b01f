/**
 * GET /api/v1/cases/:id/case-file.pdf (案卷, issue 15 item 5): one PDF with the cover sheet (case,
 * outcome, deadlines with the ledger, letters with hashes, delivery proofs, remedies, the full
 * history, the hash-chain result) followed by every final letter's own pages. Parsed back (pdfjs).
 */
import { parsePdf } from '../unit/letters/pdf-helpers';
import { fetchLetterPdf } from '../support/letters';
import { FixedClock } from '../../src/platform/clock/clock';
import { departmentId, RESIDENT_ID } from '../support/cases';
import { Flow } from '../support/outcome-recipes';
import { createTestContext, TestContext } from '../support/test-app';

describe('case file (案卷) PDF', () => {
  let t: TestContext;
  let f: Flow;
  const clock = FixedClock.at('2026-06-30');
  const flat = (s: string) => s.replace(/\s+/g, '');

  const download = async (id: string, role = 'legal') => {
    const res = await t.http
      .get(`/api/v1/cases/${id}/case-file.pdf`)
      .set('authorization', `Bearer ${await t.login(role)}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    return res;
  };

  beforeAll(async () => {
    t = await createTestContext({}, { clock });
    f = await Flow.register(t, { arrivedAt: '2026-02-13T09:00:00+08:00' });
    await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
    await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-24' });
    await f.step('handler', 'propose', { outcome: 'not_exist', reasons: '经检索档案系统，未找到相关信息', searchPerformed: '档案系统、OA系统', occurredOn: '2026-03-10' });
    await f.step('handler', 'submit-for-approval', { occurredOn: '2026-03-10' });
    await f.step('approver', 'approve', { note: '同意', occurredOn: '2026-03-11' });
    await f.step('clerk', 'deliver', { method: 'post', recipient: '张三', trackingNumber: 'XA987654321CN', occurredOn: '2026-03-12' });
    await f.step('legal', 'record-reconsideration', { filedOn: '2026-04-01', result: 'upheld', decidedOn: '2026-05-20', occurredOn: '2026-05-20' });
  }, 120_000);
  afterAll(() => t.close());

  it('bundles the cover sheet and every final letter page for page; parses back with all its parts', async () => {
    const res = await download(f.c.id);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    const file = await parsePdf(res.body as Buffer);
    const c = await f.get('legal');
    expect(c.letters.length).toBeGreaterThanOrEqual(3); // 登记回执, the reply, its 送达回证
    // The letters come last, in issue order, each exactly its stored original's pages.
    const originals = [];
    for (const l of c.letters) originals.push(await fetchLetterPdf(t, l.id));
    const letterPages = originals.reduce((n, o) => n + o.pages.length, 0);
    const coverPages = file.pages.length - letterPages;
    expect(coverPages).toBeGreaterThanOrEqual(1);
    let at = coverPages;
    for (const o of originals) {
      for (const p of o.pages) expect(file.pages[at++].text).toBe(p.text);
    }
    const cover = flat(file.pages.slice(0, coverPages).map((p) => p.text).join(''));
    // The case and its outcome.
    expect(cover).toContain('政府信息公开申请案卷');
    expect(cover).toContain(flat(`案件编号：${c.caseNumber}`));
    expect(cover).toContain('收到申请之日：2026-02-13');
    expect(cover).toContain('办理结果：本机关不掌握相关政府信息（not_exist）');
    expect(cover).toContain('年度报告栏目：3.4.1');
    expect(cover).toContain('结案日期：2026-03-12');
    expect(cover).toContain('承办部门：政务公开科');
    expect(cover).toContain(flat(`证件号码：${c.applicant.idNumber}`)); // masked as in every view
    expect(cover).not.toContain(RESIDENT_ID);
    // Deadlines with the ledger.
    expect(cover).toContain(flat(`答复期限：${c.deadlines.replyDue}`));
    for (const e of c.deadlines.ledger) expect(cover).toContain(flat(e.text));
    // Every letter listed with its 文号 and hash.
    for (const l of c.letters) {
      expect(cover).toContain(flat(l.docNumber));
      expect(cover).toContain(l.sha256);
    }
    expect(cover).toContain('校验一致');
    // Delivery proof and the reconsideration.
    expect(cover).toContain('XA987654321CN');
    expect(cover).toContain('recipient=张三');
    expect(cover).toContain('行政复议：申请日期2026-04-01，结果维持，决定日期2026-05-20');
    // The full history, each entry with its hash, and the verification result.
    for (const h of c.history) expect(cover).toContain(`#${h.seq}`);
    for (const h of c.history) expect(cover).toContain(h.hash);
    expect(cover).toContain('哈希链：完整');
    expect(cover).toContain('重放结果：与保存的状态一致');
    expect(cover).toContain(flat(`记录条数：${c.history.length}`));
    expect(file.info.Title).toBe(`案卷 ${c.caseNumber}`);
  });

  it('whoever may read the case; a handler of another department 403; another agency 404', async () => {
    for (const role of ['clerk', 'handler', 'approver', 'admin']) expect([role, (await download(f.c.id, role)).status]).toEqual([role, 200]);
    const other = (await t.db.query(`INSERT INTO departments (agency_id, name) SELECT agency_id, '财务科' FROM departments WHERE name = '政务公开科' RETURNING id`)).rows[0].id;
    await t.db.query(`UPDATE users SET department_id = $1 WHERE username = 'handler'`, [other]);
    try {
      const res = await download(f.c.id, 'handler');
      expect([res.status, JSON.parse(res.body.toString()).code]).toEqual([403, 'CASE_NOT_IN_YOUR_DEPARTMENT']);
    } finally {
      await t.db.query(`UPDATE users SET department_id = $1 WHERE username = 'handler'`, [await departmentId(t)]);
    }
    expect((await download('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
