import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { UserRepository } from './user.repository';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** 用户 and their 角色 within one agency. */
@Module({
  imports: [AgenciesModule],
  controllers: [UsersController],
  providers: [UserRepository, UsersService],
  exports: [UsersService, UserRepository],
})
export class UsersModule {}
