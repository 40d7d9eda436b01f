import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DocSeriesResponse {
  @ApiProperty({ type: String, example: '示范县公开', description: '答复书文号前缀' }) reply!: string;
  @ApiProperty({ type: String, example: '示范县公开回执', description: '回执文号前缀' }) receipt!: string;
  @ApiProperty({ type: String, example: '示范县公开告', description: '告知书文号前缀' }) notice!: string;
}

export class ApprovalStepResponse {
  @ApiProperty({ type: String, example: 'approver', description: '审批环节（或可审批的角色）' }) step!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', description: '指定的审批人' }) approverId?: string;
}

/** agencies.settings, merged with the defaults (AgencySettings). */
export class AgencySettingsResponse {
  @ApiProperty({ type: Boolean, description: '缴费期间是否不计入答复期限' }) feePausesClock!: boolean;
  @ApiProperty({ type: [Number], example: [3, 1], description: '期限届满前提前提醒的工作日数' }) warningWorkingDays!: number[];
  @ApiProperty({ type: Number, example: 10, description: '同一申请人每月申请数超过此数时提示（条例第35条）' })
  monthlyRequestThreshold!: number;
  @ApiProperty({ type: DocSeriesResponse }) docSeries!: DocSeriesResponse;
  @ApiProperty({ type: Boolean, description: '全部承办人可查阅本机关所有案件（仅查阅）' }) handlersReadAllCases!: boolean;
  @ApiProperty({ type: String, description: '行政复议机关的互联网申请渠道（行政复议法第二十二条第二款）；空：未设置' }) reconsiderationOnlineChannel!: string;
  @ApiProperty({ type: String, description: '信息处理费缴纳方式；空：未设置（不能发出收费通知）' }) feePaymentChannel!: string;
  @ApiProperty({
    type: Number,
    example: 3,
    description: '补录宽限（工作日）：业务发生日期早于今天超过此数的操作须填写补录原因（backdateReason），并列入法制审核',
  })
  backdateGraceWorkingDays!: number;
  @ApiPropertyOptional({ type: [ApprovalStepResponse], description: '报批环节（未设置时由任一审批人审批）' })
  approvalChain?: ApprovalStepResponse[];
}

/** 行政机关: AgenciesService.get / update. */
export class AgencyResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, example: '示范县人民政府办公室' }) name!: string;
  @ApiProperty({ type: String, example: '示范县政府办' }) shortName!: string;
  @ApiProperty({ type: String, example: '示范县公开', description: '文号前缀' }) docPrefix!: string;
  @ApiProperty({ type: String, description: '政府信息公开工作机构' }) disclosureOfficeName!: string;
  @ApiProperty({ type: String, nullable: true }) disclosureOfficePhone!: string | null;
  @ApiProperty({ type: String, nullable: true }) disclosureOfficeEmail!: string | null;
  @ApiProperty({ type: String, nullable: true }) address!: string | null;
  @ApiProperty({ type: String, nullable: true }) postalCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, description: '复议机关' }) reconsiderationBody!: string;
  @ApiProperty({ type: String, description: '人民法院' }) court!: string;
  @ApiProperty({ type: AgencySettingsResponse }) settings!: AgencySettingsResponse;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

/** 承办部门. */
export class DepartmentResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid' }) agencyId!: string;
  @ApiProperty({ type: String, example: '政务公开科' }) name!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}
