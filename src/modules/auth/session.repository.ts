import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NO_AGENCY, type AuthUser } from '../../platform/auth/auth-user';
import type { Role } from '../../domain/workflow/roles';
import type { Queryable } from '../../platform/database/queryable';

/** The user behind a live session (not revoked, not expired, user active). */
export type SessionUser = Omit<AuthUser, 'sessionId'>;

/** Table sessions: a login session is the JWT's jti; logout or a password change revokes it. */
@Injectable()
export class SessionRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async insert(id: string, userId: string, expiresAt: Date): Promise<void> {
    await this.db.query(`INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, $3)`, [id, userId, expiresAt]);
  }

  async liveUser(sessionId: string, userId: string): Promise<SessionUser | null> {
    const [r] = (await this.db.query(
      `SELECT u.id, u.username, u.display_name, u.agency_id, u.department_id, u.roles
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
      [sessionId, userId],
    )) as Array<{ id: string; username: string; display_name: string; agency_id: string | null; department_id: string | null; roles: Role[] }>;
    if (!r) return null;
    return { id: r.id, username: r.username, displayName: r.display_name, agencyId: r.agency_id ?? NO_AGENCY, departmentId: r.department_id, roles: r.roles };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
  }

  async revokeOthers(m: Queryable, userId: string, keepSessionId: string): Promise<void> {
    await m.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL`, [userId, keepSessionId]);
  }
}
