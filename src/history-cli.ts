/**
 * npm run history:anchor — writes a signed digest of every case's history head to
 * DATA_DIR/history-anchors (the worker also does so once a day).
 * npm run history:check — verifies the database against the latest digest and every case's
 * history (chain, head, replay); lists every case that differs and exits 1 when one does.
 *
 * Works beside a running `npm start` (it connects to the embedded server that is running on this
 * DATA_DIR), on DATABASE_URL, or starts the embedded server for the time it runs.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { exitWith, withCliContext } from './cli-context';
import { CasesModule } from './modules/cases/cases.module';
import { HistoryAnchorService } from './modules/cases/history-anchor.service';

@Module({ imports: [CasesModule] })
class HistoryCliModule {}

async function cli(command: string | undefined): Promise<number> {
  if (command !== 'anchor' && command !== 'check') {
    process.stderr.write('用法：history-cli anchor | check\n');
    return 2;
  }
  return withCliContext(HistoryCliModule, async (ctx) => {
    const anchors = ctx.get(HistoryAnchorService);
    if (command === 'anchor') {
      const line = await anchors.anchor();
      process.stdout.write(`已锚定 ${line.cases} 个案件的历史记录：${anchors.dir}/${line.file}（${line.at}）\n`);
      return 0;
    }
    const r = await anchors.check();
    process.stdout.write(
      r.anchor
        ? `最近一次锚定：${r.anchor.at}，${r.anchor.cases} 个案件；已比对 ${r.anchored} 个，已校验 ${r.verified} 个案件的历史记录\n`
        : `已校验 ${r.verified} 个案件的历史记录\n`,
    );
    for (const p of r.problems) process.stdout.write(`不一致：${p.caseId ? `案件 ${p.caseId}：` : ''}${p.problem}\n`);
    if (!r.problems.length) process.stdout.write('全部一致\n');
    return r.problems.length ? 1 : 0;
  });
}

exitWith(cli(process.argv[2]));
