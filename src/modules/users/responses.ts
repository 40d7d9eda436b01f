import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '../../domain/workflow/roles';

/** A user of the agency (never the password hash): UsersService.list / create. */
export class UserResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '所属行政机关；平台管理员（operator）不属于任何机关，为 null' }) agencyId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) departmentId!: string | null;
  @ApiProperty({ type: String, example: 'handler2' }) username!: string;
  @ApiProperty({ type: String, example: '李承办' }) displayName!: string;
  @ApiProperty({ enum: [...ROLES], enumName: 'Role', isArray: true }) roles!: string[];
  @ApiProperty({ type: Boolean }) active!: boolean;
  @ApiProperty({ type: Number, description: '近一日内未成功的登录尝试次数（任何地址）' }) failedLogins!: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: '失败过多时，任何地址的登录尝试须等待至此时间（此前一律按失败答复；逐次加倍，最长 LOGIN_LOCK_SECONDS）',
  })
  lockedUntil!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '最近修改密码时间' }) passwordChangedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}
