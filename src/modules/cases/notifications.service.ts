import { Injectable } from '@nestjs/common';
import { notFound } from '../../platform/http-errors/app-exception';
import { AuthUser } from '../../platform/auth/auth-user';
import { NotificationRepository } from './notification.repository';

/** Reminders and overdue marks for the signed-in user (to them, or to their role when unassigned). */
@Injectable()
export class NotificationsService {
  constructor(private readonly repo: NotificationRepository) {}

  async list(u: AuthUser, unreadOnly: boolean) {
    const rows = await this.repo.listFor({ agencyId: u.agencyId, userId: u.id, roles: u.roles }, unreadOnly);
    return rows.map((r) => ({
      id: Number(r.id),
      caseId: r.case_id,
      caseNumber: r.case_number,
      kind: r.kind,
      message: r.message,
      dueOn: r.due_on,
      createdAt: new Date(r.created_at).toISOString(),
      read: !!r.read_at,
    }));
  }

  async markRead(u: AuthUser, id: string): Promise<{ ok: true }> {
    if (!/^\d{1,15}$/.test(id)) throw notFound('提醒不存在');
    if (!(await this.repo.markRead({ agencyId: u.agencyId, userId: u.id, roles: u.roles }, id))) throw notFound('提醒不存在');
    return { ok: true };
  }
}
