import { Body, Controller, Get, Header, HttpCode, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser, Roles } from '../auth/auth-user';
import { CasesService } from '../cases/cases.service';
import { LettersService } from './letters.service';

export class ReissueLetterDto {
  @ApiProperty({ description: '更正理由' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

/** Letters of a case; PDFs only for signed-in users of the case's agency. */
@ApiTags('letters 文书')
@ApiBearerAuth()
@Controller()
export class LettersController {
  constructor(
    private readonly letters: LettersService,
    private readonly cases: CasesService,
  ) {}

  @Get('cases/:id/letters')
  async list(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    await this.cases.load(u.agencyId, id);
    return this.letters.listForCase(id);
  }

  @Roles('handler', 'approver')
  @Get('cases/:id/letters/preview')
  @ApiProduces('application/pdf')
  async preview(@CurrentUser() u: AuthUser, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const bytes = await this.cases.previewReply(u, id);
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', 'inline; filename="draft.pdf"');
    res.setHeader('cache-control', 'no-store');
    return new StreamableFile(bytes);
  }

  @Get('letters/:id/pdf')
  @ApiProduces('application/pdf')
  @Header('cache-control', 'private, max-age=0')
  async pdf(@CurrentUser() u: AuthUser, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const { bytes, docNumber } = await this.letters.pdfBytes(u.agencyId, id);
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', `inline; filename="${id}.pdf"; filename*=UTF-8''${encodeURIComponent(docNumber)}.pdf`);
    return new StreamableFile(bytes);
  }

  /** 更正: a new final letter that references the one it replaces (the original stays as it was). */
  @Roles('approver')
  @Post('letters/:id/reissue')
  @HttpCode(201)
  reissue(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: ReissueLetterDto) {
    return this.cases.reissueLetter(u, id, dto.reason);
  }

  @Get('letters/:id/verify')
  verify(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    return this.letters.verify(u.agencyId, id);
  }
}
