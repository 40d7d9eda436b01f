import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AppException } from '../../platform/http-errors/app-exception';
import type { Role } from '../../domain/workflow/roles';
import { AuthUser, IS_PUBLIC, OPERATOR_ALLOWED, ROLES_KEY } from '../../platform/auth/auth-user';
import { ORIGIN_REJECTED_MESSAGE, sameOriginAllowed } from '../../platform/auth/same-origin';
import { SessionRepository } from './session.repository';

export const SESSION_COOKIE = 'gid_session';

/** The request's session token and where it came from (a bearer token wins over the cookie). */
export function credentialsFrom(req: any): { token: string; via: 'bearer' | 'cookie' } | null {
  const h = req.headers?.authorization;
  if (typeof h === 'string' && /^Bearer\s+/i.test(h)) return { token: h.replace(/^Bearer\s+/i, '').trim(), via: 'bearer' };
  const cookie = req.headers?.cookie;
  if (typeof cookie === 'string') {
    for (const part of cookie.split(';')) {
      const [k, ...v] = part.trim().split('=');
      if (k === SESSION_COOKIE) return { token: decodeURIComponent(v.join('=')), via: 'cookie' };
    }
  }
  return null;
}

export function tokenFrom(req: any): string | null {
  return credentialsFrom(req)?.token ?? null;
}

/**
 * Global guard: every endpoint needs a live session unless marked @Public(); @Roles narrows further.
 * A state-changing request signed in by the cookie must come from the service's own origin
 * (sameOriginAllowed), otherwise 403 ORIGIN_REJECTED before anything runs.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly sessions: SessionRepository,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    if (credentialsFrom(req)?.via === 'cookie' && !sameOriginAllowed(req)) {
      throw new AppException(403, 'ORIGIN_REJECTED', ORIGIN_REJECTED_MESSAGE);
    }
    const user = await this.sessionUser(req);
    req.user = user;
    const needed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    // The platform operator stands outside every agency: default deny on the agencies' endpoints.
    if (user.roles.includes('operator') && !needed?.includes('operator') && !this.reflector.getAllAndOverride<boolean>(OPERATOR_ALLOWED, targets)) {
      throw new AppException(403, 'FORBIDDEN_ROLE', '平台管理员不属于任何行政机关，不能访问机关的业务数据');
    }
    if (needed?.length && !needed.some((role) => user.roles.includes(role))) {
      throw new AppException(403, 'FORBIDDEN_ROLE', `当前角色无权执行此操作（需要：${needed.join('、')}）`);
    }
    return true;
  }

  /** The user of the request's live session (HS256 only), or 401. Also guards the OpenAPI document in production. */
  async sessionUser(req: any): Promise<AuthUser> {
    const token = tokenFrom(req);
    if (!token) throw new AppException(401, 'UNAUTHENTICATED', '未登录或登录已失效，请重新登录');
    let payload: { sub: string; jti: string };
    try {
      payload = await this.jwt.verifyAsync(token, { algorithms: ['HS256'] });
    } catch {
      throw new AppException(401, 'UNAUTHENTICATED', '登录已失效，请重新登录');
    }
    const live = await this.sessions.liveUser(payload.jti, payload.sub);
    if (!live) throw new AppException(401, 'UNAUTHENTICATED', '登录已失效，请重新登录');
    return { ...live, sessionId: payload.jti };
  }
}
