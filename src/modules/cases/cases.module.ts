import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { CalendarModule } from '../calendar/calendar.module';
import { LettersModule } from '../letters/letters.module';
import { OutboxModule } from '../outbox/outbox.module';
import { DocumentsCoreModule } from '../documents/documents-core.module';
import { CaseTimerRepository } from './case-timer.repository';
import { CaseRepository } from './case.repository';
import { ApprovalsController } from './approvals.controller';
import { CaseLettersController } from './case-letters.controller';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { NotificationRepository } from './notification.repository';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OutcomesController } from './outcomes.controller';
import { TimersService } from './timers.service';
import { CaseFileController } from './case-file.controller';
import { CaseFileService } from './case-file.service';
import { HistoryAnchorRepository } from './history-anchor.repository';
import { HistoryAnchorService } from './history-anchor.service';

/** 案件: registration, the actions of the statechart, history, timers and notifications. */
@Module({
  imports: [AgenciesModule, CalendarModule, LettersModule, OutboxModule, DocumentsCoreModule],
  controllers: [OutcomesController, CasesController, CaseLettersController, CaseFileController, NotificationsController, ApprovalsController],
  providers: [
    CaseRepository,
    CaseTimerRepository,
    NotificationRepository,
    HistoryAnchorRepository,
    CasesService,
    CaseFileService,
    TimersService,
    NotificationsService,
    HistoryAnchorService,
  ],
  exports: [CasesService, TimersService, HistoryAnchorService],
})
export class CasesModule {}
