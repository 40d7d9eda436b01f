import { OUTCOMES } from '../../src/domain/outcomes/outcomes';
import { act, departmentId, register } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

/**
 * A client that sends the contract's propose fields {outcome, basis, reasons}, plus what the
 * article makes that reply state (REQUIRED), gets its reply letter.
 */
describe('minimal proposals (contract fields only) still produce the reply', () => {
  let t: TestContext;
  let dept: string;
  beforeAll(async () => {
    t = await createTestContext();
    dept = await departmentId(t);
  });
  afterAll(() => t.close());

  /**
   * What the law makes a reply name, beyond the contract fields (legal review, issue 12): each has
   * no standard wording to fall back on (finding 17), so a proposal without it is a 400.
   */
  const REQUIRED: Record<string, Record<string, string>> = {
    // 条例第三十六条第（一）项: 告知获取该政府信息的方式、途径.
    already_public: { access: '已于2026年1月15日在示范县人民政府门户网站“政府信息公开”专栏主动公开' },
    // 条例第十四条: the law and article that forbid disclosure (finding 27).
    withhold_law_forbids: { lawProvision: '《中华人民共和国统计法》第三十九条' },
    // 条例第三十六条第（四）项: the search performed (合理检索).
    not_exist: { searchPerformed: '在公文管理系统、档案管理系统中以“道路建设”“招标文件”为关键词检索2025年形成的文件' },
    // 条例第三十六条第（五）项: the competent agency's name and 联系方式.
    not_this_agency: { competentAgency: '示范县交通运输局', competentAgencyContact: '0591-00000000' },
    // 条例第三十六条第（七）项: the special law and the office.
    special_law: { specialLaw: '《不动产登记暂行条例》', specialLawOffice: '示范县不动产登记中心' },
    // 条例第三十九条第一款 / 第二款: the channel, the source.
    petition_complaint: { channelHint: '示范县信访局（示范县人民路1号）' },
    publication: { channelHint: '《示范县人民政府公报》2025年第6期，可在县图书馆查阅' },
  };
  const simple = OUTCOMES.filter((o) => o.proposable && !['disclose', 'partial', 'withhold_third_party'].includes(o.code));
  it.each(simple.map((o) => o.code))('%s', async (code) => {
    let c = (await register(t)).body;
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
    c = (await act(t, 'clerk', c, 'assign', { departmentId: dept, occurredOn: '2026-02-16' })).body;
    if (code === 'withhold_state_secret') {
      // 条例第十四条、第十七条: 依法确定为国家秘密 — the recorded review that found it.
      c = (await act(t, 'approver', c, 'record-secrecy-review', { conclusion: 'withhold', ground: '经定密属于国家秘密', occurredOn: '2026-02-16' })).body;
    }
    if (code === 'excessive_requests') {
      // 条例第三十五条: 不予处理 only after the reasons were asked for and judged unreasonable.
      c = (await act(t, 'handler', c, 'request-reasons', { occurredOn: '2026-02-16' })).body;
      c = (await act(t, 'handler', c, 'record-reasons', { reasonable: false, summary: '未说明合理理由', occurredOn: '2026-02-23' })).body;
    }
    const outcome = OUTCOMES.find((o) => o.code === code)!;
    const res = await act(t, 'handler', c, 'propose', { outcome: code, basis: outcome.basis, reasons: '经审查，依法作出本答复', occurredOn: '2026-02-24', ...(REQUIRED[code] ?? {}) });
    expect([code, res.status, res.body.message]).toEqual([code, 200, undefined]);
    c = res.body;
    c = (await act(t, 'handler', c, 'submit-for-approval', { occurredOn: '2026-02-24' })).body;
    const approved = await act(t, 'approver', c, 'approve', { occurredOn: '2026-02-25' });
    expect([code, approved.status]).toEqual([code, 200]);
    expect(approved.body.letters.map((l: any) => l.type)).toContain('reply');
  });
});
