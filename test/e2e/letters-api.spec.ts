import { createHash } from 'node:crypto';
import { baseFonts, parsePdf } from '../unit/letters/pdf-helpers';
import { FixedClock } from '../../src/platform/clock/clock';
import { act, departmentId, register } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';
import { fetchLetterPdf } from '../support/letters';

const pdfBuffer = (res: any) => res.body as Buffer;

describe('letters through the API (contract)', () => {
  // A letter is dated the day the system generates it: the clock follows the case, so that each
  // step is recorded on its own day (no 补录) and its letters carry that day.
  const clock = FixedClock.at('2026-02-13', '17:00:00+08:00');
  const on = (day: string) => clock.set(day, '17:00:00+08:00');
  let t: TestContext;
  let token: string;
  beforeAll(async () => {
    t = await createTestContext({}, { clock });
    token = await t.login('clerk');
  });
  afterAll(() => t.close());

  const get = (url: string, who = token) =>
    t.http
      .get(url)
      .set('authorization', `Bearer ${who}`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });

  it('issues the final receipt on registration, numbered from the receipt series', async () => {
    const c = (await register(t)).body;
    expect(c.letters).toHaveLength(1);
    const list = await t.http.get(`/api/v1/cases/${c.id}/letters`).set('authorization', `Bearer ${token}`);
    expect(list.status).toBe(200);
    expect(list.body[0]).toMatchObject({
      type: 'receipt',
      status: 'final',
      docNumber: '示范政公开回执〔2026〕1号',
      issuedOn: '2026-02-13',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const pdf = await get(`/api/v1/letters/${list.body[0].id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = pdfBuffer(pdf);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(list.body[0].sha256);
    const parsed = await parsePdf(bytes);
    expect(parsed.text).toContain(c.caseNumber);
    expect(parsed.text).toContain(c.trackingCode);
    expect(parsed.text).toContain('示范政公开回执〔2026〕1号');
    expect(parsed.text).toContain('2026年2月13日');
    expect(parsed.text).not.toMatch(/行政复议/);
    for (const p of parsed.pages) expect([Math.round(p.width * 100) / 100, Math.round(p.height * 100) / 100]).toEqual([595.28, 841.89]);
    for (const f of baseFonts(bytes)) expect(f).toMatch(/^[A-Z]{6}\+/);
    const verify = await t.http.get(`/api/v1/letters/${list.body[0].id}/verify`).set('authorization', `Bearer ${token}`);
    expect(verify.body.intact).toBe(true);
  });

  it('issues the correction notice, extension notice and the reply, gap-free per series, frozen', async () => {
    on('2026-02-13');
    let c = (await register(t)).body;
    on('2026-02-16');
    c = (await act(t, 'clerk', c, 'request-correction', { items: ['请写明所需文件的名称或文号'], occurredOn: '2026-02-16' })).body;
    on('2026-02-24');
    c = (await act(t, 'clerk', c, 'receive-correction', { occurredOn: '2026-02-24' })).body;
    c = (await act(t, 'clerk', c, 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-24' })).body;
    on('2026-03-02');
    c = (await act(t, 'approver', c, 'extend', { workingDays: 10, reason: '需调阅档案', occurredOn: '2026-03-02' })).body;
    on('2026-03-10');
    c = (await act(t, 'handler', c, 'propose', { outcome: 'withhold_internal_affairs', reasons: '所申请信息属于本机关人事管理信息', occurredOn: '2026-03-10' })).body;
    const draft = await get(`/api/v1/cases/${c.id}/letters/preview`, await t.login('handler'));
    expect(draft.status).toBe(200);
    const draftText = (await parsePdf(pdfBuffer(draft))).text;
    expect(draftText).toContain('草稿');
    expect((await get(`/api/v1/cases/${c.id}/letters/preview`)).status).toBe(403); // clerks do not preview drafts
    c = (await act(t, 'handler', c, 'submit-for-approval', { occurredOn: '2026-03-10' })).body;
    on('2026-03-11');
    c = (await act(t, 'approver', c, 'approve', { occurredOn: '2026-03-11' })).body;
    expect(c.state).toBe('decided');
    const letters = (await t.http.get(`/api/v1/cases/${c.id}/letters`).set('authorization', `Bearer ${token}`)).body;
    expect(letters.map((l: any) => l.type)).toEqual(['receipt', 'correction_notice', 'extension_notice', 'reply']);
    const notices = letters.filter((l: any) => l.type !== 'receipt' && l.type !== 'reply').map((l: any) => l.docNumber);
    expect(notices).toEqual(['示范政公开告〔2026〕1号', '示范政公开告〔2026〕2号']);
    const reply = letters.find((l: any) => l.type === 'reply');
    expect(reply.docNumber).toBe('示范政公开〔2026〕1号');
    expect(reply.issuedOn).toBe('2026-03-11');
    const text = (await parsePdf(pdfBuffer(await get(`/api/v1/letters/${reply.id}/pdf`)))).text;
    expect(text).toContain('第十六条第一款');
    expect(text).toContain('先向示范市人民政府申请行政复议'); // 复议前置 (行政复议法第23条)
    expect(text).toContain('2026年3月11日');
    expect(text).not.toContain('草稿');
    const correction = (await parsePdf(pdfBuffer(await get(`/api/v1/letters/${letters[1].id}/pdf`)))).text;
    expect(correction).toContain('请写明所需文件的名称或文号');
    expect(correction).not.toMatch(/行政诉讼/);
    // Frozen: the stored bytes cannot be changed, and the same bytes are served every time.
    await expect(t.db.query(`UPDATE letters SET sha256 = 'x' WHERE id = $1`, [reply.id])).rejects.toThrow(/append-only/);
    const again = pdfBuffer(await get(`/api/v1/letters/${reply.id}/pdf`));
    expect(createHash('sha256').update(again).digest('hex')).toBe(reply.sha256);
    const history = c.history.filter((e: any) => e.type === 'LETTER_ISSUED').map((e: any) => e.payload.type);
    expect(history).toEqual(['receipt', 'correction_notice', 'extension_notice', 'reply']);
    expect(letters.map((l: any) => l.issuedOn)).toEqual(['2026-02-13', '2026-02-16', '2026-03-02', '2026-03-11']);
    expect(c.backdatedEvents).toEqual([]);
  });

  it('serves a letter only to users of the case’s agency', async () => {
    const c = (await register(t)).body;
    const letterId = c.letters[0].id;
    const a = await t.db.query(
      `INSERT INTO agencies (name, short_name, doc_prefix, disclosure_office_name, reconsideration_body, court, settings)
       VALUES ('别的县政府', '别县', '别公开', '别县办公室', '别市政府', '别市中院', '{}') RETURNING id`,
    );
    await t.db.query(
      `INSERT INTO users (agency_id, username, display_name, password_hash, roles)
       SELECT $1, 'outsider', '外人', password_hash, '{legal}' FROM users WHERE username = 'legal'`,
      [a.rows[0].id],
    );
    const outsider = await t.login('outsider');
    expect((await get(`/api/v1/letters/${letterId}/pdf`, outsider)).status).toBe(404);
    expect((await t.http.get(`/api/v1/letters/${letterId}/pdf`)).status).toBe(401);
    expect((await t.http.get(`/api/v1/cases/${c.id}/letters`).set('authorization', `Bearer ${outsider}`)).status).toBe(404);
  });
});

describe('correcting a final letter', () => {
  let t: TestContext;
  beforeAll(async () => {
    // The 文号's year is the year the letter is generated in.
    t = await createTestContext({}, { clock: FixedClock.at('2026-03-02') });
  });
  afterAll(() => t.close());

  it('issues a new letter with a new 文号 that references the one it replaces; the original is unchanged', async () => {
    const c = (await register(t)).body;
    const original = c.letters[0];
    const approver = await t.login('approver');
    const clerkRefused = await t.http.post(`/api/v1/letters/${original.id}/reissue`).set('authorization', `Bearer ${await t.login('clerk')}`).send({ reason: '地址有误' });
    expect(clerkRefused.status).toBe(403);
    const res = await t.http.post(`/api/v1/letters/${original.id}/reissue`).set('authorization', `Bearer ${approver}`).send({ reason: '回执地址有误，予以更正' });
    expect(res.status).toBe(201);
    expect(res.body).toHaveLength(2);
    const [first, second] = res.body;
    expect(first).toMatchObject({ id: original.id, docNumber: original.docNumber, sha256: original.sha256 });
    expect(second).toMatchObject({ type: 'receipt', replacesId: original.id, reason: '回执地址有误，予以更正', status: 'final' });
    expect(second.docNumber).toBe('示范政公开回执〔2026〕2号');
    const again = await t.http.post(`/api/v1/letters/${original.id}/reissue`).set('authorization', `Bearer ${approver}`).send({ reason: '再次' });
    expect(again.status).toBe(409);
    const detail = (await t.http.get(`/api/v1/cases/${c.id}`).set('authorization', `Bearer ${approver}`)).body;
    expect(detail.history.filter((e: any) => e.type === 'LETTER_ISSUED').pop().payload).toMatchObject({ replacesId: original.id });
    expect(detail.version).toBe(c.version + 1);
  });

  it('eight concurrent corrections of one letter: one is issued, the others get 409', async () => {
    const c = (await register(t)).body;
    const original = c.letters[0];
    const approver = await t.login('approver');
    // The test holds the case's row, so that all eight have read the letter before any corrects it.
    await t.db.query('BEGIN');
    await t.db.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [c.id]);
    const sent = Array.from({ length: 8 }, (_, i) =>
      t.http.post(`/api/v1/letters/${original.id}/reissue`).set('authorization', `Bearer ${approver}`).send({ reason: `更正${i}` }).then((r) => r),
    );
    try {
      for (let i = 0; i < 100; i++) {
        const waiting = await t.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
        if (waiting.rows[0].n >= 8) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await t.db.query('ROLLBACK');
    }
    const answers = await Promise.all(sent);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const replacing = await t.db.query(`SELECT count(*)::int AS n FROM letters WHERE replaces_id = $1`, [original.id]);
    expect(replacing.rows[0].n).toBe(1);
  });
});

describe('every letter type from real cases', () => {
  let t: TestContext;
  beforeAll(async () => {
    // Recorded on 2026-03-09 from the paper file (补录; the helper gives the reason): every letter
    // is generated, numbered and dated that day.
    t = await createTestContext({}, { clock: FixedClock.at('2026-03-09', '17:00:00+08:00') });
  });
  afterAll(() => t.close());

  const pdfOf = (id: string) => fetchLetterPdf(t, id);

  it('renders each type with its 文号, the case number, and a remedy clause only on replies', async () => {
    const dept = await departmentId(t);
    // A: third party objects, the agency discloses in the public interest (条例第32条).
    let a = (await register(t)).body;
    a = (await act(t, 'clerk', a, 'accept', { occurredOn: '2026-02-13' })).body;
    a = (await act(t, 'clerk', a, 'assign', { departmentId: dept, occurredOn: '2026-02-16' })).body;
    a = (await act(t, 'handler', a, 'start-consultation', { party: 'thirdParty', name: '示范建设有限公司', occurredOn: '2026-02-24' })).body;
    a = (await act(t, 'handler', a, 'close-consultation', { consultationId: a.consultations[0].id, result: 'object', occurredOn: '2026-03-02' })).body;
    a = (await act(t, 'handler', a, 'record-secrecy-review', { conclusion: 'disclose', ground: '不涉及国家秘密', occurredOn: '2026-03-03' })).body;
    a = (await act(t, 'handler', a, 'propose', {
      outcome: 'disclose',
      access: '以纸质形式邮寄提供',
      reasons: '经审查，可以公开',
      // 条例第三十二条: the finding, its reason and the content the third party is told.
      overrideGround: 'public_interest',
      overrideReason: '该项目使用财政资金，招标文件关系公众对公共资金使用的监督',
      disclosedContent: '2025年度示范县道路建设项目招标文件（含评标办法和合同条款）',
      occurredOn: '2026-03-03',
    })).body;
    a = (await act(t, 'handler', a, 'submit-for-approval', { occurredOn: '2026-03-03' })).body;
    a = (await act(t, 'approver', a, 'approve', { occurredOn: '2026-03-04' })).body;
    a = (await act(t, 'clerk', a, 'deliver', { method: 'post', recipient: '张三', trackingNumber: 'XA000000001CN', occurredOn: '2026-03-05' })).body;
    // B: fee, agency consultation, Art 35 deferral.
    let b = (await register(t, { arrivedAt: '2026-03-02T09:00:00+08:00' })).body;
    b = (await act(t, 'clerk', b, 'accept', { occurredOn: '2026-03-02' })).body;
    b = (await act(t, 'clerk', b, 'assign', { departmentId: dept, occurredOn: '2026-03-02' })).body;
    b = (await act(t, 'handler', b, 'issue-fee-notice', { method: 'per_page', pages: 150, occurredOn: '2026-03-03' })).body;
    b = (await act(t, 'handler', b, 'record-payment', { occurredOn: '2026-03-05' })).body;
    b = (await act(t, 'handler', b, 'start-consultation', { party: 'agency', name: '示范县财政局', occurredOn: '2026-03-06' })).body;
    b = (await act(t, 'handler', b, 'request-reasons', { occurredOn: '2026-03-06' })).body;
    b = (await act(t, 'handler', b, 'record-reasons', { reasonable: true, summary: '申请人为编写地方志需要，理由合理', occurredOn: '2026-03-09' })).body;
    b = (await act(t, 'approver', b, 'defer', { deferredTo: '2026-06-30', reason: '申请数量明显超过合理范围', occurredOn: '2026-03-09' })).body;

    const letters = [...a.letters, ...b.letters];
    const types = new Set(letters.map((l: any) => l.type));
    for (const ty of ['receipt', 'third_party_consultation', 'third_party_decision_notice', 'reply', 'delivery_receipt', 'fee_notice', 'agency_consultation', 'deferral_notice']) {
      expect([ty, types.has(ty)]).toEqual([ty, true]);
    }
    for (const l of letters) {
      const p = await pdfOf(l.id);
      const text = p.text;
      expect([l.type, text.includes(l.docNumber)]).toEqual([l.type, true]);
      for (const page of p.pages) expect(Math.round(page.width)).toBe(595);
      const remedy = /申请行政复议/.test(text);
      const replyLike = l.type === 'reply' || l.type === 'third_party_decision_notice';
      expect([l.type, remedy]).toEqual([l.type, replyLike]);
      expect(l.docNumber).toMatch(/〔2026〕[1-9]\d*号$/);
      expect([l.type, l.issuedOn]).toEqual([l.type, '2026-03-09']);
    }
    const reply = letters.find((l: any) => l.type === 'reply');
    expect((await pdfOf(reply.id)).text).toContain('第三十六条第（二）项');
    const fee = letters.find((l: any) => l.type === 'fee_notice');
    const feeText = (await pdfOf(fee.id)).text;
    expect(feeText).toContain('1700元'); // 70 × 10 + 50 × 20 (国办函〔2020〕109号第五条)
    const deferral = letters.find((l: any) => l.type === 'deferral_notice');
    expect((await pdfOf(deferral.id)).text).toContain('2026年6月30日');
  });
});
