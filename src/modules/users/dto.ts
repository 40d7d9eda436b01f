import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Role, ROLES } from '../../domain/workflow/roles';

export class CreateUserDto {
  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{2,50}$/, { message: '中文:{f} 只能包含 2-50 个字母、数字、点、下划线或连字符' })
  username!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) displayName!: string;
  @ApiProperty() @IsString() @MinLength(8, { message: '中文:{f} 至少 8 个字符' }) @MaxLength(200) password!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) @IsArray() @ArrayNotEmpty() @IsIn(ROLES, { each: true }) roles!: Role[];
  @ApiPropertyOptional() @IsOptional() @IsUUID() departmentId?: string;
}

/** PATCH /users/:id: at least one of these; every change ends the user's sessions. */
export class UpdateUserDto {
  @ApiPropertyOptional({ description: 'false：停用账户（立即结束其全部登录）' }) @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ enum: ROLES, isArray: true }) @IsOptional() @IsArray() @ArrayNotEmpty() @IsIn(ROLES, { each: true }) roles?: Role[];
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) displayName?: string;
}

/** POST /users/:id/password-reset: the new password, handed to the user out of band. */
export class ResetPasswordDto {
  @ApiProperty({ minLength: 8 }) @IsString() @MinLength(8, { message: '中文:{f} 至少 8 个字符' }) @MaxLength(200) password!: string;
}
