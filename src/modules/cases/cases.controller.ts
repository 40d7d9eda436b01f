import {
  applyDecorators,
  Body,
  Controller,
  createParamDecorator,
  ExecutionContext,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../platform/auth/auth-user';
import { CasesService } from './cases.service';
import * as d from './dto';
import { ListCasesQuery } from './list-query';
import { ApiErrors } from '../../platform/http-errors/error-response';
import { todayInShanghai } from '../../platform/http-errors/validators';
import { ApplicantContactResponse, CaseDetailResponse, CaseListResponse, CaseVerifyResponse, HistoryEntryResponse } from './responses';

/** The Idempotency-Key request header of an action (optional; see CasesService.act). */
const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const v = ctx.switchToHttp().getRequest().headers['idempotency-key'];
  return Array.isArray(v) ? v[0] : v;
});

/** The documentation every action route shares: the optional Idempotency-Key, the case view, the refusals. */
const ActionResponses = () =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: '可选，不超过 200 个字符。同一案件上以同一键重发同一操作时，返回首次的结果而不再执行；同一键用于另一操作时答复 400 IDEMPOTENCY_KEY_REUSED',
    }),
    ApiOkResponse({ type: CaseDetailResponse, description: '操作已执行：操作后的案件（同一 Idempotency-Key 重发时为首次的结果）' }),
    ApiErrors(
      [400, '请求数据有误（VALIDATION_FAILED），业务发生日期晚于今天或早于上一事件，或 Idempotency-Key 过长、已用于另一操作（IDEMPOTENCY_KEY_REUSED）'],
      401,
      [403, '当前角色无权执行此操作（FORBIDDEN_ROLE），或案件未交由本人所在的承办部门办理（CASE_NOT_IN_YOUR_DEPARTMENT）'],
      [404, '案件不存在或不属于本机关，所指定的承办部门不存在，或所指的文书不属于本案（NOT_FOUND）'],
      [
        409,
        '拒绝办理：code 为稳定的拒绝代码（如 ACTION_NOT_AVAILABLE_IN_STATE、EXTENSION_AFTER_DEADLINE，见 docs/refusal-codes.md），article 为所依据的条款；' +
          '审批人审批自己提出的办理意见时为 SELF_APPROVAL_FORBIDDEN；' +
          '案件已被他人修改时为 CASE_VERSION_CONFLICT，details.currentVersion 为当前版本',
      ],
      413,
      415,
      503,
    ),
  );

