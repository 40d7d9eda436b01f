import 'reflect-metadata';
import { main } from './bootstrap';

main().catch((e) => {
  process.stderr.write(`启动失败：${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
