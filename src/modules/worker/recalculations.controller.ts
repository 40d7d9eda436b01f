import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../platform/auth/auth-user';
import { RecalculationService } from './recalculation.service';
import { ApiErrors } from '../../platform/http-errors/error-response';

export class RecalculationJobDto {
  @ApiProperty({ example: 12 }) id!: number;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ enum: ['load', 'replace'] }) action!: string;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'], description: 'failed: finished, but some cases could not be recalculated (see error)' })
  status!: string;
  @ApiProperty({ example: 240, description: 'open cases when the calendar changed' }) total!: number;
  @ApiProperty({ example: 120, description: 'cases processed so far' }) done!: number;
  @ApiProperty({ example: '2026-03-01T02:00:00.000Z' }) createdAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) startedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) finishedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'cases that failed, one a line' }) error!: string | null;
}

/**
 * Progress of the deadline recalculations a calendar change queues (PUT /calendar/:year answers
 * with recalculationJobId). Declared before CalendarController in AppModule so that
 * /calendar/recalculations is not taken for /calendar/:year.
 */
@ApiTags('calendar 工作日与期限')
@ApiBearerAuth()
@Controller('calendar/recalculations')
export class RecalculationsController {
  constructor(private readonly jobs: RecalculationService) {}

  @Roles('operator', 'admin')
  @Get()
  @ApiOperation({ summary: '节假日安排变更后的期限重新计算任务（最近 20 个）' })
  @ApiOkResponse({ type: [RecalculationJobDto] })
  @ApiErrors(401, 403, 503)
  list() {
    return this.jobs.list();
  }

  @Roles('operator', 'admin')
  @Get(':id')
  @ApiOperation({ summary: '一个期限重新计算任务的进度' })
  @ApiOkResponse({ type: RecalculationJobDto })
  @ApiErrors(401, 403, [404, '重新计算任务不存在（NOT_FOUND）'], 503)
  get(@Param('id') id: string) {
    return this.jobs.get(id);
  }
}
