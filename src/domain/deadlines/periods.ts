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
  /** 条例第30条“合理的补正期限”：产品默认15个工作日，登记员可调整 */
  applicantCorrectionDefault: 15,
  /** 国办函〔2020〕109号（四川省通知转述）：收到收费通知次日起20个工作日内缴纳 */
  feePayment: 20,
} as const;
