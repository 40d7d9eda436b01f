import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Role } from '../../domain/workflow/roles';
import type { Queryable } from '../../platform/database/queryable';
import type { AuthUser } from '../../platform/auth/auth-user';
import { User } from './user';

interface UserRow {
  id: string;
  agency_id: string;
  department_id: string | null;
  username: string;
  display_name: string;
  roles: Role[];
  active: boolean;
  failed_logins: number;
  locked_until: Date | null;
  password_changed_at: Date | null;
  created_at: Date;
}

/** What a login needs: the user, the hash to compare and whether the account is locked now. */
export interface LoginCandidate extends Omit<AuthUser, 'sessionId'> {
  active: boolean;
  passwordHash: string;
  locked: boolean;
}

const USER_COLUMNS = `id, agency_id, department_id, username, display_name, roles, active, failed_logins, locked_until,
  password_changed_at, created_at`;

const toUser = (r: UserRow): User => ({
  id: r.id,
  agencyId: r.agency_id,
  departmentId: r.department_id,
  username: r.username,
  displayName: r.display_name,
  roles: r.roles,
  active: r.active,
  failedLogins: r.failed_logins,
  lockedUntil: r.locked_until,
  passwordChangedAt: r.password_changed_at,
  createdAt: r.created_at,
});

/** Table users. The password hash leaves this class only for a comparison. */
@Injectable()
export class UserRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async list(agencyId: string): Promise<User[]> {
    const rows = (await this.db.query(`SELECT ${USER_COLUMNS} FROM users WHERE agency_id = $1 ORDER BY username`, [agencyId])) as UserRow[];
    return rows.map(toUser);
  }

  async usernameTaken(username: string): Promise<boolean> {
    const rows = (await this.db.query(`SELECT 1 FROM users WHERE lower(username) = lower($1)`, [username])) as unknown[];
    return rows.length > 0;
  }

  async insert(u: { agencyId: string; departmentId: string | null; username: string; displayName: string; passwordHash: string; roles: Role[] }): Promise<User> {
    const [r] = (await this.db.query(
      `INSERT INTO users (agency_id, department_id, username, display_name, password_hash, roles)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${USER_COLUMNS}`,
      [u.agencyId, u.departmentId, u.username, u.displayName, u.passwordHash, u.roles],
    )) as UserRow[];
    return toUser(r);
  }

  /** An active user of the agency holding `role` (e.g. the 承办人 a case is assigned to). */
  async activeWithRole(agencyId: string, userId: string, role: Role, q: Queryable = this.db): Promise<boolean> {
    const rows = (await q.query(`SELECT 1 FROM users WHERE id = $1 AND agency_id = $2 AND active AND $3 = ANY(roles)`, [
      userId,
      agencyId,
      role,
    ])) as unknown[];
    return rows.length > 0;
  }

  async loginCandidate(username: string): Promise<LoginCandidate | null> {
    const [r] = (await this.db.query(
      `SELECT id, username, display_name, agency_id, department_id, roles, password_hash, active, locked_until > now() AS locked
         FROM users WHERE lower(username) = lower($1)`,
      [username],
    )) as Array<Pick<UserRow, 'id' | 'username' | 'display_name' | 'agency_id' | 'department_id' | 'roles' | 'active'> & { password_hash: string; locked: boolean | null }>;
    if (!r) return null;
    return {
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      agencyId: r.agency_id,
      departmentId: r.department_id,
      roles: r.roles,
      active: r.active,
      passwordHash: r.password_hash,
      locked: r.locked === true,
    };
  }

  /** One more failed login; at `maxFailures` the account is locked for `lockSeconds` and the count restarts. */
  async recordFailedLogin(userId: string, maxFailures: number, lockSeconds: number): Promise<void> {
    await this.db.query(
      `UPDATE users SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
                        locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(secs => $3) ELSE locked_until END
        WHERE id = $1`,
      [userId, maxFailures, lockSeconds],
    );
  }

  async clearFailedLogins(userId: string): Promise<void> {
    await this.db.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1`, [userId]);
  }

  async passwordHash(userId: string): Promise<string | null> {
    const [r] = (await this.db.query(`SELECT password_hash FROM users WHERE id = $1`, [userId])) as Array<{ password_hash: string }>;
    return r?.password_hash ?? null;
  }

  async setPassword(m: Queryable, userId: string, hash: string): Promise<void> {
    await m.query(`UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1`, [userId, hash]);
  }
}
