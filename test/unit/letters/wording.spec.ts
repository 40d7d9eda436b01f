/**
 * Letter wording after the legal review (issue 12): each letter is rendered to a real PDF and
 * parsed back; the new text must be in it and the old, wrong text must not.
 */
import { TemplateLoader } from '../../../src/domain/letters';
import type { LetterContext } from '../../../src/domain/letters';
import { LetterPdfRenderer } from '../../../src/platform/pdf';
import { sampleContext } from './fixtures';
import { parsePdf } from './pdf-helpers';

const loader = new TemplateLoader();
const renderer = new LetterPdfRenderer();
const PAGE_NO = /^— \d+ —$/;

/** The letter's text as printed (page numbers left out). */
async function textOf(type: string, ctx: LetterContext = sampleContext(type)): Promise<string> {
  const pdf = await parsePdf(await renderer.render(loader.render(type, ctx)));
  return pdf.pages.map((p) => p.items.filter((i) => !PAGE_NO.test(i.str)).map((i) => i.str).join('')).join('');
}

describe('补正告知书 (finding 14, 条例第30条)', () => {
  let text: string;
  beforeAll(async () => {
    text = await textOf('correction_notice');
  });

  it('gives the period in working days from the day the notice is received', () => {
    expect(text).toContain('请您自收到本告知书之日起15个工作日内');
    expect(text).not.toContain('15日内');
    expect(text).not.toMatch(/于\d+日内/);
  });

  it('names the office, its contact details and the ways to submit the correction', () => {
    expect(text).toContain('某某市自然资源和规划局政府信息公开办公室');
    expect(text).toContain('某某市人民路100号');
    expect(text).toContain('0571-12345678');
    expect(text).toContain('当面提交或者邮寄');
    expect(text).toContain('zwgk@zrzy.example.gov.cn');
  });

  it('offers help (指导和释明)', () => {
    expect(text).toContain('本机关将给予指导和释明');
  });
});

describe('补正后仍不明确 (finding 19)', () => {
  it('says the information cannot be provided (无法提供), not 不予处理', async () => {
    const text = await textOf('reply_unclear_after_correction');
    expect(text).toContain('您补正后的申请内容仍不明确，本机关无法确定您申请公开的政府信息，无法向您提供');
    expect(text).not.toContain('不予处理');
  });
});

describe('the decision taken, not the statute’s 可以 (finding 18)', () => {
  it('需要加工、分析 (第38条): 本机关不予提供', async () => {
    const text = await textOf('reply_needs_creation');
    expect(text).toContain('本机关不予提供');
    expect(text).not.toContain('可以不予提供');
  });

  it('公开出版物 (第39条第二款): 现告知您获取途径如下', async () => {
    const text = await textOf('reply_publication');
    expect(text).toContain('现告知您获取途径如下：《某某市人民政府公报》2025年第6期');
    expect(text).not.toContain('可以告知');
  });
});

describe('非本机关负责公开 (finding 16, 条例第36条第（五）项)', () => {
  it('names the competent agency with its contact details, never an empty contact', async () => {
    const text = await textOf('reply_not_this_agency');
    expect(text).toContain('该信息的负责公开机关为某某市住房和城乡建设局，联系方式：某某市解放路8号，电话0571-87654321，请您向其提出申请');
    expect(text).not.toContain('联系方式：，');
  });

  it('cannot be rendered without the contact (the propose step answers 400 naming the field)', () => {
    const ctx = sampleContext('reply_not_this_agency');
    ctx.competentAgency = { name: '某某市住房和城乡建设局' } as never;
    expect(() => loader.render('reply_not_this_agency', ctx)).toThrow(/competentAgency\.contact/);
  });
});

describe('periods counted from receipt are printed as periods, never as dates (finding 1)', () => {
  it.each([
    ['third_party_consultation', '请您自收到本函之日起15个工作日内提出是否同意公开的书面意见'],
    ['agency_consultation', '请贵机关自收到本函之日起15个工作日内提出书面意见；逾期未提出意见的，视为同意公开'],
    ['other_agency_consultation', '请贵机关自收到本函之日起15个工作日内提出书面意见。逾期未提出意见的，本机关将依照'],
    ['fee_notice', '请您自收到本通知之日起20个工作日内通过'],
  ])('%s', async (type, period) => {
    const text = await textOf(type);
    expect(text).toContain(period);
    // No date but the receipt date and the letter's own date (the period's end is not known when it is signed).
    const dates = [...text.matchAll(/\d{4}年\d{1,2}月\d{1,2}日/g)].map((m) => m[0]);
    for (const d of dates) expect(['2026年3月9日', '2026年3月30日']).toContain(d);
    expect(text).not.toMatch(/即\d{4}年/);
  });

  it('other agencies (第11条): no deemed consent; the 第17条第三款 referral: no period and no deemed consent (finding 10)', async () => {
    const other = await textOf('other_agency_consultation');
    expect(other).toContain('第十一条');
    expect(other).not.toContain('视为同意');
    const referral = await textOf('secrecy_referral');
    expect(referral).toContain('关于政府信息是否可以公开的征求意见函');
    expect(referral).toContain('第十七条第三款的规定，现报请贵单位确定');
    expect(referral).not.toContain('视为同意');
    expect(referral).not.toContain('个工作日');
  });
});

