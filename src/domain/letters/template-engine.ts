/**
 * Letter template mini-language (documented in templates/README.md) → layout-as-data.
 * Pure: no I/O. Legal wording (citations, remedy clause, dates, channel rule) is computed
 * here from outcomes.ts and the context, never typed into templates (shared/domain §5).
 */
import { isOutcomeCode, outcome, partGround, type OutcomeCode, type RemedyKind } from '../outcomes/outcomes';
import type { LetterContext } from './context';
import { channelWording, citationFor, formatChineseDate, groundCitation, partConclusion, provisionalDateNote, remedyClauses } from './format';

export type LetterBlock =
  | { kind: 'title' | 'docNumber' | 'salutation' | 'paragraph' | 'item' | 'heading' | 'signature' | 'date' | 'remedy'; text: string }
  | { kind: 'table'; rows: string[][] };

export interface LetterDocument {
  /** Template type key, e.g. "reply_disclose". */
  type: string;
  title: string;
  docNumber: string | null;
  /** Remedy variant the letter carries. */
  remedy: RemedyKind;
  outcome: OutcomeCode | null;
  blocks: LetterBlock[];
  /**
   * GB/T 9704 §7.3.5.1 sealed layout (加盖印章的公文: replies, notices, consultation letters; 国办公开办函
   * 〔2016〕235号 treats them as 正式文书) or §7.3.5.2 unsealed (forms such as the 送达回证). Every
   * template says which in its `#! seal:` header.
   */
  sealed: boolean;
  /** Metadata for the PDF info dictionary. */
  author: string;
  issuedOn: string;
}

export class LetterTemplateError extends Error {
  constructor(template: string, message: string) {
    super(`letter template ${template}: ${message}`);
    this.name = 'LetterTemplateError';
  }
}

/** `#! key: value` header lines. */
export function parseHeader(text: string): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^#!\s*([a-z_]+)\s*:\s*(.*)$/.exec(line);
    if (m) meta[m[1]] = m[2].trim();
  }
  return meta;
}

type Scope = Record<string, unknown>;

interface Node {
  t: 'text' | 'var' | 'if' | 'unless' | 'each';
  v: string;
  body?: Node[];
  alt?: Node[];
}

