import { Module } from '@nestjs/common';
import { AgenciesModule } from './agencies/agencies.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { CasesModule } from './cases/cases.module';
import { DocumentsModule } from './documents/documents.module';
import { HealthModule } from './health/health.module';
import { LettersModule } from './letters/letters.module';
import { ReportsModule } from './reports/reports.module';
import { UsersModule } from './users/users.module';
import { TrackingModule } from './cases/tracking.module';
import { SigningHttpModule } from './signing/signing.module';
import { PublicApplicationsModule } from './cases/public-applications.controller';
import { WebModule } from './web/web.module';
import { WorkerModule } from './worker/worker.module';

/**
 * The workflow's areas, joined. Order matters for routes: WorkerModule's
 * /calendar/recalculations is registered before CalendarModule's /calendar/:year. WebModule (the built
 * web UI with its history-mode fallback) comes last.
 */
@Module({
  imports: [
    HealthModule,
    AuthModule,
    AgenciesModule,
    UsersModule,
    WorkerModule,
    CalendarModule,
    CasesModule,
    DocumentsModule,
    AuditModule,
    LettersModule,
    ReportsModule,
    TrackingModule,
    SigningHttpModule,
    PublicApplicationsModule,
    WebModule,
  ],
})
export class ModulesModule {}
