import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { CLOCK, Clock, systemClock } from './platform/clock/clock';
import { APP_CONFIG, AppConfig } from './platform/config/config';
import { dataSourceOptions } from './platform/database/data-source';
import { ReadReplica } from './platform/database/read-replica';
import { pinoParams } from './platform/logging/logging';

/**
 * What every area needs and no area owns: configuration, the one clock (Asia/Shanghai), the
 * logger, the database pool and the standby's (read-replica.ts). Shared by both composition roots (API: app.module.ts; worker
 * alone: worker.module.ts).
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig & { databaseUrl: string }, opts: { clock?: Clock } = {}): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        LoggerModule.forRoot(pinoParams(config)),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config.databaseUrl, { max: config.dbPoolMax, acquireTimeoutMs: config.dbAcquireTimeoutMs, statementTimeoutMs: config.dbStatementTimeoutMs }),
          migrationsRun: false,
        }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: opts.clock ?? systemClock },
        // Reads a hot standby may serve (DATABASE_REPLICA_URL), else the primary.
        ReadReplica,
      ],
      exports: [APP_CONFIG, CLOCK, ReadReplica],
    };
  }
}
