import { ApiProperty } from '@nestjs/swagger';
import { FINDING_CODES } from '../../domain/audit/findings';

export class FindingResponse {
  @ApiProperty({ enum: FINDING_CODES }) code!: string;
  @ApiProperty({ enum: ['high', 'medium', 'low'] }) severity!: string;
  @ApiProperty({ nullable: true, type: String, description: '所依据的条款；内部控制规则为 null' }) article!: string | null;
  @ApiProperty({ description: '中文提示' }) message!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '证据：事件编号（eventIds）、日期等' }) evidence!: Record<string, unknown>;
}

export class AuditCaseResponse {
  @ApiProperty() id!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty() state!: string;
  @ApiProperty({ nullable: true, type: String }) outcome!: string | null;
  @ApiProperty() closedOn!: string;
  @ApiProperty() applicantName!: string;
  @ApiProperty({ description: '发现项已按当前规则版本计算' }) computed!: boolean;
  @ApiProperty() findingCount!: number;
  @ApiProperty() highCount!: number;
  @ApiProperty({ type: [String] }) codes!: string[];
  @ApiProperty() signedOff!: boolean;
  @ApiProperty({ nullable: true, type: String }) signedOffAt!: string | null;
}

export class AuditCaseListResponse {
  @ApiProperty({ type: [AuditCaseResponse] }) items!: AuditCaseResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class SignOffResponse {
  @ApiProperty() caseId!: string;
  @ApiProperty() signedOff!: boolean;
  @ApiProperty({ description: '历史记录中签核记录的序号' }) eventSeq!: number;
  @ApiProperty() comments!: string;
  @ApiProperty({ type: [FindingResponse] }) findings!: FindingResponse[];
}