describe('a provisional date is printed with its mark (finding 23)', () => {
  it('extension notice: a new deadline counted across a year without a holiday notice', async () => {
    const ctx = sampleContext('extension_notice');
    const marked = await textOf('extension_notice', { ...ctx, extension: { ...ctx.extension!, newDueDate: '2027-01-18', provisionalYears: [2027] } });
    expect(marked).toContain('至2027年1月18日（暂按周一至周五为工作日计算：2027年节假日安排尚未公布，以公布后的安排为准）前作出答复');
    const plain = await textOf('extension_notice');
    expect(plain).toContain('至2026年5月6日前作出答复');
    expect(plain).not.toContain('暂按');
  });
});

describe('视为放弃申请: the closing reply names the notice it follows and the deadline that passed (finding 20)', () => {
  it('逾期不补正 (条例第三十条): the 补正告知书 by date and 文号, the day the period ended', async () => {
    const text = await textOf('reply_correction_overdue');
    expect(text).toContain('本机关于2026年3月10日向您发出《政府信息公开申请补正告知书》（某某自然资源公开告〔2026〕7号）');
    expect(text).toContain('补正期限已于2026年3月31日届满');
    expect(text).toContain('《中华人民共和国政府信息公开条例》第三十条的规定，视为您放弃申请');
    expect(text).not.toContain('此前');
  });

  it('a period reopened for a good reason says so', async () => {
    const ctx = sampleContext('reply_correction_overdue');
    const text = await textOf('reply_correction_overdue', { ...ctx, closure: { ...ctx.closure!, reopenedOn: '2026-03-20' } });
    expect(text).toContain('本机关于2026年3月20日因正当理由为您重新计算补正期限，补正期限已于2026年3月31日届满');
  });

  it('逾期未缴费: the 收费通知书 by date and 文号 with the amount; cites 条例第四十二条 and the 办法 without an article of 109号', async () => {
    const text = await textOf('reply_fee_unpaid');
    expect(text).toContain('本机关于2026年3月12日向您发出《政府信息公开信息处理费收费通知书》（某某自然资源公开告〔2026〕9号）');
    expect(text).toContain('信息处理费1250元');
    expect(text).toContain('缴费期限已于2026年4月10日届满');
    expect(text).toContain('根据《中华人民共和国政府信息公开条例》第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定');
    expect(text).not.toMatch(/109号）第[一二三四五六七八九十]+条/);
    expect(text).not.toContain('此前');
  });

  it('a closing reply issued before these facts were kept still renders (a reissue of an old letter)', async () => {
    const { closure: _c, ...old } = sampleContext('reply_fee_unpaid');
    expect(await textOf('reply_fee_unpaid', old as LetterContext)).toContain('本机关已于此前向您发出收费通知书');
  });
});

describe('保护第三方合法权益 (finding 3, 条例第15、32条): the letter states what the record says', () => {
  const withRecord = (thirdParty: LetterContext['thirdParty']) => ({ ...sampleContext('reply_withhold_third_party'), thirdParty });

  it('objected: consulted in writing, the third party did not agree, its reasons were found reasonable', async () => {
    const text = await textOf('reply_withhold_third_party', withRecord({ consulted: true, objected: true, noAnswer: false }));
    expect(text).toContain('本机关已依照《中华人民共和国政府信息公开条例》第三十二条的规定书面征求第三方意见，第三方不同意公开，本机关经审查认为其理由合理。');
    expect(text).not.toContain('依照条例');
  });

  it('no answer: the third party did not answer, the agency decides (第32条)', async () => {
    const text = await textOf('reply_withhold_third_party', withRecord({ consulted: true, objected: false, noAnswer: true }));
    expect(text).toContain('第三方在规定期限内未提出意见，依照该条的规定，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。');
    expect(text).not.toContain('第三方不同意公开');
  });

  it('not consulted: the recorded reason, and nothing about an objection', async () => {
    const text = await textOf('reply_withhold_third_party', withRecord({ consulted: false, objected: false, noAnswer: false, notConsulted: '该第三方已注销，无法联系' }));
    expect(text).toContain('本机关未征求意见，理由是：该第三方已注销，无法联系。');
    expect(text).not.toContain('书面征求第三方意见');
    expect(text).not.toContain('不同意公开');
  });

  it('a 部分公开 with a part on that ground says the same about that part', async () => {
    const text = await textOf('reply_partial', { ...sampleContext('reply_partial'), thirdParty: { consulted: true, objected: false, noAnswer: true } });
    expect(text).toContain('对涉及第三方合法权益的部分，本机关已依照《中华人民共和国政府信息公开条例》第三十二条的规定书面征求第三方意见，第三方在规定期限内未提出意见');
  });
});

