/**
 * The pure rules the action handlers (src/modules/cases/command-handlers.ts) apply when they turn
 * an API request into a statechart event: how a delivery method maps, what a delivery's proof
 * says, when electronic delivery is an irregularity, the date rules of a recorded
 * reconsideration or lawsuit, the default approval chain, and consultation numbering.
 * No framework imports (DEVELOPERS.md: Standards).
 */
import { refusal, type Refusal } from './refusals';
import type { ApprovalStep, Consultation, ConsultationBasis, DeliveryMethod, IsoDate, NoticeDeliveryMethod } from './types';

/** Delivery methods as the API names them (DeliverDto.method). */
export type DeliveryChannel = 'in_person' | 'post' | 'email' | 'online' | 'other_agency';

const DELIVERY_METHOD: Readonly<Record<DeliveryChannel, DeliveryMethod>> = {
  in_person: 'in_person',
  post: 'post',
  email: 'electronic',
  online: 'electronic',
  other_agency: 'via_agency',
};

/** The statechart's delivery method of an API delivery method (email and online are both electronic). */
export function deliveryMethodOf(channel: DeliveryChannel): DeliveryMethod {
  return DELIVERY_METHOD[channel];
}

/** The proof of a delivery as one line: who signed, where it was sent, which agency delivered it. */
export function deliveryProof(d: { signedBy?: string; sentTo?: string; viaAgency?: string }): string | undefined {
  const proof = [d.signedBy && `签收人：${d.signedBy}`, d.sentTo && `发送至：${d.sentTo}`, d.viaAgency && `代为送达：${d.viaAgency}`]
    .filter(Boolean)
    .join('；');
  return proof || undefined;
}

export const ELECTRONIC_DELIVERY_IRREGULARITY = '申请人未要求以电子方式获取信息，电子送达可能不符合其申请的获取方式';

/**
 * 国办公开办函〔2016〕235号 (shared/domain §7): a reply is delivered electronically only where the
 * applicant asked for it (email or online as the requested way of obtaining the information).
 * Recorded for the legal audit rather than refused: the delivery already happened.
 * `requested`: the delivery method the applicant asked for at registration (RegisterCaseDto.deliveryMethod).
 */
export function electronicDeliveryIrregularity(deliveredBy: DeliveryChannel, requested: string): string | null {
  const electronic = (m: string) => m === 'email' || m === 'online';
  return electronic(deliveredBy) && !electronic(requested) ? ELECTRONIC_DELIVERY_IRREGULARITY : null;
}

/**
 * 行政复议法第二十二条第二款: 行政机关通过互联网渠道送达行政行为决定书的，应当同时提供提交行政复议申请书的
 * 互联网渠道. A reply that carries a remedy clause is not served electronically while the agency has
 * no online filing channel set (its letters print the channel in the remedy clause once it is set;
 * a reply issued before that is reissued — 更正 — before it is served electronically).
 */
export function electronicServiceProblem(deliveredBy: DeliveryChannel, carriesRemedy: boolean, onlineChannel: string | undefined): string | null {
  const electronic = deliveredBy === 'email' || deliveredBy === 'online';
  if (!electronic || !carriesRemedy || onlineChannel?.trim()) return null;
  return '本机关尚未设置行政复议机关的互联网申请渠道，载有救济途径的答复书不能以电子方式送达（《中华人民共和国行政复议法》第二十二条第二款），请先在机关设置中填写，或改用其他方式送达';
}

/**
 * 电子送达 by the system's own e-mail (deliver, method email): the reply goes to the address the
 * applicant gave, and only when they asked to obtain the information electronically (email or
 * online, 国办公开办函〔2016〕235号) — refused otherwise, before anything is sent.
 */
export function emailDeliveryProblem(requested: string, applicantEmail: string | null | undefined): Refusal | null {
  if (requested !== 'email' && requested !== 'online') return refusal('ELECTRONIC_DELIVERY_NOT_REQUESTED');
  if (!applicantEmail?.trim()) return refusal('APPLICANT_EMAIL_MISSING');
  return null;
}

/**
 * 国办公开办函〔2016〕235号 (shared/domain §7): a reply sent by post goes through a 邮政企业, and the
 * day it is handed to the post (交邮之日) is the day it counts as given — so a postal delivery
 * records the carrier and the item's tracking number (邮件号), the proof of that day.
 */
export const DEFAULT_POSTAL_CARRIER = '中国邮政';

export const POSTAL_CARRIER_IRREGULARITY = '邮寄送达未经邮政企业寄送（国办公开办函〔2016〕235号要求通过邮政企业邮寄），可能无法以交邮之日证明送达';

/** Whether a carrier's name is a 邮政企业 (中国邮政 and its EMS), as far as a name tells. */
export function isPostalEnterprise(carrier: string): boolean {
  return /邮政|EMS/i.test(carrier);
}

/**
 * The carrier and tracking number of a delivery: a postal delivery (post) needs the tracking
 * number and takes the carrier (default 中国邮政); the other methods take neither.
 * Returns the field refused, or the carrier to record (null for the other methods).
 */
