import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AuthUser, CurrentUser, Roles } from '../../platform/auth/auth-user';
import { ApiErrors } from '../../platform/http-errors/error-response';
import { OutboxService } from './outbox.service';

export class OutboxQuery {
  @ApiPropertyOptional({ enum: ['pending', 'sent', 'failed'], description: 'pending 待发送（含发送中）、sent 已发送、failed 多次失败已停止' })
  @IsOptional()
  @IsIn(['pending', 'sent', 'failed'])
  status?: 'pending' | 'sent' | 'failed';
}

/** The agency's outbox for its admin: what went to applicants, what waits, what failed and why. */
@ApiTags('outbox 消息发件箱')
@ApiBearerAuth()
@Controller('outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Roles('admin')
  @Get()
  @ApiOperation({ summary: '发给申请人的消息（电子邮件）：案件、收件人、模板、尝试次数、最近的错误；未设置 SMTP_URL 时 smtpConfigured 为 false，消息等待发送' })
  @ApiOkResponse({ description: '{smtpConfigured, note, smsProvider, counts, items[]}（最新的 500 条）' })
  @ApiErrors([400, '查询条件有误（VALIDATION_FAILED）'], 401, [403, '仅系统管理员（FORBIDDEN_ROLE）'], 503)
  list(@CurrentUser() u: AuthUser, @Query() q: OutboxQuery) {
    return this.outbox.list(u.agencyId, q.status);
  }
}
