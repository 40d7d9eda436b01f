/**
 * The seal on a sealed letter (GB/T 9704 §7.3.5.1): pressed on 署名 and 成文日期, which sit below
 * its centre; never on a draft or an unsealed form. The demo seal says 测试用章.
 */
import { TemplateLoader } from '../../../src/domain/letters';
import { LetterPdfRenderer, SEAL_DIAMETER } from '../../../src/platform/pdf';
import { checkSealPng } from '../../../src/modules/signing/seal-png';
import { inflatedStreams, SEAL_RED_OPERATOR } from '../../support/pdfsig';
import { parsePdf } from '../letters/pdf-helpers';
import { sampleContext } from '../letters/fixtures';

describe('the seal on sealed letters', () => {
  const renderer = new LetterPdfRenderer();
  const loader = new TemplateLoader();
  const reply = loader.render('reply_disclose', sampleContext('reply_disclose'));
  const demo = { kind: 'demo' as const, agencyName: reply.author };

  it('the demo seal covers 署名 and date, both below its centre, its top within one line of the text', async () => {
    const at: Array<{ page: number; cx: number; cy: number; r: number }> = [];
    const bytes = await renderer.render(reply, { seal: demo, onSeal: (p) => at.push(p) });
    expect(at).toHaveLength(1);
    expect(at[0].r * 2).toBeCloseTo(SEAL_DIAMETER);
    const pdf = await parsePdf(bytes);
    const page = pdf.pages[at[0].page - 1];
    // pdf.js: baseline y from the page bottom; the renderer: y from the top
    const top = (i: { y: number }) => page.height - i.y;
    const items = page.items;
    const date = items.filter((i) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(i.str)).pop()!;
    const name = items.filter((i) => i.str === reply.author).pop()!;
    const { cx, cy, r } = at[0];
    expect(Math.abs(cx - (date.x + date.width / 2))).toBeLessThan(2);
    expect(Math.abs(cx - (name.x + name.width / 2))).toBeLessThan(2);
    // both lines inside the seal and below its centre (居印章中心偏下)
    for (const line of [name, date]) {
      expect(top(line)).toBeGreaterThan(cy);
      expect(top(line)).toBeLessThan(cy + r);
    }
    // 印章顶端应当上距正文一行之内: the last text line above is less than one line (≈29 pt) above the top
    const text = items.filter((i) => top(i) < top(name) - 20 && !/^— \d+ —$/.test(i.str));
    const lastTextBaseline = Math.max(...text.map(top));
    expect(cy - r - lastTextBaseline).toBeLessThan(29);
    expect(cy - r - lastTextBaseline).toBeGreaterThan(-16);
    // the seal's characters are shapes, not text
    expect(pdf.text).not.toContain('测试用章');
    expect(inflatedStreams(bytes)).toMatch(SEAL_RED_OPERATOR);
  });

  it('no seal on a draft or an unsealed form', async () => {
    const seen: unknown[] = [];
    const draft = await renderer.render(reply, { seal: demo, draft: true, onSeal: (p) => seen.push(p) });
    expect(inflatedStreams(draft)).not.toMatch(SEAL_RED_OPERATOR);
    const form = loader.render('delivery_receipt', sampleContext('delivery_receipt'));
    expect(form.sealed).toBe(false);
    const formPdf = await renderer.render(form, { seal: demo, onSeal: (p) => seen.push(p) });
    expect(inflatedStreams(formPdf)).not.toMatch(SEAL_RED_OPERATOR);
    expect(seen).toEqual([]);
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
