/**
 * The application context a command-line tool runs in (npm run history:*, audit:recompute): the
 * configuration, the database — the embedded server already running on this DATA_DIR, DATABASE_URL,
 * or the embedded server started for the time the tool runs — and the tool's Nest module.
 */
import 'reflect-metadata';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { prepareDatabase } from './bootstrap';
import { CoreModule } from './core.module';
import { type AppConfig, ConfigError, loadConfig } from './platform/config/config';
import { runningEmbeddedUrl } from './platform/database/embedded-postgres';

/** A tool's configuration, or null (the problems written to stderr) when it is wrong. */
export function loadCliConfig(): AppConfig | null {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      return null;
    }
    throw e;
  }
}

/** Runs `body` in the tool's context and closes it (and a server it started); 2 on a configuration error. */
export async function withCliContext(module: Type<unknown>, body: (ctx: INestApplicationContext) => Promise<number>): Promise<number> {
  const config = loadCliConfig();
  if (!config) return 2;
  const base = { ...config, timerPollMs: 0, worker: false, logLevel: 'warn' as const };
  const running = config.databaseUrl ? null : runningEmbeddedUrl(config.dataDir, config.embeddedPgDir, 'gov_info_disclosure');
  const started = running ? { config: { ...base, databaseUrl: running }, embedded: undefined } : await prepareDatabase(base, { seed: false });
  const ctx = await NestFactory.createApplicationContext(
    { module, imports: [CoreModule.forRoot({ ...base, databaseUrl: started.config.databaseUrl })] },
    { logger: ['error', 'warn'] },
  );
  try {
    return await body(ctx);
  } finally {
    await ctx.close();
    await started.embedded?.stop();
  }
}

/** The tool's exit: its status, or 1 with the stack of what it threw. */
export function exitWith(run: Promise<number>): void {
  run.then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
}
