/**
 * pdfkit renderer for LetterDocument (GB/T 9704-2012 layout, sources.md §6).
 *
 * - A4; 天头 37 mm, 订口 28 mm; 版心 156 × 225 mm (§5.2.1)
 * - body 3号 (16 pt) on a fixed grid: 22 lines × 28 characters (§5.2.3)
 * - title 2号 (22 pt) centred, heavier face (§7.3.1); 文号 centred below (§7.2.5)
 * - sealed letters (replies, notices, consultation letters): 成文日期右空四字, 署名 centred over the
 *   date, two blank lines above them so that the seal (Ø ≈ 42 mm) pressing on 署名 and date has its
 *   top within one line of the text (§7.3.5.1); the seal itself is stamped on paper, or added by
 *   the electronic seal
 * - unsealed forms: 署名右空二字, date below, first char 2 chars right of 署名 (§7.3.5.2)
 * - page numbers 4号 "— N —", 7 mm below the type area; odd pages right, even pages left,
 *   each with one character space (§7.5)
 *
 * Fonts are opened once per process via fontkit (fonts.ts, shared with the case file's cover) and
 * reused by every document (subset-embedded).
 * Output is deterministic: CreationDate/ModDate come from issuedOn and the file ID from the info.
 */
import { readFileSync } from 'node:fs';
import { create as openFont } from 'fontkit';
import PDFDocument from 'pdfkit';
import { sharedFont } from './fonts';
import type { LetterBlock, LetterDocument } from '../../domain/letters/template-engine';

const MM = 72 / 25.4;
export const LAYOUT = Object.freeze({
  pageWidth: 595.28,
  pageHeight: 841.89,
  top: 37 * MM,
  left: 28 * MM,
  width: 156 * MM,
  height: 225 * MM,
  lines: 22,
  chars: 28,
  bodySize: 16,
  titleSize: 22,
  pageNumberSize: 14,
  /** 225 mm / 22 ≈ 28.99 pt. */
  pitch: (225 * MM) / 22,
  /** 156 mm / 28 ≈ 15.79 pt. */
  charWidth: (156 * MM) / 28,
});

export interface LetterFontPaths {
  /** 仿宋 stand-in; env LETTER_BODY_FONT. */
  body: string;
  /** 小标宋 stand-in; env LETTER_TITLE_FONT. */
  title: string;
  /** 黑体 stand-in; env LETTER_HEADING_FONT. */
  heading: string;
}

export function defaultFontPaths(env: NodeJS.ProcessEnv = process.env): LetterFontPaths {
  const serif = (w: string) => require.resolve(`@expo-google-fonts/noto-serif-sc/${w}/NotoSerifSC_${w}.ttf`);
  return {
    body: env.LETTER_BODY_FONT || serif('400Regular'),
    title: env.LETTER_TITLE_FONT || serif('700Bold'),
    heading: env.LETTER_HEADING_FONT || require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
  };
}

/**
 * The agency's electronic seal (电子印章), printed over 署名 and 成文日期 of a sealed letter
 * (§7.3.5.1): the PNG the agency's admin uploaded (with transparency), or for a demo agency one
 * drawn here (red circle, star, the agency's name, 测试用章).
 */
export type SealImage = { kind: 'png'; png: Buffer } | { kind: 'demo'; agencyName: string };

export interface RenderOptions {
  /** Adds a diagonal "草稿" watermark on every page. */
  draft?: boolean;
  /** Seal over the signature of a sealed letter (ignored for unsealed forms and drafts). */
  seal?: SealImage;
  /** Told where the seal went (pdfkit points, y down from the page top; page from 1). */
  onSeal?: (at: { page: number; cx: number; cy: number; r: number }) => void;
}

/** Seal diameter: 42 mm, the usual size of an agency's 公章. */
export const SEAL_DIAMETER = 42 * (72 / 25.4);
const SEAL_RED = '#d8151b';

type FontObj = object;
interface FontkitLike {
  unitsPerEm: number;
  glyphForCodePoint(cp: number): { advanceWidth: number; path: { toSVG(): string } };
}

