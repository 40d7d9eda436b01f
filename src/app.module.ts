import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AgenciesController } from './modules/agencies/agencies.controller';
import { AgenciesService } from './modules/agencies/agencies.service';
import { Agency } from './modules/agencies/agency.entity';
import { Department } from './modules/agencies/department.entity';
import { AuthController } from './modules/auth/auth.controller';
import { AuthGuard } from './modules/auth/auth.guard';
import { AuthService } from './modules/auth/auth.service';
import { Session } from './modules/auth/session.entity';
import { CalendarApiService } from './modules/calendar/calendar-api.service';
import { CalendarController } from './modules/calendar/calendar.controller';
import { CalendarService } from './modules/calendar/calendar.service';
import { CasesController } from './modules/cases/cases.controller';
import { CasesService } from './modules/cases/cases.service';
import { NotificationsController } from './modules/cases/notifications.controller';
import { OutcomesController } from './modules/cases/outcomes.controller';
import { LettersController } from './modules/letters/letters.controller';
import { LettersService } from './modules/letters/letters.service';
import { HealthController } from './modules/health/health.controller';
import { User } from './modules/users/user.entity';
import { UsersController } from './modules/users/users.controller';
import { UsersService } from './modules/users/users.service';
import { RecalculationsController } from './modules/worker/recalculations.controller';
import { WORKER_PROVIDERS } from './modules/worker/worker.module';
import { CLOCK, Clock, systemClock } from './platform/clock/clock';
import { APP_CONFIG, AppConfig } from './platform/config/config';
import { dataSourceOptions } from './platform/database/data-source';
import { AllExceptionsFilter } from './platform/http-errors/all-exceptions.filter';
import { pinoParams } from './platform/logging/logging';

/** The application, wired for one resolved database URL. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig & { databaseUrl: string }, opts: { clock?: Clock } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(pinoParams(config)),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config.databaseUrl, { max: config.dbPoolMax, acquireTimeoutMs: config.dbAcquireTimeoutMs }),
          migrationsRun: false,
        }),
        TypeOrmModule.forFeature([Agency, Department, User, Session]),
        JwtModule.register({ global: true, secret: config.jwtSecret }),
        ThrottlerModule.forRoot([{ name: 'default', ttl: 60_000, limit: 100 }]),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController, AuthController, AgenciesController, UsersController, RecalculationsController, CalendarController, OutcomesController, CasesController, NotificationsController, LettersController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: opts.clock ?? systemClock },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        AuthService,
        AgenciesService,
        UsersService,
        CalendarService,
        CalendarApiService,
        CasesService,
        ...WORKER_PROVIDERS,
        LettersService,
      ],
      exports: [APP_CONFIG, CLOCK],
    };
  }
}
