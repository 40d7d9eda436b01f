import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '../../domain/workflow/roles';

/** The signed-in user as login and GET /me describe them. */
export class SessionUserResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, example: 'clerk' }) username!: string;
  @ApiProperty({ type: String, example: '王登记' }) displayName!: string;
  @ApiProperty({ enum: [...ROLES], enumName: 'Role', isArray: true }) roles!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '所属行政机关；平台管理员（operator）不属于任何机关，为 null' }) agencyId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) departmentId!: string | null;
}

/** AuthService.login (the token is also set as the gid_session cookie). */
export class LoginResponse {
  @ApiProperty({ type: String, description: 'Bearer 令牌（同时写入 gid_session Cookie）' }) accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: string;
  @ApiProperty({ type: Number, example: 28800, description: '有效期（秒）' }) expiresIn!: number;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: SessionUserResponse }) user!: SessionUserResponse;
}

/** `{ ok: true }`: done, nothing else to say. */
export class OkResponse {
  @ApiProperty({ type: Boolean, example: true }) ok!: boolean;
}
