import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { CoreModule } from './core.module';
import { PgThrottlerStorage } from './platform/rate-limit/pg-throttler-storage';
import { ModulesModule } from './modules/modules.module';
import { Clock } from './platform/clock/clock';
import { AppConfig } from './platform/config/config';
import { AllExceptionsFilter } from './platform/http-errors/all-exceptions.filter';

/** The composition root of the HTTP application, wired for one resolved database URL. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig & { databaseUrl: string }, opts: { clock?: Clock } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, opts),
        JwtModule.register({ global: true, secret: config.jwtSecret }),
        // the counts in PostgreSQL: a limit holds across every instance of the deployment
        ThrottlerModule.forRootAsync({
          inject: [DataSource],
          useFactory: (db: DataSource) => ({ throttlers: [{ name: 'default', ttl: 60_000, limit: 100 }], storage: new PgThrottlerStorage(db) }),
        }),
        ModulesModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
