import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../platform/auth/auth-user';
import { ApiErrors } from '../../platform/http-errors/error-response';
import { AgenciesService } from '../agencies/agencies.service';
import { AgencyResponse } from '../agencies/responses';
import { CreateAgencyDto } from './dto';
import { UserResponse } from './responses';
import { UsersService } from './users.service';

/** POST /agencies: the new agency and its first admin. */
export class CreatedAgencyResponse extends AgencyResponse {
  @ApiProperty({ type: UserResponse, description: '该机关的第一位系统管理员' }) admin!: UserResponse;
}

/**
 * 平台管理员 (operator): the agencies of the deployment. Here beside the users because creating an
 * agency creates its first admin in the same transaction.
 */
@ApiTags('platform 平台管理')
@ApiBearerAuth()
@Controller('agencies')
export class PlatformController {
  constructor(
    private readonly users: UsersService,
    private readonly agencies: AgenciesService,
  ) {}

  @Roles('operator')
  @Get()
  @ApiOperation({ summary: '本平台的全部行政机关（平台管理员）' })
  @ApiOkResponse({ type: [AgencyResponse] })
  @ApiErrors(401, [403, '只有平台管理员可以查看（FORBIDDEN_ROLE）'], 503)
  list() {
    return this.agencies.list();
  }

  @Roles('operator')
  @Post()
  @ApiOperation({ summary: '新建行政机关及其第一位系统管理员（平台管理员）' })
  @ApiCreatedResponse({ type: CreatedAgencyResponse, description: '已新建的行政机关，admin 为其系统管理员' })
  @ApiErrors(
    [400, '请求数据有误（VALIDATION_FAILED）'],
    401,
    [403, '只有平台管理员可以新建行政机关（FORBIDDEN_ROLE）'],
    [409, '用户名已被使用（USERNAME_TAKEN）'],
    413,
    415,
    503,
  )
  async create(@CurrentUser() u: AuthUser, @Body() dto: CreateAgencyDto) {
    const { agency, admin } = await this.users.createAgency(u, dto);
    return { ...agency, admin };
  }
}
