import { Body, Controller, HttpCode, Inject, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthUser, CurrentUser, OperatorAllowed, Public } from '../../platform/auth/auth-user';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { RateLimit } from '../../platform/rate-limit/rate-limit.guard';
import { SESSION_COOKIE } from './auth.guard';
import { sessionCookieOptions } from './session-cookie';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto } from './dto';
import { ApiErrors } from '../../platform/http-errors/error-response';
import { LoginResponse, OkResponse } from './responses';

@ApiTags('auth 登录')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @RateLimit('login')
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse, description: '登录成功：返回令牌，并写入 gid_session Cookie' })
  @ApiErrors(
    400,
    [401, '用户名或密码错误，或失败次数过多须稍后再试（INVALID_CREDENTIALS）：用户不存在、密码错误、须等待时答复相同'],
    413,
    415,
    [429, '同一地址请求过于频繁（TOO_MANY_REQUESTS）'],
    503,
  )
  async login(@Body() dto: LoginDto, @Ip() ip: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const result = await this.auth.login(dto.username, dto.password, ip);
    res.cookie(SESSION_COOKIE, result.accessToken, sessionCookieOptions(req, this.config, result.expiresIn * 1000));
    return result;
  }

  @ApiBearerAuth()
  @OperatorAllowed()
  @Post('logout')
  @HttpCode(200)
  @ApiOkResponse({ type: OkResponse, description: '已退出，本次登录失效' })
  @ApiErrors(401, 403, 503)
  async logout(@CurrentUser() user: AuthUser, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await this.auth.logout(user);
    res.clearCookie(SESSION_COOKIE, sessionCookieOptions(req, this.config));
    return { ok: true };
  }

  @ApiBearerAuth()
  @OperatorAllowed()
  @RateLimit('password')
  @Post('password')
  @HttpCode(200)
  @ApiOkResponse({ type: OkResponse, description: '密码已修改，本用户的其他登录均已失效' })
  @ApiErrors(
    [400, '请求数据有误，或当前密码不正确、新密码与当前密码相同（VALIDATION_FAILED）'],
    401,
    403,
    413,
    415,
    [429, '当前密码错误次数过多（TOO_MANY_ATTEMPTS），或请求过于频繁（TOO_MANY_REQUESTS）'],
    503,
  )
  async changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto) {
    await this.auth.changePassword(user, dto.currentPassword, dto.newPassword);
    return { ok: true };
  }
}
