import { Inject, Injectable } from '@nestjs/common';
import { CalendarRangeError } from '../../domain/calendar';
import { ClockInput, ClockInputError, computeClock } from '../../domain/deadlines';
import { AppException, badRequest } from '../../platform/http-errors/app-exception';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { CalendarService } from './calendar.service';
import { ClockPreviewDto, PutCalendarYearDto } from './dto';

/** HTTP-facing calendar and clock operations; the rules live in src/domain. */
@Injectable()
export class CalendarApiService {
  constructor(
    private readonly calendars: CalendarService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private guard<T>(fn: () => T, field = 'from'): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof CalendarRangeError) {
        throw badRequest(e.message, [{ field, message: `${field}：${e.message}` }]);
      }
      if (e instanceof ClockInputError) {
        throw new AppException(400, 'VALIDATION_FAILED', `提交的数据有误：${e.errors[0].message}`, e.errors);
      }
      throw e;
    }
  }

  addWorkingDays(from: string, days: number) {
    return this.guard(() => {
      const cal = this.calendars.current();
      const date = cal.addWorkingDays(from, days);
      return { from, days, date, provisional: cal.rangeProvisional(from, date) };
    });
  }

  between(from: string, to: string) {
    return this.guard(() => {
      const cal = this.calendars.current();
      const [a, b] = from <= to ? [from, to] : [to, from];
      return { from, to, workingDays: cal.workingDaysBetween(from, to), provisional: cal.rangeProvisional(a, b) };
    });
  }

  year(year: number) {
    return this.calendars.year(year);
  }

  history(year: number, viewerAgencyId: string) {
    return this.calendars.history(year, viewerAgencyId);
  }

  replace(year: number, dto: PutCalendarYearDto, userId: string) {
    return this.calendars.replace(year, { year, ...dto }, userId);
  }

  preview(dto: ClockPreviewDto) {
    const input: ClockInput = {
      receiptDate: dto.receiptDate,
      correction: dto.correction ?? null,
      consultations: dto.consultations ?? [],
      feePeriods: dto.feePeriods ?? [],
      extensionWorkingDays: dto.extensionWorkingDays ?? null,
      deferredTo: dto.deferredTo ?? null,
      // A preview for a future receipt date is a normal question: it is evaluated as of that day.
      asOf: dto.asOf ?? (dto.receiptDate > this.clock.today() ? dto.receiptDate : this.clock.today()),
      feePausesClock: dto.feePausesClock ?? true,
    };
    return this.guard(() => {
      const r = computeClock(input, this.calendars.current());
      return {
        correctionNoticeDue: r.correctionNoticeDue,
        replyDue: r.replyDue,
        provisional: r.provisional,
        remainingWorkingDays: r.remainingWorkingDays,
        overdue: r.overdue,
        replyClockStart: r.replyClockStart,
        applicantCorrectionDue: r.applicantCorrectionDue,
        applicantCorrectionAwaitingReceipt: r.applicantCorrectionAwaitingReceipt,
        consultationDues: r.consultationDues,
        feePaymentDues: r.feePaymentDues,
        pausedWorkingDays: r.pausedWorkingDays,
        asOf: input.asOf,
        ledger: r.ledger,
      };
    }, 'receiptDate');
  }
}
