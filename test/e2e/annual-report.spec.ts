/**
 * The annual-report table (国办公开办函〔2021〕30号, issue 15) from cases driven through the API
 * with backdated dates: received in the year, carried in from the previous year, closed in the
 * year by outcome, carried out into the next, and reconsiderations / suits by result.
 */
import ExcelJS from 'exceljs';
import { FixedClock } from '../../src/platform/clock/clock';
import { act, departmentId, register } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

type Body = Record<string, any>;

describe('GET /api/v1/reports/annual', () => {
  let t: TestContext;
  const ids: Record<string, string> = {};
  const clock = FixedClock.at('2026-06-30');

  const step = async (role: string, c: Body, action: string, body: Body) => {
    const res = await act(t, role, c as { id: string; version: number }, action, body);
    expect([action, res.status, res.body.message]).toEqual([action, 200, undefined]);
    return res.body;
  };
  const reply = async (c: Body, outcome: Body, dates: { assign: string; propose: string; approve: string; deliver: string }) => {
    c = await step('clerk', c, 'accept', { occurredOn: c.receiptDate });
    c = await step('clerk', c, 'assign', { departmentId: await departmentId(t), occurredOn: dates.assign });
    c = await step('handler', c, 'propose', { ...outcome, occurredOn: dates.propose });
    c = await step('handler', c, 'submit-for-approval', { occurredOn: dates.propose });
    c = await step('approver', c, 'approve', { note: '同意', occurredOn: dates.approve });
    return step('clerk', c, 'deliver', { method: 'in_person', recipient: '张三', occurredOn: dates.deliver });
  };
  const get = async (query: string, role = 'legal') =>
    t.http.get(`/api/v1/reports/annual?${query}`).set('authorization', `Bearer ${await t.login(role)}`);

  beforeAll(async () => {
    t = await createTestContext({}, { clock });
    // A: received 2025-12-22, withdrawn 2026-01-05 (carried out of 2025, into 2026, 其他 in 2026).
    let a = (await register(t, { arrivedAt: '2025-12-22T09:00:00+08:00' })).body;
    a = await step('clerk', a, 'withdraw', { occurredOn: '2026-01-05' });
    ids.A = a.id;
    // B: received 2025-11-03, 不存在 delivered 2025-11-20; a direct suit filed 2026-01-10, pending.
    let b = (await register(t, { arrivedAt: '2025-11-03T09:00:00+08:00', description: '申请公开2024年度某项目的验收报告。' })).body;
    b = await reply(b, { outcome: 'not_exist', reasons: '经检索档案系统，未找到相关信息', searchPerformed: '档案系统、OA系统' }, {
      assign: '2025-11-04',
      propose: '2025-11-17',
      approve: '2025-11-18',
      deliver: '2025-11-20',
    });
    expect(b.closedOn).toBe('2025-11-20');
    b = await step('clerk', b, 'record-litigation', { filedOn: '2026-01-10', result: 'pending', afterReconsideration: false, occurredOn: '2026-01-10' });
    ids.B = b.id;
    // C: received 2026-02-13, still open (carried out of 2026 as of today).
    ids.C = (await register(t, { description: '申请公开示范县2025年财政预算执行情况。' })).body.id;
    // D: a company, received 2026-02-13, 需要另行制作 delivered 2026-03-13; reconsideration pending, then upheld.
    let d = (
      await register(t, {
        applicant: { type: 'organisation', category: 'commercial', name: '示范建设工程有限公司', idType: 'other', idNumber: 'ORG-001', phone: '0591-1234567', address: '示范县工业路1号' },
        description: '申请公开本公司参与投标项目的评分汇总分析。',
      })
    ).body;
    d = await reply(d, { outcome: 'needs_creation', reasons: '申请内容需要对现有信息进行加工、分析，本机关不另行制作' }, {
      assign: '2026-02-24',
      propose: '2026-03-10',
      approve: '2026-03-11',
      deliver: '2026-03-13',
    });
    d = await step('legal', d, 'record-reconsideration', { filedOn: '2026-03-20', result: 'pending', occurredOn: '2026-03-20' });
    d = await step('legal', d, 'record-reconsideration', { filedOn: '2026-03-20', result: 'upheld', decidedOn: '2026-05-10', occurredOn: '2026-05-10' });
    ids.D = d.id;
  }, 120_000);
  afterAll(() => t.close());

  const zero = { natural_person: 0, commercial: 0, research: 0, public_interest: 0, legal_service: 0, other: 0, total: 0 };
  const cells = (over: Body) => ({ ...zero, ...over });

  it('2025: received, closed by outcome, carried out; every one of the 25 rows present, reconciled', async () => {
    const res = await get('year=2025');
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.year).toBe(2025);
    expect(r.asOf).toBe('2025-12-31');
    expect(Object.keys(r.rows)).toHaveLength(25);
    for (const row of Object.values(r.rows)) expect(Object.keys(row as object).sort()).toEqual(Object.keys(zero).sort());
    expect(r.rows['1']).toEqual(cells({ natural_person: 2, total: 2 }));
    expect(r.rows['2']).toEqual(zero);
    expect(r.rows['3.4.1']).toEqual(cells({ natural_person: 1, total: 1 }));
    expect(r.rows['3.7']).toEqual(cells({ natural_person: 1, total: 1 }));
    expect(r.rows['4']).toEqual(cells({ natural_person: 1, total: 1 })); // A, withdrawn only in January 2026
    expect(r.rows['3.6.3']).toEqual(zero);
    expect(r.reconciliation).toMatchObject({ ok: true, received: 2, carriedIn: 0, closed: 1, carriedOut: 1 });
    expect(r.remedies.reconsideration.total + r.remedies.litigationDirect.total + r.remedies.litigationAfterReconsideration.total).toBe(0);
  });

  it('2026 (the current year, as of today): carried in, by column, and remedies counted once by result', async () => {
    const r = (await get('year=2026', 'admin')).body;
    expect(r.asOf).toBe('2026-06-30');
    expect(r.rows['1']).toEqual(cells({ natural_person: 1, commercial: 1, total: 2 }));
    expect(r.rows['2']).toEqual(cells({ natural_person: 1, total: 1 }));
    expect(r.rows['3.6.3']).toEqual(cells({ natural_person: 1, total: 1 }));
    expect(r.rows['3.4.2']).toEqual(cells({ commercial: 1, total: 1 }));
    expect(r.rows['3.4.1']).toEqual(zero); // B closed in 2025
    expect(r.rows['3.7']).toEqual(cells({ natural_person: 1, commercial: 1, total: 2 }));
    expect(r.rows['4']).toEqual(cells({ natural_person: 1, total: 1 }));
    expect(r.reconciliation).toMatchObject({ ok: true, received: 2, carriedIn: 1, closed: 2, carriedOut: 1, mismatches: [] });
    expect(r.remedies.reconsideration).toEqual({ upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 });
    expect(r.remedies.litigationDirect).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });
    expect(r.remedies.litigationAfterReconsideration.total).toBe(0);
  });

  it('each cell links to its cases', async () => {
    const token = await t.login('legal');
    const cell = async (q: string) => (await t.http.get(`/api/v1/reports/annual/cases?${q}`).set('authorization', `Bearer ${token}`)).body;
    expect((await cell('year=2026&row=2')).items.map((x: any) => x.id)).toEqual([ids.A]);
    expect((await cell('year=2026&row=4')).items.map((x: any) => x.id)).toEqual([ids.C]);
    expect((await cell('year=2026&row=3.4.2&column=commercial')).items.map((x: any) => x.id)).toEqual([ids.D]);
    expect((await cell('year=2026&row=3.4.2&column=natural_person')).items).toEqual([]);
    expect((await cell('year=2026&row=3.7')).items.map((x: any) => x.id).sort()).toEqual([ids.A, ids.D].sort());
  });

  it('a mismatch (a closed case without an outcome) is shown, not hidden', async () => {
    await t.db.query(`UPDATE cases SET outcome = NULL WHERE id = $1`, [ids.D]);
    try {
      const r = (await get('year=2026')).body;
      expect(r.reconciliation.ok).toBe(false);
      expect(r.reconciliation.mismatches).toEqual(
        expect.arrayContaining([{ column: 'commercial', left: 1, right: 0 }, { column: 'total', left: 3, right: 2 }]),
      );
    } finally {
      await t.db.query(`UPDATE cases SET outcome = 'needs_creation' WHERE id = $1`, [ids.D]);
    }
  });

  it('CSV with the official labels and the same numbers', async () => {
    const res = await t.http
      .get('/api/v1/reports/annual?year=2026&format=csv')
      .set('authorization', `Bearer ${await t.login('legal')}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const lines = (res.body as string).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[1]).toBe('项目,,自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他,总计');
    expect(lines).toContain('（四）无法提供,2.没有现成信息需要另行制作,0,1,0,0,0,0,1');
    expect(lines).toContain(',二、上年结转政府信息公开申请数量,1,0,0,0,0,0,1');
    expect(lines).toContain('行政复议,1,0,0,0,1');
  });

  it('XLSX in the official layout (merged headers of sections 三 and 四), the same numbers as the JSON', async () => {
    const json = (await get('year=2026')).body;
    const res = await t.http
      .get('/api/v1/reports/annual?year=2026&format=xlsx')
      .set('authorization', `Bearer ${await t.login('admin')}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ExcelJS.Buffer);
    const [s3, s4] = wb.worksheets;
    const text = (ws: ExcelJS.Worksheet, ref: string) => String(ws.getCell(ref).value ?? '');
    // Section 三's header: the note over A2:C4, 申请人情况 over the 7 columns, 法人或其他组织 over 5.
    expect(s3.model.merges).toEqual(expect.arrayContaining(['A2:C4', 'D2:J2', 'D3:D4', 'E3:I3', 'J3:J4', 'A5:C5', 'A6:C6', 'A7:A28', 'B9:B16', 'B17:B19', 'B20:B24', 'B25:B27', 'B28:C28', 'A29:C29']));
    expect(text(s3, 'A2')).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect([text(s3, 'D2'), text(s3, 'D3'), text(s3, 'E3'), text(s3, 'J3')]).toEqual(['申请人情况', '自然人', '法人或其他组织', '总计']);
    expect([4, 5, 6, 7, 8, 9].map((c) => String(s3.getRow(4).getCell(c + 1).value ?? ''))).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']); // J4 is part of J3:J4
    expect([text(s3, 'A5'), text(s3, 'A6'), text(s3, 'A7'), text(s3, 'B7'), text(s3, 'B9'), text(s3, 'C12'), text(s3, 'B28'), text(s3, 'A29')]).toEqual([
      '一、本年新收政府信息公开申请数量',
      '二、上年结转政府信息公开申请数量',
      '三、本年度办理结果',
      '（一）予以公开',
      '（三）不予公开',
      '4.保护第三方合法权益',
      '（七）总计',
      '四、结转下年度继续办理',
    ]);
    // Every number of section 三, row by row (rows 5…29 in the order of the JSON keys).
    const keys = ['1', '2', '3.1', '3.2', '3.3.1', '3.3.2', '3.3.3', '3.3.4', '3.3.5', '3.3.6', '3.3.7', '3.3.8', '3.4.1', '3.4.2', '3.4.3',
      '3.5.1', '3.5.2', '3.5.3', '3.5.4', '3.5.5', '3.6.1', '3.6.2', '3.6.3', '3.7', '4'];
    const cols = ['natural_person', 'commercial', 'research', 'public_interest', 'legal_service', 'other', 'total'];
    keys.forEach((k, i) => expect([k, cols.map((_, j) => s3.getRow(5 + i).getCell(4 + j).value)]).toEqual([k, cols.map((c) => json.rows[k][c])]));
    expect(s3.getCell('E18').value).toBe(1); // 3.4.2, 商业企业
    // Section 四: 行政复议 over 5, 行政诉讼 over 10, split into 未经复议直接起诉 / 复议后起诉.
    expect(s4.model.merges).toEqual(expect.arrayContaining(['A2:E2', 'F2:O2', 'A3:A4', 'E3:E4', 'F3:J3', 'K3:O3']));
    expect([text(s4, 'A2'), text(s4, 'F2'), text(s4, 'F3'), text(s4, 'K3'), text(s4, 'A3'), text(s4, 'I4'), text(s4, 'O4')]).toEqual([
      '行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', '结果维持', '尚未审结', '总计',
    ]);
    const groups = ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'];
    const results = ['upheld', 'corrected', 'other', 'pending', 'total'];
    expect(Array.from({ length: 15 }, (_, i) => s4.getRow(5).getCell(i + 1).value)).toEqual(groups.flatMap((g) => results.map((k) => json.remedies[g][k])));
    expect(s4.getCell('A5').value).toBe(1);
    expect(s4.getCell('I5').value).toBe(1);
  });

  it('refuses other roles (403), and a missing, malformed or future year (400 naming year)', async () => {
    for (const role of ['clerk', 'handler', 'approver']) expect((await get('year=2026', role)).status).toBe(403);
    for (const q of ['', 'year=26', 'year=abcd', 'year=2027', 'year=1999', 'year=2026&format=pdf']) {
      const res = await get(q);
      expect([q, res.status]).toEqual([q, 400]);
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body.errors?.[0]?.field).toBe(q.includes('format') ? 'format' : 'year');
    }
  });
});
