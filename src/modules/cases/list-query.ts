import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { OUTCOME_CODES } from '../../domain/outcomes/outcomes';
import { REQUEST_FLAG_KINDS } from '../../domain/patterns/request-patterns';
import { IsIsoDate } from '../../platform/http-errors/validators';

export const CASE_STATES = ['awaitingConfirmation', 'registered', 'accepted', 'awaitingCorrection', 'closureProposed', 'handling', 'inApproval', 'decided', 'closed', 'archived'] as const;

/** page and pageSize of a listing (pageSize at most 100). */
export class PageQuery {
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page?: number;
  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100, { message: '中文:{f} 不能超过 100' })
  pageSize?: number;
}

export class ListCasesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CASE_STATES }) @IsOptional() @IsIn(CASE_STATES) state?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() assigneeId?: string;
  @ApiPropertyOptional({ description: '申请人姓名或名称' }) @IsOptional() @IsString() @MaxLength(100) applicant?: string;
  @ApiPropertyOptional({ description: '申请内容或案件编号' }) @IsOptional() @IsString() @MaxLength(200) text?: string;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() receivedFrom?: string;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() receivedTo?: string;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() dueBefore?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({ enum: OUTCOME_CODES }) @IsOptional() @IsIn(OUTCOME_CODES as string[]) outcome?: string;
  @ApiPropertyOptional({ enum: REQUEST_FLAG_KINDS, description: '带有该标记的案件（如 late_confirmation：平常信函未当日确认，供法制审核）' })
  @IsOptional()
  @IsIn(REQUEST_FLAG_KINDS as unknown as string[])
  flag?: string;
}
