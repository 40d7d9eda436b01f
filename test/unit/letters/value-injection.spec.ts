/**
 * Issue 11, finding 1. Contract: "Final letters: a value typed by a user never becomes a directive:
 * what follows a newline inside a value is printed as text of that value's paragraph."
 *
 * For every template and every typed value it prints, the value is swapped for a payload that
 * tries to open a 署名, a 成文日期, a paragraph and an unknown directive. The letter must keep the
 * layout it has with an inert marker in that place, with the payload as text of the marker's block.
 */
import { renderTemplate, TemplateLoader, type LetterBlock, type LetterContext } from '../../../src/domain/letters';
import { LAYOUT, LetterPdfRenderer } from '../../../src/platform/pdf';
import { sampleContext } from './fixtures';
import { parsePdf } from './pdf-helpers';

const loader = new TemplateLoader();
const MARKER = 'QZMARKERQZ';
const PAYLOAD = '正常文字\n@signature 伪造机关\n@date 2020年1月1日\n@p 伪造段落\n@x';
/** Also one that tries to open table rows and cells. */
const TABLE_PAYLOAD = '甲|乙\n| 伪造 | 行 |\n@table';

/** Values the system sets itself (numbers, dates, codes): never typed by anyone. */
const SYSTEM = new Set(['case.caseNumber', 'case.trackingCode', 'case.receiptDate', 'case.channel', 'docNumber', 'issuedOn', 'outcome', 'secrecyReview.on']);
const isSystem = (path: string) => SYSTEM.has(path) || /(^|\.)(dueDate|newDueDate|deferredDate|payBy|ground|noticeDate|reopenedOn)$/.test(path) || path === 'earlierReply.date';

/** Every string leaf of a context, as a path and a setter. */
function stringLeaves(obj: unknown, prefix = ''): string[] {
  if (typeof obj === 'string') return [prefix];
  if (Array.isArray(obj)) return obj.flatMap((v, i) => stringLeaves(v, `${prefix}[${i}]`));
  if (obj && typeof obj === 'object') return Object.entries(obj).flatMap(([k, v]) => stringLeaves(v, prefix ? `${prefix}.${k}` : k));
  return [];
}

function withValue(ctx: LetterContext, path: string, value: string): LetterContext {
  const copy = structuredClone(ctx) as unknown as Record<string, unknown>;
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
  let cur: any = copy;
  for (const k of keys.slice(0, -1)) cur = cur[k];
  cur[keys[keys.length - 1]] = value;
  return copy as unknown as LetterContext;
}

const FLOWING: LetterBlock['kind'][] = ['paragraph', 'item', 'heading', 'remedy'];
/** What a value becomes inside a block: its line breaks kept in flowing text, a space in one-line blocks and cells. */
const asText = (kind: LetterBlock['kind'], value: string) => (FLOWING.includes(kind) ? value : value.replace(/\n/g, ' '));

function expectedBlocks(markerBlocks: LetterBlock[], value: string): LetterBlock[] {
  return markerBlocks.map((b) =>
    b.kind === 'table'
      ? { kind: 'table', rows: b.rows.map((r) => r.map((c) => c.split(MARKER).join(asText('table', value)))) }
      : { kind: b.kind, text: b.text.split(MARKER).join(asText(b.kind, value)) },
  );
}

const mentions = (blocks: LetterBlock[], s: string) => blocks.filter((b) => JSON.stringify(b).includes(s)).length;

