import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { OUTCOME_CODES } from '../../domain/outcomes/outcomes';
import { REQUEST_FLAG_KINDS } from '../../domain/patterns/request-patterns';
import { IsIsoDate } from '../../platform/http-errors/validators';
import { badRequest } from '../../platform/http-errors/app-exception';
import type { WorklistKey } from './case.repository';

/** The worklist's total is counted up to this many cases; beyond, the answer says totalExact: false. */
export const WORKLIST_COUNT_CAP = 10_000;

/** The keyset cursor of the worklist (opaque to the client): the last row's sort key. */
export function encodeWorklistCursor(k: WorklistKey): string {
  return Buffer.from(JSON.stringify([k.nextDue, k.receiptDate, k.caseNumber])).toString('base64url');
}

const DATE_OR_NULL = (v: unknown) => v === null || (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v));

export function decodeWorklistCursor(cursor: string): WorklistKey {
  let k: unknown;
  try {
    k = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    k = null;
  }
  if (!Array.isArray(k) || k.length !== 3 || !DATE_OR_NULL(k[0]) || !DATE_OR_NULL(k[1]) || typeof k[2] !== 'string' || k[2].length > 50) {
    throw badRequest('cursor 无效', [{ field: 'cursor', message: 'cursor 无效，请使用上一页返回的 nextCursor' }]);
  }
  return { nextDue: k[0], receiptDate: k[1], caseNumber: k[2] };
}

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
  @ApiPropertyOptional({ description: '翻页游标：上一页返回的 nextCursor（按期限顺序接着读，不再使用 page）' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  cursor?: string;
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
