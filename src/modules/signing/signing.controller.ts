import { Body, Controller, Get, HttpCode, Post, Put, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { AuthUser, CurrentUser, Public, Roles } from '../../platform/auth/auth-user';
import { badRequest, notFound } from '../../platform/http-errors/app-exception';
import { ApiErrors } from '../../platform/http-errors/error-response';
import { RateLimit } from '../../platform/rate-limit/rate-limit.guard';
import { PUBLIC_PDF_LIMIT } from '../../platform/http-errors/express-errors';
import { CertificateListResponse, CertificateResponse, PublicLetterCheckResponse, SealResponse } from './responses';
import { SigningService } from './signing.service';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const stripSpace = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\s+/g, '') : value);

export class UploadCertificateDto {
  @ApiProperty({ description: 'PKCS#12 文件（.p12/.pfx）的 Base64；口令不随请求提交，取自服务配置 SIGNING_P12_PASSPHRASE' })
  @Transform(stripSpace)
  @IsString()
  @MaxLength(700_000)
  @Matches(BASE64, { message: 'pkcs12：须为 Base64 编码的 PKCS#12 文件' })
  pkcs12!: string;
}

export class UploadSealDto {
  @ApiProperty({ description: '印章图片（带透明背景的 PNG，≤ 512 KB）的 Base64' })
  @Transform(stripSpace)
  @IsString()
  @MaxLength(700_000)
  @Matches(BASE64, { message: 'png：须为 Base64 编码的 PNG 图片' })
  png!: string;
}

/**
 * 电子签章: the agency's signing certificate and seal (admin), and the public authenticity check of
 * a letter (anyone holding the PDF).
 */
@ApiTags('signing 电子签章')
@Controller()
export class SigningController {
  constructor(private readonly signing: SigningService) {}

  @ApiBearerAuth()
  @Roles('admin')
  @Get('agency/signing-certificate')
  @ApiOkResponse({ type: CertificateListResponse, description: '本机关当前的签章证书及历次证书（不含私钥）' })
  @ApiErrors(401, 403, 503)
  certificates(@CurrentUser() u: AuthUser) {
    return this.signing.certificates(u.agencyId);
  }

  /** Rotation: the new certificate signs from now on; the old ones stay for the letters they signed. */
  @ApiBearerAuth()
  @Roles('admin')
  @Put('agency/signing-certificate')
  @ApiOkResponse({ type: CertificateResponse, description: '新的当前证书（不含私钥）' })
  @ApiErrors(
    [400, '文件无法用配置的口令打开、无 RSA 私钥或相符证书、不在有效期内（VALIDATION_FAILED）'],
    401,
    403,
    [409, '该证书已上传过（CERTIFICATE_EXISTS）'],
    413,
    415,
    503,
  )
  upload(@CurrentUser() u: AuthUser, @Body() dto: UploadCertificateDto) {
    return this.signing.upload(u.agencyId, u.id, Buffer.from(dto.pkcs12, 'base64'));
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Put('agency/seal')
  @ApiOkResponse({ type: SealResponse, description: '新的印章图片' })
  @ApiErrors([400, '不是带透明背景的 PNG、尺寸或大小超限（VALIDATION_FAILED）'], 401, 403, 413, 415, 503)
  uploadSeal(@CurrentUser() u: AuthUser, @Body() dto: UploadSealDto) {
    return this.signing.uploadSeal(u.agencyId, u.id, Buffer.from(dto.png, 'base64'));
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Get('agency/seal')
  @ApiOkResponse({ content: { 'image/png': { schema: { type: 'string', format: 'binary' } } }, description: '当前的印章图片' })
  @ApiErrors(401, 403, [404, '尚未上传印章图片（NOT_FOUND）'], 503)
  async seal(@CurrentUser() u: AuthUser, @Res({ passthrough: true }) res: Response) {
    const png = await this.signing.seal(u.agencyId);
    if (!png) throw notFound('尚未上传印章图片');
    res.setHeader('content-type', 'image/png');
    res.setHeader('cache-control', 'private, no-store');
    return new StreamableFile(png);
  }

  /** The tracking page's authenticity check: the PDF itself is the body (application/pdf). */
  @Public()
  @RateLimit('letterCheck')
  @Post('public/letters/verify')
  @HttpCode(200)
  @ApiOperation({ summary: '核验文书真伪：上传 PDF，查验其哈希值是否为本系统签发的文书、电子签名是否有效（无需登录）' })
  @ApiConsumes('application/pdf')
  @ApiBody({ schema: { type: 'string', format: 'binary' }, description: '文书 PDF 文件本身（≤ 5 MB）' })
  @ApiOkResponse({ type: PublicLetterCheckResponse })
  @ApiErrors(
    [400, '请求体不是 PDF 文件（VALIDATION_FAILED）'],
    [413, `文件超过 ${PUBLIC_PDF_LIMIT / 1024 / 1024} MB（PAYLOAD_TOO_LARGE）`],
    [415, '请以 application/pdf 提交（UNSUPPORTED_MEDIA_TYPE）'],
    [429, '同一地址每分钟核验超过 10 次（TOO_MANY_REQUESTS）'],
    503,
  )
  check(@Req() req: Request) {
    const body = req.body as unknown;
    if (!Buffer.isBuffer(body) || body.length < 8 || body.toString('latin1', 0, 5) !== '%PDF-') {
      throw badRequest('请上传 PDF 文件', [{ field: 'body', message: 'body：须为 PDF 文件（application/pdf）' }]);
    }
    return this.signing.checkPublic(body);
  }
}
