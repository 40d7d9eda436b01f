/**
 * Fields a reply letter cannot do without (legal review, issue 12): a proposal without them is
 * refused with 400 and a Chinese message naming the field; with them, the letter says it.
 */
import { act, departmentId, register } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';
import { fetchLetterText } from '../support/letters';

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

  /** The final reply's text, without page numbers. */
  const replyText = async (c: any) => {
    const id = c.letters.find((l: any) => l.type === 'reply').id;
    return fetchLetterText(t, id);
  };

  // Legal review finding 17: no standard wording stands in for what the article makes the reply state.
  it.each([
    ['already_public', '第三十六条第（一）项', 'access', '获取该信息的方式、途径', { access: '已于2026年1月15日在示范县人民政府门户网站“政府信息公开”专栏（网址：……）主动公开' }],
    ['not_exist', '第三十六条第（四）项', 'searchPerformed', '检索的范围、方式和结果', { searchPerformed: '在公文管理系统和档案管理系统中以“道路建设”“招标文件”为关键词检索了2025年形成的文件，并询问了交通建设股' }],
    ['special_law', '第三十六条第（七）项', 'specialLaw', '对信息的获取有特别规定的法律、行政法规', { specialLaw: '《不动产登记暂行条例》', specialLawOffice: '示范县不动产登记中心' }],
    ['special_law', '第三十六条第（七）项', 'specialLawOffice', '依该特别规定办理的机构', { specialLaw: '《不动产登记暂行条例》', specialLawOffice: '示范县不动产登记中心' }],
    ['petition_complaint', '第三十九条第一款', 'channelHint', '信访、投诉、举报的渠道', { channelHint: '示范县信访局（示范县人民路1号）' }],
    ['publication', '第三十九条第二款', 'channelHint', '公开出版物的获取途径', { channelHint: '《示范县人民政府公报》2025年第6期，可在示范县图书馆查阅' }],
  ] as const)('%s (条例%s) without %s → 400 naming it in Chinese, nothing stored; with it the reply says it', async (outcome, _article, field, label, full) => {
    let c = await handling();
    const without = { ...full } as Record<string, string>;
    delete without[field];
    const bare = await act(t, 'handler', c, 'propose', { outcome, reasons: '经审查，依法作出本答复', occurredOn: '2026-02-24', ...without });
    expect(bare.status).toBe(400);
    expect(bare.body.message).toBe(`文书缺少必要内容：${label}（条例${_article}）（${field}）`);
    expect(bare.body.errors.map((e: any) => e.field)).toEqual([field]);
    const same = (await t.http.get(`/api/v1/cases/${c.id}`).set('authorization', `Bearer ${await t.login('legal')}`)).body;
    expect([same.version, same.history.length]).toEqual([c.version, c.history.length]);
    // A blank value is no value.
    expect((await act(t, 'handler', c, 'propose', { outcome, reasons: '经审查，依法作出本答复', occurredOn: '2026-02-24', ...without, [field]: '  ' })).status).toBe(400);

    c = (await act(t, 'handler', c, 'propose', { outcome, reasons: '经审查，依法作出本答复', occurredOn: '2026-02-24', ...full })).body;
    c = (await act(t, 'handler', c, 'submit-for-approval', { occurredOn: '2026-02-24' })).body;
    c = (await act(t, 'approver', c, 'approve', { occurredOn: '2026-02-25' })).body;
    expect(c.state).toBe('decided');
    const text = await replyText(c);
    for (const v of Object.values(full)) expect(text).toContain(v);
    for (const boilerplate of ['本机关政府门户网站“政府信息公开”专栏', '对文件档案和相关业务系统进行了检索', '相应渠道', '有关法律、行政法规', '有关登记机构', '公开发行渠道']) {
      expect(text).not.toContain(boilerplate);
    }
  });
});
