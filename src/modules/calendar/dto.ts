import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  IsObject,
  ValidateNested,
} from 'class-validator';
import { CONSULTATION_BASES } from '../../domain/deadlines/periods';
import { IsIsoDate } from '../../platform/http-errors/validators';

export class AddWorkingDaysQuery {
  @ApiProperty({ example: '2026-02-13' }) @IsIsoDate() from!: string;
  @ApiProperty({ example: 20, minimum: 1, maximum: 366 })
  @Type(() => Number)
  @IsInt({ message: '中文:{f} 必须是 1 到 366 之间的整数' })
  @Min(1, { message: '中文:{f} 必须是 1 到 366 之间的整数' })
  @Max(366, { message: '中文:{f} 必须是 1 到 366 之间的整数' })
  days!: number;
}

export class WorkingDaysBetweenQuery {
  @ApiProperty({ example: '2026-02-13' }) @IsIsoDate() from!: string;
  @ApiProperty({ example: '2026-03-19' }) @IsIsoDate() to!: string;
}

export class HolidayRangeDto {
  @ApiProperty({ example: '春节' }) @IsString() @IsNotEmpty() @MaxLength(50) name!: string;
  @ApiProperty({ example: '2026-02-15' }) @IsIsoDate() from!: string;
  @ApiProperty({ example: '2026-02-23' }) @IsIsoDate() to!: string;
}

export class MakeupDayDto {
  @ApiProperty({ example: '春节' }) @IsString() @IsNotEmpty() @MaxLength(50) name!: string;
  @ApiProperty({ example: '2026-02-14' }) @IsIsoDate() date!: string;
}

export class PutCalendarYearDto {
  @ApiProperty({ example: '国务院办公厅关于2027年部分节假日安排的通知' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  notice!: string;
  @ApiProperty({ example: 'https://www.gov.cn/zhengce/…' }) @IsString() @IsNotEmpty() @MaxLength(500) source!: string;
  @ApiProperty({ type: [HolidayRangeDto] })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => HolidayRangeDto)
  holidays!: HolidayRangeDto[];
  @ApiProperty({ type: [MakeupDayDto] })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => MakeupDayDto)
  makeupWorkdays!: MakeupDayDto[];
}

export class PreviewCorrectionDto {
  @ApiProperty({ description: '补正告知书发出之日' }) @IsIsoDate() requestedOn!: string;
  @ApiPropertyOptional({ description: '收到补正申请之日（答复期限自此重新计算，条例第30条）' }) @IsOptional() @IsIsoDate() receivedOn?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 60 }) @IsOptional() @IsInt() @Min(1) @Max(60) periodWorkingDays?: number;
  @ApiPropertyOptional({ description: '申请人收到补正告知书之日（补正期限自此起算，条例第30条）；默认 requestedOn' })
  @IsOptional()
  @IsIsoDate()
  noticeReceivedOn?: string;
  @ApiPropertyOptional({ description: 'true：告知书邮寄、收到日期尚未确定，补正期限尚未起算（applicantCorrectionDue 为 null）' })
  @IsOptional()
  @IsBoolean({ message: '中文:{f} 必须是布尔值' })
  noticeAwaitingReceipt?: boolean;
}

export class PreviewConsultationDto {
  @ApiProperty({ enum: ['thirdParty', 'agency'] }) @IsIn(['thirdParty', 'agency']) party!: 'thirdParty' | 'agency';
  @ApiPropertyOptional({
    enum: CONSULTATION_BASES,
    description: '征求其他机关意见的依据（仅 party 为 agency）：coProducer 共同制作（条例第34条，默认）、secrecyReferral 报请确定（条例第17条第三款，无答复期限）、other 协商确认（条例第11条）',
  })
  @IsOptional()
  @IsIn(CONSULTATION_BASES as string[], { message: '中文:{f} 必须是 coProducer、secrecyReferral 或 other' })
  basis?: (typeof CONSULTATION_BASES)[number];
  @ApiProperty({ description: '发函日期' }) @IsIsoDate() sentOn!: string;
  @ApiPropertyOptional({ description: '对方收到征求意见函之日（答复期限自此起算，条例第32、34条）；默认 sentOn' }) @IsOptional() @IsIsoDate() receivedOn?: string;
  @ApiPropertyOptional({ description: 'true：函件邮寄、收到日期尚未确定，答复期限尚未起算（due 为 null）' })
  @IsOptional()
  @IsBoolean({ message: '中文:{f} 必须是布尔值' })
  awaitingReceipt?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() closedOn?: string;
}

export class PreviewFeePeriodDto {
  @ApiProperty({ description: '收费通知书发出之日' }) @IsIsoDate() noticeOn!: string;
  @ApiPropertyOptional({ description: '申请人收到收费通知之日（缴费期限自此起算，国办函〔2020〕109号）；默认 noticeOn' }) @IsOptional() @IsIsoDate() receivedOn?: string;
  @ApiPropertyOptional({ description: 'true：通知邮寄、收到日期尚未确定，缴费期限尚未起算（due 为 null）' })
  @IsOptional()
  @IsBoolean({ message: '中文:{f} 必须是布尔值' })
  awaitingReceipt?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() paidOn?: string;
}

export class ClockPreviewDto {
  @ApiProperty({ example: '2026-07-16' }) @IsIsoDate() receiptDate!: string;
  @ApiPropertyOptional({ type: PreviewCorrectionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PreviewCorrectionDto)
  @IsObject() // an array passes @ValidateNested and would reach the service
  correction?: PreviewCorrectionDto;
  @ApiPropertyOptional({ type: [PreviewConsultationDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PreviewConsultationDto)
  consultations?: PreviewConsultationDto[];
  @ApiPropertyOptional({ type: [PreviewFeePeriodDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PreviewFeePeriodDto)
  feePeriods?: PreviewFeePeriodDto[];
  @ApiPropertyOptional({ minimum: 0, maximum: 20, description: '条例第33条第二款：延长不超过20个工作日（0 表示未延期）' })
  @IsOptional()
  @IsInt({ message: '中文:{f} 必须是 0 到 20 之间的整数（条例第三十三条）' })
  @Min(0, { message: '中文:{f} 必须是 0 到 20 之间的整数（条例第三十三条）' })
  @Max(20, { message: '中文:{f} 不能超过 20 个工作日（条例第三十三条）' })
  extensionWorkingDays?: number;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() deferredTo?: string;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() asOf?: string;
  @ApiPropertyOptional({ description: '缴费期间是否不计入（默认 true）' }) @IsOptional() feePausesClock?: boolean;
}
