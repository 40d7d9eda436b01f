import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthUser } from '../../platform/auth/auth-user';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { AppException } from '../../platform/http-errors/app-exception';
import { hashPassword, passwordMatches } from '../users/passwords';
import { UserRepository } from '../users/user.repository';
import { LoginThrottleRepository, ThrottleKey } from './login-throttle.repository';
import { SessionRepository } from './session.repository';

/** The account from anywhere and the address across accounts get this many times the free failures of one account from one address. */
export const WIDE_KEY_FACTOR = 4;

/** One answer for an unknown user, a wrong password, an inactive account and an attempt that must wait. */
export const INVALID_CREDENTIALS_MESSAGE = '用户名或密码错误，或尝试次数过多，请稍后再试';

/** The counters a sign-in attempt claims (login_throttle keys), narrowest first. */
export function loginKeys(username: string, address: string, freeFailures: number): { pair: ThrottleKey; user: ThrottleKey; addr: ThrottleKey } {
  const name = username.trim().toLowerCase();
  return {
    pair: { key: `pair:${address}|${name}`, freeFailures },
    user: { key: `user:${name}`, freeFailures: freeFailures * WIDE_KEY_FACTOR },
    addr: { key: `addr:${address}`, freeFailures: freeFailures * WIDE_KEY_FACTOR },
  };
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly throttle: LoginThrottleRepository,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The attempt is counted as a failure before anything is compared (one statement, so a concurrent
   * burst is counted in full), then exactly one bcrypt comparison runs whatever the case: against the
   * user's hash, or against a dummy hash for an unknown or inactive user and for an attempt that must
   * wait. All of these answer the same 401.
   */
  async login(username: string, password: string, address = 'unknown') {
    const keys = loginKeys(username, address, this.config.loginMaxFailures);
    const allowed = await this.throttle.claim([keys.pair, keys.user, keys.addr], this.clock.now(), this.config.loginLockSeconds);
    const u = await this.users.loginCandidate(username.trim());
    const ok = await passwordMatches(password, allowed && u?.active ? u.passwordHash : null);
    if (!u || !ok) throw new AppException(401, 'INVALID_CREDENTIALS', INVALID_CREDENTIALS_MESSAGE);
    // The account starts again from zero; the address only takes back this attempt.
    await this.throttle.succeeded([keys.pair.key, keys.user.key], [keys.addr.key]);
    const sessionId = randomUUID();
    const expiresAt = new Date(Date.now() + this.config.jwtTtlSeconds * 1000);
    await this.sessions.insert(sessionId, u.id, expiresAt);
    const accessToken = await this.jwt.signAsync(
      { sub: u.id, agencyId: u.agencyId, roles: u.roles },
      { jwtid: sessionId, expiresIn: this.config.jwtTtlSeconds, algorithm: 'HS256' },
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

  /**
   * Changing the password ends every other session of the user. Wrong current passwords back off
   * like sign-ins (a stolen session cannot guess the password at full speed).
   */
  async changePassword(user: AuthUser, current: string, next: string): Promise<void> {
    const key = { key: `password:${user.id}`, freeFailures: this.config.loginMaxFailures };
    if (!(await this.throttle.claim([key], this.clock.now(), this.config.loginLockSeconds))) {
      await passwordMatches(current, null);
      throw new AppException(429, 'TOO_MANY_ATTEMPTS', '当前密码错误次数过多，请稍后再试');
    }
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
    await this.throttle.succeeded([key.key], []);
    const hash = await hashPassword(next);
    await this.db.transaction(async (m) => {
      await this.users.setPassword(m, user.id, hash);
      await this.sessions.revokeOthers(m, user.id, user.sessionId);
    });
  }
}
