import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Queryable } from './case.repository';

export interface NotificationRow {
  id: string;
  case_id: string | null;
  case_number: string | null;
  kind: string;
  message: string;
  due_on: string | null;
  created_at: Date;
  read_at: Date | null;
}

/** Who reads: a user, or (unassigned notifications) any holder of one of their roles. */
export interface NotificationReader {
  agencyId: string;
  userId: string;
  roles: readonly string[];
}

/** All SQL on notifications. */
@Injectable()
export class NotificationRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** To the case's assignee when there is one, otherwise to every clerk of the agency (once per key). */
  async toCaseOwner(m: Queryable, n: { caseId: string; kind: string; message: string; dueOn: string; dedupeKey: string }): Promise<void> {
    await m.query(
      `INSERT INTO notifications (agency_id, user_id, role, case_id, kind, message, due_on, dedupe_key)
       SELECT c.agency_id, c.assignee_id, CASE WHEN c.assignee_id IS NULL THEN 'clerk' END, c.id, $2, $3, $4, $5
         FROM cases c WHERE c.id = $1
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [n.caseId, n.kind, n.message, n.dueOn, n.dedupeKey],
    );
  }

  /** To every admin of the agency (a role row), once per key. */
  async toAdmins(
    m: Queryable,
    n: { agencyId: string; caseId: string; kind: string; message: string; dueOn: string; dedupeKey: string },
  ): Promise<void> {
    await m.query(
      `INSERT INTO notifications (agency_id, user_id, role, case_id, kind, message, due_on, dedupe_key)
       VALUES ($1, NULL, 'admin', $2, $3, $4, $5, $6)
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [n.agencyId, n.caseId, n.kind, n.message, n.dueOn, n.dedupeKey],
    );
  }

  /** The reader's latest 200, newest first. */
  async listFor(r: NotificationReader, unreadOnly: boolean): Promise<NotificationRow[]> {
    return this.db.query(
      `SELECT n.id, n.case_id, c.case_number, n.kind, n.message, to_char(n.due_on, 'YYYY-MM-DD') AS due_on, n.created_at, n.read_at
         FROM notifications n LEFT JOIN cases c ON c.id = n.case_id
        WHERE n.agency_id = $1 AND (n.user_id = $2 OR (n.user_id IS NULL AND n.role = ANY($3)))
          AND ($4::boolean IS NOT TRUE OR n.read_at IS NULL)
        ORDER BY n.created_at DESC, n.id DESC LIMIT 200`,
      [r.agencyId, r.userId, r.roles, unreadOnly],
    );
  }

  /** Marks one of the reader's notifications read; false when there is none with that id. */
  async markRead(r: NotificationReader, id: string): Promise<boolean> {
    const res = await this.db.query(
      `UPDATE notifications SET read_at = coalesce(read_at, now())
        WHERE id = $1 AND agency_id = $2 AND (user_id = $3 OR (user_id IS NULL AND role = ANY($4))) RETURNING id`,
      [id, r.agencyId, r.userId, r.roles],
    );
    const updated = Array.isArray(res[0]) ? res[0].length : res.length;
    return updated > 0;
  }
}
