import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../../platform/auth/auth-user';
import { ApiErrors } from '../../platform/http-errors/error-response';
import { RateLimit } from '../../platform/rate-limit/rate-limit.guard';
import { CasesModule } from './cases.module';
import { CasesService } from './cases.service';
import { PublicApplicationDto } from './dto';

export class PublicApplicationResponse {
  @ApiProperty({ type: String, example: 'K7M3Q9XR2HTA', description: '查询码：与联系电话后四位一起在 /track 查询办理进度' }) trackingCode!: string;
  @ApiProperty({ enum: ['awaiting_confirmation'], description: '待工作机构确认收到（条例第31条第（三）项：以双方确认之日为收到申请之日）' })
  status!: 'awaiting_confirmation';
}

/** 网上申请: the applicant's own submission, without sign-in. */
@ApiTags('public 网上申请')
@Controller('public/applications')
export class PublicApplicationsController {
  constructor(private readonly cases: CasesService) {}

  @Public()
  @RateLimit('applications')
  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      '网上提交政府信息公开申请（无需登录）：立即保存为待确认的案件，答复查询码；工作机构确认收到之日为收到申请之日（条例第31条第（三）项），答复期限自该日起算',
  })
  @ApiCreatedResponse({ type: PublicApplicationResponse })
  @ApiErrors(
    [400, '申请内容有误（VALIDATION_FAILED），各栏的错误见 errors；不保存任何内容'],
    413,
    415,
    [429, '同一地址每分钟提交超过限制（PUBLIC_APPLICATIONS_PER_MINUTE，默认 5 次）（TOO_MANY_REQUESTS）'],
    [503, '网上申请暂未开通（PUBLIC_APPLICATION_AGENCY_UNSET、AGENCY_SETUP_INCOMPLETE）或服务繁忙'],
  )
  async submit(@Body() dto: PublicApplicationDto): Promise<PublicApplicationResponse> {
    const r = await this.cases.submitOnline(dto);
    return { trackingCode: r.trackingCode, status: r.status };
  }
}

/** Joined only into the HTTP application (its guard needs the ThrottlerModule the worker process does not have). */
@Module({
  imports: [CasesModule],
  controllers: [PublicApplicationsController],
})
export class PublicApplicationsModule {}
