/**
 * Case data → LetterContext for a template. What a letter says in law (article, item, remedy)
 * is computed by ./format and ./context from the outcome code; this file only gathers the facts.
 */
import { PERIODS, type ClockResult } from '../deadlines';
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
  | 'other_agency_consultation'
  | 'secrecy_referral'
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
  'other_agency_consultation',
  'secrecy_referral',
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

/** 补正告知书 (条例第30条): the items and the period, counted from the applicant's receipt of the notice (no date printed). */
export function correctionFields(items: string[], periodDays: number): Partial<LetterContext> {
  return { correction: { items, periodDays } };
}

/**
 * A consultation letter's or the third-party decision notice's fields: the party, the information
 * and, for a letter with an answer period, the period in working days from the party's receipt
 * (条例第32、34条) — printed as a period, never a date (legal review finding 1).
 */
export function consultationFields(
  party: 'thirdParty' | 'agency',
  name: string,
  description: string,
  opts: { periodDays?: number | null; reason?: string } = {},
): Partial<LetterContext> {
  return {
    consultation: {
      party: name || PARTY_LABEL[party],
      information: description,
      ...(opts.periodDays ? { periodDays: opts.periodDays } : {}),
      ...(opts.reason ? { reason: opts.reason } : {}),
    },
  };
}

/**
 * 延期答复告知书 (条例第33条第二款): the new reply deadline, marked as provisional when it was
 * counted across a year whose holiday notice is not loaded (legal review finding 23).
 */
export function extensionFields(days: number, newDueDate: string, reason: string, provisionalYears: readonly number[] = []): Partial<LetterContext> {
  return { extension: { days, newDueDate, reason: reason.replace(/[。.]$/, ''), ...(provisionalYears.length ? { provisionalYears: [...provisionalYears] } : {}) } };
}

export function deferralFields(deferredDate: string, reason: string): Partial<LetterContext> {
  return { deferral: { deferredDate, reason: reason.replace(/[。.]$/, '') } };
}

/**
 * 收费通知书 with the tier breakdown computed by src/domain/fees (国办函〔2020〕109号), and the period
 * to pay from the applicant's receipt of the notice (printed as a period, never a date: finding 1).
 */
export function feeFields(fee: FeeResult): Partial<LetterContext> {
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
      periodDays: PERIODS.feePayment,
      payment: '本机关指定的非税收入缴款渠道',
      basis: `《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第${fee.method === 'per_item' ? '四' : '五'}条`,
    },
  };
}

export function deliveryFields(documentTitle: string, method: string, address: string, recipient?: string): Partial<LetterContext> {
  return { delivery: { documentTitle, method: DELIVERY_WORDING[method] ?? method, address, ...(recipient ? { recipient } : {}) } };
}

/** The years without a holiday notice the reply deadline was counted across (the clock's ledger). */
export function replyProvisionalYears(clock: Pick<ClockResult, 'ledger'>): number[] {
  return clock.ledger.flatMap((e) => (e.kind === 'provisional' ? [e.year] : []));
}