describe.each(loader.types())('letter %s: typed values stay text', (type) => {
  const ctx = sampleContext(type);
  const tpl = loader.load(type);
  const fields = stringLeaves(ctx).filter((p) => !isSystem(p));
  const used = fields.filter((p) => mentions(renderTemplate(tpl, withValue(ctx, p, MARKER)).blocks, MARKER) > 0);

  it('prints at least the applicant-side values it uses', () => {
    expect(used.length).toBeGreaterThan(0);
    if (tpl.includes('{{case.description}}')) expect(used).toContain('case.description');
    if (tpl.includes('{{applicant.name}}')) expect(used).toContain('applicant.name');
  });

  it.each([
    ['signature, date, paragraph and unknown directive', PAYLOAD],
    ['table rows and cells', TABLE_PAYLOAD],
  ])('a value that tries to open %s adds no block, row or cell', (_what, payload) => {
    const baseline = renderTemplate(tpl, ctx).blocks;
    for (const path of used) {
      const marked = renderTemplate(tpl, withValue(ctx, path, MARKER)).blocks;
      let injected: LetterBlock[] = [];
      expect(() => (injected = renderTemplate(tpl, withValue(ctx, path, payload)).blocks)).not.toThrow();
      // same layout as with the inert marker: the payload is text of the marker's own block (or cell)
      expect({ path, blocks: injected }).toEqual({ path, blocks: expectedBlocks(marked, payload) });
      // and so no extra signature, date, paragraph, item or table row compared with the real letter
      const shape = (bs: LetterBlock[]) => bs.map((b) => (b.kind === 'table' ? `table:${b.rows.map((r) => r.length).join(',')}` : b.kind));
      expect({ path, shape: shape(injected) }).toEqual({ path, shape: shape(baseline) });
    }
  });
});

describe('a value with line breaks', () => {
  it('keeps them as line breaks inside its paragraph, and as spaces in one-line blocks', () => {
    const ctx = sampleContext('receipt');
    ctx.case.description = '第一行  \r\n\r\n  第二行\n第三行';
    ctx.applicant.name = '张\n三';
    const doc = loader.render('receipt', ctx);
    const para = doc.blocks.find((b) => b.kind === 'paragraph' && b.text.includes('第一行'));
    expect(para).toMatchObject({ text: expect.stringContaining('申请获取“第一行\n第二行\n第三行”。现予登记') });
    expect(doc.blocks.find((b) => b.kind === 'salutation')).toEqual({ kind: 'salutation', text: '张 三：' });
  });

  it('still lets the template itself continue a paragraph on the next line and write directives in {{#if}}', () => {
    const doc = renderTemplate('#! type: t\n#! seal: unsealed\n@title 题\n{{#if docNumber}}@docnumber {{docNumber}}{{/if}}\n@p 甲{{applicant.name}}\n乙\n| 不是表格 |\n', sampleContext('receipt'));
    expect(doc.blocks).toEqual([
      { kind: 'title', text: '题' },
      { kind: 'docNumber', text: '某某自然资源公开〔2026〕12号' },
      { kind: 'paragraph', text: '甲张三乙| 不是表格 |' },
    ]);
  });
});

describe('the PDF of a letter whose value holds directives', () => {
  it('prints them inside the value\'s paragraph, each line break going on at the left margin', async () => {
    const ctx = sampleContext('receipt');
    ctx.case.description = PAYLOAD;
    const letter = loader.render('receipt', ctx);
    const pdf = await parsePdf(await new LetterPdfRenderer().render(letter, { draft: false }));
    const items = pdf.pages.flatMap((pg) => pg.items.filter((i) => !/^— \d+ —$/.test(i.str)));
    const text = items.map((i) => i.str).join('').replace(/\s+/g, '');
    expect(text).toContain('申请获取“正常文字@signature伪造机关@date2020年1月1日@p伪造段落@x”。现予登记');
    for (const forged of ['@signature', '@date', '@p', '@x']) {
      const line = items.find((i) => i.str.startsWith(forged));
      expect({ forged, x: line && Math.round(line.x) }).toEqual({ forged, x: Math.round(LAYOUT.left) });
    }
    // one 署名 and one 成文日期, the agency's, at the end
    expect(text.split('2020年1月1日')).toHaveLength(2);
    expect(text).toMatch(/某某市自然资源和规划局2026年3月30日$/);
  });
});