const TOKEN = /\{\{\s*(#if|#unless|#each|\/if|\/unless|\/each|else)?\s*([^}]*?)\s*\}\}/g;

function parse(src: string, tpl: string): Node[] {
  const root: Node[] = [];
  const stack: { node: Node | null; list: Node[]; inElse: boolean }[] = [{ node: null, list: root, inElse: false }];
  let last = 0;
  const top = () => stack[stack.length - 1];
  const push = (n: Node) => top().list.push(n);
  for (const m of src.matchAll(TOKEN)) {
    if (m.index! > last) push({ t: 'text', v: src.slice(last, m.index) });
    last = m.index! + m[0].length;
    const [kw, arg] = [m[1], m[2]];
    if (!kw) {
      if (!arg) throw new LetterTemplateError(tpl, 'empty placeholder {{}}');
      push({ t: 'var', v: arg });
    } else if (kw.startsWith('#')) {
      const n: Node = { t: kw.slice(1) as Node['t'], v: arg, body: [], alt: [] };
      if (!arg) throw new LetterTemplateError(tpl, `{{${kw}}} needs a path`);
      push(n);
      stack.push({ node: n, list: n.body!, inElse: false });
    } else if (kw === 'else') {
      const f = top();
      if (!f.node || f.node.t === 'each' || f.inElse) throw new LetterTemplateError(tpl, '{{else}} outside {{#if}}');
      f.inElse = true;
      f.list = f.node.alt!;
    } else {
      const f = stack.pop()!;
      if (!f.node || `/${f.node.t}` !== kw) throw new LetterTemplateError(tpl, `unbalanced {{${kw}}}`);
    }
  }
  if (last < src.length) push({ t: 'text', v: src.slice(last) });
  if (stack.length !== 1) throw new LetterTemplateError(tpl, `unclosed {{#${stack[stack.length - 1].node!.t}}}`);
  return root;
}

const MISSING = Symbol('missing');

function lookup(path: string, scopes: Scope[]): unknown {
  const parts = path.split('.');
  let start = scopes.length - 1;
  let head = parts[0];
  if (head === 'this') {
    parts.shift();
    if (!parts.length) return scopes[start].this ?? MISSING;
    head = parts[0];
    const cur = scopes[start].this as Scope | undefined;
    return walk(cur, parts);
  }
  for (; start >= 0; start--) {
    if (head in scopes[start]) return walk(scopes[start], parts);
  }
  return MISSING;
}

function walk(obj: unknown, parts: string[]): unknown {
  let cur: unknown = obj;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object' || !(p in (cur as Scope))) return MISSING;
    cur = (cur as Scope)[p];
  }
  return cur === undefined ? MISSING : cur;
}

function truthy(v: unknown): boolean {
  if (v === MISSING || v === null || v === false || v === '' || v === 0) return false;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/**
 * A piece of expanded template: the template's own text, or a substituted value. Only the
 * template's text carries layout (line breaks, `@` directives, `|` table cells); a value is
 * always text of the block or cell it lands in.
 */
interface Piece {
  text: string;
  value: boolean;
}

function evaluate(nodes: Node[], scopes: Scope[], tpl: string, out: Piece[] = []): Piece[] {
  for (const n of nodes) {
    if (n.t === 'text') out.push({ text: n.v, value: false });
    else if (n.t === 'var') {
      const v = lookup(n.v, scopes);
      if (v === MISSING || v === null) throw new LetterTemplateError(tpl, `missing value for placeholder {{${n.v}}}`);
      if (typeof v === 'object') throw new LetterTemplateError(tpl, `placeholder {{${n.v}}} is not a text value`);
      out.push({ text: String(v), value: true });
    } else if (n.t === 'if' || n.t === 'unless') {
      const ok = truthy(lookup(n.v, scopes)) === (n.t === 'if');
      evaluate(ok ? n.body! : n.alt!, scopes, tpl, out);
    } else {
      const list = lookup(n.v, scopes);
      if (list === MISSING) throw new LetterTemplateError(tpl, `missing list for {{#each ${n.v}}}`);
      if (!Array.isArray(list)) throw new LetterTemplateError(tpl, `{{#each ${n.v}}} is not a list`);
      list.forEach((item, i) => {
        evaluate(n.body!, [...scopes, { this: item, '@index': i, '@number': i + 1 }], tpl, out);
      });
    }
  }
  return out;
}

/** Template lines: split on the template's own line breaks only, never on a value's. */
function lines(pieces: Piece[]): Piece[][] {
  const out: Piece[][] = [[]];
  for (const p of pieces) {
    if (!p.text) continue;
    if (p.value) {
      out[out.length - 1].push(p);
      continue;
    }
    p.text.split(/\r?\n/).forEach((s, i) => {
      if (i > 0) out.push([]);
      if (s) out[out.length - 1].push({ text: s, value: false });
    });
  }
  return out;
}

/** Blocks whose text flows over lines: a value's line breaks stay line breaks there (at most one in a row). */
const FLOWING = new Set<LetterBlock['kind']>(['paragraph', 'item', 'heading', 'remedy']);

/** A value as text of a block of `kind`: line breaks kept in flowing text, a space in one-line blocks and table cells. */
function valueText(text: string, kind: LetterBlock['kind']): string {
  return FLOWING.has(kind) ? text.replace(/[ \t]*(?:\r\n?|\n)\s*/g, '\n') : text.replace(/\s*[\r\n]+\s*/g, ' ');
}

const join = (pieces: Piece[], kind: LetterBlock['kind']) => pieces.map((p) => (p.value ? valueText(p.text, kind) : p.text)).join('');

/** A table row `| a | b |`: cells split on the template's `|` only. */
function tableRow(pieces: Piece[]): string[] {
  const cells: Piece[][] = [[]];
  for (const p of pieces) {
    if (p.value) cells[cells.length - 1].push(p);
    else
      p.text.split('|').forEach((s, i) => {
        if (i > 0) cells.push([]);
        cells[cells.length - 1].push({ text: s, value: false });
      });
  }
  cells.shift(); // the `|` that opens the row
  const last = pieces[pieces.length - 1];
  if (cells.length > 1 && !last.value && last.text.endsWith('|')) cells.pop(); // and the one that closes it
  return cells.map((c) => join(c, 'table').trim());
}

/** Computed values every template may use, beside the raw context. */
function buildView(ctx: LetterContext, code: OutcomeCode | null, documentName: string): Scope {
  const ch = channelWording(ctx.case.channel);
  const o = code ? outcome(code) : null;
  const withheld = (ctx.withheldParts ?? []).map((p) => ({
    ...p,
    citation: groundCitation(p.ground),
    label: partGround(p.ground).label,
    conclusion: partConclusion(p.ground),
    stateSecret: p.ground === 'withhold_state_secret',
    lawForbids: p.ground === 'withhold_law_forbids',
  }));
  // 条例第三十七条: 含有不应当公开（第14、15、16条）或者不属于政府信息（第二条）的内容.
  const withholds = withheld.some((p) => partGround(p.ground).withholding);
  const notGovernmentInformation = withheld.some((p) => !partGround(p.ground).withholding);
  const dates: Scope = {
    receiptDate: formatChineseDate(ctx.case.receiptDate),
    issuedOn: formatChineseDate(ctx.issuedOn),
  };
  // A computed date counted across a year without a holiday notice carries its 暂定 mark (finding 23).
  const dated = (iso: string, provisionalYears?: readonly number[]) =>
    formatChineseDate(iso) + (provisionalYears?.length ? provisionalDateNote(provisionalYears) : '');
  if (ctx.correction?.dueDate) dates.correctionDue = dated(ctx.correction.dueDate, ctx.correction.provisionalYears);
  if (ctx.consultation?.dueDate) dates.consultationDue = dated(ctx.consultation.dueDate, ctx.consultation.provisionalYears);
  if (ctx.extension) dates.extensionDue = dated(ctx.extension.newDueDate, ctx.extension.provisionalYears);
  if (ctx.deferral) dates.deferredDate = formatChineseDate(ctx.deferral.deferredDate);
  if (ctx.fee?.payBy) dates.feePayBy = dated(ctx.fee.payBy, ctx.fee.provisionalYears);
  if (ctx.delivery?.deliveredOn) dates.deliveredOn = formatChineseDate(ctx.delivery.deliveredOn);
  if (ctx.earlierReply) dates.earlierReply = formatChineseDate(ctx.earlierReply.date);
  if (ctx.closure) {
    if (ctx.closure.noticeDate) dates.closureNotice = formatChineseDate(ctx.closure.noticeDate);
    dates.closureDue = formatChineseDate(ctx.closure.dueDate);
    if (ctx.closure.reopenedOn) dates.closureReopened = formatChineseDate(ctx.closure.reopenedOn);
  }
  if (ctx.secrecyReview) dates.secrecyReview = formatChineseDate(ctx.secrecyReview.on);
  return {
    ...ctx,
    withheldParts: withheld,
    dates,
    channelText: ch.how,
    submittedText: ch.submitted,
    receiptRule: ch.rule,
    partial: {
      withholds,
      notGovernmentInformation,
      content: [withholds && '不应当公开', notGovernmentInformation && '不属于政府信息'].filter(Boolean).join('和'),
    },
    outcomeLabel: o?.label ?? null,
    citation: o?.citation ?? null,
    documentName,
    reg: '《中华人民共和国政府信息公开条例》',
  };
}

const DIRECTIVES: Record<string, LetterBlock['kind']> = {
  title: 'title',
  docnumber: 'docNumber',
  salutation: 'salutation',
  p: 'paragraph',
  item: 'item',
  heading: 'heading',
  table: 'table',
  signature: 'signature',
  date: 'date',
  remedy: 'remedy',
};

/**
 * Render a template text against a context into layout blocks.
 * Header `#! type:`, `#! outcome:` and `#! remedy:` decide the remedy clause
 * (`@remedy` inserts it; a template whose remedy is none must not use it).
 */
export function renderTemplate(templateText: string, ctx: LetterContext): LetterDocument {
  const meta = parseHeader(templateText);
  const type = meta.type ?? 'unnamed';
  let code: OutcomeCode | null = null;
  if (meta.outcome) {
    if (!isOutcomeCode(meta.outcome)) throw new LetterTemplateError(type, `unknown outcome ${meta.outcome}`);
    code = meta.outcome;
    if (ctx.outcome && ctx.outcome !== code) throw new LetterTemplateError(type, `context outcome ${ctx.outcome} does not match template outcome ${code}`);
  } else if (ctx.outcome && type.startsWith('reply')) code = ctx.outcome;
  const remedy: RemedyKind = (meta.remedy === 'outcome' || !meta.remedy) && code ? outcome(code).remedy : ((meta.remedy ?? 'none') as RemedyKind);
  if (!['reconsideration_first', 'ordinary', 'none', 'per_part'].includes(remedy)) throw new LetterTemplateError(type, `bad remedy ${remedy}`);
  const documentName = meta.document_name ?? '本答复书';
  if (meta.seal !== 'sealed' && meta.seal !== 'unsealed') throw new LetterTemplateError(type, `header #! seal: must be sealed or unsealed (got ${meta.seal ?? 'nothing'})`);
  const sealed = meta.seal === 'sealed';

  const body = templateText
    .split(/\r?\n/)
    .filter((l) => !/^\s*#/.test(l))
    .join('\n');
  const expanded = lines(evaluate(parse(body, type), [buildView(ctx, code, documentName)], type));

  // Directives come from the template's text only: a line is a directive when its first non-blank
  // text is template text starting with `@name`. Values are substituted into the text of the
  // block they stand in, so a value's line break, `@` or `|` is printed, never obeyed.
  const blocks: LetterBlock[] = [];
  let prev: LetterBlock | null = null;
  for (const raw of expanded) {
    const parts = [...raw];
    while (parts.length && !parts[0].value && !parts[0].text.trim()) parts.shift();
    if (parts.length && !parts[0].value) parts[0] = { text: parts[0].text.trimStart(), value: false };
    const end = parts.length - 1;
    if (end >= 0 && !parts[end].value) parts[end] = { text: parts[end].text.trimEnd(), value: false };
    if (!parts.some((p) => p.text.trim())) continue; // blank lines are layout-neutral
    const first = parts[0];
    const d = first.value ? null : /^@([a-z]+)\b\s?/.exec(first.text);
    if (d) {
      const kind = DIRECTIVES[d[1]];
      if (!kind) throw new LetterTemplateError(type, `unknown directive @${d[1]}`);
      const rest = [{ text: first.text.slice(d[0].length), value: false }, ...parts.slice(1)];
      if (kind === 'table') prev = { kind: 'table', rows: [] };
      else if (kind === 'remedy') {
        // One block per clause: 部分公开 may carry 复议前置 for its 第14、15、16条 parts and the
        // ordinary clause for the rest of the reply (remedyPlan in outcomes.ts).
        const clauses = remedyClauses(remedy, ctx.agency, { documentName, withheldParts: remedy === 'per_part' ? ctx.withheldParts : undefined });
        if (!clauses.length) throw new LetterTemplateError(type, '@remedy used but this letter carries no remedy clause');
        for (const clause of clauses.slice(0, -1)) blocks.push({ kind: 'remedy', text: valueText(clause, 'remedy') });
        prev = { kind: 'remedy', text: valueText(clauses[clauses.length - 1], 'remedy') };
      } else prev = { kind, text: join(rest, kind).trim() };
      blocks.push(prev);
    } else if (!first.value && first.text.startsWith('|') && prev?.kind === 'table') {
      prev.rows.push(tableRow(parts));
    } else if (prev && prev.kind !== 'table') {
      prev.text += join(parts, prev.kind).trim(); // continuation line (Chinese text joins without a space)
    } else {
      throw new LetterTemplateError(type, `text outside a directive: "${join(parts, 'paragraph').trim().slice(0, 20)}"`);
    }
  }
  const title = blocks.find((b) => b.kind === 'title');
  if (!title || !('text' in title)) throw new LetterTemplateError(type, 'no @title');
  if (remedy !== 'none' && !blocks.some((b) => b.kind === 'remedy')) throw new LetterTemplateError(type, `remedy ${remedy} required but no @remedy directive`);
  return { type, title: title.text, docNumber: ctx.docNumber, remedy, outcome: code, blocks, sealed, author: ctx.agency.name, issuedOn: ctx.issuedOn };
}

export { citationFor };
