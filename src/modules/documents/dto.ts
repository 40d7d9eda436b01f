import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { WITHHELD_PART_GROUNDS } from '../../domain/outcomes/outcomes';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A region to black out: PDF points from the top-left corner of the displayed page (y downwards). */
export class AddRedactionDto {
  @ApiProperty({ example: 1, description: '页码（从 1 起）' }) @IsInt() @Min(1) @Max(100000) page!: number;
  @ApiProperty({ example: 0, description: '左边距页面左边缘（点，1/72 英寸）' }) @IsNumber() @Min(0) @Max(100000) x!: number;
  @ApiProperty({ example: 0, description: '上边距页面上边缘（点）' }) @IsNumber() @Min(0) @Max(100000) y!: number;
  @ApiProperty({ example: 595, description: '宽（点）' }) @IsNumber() @Min(1) @Max(100000) width!: number;
  @ApiProperty({ example: 842, description: '高（点）' }) @IsNumber() @Min(1) @Max(100000) height!: number;
  @ApiProperty({ enum: WITHHELD_PART_GROUNDS, description: '依据：办理意见中不予提供部分的理由代码（第十四、十五、十六条，或 not_government_information）' })
  @IsIn(WITHHELD_PART_GROUNDS)
  ground!: string;
  @ApiProperty({ description: '遮盖理由（写明遮盖的是什么）' }) @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}

export class PageImageQuery {
  @ApiPropertyOptional({ description: '图像宽度（像素，默认 300，最大 1600）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(1600)
  width?: number;
  @ApiPropertyOptional({ description: 'true：按提供给申请人的样子绘制（遮盖区域涂黑）' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  released?: boolean;
  @ApiPropertyOptional({ description: '缓存版本号（页面在遮盖变动后换一个值，使浏览器重新取图；服务端不使用）' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  v?: string;
}
