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
