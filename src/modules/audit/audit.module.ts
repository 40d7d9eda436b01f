import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { CalendarModule } from '../calendar/calendar.module';
import { CasesModule } from '../cases/cases.module';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { FindingsService } from './findings.service';

/** 法制审核 (issue 15): findings of closed cases (stored), of open ones (on the fly), legal staff's review. */
@Module({
  imports: [AgenciesModule, CalendarModule, CasesModule],
  controllers: [AuditController],
  providers: [AuditRepository, FindingsService],
  exports: [FindingsService],
})
export class AuditModule {}
