import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OUTCOME_CODES } from '../../domain/outcomes/outcomes';
import { REQUEST_FLAG_KINDS } from '../../domain/patterns/request-patterns';
import { CASE_ACTIONS } from '../../domain/workflow/actions';
import { ConsultationDueResponse, FeePaymentDueResponse, LedgerEntryResponse } from '../calendar/responses';
import { LetterResponse } from '../letters/responses';
import { APPLICANT_CATEGORIES, APPLICANT_TYPES, CHANNELS, DELIVERY_METHODS, FORMS, ID_TYPES } from './dto';
import { CASE_STATES } from './list-query';

const STATE = { enum: [...CASE_STATES], enumName: 'CaseState' } as const;
const OUTCOME = { enum: [...OUTCOME_CODES], enumName: 'OutcomeCode' } as const;
const FREE_OBJECT = { type: 'object', additionalProperties: true } as const;

/**
 * The applicant as registered (条例第29条), identity number and phone masked; the full values only
 * through POST /cases/{id}/reveal (ApplicantContactResponse), which is recorded in the history.
 */
export class ApplicantResponse {
  @ApiProperty({ enum: [...APPLICANT_TYPES] }) type!: string;
  @ApiProperty({ enum: [...APPLICANT_CATEGORIES], description: '年度报告申请人类别' }) category!: string;
  @ApiProperty({ type: String, description: '姓名或名称' }) name!: string;
  @ApiProperty({ enum: [...ID_TYPES] }) idType!: string;
  @ApiProperty({ type: String, example: '110***********002X', description: '身份证明号码（部分隐去；完整号码经 POST /cases/{id}/reveal 查看并留痕）' })
  idNumber!: string;
  @ApiPropertyOptional({ type: String, example: '138****5678', description: '联系电话（部分隐去）' }) phone?: string;
  @ApiPropertyOptional({ type: String }) address?: string;
  @ApiPropertyOptional({ type: String }) email?: string;
  @ApiPropertyOptional({ type: String }) postalCode?: string;
}

/** The applicant's full identity number and phone (POST /cases/{id}/reveal; the reveal is in the history). */
export class ApplicantContactResponse {
  @ApiProperty({ enum: [...ID_TYPES] }) idType!: string;
  @ApiProperty({ type: String, description: '完整的身份证明号码' }) idNumber!: string;
  @ApiProperty({ type: String, nullable: true, description: '完整的联系电话（登记时未填写为 null）' }) phone!: string | null;
}

/** A hint for the clerk found at registration (requestFlags); a person decides. */
export class RequestFlagResponse {
  @ApiProperty({ enum: [...REQUEST_FLAG_KINDS], description: 'late_confirmation：平常信函未于到达当日确认（条例第31条第（二）项），供法制审核' }) kind!: string;
  @ApiProperty({ type: String, example: '条例第36条第（六）项' }) article!: string;
  @ApiProperty({ type: String }) message!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'possible_repeat：疑似重复的案件' }) caseId?: string;
  @ApiPropertyOptional({ type: String, description: 'possible_repeat' }) caseNumber?: string;
  @ApiPropertyOptional({ type: Number, description: 'possible_repeat：相似度 0–1' }) similarity?: number;
  @ApiPropertyOptional({ type: Number, description: 'excessive_requests：本月申请数' }) count?: number;
  @ApiPropertyOptional({ type: Number, description: 'excessive_requests：机关设定的阈值' }) threshold?: number;
  @ApiPropertyOptional({ type: String, example: '2026-02', description: 'excessive_requests' }) month?: string;
  @ApiPropertyOptional({ type: Number, description: 'same_information：申请人数' }) applicants?: number;
  @ApiPropertyOptional({ type: [String], description: 'same_information' }) caseNumbers?: string[];
  @ApiPropertyOptional({ type: String, format: 'date', description: 'late_confirmation：信函到达日（北京时间）' }) arrivedOn?: string;
  @ApiPropertyOptional({ type: String, format: 'date', description: 'late_confirmation：与申请人确认之日（收到申请之日）' }) confirmedOn?: string;
  @ApiPropertyOptional({ type: String, description: 'late_confirmation：未能当日确认的原因' }) reason?: string;
}

