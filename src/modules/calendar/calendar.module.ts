import { Module } from '@nestjs/common';
import { CalendarApiService } from './calendar-api.service';
import { CalendarController } from './calendar.controller';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';
import { RecalculationJobRepository } from './recalculation-job.repository';

/** 工作日 calendar (节假日安排 and 调休) and the clock preview. */
@Module({
  controllers: [CalendarController],
  providers: [CalendarRepository, RecalculationJobRepository, CalendarService, CalendarApiService],
  exports: [CalendarService, RecalculationJobRepository],
})
export class CalendarModule {}
