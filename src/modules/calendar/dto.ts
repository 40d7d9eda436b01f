import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
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
  @ApiProperty() @IsIsoDate() requestedOn!: string;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() receivedOn?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 60 }) @IsOptional() @IsInt() @Min(1) @Max(60) periodWorkingDays?: number;
}

export class PreviewConsultationDto {
  @ApiProperty({ enum: ['thirdParty', 'agency'] }) @IsIn(['thirdParty', 'agency']) party!: 'thirdParty' | 'agency';
  @ApiProperty() @IsIsoDate() sentOn!: string;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() receivedOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() closedOn?: string;
}

export class PreviewFeePeriodDto {
  @ApiProperty() @IsIsoDate() noticeOn!: string;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() paidOn?: string;
}

export class ClockPreviewDto {
  @ApiProperty({ example: '2026-07-16' }) @IsIsoDate() receiptDate!: string;
  @ApiPropertyOptional({ type: PreviewCorrectionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PreviewCorrectionDto)
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
