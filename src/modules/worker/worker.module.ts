import { DynamicModule, Module, Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Logger, LoggerModule } from 'nestjs-pino';
import { CLOCK, Clock, systemClock } from '../../platform/clock/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { dataSourceOptions } from '../../platform/database/data-source';
import { pinoParams } from '../../platform/logging/logging';
import { AgenciesService } from '../agencies/agencies.service';
import { Agency } from '../agencies/agency.entity';
import { Department } from '../agencies/department.entity';
import { CalendarService } from '../calendar/calendar.service';
import { CasesService } from '../cases/cases.service';
import { TimersService } from '../cases/timers.service';
import { LettersService } from '../letters/letters.service';
import { RecalculationService } from './recalculation.service';
import { RemindersService } from './reminders.service';
import { WorkerService } from './worker.service';

/** The worker's own providers; AppModule lists them next to the services they use. */
export const WORKER_PROVIDERS: Provider[] = [TimersService, RemindersService, RecalculationService, WorkerService];

/**
 * The worker alone (npm run start:worker): no HTTP, no controllers — the database, the services
 * the timers and recalculations act through, and the worker.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig & { databaseUrl: string }, opts: { clock?: Clock } = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        LoggerModule.forRoot(pinoParams(config)),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.databaseUrl), migrationsRun: false }),
        TypeOrmModule.forFeature([Agency, Department]),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: { ...config, worker: true } },
        { provide: CLOCK, useValue: opts.clock ?? systemClock },
        AgenciesService,
        CalendarService,
        CasesService,
        LettersService,
        ...WORKER_PROVIDERS,
      ],
    };
  }
}

/** Builds and starts (init) the worker's application context (used by src/worker.ts and the tests). */
export async function createWorkerContext(config: AppConfig & { databaseUrl: string }, opts: { logger?: boolean; clock?: Clock } = {}) {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, { clock: opts.clock }), {
    bufferLogs: true,
    logger: opts.logger === false ? false : undefined,
  });
  if (opts.logger !== false) app.useLogger(app.get(Logger));
  await app.init();
  return app;
}
