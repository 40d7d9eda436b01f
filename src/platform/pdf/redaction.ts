/**
 * True redaction (issue 18): the released copy of a record, in which nothing lies under a region.
 *
 * Route chosen (README 附件与遮盖): a page with a region is RASTERISED — pdfjs-dist draws it on an
 * @napi-rs/canvas bitmap (150 dpi), the regions are painted solid black on the bitmap, and only
 * the bitmap (JPEG) goes into the new file, so no text, image data or annotation of the original
 * page survives under a region (or anywhere on that page). A page without a region is copied with
 * pdf-lib, its text kept, after its annotations, actions, metadata and piece info are stripped
 * from it. Everything is rebuilt into a NEW document: no Info dictionary, XMP metadata, outline,
 * attachments, JavaScript, AcroForm or optional-content groups (hidden layers) of the original.
 * Pages that carry what cannot be stripped safely (form fields or other non-link annotations, or
 * a document with optional content) are rasterised too. Images (PNG, JPEG) are always redrawn, so
 * their EXIF/metadata never reach the copy.
 *
 * Both libraries install from the npm registry with prebuilt binaries (no system tools) and are
 * loaded on first use (an upload's inspection, a preview or a release), not with the service. Memory:
 * a release holds the original file and one page bitmap at a time (the pages are done in order).
 * Upload inspection (inspectPdf) reads the file by ranges from disk, never all of it at once.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFStream } from 'pdf-lib';
type CanvasLib = typeof import('@napi-rs/canvas');
let canvasLoaded: CanvasLib | undefined;
let pdfjsLoaded: PdfJs | undefined;

/**
 * @napi-rs/canvas, loaded on first use (~17 MB of RSS once loaded): an instance that never draws a
 * page — most of them — never loads it (docs/performance.md, Memory).
 */
function canvasLib(): CanvasLib {
  if (!canvasLoaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    canvasLoaded = require('@napi-rs/canvas') as CanvasLib;
    // pdfjs's Node build looks for these globals (node-canvas polyfills otherwise); @napi-rs/canvas has them.
    const g = globalThis as Record<string, unknown>;
    g.DOMMatrix ??= canvasLoaded.DOMMatrix;
    g.Path2D ??= canvasLoaded.Path2D;
    g.ImageData ??= canvasLoaded.ImageData;
  }
  return canvasLoaded;
}

/**
 * pdfjs-dist, loaded on first use (~8 MB), after the canvas: its Node build checks for DOMMatrix
 * and Path2D when it loads and warns (and later draws wrongly) without them.
 */
function pdfjs(): PdfJs {
  if (!pdfjsLoaded) {
    canvasLib();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    pdfjsLoaded = require('pdfjs-dist/legacy/build/pdf.js') as PdfJs;
  }
  return pdfjsLoaded;
}

interface PdfJs {
  getDocument(src: object): { promise: Promise<PdfJsDoc>; destroy(): Promise<void> };
  PDFDataRangeTransport: new (length: number, initialData: Uint8Array | null) => RangeTransport;
  AnnotationMode: { ENABLE: number };
}
interface RangeTransport {
  requestDataRange(begin: number, end: number): void;
  onDataRange(begin: number, chunk: Uint8Array): void;
}
interface PdfJsDoc {
  numPages: number;
  getPage(n: number): Promise<PdfJsPage>;
  getMetadata(): Promise<{ info: Record<string, unknown> }>;
  destroy(): Promise<void>;
}
interface Viewport {
  width: number;
  height: number;
}
interface PdfJsPage {
  view: number[];
  rotate: number;
  getViewport(o: { scale: number }): Viewport;
  render(o: object): { promise: Promise<void> };
  cleanup(): void;
}

export type DocumentMediaType = 'application/pdf' | 'image/png' | 'image/jpeg';

/** A page as displayed (after /Rotate, within its crop box), in PDF points. */
export interface PageBox {
  width: number;
  height: number;
}