/** The case's statutory deadlines today (computeClock). */
export class CaseDeadlinesResponse {
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '补正告知期限（条例第30条）；网上申请待确认时为 null' })
  correctionNoticeDue!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '答复期限（等待补正或延迟答复时为 null）' })
  replyDue!: string | null;
  @ApiProperty({ type: Boolean, description: '涉及未公布节假日安排的年份，期限暂定' }) provisional!: boolean;
  @ApiProperty({ type: Number, nullable: true }) remainingWorkingDays!: number | null;
  @ApiProperty({ type: Boolean }) overdue!: boolean;
  @ApiProperty({ type: [LedgerEntryResponse], description: '计算明细' }) ledger!: LedgerEntryResponse[];
  @ApiProperty({ type: [ConsultationDueResponse] }) consultationDues!: ConsultationDueResponse[];
  @ApiProperty({ type: [FeePaymentDueResponse], description: '缴费期限（自申请人收到收费通知之日起20个工作日）' }) feePaymentDues!: FeePaymentDueResponse[];
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '申请人补正期限（自申请人收到补正告知书之日起计算）；收到日期尚未记录时为 null' })
  applicantCorrectionDue!: string | null;
  @ApiProperty({ type: Boolean, description: '补正告知书邮寄、申请人收到日期尚未记录：补正期限尚未起算' }) applicantCorrectionAwaitingReceipt!: boolean;
}

const NOTICE_DELIVERY = { enum: ['in_person', 'post', 'electronic'], enumName: 'NoticeDeliveryMethod' } as const;

/** 征求意见 (条例第32、34条; 第11条; 第17条第三款) with its answer deadline. */
export class ConsultationResponse {
  @ApiProperty({ type: String, example: 'C1' }) id!: string;
  @ApiProperty({ enum: ['thirdParty', 'agency'], enumName: 'ConsultationParty' }) party!: string;
  @ApiProperty({
    enum: ['coProducer', 'secrecyReferral', 'other'],
    enumName: 'ConsultationBasis',
    nullable: true,
    description: '征求其他机关意见的依据：coProducer 共同制作（条例第34条）、secrecyReferral 报请确定（条例第17条第三款）、other 协商确认（条例第11条）；第三方为 null',
  })
  basis!: string | null;
  @ApiProperty({ type: String, description: '征求意见对象' }) name!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) state!: string;
  @ApiProperty({ type: String, format: 'date', description: '发函日期' }) sentOn!: string;
  @ApiProperty({ ...NOTICE_DELIVERY, nullable: true, description: '征求意见函的送达方式（此项记录之前的征求意见为 null，按发函当日收到计算）' })
  deliveryMethod!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '对方收到征求意见函之日（答复期限自此起算）' }) receivedOn!: string | null;
  @ApiProperty({ type: Boolean, description: '邮寄的征求意见函收到日期尚未记录：答复期限尚未起算，answerDue 为 null' }) awaitingReceipt!: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '答复期限；收到日期未记录或报请确定（不设期限）时为 null' })
  answerDue!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) closedOn!: string | null;
  @ApiProperty({ enum: ['agree', 'object', 'noAnswer'], nullable: true }) result!: string | null;
  @ApiProperty({ enum: ['agencyDecides', 'deemedConsent'], nullable: true, description: '逾期未答复的后果（视为同意仅限共同制作机关，条例第34条）' })
  expiryEffect!: string | null;
}

/** A notice whose periods run from its recipient's receipt, with its letter (record-letter-receipt takes the letter id). */
export class NoticeResponse {
  @ApiProperty({ enum: ['consultation', 'correction', 'fee', 'extension'], enumName: 'NoticeKind' }) kind!: string;
  @ApiProperty({ type: String, example: 'agency_consultation', description: '文书类型' }) letterType!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '文书 id' }) letterId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '文号' }) docNumber!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'C1', description: '征求意见编号（征求意见函）' }) consultationId!: string | null;
  @ApiProperty({ type: String, format: 'date', description: '发出之日' }) sentOn!: string;
  @ApiProperty({ ...NOTICE_DELIVERY, nullable: true, description: '送达方式（此项记录之前的文书为 null，按发出当日收到计算）' }) deliveryMethod!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '收件人收到之日' }) receivedOn!: string | null;
  @ApiProperty({ type: Boolean, description: '邮寄、收到日期尚未记录：自收到之日起计算的期限尚未起算' }) awaitingReceipt!: boolean;
}

