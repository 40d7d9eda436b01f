import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'clerk' }) @IsString() @IsNotEmpty() @MaxLength(100) username!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) password!: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) currentPassword!: string;
  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8, { message: '中文:{f} 至少 8 个字符' })
  @MaxLength(200)
  newPassword!: string;
}
