/**
 * Computed legal wording for letters (shared/domain §5; sources.md §5.1, §6).
 * Pure: no I/O, no pdfkit.
 */
import { outcome, partGround, remedyPlan, type OutcomeCode, type RemedyKind, type WithheldPartGround } from '../outcomes/outcomes';
import type { LetterAgency, SubmissionChannel, WithheldPart } from './context';

/** '2026-03-09' → '2026年3月9日' (GB/T 9704 §7.3.5.4): the calendar module's formatter. */
export { formatChineseDate } from '../calendar/iso-date';

interface ChannelWording {
  /** How the application was submitted, e.g. "通过邮寄方式". */
  how: string;
  /** The phrase a letter uses (legal review 26: "您当面提交的", not "您以当面提交方式提交的"). */
  submitted: string;
  /** The 条例第31条 receipt rule applied. */
  rule: string;
}

/** 条例第31条: which day counts as receipt, by channel. */
const CHANNELS: Record<SubmissionChannel, ChannelWording> = {
  in_person: { how: '当面提交', submitted: '您当面提交的', rule: '申请人当面提交政府信息公开申请的，以提交之日为收到申请之日（《中华人民共和国政府信息公开条例》第三十一条第（一）项）' },
  registered_post: { how: '邮寄', submitted: '您通过邮寄方式提交的', rule: '以邮寄方式提交政府信息公开申请的，以行政机关签收之日为收到申请之日（《中华人民共和国政府信息公开条例》第三十一条第（二）项）' },
  ordinary_post: { how: '平常信函', submitted: '您以平常信函方式邮寄的', rule: '以平常信函等无需签收的邮寄方式提交政府信息公开申请的，政府信息公开工作机构应当于收到申请的当日与申请人确认，确认之日为收到申请之日（《中华人民共和国政府信息公开条例》第三十一条第（二）项）' },
  online: { how: '互联网', submitted: '您通过互联网提交的', rule: '通过互联网渠道提交政府信息公开申请的，以双方确认之日为收到申请之日（《中华人民共和国政府信息公开条例》第三十一条第（三）项）' },
  fax: { how: '传真', submitted: '您通过传真提交的', rule: '通过传真提交政府信息公开申请的，以双方确认之日为收到申请之日（《中华人民共和国政府信息公开条例》第三十一条第（三）项）' },
};

export function channelWording(channel: SubmissionChannel): ChannelWording {
  const w = CHANNELS[channel];
  if (!w) throw new Error(`unknown submission channel "${String(channel)}"`);
  return w;
}

/** Formal citation of an outcome (from outcomes.ts; the one home of article numbers). */
export function citationFor(code: OutcomeCode): string {
  const c = outcome(code).citation;
  if (c === null) throw new Error(`outcome ${code} has no legal citation`);
  return c;
}

export interface RemedyOptions {
  /** Name of the letter in the clause, default "本答复书". */
  documentName?: string;
  /** 部分公开: the withheld parts; the 复议前置 clause names those withheld under 第14、15、16条. */
  withheldParts?: readonly WithheldPart[];
}

type Agency = Pick<LetterAgency, 'reconsiderationBody' | 'court' | 'reconsiderationOnline'>;

/** 行政复议法第二十二条第二款: the internet channel for filing, when the agency has one. */
function onlineFiling(agency: Agency): string {
  const c = agency.reconsiderationOnline?.trim();
  return c ? `行政复议申请也可以通过${c}在线提交。` : '';
}

/** 行政复议法第23条第一款第（四）项: 复议前置 for 不予公开 (条例第14、15、16条), named parts or the whole reply. */
function reconsiderationFirstClause(agency: Agency, doc: string, parts: readonly WithheldPart[]): string {
  const named = parts.map((p) => `“${p.part}”`);
  const subject = named.length ? `本答复中对${named.join('、')}不予公开的决定` : '本答复中不予公开的决定';
  return `根据《中华人民共和国行政复议法》第二十三条第一款第（四）项的规定，如对${subject}不服，应当自收到${doc}之日起六十日内先向${agency.reconsiderationBody}申请行政复议；对行政复议决定不服的，可以依法向人民法院提起行政诉讼。`;
}

