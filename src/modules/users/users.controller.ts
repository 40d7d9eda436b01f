import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../platform/auth/auth-user';
import { CreateUserDto } from './dto';
import { UsersService } from './users.service';
import { ApiErrors } from '../../platform/http-errors/error-response';
import { SessionUserResponse } from '../auth/responses';
import { UserResponse } from './responses';

@ApiTags('users 用户')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @ApiOkResponse({ type: SessionUserResponse, description: '当前登录的用户' })
  @ApiErrors(401, 403, 503)
  me(@CurrentUser() user: AuthUser) {
    const { sessionId: _, ...rest } = user;
    return rest;
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
    return this.users.create(user.agencyId, dto);
  }
}
