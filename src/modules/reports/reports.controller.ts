import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { annualReportCsv } from '../../domain/reports/annual-report';
import { AuthUser, CurrentUser, Roles } from '../../platform/auth/auth-user';
import { badRequest } from '../../platform/http-errors/app-exception';
import { ApiErrors } from '../../platform/http-errors/error-response';
import { ReportsService } from './reports.service';
import { AnnualReportResponse, DashboardResponse, ReportCellResponse, ReportCellsResponse } from './responses';

@ApiTags('reports 年度报告')
@ApiBearerAuth()
@ApiExtraModels(ReportCellsResponse)
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** 政府信息公开工作年度报告, sections 三 and 四 (国办公开办函〔2021〕30号), for the caller's agency. */
  @Roles('legal', 'admin')
  @Get('annual')
  @ApiQuery({ name: 'year', required: true, example: 2025 })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv', 'xlsx'] })
  @ApiOkResponse({
    type: AnnualReportResponse,
    description: '年度报告表（format=csv 时为 UTF-8 CSV，官方栏目名称；format=xlsx 时为官方格式的 Excel 表，含合并表头）',
  })
  @ApiErrors([400, 'year 缺失、格式错误或晚于本年度（VALIDATION_FAILED）'], 401, 403, 503)
  async annual(@CurrentUser() u: AuthUser, @Query('year') year: string, @Query('format') format: string | undefined, @Res({ passthrough: true }) res: Response) {
    if (format !== undefined && format !== 'json' && format !== 'csv' && format !== 'xlsx') {
      throw badRequest('format 只能是 json、csv 或 xlsx', [{ field: 'format', message: 'format 只能是 json、csv 或 xlsx' }]);
    }
    const report = await this.reports.annual(u.agencyId, year);
    if (format === 'xlsx') {
      res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('content-disposition', `attachment; filename="annual-report-${report.year}.xlsx"`);
      return new StreamableFile(await this.reports.xlsx(u.agencyId, report));
    }
    if (format !== 'csv') return report;
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="annual-report-${report.year}.csv"`);
    return annualReportCsv(report);
  }

  /** Dashboard figures for the web UI (SQL aggregates): received per month, states, outcomes, on time, overdue. */
  @Roles('legal', 'admin', 'approver')
  @Get('dashboard')
  @ApiQuery({ name: 'year', required: true, example: 2026 })
  @ApiOkResponse({ type: DashboardResponse, description: '统计图表数据：每月新收、状态、办理结果、按期答复率、平均答复工作日、各部门逾期' })
  @ApiErrors([400, 'year 缺失、格式错误或晚于本年度（VALIDATION_FAILED）'], 401, 403, 503)
  dashboard(@CurrentUser() u: AuthUser, @Query('year') year: string) {
    return this.reports.dashboard(u.agencyId, year);
  }

  /** The cases counted in one cell of section 三 (every cell links here). */
  @Roles('legal', 'admin')
  @Get('annual/cases')
  @ApiQuery({ name: 'year', required: true, example: 2025 })
  @ApiQuery({ name: 'row', required: true, example: '3.1' })
  @ApiQuery({ name: 'column', required: false, example: 'natural_person' })
  @ApiOkResponse({ type: ReportCellResponse, description: '该栏目计入的案件（至多 500 件）' })
  @ApiErrors([400, 'year、row 或 column 无效（VALIDATION_FAILED）'], 401, 403, 503)
  cell(@CurrentUser() u: AuthUser, @Query('year') year: string, @Query('row') row: string, @Query('column') column?: string) {
    return this.reports.cell(u.agencyId, year, row, column);
  }
}
