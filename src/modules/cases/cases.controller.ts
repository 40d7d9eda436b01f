import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth/auth-user';
import { CasesService } from './cases.service';
import * as d from './dto';
import { ListCasesQuery } from './list-query';

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
  accept(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ActionDto) {
    return this.cases.act(u, id, 'accept', dto);
  }
  @Post(':id/actions/request-correction') @HttpCode(200)
  requestCorrection(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.RequestCorrectionDto) {
    return this.cases.act(u, id, 'request-correction', dto);
  }
  @Post(':id/actions/receive-correction') @HttpCode(200)
  receiveCorrection(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ActionDto) {
    return this.cases.act(u, id, 'receive-correction', dto);
  }
  @Post(':id/actions/assign') @HttpCode(200)
  assign(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.AssignDto) {
    return this.cases.act(u, id, 'assign', dto);
  }
  @Post(':id/actions/start-consultation') @HttpCode(200)
  startConsultation(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.StartConsultationDto) {
    return this.cases.act(u, id, 'start-consultation', dto);
  }
  @Post(':id/actions/close-consultation') @HttpCode(200)
  closeConsultation(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.CloseConsultationDto) {
    return this.cases.act(u, id, 'close-consultation', dto);
  }
  @Post(':id/actions/issue-fee-notice') @HttpCode(200)
  issueFeeNotice(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.IssueFeeNoticeDto) {
    return this.cases.act(u, id, 'issue-fee-notice', dto);
  }
  @Post(':id/actions/record-payment') @HttpCode(200)
  recordPayment(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.RecordPaymentDto) {
    return this.cases.act(u, id, 'record-payment', dto);
  }
  @Post(':id/actions/extend') @HttpCode(200)
  extend(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ExtendDto) {
    return this.cases.act(u, id, 'extend', dto);
  }
  @Post(':id/actions/defer') @HttpCode(200)
  defer(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.DeferDto) {
    return this.cases.act(u, id, 'defer', dto);
  }
  @Post(':id/actions/record-secrecy-review') @HttpCode(200)
  secrecyReview(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.SecrecyReviewDto) {
    return this.cases.act(u, id, 'record-secrecy-review', dto);
  }
  @Post(':id/actions/propose') @HttpCode(200)
  propose(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ProposeDto) {
    return this.cases.act(u, id, 'propose', dto);
  }
  @Post(':id/actions/submit-for-approval') @HttpCode(200)
  submit(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ActionDto) {
    return this.cases.act(u, id, 'submit-for-approval', dto);
  }
  @Post(':id/actions/approve') @HttpCode(200)
  approve(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ActionDto) {
    return this.cases.act(u, id, 'approve', dto);
  }
  @Post(':id/actions/return') @HttpCode(200)
  returnDraft(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ReturnDto) {
    return this.cases.act(u, id, 'return', dto);
  }
  @Post(':id/actions/deliver') @HttpCode(200)
  deliver(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.DeliverDto) {
    return this.cases.act(u, id, 'deliver', dto);
  }
  @Post(':id/actions/withdraw') @HttpCode(200)
  withdraw(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ActionDto) {
    return this.cases.act(u, id, 'withdraw', dto);
  }
  @Post(':id/actions/archive') @HttpCode(200)
  archive(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ActionDto) {
    return this.cases.act(u, id, 'archive', dto);
  }
  @Post(':id/actions/on-the-spot-reply') @HttpCode(200)
  onTheSpot(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.OnTheSpotReplyDto) {
    return this.cases.act(u, id, 'on-the-spot-reply', dto);
  }
  @Post(':id/actions/record-reconsideration') @HttpCode(200)
  reconsideration(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.RecordReconsiderationDto) {
    return this.cases.act(u, id, 'record-reconsideration', dto);
  }
  @Post(':id/actions/record-litigation') @HttpCode(200)
  litigation(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.RecordLitigationDto) {
    return this.cases.act(u, id, 'record-litigation', dto);
  }
}
