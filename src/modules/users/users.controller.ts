import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth/auth-user';
import { CreateUserDto } from './dto';
import { UsersService } from './users.service';

@ApiTags('users 用户')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  me(@CurrentUser() user: AuthUser) {
    const { sessionId: _, ...rest } = user;
    return rest;
  }

  @Roles('admin')
  @Get('users')
  list(@CurrentUser() user: AuthUser) {
    return this.users.list(user.agencyId);
  }

  @Roles('admin')
  @Post('users')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto) {
    return this.users.create(user.agencyId, dto);
  }
}
