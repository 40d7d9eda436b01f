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

/** What a login needs: the user and the hash to compare (attempts are counted in login_throttle). */
export interface LoginCandidate extends Omit<AuthUser, 'sessionId'> {
  active: boolean;
  passwordHash: string;
}

const USER_COLUMNS = `id, agency_id, department_id, username, display_name, roles, active, password_changed_at, created_at`;

/**
 * Users with their sign-in counter (login_throttle, key 'user:' + lower(username), written by the auth
 * area's loginKeys): failures within the last day, and until when attempts from anywhere must wait.
 * $1: the longest wait in seconds (LOGIN_LOCK_SECONDS).
 */
const SELECT_USERS = `
  SELECT u.id, u.agency_id, u.department_id, u.username, u.display_name, u.roles, u.active, u.password_changed_at, u.created_at,
         coalesce(t.failures, 0) AS failed_logins,
         CASE WHEN t.failures >= t.free_failures THEN t.last_compared_at
              + make_interval(secs => least($1::float8, power(2, least(t.failures - t.free_failures, 30))::float8)) END AS locked_until
    FROM users u
    LEFT JOIN login_throttle t ON t.key = 'user:' || lower(u.username) AND t.last_attempt_at > now() - interval '1 day'`;

/** What an admin may change on a user (UsersService.update). */
export interface UserChanges {
  active?: boolean;
  roles?: Role[];
  displayName?: string;
  /** undefined: unchanged; null: no department. */
  departmentId?: string | null;
}

/** One row of user_admin_events. */
export interface UserAdminEvent {
  agencyId: string;
  userId: string;
  actorId: string;
  action: 'create' | 'update' | 'password_reset';
  changes: Record<string, unknown>;
  sessionsEnded: number;
}

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

  async list(agencyId: string, maxWaitSeconds: number): Promise<User[]> {
    const rows = (await this.db.query(`${SELECT_USERS} WHERE u.agency_id = $2 ORDER BY u.username`, [maxWaitSeconds, agencyId])) as UserRow[];
    return rows.map(toUser);
  }

  async one(m: Queryable, agencyId: string, id: string, maxWaitSeconds: number): Promise<User | null> {
    const [r] = (await m.query(`${SELECT_USERS} WHERE u.agency_id = $2 AND u.id = $3`, [maxWaitSeconds, agencyId, id])) as UserRow[];
    return r ? toUser(r) : null;
  }

  /** Locks the user's row for an admin change; null when no such user in the agency. */
  async lockForChange(
    m: Queryable,
    agencyId: string,
    id: string,
  ): Promise<Pick<User, 'id' | 'active' | 'roles' | 'displayName' | 'departmentId'> | null> {
    const [r] = (await m.query(`SELECT id, active, roles, display_name, department_id FROM users WHERE agency_id = $1 AND id = $2 FOR UPDATE`, [
      agencyId,
      id,
    ])) as Array<Pick<UserRow, 'id' | 'active' | 'roles' | 'display_name' | 'department_id'>>;
    return r ? { id: r.id, active: r.active, roles: r.roles, displayName: r.display_name, departmentId: r.department_id } : null;
  }

  async update(m: Queryable, id: string, c: UserChanges): Promise<void> {
    await m.query(
      `UPDATE users SET active = coalesce($2, active), roles = coalesce($3, roles), display_name = coalesce($4, display_name),
              department_id = CASE WHEN $5 THEN $6::uuid ELSE department_id END
        WHERE id = $1`,
      [id, c.active ?? null, c.roles ?? null, c.displayName ?? null, c.departmentId !== undefined, c.departmentId ?? null],
    );
  }

  /** Ends the user's live sessions (all, or all but `keepSessionId`); returns how many. */
  async endSessions(m: Queryable, userId: string, keepSessionId?: string): Promise<number> {
    const rows = (await m.query(
      `UPDATE sessions SET revoked_at = now()
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() AND ($2::uuid IS NULL OR id <> $2::uuid)
        RETURNING id`,
      [userId, keepSessionId ?? null],
    )) as [unknown[], number] | unknown[];
    // TypeORM returns [rows, count] for UPDATE … RETURNING on PostgreSQL.
    const list = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : (rows as unknown[]);
    return list.length;
  }

  async recordAdminEvent(m: Queryable, e: UserAdminEvent): Promise<void> {
    await m.query(
      `INSERT INTO user_admin_events (agency_id, user_id, actor_id, action, changes, sessions_ended) VALUES ($1, $2, $3, $4, $5, $6)`,
      [e.agencyId, e.userId, e.actorId, e.action, JSON.stringify(e.changes), e.sessionsEnded],
    );
  }

  async usernameTaken(username: string): Promise<boolean> {
    const rows = (await this.db.query(`SELECT 1 FROM users WHERE lower(username) = lower($1)`, [username])) as unknown[];
    return rows.length > 0;
  }

  async insert(
    u: { agencyId: string; departmentId: string | null; username: string; displayName: string; passwordHash: string; roles: Role[] },
    m: Queryable = this.db,
  ): Promise<User> {
    const [r] = (await m.query(
      `INSERT INTO users (agency_id, department_id, username, display_name, password_hash, roles)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${USER_COLUMNS}, 0 AS failed_logins, NULL::timestamptz AS locked_until`,
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
      `SELECT id, username, display_name, agency_id, department_id, roles, password_hash, active
         FROM users WHERE lower(username) = lower($1)`,
      [username],
    )) as Array<Pick<UserRow, 'id' | 'username' | 'display_name' | 'agency_id' | 'department_id' | 'roles' | 'active'> & { password_hash: string }>;
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
    };
  }

  async passwordHash(userId: string): Promise<string | null> {
    const [r] = (await this.db.query(`SELECT password_hash FROM users WHERE id = $1`, [userId])) as Array<{ password_hash: string }>;
    return r?.password_hash ?? null;
  }

  async setPassword(m: Queryable, userId: string, hash: string): Promise<void> {
    await m.query(`UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1`, [userId, hash]);
  }
}
