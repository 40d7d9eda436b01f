/**
 * The seal on a sealed letter (GB/T 9704 §7.3.5.1): pressed on 署名 and 成文日期, which sit below
 * its centre; never on a draft or an unsealed form. The demo seal says 测试用章.
 */
import { TemplateLoader } from '../../../src/domain/letters';
import { LetterPdfRenderer, SEAL_DIAMETER } from '../../../src/platform/pdf';
import { checkSealPng } from '../../../src/modules/signing/seal-png';
import { parsePdf } from '../letters/pdf-helpers';
import { sampleContext } from '../letters/fixtures';

describe('the seal on sealed letters', () => {
  const renderer = new LetterPdfRenderer();
  const loader = new TemplateLoader();
  const reply = loader.render('reply_disclose', sampleContext('reply_disclose'));
  const demo = { kind: 'demo' as const, agencyName: reply.author };

  it('the demo seal covers 署名 and date, both below its centre, its top within one line of the text', async () => {
    const pdf = await parsePdf(await renderer.render(reply, { seal: demo }));
    const items = pdf.pages[0].items;
    const label = items.find((i) => i.str === '测试用章')!;
    expect(label).toBeDefined();
    const date = items.filter((i) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(i.str)).pop()!;
    const name = items.filter((i) => i.str === reply.author).pop()!;
    // pdf.js y grows upwards; the label sits just under the star, below the seal's centre
    const r = SEAL_DIAMETER / 2;
    const centreY = label.y + 9 + r * 0.3 + 6;
    const centreX = label.x + label.width / 2;
    expect(Math.abs(centreX - (date.x + date.width / 2))).toBeLessThan(3);
    expect(name.y).toBeLessThan(centreY + 4);
    expect(date.y).toBeLessThan(centreY);
    expect(date.y).toBeGreaterThan(centreY - r);
    // 印章顶端上距正文一行之内: the last text line above the 署名 is at most one line above the top
    const above = items.filter((i) => i.y > name.y + 20 && i.str !== '测试用章' && i.str.length > 1 && !Array.from(reply.author).includes(i.str));
    const lastTextY = Math.min(...above.map((i) => i.y));
    expect(lastTextY - (centreY + r)).toBeLessThan(30);
  });

  it('no seal on a draft or an unsealed form', async () => {
    const draft = await parsePdf(await renderer.render(reply, { seal: demo, draft: true }));
    expect(draft.text).not.toContain('测试用章');
    const form = loader.render('delivery_receipt', sampleContext('delivery_receipt'));
    expect(form.sealed).toBe(false);
    const formPdf = await parsePdf(await renderer.render(form, { seal: demo }));
    expect(formPdf.text).not.toContain('测试用章');
  });

  it('seal PNGs must be PNG with transparency, within size limits', () => {
    const png = (colorType: number, w = 200, h = 200, extra = Buffer.alloc(0)) => {
      const ihdr = Buffer.alloc(24);
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(ihdr, 0);
      ihdr.writeUInt32BE(13, 8);
      ihdr.write('IHDR', 12, 'latin1');
      ihdr.writeUInt32BE(w, 16);
      ihdr.writeUInt32BE(h, 20);
      const rest = Buffer.from([8, colorType, 0, 0, 0, 0, 0, 0, 0]);
      return Buffer.concat([ihdr, rest, extra]);
    };
    expect(checkSealPng(png(6))).toEqual({ ok: true, width: 200, height: 200 });
    expect(checkSealPng(png(4)).ok).toBe(true);
    expect(checkSealPng(png(2)).ok).toBe(false);
    const trns = Buffer.concat([Buffer.from([0, 0, 0, 2]), Buffer.from('tRNS', 'latin1'), Buffer.from([0, 0]), Buffer.alloc(4)]);
    expect(checkSealPng(png(3, 200, 200, trns)).ok).toBe(true);
    expect(checkSealPng(png(6, 10, 10)).ok).toBe(false);
    expect(checkSealPng(Buffer.from('GIF89a' + 'x'.repeat(40))).ok).toBe(false);
    expect(checkSealPng(Buffer.alloc(600 * 1024)).ok).toBe(false);
  });
});
