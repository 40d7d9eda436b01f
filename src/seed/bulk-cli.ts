/**
 * npm run seed:bulk -- --cases 1000000 --agencies 50 [--batch 5000] [--seed 16]
 *
 * Fills a database with generated cases for load and query benchmarks (src/seed/bulk-cases.ts):
 * the embedded database of DATA_DIR (with the app stopped), or DATABASE_URL's (through
 * MIGRATION_DATABASE_URL when set: the owner role). Migrations run first; the demo agency is created
 * when missing and is the first of the agencies. Never on a database holding real cases.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { loadConfig } from '../platform/config/config';
import { prepareDatabase } from '../bootstrap';
import { runningEmbeddedUrl } from '../platform/database/embedded-postgres';
import { seedDemo } from './demo-seed';
import { generateBulkCases } from './bulk-cases';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} 须为正整数（收到 ${raw}）`);
    process.exit(2);
  }
  return n;
}

/** A one-line progress bar on stderr: done / total, rate and the time left. */
export function progressBar(label: string) {
  const t0 = Date.now();
  let last = 0;
  return (done: number, total: number) => {
    const now = Date.now();
    if (done < total && now - last < 250) return;
    last = now;
    const f = Math.min(1, done / total);
    const width = 30;
    const rate = done / Math.max(0.001, (now - t0) / 1000);
    const eta = rate > 0 ? (total - done) / rate : 0;
    const bar = '█'.repeat(Math.round(f * width)).padEnd(width, '░');
    process.stderr.write(
      `\r${label} ${bar} ${(f * 100).toFixed(1).padStart(5)}% ${done.toLocaleString()}/${total.toLocaleString()}  ${Math.round(rate).toLocaleString()}/s  剩余 ${Math.ceil(eta)} s   `,
    );
    if (done >= total) process.stderr.write('\n');
  };
}

async function cli(): Promise<void> {
  const cases = arg('cases', 10_000);
  const agencies = arg('agencies', 1);
  const batch = arg('batch', 5000);
  const seed = arg('seed', 16);
  const config = loadConfig();
  if (!config.databaseUrl && runningEmbeddedUrl(config.dataDir, config.embeddedPgDir, 'gov_info_disclosure')) {
    console.error('嵌入式数据库正在被运行中的服务使用：请先停止服务（npm start）再批量生成案件');
    process.exit(2);
  }
  const started = await prepareDatabase(config);
  const ownerUrl = started.embedded ? started.embedded.url('gov_info_disclosure') : (config.migrationDatabaseUrl ?? started.config.databaseUrl);
  let code = 0;
  const c = new Client({ connectionString: ownerUrl });
  try {
    if (!started.embedded) await seedDemo(ownerUrl, config.demoPassword);
    await c.connect();
    console.log(`批量生成 ${cases.toLocaleString()} 件案件，${agencies} 个机关（示范县人民政府为第一个）…`);
    const r = await generateBulkCases(c, { cases, agencies, batch, seed, onProgress: progressBar('案件') });
    const t = Date.now();
    await c.query('VACUUM ANALYZE cases');
    await c.query('VACUUM ANALYZE case_events');
    await c.query('VACUUM ANALYZE letters');
    await c.query('ANALYZE case_timers');
    const size = (await c.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`)).rows[0].s;
    console.log(
      `完成：${r.cases.toLocaleString()} 件案件、${r.events.toLocaleString()} 条历史记录、${r.letters.toLocaleString()} 份文书，` +
        `生成 ${(r.ms / 1000).toFixed(1)} s，VACUUM ANALYZE ${((Date.now() - t) / 1000).toFixed(1)} s；数据库 ${size}`,
    );
    console.log(`示范县人民政府：${r.agencies[0].cases.toLocaleString()} 件`);
  } catch (e) {
    console.error(e);
    code = 1;
  } finally {
    await c.end().catch(() => undefined);
    await started.embedded?.stop();
  }
  process.exit(code);
}

if (require.main === module) void cli();
