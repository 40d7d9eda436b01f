import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../cases/list-query';
import { FINDING_CODES } from '../../domain/audit/findings';
import { IsIsoDate } from '../../platform/http-errors/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class AuditCasesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FINDING_CODES, description: '只列出有该发现项的案件' })
  @IsOptional()
  @IsIn(FINDING_CODES as string[], { message: '中文:{f} 不是法制审核发现项代码（见 docs/audit-findings.md）' })
  finding?: string;
  @ApiPropertyOptional({ description: '办结日期起（含）' }) @IsOptional() @IsIsoDate() closedFrom?: string;
  @ApiPropertyOptional({ description: '办结日期止（含）' }) @IsOptional() @IsIsoDate() closedTo?: string;
  @ApiPropertyOptional({ description: 'true：已签核；false：未签核' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  signedOff?: boolean;
}

export class AddAuditFindingDto {
  @ApiPropertyOptional({ enum: FINDING_CODES, description: '发现项代码；不填为 LEGAL_NOTE（审核意见）' })
  @IsOptional()
  @IsIn(FINDING_CODES as string[], { message: '中文:{f} 不是法制审核发现项代码（见 docs/audit-findings.md）' })
  code?: string;
  @ApiPropertyOptional({ enum: ['high', 'medium', 'low'], description: '严重度；不填按目录' })
  @IsOptional()
  @IsIn(['high', 'medium', 'low'])
  severity?: 'high' | 'medium' | 'low';
  @ApiProperty({ maxLength: 2000, description: '发现的问题或审核意见' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: '中文:{f} 不能为空（审核意见）' })
  @MaxLength(2000, { message: '中文:{f} 不能超过 2000 个字符' })
  comment!: string;
}

export class SignOffDto {
  @ApiPropertyOptional({ maxLength: 2000, description: '签核意见' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000, { message: '中文:{f} 不能超过 2000 个字符' })
  comments?: string;
}
