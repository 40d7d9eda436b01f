/**
 * The statutory periods, in working days (工作日). The one home of these numbers.
 */
export const PERIODS = {
  /** 条例第30条：自收到申请之日起7个工作日内一次性告知补正 */
  correctionNotice: 7,
  /** 条例第33条第二款：自收到申请之日起20个工作日内予以答复 */
  reply: 20,
  /** 条例第33条第二款：延长的期限最长不得超过20个工作日（经政府信息公开工作机构负责人同意，一次） */
  maxExtension: 20,
  /** 条例第32条：第三方自收到征求意见书之日起15个工作日内提出意见 */
  thirdPartyAnswer: 15,
  /** 条例第34条：被征求意见机关自收到征求意见书之日起15个工作日内提出意见，逾期视为同意 */
  agencyAnswer: 15,
  /**
   * 条例第十一条（协商、确认）、第三十三条第三款（征求其他机关意见所需时间不计算在答复期限内）：
   * 法规未规定其他机关的答复期限；产品在征求意见函中给予自收到之日起15个工作日（比照第三十二条、
   * 第三十四条），逾期由本机关依法决定，不计入的时间以此为限（docs/decisions/notice-receipt.md）。
   */
  otherAgencyAnswer: 15,
  /** 条例第30条“合理的补正期限”：产品默认15个工作日，登记员可调整；自申请人收到补正告知书之日起算 */
  applicantCorrectionDefault: 15,
  /** 国办函〔2020〕109号（四川省通知转述）：收到收费通知次日起20个工作日内缴纳 */
  feePayment: 20,
} as const;

/** Whom a consultation goes to: a third party (条例第32条) or another agency (条例第33条第三款). */
export type ConsultationParty = 'thirdParty' | 'agency';

/**
 * Why another agency is consulted (legal review finding 10):
 * - `coProducer`: the information was made jointly (条例第34条) — 15 WD from receipt, silence is consent;
 * - `secrecyReferral`: the agency cannot decide whether it may disclose and refers the question to
 *   the competent department or the secrecy administration (条例第17条第三款) — no answer period,
 *   no deemed consent, the clock pauses until the answer;
 * - `other`: another agency is consulted to agree or confirm (协商、确认, 条例第11条) —
 *   15 WD from receipt set by the product, silence → the agency decides.
 */
export type ConsultationBasis = 'coProducer' | 'secrecyReferral' | 'other';
export const CONSULTATION_BASES: readonly ConsultationBasis[] = ['coProducer', 'secrecyReferral', 'other'];

/** A third party has no basis; another agency is a co-producer unless said otherwise. */
export function consultationBasisOf(party: ConsultationParty, basis?: ConsultationBasis | null): ConsultationBasis | null {
  return party === 'thirdParty' ? null : (basis ?? 'coProducer');
}

/**
 * The answer period of a consultation in working days from the party's receipt of the letter, or
 * null when it has none (a 第17条第三款 referral waits for the determination).
 */
export function consultationAnswerPeriod(party: ConsultationParty, basis?: ConsultationBasis | null): number | null {
  if (party === 'thirdParty') return PERIODS.thirdPartyAnswer;
  switch (basis ?? 'coProducer') {
    case 'coProducer':
      return PERIODS.agencyAnswer;
    case 'other':
      return PERIODS.otherAgencyAnswer;
    default:
      return null;
  }
}

/**
 * How a notice (consultation letter, 补正告知书, 收费通知书, 延期答复告知书) went to its recipient.
 * In person and electronic delivery reach the recipient on the day sent (the signature, the
 * sending record); by post the day is the delivery record's, known only later
 * (record-letter-receipt). Until then the periods counted from receipt have not started.
 */
export type NoticeDeliveryMethod = 'in_person' | 'post' | 'electronic';
export const NOTICE_DELIVERY_METHODS: readonly NoticeDeliveryMethod[] = ['in_person', 'post', 'electronic'];

/** Whether the notice reached its recipient on the day it was sent. */
export const receivedWhenSent = (m: NoticeDeliveryMethod): boolean => m !== 'post';
