import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, NO_AGENCY, OperatorAllowed, Roles } from '../../platform/auth/auth-user';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto } from './dto';
import { UsersService } from './users.service';
import { ApiErrors } from '../../platform/http-errors/error-response';
import { OkResponse, SessionUserResponse } from '../auth/responses';
import { UserResponse } from './responses';

@ApiTags('users 用户')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @OperatorAllowed()
  @Get('me')
  @ApiOkResponse({ type: SessionUserResponse, description: '当前登录的用户' })
  @ApiErrors(401, 403, 503)
  me(@CurrentUser() user: AuthUser) {
    const { sessionId: _, ...rest } = user;
    return { ...rest, agencyId: rest.agencyId === NO_AGENCY ? null : rest.agencyId };
  }

  @Roles('admin')
  @Get('users')
  @ApiOkResponse({ type: [UserResponse], description: '本机关的用户（按用户名排序）' })
  @ApiErrors(401, 403, 503)
  list(@CurrentUser() user: AuthUser) {
    return this.users.list(user.agencyId);
  }

  @Roles('admin')
  @Post('users')
  @ApiCreatedResponse({ type: UserResponse, description: '已新建的用户' })
  @ApiErrors(
    400,
    401,
    403,
    [404, '所指定的承办部门不存在（NOT_FOUND）'],
    [409, '用户名已被使用（USERNAME_TAKEN）'],
    413,
    415,
    503,
  )
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto) {
    return this.users.create(user.agencyId, dto, user);
  }

  @Roles('admin')
  @Patch('users/:id')
  @ApiOkResponse({ type: UserResponse, description: '已修改的用户；该用户的全部登录立即失效（本人修改时保留当前登录）' })
  @ApiErrors(
    400,
    401,
    403,
    [404, '用户不存在或不属于本机关（NOT_FOUND）'],
    [409, '不能停用自己（CANNOT_DEACTIVATE_SELF），不能取消自己的系统管理员角色（CANNOT_REMOVE_OWN_ADMIN）'],
    413,
    415,
    503,
  )
  update(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(user, id, dto);
  }

  @Roles('admin')
  @Post('users/:id/password-reset')
  @HttpCode(200)
  @ApiOkResponse({ type: OkResponse, description: '密码已重置；该用户的全部登录立即失效' })
  @ApiErrors(400, 401, 403, [404, '用户不存在或不属于本机关（NOT_FOUND）'], 413, 415, 503)
  async resetPassword(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: ResetPasswordDto) {
    await this.users.resetPassword(user, id, dto);
    return { ok: true };
  }
}
