/**
 * Letter context — everything a letter template may reference (shared/domain §5, sources.md §5).
 * Pure data: no framework or pdfkit imports.
 */
import type { OutcomeCode, WithheldPartGround } from '../outcomes/outcomes';

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
  /**
   * The reconsideration body's internet channel for filing (行政复议法第二十二条第二款: 行政机关通过互联网
   * 渠道送达行政行为决定书的，应当同时提供提交行政复议申请书的互联网渠道), e.g. a platform's name and
   * address. Printed in every remedy clause when set; a letter with a remedy clause is not served
   * electronically without it.
   */
  reconsiderationOnline?: string;
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

/** A withheld part of a 部分公开 reply (条例第37条) with its ground (第14、15、16条, or 不属于政府信息). */
export interface WithheldPart {
  part: string;
  ground: WithheldPartGround;
  reason: string;
  /** withhold_law_forbids: the law or administrative regulation and article that forbids it (条例第十四条). */
  lawProvision?: string;
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
  /**
   * 法律、行政法规禁止公开 (条例第十四条): the law or administrative regulation and article that
   * forbids disclosure, e.g. 《中华人民共和国统计法》第三十九条 — the withholding rests on it.
   */
  lawProvision?: string;
  /** Free-text reasons (不予公开、非本机关、其他). */
  reasons?: string;
  /**
   * 保护第三方合法权益 (条例第15、32条), as the record stands: a third party consulted objected, or
   * did not answer within its 15 working days (由行政机关依照本条例的规定决定), and/or the recorded
   * reason why none was consulted. Set for withhold_third_party and for a 部分公开 with a part on
   * that ground.
   */
  thirdParty?: { consulted: boolean; objected: boolean; noAnswer: boolean; notConsulted?: string };
  /**
   * 属于国家秘密 (条例第14条): the date of the recorded secrecy review (条例第17条) that found it.
   * Its ground stays in the record: the letter never repeats classified detail.
   */
  secrecyReview?: { on: string };
  /** 部分公开 / withheld parts (条例第37条). */
  withheldParts?: WithheldPart[];
  /** 附件: the documents provided with the reply (released copies), by name and page count. */
  attachments?: Array<{ name: string; pages: number }>;
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
  /**
   * 告知第三方公开决定 (条例第十五条、第三十二条): why the agency discloses over the objection —
   * 不公开可能对公共利益造成重大影响 (publicInterest) or the objection has no reasonable ground —
   * the concrete reason, and the content it decided to disclose.
   */
  thirdPartyOverride?: { publicInterest: boolean; reason: string; content: string };
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
  /**
   * 送达回证 (国办公开办函〔2016〕235号): the delivered document with its own 文号, the person who
   * delivered it (送达人), and for post the 邮政企业 and 邮件号. Receipts issued before these were
   * kept carry only documentTitle (with the 文号 in brackets), method, address and recipient.
   */
  delivery?: {
    documentTitle: string;
    documentDocNumber?: string;
    method: string;
    address: string;
    recipient?: string;
    deliveredBy?: string;
    carrier?: string;
    trackingNumber?: string;
    /** YYYY-MM-DD: the day the document was delivered or handed to the post (交邮之日), the step's own date. */
    deliveredOn?: string;
  };
  /**
   * 视为放弃申请 (条例第30条; 第42条): the notice the closure follows — its title, date and 文号 — and the
   * deadline that passed; reopenedOn when a good reason had reopened the period; the fee's amount.
   * Closures issued before these were kept carry none (their template falls back to its old wording).
   */
  closure?: {
    noticeTitle: string;
    /** The notice's date and 文号 (absent only when the case has no such letter on record). */
    noticeDate?: string;
    noticeDocNumber?: string;
    dueDate: string;
    reopenedOn?: string;
    amount?: string;
  };
  /** Generic extra values a customised template may use. */
  extra?: Record<string, unknown>;
}