describe('属于国家秘密 (finding 12, 条例第14、17条)', () => {
  it('says the review found the information 依法确定为国家秘密, with its date and without its ground', async () => {
    const text = await textOf('reply_withhold_state_secret');
    expect(text).toContain('本机关于2026年3月20日依照《中华人民共和国政府信息公开条例》第十七条的规定对您申请获取的信息进行了保密审查，该信息已依法确定为国家秘密。');
  });

  it('cannot be rendered without the review (the approval answers 400 naming it)', () => {
    const ctx = sampleContext('reply_withhold_state_secret');
    delete ctx.secrecyReview;
    expect(() => loader.render('reply_withhold_state_secret', ctx)).toThrow(/dates\.secrecyReview/);
  });

  it('a 部分公开 says it of a part withheld on that ground', async () => {
    const ctx = sampleContext('reply_partial');
    ctx.withheldParts = [{ part: '附件一', ground: 'withhold_state_secret', reason: '该部分属于秘密级国家秘密事项' }];
    const text = await textOf('reply_partial', ctx);
    expect(text).toContain('1.“附件一”：经保密审查，该部分已依法确定为国家秘密。');
  });
});

describe('告知第三方公开决定 (finding 13, 条例第15、32条)', () => {
  it('public interest: the concrete reason and the content to be disclosed', async () => {
    const text = await textOf('third_party_decision_notice');
    expect(text).toContain('本机关已就此书面征求您的意见，您不同意公开。');
    expect(text).toContain('经审查，本机关认为不公开该信息可能对公共利益造成重大影响，理由如下：该信息涉及公共资源配置');
    expect(text).toContain('根据《中华人民共和国政府信息公开条例》第十五条、第三十二条的规定，本机关决定予以公开');
    expect(text).toContain('决定公开的政府信息内容：东湖片区地块国有建设用地使用权出让合同正文及补充协议（出让价款、宗地面积、用途及使用年限条款），不含贵公司法定代表人的个人信息。');
  });

  it('no reasonable ground: says so, cites 第三十二条', async () => {
    const ctx = sampleContext('third_party_decision_notice');
    ctx.thirdPartyOverride = { ...ctx.thirdPartyOverride!, publicInterest: false, reason: '合同价款依法应当公开，不属于商业秘密' };
    const text = await textOf('third_party_decision_notice', ctx);
    expect(text).toContain('经审查，本机关认为您不同意公开的理由不合理，理由如下：合同价款依法应当公开，不属于商业秘密。根据《中华人民共和国政府信息公开条例》第三十二条的规定');
    expect(text).not.toContain('公共利益');
  });

  it('has no standard reason: without the recorded reason or content it cannot be rendered', () => {
    const ctx = sampleContext('third_party_decision_notice');
    ctx.thirdPartyOverride = { publicInterest: true, reason: undefined, content: '合同' } as never;
    expect(() => loader.render('third_party_decision_notice', ctx)).toThrow(/thirdPartyOverride\.reason/);
    ctx.thirdPartyOverride = { publicInterest: true, reason: '公共利益', content: undefined } as never;
    expect(() => loader.render('third_party_decision_notice', ctx)).toThrow(/thirdPartyOverride\.content/);
  });
});

describe('法律、行政法规禁止公开 (finding 27, 条例第十四条)', () => {
  it('names the law and article that forbid disclosure', async () => {
    const text = await textOf('reply_withhold_law_forbids');
    expect(text).toContain('经审查，您申请获取的信息属于《中华人民共和国统计法》第三十九条禁止公开的政府信息。');
    expect(text).toContain('根据《中华人民共和国统计法》第三十九条和《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项的规定，本机关决定不予公开。');
  });

  it('cannot be rendered without it, for the whole reply or a withheld part', () => {
    const ctx = sampleContext('reply_withhold_law_forbids');
    delete ctx.lawProvision;
    expect(() => loader.render('reply_withhold_law_forbids', ctx)).toThrow(/\{\{lawProvision\}\}/);
    const partial = sampleContext('reply_partial');
    partial.withheldParts = [{ part: '单项调查资料', ground: 'withhold_law_forbids', reason: '能够识别单个统计调查对象' }];
    expect(() => loader.render('reply_partial', partial)).toThrow(/this\.lawProvision/);
  });

  it('a 部分公开 part on that ground names it too', async () => {
    const ctx = sampleContext('reply_partial');
    ctx.withheldParts = [{ part: '单项调查资料', ground: 'withhold_law_forbids', reason: '能够识别单个统计调查对象', lawProvision: '《中华人民共和国统计法》第三十九条' }];
    const text = await textOf('reply_partial', ctx);
    expect(text).toContain('1.“单项调查资料”：该部分属于《中华人民共和国统计法》第三十九条禁止公开的信息。能够识别单个统计调查对象。根据《中华人民共和国统计法》第三十九条和《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项的规定，该部分不予公开。');
  });
});

describe('how the application came in (legal review 26)', () => {
  it('every letter that recites the application says it as an agency writes it', async () => {
    for (const type of ['receipt', 'correction_notice', 'reply_not_exist', 'fee_notice']) {
      const text = await textOf(type);
      expect([type, text]).toEqual([type, expect.stringContaining('收到您通过邮寄方式提交的政府信息公开申请')]);
      expect(text).not.toMatch(/您以.{1,6}方式提交的/);
    }
  });
});
