import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { notFound } from '../../platform/http-errors/app-exception';
import { AuthUser, CurrentUser } from '../auth/auth-user';

/** Reminders and overdue marks for the signed-in user (to them, or to their role when unassigned). */
@ApiTags('notifications 提醒')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Get()
  async list(@CurrentUser() u: AuthUser, @Query('unread') unread?: string) {
    const rows = await this.db.query(
      `SELECT n.id, n.case_id, c.case_number, n.kind, n.message, to_char(n.due_on, 'YYYY-MM-DD') AS due_on, n.created_at, n.read_at
         FROM notifications n LEFT JOIN cases c ON c.id = n.case_id
        WHERE n.agency_id = $1 AND (n.user_id = $2 OR (n.user_id IS NULL AND n.role = ANY($3)))
          AND ($4::boolean IS NOT TRUE OR n.read_at IS NULL)
        ORDER BY n.created_at DESC, n.id DESC LIMIT 200`,
      [u.agencyId, u.id, u.roles, unread === 'true'],
    );
    return rows.map((r: any) => ({
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

  @Post(':id/read')
  @HttpCode(200)
  async read(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    if (!/^\d{1,15}$/.test(id)) throw notFound('提醒不存在');
    const r = await this.db.query(
      `UPDATE notifications SET read_at = coalesce(read_at, now())
        WHERE id = $1 AND agency_id = $2 AND (user_id = $3 OR (user_id IS NULL AND role = ANY($4))) RETURNING id`,
      [id, u.agencyId, u.id, u.roles],
    );
    const updated = Array.isArray(r[0]) ? r[0].length : r.length;
    if (!updated) throw notFound('提醒不存在');
    return { ok: true };
  }
}