/** Where the case stands in the statechart (summaryOf); the records are the machine's context, as stored. */
export class CaseSummaryResponse {
  @ApiProperty(STATE) state!: string;
  @ApiProperty({ type: Boolean, description: '网上申请待确认（条例第31条第（三）项），期限尚未起算' }) awaitingConfirmation!: boolean;
  @ApiProperty({ type: Boolean, description: '已办结或归档' }) closed!: boolean;
  @ApiProperty({ type: Boolean, description: '已作出决定' }) decided!: boolean;
  @ApiProperty({ type: Boolean }) awaitingCorrection!: boolean;
  @ApiProperty({ type: Boolean }) consulting!: boolean;
  @ApiProperty({ type: Boolean }) awaitingFee!: boolean;
  @ApiProperty({
    type: Boolean,
    description: '逾期未补正（条例第30条）或逾期未缴费，系统拟视为放弃申请，待报批、审批（state 为 closureProposed，或 handling 中的缴费环节）',
  })
  closureProposed!: boolean;
  @ApiProperty({ enum: ['investigating', 'drafting', 'proposed'], nullable: true }) work!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) departmentId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assigneeId!: string | null;
  @ApiProperty({ ...OUTCOME, nullable: true }) outcome!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) closedOn!: string | null;
  @ApiProperty({
    enum: ['delivered', 'withdrawn', 'correction_overdue', 'fee_unpaid'],
    nullable: true,
    description: 'correction_overdue / fee_unpaid：视为放弃申请的答复书经审批并送达后办结',
  })
  closeReason!: string | null;
  @ApiProperty({ ...FREE_OBJECT, nullable: true, description: '延期答复 {workingDays, reason, approvedBy, approvedByName（同意延期的政府信息公开工作机构负责人）, on, replyDue, deliveryMethod, noticeReceivedOn}' })
  extension!: Record<string, unknown> | null;
  @ApiProperty({ ...FREE_OBJECT, nullable: true, description: '延迟答复 {deferredTo, reason, on, replyDue（被替代的第33条答复期限）}' })
  deferral!: Record<string, unknown> | null;
  @ApiProperty({
    ...FREE_OBJECT,
    nullable: true,
    description: '要求说明理由（条例第35条） {requestedOn, recordedOn, reasonable, summary}',
  })
  reasonsInquiry!: Record<string, unknown> | null;
  @ApiProperty({
    ...FREE_OBJECT,
    nullable: true,
    description: '补正 {requestedOn, items, periodWorkingDays, noticeDue, late, receivedOn（收到补正申请之日）, deliveryMethod, noticeReceivedOn（申请人收到告知书之日）, reopenedOn（因正当理由重新计算补正期限之日）}',
  })
  correction!: Record<string, unknown> | null;
  @ApiProperty({
    ...FREE_OBJECT,
    nullable: true,
    description: '收费 {method, amount（元）, items（按件）, noticeOn, dueOn（发出当日收到时记录）, deliveryMethod, receivedOn, paidOn, receiptNo, reopenedOn（因正当理由重新计算缴费期限之日）}',
  })
  fee!: Record<string, unknown> | null;
  @ApiProperty({ type: 'array', items: FREE_OBJECT, description: '保密审查 {conclusion, ground, withheldPart, reviewer, on}' })
  secrecyReviews!: Record<string, unknown>[];
  @ApiProperty({ ...FREE_OBJECT, nullable: true, description: '办理意见 {outcome, basis, reasons, withheldParts, proposedBy, proposedOn, …}' })
  proposal!: Record<string, unknown> | null;
  @ApiProperty({ ...FREE_OBJECT, nullable: true, description: '决定（办理意见及 decidedOn、approvals、onTheSpot）' })
  decision!: Record<string, unknown> | null;
  @ApiProperty({ type: 'array', items: FREE_OBJECT, description: '报批环节 {step, approverId}' }) approvalChain!: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: FREE_OBJECT, description: '审批记录 {stepIndex, step, actorId, on, comments}' })
  approvals!: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: FREE_OBJECT, description: '退回记录 {stepIndex, actorId, on, comments}' }) returns!: Record<string, unknown>[];
  @ApiProperty({ ...FREE_OBJECT, nullable: true, description: '送达 {method, recipient, deliveredOn（邮寄为交邮之日）, proof, carrier（邮寄：邮政企业）, trackingNumber（邮件号）}' })
  delivery!: Record<string, unknown> | null;
  @ApiProperty({ type: 'array', items: FREE_OBJECT, description: '行政复议 {filedOn, result, decidedOn, body}' })
  reconsiderations!: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: FREE_OBJECT, description: '行政诉讼 {filedOn, result, decidedOn, court, afterReconsideration}' })
  litigations!: Record<string, unknown>[];
  @ApiProperty({
    ...FREE_OBJECT,
    nullable: true,
    description:
      '拟视为放弃申请 {ground（correction_overdue 逾期未补正 / fee_unpaid 逾期未缴费）, dueOn（届满的期限）, lapsedOn, proposedBy（报批人，不得审批）, proposedOn}；记录正当理由后为 null',
  })
  closure!: Record<string, unknown> | null;
  @ApiProperty({
    type: 'array',
    items: FREE_OBJECT,
    description: '已记录的正当理由 {ground, reason, on, actorId, lapsedDueOn（原届满日）, dueOn（自记录之日重新计算的期限）}',
  })
  goodReasons!: Record<string, unknown>[];
}

