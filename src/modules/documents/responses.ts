import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DocumentCreatedResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ description: '文件名' }) name!: string;
  @ApiProperty({ description: '原件的 SHA-256（十六进制）' }) sha256!: string;
  @ApiProperty({ description: '页数' }) pages!: number;
}

export class RedactionResponse {
  @ApiProperty() id!: string;
  @ApiProperty() documentId!: string;
  @ApiProperty() page!: number;
  @ApiProperty() x!: number;
  @ApiProperty() y!: number;
  @ApiProperty() width!: number;
  @ApiProperty() height!: number;
  @ApiProperty({ description: '依据（不予提供部分的理由代码）' }) ground!: string;
  @ApiProperty({ description: '依据的中文名称' }) groundLabel!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) removedAt!: string | null;
}

export class DocumentResponse extends DocumentCreatedResponse {
  @ApiProperty({ enum: ['application/pdf', 'image/png', 'image/jpeg'] }) mediaType!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ description: '各页尺寸（点）' }) pageSizes!: Array<{ width: number; height: number }>;
  @ApiProperty({ description: '添加人' }) createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: [RedactionResponse], description: '有效的遮盖区域' }) redactions!: RedactionResponse[];
}

export class CaseDocumentsResponse {
  @ApiProperty({ type: [DocumentResponse] }) documents!: DocumentResponse[];
  @ApiProperty({ description: '附件和遮盖是否还能更改（报批前）' }) editable!: boolean;
  @ApiProperty({ description: '答复类型是否随答复提供这些附件（予以公开、部分公开）' }) provided!: boolean;
  @ApiPropertyOptional({ nullable: true, description: '按当前办理意见审批时会被拒绝的理由（条例第三十七条）', type: Object })
  problem!: { code: string; message: string } | null;
  @ApiProperty({ description: '办理意见所列不予提供部分的依据', type: [String] }) withheldGrounds!: string[];
}
