/**
 * Case data → LetterContext for a template. What a letter says in law (article, item, remedy)
 * is computed by ./format and ./context from the outcome code; this file only gathers the facts.
 */
import type { ClockResult } from '../deadlines';
import type { FeeResult } from '../fees';
import type { OutcomeCode } from '../outcomes/outcomes';
import type { LetterContext, SubmissionChannel } from './context';

/** The issuing agency as stored (the agencies table's columns); baseContext turns it into the letter's LetterAgency. */
export interface IssuingAgency {
  name: string;
  shortName: string;
  docPrefix: string;
  disclosureOfficeName: string;
  disclosureOfficePhone: string | null;
  disclosureOfficeEmail?: string | null;
  address: string | null;
  postalCode?: string | null;
  phone: string | null;
  reconsiderationBody: string;
  court: string;
  settings: { docSeries?: { reply: string; receipt: string; notice: string } };
}

export type LetterType =
  | 'receipt'
  | 'correction_notice'
  | 'third_party_consultation'
  | 'agency_consultation'
  | 'third_party_decision_notice'
  | 'extension_notice'
  | 'deferral_notice'
  | 'fee_notice'
  | 'reply'
  | 'delivery_receipt';

export const LETTER_TYPES: readonly LetterType[] = [
  'receipt',
  'correction_notice',
  'third_party_consultation',
  'agency_consultation',
  'third_party_decision_notice',
  'extension_notice',
  'deferral_notice',
  'fee_notice',
  'reply',
  'delivery_receipt',
];

/** Which 文号 series a letter type draws from (agency settings, with defaults from its prefix). */
export function seriesFor(agency: IssuingAgency, type: LetterType): string {
  const s = agency.settings.docSeries ?? { reply: '', receipt: '', notice: '' };
  if (type === 'receipt') return s.receipt || `${agency.docPrefix}回执`;
  if (type === 'reply') return s.reply || agency.docPrefix;
  return s.notice || `${agency.docPrefix}告`;
}

export interface CaseFacts {
  caseNumber: string;
  trackingCode: string;
  receiptDate: string;
  channel: string;
  description: string;
  applicantName: string;
  applicantAddress?: string;
  deliveryMethod: string;
}

const DELIVERY_WORDING: Record<string, string> = {
  in_person: '直接送达',
  post: '邮政寄送',
  email: '电子邮件送达',
  online: '网上送达',
  other_agency: '委托其他机关代为送达',
  pickup: '申请人自取',
  // The statechart's delivery methods (what the DELIVER event records).
  electronic: '电子送达',
  via_agency: '委托其他机关代为送达',
};

const PARTY_LABEL = { thirdParty: '第三方', agency: '被征求意见机关' } as const;

export function baseContext(agency: IssuingAgency, c: CaseFacts, issuedOn: string, docNumber: string | null): LetterContext {
  return {
    agency: {
      name: agency.name,
      shortName: agency.shortName,
      disclosureOffice: agency.disclosureOfficeName,
      address: agency.address ?? '',
      phone: agency.disclosureOfficePhone ?? agency.phone ?? '',
      ...(agency.disclosureOfficeEmail ? { email: agency.disclosureOfficeEmail } : {}),
      ...(agency.postalCode ? { postalCode: agency.postalCode } : {}),
      reconsiderationBody: agency.reconsiderationBody,
      court: agency.court,
    },
    case: {
      caseNumber: c.caseNumber,
      trackingCode: c.trackingCode,
      receiptDate: c.receiptDate,
      channel: c.channel as SubmissionChannel,
      description: c.description,
    },
    applicant: { name: c.applicantName },
    docNumber,
    issuedOn,
  };
}

export interface ReplyFacts {
  outcome: OutcomeCode;
  reasons?: string;
  withheldParts?: Array<{ part: string; ground: any; reason: string }>;
  access?: string;
  searchPerformed?: string;
  competentAgency?: string;
  competentAgencyContact?: string;
  earlierReply?: string;
  earlierReplyDate?: string;
  specialLaw?: string;
  specialLawOffice?: string;
  channelHint?: string;
}

/**
 * The reply's own fields (条例第36-39条), from the handler's proposal. A client that sends only
 * {outcome, basis, reasons} still gets a complete letter: the specific fields fall back to the
 * reasons or to the standard wording of that reply type.
 */
export function replyFields(r: ReplyFacts): Partial<LetterContext> {
  const reasons = r.reasons?.trim().replace(/[。.]$/, '') || undefined;
  const out: Partial<LetterContext> = { outcome: r.outcome };
  if (reasons) out.reasons = reasons;
  if (r.withheldParts?.length) out.withheldParts = r.withheldParts;
  if (r.access) out.provision = r.access;
  out.publicLocation = r.access ?? reasons ?? '本机关政府门户网站“政府信息公开”专栏';
  out.search = r.searchPerformed?.replace(/[。.]$/, '') ?? reasons ?? '本机关对文件档案和相关业务系统进行了检索';
  // 条例第三十六条第（五）项: the competent agency's name and 联系方式, both required (no empty contact).
  if (r.outcome === 'not_this_agency' || r.competentAgency || r.competentAgencyContact) {
    const name = r.competentAgency?.trim() || undefined;
    const contact = r.competentAgencyContact?.trim() || undefined;
    if (name || contact) out.competentAgency = { name, contact } as { name: string; contact: string };
  }
  if (r.earlierReply && r.earlierReplyDate) out.earlierReply = { docNumber: r.earlierReply, date: r.earlierReplyDate };
  out.specialLaw = { law: r.specialLaw ?? '有关法律、行政法规', office: r.specialLawOffice ?? '有关登记机构' };
  out.petitionChannel = r.channelHint ?? '信访、投诉、举报等相应渠道';
  out.publicationSource = r.channelHint ?? reasons ?? '公开发行渠道';
  if (r.outcome === 'not_this_agency' && !reasons) out.reasons = '所申请信息不属于本机关制作或保存的政府信息';
  return out;
}

