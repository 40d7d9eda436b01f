import { Module } from '@nestjs/common';
import { ReportRepository } from './report.repository';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** 年度报告 (条例第49、50条): the annual-report table computed in SQL, as JSON and CSV. */
@Module({
  controllers: [ReportsController],
  providers: [ReportRepository, ReportsService],
})
export class ReportsModule {}
