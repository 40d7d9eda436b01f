/** Parse rendered letters back with pdfjs-dist (legacy CommonJS build). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfjs = require('pdfjs-dist/legacy/build/pdf.js') as {
  getDocument(src: object): { promise: Promise<PdfDoc> };
};

interface PdfDoc {
  numPages: number;
  getPage(n: number): Promise<{
    view: number[];
    getTextContent(): Promise<{ items: { str: string; transform: number[]; width: number }[] }>;
  }>;
  getMetadata(): Promise<{ info: Record<string, unknown> }>;
  destroy(): Promise<void>;
}

export interface TextItem {
  str: string;
  x: number;
  y: number;
  /** Advance width of the run in PDF points. */
  width: number;
  size: number;
}

export interface ParsedPdf {
  pages: { width: number; height: number; items: TextItem[]; text: string }[];
  text: string;
  info: Record<string, unknown>;
}

export async function parsePdf(buf: Buffer): Promise<ParsedPdf> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(buf), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: ParsedPdf['pages'] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const tc = await page.getTextContent();
    const items = tc.items
      .filter((i) => typeof i.str === 'string' && i.str.length > 0)
      .map((i) => ({ str: i.str, x: i.transform[4], y: i.transform[5], width: i.width, size: Math.hypot(i.transform[0], i.transform[1]) }));
    pages.push({ width: page.view[2] - page.view[0], height: page.view[3] - page.view[1], items, text: items.map((i) => i.str).join('') });
  }
  const { info } = await doc.getMetadata();
  await doc.destroy();
  return { pages, text: pages.map((p) => p.text).join(''), info };
}

/** BaseFont names of the font dictionaries (pdfkit writes them uncompressed). */
export function baseFonts(buf: Buffer): string[] {
  return [...buf.toString('latin1').matchAll(/\/BaseFont\s*\/([A-Za-z0-9+_-]+)/g)].map((m) => m[1]);
}