export class HistoryActorResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) username!: string;
  @ApiProperty({ type: String }) displayName!: string;
}

/** One entry of the case's hash-chained history (CasesService.history). */
export class HistoryEntryResponse {
  @ApiProperty({ type: Number, example: 1 }) seq!: number;
  @ApiProperty({ type: String, example: 'REGISTERED', description: '事件类型' }) type!: string;
  @ApiProperty({ ...FREE_OBJECT, description: '事件内容（随事件类型而不同；补录的记录另有 backdate：补录原因、记录日期、晚几个工作日、是否列入法制审核）' }) payload!: Record<string, unknown>;
  @ApiProperty({ type: HistoryActorResponse, nullable: true, description: '操作人（系统事件为 null）' }) actor!: HistoryActorResponse | null;
  @ApiProperty({ type: String, format: 'date', description: '业务发生日期' }) occurredOn!: string;
  @ApiProperty({ type: String, format: 'date-time', description: '记录时间' }) recordedAt!: string;
  @ApiProperty({ type: String, description: 'SHA-256 链式哈希' }) hash!: string;
}

/** A history entry recorded as 补录 beyond the agency's grace window: flagged for the legal audit. */
export class BackdatedEventResponse {
  @ApiProperty({ type: Number, example: 5, description: '历史记录序号' }) seq!: number;
  @ApiProperty({ type: String, example: 'EXTEND', description: '事件类型' }) type!: string;
  @ApiProperty({ type: String, format: 'date', description: '业务发生日期' }) occurredOn!: string;
  @ApiProperty({ type: String, format: 'date-time', description: '记录时间（服务器）' }) recordedAt!: string;
  @ApiProperty({ type: Number, example: 5, description: '晚于业务发生日期的工作日数' }) workingDaysLate!: number;
  @ApiProperty({ type: String, description: '补录原因' }) reason!: string;
}

