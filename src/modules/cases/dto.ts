import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CONSULTATION_BASES, NOTICE_DELIVERY_METHODS } from '../../domain/deadlines/periods';
import type { ConsultationBasis, NoticeDeliveryMethod } from '../../domain/deadlines/periods';
import { OUTCOME_CODES, OutcomeCode, WITHHELD_PART_GROUNDS } from '../../domain/outcomes/outcomes';
import { BACKDATE_REASON_MAX_LENGTH } from '../../domain/workflow/backdating';
import { FINDING_CODES } from '../../domain/audit/findings';
import { THIRD_PARTY_OVERRIDE_GROUNDS } from '../../domain/workflow/types';
import { IsIsoDate, IsOffsetTimestamp } from '../../platform/http-errors/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const CHANNELS = ['in_person', 'registered_post', 'ordinary_post', 'online', 'fax'] as const;
export const APPLICANT_TYPES = ['natural', 'organisation'] as const;
export const APPLICANT_CATEGORIES = ['natural_person', 'commercial', 'research', 'public_interest', 'legal_service', 'other'] as const;
export const ID_TYPES = ['resident_id', 'uscc', 'passport', 'other'] as const;
export const FORMS = ['paper', 'electronic'] as const;
export const DELIVERY_METHODS = ['post', 'pickup', 'email', 'online'] as const;

export class ApplicantDto {
  @ApiProperty({ enum: APPLICANT_TYPES }) @IsIn(APPLICANT_TYPES) type!: (typeof APPLICANT_TYPES)[number];
  @ApiProperty({ enum: APPLICANT_CATEGORIES, description: '年度报告申请人类别' })
  @IsIn(APPLICANT_CATEGORIES)
  category!: (typeof APPLICANT_CATEGORIES)[number];
  @ApiProperty({ description: '姓名或名称' }) @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ enum: ID_TYPES }) @IsIn(ID_TYPES) idType!: (typeof ID_TYPES)[number];
  @ApiProperty({ description: '身份证明号码' }) @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(50) idNumber!: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(50) phone?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(300) address?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(100) email?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(20) postalCode?: string;
}

/** 登记 — 条例第29条 (contents) and 第31条 (receipt date from channel and times). */
export class RegisterCaseDto {
  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) channel!: (typeof CHANNELS)[number];
  @ApiProperty({ example: '2026-02-13T10:05:00+08:00' }) @IsOffsetTimestamp() arrivedAt!: string;
  @ApiPropertyOptional({ description: '平常信函、互联网、传真：与申请人确认的时间（条例第31条）' })
  @IsOptional()
  @IsOffsetTimestamp()
  confirmedAt?: string;
  @ApiPropertyOptional({
    description:
      '平常信函未于到达当日（北京时间）与申请人确认时必填：未能当日确认的原因（如当日无法联系申请人，自恢复联系之日起确认）。' +
      '条例第31条第（二）项：应当于收到申请的当日与申请人确认；案件标记 late_confirmation 供法制审核',
    maxLength: 1000,
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: '中文:{f} 不能为空：须写明未能当日确认的原因' })
  @MaxLength(1000)
  confirmationDelayReason?: string;
  @ApiProperty({ type: ApplicantDto }) @ValidateNested() @Type(() => ApplicantDto) @IsObject() applicant!: ApplicantDto;
  @ApiProperty({ maxLength: 4000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000, { message: '中文:{f} 不能超过 4000 个字符' })
  description!: string;
  @ApiProperty({ enum: FORMS }) @IsIn(FORMS) form!: (typeof FORMS)[number];
  @ApiProperty({ enum: DELIVERY_METHODS }) @IsIn(DELIVERY_METHODS) deliveryMethod!: (typeof DELIVERY_METHODS)[number];
  @ApiPropertyOptional({
    description: '本申请的件数（一事一申请；按件收费时同一申请人一个自然月内累计计算，国办函〔2020〕109号第四条），默认 1',
    minimum: 1,
    maximum: 10000,
  })
  @IsOptional()
  @IsInt({ message: '中文:{f} 必须是整数（件数）' })
  @Min(1, { message: '中文:{f}（件数）至少为 1' })
  @Max(10000, { message: '中文:{f}（件数）不能超过 10000' })
  items?: number;
}