/** A region on a page: top-left origin of the displayed page, y downwards, PDF points. */
export interface RedactionRegion {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export class UnreadableDocumentError extends Error {}

const PDFJS_DIR = path.dirname(require.resolve('pdfjs-dist/package.json'));
const PDFJS_OPTIONS = {
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  verbosity: 0,
  standardFontDataUrl: path.join(PDFJS_DIR, 'standard_fonts') + path.sep,
  cMapUrl: path.join(PDFJS_DIR, 'cmaps') + path.sep,
  cMapPacked: true,
};

/** Rasterising resolution of a redacted page. */
export const RELEASE_DPI = 150;
const JPEG_QUALITY = 90;

/** The type by content (magic bytes), never by name: PDF, PNG or JPEG; anything else is null. */
export function sniffMediaType(head: Buffer): DocumentMediaType | null {
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 5 && head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

class Canvases {
  create(width: number, height: number) {
    const canvas = canvasLib().createCanvas(Math.max(1, width), Math.max(1, height));
    return { canvas, context: canvas.getContext('2d') };
  }
  reset(cc: { canvas: { width: number; height: number } }, width: number, height: number) {
    cc.canvas.width = width;
    cc.canvas.height = height;
  }
  destroy(cc: { canvas: { width: number; height: number } | null; context: unknown }) {
    if (cc.canvas) {
      cc.canvas.width = 0;
      cc.canvas.height = 0;
    }
    cc.canvas = null;
    cc.context = null;
  }
}

/** pdfjs over a file on disk, read by ranges (64 KiB) as pdfjs asks for them. */
function fileTransport(file: string, length: number): RangeTransport {
  const fd = fs.openSync(file, 'r');
  let open = true;
  const t = new (pdfjs().PDFDataRangeTransport)(length, null);
  // Answered on a later turn: pdfjs registers the range's reader after asking for it.
  t.requestDataRange = (begin: number, end: number) => {
    setImmediate(() => {
      if (!open) return;
      const buf = Buffer.alloc(end - begin);
      fs.readSync(fd, buf, 0, buf.length, begin);
      t.onDataRange(begin, new Uint8Array(buf.buffer, buf.byteOffset, buf.length));
    });
  };
  (t as unknown as { close: () => void }).close = () => {
    open = false;
    fs.closeSync(fd);
  };
  return t;
}

async function boxesOf(doc: PdfJsDoc): Promise<PageBox[]> {
  const boxes: PageBox[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const vp = page.getViewport({ scale: 1 });
    boxes.push({ width: round2(vp.width), height: round2(vp.height) });
    page.cleanup();
  }
  return boxes;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * A PDF on disk: its pages (displayed sizes), read by ranges so that a large file is never held in
 * memory whole. Encrypted or unreadable files are refused (a copy could not be rebuilt from them).
 */
export async function inspectPdf(file: string): Promise<PageBox[]> {
  const length = fs.statSync(file).size;
  const transport = fileTransport(file, length);
  const task = pdfjs().getDocument({ ...PDFJS_OPTIONS, range: transport, length, rangeChunkSize: 65536, disableAutoFetch: true, disableStream: true });
  try {
    const doc = await task.promise;
    const { info } = await doc.getMetadata();
    if (info?.EncryptFilterName) throw new UnreadableDocumentError('PDF文件已加密，请上传未加密的文件');
    const boxes = await boxesOf(doc);
    if (!boxes.length) throw new UnreadableDocumentError('PDF文件没有页面');
    return boxes;
  } catch (e) {
    if (e instanceof UnreadableDocumentError) throw e;
    throw new UnreadableDocumentError(`无法读取该PDF文件（${(e as Error).name === 'PasswordException' ? '文件已加密' : '文件已损坏或格式不正确'}）`);
  } finally {
    await task.destroy().catch(() => undefined);
    (transport as unknown as { close: () => void }).close();
  }
}

/** Pixel size of a PNG or JPEG from its header (no decoding). */
export function imageSize(head: Buffer, type: DocumentMediaType): { width: number; height: number } | null {
  if (type === 'image/png') return head.length >= 24 ? { width: head.readUInt32BE(16), height: head.readUInt32BE(20) } : null;
  if (type !== 'image/jpeg') return null;
  let i = 2;
  while (i + 9 < head.length) {
    if (head[i] !== 0xff) return null;
    const marker = head[i + 1];
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const len = head.readUInt16BE(i + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: head.readUInt16BE(i + 5), width: head.readUInt16BE(i + 7) };
    }
    i += 2 + len;
  }
  return null;
}

/** The page an image becomes: fitted into A4 (portrait or landscape, as the image is), aspect kept. */
export function imagePageBox(px: { width: number; height: number }): PageBox {
  const [bw, bh] = px.width > px.height ? [842, 595] : [595, 842];
  const s = Math.min(bw / px.width, bh / px.height);
  return { width: round2(px.width * s), height: round2(px.height * s) };
}

/** Paints the regions of one page solid black on its bitmap (scale: pixels per point), rounded outwards. */
function paintRegions(ctx: CanvasRenderingContext2DLike, regions: RedactionRegion[], scale: number) {
  ctx.fillStyle = '#000000';
  for (const r of regions) {
    const x0 = Math.floor(r.x * scale) - 1;
    const y0 = Math.floor(r.y * scale) - 1;
    const x1 = Math.ceil((r.x + r.width) * scale) + 1;
    const y1 = Math.ceil((r.y + r.height) * scale) + 1;
    ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
  }
}
interface CanvasRenderingContext2DLike {
  fillStyle: string | unknown;
  fillRect(x: number, y: number, w: number, h: number): void;
  drawImage(...a: unknown[]): void;
}

/** Keys that carry behaviour or hidden data, removed from every dictionary copied into a released file. */
const STRIP_KEYS = ['Metadata', 'PieceInfo', 'AA', 'Annots', 'LastModified', 'OC', 'OPI', 'JS'];
/** And from a page: its thumbnail, article beads and structure-tree link. */
const PAGE_STRIP_KEYS = [...STRIP_KEYS, 'Thumb', 'B', 'StructParents', 'Tabs'];

function stripDict(d: PDFDict, keys: readonly string[] = STRIP_KEYS) {
  for (const k of keys) d.delete(PDFName.of(k));
}

/** A page of the source that must be rasterised even without a region: form fields or other non-link annotations. */
function hasRiskyAnnotations(src: PDFDocument, pageIndex: number): boolean {
  const annots = src.getPage(pageIndex).node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (!annots) return false;
  for (let i = 0; i < annots.size(); i++) {
    const a = annots.lookup(i);
    if (!(a instanceof PDFDict)) continue;
    if (a.lookup(PDFName.of('Subtype'))?.toString() !== '/Link') return true;
  }
  return false;
}

export interface ReleaseInput {
  bytes: Buffer;
  mediaType: DocumentMediaType;
  /** Page sizes as recorded at upload (images: the fitted page). */
  pages: PageBox[];
  regions: RedactionRegion[];
}

export interface ReleaseResult {
  bytes: Buffer;
  sha256: string;
  pages: number;
  rasterised: number[];
}

async function encodePage(render: (ctx: CanvasRenderingContext2DLike, scale: number) => Promise<void>, box: PageBox, regions: RedactionRegion[]) {
  const scale = RELEASE_DPI / 72;
  const w = Math.ceil(box.width * scale);
  const h = Math.ceil(box.height * scale);
  const canvas = canvasLib().createCanvas(w, h);
  const ctx = canvas.getContext('2d') as unknown as CanvasRenderingContext2DLike;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  await render(ctx, scale);
  paintRegions(ctx, regions, scale);
  const jpeg = await canvas.encode('jpeg', JPEG_QUALITY);
  canvas.width = 0;
  canvas.height = 0;
  return jpeg;
}

/**
 * The released copy: same page count and order as the original; regions blacked out on rasterised
 * pages; a fresh document with no metadata. Deterministic for the same input (no dates, no ids).
 */
export async function releaseDocument(input: ReleaseInput): Promise<ReleaseResult> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const byPage = new Map<number, RedactionRegion[]>();
  for (const r of input.regions) byPage.set(r.page, [...(byPage.get(r.page) ?? []), r]);
  const rasterised: number[] = [];

  if (input.mediaType !== 'application/pdf') {
    const img = await canvasLib().loadImage(input.bytes);
    const box = input.pages[0];
    const jpeg = await encodePage(async (ctx, scale) => ctx.drawImage(img, 0, 0, Math.ceil(box.width * scale), Math.ceil(box.height * scale)), box, byPage.get(1) ?? []);
    const page = out.addPage([box.width, box.height]);
    page.drawImage(await out.embedJpg(jpeg), { x: 0, y: 0, width: box.width, height: box.height });
    rasterised.push(1);
  } else {
    // pdf-lib's copy of the source: stripped page by page before copying, never saved back.
    let src: PDFDocument | null = null;
    try {
      src = await PDFDocument.load(input.bytes, { ignoreEncryption: false, updateMetadata: false, throwOnInvalidObject: false });
    } catch {
      src = null; // unreadable for pdf-lib: every page is rasterised
    }
    const optionalContent = !!src?.catalog.get(PDFName.of('OCProperties'));
    const task = pdfjs().getDocument({ ...PDFJS_OPTIONS, data: new Uint8Array(input.bytes), canvasFactory: new Canvases() });
    try {
      const doc = await task.promise;
      if (src && src.getPageCount() !== doc.numPages) src = null;
      for (let n = 1; n <= doc.numPages; n++) {
        const regions = byPage.get(n) ?? [];
        const raster = !src || optionalContent || regions.length > 0 || hasRiskyAnnotations(src, n - 1);
        if (!raster && src) {
          const node = src.getPage(n - 1).node;
          stripDict(node, PAGE_STRIP_KEYS);
          const [copied] = await out.copyPages(src, [n - 1]);
          out.addPage(copied);
          continue;
        }
        const page = await doc.getPage(n);
        const vp1 = page.getViewport({ scale: 1 });
        const box = { width: vp1.width, height: vp1.height };
        const jpeg = await encodePage(
          async (ctx, scale) => {
            await page.render({
              canvasContext: ctx,
              viewport: page.getViewport({ scale }),
              canvasFactory: new Canvases(),
              annotationMode: pdfjs().AnnotationMode.ENABLE,
            }).promise;
          },
          box,
          regions,
        );
        page.cleanup();
        const p = out.addPage([box.width, box.height]);
        p.drawImage(await out.embedJpg(jpeg), { x: 0, y: 0, width: box.width, height: box.height });
        rasterised.push(n);
      }
    } finally {
      await task.destroy().catch(() => undefined);
    }
  }
  scrub(out);
  const bytes = Buffer.from(await out.save({ useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false }));
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), pages: out.getPageCount(), rasterised };
}

