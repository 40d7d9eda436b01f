/** npm run seed:demo — creates the demo agency and users on DATABASE_URL (or the embedded server). */
import 'reflect-metadata';
import { loadConfig } from '../platform/config/config';
import { prepareDatabase } from '../bootstrap';
import { seedDemo } from './demo-seed';
import { runningEmbeddedUrl } from '../platform/database/embedded-postgres';

async function cli(): Promise<void> {
  const config = loadConfig();
  // Beside a running `npm start`, its embedded server (starting another one would stop it as stale).
  const running = config.databaseUrl ? null : runningEmbeddedUrl(config.dataDir, config.embeddedPgDir, 'gov_info_disclosure');
  const started = running ? { config: { databaseUrl: running }, embedded: undefined } : await prepareDatabase(config, { seed: false });
  let code = 0;
  try {
    const r = await seedDemo(started.config.databaseUrl, config.demoPassword);
    if (!r.created) console.log('演示数据已存在（或用户名 admin/clerk/handler/approver/legal 已被占用），未做改动');
    else console.log(`已创建演示机关与用户；密码：${r.password}`);
  } catch (e) {
    console.error(e);
    code = 1;
  } finally {
    await started.embedded?.stop();
  }
  process.exit(code);
}
void cli();
