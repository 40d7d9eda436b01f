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
