/**
 * Fields a reply letter cannot do without (legal review, issue 12): a proposal without them is
 * refused with 400 and a Chinese message naming the field; with them, the letter says it.
 */
import { act, departmentId, register } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

describe('required reply fields', () => {
  let t: TestContext;
  let dept: string;
  beforeAll(async () => {
    t = await createTestContext();
    dept = await departmentId(t);
  });
  afterAll(() => t.close());

  const handling = async () => {
    let c = (await register(t)).body;
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
    return (await act(t, 'clerk', c, 'assign', { departmentId: dept, occurredOn: '2026-02-16' })).body;
  };

  it.each([
    ['competentAgency', { competentAgencyContact: '0591-00000000' }],
    ['competentAgencyContact', { competentAgency: '示范县交通运输局' }],
  ])('not_this_agency (条例第36条第（五）项) without %s → 400 naming it', async (field, extra) => {
    const c = await handling();
    const res = await act(t, 'handler', c, 'propose', { outcome: 'not_this_agency', reasons: '该信息由交通运输部门制作', occurredOn: '2026-02-24', ...extra });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(res.body.message).toContain(field);
    expect(res.body.errors.map((e: any) => e.field)).toEqual([field]);
  });
});
