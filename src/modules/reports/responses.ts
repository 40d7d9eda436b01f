import { ApiProperty } from '@nestjs/swagger';

export class ReportCellsResponse {
  @ApiProperty() natural_person!: number;
  @ApiProperty() commercial!: number;
  @ApiProperty() research!: number;
  @ApiProperty() public_interest!: number;
  @ApiProperty() legal_service!: number;
  @ApiProperty() other!: number;
  @ApiProperty({ description: '六列之和' }) total!: number;
}

export class RemedyCellsResponse {
  @ApiProperty({ description: '结果维持' }) upheld!: number;
  @ApiProperty({ description: '结果纠正' }) corrected!: number;
  @ApiProperty({ description: '其他结果' }) other!: number;
  @ApiProperty({ description: '尚未审结' }) pending!: number;
  @ApiProperty({ description: '总计' }) total!: number;
}

export class RemediesResponse {
  @ApiProperty({ type: RemedyCellsResponse }) reconsideration!: RemedyCellsResponse;
  @ApiProperty({ type: RemedyCellsResponse, description: '未经复议直接起诉' }) litigationDirect!: RemedyCellsResponse;
  @ApiProperty({ type: RemedyCellsResponse, description: '复议后起诉' }) litigationAfterReconsideration!: RemedyCellsResponse;
}

export class ReconciliationMismatchResponse {
  @ApiProperty() column!: string;
  @ApiProperty({ description: '一 + 二' }) left!: number;
  @ApiProperty({ description: '三（七） + 四' }) right!: number;
}

export class ReconciliationResponse {
  @ApiProperty({ description: '每一列均满足 一 + 二 = 三（七） + 四' }) ok!: boolean;
  @ApiProperty() received!: number;
  @ApiProperty() carriedIn!: number;
  @ApiProperty() closed!: number;
  @ApiProperty() carriedOut!: number;
  @ApiProperty({ type: [ReconciliationMismatchResponse] }) mismatches!: ReconciliationMismatchResponse[];
}

export class AnnualReportResponse {
  @ApiProperty({ example: 2025 }) year!: number;
  @ApiProperty({ example: '2025-12-31', description: '统计截止日：该年12月31日，本年度为今天' }) asOf!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/ReportCellsResponse' },
    description: '25 个栏目（"1"、"2"、"3.1"…"3.6.3"、"3.7"、"4"），每栏 7 列',
  })
  rows!: Record<string, ReportCellsResponse>;
  @ApiProperty({ type: RemediesResponse }) remedies!: RemediesResponse;
  @ApiProperty({ type: ReconciliationResponse }) reconciliation!: ReconciliationResponse;
}

export class ReportCellCaseResponse {
  @ApiProperty() id!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty() receiptDate!: string;
  @ApiProperty({ type: String, nullable: true }) closedOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) outcome!: string | null;
  @ApiProperty() state!: string;
}

export class ReportCellResponse {
  @ApiProperty() year!: number;
  @ApiProperty() asOf!: string;
  @ApiProperty() row!: string;
  @ApiProperty() column!: string;
  @ApiProperty({ type: [ReportCellCaseResponse] }) items!: ReportCellCaseResponse[];
}

export class DashboardMonthResponse {
  @ApiProperty({ example: 3 }) month!: number;
  @ApiProperty() received!: number;
}
export class DashboardStateResponse {
  @ApiProperty({ example: 'handling' }) state!: string;
  @ApiProperty({ example: '承办' }) label!: string;
  @ApiProperty() count!: number;
}
export class DashboardOutcomeResponse {
  @ApiProperty({ example: 'disclose' }) outcome!: string;
  @ApiProperty({ example: '予以公开' }) label!: string;
  @ApiProperty({ example: '3.1' }) row!: string;
  @ApiProperty() count!: number;
}
export class DashboardRepliesResponse {
  @ApiProperty({ description: '本年送达的答复（不含撤回、视为放弃申请）' }) delivered!: number;
  @ApiProperty({ description: '在答复期限内送达' }) onTime!: number;
  @ApiProperty({ description: '超过答复期限送达' }) late!: number;
  @ApiProperty({ type: Number, nullable: true, description: '按期答复率（0-1）' }) onTimeRate!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '自收到申请之日至送达答复的平均工作日数' }) averageWorkingDays!: number | null;
}
export class DashboardDepartmentResponse {
  @ApiProperty({ type: String, nullable: true }) departmentId!: string | null;
  @ApiProperty({ example: '政务公开科', description: '未分办的案件为“未分办”' }) department!: string;
  @ApiProperty({ description: '当前在办案件' }) open!: number;
  @ApiProperty({ description: '其中已逾期' }) overdue!: number;
}
export class DashboardResponse {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ example: '2026-06-30' }) asOf!: string;
  @ApiProperty({ type: [DashboardMonthResponse], description: '每月新收申请（12个月）' }) receivedByMonth!: DashboardMonthResponse[];
  @ApiProperty({ type: [DashboardStateResponse], description: '本年新收申请的当前状态' }) byState!: DashboardStateResponse[];
  @ApiProperty({ type: [DashboardOutcomeResponse], description: '本年办结案件的办理结果' }) byOutcome!: DashboardOutcomeResponse[];
  @ApiProperty({ type: DashboardRepliesResponse }) replies!: DashboardRepliesResponse;
  @ApiProperty({ type: [DashboardDepartmentResponse], description: '各承办部门当前在办及逾期案件' }) overdueByDepartment!: DashboardDepartmentResponse[];
}
