/**
 * Renders every template type and parses the PDF back (pdfjs-dist legacy build).
 * Layout rules: GB/T 9704-2012 (sources.md §6); remedy variants: shared/domain §5.
 */
import { TemplateLoader, formatChineseDate } from '../../../src/domain/letters';
import { outcome, OUTCOMES } from '../../../src/domain/outcomes/outcomes';
import { LAYOUT, LetterPdfRenderer } from '../../../src/platform/pdf';
import { AGENCY, baseContext, sampleContext } from './fixtures';
import { baseFonts, parsePdf, type ParsedPdf } from './pdf-helpers';

const MM = 72 / 25.4;
const loader = new TemplateLoader();
const renderer = new LetterPdfRenderer();
const PROCEDURAL = ['receipt', 'correction_notice', 'third_party_consultation', 'agency_consultation', 'other_agency_consultation', 'secrecy_referral', 'extension_notice', 'deferral_notice', 'fee_notice', 'delivery_receipt'];
const PAGE_NO = /^— \d+ —$/;

const content = (p: ParsedPdf) => p.pages.map((pg) => pg.items.filter((i) => !PAGE_NO.test(i.str) && i.str !== '草稿').map((i) => i.str).join('')).join('');

async function render(type: string, ctx = sampleContext(type), draft = false) {
  const letter = loader.render(type, ctx);
  const buf = await renderer.render(letter, { draft });
  return { letter, buf, pdf: await parsePdf(buf) };
}

describe('letter templates', () => {
  it('has one template per reply outcome plus the procedural types', () => {
    const types = loader.types();
    const replyCodes = OUTCOMES.filter((o) => o.code !== 'withdrawn').map((o) => `reply_${o.code}`);
    expect(types).toEqual(expect.arrayContaining([...replyCodes, ...PROCEDURAL, 'third_party_decision_notice']));
    expect(types).toHaveLength(replyCodes.length + PROCEDURAL.length + 1);
  });
});

describe.each(new TemplateLoader().types())('letter %s', (type) => {
  let r: Awaited<ReturnType<typeof render>>;
  beforeAll(async () => {
    r = await render(type);
  });

  it('shows title, 文号, addressee and receipt date', () => {
    const text = content(r.pdf);
    expect(text).toContain(r.letter.title);
    expect(text).toContain('某某自然资源公开〔2026〕12号');
    const ctx = sampleContext(type);
    expect(text).toContain(ctx.consultation && !type.startsWith('reply') ? ctx.consultation.party : '张三');
    if (type !== 'delivery_receipt') expect(text).toContain('2026年3月9日');
    expect(text).toContain(formatChineseDate(ctx.issuedOn));
    expect(text).not.toContain('undefined');
    expect(text).not.toContain('草稿');
  });

  it('cites the article of its outcome and carries the right remedy variant', () => {
    const text = content(r.pdf);
    const code = type.startsWith('reply_') ? (type.slice(6) as Parameters<typeof outcome>[0]) : null;
    const expected = code ? outcome(code).remedy : type === 'third_party_decision_notice' ? 'ordinary' : 'none';
    expect(r.letter.remedy).toBe(expected);
    if (code && outcome(code).citation) expect(text).toContain(outcome(code).citation!);
    if (expected === 'per_part') {
      // 部分公开 (legal review finding 2): 复议前置 for the 第14-16条 parts, the ordinary clause for the rest.
      expect(text).toContain(`六十日内先向${AGENCY.reconsiderationBody}申请行政复议`);
      expect(text).toContain(`如对本答复的其他内容不服，可以自收到本答复书之日起六十日内向${AGENCY.reconsiderationBody}申请行政复议`);
      expect(text).toContain(`六个月内向${AGENCY.court}提起行政诉讼`);
    } else if (expected === 'reconsideration_first') {
      expect(text).toContain('第二十三条第一款第（四）项');
      expect(text).toContain(`六十日内先向${AGENCY.reconsiderationBody}申请行政复议`);
      expect(text).not.toContain('六个月内');
    } else if (expected === 'ordinary') {
      expect(text).toContain(`六十日内向${AGENCY.reconsiderationBody}申请行政复议，也可以`);
      expect(text).toContain(`六个月内向${AGENCY.court}提起行政诉讼`);
      expect(text).not.toContain('先向');
    } else {
      expect(text).not.toContain('行政复议');
      expect(text).not.toContain('行政诉讼');
    }
  });

  it('is A4 on every page with page numbers and subset-embedded fonts', () => {
    for (const [i, p] of r.pdf.pages.entries()) {
      expect(p.width).toBeCloseTo(595.28, 1);
      expect(p.height).toBeCloseTo(841.89, 1);
      expect(p.items.map((x) => x.str)).toContain(`— ${i + 1} —`);
    }
    const fonts = baseFonts(r.buf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/^[A-Z]{6}\+/);
    expect(fonts.some((f) => f.endsWith('+NotoSerifSC-Regular'))).toBe(true);
    expect(r.pdf.info.Title).toBe(r.letter.title);
    expect(r.pdf.info.Author).toBe(AGENCY.name);
  });
});

