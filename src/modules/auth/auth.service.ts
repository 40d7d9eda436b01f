import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as bcrypt from 'bcryptjs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { AppException } from '../../platform/http-errors/app-exception';
import { AuthUser } from './auth-user';

const BCRYPT_ROUNDS = 10;
// Compared against when the user does not exist, so both paths cost the same time.
const DUMMY_HASH = bcrypt.hashSync('not-a-password', BCRYPT_ROUNDS);

export function hashPassword(pw: string): Promise<string> {
  return bcrypt.hash(pw, BCRYPT_ROUNDS);
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string) {
    const rows = await this.db.query(
      `SELECT id, username, display_name, agency_id, department_id, roles, password_hash, active,
              failed_logins, locked_until, locked_until > now() AS locked
         FROM users WHERE lower(username) = lower($1)`,
      [username.trim()],
    );
    const u = rows[0];
    if (u?.locked) {
      throw new AppException(429, 'ACCOUNT_LOCKED', '登录失败次数过多，账户已暂时锁定，请稍后再试');
    }
    const ok = await bcrypt.compare(password, u?.password_hash ?? DUMMY_HASH);
    if (!u || !ok || !u.active) {
      if (u) {
        await this.db.query(
          `UPDATE users SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
                            locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(secs => $3) ELSE locked_until END
            WHERE id = $1`,
          [u.id, this.config.loginMaxFailures, this.config.loginLockSeconds],
        );
      }
      throw new AppException(401, 'INVALID_CREDENTIALS', '用户名或密码错误');
    }
    await this.db.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1`, [u.id]);
    const sessionId = randomUUID();
    const expiresAt = new Date(Date.now() + this.config.jwtTtlSeconds * 1000);
    await this.db.query(`INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, $3)`, [sessionId, u.id, expiresAt]);
    const accessToken = await this.jwt.signAsync(
      { sub: u.id, agencyId: u.agency_id, roles: u.roles },
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
        displayName: u.display_name,
        roles: u.roles,
        agencyId: u.agency_id,
        departmentId: u.department_id,
      },
    };
  }

  async logout(user: AuthUser): Promise<void> {
    await this.db.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [user.sessionId]);
  }

  /** Changing the password ends every other session of the user. */
  async changePassword(user: AuthUser, current: string, next: string): Promise<void> {
    const [row] = await this.db.query(`SELECT password_hash FROM users WHERE id = $1`, [user.id]);
    if (!row || !(await bcrypt.compare(current, row.password_hash))) {
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
      await m.query(`UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1`, [user.id, hash]);
      await m.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL`, [
        user.id,
        user.sessionId,
      ]);
    });
  }
}
