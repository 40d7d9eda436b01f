/**
 * npm run backup [-- --out <folder>]   — a consistent logical backup (src/platform/database/backup.ts)
 *   of the embedded database of DATA_DIR (beside a running `npm start`, or started for the time it
 *   takes) or of DATABASE_URL's (through MIGRATION_DATABASE_URL when set); default folder
 *   DATA_DIR/backups/<time>.
 * npm run restore -- --from <folder>   — restores it into an empty database: the embedded one of a
 *   fresh DATA_DIR (the service stopped), or DATABASE_URL's (MIGRATION_DATABASE_URL when set).
 *
 * The history anchors (DATA_DIR/history-anchors) and HISTORY_ANCHOR_KEY are kept away from the
 * database on purpose: copy them separately; `npm run history:check` after a restore verifies every
 * case's history against them.
 */
import 'reflect-metadata';
import * as path from 'node:path';
import { loadCliConfig } from './cli-context';
import { backupDatabase, BackupError, restoreDatabase } from './platform/database/backup';
import { ensureDatabase } from './platform/database/data-source';
import { runningEmbeddedUrl, startEmbeddedPostgres, type RunningPostgres } from './platform/database/embedded-postgres';

const DB = 'gov_info_disclosure';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const say = (s: string) => process.stdout.write(`${s}\n`);
const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

async function cli(command: string | undefined): Promise<number> {
  if (command !== 'backup' && command !== 'restore') {
    process.stderr.write('用法：backup-cli backup [--out 目录] | restore --from 目录\n');
    return 2;
  }
  const config = loadCliConfig();
  if (!config) return 2;
  const running = config.databaseUrl ? null : runningEmbeddedUrl(config.dataDir, config.embeddedPgDir, DB);
  if (command === 'restore' && running) {
    process.stderr.write('嵌入式数据库正在被运行中的服务使用：请先停止服务（npm start），并恢复到新的 DATA_DIR\n');
    return 2;
  }
  let embedded: RunningPostgres | undefined;
  let url = config.migrationDatabaseUrl ?? config.databaseUrl ?? running ?? undefined;
  if (!url) {
    embedded = await startEmbeddedPostgres({ clusterDir: config.embeddedPgDir, stateDir: config.dataDir, port: config.embeddedPgPort });
    url = embedded.url(DB);
    await ensureDatabase(url);
  }
  try {
    if (command === 'backup') {
      const out = path.resolve(option('out') ?? path.join(config.dataDir, 'backups', new Date().toISOString().replace(/[:.]/g, '-')));
      const t0 = Date.now();
      const m = await backupDatabase(url, out, (t, i, n) => say(`[${i}/${n}] ${t.name}：${t.rows.toLocaleString()} 行，${mb(t.bytes)}`));
      const rows = m.tables.reduce((s, t) => s + t.rows, 0);
      say(`备份完成：${out}（${m.tables.length} 张表，${rows.toLocaleString()} 行，PostgreSQL ${m.serverVersion}，${Date.now() - t0} ms）`);
      say('请另行保存 DATA_DIR/history-anchors 与 HISTORY_ANCHOR_KEY：恢复后用 npm run history:check 核对');
      return 0;
    }
    const from = option('from');
    if (!from) {
      process.stderr.write('请用 --from 指定备份目录\n');
      return 2;
    }
    const t0 = Date.now();
    const r = await restoreDatabase(url, path.resolve(from), (t, i, n) => say(`[${i}/${n}] ${t.name}：${t.rows.toLocaleString()} 行`));
    say(`恢复完成：${r.tables} 张表，${r.rows.toLocaleString()} 行${r.laterMigrations ? `，其后执行了 ${r.laterMigrations} 个新迁移` : ''}（${Date.now() - t0} ms）`);
    say('下一步：npm run history:check 核对每个案件的历史记录与锚定');
    return 0;
  } catch (e) {
    if (e instanceof BackupError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await embedded?.stop();
  }
}

if (require.main === module) {
  cli(process.argv[2]).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
}
