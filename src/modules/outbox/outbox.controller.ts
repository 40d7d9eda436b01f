import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
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

export class OutboxItemResponse {
  @ApiProperty({ type: String, format: 'uuid', description: '消息 id（电子邮件的 Message-ID 由它生成）' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) caseId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '案件编号' }) caseNumber!: string | null;
  @ApiProperty({ enum: ['email', 'sms'] }) channel!: string;
  @ApiProperty({ enum: ['notice', 'delivery'], description: 'delivery：电子送达答复书的邮件' }) purpose!: string;
  @ApiProperty({ type: String, description: '收件人' }) recipient!: string;
  @ApiProperty({ type: String, example: 'registered', description: '模板（templates/mail/<template>.txt）' }) template!: string;
  @ApiProperty({ type: String }) subject!: string;
  @ApiProperty({ enum: ['pending', 'sending', 'sent', 'failed'] }) status!: string;
  @ApiProperty({ type: Number, description: '已尝试发送的次数' }) attempts!: number;
  @ApiProperty({ type: String, nullable: true, description: '最近一次发送失败的错误' }) lastError!: string | null;
  @ApiProperty({ type: String }) messageId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'SMTP 服务器接收时的答复' }) smtpResponse!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) nextAttemptAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class OutboxCountsResponse {
  @ApiProperty({ type: Number }) pending!: number;
  @ApiProperty({ type: Number }) sent!: number;
  @ApiProperty({ type: Number }) failed!: number;
}

export class OutboxListResponse {
  @ApiProperty({ type: Boolean, description: '是否设置了 SMTP_URL；未设置时消息在发件箱中等待' }) smtpConfigured!: boolean;
  @ApiProperty({ type: String, nullable: true, description: '未设置 SMTP_URL 时的说明' }) note!: string | null;
  @ApiProperty({ enum: ['none'], description: '短信服务商：尚未内置' }) smsProvider!: string;
  @ApiProperty({ type: OutboxCountsResponse }) counts!: OutboxCountsResponse;
  @ApiProperty({ type: [OutboxItemResponse], description: '最新的 500 条' }) items!: OutboxItemResponse[];
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
  @ApiOkResponse({ type: OutboxListResponse })
  @ApiErrors([400, '查询条件有误（VALIDATION_FAILED）'], 401, [403, '仅系统管理员（FORBIDDEN_ROLE）'], 503)
  list(@CurrentUser() u: AuthUser, @Query() q: OutboxQuery): Promise<OutboxListResponse> {
    return this.outbox.list(u.agencyId, q.status);
  }
}
