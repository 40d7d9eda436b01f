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