export function postalDeliveryFields(
  d: { method: DeliveryChannel; carrier?: string; trackingNumber?: string },
): { carrier: string | null; problem: FieldProblem | null } {
  const carrier = d.carrier?.trim() || undefined;
  if (d.method !== 'post') {
    if (carrier) {
      return { carrier: null, problem: { field: 'carrier', message: '只有邮寄送达才填写邮政企业', fieldMessage: 'carrier：仅 method 为 post（邮寄）时填写' } };
    }
    return { carrier: null, problem: null };
  }
  if (!d.trackingNumber?.trim()) {
    return {
      carrier: null,
      problem: {
        field: 'trackingNumber',
        message: '邮寄送达须填写邮件号（国办公开办函〔2016〕235号：以交邮之日为送达日期，须留存交邮凭证）',
        fieldMessage: 'trackingNumber：邮寄送达须填写邮件号',
      },
    };
  }
  return { carrier: carrier ?? DEFAULT_POSTAL_CARRIER, problem: null };
}

/** Recorded for the legal audit (the delivery already happened): a postal delivery by a carrier that is not a 邮政企业. */
export function postalCarrierIrregularity(carrier: string | null): string | null {
  return carrier !== null && !isPostalEnterprise(carrier) ? POSTAL_CARRIER_IRREGULARITY : null;
}

/** A refused field with the message for the whole request and the one for the field. */
export interface FieldProblem {
  field: string;
  message: string;
  fieldMessage: string;
}

/**
 * The dates of a recorded 行政复议 or 行政诉讼 (条例第51条: the applicant's remedies): no decision
 * date while pending, a decision not before the filing, a filing not after the day it is recorded.
 */
export function remedyDateProblem(r: { filedOn: string; result: string; decidedOn?: string }, recordedOn: string): FieldProblem | null {
  if (r.result === 'pending' && r.decidedOn) {
    return { field: 'decidedOn', message: '尚未审结时不能填写审结日期', fieldMessage: 'decidedOn：result 为 pending 时不得填写' };
  }
  if (r.decidedOn && r.decidedOn < r.filedOn) {
    return { field: 'decidedOn', message: '审结日期不能早于申请（起诉）日期', fieldMessage: 'decidedOn 不能早于 filedOn' };
  }
  if (r.filedOn > recordedOn) {
    return { field: 'filedOn', message: '申请（起诉）日期不能晚于记录日期', fieldMessage: 'filedOn 不能晚于 occurredOn' };
  }
  return null;
}

/** The agency's ordered approval chain (报批) when it has one; otherwise one step by any approver. */
export function approvalChainOrDefault(configured: readonly ApprovalStep[] | null | undefined): ApprovalStep[] {
  return configured?.length ? [...configured] : [{ step: 'approver' }];
}

/** The id of the case's next consultation: C1, C2, … in the order they were started. */
export function nextConsultationId(consultations: readonly Pick<Consultation, 'id'>[]): string {
  return `C${consultations.length + 1}`;
}

/**
 * How a notice to the applicant (补正告知书, 收费通知书, 延期答复告知书) goes when the action does
 * not say: the way the applicant asked to receive the information (RegisterCaseDto.deliveryMethod)
 * where it is a way of serving a notice — email or online → electronic (received the day sent,
 * on the sending record); post → post. An applicant who collects the information in person
 * (pickup) is not there when a notice is issued: it is posted (its periods wait for the delivery
 * record) unless the clerk hands it over and says in_person. Never assuming a same-day receipt
 * keeps the applicant's periods from starting before the notice reached them.
 */
export function applicantNoticeDelivery(requested: string): NoticeDeliveryMethod {
  return requested === 'email' || requested === 'online' ? 'electronic' : 'post';
}

/** A consultation letter goes by post unless said otherwise (its receipt is then recorded). */
export const CONSULTATION_LETTER_DELIVERY: NoticeDeliveryMethod = 'post';

/**
 * The basis of a consultation from the API's fields: none for a third party (条例第32条); for
 * another agency `basis`, or the older `secrecyReferral: true` flag (条例第17条第三款), else a
 * co-producer (条例第34条). A basis for a third party, or a flag that contradicts the basis, is refused.
 */
export function consultationBasisFromRequest(f: {
  party: 'thirdParty' | 'agency';
  basis?: ConsultationBasis;
  secrecyReferral?: boolean;
}): { basis?: ConsultationBasis } | FieldProblem {
  if (f.party === 'thirdParty') {
    if (f.basis !== undefined || f.secrecyReferral) {
      const field = f.basis !== undefined ? 'basis' : 'secrecyReferral';
      return { field, message: '征求第三方意见（条例第三十二条）不填写征求其他机关意见的依据', fieldMessage: `${field} 仅适用于 party 为 agency` };
    }
    return {};
  }
  if (f.secrecyReferral && f.basis !== undefined && f.basis !== 'secrecyReferral') {
    return { field: 'secrecyReferral', message: 'secrecyReferral 与 basis 不一致', fieldMessage: 'secrecyReferral 为 true 时 basis 须为 secrecyReferral 或不填' };
  }
  return { basis: f.secrecyReferral ? 'secrecyReferral' : (f.basis ?? 'coProducer') };
}

export const isFieldProblem = (x: object): x is FieldProblem => 'fieldMessage' in x;

/**
 * 条例第三十三条第二款: 延长答复期限的，应当……告知申请人. An extension notice that reached the
 * applicant after the reply deadline it extended is recorded for the legal audit (the extension
 * was decided in time, its notice arrived late).
 */
export function lateExtensionNotice(replyDue: IsoDate, receivedOn: IsoDate): string | null {
  return receivedOn > replyDue
    ? `延期答复告知书于${receivedOn}送达申请人，晚于原答复期限（${replyDue}）：条例第三十三条第二款要求延长答复期限应当告知申请人`
    : null;
}
