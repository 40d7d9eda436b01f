import { Controller, Get, Header, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser } from '../../platform/auth/auth-user';
import { LettersService } from './letters.service';
import { ApiErrors } from '../../platform/http-errors/error-response';
import { LetterVerifyResponse, PDF_CONTENT } from './responses';

/** A letter's PDF and its integrity check, for signed-in users of the letter's agency. */
@ApiTags('letters 文书')
@ApiBearerAuth()
@Controller()
export class LettersController {
  constructor(private readonly letters: LettersService) {}

  @Get('letters/:id/pdf')
  @ApiOkResponse({ content: PDF_CONTENT, description: '已签发文书的 PDF（与签发时的哈希值一致的原件）' })
  @ApiErrors(401, 403, [404, '文书不存在或不属于本机关（NOT_FOUND）'], 503)
  @Header('cache-control', 'private, max-age=0')
  async pdf(@CurrentUser() u: AuthUser, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const { bytes, docNumber } = await this.letters.pdfBytes(u.agencyId, id);
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', `inline; filename="${id}.pdf"; filename*=UTF-8''${encodeURIComponent(docNumber)}.pdf`);
    return new StreamableFile(bytes);
  }

  @Get('letters/:id/verify')
  @ApiOkResponse({ type: LetterVerifyResponse })
  @ApiErrors(401, 403, [404, '文书不存在或不属于本机关（NOT_FOUND）'], 503)
  verify(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    return this.letters.verify(u.agencyId, id);
  }
}
