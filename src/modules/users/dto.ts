import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  IsObject,
  ValidateNested,
} from 'class-validator';
import { AGENCY_ROLES, type AgencyRole } from '../../domain/workflow/roles';

export class CreateUserDto {
  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{2,50}$/, { message: '中文:{f} 只能包含 2-50 个字母、数字、点、下划线或连字符' })
  username!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) displayName!: string;
  @ApiProperty() @IsString() @MinLength(8, { message: '中文:{f} 至少 8 个字符' }) @MaxLength(200) password!: string;
  @ApiProperty({ enum: AGENCY_ROLES, isArray: true }) @IsArray() @ArrayNotEmpty() @IsIn(AGENCY_ROLES, { each: true }) roles!: AgencyRole[];
  @ApiPropertyOptional() @IsOptional() @IsUUID() departmentId?: string;
}

/** PATCH /users/:id: at least one of these; every change ends the user's sessions. */
export class UpdateUserDto {
  @ApiPropertyOptional({ description: 'false：停用账户（立即结束其全部登录）' }) @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ enum: AGENCY_ROLES, isArray: true }) @IsOptional() @IsArray() @ArrayNotEmpty() @IsIn(AGENCY_ROLES, { each: true }) roles?: AgencyRole[];
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) displayName?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: '承办部门；null：不属于任何部门' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  departmentId?: string | null;
}

/** POST /users/:id/password-reset: the new password, handed to the user out of band. */
export class ResetPasswordDto {
  @ApiProperty({ minLength: 8 }) @IsString() @MinLength(8, { message: '中文:{f} 至少 8 个字符' }) @MaxLength(200) password!: string;
}

/** The first admin of a new agency. */
export class FirstAdminDto {
  @ApiProperty({ example: 'admin-xq' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{2,50}$/, { message: '中文:{f} 只能包含 2-50 个字母、数字、点、下划线或连字符' })
  username!: string;
  @ApiProperty() @IsString() @MinLength(8, { message: '中文:{f} 至少 8 个字符' }) @MaxLength(200) password!: string;
  @ApiPropertyOptional({ example: '系统管理员' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) displayName?: string;
}

/**
 * POST /agencies (平台管理员): a new agency with its first admin. The other fields of the agency are
 * optional here and set later by that admin (cases cannot be registered until the 政府信息公开工作机构,
 * the 复议机关 and the 人民法院 that letters name are set).
 */
export class CreateAgencyDto {
  @ApiProperty({ example: '示范区人民政府' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ example: '示范区政府' }) @IsString() @IsNotEmpty() @MaxLength(50) shortName!: string;
  @ApiProperty({ example: '示范区政公开', description: '文号前缀' }) @IsString() @IsNotEmpty() @MaxLength(50) docPrefix!: string;
  @ApiPropertyOptional({ description: '政府信息公开工作机构' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) disclosureOfficeName?: string;
  @ApiPropertyOptional({ description: '复议机关' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) reconsiderationBody?: string;
  @ApiPropertyOptional({ description: '人民法院' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) court?: string;
  @ApiProperty({ type: FirstAdminDto }) @IsDefined() @ValidateNested() @Type(() => FirstAdminDto) @IsObject() admin!: FirstAdminDto;
}
