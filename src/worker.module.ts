import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { CoreModule } from './core.module';
import { WorkerModule } from './modules/worker/worker.module';
import { Clock } from './platform/clock/clock';
import { AppConfig } from './platform/config/config';

/**
 * The composition root of the worker alone (npm run start:worker): no HTTP — the database, the
 * areas the timers and recalculations act through, and the worker.
 */
@Module({})
export class WorkerRootModule {
  static forRoot(config: AppConfig & { databaseUrl: string }, opts: { clock?: Clock } = {}): DynamicModule {
    return {
      module: WorkerRootModule,
      imports: [CoreModule.forRoot({ ...config, worker: true }, opts), WorkerModule],
    };
  }
}

/** Builds and starts (init) the worker's application context (used by src/worker.ts and the tests). */
export async function createWorkerContext(config: AppConfig & { databaseUrl: string }, opts: { logger?: boolean; clock?: Clock } = {}) {
  const app = await NestFactory.createApplicationContext(WorkerRootModule.forRoot(config, { clock: opts.clock }), {
    bufferLogs: true,
    logger: opts.logger === false ? false : undefined,
  });
  if (opts.logger !== false) app.useLogger(app.get(Logger));
  await app.init();
  return app;
}
