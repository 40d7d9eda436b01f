import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { CalendarModule } from '../calendar/calendar.module';
import { ReportRepository } from './report.repository';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** 年度报告 (条例第49、50条): the annual-report table computed in SQL, as JSON, CSV and XLSX. */
@Module({
  imports: [AgenciesModule, CalendarModule],
  controllers: [ReportsController],
  providers: [ReportRepository, ReportsService],
})
export class ReportsModule {}
