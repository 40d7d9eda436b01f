import { Injectable } from '@nestjs/common';
import { AppException } from '../../platform/http-errors/app-exception';
import { AgenciesService } from '../agencies/agencies.service';
import { CreateUserDto } from './dto';
import { hashPassword } from './passwords';
import { User } from './user';
import { UserRepository } from './user.repository';

export type PublicUser = User;

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly agencies: AgenciesService,
  ) {}

  list(agencyId: string): Promise<User[]> {
    return this.users.list(agencyId);
  }

  async create(agencyId: string, dto: CreateUserDto): Promise<User> {
    if (dto.departmentId) await this.agencies.departmentOf(agencyId, dto.departmentId);
    if (await this.users.usernameTaken(dto.username)) throw new AppException(409, 'USERNAME_TAKEN', `用户名“${dto.username}”已被使用`);
    return this.users.insert({
      agencyId,
      departmentId: dto.departmentId ?? null,
      username: dto.username,
      displayName: dto.displayName.trim(),
      passwordHash: await hashPassword(dto.password),
      roles: [...new Set(dto.roles)],
    });
  }
}
