import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { AuthUser, CurrentUser, Roles } from '../../platform/auth/auth-user';
import { LettersService } from '../letters/letters.service';
import { CasesService } from './cases.service';
import { ApiErrors, type ErrorSpec } from '../../platform/http-errors/error-response';
import { badRequest } from '../../platform/http-errors/app-exception';

import { DraftLetterResponse, LetterResponse, LetterVerifyResponse, PDF_CONTENT } from '../letters/responses';
import { UUID } from '../../platform/ids';

/** The refusals of the reply draft, as PDF (preview) and as text (draft). */
const DRAFT_ERRORS: ErrorSpec[] = [
  [400, '办理意见缺少生成答复书所需的内容（VALIDATION_FAILED）'],
  401,
  403,
  [404, '案件不存在或不属于本机关（NOT_FOUND）'],
  [409, '尚未提出办理意见，暂无答复书草稿（NO_DRAFT）'],
  503,
];

export class ReissueLetterDto {
  @ApiProperty({ description: '更正理由' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

/**
 * The letters of a case: its list, a letter's PDF and integrity check, the reply draft, and 更正 (a
 * new final letter replacing one). A letter is read by whoever may read its case (a handler: the
 * cases of their department; src/domain/workflow/access.ts).
 * Here rather than in the letters area because each is a step on the case (the letters area
 * knows nothing of cases).
 */
@ApiTags('letters 文书')
@ApiBearerAuth()
@Controller()
export class CaseLettersController {
  constructor(
    private readonly letters: LettersService,
    private readonly cases: CasesService,
  ) {}

  @Get('cases/:id/letters')
  @ApiOkResponse({ type: [LetterResponse], description: '案件的文书（按签发先后）' })
  @ApiErrors(401, 403, [404, '案件不存在或不属于本机关（NOT_FOUND）'], 503)
  async list(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    await this.cases.readable(u, id);
    return this.letters.listForCase(id);
  }

  @Get('letters/:id/pdf')
  @ApiOkResponse({ content: PDF_CONTENT, description: '已签发文书的 PDF（与签发时的哈希值一致的原件）' })
  @ApiErrors(401, [403, '文书所属案件不属于本人所在的承办部门（CASE_NOT_IN_YOUR_DEPARTMENT）'], [404, '文书不存在或不属于本机关（NOT_FOUND）'], 503)
  @Header('cache-control', 'private, max-age=0')
  async pdf(@CurrentUser() u: AuthUser, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    await this.cases.readable(u, await this.letters.caseOf(u.agencyId, id));
    const { bytes, docNumber } = await this.letters.pdfBytes(u.agencyId, id);
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', `inline; filename="${id}.pdf"; filename*=UTF-8''${encodeURIComponent(docNumber)}.pdf`);
    return new StreamableFile(bytes);
  }

  @Get('letters/:id/verify')
  @ApiOkResponse({ type: LetterVerifyResponse })
  @ApiErrors(401, [403, '文书所属案件不属于本人所在的承办部门（CASE_NOT_IN_YOUR_DEPARTMENT）'], [404, '文书不存在或不属于本机关（NOT_FOUND）'], 503)
  async verify(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    await this.cases.readable(u, await this.letters.caseOf(u.agencyId, id));
    return this.letters.verify(u.agencyId, id);
  }

  // The clerk too: a closure the system proposed (视为放弃申请) is the clerk's to check and submit.
  @Roles('handler', 'approver', 'clerk')
  @Get('cases/:id/letters/preview')
  @ApiOkResponse({
    content: PDF_CONTENT,
    description: '答复书草稿 PDF（“草稿”水印，无文号，不保存）；逾期未补正或未缴费、系统拟视为放弃申请时为该结案答复书的草稿',
  })
  @ApiErrors(...DRAFT_ERRORS)
  async preview(@CurrentUser() u: AuthUser, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const bytes = await this.cases.previewReply(u, id);
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', 'inline; filename="draft.pdf"');
    res.setHeader('cache-control', 'no-store');
    return new StreamableFile(bytes);
  }

  /**
   * 批量打印: the letters in force of the selected cases (at most 100; each case readable by the
   * user, else the whole request is refused) as one PDF, in the order given.
   */
  @Get('letters/print.pdf')
  @ApiQuery({ name: 'caseIds', required: true, description: '案件 id，以逗号分隔（至多 100 件）' })
  @ApiQuery({ name: 'which', required: false, enum: ['latest', 'all'], description: 'latest（默认）：每案最新一份文书；all：每案全部有效文书' })
  @ApiOkResponse({ content: PDF_CONTENT, description: '合并后的 PDF；响应头 x-cases-without-letters 为无文书的案件数' })
  @ApiErrors(
    [400, 'caseIds 或 which 无效（VALIDATION_FAILED）'],
    401,
    [403, '其中有当前用户不能查阅的案件（CASE_NOT_IN_YOUR_DEPARTMENT）'],
    [404, '其中有案件不存在或不属于本机关（NOT_FOUND）'],
    [409, '所选案件尚无已签发的文书（NO_LETTERS）'],
    503,
  )
  async print(@CurrentUser() u: AuthUser, @Query('caseIds') caseIds: unknown, @Query('which') which: unknown, @Res({ passthrough: true }) res: Response) {
    const ids = typeof caseIds === 'string' ? [...new Set(caseIds.split(',').map((x) => x.trim()).filter(Boolean))] : [];
    if (!ids.length || ids.length > 100 || !ids.every((id) => UUID.test(id))) {
      throw badRequest('caseIds 须为 1-100 个以逗号分隔的案件 id', [{ field: 'caseIds', message: 'caseIds 须为 1-100 个以逗号分隔的案件 id' }]);
    }
    if (which !== undefined && which !== 'latest' && which !== 'all') {
      throw badRequest('which 只能是 latest 或 all', [{ field: 'which', message: 'which 只能是 latest 或 all' }]);
    }
    await this.cases.readableAll(u, ids);
    const b = await this.letters.printBundle(u.agencyId, ids, which !== 'all');
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', `attachment; filename="letters.pdf"; filename*=UTF-8''${encodeURIComponent('批量打印文书.pdf')}`);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-cases-without-letters', String(b.withoutLetters.length));
    return new StreamableFile(b.bytes);
  }

  /** The same draft as text, block by block, for reading beside the case summary (the approval inbox). */
  @Roles('handler', 'approver', 'clerk')
  @Get('cases/:id/letters/draft')
  @ApiOkResponse({ type: DraftLetterResponse, description: '答复书草稿的文字（与草稿 PDF 同一内容，无文号，不保存）' })
  @ApiErrors(...DRAFT_ERRORS)
  async draftText(@CurrentUser() u: AuthUser, @Param('id') id: string): Promise<DraftLetterResponse> {
    const d = await this.cases.replyDraft(u, id);
    return { type: d.type, title: d.title, docNumber: d.docNumber, outcome: d.outcome, remedy: d.remedy, blocks: d.blocks };
  }

  /** 更正: a new final letter that references the one it replaces (the original stays as it was). */
  @Roles('approver')
  @Post('letters/:id/reissue')
  @HttpCode(201)
  @ApiCreatedResponse({ type: [LetterResponse], description: '已签发更正后的文书：案件的全部文书（新文书的 replacesId 指向原文书）' })
  @ApiErrors(
    400,
    401,
    403,
    [404, '文书不存在或不属于本机关（NOT_FOUND）'],
    [409, '该文书已有更正后的文书（LETTER_ALREADY_REPLACED）'],
    413,
    415,
    503,
  )
  reissue(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: ReissueLetterDto) {
    return this.cases.reissueLetter(u, id, dto.reason);
  }

}