/**
 * 网上申请 (POST /public/applications): the fields of a registration but the office's own — the
 * channel (online), the arrival time (now) and the confirmation (条例第31条第（三）项, by a clerk).
 */
export class PublicApplicationDto extends OmitType(RegisterCaseDto, ['channel', 'arrivedAt', 'confirmedAt', 'confirmationDelayReason'] as const) {
  @ApiPropertyOptional({ description: '留空（页面对用户隐藏的防机器人字段；填写则不予受理）' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  website?: string;
}

/**
 * How a notice goes to its recipient (legal review finding 1): in person and electronically it is
 * received on the day sent; by post on the day of the delivery record (record-letter-receipt), and
 * the periods counted from receipt wait for it.
 */
const NoticeDelivery = (defaultText: string) =>
  applyDecorators(
    ApiPropertyOptional({
      enum: NOTICE_DELIVERY_METHODS,
      description: `本文书的送达方式：in_person 直接送达、electronic 电子送达（均以发出当日为收到之日），post 邮寄（收到日期以妥投记录为准，由 record-letter-receipt 记录，此前自收到之日起计算的期限不起算）。默认：${defaultText}`,
    }),
    IsOptional(),
    IsIn(NOTICE_DELIVERY_METHODS as string[], { message: '中文:{f} 必须是 in_person（直接送达）、post（邮寄）或 electronic（电子送达）' }),
  );
const APPLICANT_NOTICE_DEFAULT = '按登记时申请人选择的获取方式：email、online → electronic，其余 → post';

export class ActionDto {
  @ApiProperty({ description: '客户端读取时的版本号（乐观锁）' }) @IsInt() @Min(1) expectedVersion!: number;
  @ApiPropertyOptional({ description: '业务发生日期，默认今天；不得晚于今天、不得早于上一事件' })
  @IsOptional()
  @IsIsoDate()
  occurredOn?: string;
  @ApiPropertyOptional({
    description: '补录原因：occurredOn 早于今天超过本机关的补录宽限（backdateGraceWorkingDays，默认 3 个工作日）时必填，该记录列入法制审核',
    maxLength: BACKDATE_REASON_MAX_LENGTH,
  })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: '中文:{f} 必须是文本（补录原因）' })
  @MaxLength(BACKDATE_REASON_MAX_LENGTH, { message: `中文:{f} 不能超过 ${BACKDATE_REASON_MAX_LENGTH} 个字符` })
  backdateReason?: string;
  @ApiPropertyOptional({ description: '备注' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(2000) note?: string;
}

/** 确认收到网上申请（条例第31条第（三）项）: the confirmation's instant; its Asia/Shanghai date is the receipt date. */
export class ConfirmReceiptDto extends ActionDto {
  @ApiProperty({ example: '2026-02-16T09:30:00+08:00', description: '与申请人确认的时间（带时区的ISO时间）；其北京时间的日期为收到申请之日' })
  @IsOffsetTimestamp()
  confirmedAt!: string;
}

export class RequestCorrectionDto extends ActionDto {
  @ApiProperty({ type: [String], description: '需要补正的事项（一次性告知，条例第30条）' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  items!: string[];
  @ApiPropertyOptional({ description: '合理的补正期限（工作日），默认 15', minimum: 1, maximum: 60 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  periodWorkingDays?: number;
  @NoticeDelivery(APPLICANT_NOTICE_DEFAULT) deliveryMethod?: NoticeDeliveryMethod;
}

export class AssignDto extends ActionDto {
  @ApiProperty() @IsUUID() departmentId!: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() assigneeId?: string;
}

export class StartConsultationDto extends ActionDto {
  @ApiProperty({ enum: ['thirdParty', 'agency'] })
  @IsIn(['thirdParty', 'agency'], { message: '中文:{f} 必须是 thirdParty（第三方）或 agency（其他机关）' })
  party!: 'thirdParty' | 'agency';
  @ApiPropertyOptional({
    enum: CONSULTATION_BASES,
    description:
      '征求其他机关意见的依据（仅 party 为 agency，默认 coProducer）：coProducer 共同制作（条例第34条，逾期视为同意）；' +
      'secrecyReferral 不能确定是否可以公开，报有关主管部门或者保密行政管理部门确定（条例第17条第三款，不设答复期限，不视为同意，答复前不计入答复期限）；' +
      'other 其他需协商、确认的机关（条例第11条，自收到之日起15个工作日，逾期由本机关依法决定）',
  })
  @IsOptional()
  @IsIn(CONSULTATION_BASES as string[], { message: '中文:{f} 必须是 coProducer、secrecyReferral 或 other' })
  basis?: ConsultationBasis;
  @ApiProperty({ description: '第三方或被征求意见机关名称' }) @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiPropertyOptional({ description: '已由 basis: "secrecyReferral" 取代：true 等同于 basis 为 secrecyReferral（条例第17条第三款）', deprecated: true })
  @IsOptional()
  @IsBoolean({ message: '中文:{f} 必须是布尔值' })
  secrecyReferral?: boolean;
  @NoticeDelivery('post（邮寄）；填写 email 时为 electronic') deliveryMethod?: NoticeDeliveryMethod;
  @ApiPropertyOptional({
    description: '第三方或被征求意见机关的电子邮箱：填写时征求意见函以电子邮件发送（发件箱），送达方式为 electronic，答复期限自发送之日起计算；其答复以邮件日期为 occurredOn 记录（close-consultation）',
    example: 'legal@company.example.cn',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  @Matches(/^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/, { message: '中文:{f} 不是有效的电子邮箱地址' })
  email?: string;
}

export class CloseConsultationDto extends ActionDto {
  @ApiProperty() @IsString() @IsNotEmpty() consultationId!: string;
  @ApiProperty({ enum: ['agree', 'object', 'noAnswer'] }) @IsIn(['agree', 'object', 'noAnswer']) result!: 'agree' | 'object' | 'noAnswer';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reasons?: string;
}

export class IssueFeeNoticeDto extends ActionDto {
  @ApiProperty({ enum: ['per_item', 'per_page'] }) @IsIn(['per_item', 'per_page']) method!: 'per_item' | 'per_page';
  @ApiPropertyOptional({
    description: '按件：本申请的件数，默认为登记的件数（默认 1）；金额按同一申请人在本申请收到之月的全部申请累计计算（国办函〔2020〕109号第四条）',
    minimum: 1,
    maximum: 10000,
  })
  @IsOptional()
  @IsInt({ message: '中文:{f} 必须是整数（件数）' })
  @Min(1, { message: '中文:{f}（件数）至少为 1' })
  @Max(10000, { message: '中文:{f}（件数）不能超过 10000' })
  items?: number;
  @ApiPropertyOptional({ description: '按量：页数' }) @IsOptional() @IsInt() @Min(1) @Max(1000000) pages?: number;
  @NoticeDelivery(APPLICANT_NOTICE_DEFAULT) deliveryMethod?: NoticeDeliveryMethod;
}

export class RecordPaymentDto extends ActionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) receiptNumber?: string;
}

export class ExtendDto extends ActionDto {
  @ApiProperty({ minimum: 1, maximum: 20 })
  @IsInt()
  @Min(1, { message: '中文:{f} 必须是 1 到 20 之间的整数（条例第三十三条）' })
  @Max(20, { message: '中文:{f} 不能超过 20 个工作日（条例第三十三条）' })
  workingDays!: number;
  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @NoticeDelivery(APPLICANT_NOTICE_DEFAULT) deliveryMethod?: NoticeDeliveryMethod;
}

/**
 * 条例第30、32、34条, 国办函〔2020〕109号: the day a notice reached its recipient (the delivery record
 * of a posted letter); the periods the law counts from receipt run from it.
 */
export class RecordLetterReceiptDto extends ActionDto {
  @ApiProperty({ format: 'uuid', description: '文书 id（GET /cases/{id}/letters；征求意见函、补正告知书、收费通知书、延期答复告知书）' })
  @IsUUID('all', { message: '中文:{f} 必须是本案文书的 id（UUID）' })
  letterId!: string;
  @ApiProperty({ example: '2026-03-09', description: '收件人收到文书之日（邮寄：妥投记录所载日期）；不得早于文书发出之日，不得晚于记录之日' })
  @IsIsoDate()
  receivedOn!: string;
}

export class DeferDto extends ActionDto {
  @ApiProperty({ description: '延迟答复的合理期限（条例第35条）' }) @IsIsoDate() deferredTo!: string;
  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

/** 条例第35条: the reasons the applicant gave, and whether the agency finds them reasonable. */
export class RecordReasonsDto extends ActionDto {
  @ApiProperty({ description: '申请理由是否合理：true 可延迟答复（条例第35条），false 可告知不予处理' })
  @IsBoolean({ message: '中文:{f} 必须是 true（理由合理）或 false（理由不合理）' })
  reasonable!: boolean;
  @ApiProperty({ description: '申请人说明的理由（摘要）及认定意见', maxLength: 2000 })
  @Transform(trim)
  @IsString({ message: '中文:{f} 必须是文本（申请人说明的理由）' })
  @IsNotEmpty({ message: '中文:{f} 不能为空：须记录申请人说明的理由' })
  @MaxLength(2000, { message: '中文:{f} 不能超过 2000 个字符' })
  summary!: string;
}

export class SecrecyReviewDto extends ActionDto {
  @ApiProperty({ enum: ['disclose', 'partial', 'withhold'] }) @IsIn(['disclose', 'partial', 'withhold']) conclusion!: 'disclose' | 'partial' | 'withhold';
  @ApiProperty({ description: '审查依据' }) @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(2000) ground!: string;
  @ApiPropertyOptional({ description: '不予公开的部分' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(2000) withheldPart?: string;
}

export class WithheldPartDto {
  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(500) part!: string;
  @ApiProperty({
    enum: WITHHELD_PART_GROUNDS,
    description: '不予提供的依据：条例第十四、十五、十六条（withhold_*，复议前置），或不属于政府信息（not_government_information，条例第二条、第三十七条）',
  })
  @IsIn(WITHHELD_PART_GROUNDS as string[], { message: `中文:{f} 须为 ${WITHHELD_PART_GROUNDS.join('、')} 之一` })
  ground!: string;
  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @ApiPropertyOptional({ description: 'withhold_law_forbids 时必填：禁止公开该部分的法律、行政法规及其条款（条例第十四条），如《中华人民共和国统计法》第三十九条' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  lawProvision?: string;
}

export class ProposeDto extends ActionDto {
  @ApiProperty({ enum: OUTCOME_CODES }) @IsIn(OUTCOME_CODES as string[]) outcome!: OutcomeCode;
  @ApiPropertyOptional({ description: '依据（默认取办理结果对应的条款）' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(500) basis?: string;
  @ApiPropertyOptional({ description: '理由' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(4000) reasons?: string;
  @ApiPropertyOptional({ type: [WithheldPartDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => WithheldPartDto)
  withheldParts?: WithheldPartDto[];
  @ApiPropertyOptional({ description: 'withhold_law_forbids 时必填：禁止公开该信息的法律、行政法规及其条款（条例第十四条），如《中华人民共和国统计法》第三十九条' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  lawProvision?: string;
  @ApiPropertyOptional({ description: '第15条：未征求第三方意见的理由' }) @IsOptional() @IsString() @MaxLength(2000) noConsultationReason?: string;
  @ApiPropertyOptional({
    enum: THIRD_PARTY_OVERRIDE_GROUNDS,
    description: '第三方不同意公开而决定公开（予以公开、部分公开）时必填（条例第十五条、第三十二条）：public_interest 不公开可能对公共利益造成重大影响；objection_unfounded 第三方不同意公开的理由不合理',
  })
  @IsOptional()
  @IsIn(THIRD_PARTY_OVERRIDE_GROUNDS as unknown as string[], { message: '中文:{f} 须为 public_interest（不公开可能对公共利益造成重大影响）或 objection_unfounded（第三方不同意公开的理由不合理）' })
  overrideGround?: string;
  @ApiPropertyOptional({ description: '第三方不同意公开而决定公开时必填：具体理由，书面告知第三方（条例第三十二条）' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  overrideReason?: string;
  @ApiPropertyOptional({ description: '第三方不同意公开而决定公开时必填：决定公开的政府信息内容，书面告知第三方（条例第三十二条）' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  disclosedContent?: string;
  @ApiPropertyOptional({ description: '获取方式、途径（予以公开、已主动公开）' }) @IsOptional() @IsString() @MaxLength(2000) access?: string;
  @ApiPropertyOptional({ description: '检索情况（不存在）' }) @IsOptional() @IsString() @MaxLength(2000) searchPerformed?: string;
  @ApiPropertyOptional({ description: '负责公开的行政机关（非本机关）' }) @IsOptional() @IsString() @MaxLength(300) competentAgency?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) competentAgencyContact?: string;
  @ApiPropertyOptional({ description: '此前答复的文号（重复申请）' }) @IsOptional() @IsString() @MaxLength(100) earlierReply?: string;
  @ApiPropertyOptional({ description: '此前答复的日期（重复申请）' }) @IsOptional() @IsIsoDate() earlierReplyDate?: string;
  @ApiPropertyOptional({ description: '有特别规定的法律、行政法规（第36条第（七）项）' }) @IsOptional() @IsString() @MaxLength(300) specialLaw?: string;
  @ApiPropertyOptional({ description: '依特别规定办理的机构' }) @IsOptional() @IsString() @MaxLength(300) specialLawOffice?: string;
  @ApiPropertyOptional({ description: '渠道（信访、投诉、举报）或办理途径' }) @IsOptional() @IsString() @MaxLength(500) channelHint?: string;
}

export class OnTheSpotSecrecyReviewDto {
  @ApiProperty({ enum: ['disclose', 'partial', 'withhold'] }) @IsIn(['disclose', 'partial', 'withhold']) conclusion!: 'disclose' | 'partial' | 'withhold';
  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(2000) ground!: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(2000) withheldPart?: string;
}

/** 当场答复 (条例第33条第一款): a disclosure on the spot carries its secrecy review (条例第17条). */
export class OnTheSpotReplyDto extends ProposeDto {
  @ApiPropertyOptional({ type: OnTheSpotSecrecyReviewDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => OnTheSpotSecrecyReviewDto)
  @IsObject() // an array passes @ValidateNested and would reach the service
  secrecyReview?: OnTheSpotSecrecyReviewDto;
}

/** 不适用说明: why a high-severity finding of the legal audit does not apply to this reply (src/domain/audit). */
export class FindingOverrideDto {
  @ApiProperty({ enum: FINDING_CODES, description: '法制审核发现项代码（docs/audit-findings.md）' })
  @IsIn(FINDING_CODES as string[])
  code!: string;
  @ApiProperty({ maxLength: 1000, description: '该发现项不适用于本答复的理由（记入历史记录）' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000, { message: '中文:{f} 不能超过 1000 个字符' })
  reason!: string;
}

export class ApproveDto extends ActionDto {
  @ApiPropertyOptional({
    type: [FindingOverrideDto],
    description: '报批的答复有高严重度的法制审核发现项时（409 APPROVAL_BLOCKED_BY_FINDINGS），逐项说明不适用的理由后审批；记入本次审批的历史记录（overriddenFindings）',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => FindingOverrideDto)
  overrideFindings?: FindingOverrideDto[];
}

export class ReturnDto extends ActionDto {
  @ApiProperty({ description: '退回意见' }) @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(2000) comments!: string;
}

/**
 * 正当理由 against a proposed closure (视为放弃申请): 条例第三十条 — 申请人**无正当理由**逾期不补正的，
 * 视为放弃申请. With a good reason the application is not abandoned: the period runs again, in full,
 * from the day recorded (occurredOn).
 */
export class RecordGoodReasonDto extends ActionDto {
  @ApiProperty({ description: '申请人逾期的正当理由（如补正材料已在期限内寄出但送达延误）', maxLength: 2000 })
  @Transform(trim)
  @IsString({ message: '中文:{f} 必须是文本（申请人逾期的正当理由）' })
  @IsNotEmpty({ message: '中文:{f} 不能为空：须写明申请人逾期的正当理由' })
  @MaxLength(2000, { message: '中文:{f} 不能超过 2000 个字符' })
  reason!: string;
  @ApiPropertyOptional({
    description: '逾期未补正：重新给予的补正期限（工作日，自记录之日起算），默认为原补正期限。逾期未缴费：不填写，缴费期限重新计算20个工作日',
    minimum: 1,
    maximum: 60,
  })
  @IsOptional()
  @IsInt({ message: '中文:{f} 必须是整数（工作日）' })
  @Min(1, { message: '中文:{f} 至少为 1 个工作日' })
  @Max(60, { message: '中文:{f} 不能超过 60 个工作日' })
  periodWorkingDays?: number;
}

export const DELIVER_METHODS = ['in_person', 'post', 'email', 'online', 'other_agency'] as const;
export class DeliverDto extends ActionDto {
  @ApiProperty({ enum: DELIVER_METHODS }) @IsIn(DELIVER_METHODS) method!: (typeof DELIVER_METHODS)[number];
  @ApiProperty({ description: '受送达人' }) @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200) recipient!: string;
  @ApiPropertyOptional({ description: '邮件号：邮寄送达（post）时必填，交邮凭证（国办公开办函〔2016〕235号）' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  trackingNumber?: string;
  @ApiPropertyOptional({
    description: '寄送的邮政企业：仅邮寄送达（post）时填写，默认“中国邮政”（国办公开办函〔2016〕235号：通过邮政企业邮寄，以交邮之日为送达日期）',
    example: '中国邮政',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  carrier?: string;
  @ApiPropertyOptional({ description: '签收人（直接送达）' }) @IsOptional() @IsString() @MaxLength(100) signedBy?: string;
  @ApiPropertyOptional({ description: '发送地址或记录（电子送达）' }) @IsOptional() @IsString() @MaxLength(300) sentTo?: string;
  @ApiPropertyOptional({ description: '代为送达的机关' }) @IsOptional() @IsString() @MaxLength(200) viaAgency?: string;
}

export const REVIEW_RESULTS = ['upheld', 'corrected', 'other', 'pending'] as const;
export class RecordReconsiderationDto extends ActionDto {
  @ApiProperty() @IsIsoDate() filedOn!: string;
  @ApiProperty({ enum: REVIEW_RESULTS }) @IsIn(REVIEW_RESULTS) result!: (typeof REVIEW_RESULTS)[number];
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() decidedOn?: string;
}

export class RecordLitigationDto extends RecordReconsiderationDto {
  @ApiProperty() @IsBoolean() afterReconsideration!: boolean;
}

/** 查看敏感信息留痕: why the full identity number and phone are needed (optional, recorded in the history). */
export class RevealApplicantDto {
  @ApiPropertyOptional({ description: '查看原因（记入案件历史记录）', example: '电话联系申请人补正' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  reason?: string;
}
