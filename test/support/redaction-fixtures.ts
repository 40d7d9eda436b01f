/** Records with known text inside and outside the regions (pdfkit, pdf-lib), and independent extractors. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import PDFKit from 'pdfkit';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';

export const INSIDE = 'WITHHELD-SECRET-ALPHA';
export const BESIDE = 'SAME-PAGE-VISIBLE-BETA';
export const OTHER_PAGE = 'UNTOUCHED-PAGE-GAMMA';

/** A4, Helvetica 14 pt: INSIDE at (100, 100) top-left origin, BESIDE at (100, 400); page 2..n: OTHER_PAGE + page number. */
export async function textPdf(pages = 2): Promise<Buffer> {
  const doc = new PDFKit({ size: 'A4', info: { Title: 'INTERNAL-TITLE-DELTA', Author: 'Officer Zhang' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => doc.on('end', r));
  doc.font('Helvetica').fontSize(14).text(INSIDE, 100, 100, { lineBreak: false });
  doc.text(BESIDE, 100, 400, { lineBreak: false });
  for (let n = 2; n <= pages; n++) {
    doc.addPage();
    doc.font('Helvetica').fontSize(14).text(`${OTHER_PAGE} ${n}`, 100, 100, { lineBreak: false });
    doc.text(`${INSIDE}-P${n}`, 100, 600, { lineBreak: false });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** The region that covers INSIDE on page 1 (points, top-left origin). */
export const INSIDE_REGION = { page: 1, x: 90, y: 90, width: 260, height: 35 };

/** A PDF carrying what must not reach the applicant: Info, XMP, an attachment, JavaScript, a form field, a link. */
export async function loadedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle('INTERNAL-TITLE-DELTA');
  doc.setAuthor('Officer Zhang');
  doc.setKeywords(['secret-keyword']);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const p1 = doc.addPage([595, 842]);
  p1.drawText(INSIDE, { x: 100, y: 842 - 114, size: 14, font });
  p1.drawText(BESIDE, { x: 100, y: 842 - 414, size: 14, font });
  const p2 = doc.addPage([595, 842]);
  p2.drawText(`${OTHER_PAGE} 2`, { x: 100, y: 742, size: 14, font });
  await doc.attach(Buffer.from('ATTACHED-PAYLOAD-EPSILON'), 'internal-memo.txt', { mimeType: 'text/plain', description: 'memo' });
  doc.addJavaScript('hello', 'app.alert("JS-PAYLOAD-ZETA")');
  const form = doc.getForm();
  const field = form.createTextField('applicant.note');
  field.setText('FORM-VALUE-ETA');
  field.addToPage(p1, { x: 100, y: 200, width: 200, height: 20 });
  // XMP metadata stream on the catalog and on page 2
  const xmp = doc.context.stream('<x:xmpmeta>XMP-SECRET-THETA</x:xmpmeta>', { Type: 'Metadata', Subtype: 'XML' });
  const xmpRef = doc.context.register(xmp);
  doc.catalog.set(PDFName.of('Metadata'), xmpRef);
  p2.node.set(PDFName.of('Metadata'), xmpRef);
  // a link with a JavaScript action on page 2 (a page without a region: its text is kept, the link is not)
  const action = doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("LINK-JS-IOTA")') });
  const link = doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [100, 700, 300, 760], A: action });
  p2.node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(link)]));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

// pdfjs's Node build looks for DOMMatrix and Path2D when it loads, and warns without them. The code
// under test sets them from @napi-rs/canvas when it first draws (src/platform/pdf/redaction.ts loads
// both libraries lazily), which may come after this file loads: set them here the same way.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const canvasLib = require('@napi-rs/canvas') as typeof import('@napi-rs/canvas');
const g = globalThis as Record<string, unknown>;
g.DOMMatrix ??= canvasLib.DOMMatrix;
g.Path2D ??= canvasLib.Path2D;
g.ImageData ??= canvasLib.ImageData;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfjs = require('pdfjs-dist/legacy/build/pdf.js') as { getDocument(src: object): { promise: Promise<any> } };

/** Text of each page by pdfjs, and what else the file carries. */
export async function pdfjsRead(buf: Buffer) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(buf), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const tc = await page.getTextContent();
    pages.push(tc.items.map((i: { str: string }) => i.str).join(' '));
  }
  const meta = await doc.getMetadata();
  const out = {
    pages,
    info: meta.info as Record<string, unknown>,
    xmp: meta.metadata ? String(meta.metadata.getAll ? JSON.stringify(meta.metadata.getAll()) : meta.metadata) : null,
    attachments: await doc.getAttachments(),
    js: await doc.getJSActions(),
    fields: await doc.getFieldObjects(),
    outline: await doc.getOutline(),
  };
  await doc.destroy();
  return out;
}

export function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** pdftotext (poppler) of one page, or of the whole file. */
export function pdftotext(buf: Buffer, page?: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gid-pdftotext-'));
  const file = path.join(dir, 'in.pdf');
  fs.writeFileSync(file, buf);
  try {
    const args = page ? ['-f', String(page), '-l', String(page)] : [];
    return execFileSync('pdftotext', ['-layout', ...args, file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
