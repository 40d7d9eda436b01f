import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../platform/auth/auth-user';
import { ApiErrors } from '../../platform/http-errors/error-response';
import { CasesService } from './cases.service';
import { ListCasesQuery } from './list-query';
import { CaseListResponse } from './responses';

/** 待审批: the approval inbox, for approvers only (the server refuses the other roles). */
@ApiTags('cases 案件')
@ApiBearerAuth()
@Controller('approvals')
export class ApprovalsController {
  constructor(private readonly cases: CasesService) {}

  @Roles('approver')
  @Get()
  @ApiOperation({ summary: '待当前用户审批的案件：报批中、当前环节由其审批、且不是其本人提出的办理意见（仅审批人）' })
  @ApiOkResponse({ type: CaseListResponse })
  @ApiErrors([400, '查询条件有误（VALIDATION_FAILED）'], 401, [403, '只有审批人可以查看待审批案件（FORBIDDEN_ROLE）'], 503)
  inbox(@CurrentUser() u: AuthUser, @Query() q: ListCasesQuery) {
    return this.cases.list(u, { ...q, state: 'inApproval', approvableBy: { userId: u.id, roles: u.roles } });
  }
}
