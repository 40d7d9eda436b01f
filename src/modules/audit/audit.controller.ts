import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../platform/auth/auth-user';
import { ApiErrors } from '../../platform/http-errors/error-response';
import { AddAuditFindingDto, AuditCasesQuery, SignOffDto } from './dto';
import { FindingsService } from './findings.service';
import { AuditCaseListResponse, FindingResponse, SignOffResponse } from './responses';

/** 法制审核 (issue 15): a case's findings, the audit list, legal staff's findings and sign-off. */
@ApiTags('audit 法制审核')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(private readonly findings: FindingsService) {}

  @Get('cases/:id/findings')
  @ApiOperation({
    summary:
      '案件的法制审核发现项（docs/audit-findings.md）：已办结的案件为办结时计算并保存的结果（规则更新后重新计算），办理中的案件按当日计算；报批中的答复包括审批前可判断的发现项。法制审核人员、系统管理员；审批人在案件报批期间',
  })
  @ApiOkResponse({ type: [FindingResponse], description: '无发现项时为 []' })
  @ApiErrors(401, [403, '当前角色无权查看（FORBIDDEN_ROLE）'], [404, '案件不存在或不属于本机关（NOT_FOUND）'], 503)
  caseFindings(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    return this.findings.forCase(u, id);
  }

  @Roles('legal')
  @Post('cases/:id/audit/findings')
  @ApiOperation({ summary: '法制审核人员添加发现项或审核意见（记入案件历史记录 AUDIT_FINDING_ADDED；不改变案件数据）' })
  @ApiOkResponse({ type: [FindingResponse], description: '添加后案件的全部发现项' })
  @ApiErrors([400, '请求数据有误（VALIDATION_FAILED）'], 401, [403, '只有法制审核人员可以添加（FORBIDDEN_ROLE）'], [404, '案件不存在或不属于本机关（NOT_FOUND）'], 413, 415, 503)
  add(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: AddAuditFindingDto) {
    return this.findings.addFinding(u, id, dto);
  }

  @Roles('legal')
  @Post('cases/:id/audit/sign-off')
  @HttpCode(200)
  @ApiOperation({ summary: '法制审核签核：已办结的案件经审核（记入案件历史记录 AUDIT_SIGNED_OFF，含当时的发现项；每案一次）' })
  @ApiOkResponse({ type: SignOffResponse })
  @ApiErrors(
    [400, '请求数据有误（VALIDATION_FAILED）'],
    401,
    [403, '只有法制审核人员可以签核（FORBIDDEN_ROLE）'],
    [404, '案件不存在或不属于本机关（NOT_FOUND）'],
    [409, '案件尚未办结（AUDIT_CASE_NOT_CLOSED）或已签核（AUDIT_ALREADY_SIGNED_OFF）'],
    413,
    415,
    503,
  )
  signOff(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: SignOffDto) {
    return this.findings.signOff(u, id, dto?.comments ?? '');
  }

  @Roles('legal', 'admin')
  @Get('audit/cases')
  @ApiOperation({ summary: '已办结的案件及其发现项数（按办结日期倒序）；finding：只列出有该发现项的案件' })
  @ApiOkResponse({ type: AuditCaseListResponse })
  @ApiErrors([400, '查询条件有误（VALIDATION_FAILED）'], 401, [403, '只有法制审核人员和系统管理员可以查看（FORBIDDEN_ROLE）'], 503)
  list(@CurrentUser() u: AuthUser, @Query() q: AuditCasesQuery) {
    return this.findings.list(u, q);
  }
}