/**
 * Every object of the new file: no metadata streams, piece info, actions, optional-content
 * markers or annotations survive in what the copied pages brought along (fonts, images, forms).
 */
function scrub(doc: PDFDocument) {
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFDict) stripDict(obj);
    else if (obj instanceof PDFStream || obj instanceof PDFRawStream) stripDict(obj.dict);
  }
  // Unreferenced leftovers (an XMP stream whose key was just removed) are dropped from the file.
  const reachable = new Set<string>();
  const visit = (o: unknown) => {
    if (o instanceof PDFRef) {
      const key = o.toString();
      if (reachable.has(key)) return;
      reachable.add(key);
      visit(doc.context.lookup(o));
    } else if (o instanceof PDFDict) {
      for (const [, v] of o.entries()) visit(v);
    } else if (o instanceof PDFArray) {
      for (let i = 0; i < o.size(); i++) visit(o.get(i));
    } else if (o instanceof PDFStream || o instanceof PDFRawStream) {
      visit(o.dict);
    }
  };
  visit(doc.context.trailerInfo.Root);
  for (const [ref] of doc.context.enumerateIndirectObjects()) {
    if (!reachable.has(ref.toString())) doc.context.delete(ref);
  }
}

/** One page of a document drawn as PNG (thumbnails and previews on the page; regions painted when given). */
export async function renderPagePng(input: ReleaseInput, pageNo: number, widthPx: number, regions: RedactionRegion[] = []): Promise<Buffer> {
  const box = input.pages[pageNo - 1];
  const scale = widthPx / box.width;
  const w = Math.max(1, Math.round(box.width * scale));
  const h = Math.max(1, Math.round(box.height * scale));
  const canvas = canvasLib().createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  if (input.mediaType === 'application/pdf') {
    const task = pdfjs().getDocument({ ...PDFJS_OPTIONS, data: new Uint8Array(input.bytes), canvasFactory: new Canvases() });
    try {
      const doc = await task.promise;
      const page = await doc.getPage(pageNo);
      const vp1 = page.getViewport({ scale: 1 });
      await page.render({ canvasContext: ctx, viewport: page.getViewport({ scale: w / vp1.width }), canvasFactory: new Canvases(), annotationMode: pdfjs().AnnotationMode.ENABLE }).promise;
    } finally {
      await task.destroy().catch(() => undefined);
    }
  } else {
    const img = await canvasLib().loadImage(input.bytes);
    ctx.drawImage(img, 0, 0, w, h);
  }
  paintRegions(ctx as unknown as CanvasRenderingContext2DLike, regions, scale);
  return canvas.encode('png');
}
