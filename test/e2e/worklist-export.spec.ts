/**
 * Issue 13, item 3: the worklist as CSV (GET /api/v1/cases/export.csv) — the list's filters and
 * access scope, UTF-8 with a BOM, Chinese columns, the identity number masked, formula cells
 * neutralised, an attachment with a UTF-8 file name.
 */
import { act, departmentId, register, RESIDENT_ID } from '../support/cases';
import { createTestContext, TEST_PASSWORD, TestContext } from '../support/test-app';
import { csvCell, worklistCsv } from '../../src/domain/worklist/worklist-csv';

describe('worklist CSV export', () => {
  let t: TestContext;
  let deptA: string;
  let deptB: string;
  let inA: any;
  let inB: any;
  let formula: any;
  const bearer = async (who: string) => `Bearer ${await t.login(who)}`;
  const exportAs = async (who: string, q: Record<string, string> = {}) =>
    t.http
      .get('/api/v1/cases/export.csv')
      .query(q)
      .set('authorization', await bearer(who));
  /** The data rows of a CSV body (BOM and header row off), split on commas (no quoted commas here). */
  const rowsOf = (text: string) =>
    text
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter((l) => l !== '')
      .slice(1)
      .map((l) => l.split(','));

  beforeAll(async () => {
    t = await createTestContext();
    deptA = await departmentId(t);
    const admin = await bearer('admin');
    deptB = (
      await t.http.post('/api/v1/departments').set('authorization', admin).send({ name: '城建科' })
    ).body.id;
    const made = await t.http
      .post('/api/v1/users')
      .set('authorization', admin)
      .send({
        username: 'handler-b',
        displayName: '城建科承办人',
        roles: ['handler'],
        departmentId: deptB,
        password: TEST_PASSWORD,
      });
    expect(made.status).toBe(201);

    const assigned = async (dept: string, over: Record<string, any> = {}) => {
      let c = (await register(t, over)).body;
      c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
      c = (await act(t, 'clerk', c, 'assign', { departmentId: dept, occurredOn: '2026-02-16' }))
        .body;
      expect(c.departmentId).toBe(dept);
      return c;
    };
    inA = await assigned(deptA, { description: '申请公开示范县2025年度学校建设项目的验收报告。' });
    inB = await assigned(deptB, { description: '申请公开示范县2025年度河道治理方案。' });
    const res = await register(t, {
      applicant: {
        type: 'natural',
        category: 'natural_person',
        name: '=HYPERLINK("http://x.test")',
        idType: 'resident_id',
        idNumber: RESIDENT_ID,
        phone: '13800000000',
        address: '示范县人民路2号',
      },
      description: '申请公开示范县2025年度公共租赁住房分配名单。',
    });
    expect(res.status).toBe(201);
    formula = res.body;
  });
  afterAll(() => t.close());

  it('is a UTF-8 CSV with a BOM, Chinese columns, an attachment with a UTF-8 file name', async () => {
    const res = await exportAs('legal');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; .*filename\*=UTF-8''%E6%A1%88%E4%BB%B6/,
    );
    expect(decodeURIComponent(res.headers['content-disposition'].split("UTF-8''")[1])).toMatch(
      /^案件工作清单-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    expect(res.headers['x-total-count']).toBe('3');
    expect(res.headers['x-export-truncated']).toBe('false');
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const [header] = res.text.slice(1).split('\r\n');
    expect(header).toBe(
      '案件编号,状态,收到申请之日,申请人,承办部门,答复期限,剩余工作日/逾期,答复类型',
    );
    const rows = rowsOf(res.text);
    expect(rows).toHaveLength(3);
    const a = rows.find((r) => r[0] === inA.caseNumber)!;
    expect(a.slice(0, 6)).toEqual([
      inA.caseNumber,
      '办理中',
      '2026-02-13',
      `张三（${RESIDENT_ID.slice(0, 3)}***********${RESIDENT_ID.slice(-4)}）`,
      '政务公开科',
      inA.deadlines?.replyDue ?? a[5],
    ]);
    expect(a[5]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(a[6]).toMatch(/工作日|已逾期/);
    // The full identity number is nowhere in the file.
    expect(res.text).not.toContain(RESIDENT_ID);
  });

  it('neutralises a cell that would be read as a formula', async () => {
    const res = await exportAs('legal', { applicant: 'HYPERLINK' });
    expect(res.status).toBe(200);
    const lines = res.text.slice(1).split('\r\n');
    expect(lines).toHaveLength(3); // header, the case, the final CRLF
    expect(lines[1]).toContain(formula.caseNumber);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x.test"")（`);
    expect(lines[1]).not.toMatch(/(^|,)=/);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(worklistCsv([['x']], { shown: 1, total: 2 })).toContain(
      '仅导出前 1 件，符合条件的共 2 件',
    );
  });

  it('applies the list filters and ignores paging', async () => {
    const res = await exportAs('legal', { departmentId: deptB, page: '2', pageSize: '1' });
    expect(res.status).toBe(200);
    expect(rowsOf(res.text).map((r) => r[0])).toEqual([inB.caseNumber]);
    const bad = await exportAs('legal', { state: 'nonsense' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it("gives a handler only their department's cases", async () => {
    const a = rowsOf((await exportAs('handler')).text).map((r) => r[0]);
    expect(a).toEqual([inA.caseNumber]);
    const b = rowsOf((await exportAs('handler-b')).text).map((r) => r[0]);
    expect(b).toEqual([inB.caseNumber]);
    // Asking for the other department's cases does not widen the scope.
    expect(rowsOf((await exportAs('handler-b', { departmentId: deptA })).text)).toEqual([]);
  });

  it('needs a login', async () => {
    expect((await t.http.get('/api/v1/cases/export.csv')).status).toBe(401);
  });
});