/** Advance widths per code point, cached per font for the renderer's lifetime (1 em = size). */
class Metrics {
  private readonly cache = new Map<number, number>();
  constructor(private readonly font: FontkitLike) {}
  em(ch: string): number {
    const cp = ch.codePointAt(0)!;
    let w = this.cache.get(cp);
    if (w === undefined) {
      w = this.font.glyphForCodePoint(cp).advanceWidth / this.font.unitsPerEm;
      this.cache.set(cp, w);
    }
    return w;
  }
  width(text: string, size: number, spacing = 0): number {
    let w = 0;
    for (const ch of text) w += this.em(ch) * size + spacing;
    return w;
  }
  private readonly outlines = new Map<number, string>();
  /** A glyph's outline as SVG path data in font units (y up), for drawing it as a shape. */
  outline(ch: string): { svg: string; unitsPerEm: number } {
    const cp = ch.codePointAt(0)!;
    let svg = this.outlines.get(cp);
    if (svg === undefined) {
      svg = this.font.glyphForCodePoint(cp).path.toSVG();
      this.outlines.set(cp, svg);
    }
    return { svg, unitsPerEm: this.font.unitsPerEm };
  }
}

/** Closing punctuation that must not start a line (避头点); it hangs at the end of the line. */
const NO_LINE_START = new Set('，。、；：？！）》」』”’〉】…—·%'.split(''));

export class LetterPdfRenderer {
  private readonly fonts: { body: FontObj; title: FontObj; heading: FontObj };
  private metrics: Record<string, Metrics>;
  /** The demo seal's drawing operators per agency name (drawn at the origin once, then placed). */
  private readonly sealOps = new Map<string, string>();

  /**
   * The fonts opened once per process and shared (fonts.ts); `reuseFonts: false` re-opens them per
   * document (benchmark only).
   */
  constructor(
    private readonly paths: LetterFontPaths = defaultFontPaths(),
    private readonly reuseFonts = true,
  ) {
    this.fonts = reuseFonts ? this.open(sharedFont) : (undefined as never);
    this.metrics = reuseFonts ? Layout.metricsFor(this.fonts) : {};
  }

  private open(load: (p: string) => FontObj = (p) => openFont(readFileSync(p))): { body: FontObj; title: FontObj; heading: FontObj } {
    const body = load(this.paths.body);
    const title = this.paths.title === this.paths.body ? body : load(this.paths.title);
    const heading = this.paths.heading === this.paths.body ? body : load(this.paths.heading);
    return { body, title, heading };
  }

  /** Render one letter to PDF bytes (in-process; ≈10 ms per one-page letter with reused fonts). */
  render(letter: LetterDocument, opts: RenderOptions = {}): Promise<Buffer> {
    const fonts = this.reuseFonts ? this.fonts : this.open();
    const metrics = this.reuseFonts ? this.metrics : Layout.metricsFor(fonts);
    const date = new Date(`${letter.issuedOn}T00:00:00+08:00`);
    if (Number.isNaN(date.getTime())) throw new Error(`invalid issuedOn ${letter.issuedOn}`);
    const doc = new PDFDocument({
      size: [LAYOUT.pageWidth, LAYOUT.pageHeight],
      margins: { top: 0, left: 0, right: 0, bottom: 0 },
      autoFirstPage: false,
      bufferPages: true,
      compress: true,
      font: null as unknown as string,
      info: {
        Title: letter.title,
        Author: letter.author,
        ...(letter.docNumber ? { Subject: letter.docNumber } : {}),
        Creator: 'gov-info-disclosure',
        Producer: 'gov-info-disclosure letters',
        CreationDate: date,
        ModDate: date,
      },
    });
    doc.registerFont('body', fonts.body as never);
    doc.registerFont('title', fonts.title as never);
    doc.registerFont('heading', fonts.heading as never);
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    const seal = letter.sealed && !opts.draft ? opts.seal : undefined;
    if (this.sealOps.size > 200) this.sealOps.clear();
    new Layout(doc, !!opts.draft, metrics, seal, opts.onSeal, this.sealOps).run(letter.blocks, letter.sealed, letter.author);
    doc.end();
    return done;
  }
}

