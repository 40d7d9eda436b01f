import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../platform/auth/auth-user';
import { AgenciesService } from './agencies.service';
import { CreateDepartmentDto, UpdateAgencyDto } from './dto';
import { ApiErrors } from '../../platform/http-errors/error-response';
import { AgencyResponse, DepartmentResponse } from './responses';

@ApiTags('agency 行政机关')
@ApiBearerAuth()
@Controller()
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  /** The caller's own agency. */
  @Get('agency')
  @ApiOkResponse({ type: AgencyResponse, description: '本机关及其设置' })
  @ApiErrors(401, 403, 503)
  agency(@CurrentUser() user: AuthUser) {
    return this.agencies.get(user.agencyId);
  }

  @Roles('admin')
  @Patch('agency')
  @ApiOkResponse({ type: AgencyResponse, description: '修改后的本机关' })
  @ApiErrors(400, 401, 403, 413, 415, 503)
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateAgencyDto) {
    return this.agencies.update(user.agencyId, dto);
  }

  @Get('departments')
  @ApiOkResponse({ type: [DepartmentResponse], description: '本机关的承办部门（按名称排序）' })
  @ApiErrors(401, 403, 503)
  departments(@CurrentUser() user: AuthUser) {
    return this.agencies.listDepartments(user.agencyId);
  }

  @Roles('admin')
  @Post('departments')
  @ApiCreatedResponse({ type: DepartmentResponse, description: '已新建的承办部门' })
  @ApiErrors(400, 401, 403, [409, '同名承办部门已存在（DEPARTMENT_EXISTS）'], 413, 415, 503)
  createDepartment(@CurrentUser() user: AuthUser, @Body() dto: CreateDepartmentDto) {
    return this.agencies.createDepartment(user.agencyId, dto.name);
  }
}
