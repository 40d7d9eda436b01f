/**
 * npm run start:worker: the worker alone (timers, reminders, deadline recalculations), without HTTP.
 * Prepares the database as `npm start` does (migrations; external server only, see below),
 * then runs until SIGTERM / SIGINT, finishing the poll under way before it exits.
 */
import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { prepareDatabase } from './bootstrap';
import { createWorkerContext } from './worker.module';
import { loadConfigOrExit, say, stopOnSignals } from './platform/process/lifecycle';

async function worker(): Promise<void> {
  const config = loadConfigOrExit();
  if (config.timerPollMs <= 0) {
    process.stderr.write('配置错误：独立运行的后台任务进程需要 TIMER_POLL_MS 大于 0\n');
    process.exit(1);
  }
  if (!config.databaseUrl) {
    // The embedded server belongs to one `npm start` process (it would stop a running one as stale);
    // a separate worker only makes sense next to API instances on a shared server.
    process.stderr.write('配置错误：独立运行的后台任务进程需要 DATABASE_URL（嵌入式数据库只随 npm start 运行，其中已包含后台任务）\n');
    process.exit(1);
  }
  const started = await prepareDatabase(config, { seed: false });
  let app: INestApplicationContext | undefined;
  // The worker's poll timers are unref'd: this keeps the process alive until a signal.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  stopOnSignals({
    what: '后台任务',
    close: async () => {
      clearInterval(keepAlive);
      await app?.close();
    },
    after: async () => started.embedded?.stop(),
  });
  try {
    app = await createWorkerContext(started.config);
  } catch (e) {
    clearInterval(keepAlive);
    await started.embedded?.stop();
    throw e;
  }
  say(`后台任务已启动（期限计时、到期提醒、期限重新计算、发件箱邮件；每 ${config.timerPollMs} ms 轮询一次）`);
}

worker().catch((e) => {
  process.stderr.write(`后台任务启动失败：${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
