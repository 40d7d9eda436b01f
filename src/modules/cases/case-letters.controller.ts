import { Body, Controller, Get, HttpCode, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { AuthUser, CurrentUser, Roles } from '../../platform/auth/auth-user';
import { LettersService } from '../letters/letters.service';
import { CasesService } from './cases.service';
import { ApiErrors } from '../../platform/http-errors/error-response';
import { LetterResponse, PDF_CONTENT } from '../letters/responses';

export class ReissueLetterDto {
  @ApiProperty({ description: '更正理由' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

/**
 * The letters of a case: its list, the reply draft, and 更正 (a new final letter replacing one).
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
    await this.cases.load(u.agencyId, id);
    return this.letters.listForCase(id);
  }

  @Roles('handler', 'approver')
  @Get('cases/:id/letters/preview')
  @ApiOkResponse({ content: PDF_CONTENT, description: '答复书草稿 PDF（“草稿”水印，无文号，不保存）' })
  @ApiErrors(
    [400, '办理意见缺少生成答复书所需的内容（VALIDATION_FAILED）'],
    401,
    403,
    [404, '案件不存在或不属于本机关（NOT_FOUND）'],
    [409, '尚未提出办理意见，暂无答复书草稿（NO_DRAFT）'],
    503,
  )
  async preview(@CurrentUser() u: AuthUser, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const bytes = await this.cases.previewReply(u, id);
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', 'inline; filename="draft.pdf"');
    res.setHeader('cache-control', 'no-store');
    return new StreamableFile(bytes);
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