/** The case view (CasesService.detail): registration, action answers and GET /cases/{id}. */
export class CaseDetailResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, example: '2026-000012', description: '案件编号' }) caseNumber!: string;
  @ApiProperty({ type: String, example: 'K7M3Q9XR2HTA', description: '查询码' }) trackingCode!: string;
  @ApiProperty(STATE) state!: string;
  @ApiProperty({ type: Number, description: '版本号（办理操作须带 expectedVersion）' }) version!: number;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '收到申请之日（条例第31条）；网上申请待确认（awaitingConfirmation）时为 null' })
  receiptDate!: string | null;
  @ApiProperty({ enum: [...CHANNELS] }) channel!: string;
  @ApiProperty({ type: String, format: 'date-time' }) arrivedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) confirmedAt!: string | null;
  @ApiProperty({ type: ApplicantResponse }) applicant!: ApplicantResponse;
  @ApiProperty({ type: String, description: '申请内容' }) description!: string;
  @ApiProperty({ enum: [...FORMS] }) form!: string;
  @ApiProperty({ enum: [...DELIVERY_METHODS] }) deliveryMethod!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) departmentId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assigneeId!: string | null;
  @ApiProperty({ ...OUTCOME, nullable: true }) outcome!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) closedOn!: string | null;
  @ApiProperty({ type: [RequestFlagResponse] }) flags!: RequestFlagResponse[];
  @ApiProperty({ type: Number, minimum: 1, description: '本申请的件数（国办函〔2020〕109号第四条，按件收费时计入同一申请人当月的累计件数）' })
  items!: number;
  @ApiProperty({
    ...FREE_OBJECT,
    nullable: true,
    description:
      '信息处理费 {method, amount（元）, items（按件）, noticeOn, deliveryMethod, receivedOn, dueOn（自申请人收到之日起20个工作日；收到日期未记录时为 null）, awaitingReceipt, paidOn, receiptNo}；未发收费通知时为 null',
  })
  fee!: Record<string, unknown> | null;
  @ApiProperty({ enum: [...CASE_ACTIONS], enumName: 'CaseAction', isArray: true, description: '当前用户此刻可执行的操作' })
  allowedActions!: string[];
  @ApiProperty({ type: CaseDeadlinesResponse }) deadlines!: CaseDeadlinesResponse;
  @ApiProperty({ type: [ConsultationResponse] }) consultations!: ConsultationResponse[];
  @ApiProperty({ type: [NoticeResponse], description: '自收到之日起计算期限的文书（征求意见函、补正告知书、收费通知书、延期答复告知书）及其送达、收到情况' })
  notices!: NoticeResponse[];
  @ApiProperty({ type: CaseSummaryResponse }) summary!: CaseSummaryResponse;
  @ApiProperty({ type: [LetterResponse] }) letters!: LetterResponse[];
  @ApiProperty({ type: [HistoryEntryResponse] }) history!: HistoryEntryResponse[];
  @ApiProperty({
    type: [BackdatedEventResponse],
    description: '超过补录宽限的补录记录（列入法制审核；详情见对应历史记录的 payload.backdate）',
  })
  backdatedEvents!: BackdatedEventResponse[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

/** A worklist row (CasesService.list). */
export class CaseListItemResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) caseNumber!: string;
  @ApiProperty(STATE) state!: string;
  @ApiProperty({ type: Number }) version!: number;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '收到申请之日；网上申请待确认时为 null' }) receiptDate!: string | null;
  @ApiProperty({ type: String, format: 'date-time', description: '申请到达（网上提交）时间' }) arrivedAt!: string;
  @ApiProperty({
    type: Boolean,
    description: '网上申请提交后超过 1 个工作日仍未确认（条例第31条第（三）项：以双方确认之日为收到申请之日，应及时确认）',
  })
  confirmationOverdue!: boolean;
  @ApiProperty({ type: String }) applicantName!: string;
  @ApiProperty({ type: String, example: '110105********0023', description: '身份证明号码（部分隐去）' }) applicantIdNumber!: string;
  @ApiProperty({ enum: [...APPLICANT_CATEGORIES] }) applicantCategory!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) departmentId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assigneeId!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) replyDue!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '最近的期限' }) nextDue!: string | null;
  @ApiProperty({
    enum: ['confirmation', 'correction_period', 'consultation_period', 'fee_period', 'reply'],
    nullable: true,
    description: 'confirmation：网上申请的确认期限（提交后 1 个工作日）',
  })
  nextDueKind!: string | null;
  @ApiProperty({ type: Boolean }) overdue!: boolean;
  @ApiProperty({ type: Boolean }) provisional!: boolean;
  @ApiProperty({ ...OUTCOME, nullable: true }) outcome!: string | null;
  @ApiProperty({ type: String, description: '申请内容（前 120 个字符）' }) description!: string;
}

