import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { UserRepository } from './user.repository';
import { PlatformController } from './platform.controller';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** 用户 and their 角色 within one agency; the platform operator's agencies (each created with its first admin). */
@Module({
  imports: [AgenciesModule],
  controllers: [UsersController, PlatformController],
  providers: [UserRepository, UsersService],
  exports: [UsersService, UserRepository],
})
export class UsersModule {}