/** Routes only: each action has its own DTO and calls the one service method. */
@ApiTags('cases 案件')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Roles('clerk')
  @Post()
  @ApiOperation({ summary: '登记申请（Idempotency-Key 防止重复提交）' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: '必填，不超过 200 个字符。以同一键重复提交时不再登记，返回首次登记的案件',
  })
  @ApiCreatedResponse({ type: CaseDetailResponse, description: '已登记的案件（同一 Idempotency-Key 重复提交时为首次登记的案件）' })
  @ApiErrors(
    [400, '请求数据有误（VALIDATION_FAILED），或缺少 Idempotency-Key 请求头'],
    401,
    [403, '只有登记员可以登记申请（FORBIDDEN_ROLE、FORBIDDEN）'],
    [409, '本机关尚未设置政府信息公开工作机构、复议机关或人民法院（AGENCY_SETUP_INCOMPLETE）'],
    413,
    415,
    503,
  )
  register(@CurrentUser() u: AuthUser, @Body() dto: d.RegisterCaseDto, @Headers('idempotency-key') key?: string) {
    return this.cases.register(u, dto, key);
  }

  @Get()
  @ApiOperation({ summary: '工作清单（按最近期限排序）' })
  @ApiOkResponse({ type: CaseListResponse })
  @ApiErrors([400, '查询条件有误（VALIDATION_FAILED）'], 401, 403, 503)
  list(@CurrentUser() u: AuthUser, @Query() q: ListCasesQuery) {
    return this.cases.list(u, q);
  }

  @Get('export.csv')
  @ApiOperation({
    summary: '导出工作清单（CSV）：与工作清单相同的筛选条件和查看范围（page、pageSize 不起作用），按最近期限排序，最多 10000 件',
  })
  @ApiOkResponse({
    content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } },
    description:
      'UTF-8（带 BOM）CSV，栏目：案件编号、状态、收到申请之日、申请人、承办部门、答复期限、剩余工作日/逾期、答复类型；身份证明号码已遮蔽；' +
      '以 = + - @ 开头的单元格前加 \'。超过 10000 件时只导出前 10000 件，最后一行注明，响应头 X-Export-Truncated 为 true',
    headers: {
      'Content-Disposition': { description: "attachment; filename*=UTF-8''案件工作清单-日期.csv", schema: { type: 'string' } },
      'X-Total-Count': { description: '符合条件的案件数', schema: { type: 'integer' } },
      'X-Export-Truncated': { description: '是否因超过 10000 件而只导出了一部分', schema: { type: 'string', enum: ['true', 'false'] } },
    },
  })
  @ApiErrors([400, '查询条件有误（VALIDATION_FAILED）'], 401, 403, 503)
  @Header('cache-control', 'private, no-store')
  async exportCsv(@CurrentUser() u: AuthUser, @Query() q: ListCasesQuery, @Res({ passthrough: true }) res: Response) {
    const out = await this.cases.exportCsv(u, q);
    const name = `案件工作清单-${todayInShanghai()}.csv`;
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="worklist.csv"; filename*=UTF-8''${encodeURIComponent(name)}`);
    res.setHeader('x-total-count', String(out.total));
    res.setHeader('x-export-truncated', String(out.capped));
    return out.csv;
  }

  @Get(':id')
  @ApiOkResponse({ type: CaseDetailResponse, description: '案件（含期限、征求意见、文书与历史记录）' })
  @ApiErrors(401, [403, '承办人查看非本部门承办的案件（CASE_NOT_IN_YOUR_DEPARTMENT）'], [404, '案件不存在或不属于本机关（NOT_FOUND）'], 503)
  async detail(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    return this.cases.detail(u, await this.cases.readable(u, id));
  }

  @Get(':id/history')
  @ApiOkResponse({ type: [HistoryEntryResponse], description: '案件的历史记录（按序号）' })
  @ApiErrors(401, [403, '承办人查看非本部门承办的案件（CASE_NOT_IN_YOUR_DEPARTMENT）'], [404, '案件不存在或不属于本机关（NOT_FOUND）'], 503)
  async history(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    await this.cases.readable(u, id);
    return this.cases.history(id);
  }

  @Get(':id/history/verify')
  @ApiOkResponse({ type: CaseVerifyResponse, description: '历史记录的校验结果（哈希链、链头、重放）' })
  @ApiErrors(401, [403, '承办人查看非本部门承办的案件（CASE_NOT_IN_YOUR_DEPARTMENT）'], [404, '案件不存在或不属于本机关（NOT_FOUND）'], 503)
  async verify(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    await this.cases.readable(u, id);
    return this.cases.verify(u.agencyId, id);
  }

  @Post(':id/reveal')
  @HttpCode(200)
  @ApiOperation({ summary: '查看申请人完整的身份证明号码和联系电话（登记员、法制审核、本案承办人；每次查看记入历史记录）' })
  @ApiOkResponse({ type: ApplicantContactResponse, description: '完整的身份证明号码和联系电话；历史记录新增一条 SENSITIVE_DATA_REVEALED' })
  @ApiErrors(
    [400, '请求数据有误（VALIDATION_FAILED）'],
    401,
    [403, '当前用户无权查看（FORBIDDEN_ROLE）：只有登记员、法制审核人员和本案的承办人可以查看'],
    [404, '案件不存在或不属于本机关（NOT_FOUND）'],
    413,
    415,
    503,
  )
  reveal(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.RevealApplicantDto) {
    return this.cases.revealApplicant(u, id, dto?.reason);
  }

  @Post(':id/actions/confirm-receipt') @HttpCode(200) @ActionResponses()
  @ApiOperation({
    summary:
      '确认收到网上申请（条例第31条第（三）项：以双方确认之日为收到申请之日）：confirmedAt 的北京时间日期成为收到申请之日，答复期限自此起算，并出具登记回执',
  })
  confirmReceipt(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ConfirmReceiptDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'confirm-receipt', dto, key);
  }
  @Post(':id/actions/accept') @HttpCode(200) @ActionResponses()
  accept(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ActionDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'accept', dto, key);
  }
  @Post(':id/actions/request-correction') @HttpCode(200) @ActionResponses()
  requestCorrection(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.RequestCorrectionDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'request-correction', dto, key);
  }
  @Post(':id/actions/receive-correction') @HttpCode(200) @ActionResponses()
  receiveCorrection(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ActionDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'receive-correction', dto, key);
  }
  @Post(':id/actions/assign') @HttpCode(200) @ActionResponses()
  assign(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.AssignDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'assign', dto, key);
  }
  @Post(':id/actions/start-consultation') @HttpCode(200) @ActionResponses()
  startConsultation(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.StartConsultationDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'start-consultation', dto, key);
  }
  @Post(':id/actions/close-consultation') @HttpCode(200) @ActionResponses()
  closeConsultation(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.CloseConsultationDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'close-consultation', dto, key);
  }
  @Post(':id/actions/issue-fee-notice') @HttpCode(200) @ActionResponses()
  issueFeeNotice(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.IssueFeeNoticeDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'issue-fee-notice', dto, key);
  }
  @Post(':id/actions/record-payment') @HttpCode(200) @ActionResponses()
  recordPayment(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.RecordPaymentDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'record-payment', dto, key);
  }
  @Post(':id/actions/extend') @HttpCode(200) @ActionResponses()
  extend(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ExtendDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'extend', dto, key);
  }
  @Post(':id/actions/defer') @HttpCode(200) @ActionResponses()
  defer(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.DeferDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'defer', dto, key);
  }
  @Post(':id/actions/request-reasons') @HttpCode(200) @ActionResponses()
  @ApiOperation({ summary: '要求申请人说明理由（条例第35条：申请数量、频次明显超过合理范围）' })
  requestReasons(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ActionDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'request-reasons', dto, key);
  }
  @Post(':id/actions/record-reasons') @HttpCode(200) @ActionResponses()
  @ApiOperation({ summary: '记录申请人说明的理由及是否合理（条例第35条：合理→可延迟答复，不合理→可不予处理）' })
  recordReasons(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.RecordReasonsDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'record-reasons', dto, key);
  }
  @Post(':id/actions/record-secrecy-review') @HttpCode(200) @ActionResponses()
  secrecyReview(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.SecrecyReviewDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'record-secrecy-review', dto, key);
  }
  @Post(':id/actions/propose') @HttpCode(200) @ActionResponses()
  propose(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ProposeDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'propose', dto, key);
  }
  @Post(':id/actions/submit-for-approval') @HttpCode(200) @ActionResponses()
  @ApiOperation({
    summary: '报批：承办人报批答复的办理意见；逾期未补正或未缴费、系统拟视为放弃申请时，由登记员（或本案承办人）报批该结案意见（报批人不得审批）',
  })
  submit(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ActionDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'submit-for-approval', dto, key);
  }
  @Post(':id/actions/approve') @HttpCode(200) @ActionResponses()
  @ApiOperation({
    summary:
      '审批：报批的答复有高严重度的法制审核发现项（GET /cases/{id}/findings）时答复 409 APPROVAL_BLOCKED_BY_FINDINGS（details.findings），须在 overrideFindings 中逐项说明不适用的理由',
  })
  approve(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ApproveDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'approve', dto, key);
  }
  @Post(':id/actions/return') @HttpCode(200) @ActionResponses()
  returnDraft(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ReturnDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'return', dto, key);
  }
  @Post(':id/actions/deliver') @HttpCode(200) @ActionResponses()
  deliver(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.DeliverDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'deliver', dto, key);
  }
  @Post(':id/actions/withdraw') @HttpCode(200) @ActionResponses()
  withdraw(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ActionDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'withdraw', dto, key);
  }
  @Post(':id/actions/archive') @HttpCode(200) @ActionResponses()
  archive(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ActionDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'archive', dto, key);
  }
  @Post(':id/actions/on-the-spot-reply') @HttpCode(200) @ActionResponses()
  onTheSpot(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.OnTheSpotReplyDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'on-the-spot-reply', dto, key);
  }
  @Post(':id/actions/record-reconsideration') @HttpCode(200) @ActionResponses()
  reconsideration(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.RecordReconsiderationDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'record-reconsideration', dto, key);
  }
  @Post(':id/actions/record-letter-receipt') @HttpCode(200) @ActionResponses()
  @ApiOperation({
    summary:
      '记录文书送达收件人之日（邮寄：妥投记录）。征求意见函（条例第32、34条）、收费通知书（国办函〔2020〕109号）、补正告知书（条例第30条）的期限自收到之日起计算；延期答复告知书记录申请人知悉之日（条例第33条第二款）。每份文书一次，不早于发出之日，不晚于记录之日',
  })
  recordLetterReceipt(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.RecordLetterReceiptDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'record-letter-receipt', dto, key);
  }
  @Post(':id/actions/record-good-reason') @HttpCode(200) @ActionResponses()
  @ApiOperation({
    summary:
      '记录申请人逾期的正当理由（条例第30条：无正当理由逾期不补正的，视为放弃申请）：撤销拟视为放弃申请的意见，补正期限或缴费期限自记录之日起重新计算',
  })
  recordGoodReason(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.RecordGoodReasonDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'record-good-reason', dto, key);
  }
  @Post(':id/actions/close-lapsed') @HttpCode(200) @ActionResponses()
  @ApiOperation({
    summary:
      '申请人补正期限或缴费期限已届满且无正当理由（条例第30条；国办函〔2020〕109号）：拟视为放弃申请，与期限届满时系统自动提出的相同；结案意见随后报批、送达。结案日期为期限届满之次日',
  })
  closeLapsed(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.ActionDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'close-lapsed', dto, key);
  }
  @Post(':id/actions/record-litigation') @HttpCode(200) @ActionResponses()
  litigation(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: d.RecordLitigationDto, @IdempotencyKey() key?: string) {
    return this.cases.act(u, id, 'record-litigation', dto, key);
  }
}