export class CaseListResponse {
  @ApiProperty({ type: [CaseListItemResponse] }) items!: CaseListItemResponse[];
  @ApiProperty({
    type: Number,
    description:
      '符合条件的案件总数（超过 10000 件时为 10000，totalExact 为 false；按申请内容检索且关键词的各部分都很常见时，只计按期限顺序前 5000 件中匹配的件数，totalExact 为 false）',
  })
  total!: number;
  @ApiProperty({ type: Boolean, description: 'total 是否为精确数（否：实际不少于 total 件——超过 10000 件只计到 10000，或只在部分案件中计数）' }) totalExact!: boolean;
  @ApiProperty({ type: String, nullable: true, description: '下一页的游标（cursor 参数）；没有下一页时为 null' }) nextCursor!: string | null;
  @ApiProperty({
    type: Boolean,
    description:
      '按申请内容或案件编号检索（text）时，本页只查找了按期限顺序的一部分案件（匹配的案件较多且排序靠后）：items 是其中全部匹配的案件，' +
      '之后可能还有匹配的案件，用 nextCursor 继续查找；本页可能不足 pageSize 件甚至为空。false：本页是按期限顺序的前若干件匹配案件',
  })
  searchLimited!: boolean;
  @ApiProperty({ type: Number }) page!: number;
  @ApiProperty({ type: Number }) pageSize!: number;
}

/** The history checked three ways (CasesService.verify). */
export class CaseVerifyResponse {
  @ApiProperty({ type: Boolean, description: '哈希链完整且与案件上保存的链头一致' }) intact!: boolean;
  @ApiProperty({ type: Number, description: '历史记录条数' }) events!: number;
  @ApiProperty({ type: String, description: '案件上保存的链头哈希（无记录时为空字符串）' }) head!: string;
  @ApiProperty({ type: Number, description: '案件上保存的链头序号' }) headSeq!: number;
  @ApiProperty({ type: Boolean, description: '按历史记录重放得到的状态与保存的状态一致' }) replayMatches!: boolean;
  @ApiPropertyOptional({ type: Number, description: '链断开处的序号（仅在链不完整时）' }) brokenAt?: number;
  @ApiPropertyOptional({ type: String, description: '链断开的原因（仅在链不完整时）' }) reason?: string;
  @ApiProperty({ type: [String], description: '发现的问题（中文），无问题时为空' }) problems!: string[];
}

/** A reminder or overdue mark for the signed-in user. */
export class NotificationResponse {
  @ApiProperty({ type: Number }) id!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) caseId!: string | null;
  @ApiProperty({ type: String, nullable: true }) caseNumber!: string | null;
  @ApiProperty({ type: String, example: 'warning', description: '提醒类别：warning（期限将届满）、overdue（已逾期）、lapsed_on_entry、timer_failed 等' })
  kind!: string;
  @ApiProperty({ type: String }) message!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueOn!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: Boolean }) read!: boolean;
}

/** An outcome code with its annual-report row (OUTCOMES). */
export class OutcomeResponse {
  @ApiProperty(OUTCOME) code!: string;
  @ApiProperty({ type: String, example: '3.3.4', description: '年度报告表格行' }) row!: string;
  @ApiProperty({ type: String }) label!: string;
  @ApiProperty({ type: String, example: '第36条第（二）项' }) basis!: string;
  @ApiProperty({ type: String, nullable: true, description: '文书中的正式引用' }) citation!: string | null;
  @ApiProperty({ enum: ['reconsideration_first', 'ordinary', 'none', 'per_part'], description: '救济途径条款（per_part：部分公开按各不予提供部分的依据分别告知）' }) remedy!: string;
  @ApiProperty({ type: Boolean, description: '可由承办人提出' }) proposable!: boolean;
  @ApiProperty({
    enum: ['decision', 'lapse', 'withdrawal'],
    description: '案件如何得到该结果：decision 提出办理意见、报批、送达；lapse 申请人逾期未补正或未缴费（视为放弃申请，close-lapsed）；withdrawal 申请人撤回',
  })
  via!: string;
}
