/**
 * Letter context — everything a letter template may reference (shared/domain §5, sources.md §5).
 * Pure data: no framework or pdfkit imports.
 */
import type { OutcomeCode, WithholdingCode } from '../outcomes/outcomes';

/** 提交方式 — decides which receipt rule of 条例第31条 applies. */
export type SubmissionChannel = 'in_person' | 'registered_post' | 'ordinary_post' | 'online' | 'fax';

export interface LetterAgency {
  name: string;
  shortName: string;
  disclosureOffice: string;
  address: string;
  phone: string;
  /** 政府信息公开工作机构的电子邮箱 (optional: letters print it only when set). */
  email?: string;
  /** 邮政编码 of the address (optional). */
  postalCode?: string;
  /** 行政复议机关 (agency settings). */
  reconsiderationBody: string;
  /** 管辖法院 (agency settings). */
  court: string;
}

/**
 * What an agency has not yet set that its letters must name: the 政府信息公开工作机构 that issues
 * them, and the 复议机关 and 人民法院 of the remedy clause (条例第五十一条; 行政复议法、行政诉讼法).
 * A new agency starts without them (the platform operator creates it with a name only); until they
 * are set no case is registered, since the 登记回执 and every reply would name nobody.
 * Returns the Chinese names of the missing fields, in the order of the settings page.
 */
export function agencySetupGaps(a: { disclosureOfficeName: string; reconsiderationBody: string; court: string }): string[] {
  const gaps: string[] = [];
  if (!a.disclosureOfficeName.trim()) gaps.push('政府信息公开工作机构');
  if (!a.reconsiderationBody.trim()) gaps.push('行政复议机关');
  if (!a.court.trim()) gaps.push('管辖人民法院');
  return gaps;
}

export interface LetterCase {
  caseNumber: string;
  trackingCode: string;
  /** YYYY-MM-DD, the 条例第31条 receipt date. */
  receiptDate: string;
  channel: SubmissionChannel;
  /** 申请内容 as the applicant worded it. */
  description: string;
}

/** A withheld part of a 部分公开 reply (条例第37条) with its exemption ground. */
export interface WithheldPart {
  part: string;
  ground: WithholdingCode;
  reason: string;
}

export interface FeeRow {
  tier: string;
  quantity: string;
  rate: string;
  amount: string;
}

export interface LetterContext {
  agency: LetterAgency;
  case: LetterCase;
  applicant: { name: string };
  /** 文号, e.g. "某某公开〔2026〕12号"; null for drafts. */
  docNumber: string | null;
  /** 成文日期, YYYY-MM-DD. */
  issuedOn: string;
  /** Outcome of a reply; templates of type reply_* also declare it in their header. */
  outcome?: OutcomeCode;
  /** Free-text reasons (不予公开、非本机关、其他). */
  reasons?: string;
  /** 部分公开 / withheld parts (条例第37条). */
  withheldParts?: WithheldPart[];
  /** 已主动公开: where and how to obtain (条例第36条第（一）项). */
  publicLocation?: string;
  /** 予以公开: form and time of provision (条例第40条). */
  provision?: string;
  /** 补正 (条例第30条). */
  /**
   * The applicant's period runs from their receipt of the notice: the letter prints the period,
   * never a date (legal review finding 1). `dueDate` is kept for custom templates of older letters.
   */
  correction?: { items: string[]; periodDays: number; dueDate?: string; provisionalYears?: number[] };
  /** 第三方 / 共同制作机关征求意见 (条例第32、34条). */
  /** The answer period (working days from the party's receipt of the letter; none for a 第17条第三款 referral). */
  consultation?: { party: string; information: string; periodDays?: number; dueDate?: string; provisionalYears?: number[]; reason?: string };
  /** 延期答复 (条例第33条第二款). */
  /**
   * The new reply deadline. `provisionalYears`: the years without a holiday notice it was counted
   * across (Monday to Friday): the letter marks the date as provisional (legal review finding 23).
   */
  extension?: { days: number; newDueDate: string; reason: string; provisionalYears?: number[] };
  /** 延迟答复 (条例第35条). */
  deferral?: { deferredDate: string; reason: string };
  /** 收费通知 (国办函〔2020〕109号, 条例第42条). */
  /** periodDays: working days to pay from the applicant's receipt of the notice (109号); printed as a period, never a date. */
  fee?: { rows: FeeRow[]; total: string; periodDays?: number; payBy?: string; provisionalYears?: number[]; payment: string; basis: string };
  /** 非本机关负责公开 (条例第36条第（五）项). */
  competentAgency?: { name: string; contact: string };
  /** 重复申请 (条例第36条第（六）项). */
  earlierReply?: { date: string; docNumber: string };
  /** 信息不存在: the search performed (条例第36条第（四）项; 合理检索). */
  search?: string;
  /** 特别规定 (条例第36条第（七）项): the special law and the office handling it. */
  specialLaw?: { law: string; office: string };
  /** 信访、投诉、举报 channel (条例第39条第一款). */
  petitionChannel?: string;
  /** 公开出版物: where to obtain (条例第39条第二款). */
  publicationSource?: string;
  /** 送达回证. */
  delivery?: { documentTitle: string; method: string; address: string; recipient?: string };
  /** Generic extra values a customised template may use. */
  extra?: Record<string, unknown>;
}
