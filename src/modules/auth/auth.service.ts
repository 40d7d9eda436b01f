import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthUser } from '../../platform/auth/auth-user';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { AppException } from '../../platform/http-errors/app-exception';
import { hashPassword, passwordMatches } from '../users/passwords';
import { UserRepository } from '../users/user.repository';
import { SessionRepository } from './session.repository';

@Injectable()
export class AuthService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string) {
    const u = await this.users.loginCandidate(username.trim());
    if (u?.locked) {
      throw new AppException(429, 'ACCOUNT_LOCKED', '登录失败次数过多，账户已暂时锁定，请稍后再试');
    }
    const ok = await passwordMatches(password, u?.passwordHash);
    if (!u || !ok || !u.active) {
      if (u) await this.users.recordFailedLogin(u.id, this.config.loginMaxFailures, this.config.loginLockSeconds);
      throw new AppException(401, 'INVALID_CREDENTIALS', '用户名或密码错误');
    }
    await this.users.clearFailedLogins(u.id);
    const sessionId = randomUUID();
    const expiresAt = new Date(Date.now() + this.config.jwtTtlSeconds * 1000);
    await this.sessions.insert(sessionId, u.id, expiresAt);
    const accessToken = await this.jwt.signAsync(
      { sub: u.id, agencyId: u.agencyId, roles: u.roles },
      { jwtid: sessionId, expiresIn: this.config.jwtTtlSeconds },
    );
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.config.jwtTtlSeconds,
      expiresAt: expiresAt.toISOString(),
      user: {
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        roles: u.roles,
        agencyId: u.agencyId,
        departmentId: u.departmentId,
      },
    };
  }

  async logout(user: AuthUser): Promise<void> {
    await this.sessions.revoke(user.sessionId);
  }

  /** Changing the password ends every other session of the user. */
  async changePassword(user: AuthUser, current: string, next: string): Promise<void> {
    if (!(await passwordMatches(current, await this.users.passwordHash(user.id)))) {
      throw new AppException(400, 'VALIDATION_FAILED', '当前密码不正确', [
        { field: 'currentPassword', message: 'currentPassword 不正确' },
      ]);
    }
    if (current === next) {
      throw new AppException(400, 'VALIDATION_FAILED', '新密码不能与当前密码相同', [
        { field: 'newPassword', message: 'newPassword 不能与当前密码相同' },
      ]);
    }
    const hash = await hashPassword(next);
    await this.db.transaction(async (m) => {
      await this.users.setPassword(m, user.id, hash);
      await this.sessions.revokeOthers(m, user.id, user.sessionId);
    });
  }
}
