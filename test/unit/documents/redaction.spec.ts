/**
 * True redaction (issue 18): the released copy read back by independent extractors — pdfjs always,
 * pdftotext where installed (always in CI). Text inside a region is gone, text on a page without a
 * region is kept, the page count is the original's, and nothing of the original's metadata,
 * attachments, scripts or form fields survives.
 */
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument, PDFName } from 'pdf-lib';
import { imagePageBox, imageSize, inspectPdf, releaseDocument, renderPagePng, sniffMediaType } from '../../../src/platform/pdf/redaction';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BESIDE, hasPdftotext, INSIDE, INSIDE_REGION, loadedPdf, OTHER_PAGE, pdfjsRead, pdftotext, textPdf } from '../../support/redaction-fixtures';

const USE_PDFTOTEXT = hasPdftotext() || !!process.env.CI;
const A4 = { width: 595.28, height: 841.89 };

function tmpFile(buf: Buffer): string {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gid-redact-')), 'x.pdf');
  fs.writeFileSync(f, buf);
  return f;
}

describe('sniffMediaType: by content, never by name', () => {
  it('knows PDF, PNG and JPEG and nothing else', async () => {
    expect(sniffMediaType(await textPdf(1))).toBe('application/pdf');
    expect(sniffMediaType(createCanvas(4, 4).toBuffer('image/png'))).toBe('image/png');
    expect(sniffMediaType(createCanvas(4, 4).toBuffer('image/jpeg'))).toBe('image/jpeg');
    expect(sniffMediaType(Buffer.from('MZ\x90\x00 executable'))).toBeNull();
    expect(sniffMediaType(Buffer.from('\x7fELF'))).toBeNull();
    expect(sniffMediaType(Buffer.from('#!/bin/sh\n%PDF-1.7'))).toBeNull();
    expect(sniffMediaType(Buffer.from('<html>%PDF-'))).toBeNull();
  });

  it('reads an image size from its header', () => {
    const png = createCanvas(300, 200).toBuffer('image/png');
    const jpg = createCanvas(120, 400).toBuffer('image/jpeg');
    expect(imageSize(png, 'image/png')).toEqual({ width: 300, height: 200 });
    expect(imageSize(jpg, 'image/jpeg')).toEqual({ width: 120, height: 400 });
    expect(imagePageBox({ width: 300, height: 200 })).toEqual({ width: 842, height: 561.33 });
  });
});

describe('inspectPdf', () => {
  it('counts the pages of a file on disk (read by ranges)', async () => {
    const boxes = await inspectPdf(tmpFile(await textPdf(3)));
    expect(boxes).toHaveLength(3);
    expect(boxes[0].width).toBeCloseTo(A4.width, 1);
  });

  it('refuses a file that only looks like a PDF', async () => {
    await expect(inspectPdf(tmpFile(Buffer.from('%PDF-1.7\nnot really a pdf at all\n')))).rejects.toThrow(/无法读取|没有页面/);
  });
});

