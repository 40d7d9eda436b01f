/**
 * What both processes (`npm start`: src/bootstrap.ts; `npm run start:worker`: src/worker.ts) do
 * around their work: read the configuration or stop with its message, and stop in order on a
 * signal (the work first, then the embedded PostgreSQL), forced after 20 s.
 */
import { AppConfig, ConfigError, loadConfig } from '../config/config';

export const say = (msg: string) => process.stdout.write(`${msg}\n`);

/** The configuration, or exit 1 with the Chinese list of problems (never a stack trace). */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

export interface ShutdownSteps {
  /** 正在停止… / …已停止 messages. */
  what: string;
  /** Stops the work (HTTP server, worker context); its errors are reported, not thrown. */
  close: () => Promise<void>;
  /** Runs after close (the embedded PostgreSQL). */
  after?: () => Promise<void>;
}

/** On SIGINT / SIGTERM / SIGHUP: close, then after, then exit 0 (exit 1 if it takes over 20 s). */
export function stopOnSignals(steps: ShutdownSteps): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`收到 ${signal}，正在停止${steps.what}……`);
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    try {
      await steps.close();
    } catch (e) {
      process.stderr.write(`停止${steps.what}出错：${String(e)}\n`);
    }
    await steps.after?.();
    say(`${steps.what}已停止`);
    process.exit(0);
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, () => void shutdown(s));
}
