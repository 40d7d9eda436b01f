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
  settings: { docSeries?: { reply: string; receipt: string; notice: string }; reconsiderationOnlineChannel?: string };
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
      ...(agency.settings.reconsiderationOnlineChannel?.trim() ? { reconsiderationOnline: agency.settings.reconsiderationOnlineChannel.trim() } : {}),
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
  noConsultationReason?: string;
  lawProvision?: string;
  /** The documents provided with the reply (released copies): its 附件 (条例第三十七条、第四十条). */
  attachments?: Array<{ name: string; pages: number }>;
}

/** What the case's record says beside the proposal, as a reply states it (consultations, secrecy review). */
export interface ReplyRecord {
  consultations?: ReadonlyArray<{ party: string; result?: string | null }>;
  /** The latest secrecy review (条例第17条): its date, never its ground. */
  secrecyReview?: { on: string } | null;
}

/**
 * 条例第十五条、第三十二条: what happened with the third parties, as the record stands — consulted
 * and objected, consulted and silent (由行政机关依照本条例的规定决定), or not consulted for the
 * recorded reason. The reply states this, never a standard "第三方不同意公开".
 */
export function thirdPartyFacts(record: ReplyRecord, noConsultationReason?: string): NonNullable<LetterContext['thirdParty']> {
  const answered = (record.consultations ?? []).filter((c) => c.party === 'thirdParty' && c.result);
  const reason = noConsultationReason?.trim().replace(/[。.]$/, '') || undefined;
  return {
    consulted: answered.length > 0,
    objected: answered.some((c) => c.result === 'object'),
    noAnswer: answered.some((c) => c.result === 'noAnswer'),
    ...(reason ? { notConsulted: reason } : {}),
  };
}

/** A typed text as a letter value: trimmed, without a final 句号 (templates add it); blank → absent. */
const textValue = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim().replace(/[。.]$/, '') : undefined);

/**
 * The reply's own fields (条例第36-39条), from the handler's proposal and the case's record.
 * What an article makes a reply state has no standard wording to fall back on (legal review
 * finding 17): 已主动公开 the 方式、途径 (第36条第（一）项), 不存在 the search performed (第36条第
 * （四）项), 第36条第（七）项 the special law and the office, 第39条 the channel or the source. A
 * proposal without it leaves the placeholder empty, and the propose step answers 400 naming the
 * field (PLACEHOLDER_FIELD, PLACEHOLDER_LABEL).
 */
export function replyFields(r: ReplyFacts, record: ReplyRecord = {}): Partial<LetterContext> {
  const reasons = textValue(r.reasons);
  const out: Partial<LetterContext> = { outcome: r.outcome };
  if (reasons) out.reasons = reasons;
  if (r.withheldParts?.length) out.withheldParts = r.withheldParts;
  if (r.outcome === 'withhold_third_party' || (r.outcome === 'partial' && r.withheldParts?.some((w) => w.ground === 'withhold_third_party'))) {
    const tp = thirdPartyFacts(record, r.noConsultationReason);
    if (tp.consulted || tp.notConsulted) out.thirdParty = tp;
  }
  // 条例第十四条、第十七条: a state-secret withholding says when the review found it 依法确定为国家秘密.
  if (record.secrecyReview && (r.outcome === 'withhold_state_secret' || (r.outcome === 'partial' && r.withheldParts?.some((w) => w.ground === 'withhold_state_secret')))) {
    out.secrecyReview = { on: record.secrecyReview.on };
  }
  // 条例第十四条: 法律、行政法规禁止公开 — the provision that forbids it, named in the reply.
  const lawProvision = textValue(r.lawProvision);
  if (lawProvision) out.lawProvision = lawProvision;
  const access = textValue(r.access);
  if (access) {
    out.provision = access; // 条例第四十条: the form and way it is provided
    out.publicLocation = access; // 条例第三十六条第（一）项: 告知获取该政府信息的方式、途径
  }
  const search = textValue(r.searchPerformed);
  if (search) out.search = search; // 条例第三十六条第（四）项: the search that found nothing
  // 条例第三十六条第（五）项: the competent agency's name and 联系方式, both required (no empty contact).
  if (r.outcome === 'not_this_agency' || r.competentAgency || r.competentAgencyContact) {
    const name = textValue(r.competentAgency);
    const contact = textValue(r.competentAgencyContact);
    if (name || contact) out.competentAgency = { name, contact } as { name: string; contact: string };
  }
  if (r.earlierReply && r.earlierReplyDate) out.earlierReply = { docNumber: r.earlierReply, date: r.earlierReplyDate };
  // 条例第三十六条第（七）项: the special law or administrative regulation, and the office to go to.
  const law = textValue(r.specialLaw);
  const office = textValue(r.specialLawOffice);
  if (law || office) out.specialLaw = { law, office } as { law: string; office: string };
  const channel = textValue(r.channelHint);
  if (channel) {
    out.petitionChannel = channel; // 条例第三十九条第一款: the 信访、投诉、举报 channel
    out.publicationSource = channel; // 条例第三十九条第二款: where the publication is obtained
  }
  if (r.attachments?.length) out.attachments = r.attachments.map((a) => ({ name: String(a.name), pages: Number(a.pages) }));
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
  'dates.secrecyReview': 'secrecyReview',
  'thirdPartyOverride.reason': 'overrideReason',
  'thirdPartyOverride.content': 'disclosedContent',
  lawProvision: 'lawProvision',
  'this.lawProvision': 'withheldParts[].lawProvision',
};

