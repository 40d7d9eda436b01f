import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { OutboxController } from '../outbox/outbox.controller';
import { OutboxDeliveryService } from '../outbox/outbox-delivery.service';
import { OutboxModule } from '../outbox/outbox.module';
import { RecalculationService } from './recalculation.service';
import { RecalculationsController } from './recalculations.controller';
import { ReminderRepository } from './reminder.repository';
import { RemindersService } from './reminders.service';
import { WorkerService } from './worker.service';

/**
 * 后台任务: the timers' poll, reminders and deadline recalculations after a calendar change.
 * Runs inside `npm start` (default) or alone (src/worker.module.ts, `npm run start:worker`).
 */
@Module({
  imports: [CasesModule, CalendarModule, AuditModule, OutboxModule],
  controllers: [RecalculationsController, OutboxController],
  providers: [ReminderRepository, RemindersService, RecalculationService, WorkerService, OutboxDeliveryService],
})
export class WorkerModule {}
