import { Controller, Get, Header, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser } from '../../platform/auth/auth-user';
import { ApiErrors } from '../../platform/http-errors/error-response';
import { PDF_CONTENT } from '../letters/responses';
import { CaseFileService } from './case-file.service';

/** 案卷 (归档, 条例第45条; for a reconsideration body or a court): read by whoever may read the case. */
@ApiTags('cases 案件')
@ApiBearerAuth()
@Controller('cases')
export class CaseFileController {
  constructor(private readonly files: CaseFileService) {}

  @Get(':id/case-file.pdf')
  @ApiOkResponse({
    content: PDF_CONTENT,
    description: '案卷 PDF：封面（案件信息、办理结果、期限及计算过程、文书目录及哈希校验、送达记录、复议诉讼、全部历史记录及哈希链校验结果），其后为全部已签发文书原件',
  })
  @ApiErrors(401, [403, '案件不属于本人所在的承办部门（CASE_NOT_IN_YOUR_DEPARTMENT）'], [404, '案件不存在或不属于本机关（NOT_FOUND）'], 503)
  @Header('cache-control', 'private, max-age=0')
  async caseFile(@CurrentUser() u: AuthUser, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const { bytes, caseNumber } = await this.files.render(u, id);
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', `attachment; filename="case-file-${id}.pdf"; filename*=UTF-8''${encodeURIComponent(`案卷-${caseNumber}`)}.pdf`);
    return new StreamableFile(bytes);
  }
}