/** Placeholder → what the letter must state, in Chinese (the 400's message names it with the field). */
export const PLACEHOLDER_LABEL: Record<string, string> = {
  reasons: '理由',
  search: '检索的范围、方式和结果（条例第三十六条第（四）项）',
  publicLocation: '获取该信息的方式、途径（条例第三十六条第（一）项）',
  provision: '提供信息的形式和方式（条例第四十条）',
  'competentAgency.name': '负责公开该信息的行政机关的名称（条例第三十六条第（五）项）',
  'competentAgency.contact': '负责公开该信息的行政机关的联系方式（条例第三十六条第（五）项）',
  'earlierReply.docNumber': '此前答复的文号',
  'dates.earlierReply': '此前答复的日期',
  'earlierReply.date': '此前答复的日期',
  'specialLaw.law': '对信息的获取有特别规定的法律、行政法规（条例第三十六条第（七）项）',
  'specialLaw.office': '依该特别规定办理的机构（条例第三十六条第（七）项）',
  petitionChannel: '信访、投诉、举报的渠道（条例第三十九条第一款）',
  publicationSource: '公开出版物的获取途径（条例第三十九条第二款）',
  withheldParts: '不予公开的部分',
  'dates.secrecyReview': '认定国家秘密的保密审查记录（条例第十七条）',
  'thirdPartyOverride.reason': '决定公开的理由（条例第三十二条）',
  'thirdPartyOverride.content': '决定公开的政府信息内容（条例第三十二条）',
  lawProvision: '禁止公开该信息的法律、行政法规及其条款（条例第十四条）',
  'this.lawProvision': '禁止公开该部分的法律、行政法规及其条款（条例第十四条）',
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
 * 条例第三十二条: 将决定公开的政府信息内容和理由书面告知第三方 — from the proposal's recorded finding
 * (overrideGround, overrideReason, disclosedContent), never a standard reason. Missing parts stay
 * missing, so the notice cannot be rendered without them.
 */
export function thirdPartyOverrideFields(p: Record<string, unknown>): Partial<LetterContext> {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().replace(/[。.]$/, '') : undefined);
  return {
    thirdPartyOverride: {
      publicInterest: p.overrideGround === 'public_interest',
      reason: text(p.overrideReason),
      content: text(p.disclosedContent),
    } as NonNullable<LetterContext['thirdPartyOverride']>,
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
/**
 * 收费通知书 with the tier breakdown computed by src/domain/fees (国办函〔2020〕109号) and the agency's
 * payment channel as recorded when the notice was issued (收费通知 说明…缴纳方式: legal review 21).
 */
export function feeFields(fee: FeeResult, paymentChannel?: string): Partial<LetterContext> {
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
      // Notices issued before the channel was recorded keep their former wording when reissued.
      payment: paymentChannel?.trim() || '本机关指定的非税收入缴款渠道',
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

/** The years without a holiday notice the reply deadline was counted across (the clock's ledger). */
export function replyProvisionalYears(clock: Pick<ClockResult, 'ledger'>): number[] {
  return clock.ledger.flatMap((e) => (e.kind === 'provisional' ? [e.year] : []));
}
