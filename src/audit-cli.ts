/**
 * npm run audit:recompute — computes the legal audit's findings (法制审核, src/domain/audit) of the
 * closed cases whose stored findings are missing or were computed under older rules
 * (AUDIT_RULES_VERSION), batch by batch in SQL, never holding every case in memory.
 * npm run audit:recompute -- --all — recomputes every closed case (and so re-verifies its history).
 *
 * Works beside a running `npm start` (it connects to the embedded server that is running on this
 * DATA_DIR), on DATABASE_URL, or starts the embedded server for the time it runs.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { exitWith, withCliContext } from './cli-context';
import { AUDIT_RULES_VERSION } from './domain/audit/findings';
import { AuditModule } from './modules/audit/audit.module';
import { FindingsService } from './modules/audit/findings.service';

@Module({ imports: [AuditModule] })
class AuditCliModule {}

async function cli(args: string[]): Promise<number> {
  if (args[0] !== 'recompute' || args.slice(1).some((a) => a !== '--all')) {
    process.stderr.write('用法：audit-cli recompute [--all]\n');
    return 2;
  }
  return withCliContext(AuditCliModule, async (ctx) => {
    const n = await ctx.get(FindingsService).recomputeClosed({ all: args.includes('--all') });
    process.stdout.write(`已按审核规则版本 ${AUDIT_RULES_VERSION} 计算 ${n} 个已办结案件的法制审核发现项\n`);
    return 0;
  });
}

exitWith(cli(process.argv.slice(2)));
