import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseIntPipe, Post, Query, Req, Res, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthUser, CurrentUser, Roles } from '../../platform/auth/auth-user';
import { badRequest } from '../../platform/http-errors/app-exception';
import { ApiErrors } from '../../platform/http-errors/error-response';
import { PDF_CONTENT } from '../letters/responses';
import { DocumentsService, UploadedFile } from './documents.service';
import { AddRedactionDto, PageImageQuery } from './dto';
import { CaseDocumentsResponse, DocumentCreatedResponse, RedactionResponse } from './responses';
import { DocumentUploadInterceptor } from './upload.interceptor';

const PNG_CONTENT = { 'image/png': { schema: { type: 'string', format: 'binary' } } };

function pdfHeaders(res: Response, name: string) {
  res.setHeader('content-type', 'application/pdf');
  res.setHeader('content-disposition', `inline; filename="released.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`);
}

/**
 * 附件与遮盖 (issue 18): the records found, attached by the case's 承办人, the regions withheld from
 * them and the released copies. Routes only; the rules are in DocumentsService.
 */
@ApiTags('documents 附件与遮盖')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Roles('handler')
  @Post('cases/:id/documents')
  @UseInterceptors(DocumentUploadInterceptor)
  @ApiOperation({ summary: '承办人上传检索到的政府信息（PDF、PNG、JPEG；按内容判断类型；大小上限 DOCUMENT_MAX_BYTES）；原件不改变、不向申请人提供；历史记录 DOCUMENT_ADDED' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: DocumentCreatedResponse })
  @ApiErrors(
    [400, '没有文件，或文件按内容不是 PDF、PNG、JPEG，或无法读取（已加密、已损坏）'],
    401,
    [403, '只有本案的承办人可以上传（FORBIDDEN_ROLE、CASE_NOT_IN_YOUR_DEPARTMENT）'],
    [404, '案件不存在或不属于本机关（NOT_FOUND）'],
    [409, '同一文件已添加（DOCUMENT_ALREADY_ATTACHED），或案件已报批、已决定（DOCUMENTS_LOCKED）'],
    [413, '文件超过 DOCUMENT_MAX_BYTES（PAYLOAD_TOO_LARGE）'],
    503,
  )
  upload(@CurrentUser() u: AuthUser, @Param('id') id: string, @Req() req: Request & { file?: UploadedFile }) {
    return this.documents.upload(u, id, req.file);
  }

  @Get('cases/:id/documents')
  @ApiOperation({ summary: '案件的附件、遮盖区域，以及按当前办理意见审批时的遮盖检查（条例第三十七条）' })
  @ApiOkResponse({ type: CaseDocumentsResponse })
  @ApiErrors(401, 403, [404, '案件不存在或不属于本机关（NOT_FOUND）'], 503)
  list(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    return this.documents.list(u, id);
  }

  @Get('cases/:id/documents/released.pdf')
  @ApiOperation({ summary: '全部附件的提供版合为一个文件（当面或邮寄送达时打印）；已送达的为送达时的提供版' })
  @ApiOkResponse({ content: PDF_CONTENT })
  @ApiErrors(401, 403, [404, '案件不存在或不属于本机关（NOT_FOUND）'], [409, '本案没有附件（NO_DOCUMENTS）'], 503)
  @Header('cache-control', 'private, no-store')
  async bundle(@CurrentUser() u: AuthUser, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const bytes = await this.documents.bundle(u, id);
    pdfHeaders(res, '提供的政府信息.pdf');
    return new StreamableFile(bytes);
  }

  @Roles('handler')
  @Post('documents/:id/redactions')
  @ApiOperation({ summary: '遮盖一个区域（点，页面左上角为原点，y 向下）；依据须为不予提供部分的理由代码；历史记录 REDACTION_ADDED' })
  @ApiCreatedResponse({ type: RedactionResponse })
  @ApiErrors(
    [400, '区域或依据有误（VALIDATION_FAILED）'],
    401,
    [403, '只有本案的承办人可以遮盖（FORBIDDEN_ROLE、CASE_NOT_IN_YOUR_DEPARTMENT）'],
    [404, '附件不存在（NOT_FOUND）'],
    [409, '案件已报批或已决定（DOCUMENTS_LOCKED）'],
    503,
  )
  addRedaction(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() dto: AddRedactionDto) {
    return this.documents.addRedaction(u, id, dto);
  }

  @Roles('handler')
  @Delete('redactions/:id')
  @HttpCode(200)
  @ApiOperation({ summary: '撤销一个遮盖区域（报批前；记录保留在遮盖日志中）；历史记录 REDACTION_REMOVED' })
  @ApiOkResponse({ type: RedactionResponse })
  @ApiErrors(401, [403, '只有本案的承办人可以撤销遮盖'], [404, '遮盖区域不存在（NOT_FOUND）'], [409, '已撤销（REDACTION_ALREADY_REMOVED）或案件已报批（DOCUMENTS_LOCKED）'], 503)
  removeRedaction(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    return this.documents.removeRedaction(u, id);
  }

  @Get('documents/:id/released.pdf')
  @ApiOperation({ summary: '提供版：遮盖区域下没有任何文字、图像或注释；没有原件的元数据、附件、脚本、表单；页数与原件相同' })
  @ApiOkResponse({ content: PDF_CONTENT })
  @ApiErrors(401, 403, [404, '附件不存在（NOT_FOUND）'], 503)
  @Header('cache-control', 'private, no-store')
  async released(@CurrentUser() u: AuthUser, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const r = await this.documents.releasedPdf(u, id);
    pdfHeaders(res, r.name.replace(/\.(pdf|png|jpe?g)$/i, '') + '.pdf');
    res.setHeader('x-content-sha256', r.sha256);
    return new StreamableFile(r.bytes);
  }

  @Get('documents/:id/pages/:page')
  @ApiOperation({ summary: '一页的图像（PNG；缩略图、遮盖时的底图；released=true 时遮盖区域涂黑）' })
  @ApiOkResponse({ content: PNG_CONTENT })
  @ApiErrors([400, '页码或宽度有误'], 401, 403, [404, '附件不存在（NOT_FOUND）'], 503)
  @Header('cache-control', 'private, no-store')
  async page(
    @CurrentUser() u: AuthUser,
    @Param('id') id: string,
    @Param('page', new ParseIntPipe({ exceptionFactory: () => badRequest('页码须为整数', [{ field: 'page', message: 'page 须为整数页码' }]) })) page: number,
    @Query() q: PageImageQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const png = await this.documents.pageImage(u, id, page, q.width ?? 300, q.released === true);
    res.setHeader('content-type', 'image/png');
    return new StreamableFile(png);
  }
}
