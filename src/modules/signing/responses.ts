import { ApiProperty } from '@nestjs/swagger';

/** A signing certificate as the API shows it (never the key or the PKCS#12). */
export class CertificateResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, description: '证书主体名称（CN）' }) subject!: string;
  @ApiProperty({ type: String, description: '签发者名称（CN）' }) issuer!: string;
  @ApiProperty({ type: String }) serialNumber!: string;
  @ApiProperty({ type: String, description: '证书（DER）的 SHA-256' }) fingerprintSha256!: string;
  @ApiProperty({ type: String, format: 'date-time' }) notBefore!: string;
  @ApiProperty({ type: String, format: 'date-time' }) notAfter!: string;
  @ApiProperty({ type: Boolean, description: '系统生成的自签名测试证书（测试用，不得用于正式文书）' }) testOnly!: boolean;
  @ApiProperty({ type: Boolean, description: '当前用于签章的证书' }) current!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class CertificateListResponse {
  @ApiProperty({ type: CertificateResponse, nullable: true }) current!: CertificateResponse | null;
  @ApiProperty({ type: [CertificateResponse], description: '历次证书（新者在前）；轮换后旧证书保留，其签署的文书仍可验证' })
  history!: CertificateResponse[];
}

export class SealResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) sha256!: string;
  @ApiProperty({ type: Number }) width!: number;
  @ApiProperty({ type: Number }) height!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

/** The signature of a letter's PDF, checked. */
export class SignatureCheckResponse {
  @ApiProperty({ type: Boolean, description: '签名有效：摘要与签名覆盖的字节一致、签名值可用所附证书验证、覆盖整个文件' }) valid!: boolean;
  @ApiProperty({ type: String, description: '签名证书的主体名称（CN）' }) signer!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '签名时间（signingTime）' }) signedAt!: string | null;
  @ApiProperty({ type: Boolean, description: '签名覆盖整个文件' }) coversWholeDocument!: boolean;
}

export class PublicLetterSignatureResponse extends SignatureCheckResponse {
  @ApiProperty({ type: Boolean, nullable: true, description: '签名证书即本系统签发该文书所用的证书；文件不是本系统文书时为 null' })
  certificateMatches!: boolean | null;
}

export class PublicLetterResponse {
  @ApiProperty({ type: String, description: '发文机关' }) agency!: string;
  @ApiProperty({ type: String, description: '文号' }) docNumber!: string;
  @ApiProperty({ type: String, format: 'date', description: '成文日期' }) issuedOn!: string;
  @ApiProperty({ type: Boolean, description: '该文书已被更正后的文书取代' }) corrected!: boolean;
}

export class PublicLetterCheckResponse {
  @ApiProperty({ type: String, description: '所上传文件的 SHA-256' }) sha256!: string;
  @ApiProperty({ type: Boolean, description: '本系统签发过哈希值相同的文书' }) known!: boolean;
  @ApiProperty({ type: PublicLetterResponse, nullable: true }) letter!: PublicLetterResponse | null;
  @ApiProperty({ type: PublicLetterSignatureResponse, nullable: true, description: '文件中的电子签名；无签名时为 null' })
  signature!: PublicLetterSignatureResponse | null;
  @ApiProperty({ type: Boolean, description: '真实：是本系统签发的文书，且签名（如有）有效并出自签发时所用的证书' }) authentic!: boolean;
}
