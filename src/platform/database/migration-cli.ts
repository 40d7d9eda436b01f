/** npm run migration:run | migration:revert | migration:generate — on DATABASE_URL or the embedded server. */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { prepareDatabase } from '../../bootstrap';
import { dataSourceOptions, withMigrationLock } from './data-source';

async function cli(): Promise<void> {
  const cmd = process.argv[2];
  const config = { ...loadConfig(), migrationsRun: false };
  const started = await prepareDatabase(config, { seed: false });
  const url = started.config.databaseUrl;
  const ds = new DataSource(dataSourceOptions(url));
  let code = 0;
  try {
    await ds.initialize();
    if (cmd === 'run') {
      // The same advisory lock as at start, so a CLI run never races a starting instance.
      const done = await withMigrationLock(url, () => ds.runMigrations({ transaction: 'each' }));
      console.log(done.length ? `已执行：${done.map((m) => m.name).join(', ')}` : '没有待执行的迁移');
    } else if (cmd === 'revert') {
      await withMigrationLock(url, () => ds.undoLastMigration({ transaction: 'each' }));
      console.log('已回退最后一次迁移');
    } else if (cmd === 'generate') {
      const sql = await ds.driver.createSchemaBuilder().log();
      if (!sql.upQueries.length) console.log('实体与数据库结构一致，无需新迁移');
      else {
        console.log('-- 实体与数据库的差异（草稿）。实体未声明外键、索引、CHECK 与触发器，迁移中的这些约束是有意保留的：');
        console.log('-- 只挑选确需的语句，整理为 migrations/ 中的新迁移并加入 migrations/index.ts；切勿删除约束。');
        for (const q of sql.upQueries) console.log(`${q.query};`);
      }
    } else {
      console.error('用法：migration-cli run|revert|generate');
      code = 1;
    }
  } catch (e) {
    console.error(e);
    code = 1;
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await started.embedded?.stop();
  }
  process.exit(code);
}
void cli();
