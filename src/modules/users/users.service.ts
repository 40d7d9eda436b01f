import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppException } from '../../platform/http-errors/app-exception';
import { AgenciesService } from '../agencies/agencies.service';
import { hashPassword } from '../auth/auth.service';
import { CreateUserDto } from './dto';
import { User } from './user.entity';

export type PublicUser = Omit<User, 'passwordHash'>;

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly agencies: AgenciesService,
  ) {}

  list(agencyId: string): Promise<User[]> {
    return this.users.find({ where: { agencyId }, order: { username: 'ASC' } });
  }

  async create(agencyId: string, dto: CreateUserDto): Promise<PublicUser> {
    if (dto.departmentId) await this.agencies.departmentOf(agencyId, dto.departmentId);
    const exists = await this.users
      .createQueryBuilder('u')
      .where('lower(u.username) = lower(:n)', { n: dto.username })
      .getCount();
    if (exists) throw new AppException(409, 'USERNAME_TAKEN', `用户名“${dto.username}”已被使用`);
    const saved = await this.users.save(
      this.users.create({
        agencyId,
        departmentId: dto.departmentId ?? null,
        username: dto.username,
        displayName: dto.displayName.trim(),
        passwordHash: await hashPassword(dto.password),
        roles: [...new Set(dto.roles)],
      }),
    );
    const { passwordHash: _, ...rest } = saved;
    return rest;
  }
}
