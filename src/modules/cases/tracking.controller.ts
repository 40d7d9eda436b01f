import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength } from 'class-validator';
import { Public } from '../../platform/auth/auth-user';
import { ApiErrors } from '../../platform/http-errors/error-response';
import { RateLimit } from '../../platform/rate-limit/rate-limit.guard';
import { CASE_STATES } from './list-query';
import { TrackingService } from './tracking.service';

export class TrackDto {
  @ApiProperty({ example: 'K7M3Q9XR2HTA', description: '查询码（登记回执上）' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(40)
  trackingCode!: string;
  @ApiProperty({ example: '0000', description: '申请人联系电话的后四位' })
  @IsString()
  @Matches(/^\d{4}$/, { message: '中文:手机号后四位应为 4 位数字' })
  phoneLast4!: string;
}

export class TrackStepResponse {
  @ApiProperty({ type: String, example: '受理' }) label!: string;
  @ApiProperty({ type: String, format: 'date' }) on!: string;
}

/** Only what an applicant may see of the case: no identity, contact data or content. */
export class TrackResponse {
  @ApiProperty({ type: String, example: '2026-000012' }) caseNumber!: string;
  @ApiProperty({ enum: [...CASE_STATES], enumName: 'CaseState' }) state!: string;
  @ApiProperty({ type: String, example: '办理中', description: '当前环节' }) currentStep!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '收到申请之日；网上申请待确认时为 null（条例第31条第（三）项）' }) receiptDate!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '答复期限' }) replyDue!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '承办部门' }) department!: string | null;
  @ApiProperty({ type: [TrackStepResponse], description: '已完成的公开环节及日期' }) steps!: TrackStepResponse[];
}

/** 快递式公开: the public tracking page's one call, without login, rate-limited per address. */
@ApiTags('track 申请查询')
@Controller('track')
export class TrackingController {
  constructor(private readonly tracking: TrackingService) {}

  @Public()
  @RateLimit('track')
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: '申请人凭查询码和手机号后四位查询办理进度（无需登录）' })
  @ApiOkResponse({ type: TrackResponse })
  @ApiErrors(
    [400, '查询码或手机号后四位格式有误（VALIDATION_FAILED）'],
    [404, '查询码不存在或手机号后四位不符，两者答复相同（TRACKING_NOT_FOUND）'],
    413,
    415,
    [429, '同一地址每分钟查询超过 5 次（TOO_MANY_REQUESTS）'],
    503,
  )
  track(@Body() dto: TrackDto) {
    return this.tracking.track(dto.trackingCode, dto.phoneLast4);
  }
}
