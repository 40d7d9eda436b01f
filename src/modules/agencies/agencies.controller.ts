import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth/auth-user';
import { AgenciesService } from './agencies.service';
import { CreateDepartmentDto, UpdateAgencyDto } from './dto';

@ApiTags('agency 行政机关')
@ApiBearerAuth()
@Controller()
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  /** The caller's own agency. */
  @Get('agency')
  agency(@CurrentUser() user: AuthUser) {
    return this.agencies.get(user.agencyId);
  }

  @Roles('admin')
  @Patch('agency')
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateAgencyDto) {
    return this.agencies.update(user.agencyId, dto);
  }

  @Get('departments')
  departments(@CurrentUser() user: AuthUser) {
    return this.agencies.listDepartments(user.agencyId);
  }

  @Roles('admin')
  @Post('departments')
  createDepartment(@CurrentUser() user: AuthUser, @Body() dto: CreateDepartmentDto) {
    return this.agencies.createDepartment(user.agencyId, dto.name);
  }
}