/** Placeholder → the proposal field a handler fills in (for the 400 when a reply lacks content). */
export const PLACEHOLDER_FIELD: Record<string, string> = {
  reasons: 'reasons',
  search: 'searchPerformed',
  publicLocation: 'access',
  provision: 'access',
  'competentAgency.name': 'competentAgency',
  'competentAgency.contact': 'competentAgencyContact',
  'earlierReply.docNumber': 'earlierReply',
  'dates.earlierReply': 'earlierReplyDate',
  'earlierReply.date': 'earlierReplyDate',
  'specialLaw.law': 'specialLaw',
  'specialLaw.office': 'specialLawOffice',
  petitionChannel: 'channelHint',
  publicationSource: 'channelHint',
  withheldParts: 'withheldParts',
};

export function correctionFields(items: string[], periodDays: number, dueDate: string): Partial<LetterContext> {
  return { correction: { items, periodDays, dueDate } };
}

export function consultationFields(party: 'thirdParty' | 'agency', name: string, description: string, dueDate: string, reason?: string): Partial<LetterContext> {
  return { consultation: { party: name || PARTY_LABEL[party], information: description, dueDate, ...(reason ? { reason } : {}) } };
}

export function extensionFields(days: number, newDueDate: string, reason: string): Partial<LetterContext> {
  return { extension: { days, newDueDate, reason: reason.replace(/[。.]$/, '') } };
}

export function deferralFields(deferredDate: string, reason: string): Partial<LetterContext> {
  return { deferral: { deferredDate, reason: reason.replace(/[。.]$/, '') } };
}

/** 收费通知书 with the tier breakdown computed by src/domain/fees (国办函〔2020〕109号). */
export function feeFields(fee: FeeResult, payBy: string): Partial<LetterContext> {
  const unit = fee.method === 'per_item' ? '件' : '页';
  return {
    fee: {
      rows: fee.breakdown.map((l) => ({
        tier: `第${l.from}—${l.to ?? '以上'}${unit}`,
        quantity: `${l.count}${unit}`,
        rate: l.unitPrice === 0 ? '免费' : `${l.unitPrice}元/${unit}`,
        amount: `${l.subtotal}元`,
      })),
      total: `${fee.amount}元`,
      payBy,
      payment: '本机关指定的非税收入缴款渠道',
      basis: `《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第${fee.method === 'per_item' ? '四' : '五'}条`,
    },
  };
}

/** What the 送达回证 records (国办公开办函〔2016〕235号): the document, how and by whom it was delivered. */
export interface DeliveryFacts {
  /** The delivered document's title (without its 文号). */
  documentTitle: string;
  /** The delivered document's 文号 (the 回证's own 文号 is the letter's docNumber). */
  documentDocNumber?: string | null;
  method: string;
  address: string;
  recipient?: string;
  /** 送达人: the person who delivered it. */
  deliveredBy?: string;
  /** Post: the 邮政企业 and the 邮件号. */
  carrier?: string;
  trackingNumber?: string;
  /** The day of delivery (交邮之日 for post): the deliver step's date, which a 补录 may set in the past. */
  deliveredOn?: string;
}

export function deliveryFields(d: DeliveryFacts): Partial<LetterContext> {
  return {
    delivery: {
      documentTitle: d.documentTitle,
      ...(d.documentDocNumber ? { documentDocNumber: d.documentDocNumber } : {}),
      method: DELIVERY_WORDING[d.method] ?? d.method,
      address: d.address,
      ...(d.recipient ? { recipient: d.recipient } : {}),
      ...(d.deliveredBy ? { deliveredBy: d.deliveredBy } : {}),
      ...(d.carrier ? { carrier: d.carrier } : {}),
      ...(d.carrier && d.trackingNumber ? { trackingNumber: d.trackingNumber } : {}),
      ...(d.deliveredOn ? { deliveredOn: d.deliveredOn } : {}),
    },
  };
}

/** What a closing reply (视为放弃申请) names: the notice it follows and the deadline that passed (legal review finding 20). */
export interface ClosureLetterFacts {
  ground: 'correction_overdue' | 'fee_unpaid';
  /** The 补正告知书 / 收费通知书 as issued (null when the case has none on record). */
  notice: { docNumber: string; issuedOn: string } | null;
  /** The deadline that passed. */
  dueOn: string;
  /** The day a good reason reopened the period, when one did. */
  reopenedOn?: string | null;
  /** 缴费: the amount in 元. */
  amount?: number | null;
}

const NOTICE_TITLE = { correction_overdue: '政府信息公开申请补正告知书', fee_unpaid: '政府信息公开信息处理费收费通知书' } as const;

export function closureFields(c: ClosureLetterFacts): Partial<LetterContext> {
  return {
    outcome: c.ground,
    closure: {
      noticeTitle: NOTICE_TITLE[c.ground],
      ...(c.notice ? { noticeDate: c.notice.issuedOn, noticeDocNumber: c.notice.docNumber } : {}),
      dueDate: c.dueOn,
      ...(c.reopenedOn ? { reopenedOn: c.reopenedOn } : {}),
      ...(c.ground === 'fee_unpaid' && c.amount ? { amount: `${c.amount}元` } : {}),
    },
  };
}

export function dueOf(clock: ClockResult, consultationId: string): string | null {
  return clock.consultationDues.find((d) => d.id === consultationId)?.due ?? null;
}
