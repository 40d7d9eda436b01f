import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../platform/auth/auth-user';
import { NotificationsService } from './notifications.service';
import { ApiErrors } from '../../platform/http-errors/error-response';
import { OkResponse } from '../auth/responses';
import { NotificationResponse } from './responses';

/** Reminders and overdue marks for the signed-in user (to them, or to their role when unassigned). */
@ApiTags('notifications 提醒')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ type: [NotificationResponse], description: '最近 200 条提醒（unread=true 时仅未读）' })
  @ApiErrors(401, 403, 503)
  async list(@CurrentUser() u: AuthUser, @Query('unread') unread?: string) {
    return this.notifications.list(u, unread === 'true');
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: OkResponse, description: '已标为已读' })
  @ApiErrors(401, 403, [404, '提醒不存在或不是发给当前用户的（NOT_FOUND）'], 503)
  async read(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    return this.notifications.markRead(u, id);
  }
}
