import { Body, Controller, createParamDecorator, ExecutionContext, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth/auth-user';
import { CasesService } from './cases.service';
import * as d from './dto';
import { ListCasesQuery } from './list-query';

/** The Idempotency-Key request header of an action (optional; see CasesService.act). */
const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const v = ctx.switchToHttp().getRequest().headers['idempotency-key'];
  return Array.isArray(v) ? v[0] : v;
});

/** Routes only: each action has its own DTO and calls the one service method. */
@ApiTags('cases 案件')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Roles('clerk')
  @Post()
  @ApiOperation({ summary: '登记申请（Idempotency-Key 防止重复提交）' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  register(@CurrentUser() u: AuthUser, @Body() dto: d.RegisterCaseDto, @Headers('idempotency-key') key?: string) {
    return this.cases.register(u, dto, key);
  }

  @Get()
  @ApiOperation({ summary: '工作清单（按最近期限排序）' })
  list(@CurrentUser() u: AuthUser, @Query() q: ListCasesQuery) {
    return this.cases.list(u, q);
  }

  @Get(':id')
  async detail(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    return this.cases.detail(u, await this.cases.load(u.agencyId, id));
  }

  @Get(':id/history')
  async history(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    await this.cases.load(u.agencyId, id);
    return this.cases.history(id);
  }

  @Get(':id/history/verify')
  verify(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    return this.cases.verify(u.agencyId, id);
  }

  @Post(':id/actions/accept') @HttpCode(200)
  accept(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ActionDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'accept', dto, key);
  }
  @Post(':id/actions/request-correction') @HttpCode(200)
  requestCorrection(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.RequestCorrectionDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'request-correction', dto, key);
  }
  @Post(':id/actions/receive-correction') @HttpCode(200)
  receiveCorrection(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ActionDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'receive-correction', dto, key);
  }
  @Post(':id/actions/assign') @HttpCode(200)
  assign(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.AssignDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'assign', dto, key);
  }
  @Post(':id/actions/start-consultation') @HttpCode(200)
  startConsultation(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.StartConsultationDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'start-consultation', dto, key);
  }
  @Post(':id/actions/close-consultation') @HttpCode(200)
  closeConsultation(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.CloseConsultationDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'close-consultation', dto, key);
  }
  @Post(':id/actions/issue-fee-notice') @HttpCode(200)
  issueFeeNotice(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.IssueFeeNoticeDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'issue-fee-notice', dto, key);
  }
  @Post(':id/actions/record-payment') @HttpCode(200)
  recordPayment(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.RecordPaymentDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'record-payment', dto, key);
  }
  @Post(':id/actions/extend') @HttpCode(200)
  extend(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ExtendDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'extend', dto, key);
  }
  @Post(':id/actions/defer') @HttpCode(200)
  defer(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.DeferDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'defer', dto, key);
  }
  @Post(':id/actions/record-secrecy-review') @HttpCode(200)
  secrecyReview(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.SecrecyReviewDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'record-secrecy-review', dto, key);
  }
  @Post(':id/actions/propose') @HttpCode(200)
  propose(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ProposeDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'propose', dto, key);
  }
  @Post(':id/actions/submit-for-approval') @HttpCode(200)
  submit(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ActionDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'submit-for-approval', dto, key);
  }
  @Post(':id/actions/approve') @HttpCode(200)
  approve(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ActionDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'approve', dto, key);
  }
  @Post(':id/actions/return') @HttpCode(200)
  returnDraft(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ReturnDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'return', dto, key);
  }
  @Post(':id/actions/deliver') @HttpCode(200)
  deliver(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.DeliverDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'deliver', dto, key);
  }
  @Post(':id/actions/withdraw') @HttpCode(200)
  withdraw(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ActionDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'withdraw', dto, key);
  }
  @Post(':id/actions/archive') @HttpCode(200)
  archive(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ActionDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'archive', dto, key);
  }
  @Post(':id/actions/on-the-spot-reply') @HttpCode(200)
  onTheSpot(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.OnTheSpotReplyDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'on-the-spot-reply', dto, key);
  }
  @Post(':id/actions/record-reconsideration') @HttpCode(200)
  reconsideration(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.RecordReconsiderationDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'record-reconsideration', dto, key);
  }
  @Post(':id/actions/record-litigation') @HttpCode(200)
  litigation(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.RecordLitigationDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'record-litigation', dto, key);
  }
}