describe('layout (GB/T 9704-2012)', () => {
  it('paginates a long request with continuing "— 2 —" page numbers and keeps the grid', async () => {
    const ctx = sampleContext('reply_not_exist');
    ctx.case.description = '关于东湖片区旧城改造项目征收补偿方案的批准文件以及相关会议纪要和补偿标准测算说明'.repeat(12);
    const { pdf } = await render('reply_not_exist', ctx);
    expect(pdf.pages.length).toBeGreaterThanOrEqual(2);
    const all = pdf.pages.flatMap((p) => p.items.map((i) => i.str));
    expect(all).toContain('— 1 —');
    expect(all).toContain('— 2 —');
    const p2no = pdf.pages[1].items.find((i) => i.str === '— 2 —')!;
    const p1no = pdf.pages[0].items.find((i) => i.str === '— 1 —')!;
    expect(p1no.x).toBeGreaterThan(LAYOUT.left + LAYOUT.width / 2); // odd page: right
    expect(p2no.x).toBeLessThan(LAYOUT.left + LAYOUT.width / 2); // even page: left
    expect(p1no.size).toBeCloseTo(14, 0);

    const body = pdf.pages[0].items.filter((i) => Math.abs(i.size - 16) < 0.5);
    for (const i of body) expect(i.x).toBeGreaterThanOrEqual(28 * MM - 0.5);
    const ys = [...new Set(body.map((i) => Math.round(i.y * 100) / 100))].sort((a, b) => b - a);
    const gaps = ys.slice(1).map((y, k) => ys[k] - y);
    expect(Math.min(...gaps)).toBeCloseTo(28.99, 1);
    for (const g of gaps) expect(Math.abs(g / LAYOUT.pitch - Math.round(g / LAYOUT.pitch))).toBeLessThan(0.01);
    // a full line of the request holds 28 characters (one may hang: 避头点)
    const full = body.filter((i) => i.x < 28 * MM + 1 && /^[\u4e00-\u9fff，。、“”（）《》：；]+$/.test(i.str) && Array.from(i.str).length >= 28);
    expect(full.length).toBeGreaterThan(3);
    for (const i of full) expect(Array.from(i.str).length).toBeLessThanOrEqual(29);
    // the type area bottom is respected: all body lines above 37 + 225 mm from the top
    for (const p of pdf.pages) for (const i of p.items.filter((x) => Math.abs(x.size - 16) < 0.5)) expect(841.89 - i.y).toBeLessThan((37 + 225) * MM);
  });

  it('centres the title and right-aligns signature and date', async () => {
    const { pdf, letter } = await render('reply_disclose');
    const items = pdf.pages[0].items;
    const title = items.find((i) => Math.abs(i.size - 22) < 0.5)!;
    expect(letter.title.startsWith(title.str)).toBe(true);
    const sig = items.filter((i) => i.str === AGENCY.name).pop()!;
    const date = items.find((i) => i.str === '2026年3月30日')!;
    expect(sig.x).toBeGreaterThan(LAYOUT.left + LAYOUT.width / 2);
    expect(date.x).toBeGreaterThan(sig.x);
    expect(date.y).toBeLessThan(sig.y);
    const salutation = items.find((i) => i.str === '张三：')!;
    expect(salutation.x).toBeCloseTo(LAYOUT.left, 0);
  });

  it('lays out replies and notices sealed (§7.3.5.1) and the 送达回证 unsealed (§7.3.5.2)', async () => {
    const four = 4 * LAYOUT.charWidth;
    const right = LAYOUT.left + LAYOUT.width;
    for (const type of loader.types()) {
      const letter = loader.render(type, sampleContext(type));
      expect([type, letter.sealed]).toEqual([type, type !== 'delivery_receipt']);
    }
    const { pdf } = await render('reply_disclose');
    const items = pdf.pages[0].items;
    const sig = items.filter((i) => i.str === AGENCY.name).pop()!;
    const date = items.find((i) => i.str === '2026年3月30日')!;
    // 成文日期右空四字; 署名 centred over the date
    expect(date.x + date.width).toBeCloseTo(right - four, 0);
    expect(Math.abs(sig.x + sig.width / 2 - (date.x + date.width / 2))).toBeLessThan(LAYOUT.charWidth / 8);
    // two blank lines between the last line of text and the 署名, room for the seal
    const textLines = items.filter((i) => Math.abs(i.size - 16) < 0.5 && i.y > sig.y + 1 && !PAGE_NO.test(i.str));
    const lastText = Math.min(...textLines.map((i) => i.y));
    expect((lastText - sig.y) / LAYOUT.pitch).toBeCloseTo(3, 1);

    const form = await render('delivery_receipt');
    const fItems = form.pdf.pages[0].items;
    const fSig = fItems.filter((i) => i.str === AGENCY.name).pop()!;
    // unsealed (§7.3.5.2): 署名右空二字, one blank line above it
    expect(fSig.x + fSig.width).toBeCloseTo(right - 2 * LAYOUT.charWidth, 0);
    const above = Math.min(...fItems.filter((i) => i.y > fSig.y + 1 && !PAGE_NO.test(i.str)).map((i) => i.y));
    expect((above - fSig.y) / LAYOUT.pitch).toBeLessThan(2.5);
  });

  it('breaks a long title after the agency name, keeping words whole (§7.3.1)', async () => {
    for (const type of ['correction_notice', 'fee_notice', 'reply_disclose']) {
      const { pdf, letter } = await render(type);
      const titleItems = pdf.pages[0].items.filter((i) => Math.abs(i.size - 22) < 0.5);
      const lines = [...new Set(titleItems.map((i) => Math.round(i.y)))].map((y) =>
        titleItems.filter((i) => Math.round(i.y) === y).map((i) => i.str).join(''),
      );
      expect(lines.join('')).toBe(letter.title);
      // the sample agency's titles are all longer than one line: the first line is the agency's name
      expect([type, lines[0]]).toEqual([type, AGENCY.name]);
    }
  });

  it('adds the 草稿 watermark only to drafts', async () => {
    const ctx = { ...sampleContext('reply_disclose'), docNumber: null };
    const draft = await render('reply_disclose', ctx, true);
    expect(draft.pdf.text).toContain('草稿');
    expect(content(draft.pdf)).not.toContain('公开〔2026〕');
    const final = await render('reply_disclose');
    expect(final.pdf.text).not.toContain('草稿');
  });

  it('is byte-deterministic, also across renderer instances', async () => {
    const letter = loader.render('reply_partial', sampleContext('reply_partial'));
    const a = await renderer.render(letter);
    const b = await renderer.render(letter);
    const c = await new LetterPdfRenderer().render(letter);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(true);
    const other = await renderer.render(loader.render('reply_partial', { ...sampleContext('reply_partial'), issuedOn: '2026-03-31' }));
    expect(other.equals(a)).toBe(false);
  });

  it('names the withheld parts in the 复议前置 clause of a partial reply, and gives the rest the ordinary clause', async () => {
    const { letter } = await render('reply_partial');
    const remedies = letter.blocks.filter((b) => b.kind === 'remedy') as { text: string }[];
    expect(remedies).toHaveLength(2);
    expect(remedies[0].text).toContain('如对本答复中对“被征收人姓名、身份证号码及补偿金额明细”、“局务会议讨论记录”不予公开的决定不服');
    expect(remedies[1].text).toContain('如对本答复的其他内容不服');
  });

  it('words a part that is not 政府信息 by 条例第二条、第三十七条, and names only the 第14-16条 parts in the 复议前置 clause', async () => {
    const ctx = sampleContext('reply_partial');
    ctx.withheldParts = [
      { part: '局务会议讨论记录', ground: 'withhold_process_info', reason: '该部分属于讨论记录' },
      { part: '物业服务合同', ground: 'not_government_information', reason: '该合同系本机关作为民事主体签订' },
    ];
    const { pdf } = await render('reply_partial', ctx);
    const text = content(pdf);
    expect(text).toContain('含有不应当公开和不属于政府信息的内容');
    expect(text).toContain('对下列部分不予公开或者不予提供');
    expect(text).toContain('根据《中华人民共和国政府信息公开条例》第二条、第三十七条的规定，该部分不属于政府信息，本机关不作为政府信息提供。');
    expect(text).toContain('如对本答复中对“局务会议讨论记录”不予公开的决定不服，应当');
    expect(text).not.toContain('对“物业服务合同”不予公开');
    expect(text).toContain('如对本答复的其他内容不服');
    ctx.withheldParts = [ctx.withheldParts[1]];
    const only = content((await render('reply_partial', ctx)).pdf);
    expect(only).toContain('含有不属于政府信息的内容');
    expect(only).toContain('对下列部分不予提供');
    expect(only).not.toContain('先向');
    expect(only).toContain(`如对本答复不服，可以自收到本答复书之日起六十日内向${AGENCY.reconsiderationBody}申请行政复议`);
  });

  it('keeps a one-page reply small', async () => {
    const { buf, pdf } = await render('reply_disclose');
    expect(pdf.pages).toHaveLength(1);
    expect(buf.length).toBeLessThan(60 * 1024);
  });

  it('accepts agency font paths (e.g. a licensed 仿宋 file)', async () => {
    const { defaultFontPaths } = await import('../../../src/platform/pdf');
    const paths = defaultFontPaths({ LETTER_BODY_FONT: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf') });
    const buf = await new LetterPdfRenderer(paths).render(loader.render('receipt', { ...baseContext() }));
    expect(baseFonts(buf).some((f) => f.endsWith('+NotoSansSC-Regular'))).toBe(true);
  });
});
