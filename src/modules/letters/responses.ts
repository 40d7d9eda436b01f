import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LETTER_TYPES } from '../../domain/letters';
import { SignatureCheckResponse } from '../signing/responses';

/** One issued letter (文书) of a case: LettersService.listForCase. */
export class LetterResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: [...LETTER_TYPES], enumName: 'LetterType', description: '文书类别' }) type!: string;
  @ApiProperty({ type: String, example: 'reply_disclose', description: '所用模板' }) variant!: string;
  @ApiProperty({ enum: ['final'], description: '已签发的文书不再改动（更正另发新文书）' }) status!: string;
  @ApiProperty({ type: String, example: '示范县公开〔2026〕12号', description: '文号' }) docNumber!: string;
  @ApiProperty({ type: String, example: 'a3f1…', description: 'PDF 的 SHA-256（十六进制）' }) sha256!: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-02-13', description: '成文日期' }) issuedOn!: string;
  @ApiProperty({ type: Number, description: 'PDF 字节数' }) size!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '被本文书更正的原文书' }) replacesId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '更正理由' }) reason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '电子签名时间（加盖印章的文书签发时签名）；未签名的表单为 null' })
  signedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

/** A letter's signature, checked against the certificate the letter was signed with. */
export class LetterSignatureResponse extends SignatureCheckResponse {
  @ApiProperty({ type: String, description: '签名证书（DER）的 SHA-256' }) certificateSha256!: string;
  @ApiProperty({ type: Boolean, description: '签名证书即签发时记录的本机关证书（证书轮换后旧文书仍对应其原证书）' }) certificateMatches!: boolean;
}

/** A stored letter checked against its recorded hash: LettersService.verify. */
export class LetterVerifyResponse {
  @ApiProperty({ type: Boolean, description: '现存 PDF 与文书记录及案件历史中记载的哈希值均一致' }) intact!: boolean;
  @ApiProperty({ type: String, description: '签发时记录的 SHA-256' }) sha256!: string;
  @ApiProperty({ type: String, description: '现存 PDF 的 SHA-256' }) actualSha256!: string;
  @ApiProperty({ type: String, nullable: true, description: '案件历史（LETTER_ISSUED 记录）中记载的 SHA-256；历史中无此记录时为 null' })
  historySha256!: string | null;
  @ApiProperty({ type: Boolean, description: '现存 PDF 与案件历史记载的哈希值一致' }) matchesHistory!: boolean;
  @ApiProperty({ type: String, description: '文号' }) docNumber!: string;
  @ApiProperty({ type: LetterSignatureResponse, nullable: true, description: 'PDF 中的电子签名（加盖印章的文书）；未签名的表单为 null' })
  signature!: LetterSignatureResponse | null;
}

/** A PDF body (letters and the reply draft). */
export const PDF_CONTENT = { 'application/pdf': { schema: { type: 'string', format: 'binary' } } };

/** One block of a letter's layout (title, paragraph, item, remedy clause, table, …). */
export class LetterBlockResponse {
  @ApiProperty({ type: String, example: 'paragraph', description: 'title、docNumber、salutation、paragraph、item、heading、signature、date、remedy、table' })
  kind!: string;
  @ApiPropertyOptional({ type: String, description: '文字（table 以外）' }) text?: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'array', items: { type: 'string' } }, description: '表格行（table）' })
  rows?: string[][];
}

/** The draft reply as text: what the PDF preview prints, for reading beside the case (待审批). */
export class DraftLetterResponse {
  @ApiProperty({ type: String, example: 'reply_disclose', description: '模板' }) type!: string;
  @ApiProperty({ type: String, description: '标题' }) title!: string;
  @ApiProperty({ type: String, nullable: true, description: '草稿无文号：null' }) docNumber!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '答复类型' }) outcome!: string | null;
  @ApiProperty({ type: String, description: '救济条款类别' }) remedy!: string;
  @ApiProperty({ type: [LetterBlockResponse] }) blocks!: LetterBlockResponse[];
}
