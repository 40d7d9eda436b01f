import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createApp } from './app.factory';
import { AppConfig } from './platform/config/config';
import { loadConfigOrExit, say, stopOnSignals } from './platform/process/lifecycle';
import { ensureDatabase, runMigrations } from './platform/database/data-source';
import { ensureAppLoginRole, withCredentials } from './platform/database/app-role';
import { seedDemo } from './seed/demo-seed';
import { RunningPostgres, startEmbeddedPostgres } from './platform/database/embedded-postgres';

export interface Started {
  config: AppConfig & { databaseUrl: string };
  embedded?: RunningPostgres;
}


/** The embedded cluster's login role for the service (a member of gid_app; password kept in DATA_DIR). */
export const EMBEDDED_APP_ROLE = 'gid_service';

/**
 * Resolves the database (external or embedded), runs migrations as the owner role, seeds the demo
 * on a fresh embedded cluster, and returns the URL the service connects with: on the embedded
 * server the restricted role gid_service (issue 11, finding 3), with DATABASE_URL that URL itself
 * (migrations then use MIGRATION_DATABASE_URL when set).
 */
export async function prepareDatabase(config: AppConfig, opts: { seed?: boolean } = {}): Promise<Started> {
  let embedded: RunningPostgres | undefined;
  let databaseUrl = config.databaseUrl;
  let ownerUrl = config.migrationDatabaseUrl ?? config.databaseUrl;
  if (!databaseUrl) {
    const t = Date.now();
    embedded = await startEmbeddedPostgres({
      clusterDir: config.embeddedPgDir,
      stateDir: config.dataDir,
      port: config.embeddedPgPort,
      log: say,
    });
    say(`嵌入式 PostgreSQL 已启动：127.0.0.1:${embedded.port}，数据目录 ${embedded.clusterDir}（${Date.now() - t} ms）`);
    ownerUrl = embedded.url('gov_info_disclosure');
    databaseUrl = ownerUrl;
    await ensureDatabase(ownerUrl);
  }
  try {
    if (config.migrationsRun) {
      const done = await runMigrations(ownerUrl!);
      if (done.length) say(`已执行数据库迁移：${done.join(', ')}`);
    }
    if (embedded) {
      const password = keptAppPassword(config.dataDir);
      if (await ensureAppLoginRole(ownerUrl!, EMBEDDED_APP_ROLE, password)) {
        databaseUrl = withCredentials(ownerUrl!, EMBEDDED_APP_ROLE, password);
      } else {
        say('警告：数据库角色 gid_app 不存在（迁移未能创建），服务以超级用户连接');
      }
    }
    if (embedded && opts.seed !== false) {
      const seeded = await seedDemo(ownerUrl!, config.demoPassword);
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
  return { config: { ...config, databaseUrl: databaseUrl! }, embedded };
}

/** The restricted role's password, generated once and kept in DATA_DIR/pg-app-password (0600). */
function keptAppPassword(dataDir: string): string {
  const file = path.join(dataDir, 'pg-app-password');
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

/** npm start: the HTTP service, with an ordered shutdown (HTTP, timers, pool, PostgreSQL, exit). */
export async function main(): Promise<void> {
  const t0 = Date.now();
  const config = loadConfigOrExit();
  const started = await prepareDatabase(config);
  let app: INestApplication | undefined;
  stopOnSignals({ what: '服务', close: async () => app?.close(), after: async () => started.embedded?.stop() });
  try {
    app = await createApp(started.config);
    await app.listen(config.port, config.host);
  } catch (e) {
    await started.embedded?.stop();
    throw e;
  }
  say(`服务已启动：http://localhost:${config.port}（API 文档 /api/docs，健康检查 /health；用时 ${Date.now() - t0} ms）`);
}