class Layout {
  private line = 0;
  private page = 0;
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly draft: boolean,
    private readonly m: Record<string, Metrics>,
    private readonly seal?: SealImage,
    private readonly onSeal?: RenderOptions['onSeal'],
    private readonly sealOps: Map<string, string> = new Map(),
  ) {}

  static metricsFor(f: Record<'body' | 'title' | 'heading', FontObj>): Record<string, Metrics> {
    return { body: new Metrics(f.body as FontkitLike), title: new Metrics(f.title as FontkitLike), heading: new Metrics(f.heading as FontkitLike) };
  }

  run(blocks: LetterBlock[], sealed: boolean, agencyName: string): void {
    this.newPage();
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i];
      switch (b.kind) {
        case 'title':
          this.title(b.text, agencyName);
          break;
        case 'docNumber':
          this.centred(b.text, 'body', LAYOUT.bodySize);
          break;
        case 'salutation':
          // one blank line between the 文号 (or title) and the salutation
          if (blocks[i - 1]?.kind === 'title' || blocks[i - 1]?.kind === 'docNumber') this.line++;
          this.flow(b.text, 0, 'body');
          break;
        case 'heading':
          this.flow(b.text, 2, 'heading');
          break;
        case 'paragraph':
        case 'item':
        case 'remedy':
          this.flow(b.text, 2, 'body');
          break;
        case 'table':
          this.table(b.rows);
          break;
        case 'signature': {
          const date = blocks[i + 1]?.kind === 'date' ? (blocks[++i] as { text: string }).text : null;
          this.signature(b.text, date, sealed);
          break;
        }
        case 'date':
          this.signature(null, b.text, sealed);
          break;
      }
    }
    this.finish();
  }

  private y(line: number): number {
    // text box top so that the 16 pt glyphs sit centred in the grid line
    return LAYOUT.top + line * LAYOUT.pitch + (LAYOUT.pitch - LAYOUT.bodySize) / 2;
  }

  private newPage(): void {
    this.doc.addPage({ size: [LAYOUT.pageWidth, LAYOUT.pageHeight], margins: { top: 0, left: 0, right: 0, bottom: 0 } });
    this.page++;
    this.line = 0;
  }

  private ensure(lines: number): void {
    if (this.line + lines > LAYOUT.lines) this.newPage();
  }

  private width(text: string, font: string, size: number, spacing: number): number {
    this.doc.font(font).fontSize(size);
    return this.m[font].width(text, size, spacing);
  }

  /** Break into lines that fit `avail` points; closing punctuation hangs instead of starting a line. */
  private breakLines(text: string, font: string, size: number, spacing: number, firstAvail: number, avail: number): string[] {
    this.doc.font(font).fontSize(size);
    const mt = this.m[font];
    const out: string[] = [];
    let cur = '';
    let w = 0;
    const chars = Array.from(text);
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (ch === '\n') {
        // a line break inside a typed value: the paragraph goes on at the left margin (回行顶格)
        out.push(cur);
        cur = '';
        w = 0;
        continue;
      }
      const cw = mt.em(ch) * size + spacing;
      const limit = out.length === 0 ? firstAvail : avail;
      if (w + cw > limit + 0.01 && cur && !NO_LINE_START.has(ch)) {
        // keep runs of ASCII letters/digits together when possible
        const m = /[A-Za-z0-9.\-:/_@]+$/.exec(cur);
        if (m && /[A-Za-z0-9\-./]/.test(ch) && m[0].length < cur.length && m[0].length < 16) {
          out.push(cur.slice(0, -m[0].length));
          cur = m[0];
          w = mt.width(cur, size, spacing);
        } else {
          out.push(cur);
          cur = '';
          w = 0;
        }
      }
      cur += ch;
      w += cw;
    }
    if (cur) out.push(cur);
    return out;
  }

  private flow(text: string, indentChars: number, font: string): void {
    const spacing = LAYOUT.charWidth - LAYOUT.bodySize;
    const indent = indentChars * LAYOUT.charWidth;
    const lines = this.breakLines(text, font, LAYOUT.bodySize, spacing, LAYOUT.width - indent, LAYOUT.width);
    lines.forEach((l, i) => {
      this.ensure(1);
      this.doc
        .font(font)
        .fontSize(LAYOUT.bodySize)
        .text(l, LAYOUT.left + (i === 0 ? indent : 0), this.y(this.line), { lineBreak: false, characterSpacing: spacing });
      this.line++;
    });
  }

  /**
   * 标题回行 keeps words whole (GB/T 9704 §7.3.1: 回行时要做到词意完整): a title too long for one line
   * that starts with the agency's name breaks after the name (发文机关 / 事由 and 文种); otherwise
   * it is split into lines of (nearly) equal length rather than one full line plus a stub.
   */
  private title(text: string, agencyName: string): void {
    const full = this.breakLines(text, 'title', LAYOUT.titleSize, 0, LAYOUT.width, LAYOUT.width);
    const fits = (t: string) => this.width(t, 'title', LAYOUT.titleSize, 0) <= LAYOUT.width;
    const rest = agencyName && text.startsWith(agencyName) ? text.slice(agencyName.length) : '';
    let lines: string[];
    if (full.length === 1) lines = full;
    else if (rest && fits(agencyName) && fits(rest)) lines = [agencyName, rest];
    else {
      const chars = Array.from(text);
      const per = Math.ceil(chars.length / full.length);
      lines = Array.from({ length: full.length }, (_, k) => chars.slice(k * per, (k + 1) * per).join('')).filter(Boolean);
    }
    for (const l of lines) {
      this.ensure(1);
      const w = this.width(l, 'title', LAYOUT.titleSize, 0);
      const y = LAYOUT.top + this.line * LAYOUT.pitch + (LAYOUT.pitch - LAYOUT.titleSize) / 2;
      this.doc.text(l, LAYOUT.left + (LAYOUT.width - w) / 2, y, { lineBreak: false });
      this.line++;
    }
  }

  private centred(text: string, font: string, size: number): void {
    this.ensure(1);
    const w = this.width(text, font, size, 0);
    this.doc.text(text, LAYOUT.left + (LAYOUT.width - w) / 2, this.y(this.line), { lineBreak: false });
    this.line++;
  }

  private table(rows: string[][]): void {
    if (!rows.length) return;
    const size = 14; // 4号 for table cells
    const cols = Math.max(...rows.map((r) => r.length));
    this.doc.font('body').fontSize(size);
    const need = Array.from({ length: cols }, (_, c) => Math.max(...rows.map((r) => this.m.body.width(r[c] ?? '', size))) + size);
    const total = need.reduce((a, b) => a + b, 0);
    const widths = need.map((n) => (n / total) * LAYOUT.width);
    this.ensure(Math.min(rows.length, LAYOUT.lines));
    for (const row of rows) {
      this.ensure(1);
      const top = LAYOUT.top + this.line * LAYOUT.pitch;
      let x = LAYOUT.left;
      for (let c = 0; c < cols; c++) {
        const text = row[c] ?? '';
        let fs = size;
        this.doc.font('body').fontSize(fs);
        while (fs > 9 && this.m.body.width(text, fs) > widths[c] - 6) this.doc.fontSize(--fs);
        this.doc.rect(x, top, widths[c], LAYOUT.pitch).lineWidth(0.6).stroke();
        if (text) this.doc.text(text, x + 4, top + (LAYOUT.pitch - fs) / 2, { lineBreak: false });
        x += widths[c];
      }
      this.line++;
    }
  }

  /**
   * 署名 and 成文日期. Sealed (§7.3.5.1): 成文日期一般右空四字; 以成文日期为准居中编排发文机关署名;
   * 印章顶端应当上距正文一行之内 — two blank lines leave the seal its room above 署名 and date.
   * Unsealed (§7.3.5.2): 署名 one line below the text, 右空二字; date on the next line.
   */
  private signature(name: string | null, date: string | null, sealed: boolean): void {
    const two = 2 * LAYOUT.charWidth;
    const right = LAYOUT.left + LAYOUT.width;
    const spacing = LAYOUT.charWidth - LAYOUT.bodySize;
    const sw = name ? this.width(name, 'body', LAYOUT.bodySize, spacing) : 0;
    const dw = date ? this.width(date, 'body', LAYOUT.bodySize, spacing) : 0;
    let sx: number;
    let dx: number;
    if (sealed) {
      dx = right - 2 * two - dw;
      // centred on the date; a 署名 longer than the space keeps 右空二字 at least
      sx = date ? dx + (dw - sw) / 2 : right - 2 * two - sw;
      if (sx + sw > right - two) sx = right - two - sw;
    } else if (dw + two > sw) {
      // 成文日期长于署名: 日期右空二字, 署名首字在日期首字左二字 (§7.3.5.2)
      dx = right - two - dw;
      sx = name ? Math.min(dx - two, right - two - sw) : dx;
      if (sw && sx + sw > right - two) sx = right - two - sw;
    } else {
      sx = right - two - sw;
      dx = sx + two;
    }
    const need = (name ? 1 : 0) + (date ? 1 : 0);
    // The blank lines below the text (sealed: two, for the seal; unsealed: one) shrink when they
    // alone would push the block to a new page (§7.3.5 allows adjusting spacing so that 署名 and
    // date stay with the text).
    const gap = sealed ? 2 : 1;
    if (this.line + gap + need <= LAYOUT.lines) this.line += gap;
    else if (this.line + need <= LAYOUT.lines) this.line = LAYOUT.lines - need;
    else this.ensure(need);
    const firstLineTop = this.y(this.line);
    if (name) {
      this.doc.font('body').fontSize(LAYOUT.bodySize).text(name, sx, this.y(this.line), { lineBreak: false, characterSpacing: spacing });
      this.line++;
    }
    if (date) {
      this.doc.font('body').fontSize(LAYOUT.bodySize).text(date, dx, this.y(this.line), { lineBreak: false, characterSpacing: spacing });
      this.line++;
    }
    if (sealed && this.seal) {
      // 端正、居中下压发文机关署名和成文日期，使其居印章中心偏下位置 (§7.3.5.1): centred on the date
      // (the 署名 is centred on it too), its centre a little above the middle of the two lines.
      const cx = date ? dx + dw / 2 : sx + sw / 2;
      const cy = firstLineTop + (need > 1 ? LAYOUT.pitch / 2 : 0) - 4;
      this.stamp(this.seal, cx, cy);
    }
  }

  /** Draws `text`'s glyphs as filled shapes: part of the seal's picture, not of the letter's text. */
  private shapes(text: string, x: number, y: number, size: number): void {
    let at = x;
    for (const ch of text) {
      const { svg, unitsPerEm } = this.m.body.outline(ch);
      const k = size / unitsPerEm;
      this.doc.save();
      // font units have y up; the glyph box is centred on y (CJK glyphs sit about 0.38 em above the baseline)
      this.doc.transform(k, 0, 0, -k, at, y + 0.38 * size);
      if (svg) this.doc.path(svg).fill();
      this.doc.restore();
      at += this.m.body.em(ch) * size;
    }
  }

  private stamp(seal: SealImage, cx: number, cy: number): void {
    const r = SEAL_DIAMETER / 2;
    const doc = this.doc;
    this.onSeal?.({ page: this.page, cx, cy, r });
    if (seal.kind === 'png') {
      doc.image(seal.png, cx - r, cy - r, { fit: [2 * r, 2 * r], align: 'center', valign: 'center' });
      return;
    }
    // Colour and opacity are set here (the opacity is a resource of this document); the shapes are
    // drawn once per agency at the origin, their operators kept and placed with a translation.
    let ops = this.sealOps.get(seal.agencyName);
    if (ops === undefined) {
      ops = this.capture(() => this.demoSeal(seal.agencyName, r));
      this.sealOps.set(seal.agencyName, ops);
    }
    doc.save();
    doc.strokeColor(SEAL_RED).fillColor(SEAL_RED).strokeOpacity(0.85).fillOpacity(0.85);
    doc.translate(cx, cy);
    (doc as unknown as { addContent(s: string): unknown }).addContent(ops);
    doc.restore();
    doc.fillColor('#000000').fillOpacity(1).strokeOpacity(1);
  }

  /** The PDF operators `draw` writes, kept instead of written (it must leave the graphics state as it found it). */
  private capture(draw: () => void): string {
    const doc = this.doc as unknown as { addContent(s: string): unknown };
    const original = doc.addContent;
    const out: string[] = [];
    doc.addContent = (s: string) => {
      out.push(s);
      return this.doc;
    };
    try {
      draw();
    } finally {
      doc.addContent = original;
    }
    return out.join('\n');
  }

  /** The demo seal centred on the origin: ring, star, the agency's name on the arc, 测试用章. */
  private demoSeal(agencyName: string, r: number): void {
    const doc = this.doc;
    const cx = 0;
    const cy = 0;
    doc.save();
    doc.lineWidth(3).circle(cx, cy, r - 1.5).stroke();
    // five-pointed star in the centre
    const outer = r * 0.3;
    const inner = outer * 0.382;
    const pts: Array<[number, number]> = [];
    for (let k = 0; k < 10; k++) {
      const a = (Math.PI / 5) * k - Math.PI / 2;
      const rr = k % 2 === 0 ? outer : inner;
      pts.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)]);
    }
    doc.polygon(...pts).fill();
    // the agency's name along the upper arc, each character upright to the centre
    const name = Array.from(agencyName);
    const size = Math.min(14, Math.max(8, 220 / Math.max(name.length, 1)));
    const ring = r - 6 - size / 2;
    const span = Math.min(250, name.length * (size * 1.15 / ring) * (180 / Math.PI));
    // Characters are drawn as shapes (the outlines of the body face), as on a stamped seal: they are
    // not text, so the letter's text (copying, search, accessibility) is the letter's alone.
    name.forEach((ch, k) => {
      const deg = name.length === 1 ? 0 : -span / 2 + (span * k) / (name.length - 1);
      const a = (deg * Math.PI) / 180;
      const px = cx + ring * Math.sin(a);
      const py = cy - ring * Math.cos(a);
      doc.save();
      doc.rotate(deg, { origin: [px, py] });
      this.shapes(ch, px - this.m.body.width(ch, size) / 2, py, size);
      doc.restore();
    });
    // a demo seal says so, at the bottom of the ring (below 署名 and date)
    const label = '测试用章';
    const ls = 9;
    this.shapes(label, cx - this.m.body.width(label, ls) / 2, cy + r - 11, ls);
    doc.restore();
  }

  private finish(): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const n = i + 1;
      const label = `— ${n} —`;
      this.doc.font('body').fontSize(LAYOUT.pageNumberSize);
      const w = this.m.body.width(label, LAYOUT.pageNumberSize);
      const one = LAYOUT.charWidth;
      // 单页码居右空一字，双页码居左空一字 (§7.5); 一字线上距版心下边缘 7 mm.
      const x = n % 2 === 1 ? LAYOUT.left + LAYOUT.width - one - w : LAYOUT.left + one;
      const y = LAYOUT.top + LAYOUT.height + 7 * MM - LAYOUT.pageNumberSize * 0.35;
      this.doc.text(label, x, y, { lineBreak: false });
      if (this.draft) {
        const cx = LAYOUT.pageWidth / 2;
        const cy = LAYOUT.pageHeight / 2;
        this.doc.save();
        this.doc.rotate(-45, { origin: [cx, cy] });
        this.doc.fillColor('#000000').fillOpacity(0.15).font('heading').fontSize(140);
        const ww = this.m.heading.width('草稿', 140);
        this.doc.text('草稿', cx - ww / 2, cy - 80, { lineBreak: false });
        this.doc.restore();
        this.doc.fillOpacity(1);
      }
    }
  }
}
