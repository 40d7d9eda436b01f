import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  IsObject,
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull } from '../../platform/http-errors/validators';

export class DocSeriesDto {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MaxLength(50) reply?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MaxLength(50) receipt?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MaxLength(50) notice?: string;
}

/** One step of the agency's approval chain (报批): a named step, by one user or by any holder of a role. */
export class ApprovalStepDto {
  @ApiProperty({ example: '分管领导', description: '环节名称；未指定审批人时为可审批的角色（approver 或 legal）' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  step!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', description: '指定的审批人（本机关在用的审批人）' })
  @IsOptional()
  @IsUUID()
  approverId?: string;
}

export class AgencySettingsDto {
  @ApiPropertyOptional({ description: '缴费期间是否不计入答复期限' }) @OptionalNotNull() @IsBoolean() feePausesClock?: boolean;
  @ApiPropertyOptional({ type: [Number] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(20, { each: true })
  warningWorkingDays?: number[];
  @ApiPropertyOptional() @OptionalNotNull() @IsInt() @Min(1) @Max(1000) monthlyRequestThreshold?: number;
  @ApiPropertyOptional({ type: DocSeriesDto }) @OptionalNotNull() @ValidateNested() @Type(() => DocSeriesDto) @IsObject() docSeries?: DocSeriesDto;
  @ApiPropertyOptional({ description: '是否允许全部承办人查阅本机关所有案件（仅查阅，不能办理；默认否）' })
  @OptionalNotNull()
  @IsBoolean()
  handlersReadAllCases?: boolean;
  @ApiPropertyOptional({ description: '行政复议机关的互联网申请渠道（行政复议法第二十二条第二款），印于救济条款；未设置时载有救济途径的答复书不能电子送达' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  reconsiderationOnlineChannel?: string;
  @ApiPropertyOptional({ description: '信息处理费缴纳方式（非税收入缴款码或账户、财政票据领取方式），印于收费通知书；未设置时不能发出收费通知' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  feePaymentChannel?: string;
  @ApiPropertyOptional({
    description: '补录宽限（工作日）：业务发生日期早于今天超过此数的操作须填写补录原因，并列入法制审核（默认 3）',
    minimum: 0,
    maximum: 60,
  })
  @OptionalNotNull()
  @IsInt({ message: '中文:{f} 必须是整数（工作日数）' })
  @Min(0, { message: '中文:{f} 不能小于 0' })
  @Max(60, { message: '中文:{f} 不能超过 60 个工作日' })
  backdateGraceWorkingDays?: number;
  @ApiPropertyOptional({ type: [ApprovalStepDto], description: '报批环节，按顺序逐级审批（至多 5 级；空数组：任一审批人审批一次）' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(5, { message: '中文:{f} 至多 5 个环节' })
  @ValidateNested({ each: true })
  @Type(() => ApprovalStepDto)
  approvalChain?: ApprovalStepDto[];
}

export class UpdateAgencyDto {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(50) shortName?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(50) docPrefix?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) disclosureOfficeName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) disclosureOfficePhone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) disclosureOfficeEmail?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) address?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) postalCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) phone?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) reconsiderationBody?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) court?: string;
  @ApiPropertyOptional({ type: AgencySettingsDto })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => AgencySettingsDto)
  @IsObject() // an array passes @ValidateNested and would reach the service
  settings?: AgencySettingsDto;
}

export class CreateDepartmentDto {
  @ApiProperty({ example: '政务公开科' }) @IsString() @IsNotEmpty() @MaxLength(100) name!: string;
}
