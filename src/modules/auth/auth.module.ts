import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottleRepository } from './login-throttle.repository';
import { SessionRepository } from './session.repository';

/** 登录 and sessions; its guard protects every route that is not @Public(). */
@Module({
  imports: [UsersModule],
  controllers: [AuthController],
  providers: [SessionRepository, LoginThrottleRepository, AuthService, AuthGuard, { provide: APP_GUARD, useExisting: AuthGuard }],
  exports: [AuthService, AuthGuard],
})
export class AuthModule {}
