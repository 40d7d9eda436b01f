import { INestApplication } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createApp } from './app.factory';
import { AppConfig, ConfigError, loadConfig } from './platform/config/config';
import { ensureDatabase, runMigrations } from './platform/database/data-source';
import { seedDemo } from './seed/demo-seed';
import { RunningPostgres, startEmbeddedPostgres } from './platform/database/embedded-postgres';

export interface Started {
  config: AppConfig & { databaseUrl: string };
  embedded?: RunningPostgres;
}

const say = (msg: string) => process.stdout.write(`${msg}\n`);

/** Resolves the database (external or embedded), runs migrations, seeds the demo on a fresh embedded cluster. */
export async function prepareDatabase(config: AppConfig, opts: { seed?: boolean } = {}): Promise<Started> {
  let embedded: RunningPostgres | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const t = Date.now();
    embedded = await startEmbeddedPostgres({
      clusterDir: config.embeddedPgDir,
      stateDir: config.dataDir,
      port: config.embeddedPgPort,
      log: say,
    });
    say(`嵌入式 PostgreSQL 已启动：127.0.0.1:${embedded.port}，数据目录 ${embedded.clusterDir}（${Date.now() - t} ms）`);
    databaseUrl = embedded.url('gov_info_disclosure');
    await ensureDatabase(databaseUrl);
  }
  try {
    if (config.migrationsRun) {
      const done = await runMigrations(databaseUrl);
      if (done.length) say(`已执行数据库迁移：${done.join(', ')}`);
    }
    if (embedded && opts.seed !== false) {
      const seeded = await seedDemo(databaseUrl, config.demoPassword);
      if (seeded.created) {
        say('已创建演示机关“示范县人民政府”及用户 admin、clerk、handler、approver、legal');
        if (seeded.generated) {
          const file = path.join(config.dataDir, 'demo-password.txt');
          fs.writeFileSync(file, `${seeded.password}\n`, { mode: 0o600 });
          say(`演示用户密码（自动生成，亦保存在 ${file}）：${seeded.password}`);
        }
      }
    }
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
  return { config: { ...config, databaseUrl }, embedded };
}

/** npm start: the HTTP service, with an ordered shutdown (HTTP, timers, pool, PostgreSQL, exit). */
export async function main(): Promise<void> {
  const t0 = Date.now();
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const started = await prepareDatabase(config);
  let app: INestApplication | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`收到 ${signal}，正在停止服务……`);
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    try {
      await app?.close();
    } catch (e) {
      process.stderr.write(`关闭 HTTP 服务出错：${String(e)}\n`);
    }
    await started.embedded?.stop();
    say('服务已停止');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGHUP', () => void shutdown('SIGHUP'));
  try {
    app = await createApp(started.config);
    await app.listen(config.port, config.host);
  } catch (e) {
    await started.embedded?.stop();
    throw e;
  }
  say(`服务已启动：http://localhost:${config.port}（API 文档 /api/docs，健康检查 /health；用时 ${Date.now() - t0} ms）`);
}