/** 行政复议法第20条 (60 days) or 行政诉讼法第46条 (6 months): for the whole letter, or 本答复的其他内容. */
function ordinaryClause(agency: Agency, doc: string, rest: boolean): string {
  const subject = rest ? '本答复的其他内容' : doc === '本答复书' ? '本答复' : doc;
  return `如对${subject}不服，可以自收到${doc}之日起六十日内向${agency.reconsiderationBody}申请行政复议，也可以自收到${doc}之日起六个月内向${agency.court}提起行政诉讼。`;
}

/**
 * Remedy clause of one kind (行政复议法第20、23条; 行政诉讼法第46条; shared/domain §5).
 * Returns null for 'none' (procedural notices carry no clause). A 部分公开 letter ('per_part')
 * may carry two clauses: use remedyClauses.
 */
export function remedyClause(kind: RemedyKind, agency: Agency, opts: RemedyOptions = {}): string | null {
  const doc = opts.documentName ?? '本答复书';
  switch (kind) {
    case 'reconsideration_first':
      return reconsiderationFirstClause(agency, doc, opts.withheldParts ?? []) + onlineFiling(agency);
    case 'ordinary':
      return ordinaryClause(agency, doc, false) + onlineFiling(agency);
    case 'none':
      return null;
    case 'per_part':
      throw new Error('a per_part remedy has one clause per kind of ground: use remedyClauses');
    default:
      throw new Error(`unknown remedy kind ${String(kind)}`);
  }
}

/**
 * Every remedy clause a letter carries, in order. 部分公开 (条例第37条): 复议前置 for the parts
 * withheld under 第14、15、16条 (行政复议法第23条第一款第（四）项), then the ordinary clause for
 * 本答复的其他内容 (行政复议法第20条、行政诉讼法第46条) — the information provided and any part that
 * is not 政府信息 are actionable too; with no such part, the ordinary clause for the whole reply.
 */
export function remedyClauses(kind: RemedyKind, agency: Agency, opts: RemedyOptions = {}): string[] {
  const doc = opts.documentName ?? '本答复书';
  const parts = opts.withheldParts ?? [];
  const plan = remedyPlan(kind, parts.map((p) => p.ground));
  const out: string[] = [];
  if (plan.reconsiderationFirst === 'whole') out.push(reconsiderationFirstClause(agency, doc, []));
  if (plan.reconsiderationFirst === 'parts') {
    out.push(reconsiderationFirstClause(agency, doc, parts.filter((p) => partGround(p.ground).remedy === 'reconsideration_first')));
  }
  if (plan.ordinary) out.push(ordinaryClause(agency, doc, plan.ordinary === 'rest'));
  // 行政复议法第二十二条第二款: the internet channel once, after the last clause.
  if (out.length) out[out.length - 1] += onlineFiling(agency);
  return out;
}

/** Citation of the ground of one withheld part (条例第14、15、16条, or 第二条、第三十七条). */
export function groundCitation(ground: WithheldPartGround): string {
  return partGround(ground).citation;
}

/** What the letter concludes for one withheld part: 不予公开 (第14、15、16条) or not provided as 政府信息. */
export function partConclusion(ground: WithheldPartGround): string {
  return partGround(ground).withholding ? '该部分不予公开' : '该部分不属于政府信息，本机关不作为政府信息提供';
}

/** 发文字号 (GB/T 9704 §7.2.5): year in 〔〕, sequence without leading zeros and without 第. */
export function docNumberOf(series: string, year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new Error(`invalid document sequence ${seq}`);
  return `${series}〔${year}〕${seq}号`;
}

/**
 * The mark a printed date carries when it was counted across a year whose holiday notice is not
 * loaded (Monday to Friday; shared/domain §3; legal review finding 23). Appended to the date itself
 * (`{{dates.*}}`), so that no template prints such a date without it.
 */
export function provisionalDateNote(years: readonly number[]): string {
  return `（暂按周一至周五为工作日计算：${years.join('、')}年节假日安排尚未公布，以公布后的安排为准）`;
}