describe('releaseDocument', () => {
  it('removes the text under a region and keeps the pages without one (pdfjs)', async () => {
    const original = await textPdf(3);
    const before = await pdfjsRead(original);
    expect(before.pages[0]).toContain(INSIDE);
    const r = await releaseDocument({ bytes: original, mediaType: 'application/pdf', pages: [A4, A4, A4], regions: [INSIDE_REGION] });
    expect(r.pages).toBe(3);
    expect(r.rasterised).toEqual([1]);
    const after = await pdfjsRead(r.bytes);
    expect(after.pages).toHaveLength(3);
    expect(after.pages[0]).not.toContain('WITHHELD');
    expect(after.pages[0]).not.toContain('BETA'); // a redacted page is an image: no text layer at all
    expect(after.pages[1]).toContain(`${OTHER_PAGE} 2`);
    expect(after.pages[2]).toContain(`${OTHER_PAGE} 3`);
    // the same input gives the same file (its hash is what the delivery records)
    const again = await releaseDocument({ bytes: original, mediaType: 'application/pdf', pages: [A4, A4, A4], regions: [INSIDE_REGION] });
    expect(again.sha256).toBe(r.sha256);
  });

  (USE_PDFTOTEXT ? it : it.skip)('removes the text under a region (pdftotext)', async () => {
    const original = await textPdf(2);
    expect(pdftotext(original, 1)).toContain(INSIDE);
    const r = await releaseDocument({ bytes: original, mediaType: 'application/pdf', pages: [A4, A4], regions: [INSIDE_REGION] });
    const page1 = pdftotext(r.bytes, 1);
    expect(page1).not.toContain('WITHHELD');
    expect(page1).not.toContain('SECRET');
    const page2 = pdftotext(r.bytes, 2);
    expect(page2).toContain(`${OTHER_PAGE} 2`);
    expect(pdftotext(r.bytes).match(/WITHHELD-SECRET-ALPHA(?!-P)/g)).toBeNull();
  });

  it('paints the region black on the page: nothing of what lay under it can be seen', async () => {
    const original = await textPdf(1);
    const r = await releaseDocument({ bytes: original, mediaType: 'application/pdf', pages: [A4], regions: [INSIDE_REGION] });
    const png = await renderPagePng({ bytes: r.bytes, mediaType: 'application/pdf', pages: [A4], regions: [] }, 1, 595);
    const { loadImage } = await import('@napi-rs/canvas');
    const img = await loadImage(png);
    const c = createCanvas(img.width, img.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const px = (x: number, y: number) => Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3));
    const inside = px(200, 107);
    expect(Math.max(...inside)).toBeLessThan(30);
    const blank = px(500, 800);
    expect(Math.min(...blank)).toBeGreaterThan(225);
    // every pixel of the region is black
    const region = ctx.getImageData(INSIDE_REGION.x, INSIDE_REGION.y, INSIDE_REGION.width, INSIDE_REGION.height).data;
    let max = 0;
    for (let i = 0; i < region.length; i += 4) max = Math.max(max, region[i], region[i + 1], region[i + 2]);
    expect(max).toBeLessThan(40);
  });

  it('strips metadata, attachments, scripts, form fields and links from the whole file', async () => {
    const original = await loadedPdf();
    const before = await pdfjsRead(original);
    expect(before.info.Title).toBe('INTERNAL-TITLE-DELTA');
    expect(before.attachments).not.toBeNull();
    expect(before.js).not.toBeNull();
    expect(before.fields).not.toBeNull();
    const r = await releaseDocument({ bytes: original, mediaType: 'application/pdf', pages: [{ width: 595, height: 842 }, { width: 595, height: 842 }], regions: [{ page: 1, x: 90, y: 95, width: 300, height: 30 }] });
    const after = await pdfjsRead(r.bytes);
    expect(after.pages).toHaveLength(2);
    expect(after.pages[0]).not.toContain('WITHHELD');
    expect(after.pages[1]).toContain(`${OTHER_PAGE} 2`);
    expect(after.info.Title).toBeUndefined();
    expect(after.info.Author).toBeUndefined();
    expect(after.info.Keywords).toBeUndefined();
    expect(after.info.Producer).toBeUndefined();
    expect(after.xmp).toBeNull();
    expect(after.attachments).toBeNull();
    expect(after.js).toBeNull();
    expect(after.fields).toBeNull();
    const doc = await PDFDocument.load(r.bytes);
    expect(doc.catalog.keys().map(String).sort()).toEqual(['/Pages', '/Type']);
    for (const p of doc.getPages()) {
      expect(p.node.get(PDFName.of('Annots'))).toBeUndefined();
      expect(p.node.get(PDFName.of('Metadata'))).toBeUndefined();
    }
    const raw = r.bytes.toString('latin1');
    for (const s of ['ATTACHED-PAYLOAD', 'JS-PAYLOAD', 'LINK-JS', 'FORM-VALUE', 'XMP-SECRET', 'INTERNAL-TITLE', 'Officer', 'JavaScript', 'EmbeddedFile', 'AcroForm']) {
      expect(raw).not.toContain(s);
    }
  });

  it('turns an image into a one-page PDF and blacks out its regions', async () => {
    const c = createCanvas(400, 300);
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 400, 300);
    ctx.fillStyle = '#f00';
    ctx.fillRect(0, 0, 400, 300);
    const png = c.toBuffer('image/png');
    const box = imagePageBox({ width: 400, height: 300 });
    const r = await releaseDocument({ bytes: png, mediaType: 'image/png', pages: [box], regions: [{ page: 1, x: 0, y: 0, width: box.width / 2, height: box.height }] });
    expect(r.pages).toBe(1);
    const shot = await renderPagePng({ bytes: r.bytes, mediaType: 'application/pdf', pages: [box], regions: [] }, 1, 400);
    const { loadImage } = await import('@napi-rs/canvas');
    const img = await loadImage(shot);
    const k = createCanvas(img.width, img.height).getContext('2d');
    k.drawImage(img, 0, 0);
    expect(Array.from(k.getImageData(100, 150, 1, 1).data.slice(0, 3)).every((v) => v < 30)).toBe(true);
    const right = Array.from(k.getImageData(300, 150, 1, 1).data.slice(0, 3));
    expect(right[0]).toBeGreaterThan(200);
    expect(right[1]).toBeLessThan(60);
  });

  it('keeps BESIDE visible but not as text on a redacted page (rasterised as a whole)', async () => {
    const r = await releaseDocument({ bytes: await textPdf(1), mediaType: 'application/pdf', pages: [A4], regions: [INSIDE_REGION] });
    expect((await pdfjsRead(r.bytes)).pages[0]).not.toContain(BESIDE);
  });
});

describe('loading (docs/performance.md, Memory)', () => {
  it('loads neither @napi-rs/canvas nor pdfjs-dist with the module: only when a page is read or drawn', async () => {
    const script = [
      "const r = require('./src/platform/pdf/redaction');",
      "const heavy = () => Object.keys(require.cache).filter((k) => /@napi-rs[\\\\/]canvas|pdfjs-dist/.test(k));",
      'const before = heavy();',
      "r.sniffMediaType(Buffer.from('%PDF-1.7'));",
      'const afterSniff = heavy();',
      "r.inspectPdf(process.argv[1]).then(() => process.stdout.write(JSON.stringify({ before, afterSniff, afterInspect: heavy().length > 0 })));",
    ].join('\n');
    // A fresh process: this one has loaded both already (the tests above, the fixtures).
    const file = tmpFile(await textPdf(1));
    const out = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script, file], { cwd: path.join(__dirname, '../../..'), encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ before: [], afterSniff: [], afterInspect: true });
  }, 60_000);
});
