import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, OperatorAllowed, Public, Roles } from '../../platform/auth/auth-user';
import { badRequest } from '../../platform/http-errors/app-exception';
import { CalendarApiService } from './calendar-api.service';
import { AddWorkingDaysQuery, ClockPreviewDto, PutCalendarYearDto, WorkingDaysBetweenQuery } from './dto';
import { ApiErrors } from '../../platform/http-errors/error-response';
import {
  AddWorkingDaysResponse,
  CalendarChangeResponse,
  CalendarHistoryEntryResponse,
  CalendarYearResponse,
  ClockPreviewResponse,
  WorkingDaysBetweenResponse,
} from './responses';

function parseYear(raw: string): number {
  if (!/^\d{4}$/.test(raw) || Number(raw) < 2000 || Number(raw) > 2100) {
    throw badRequest('年份必须是 2000 到 2100 之间的四位数字', [{ field: 'year', message: 'year 必须是 2000 到 2100 之间的四位数字' }]);
  }
  return Number(raw);
}

@ApiTags('calendar 工作日与期限')
@Controller()
export class CalendarController {
  constructor(private readonly api: CalendarApiService) {}

  @Public()
  @Get('calendar/add-working-days')
  @ApiOperation({ summary: '第 N 个工作日（起算日不计入）' })
  @ApiOkResponse({ type: AddWorkingDaysResponse })
  @ApiErrors([400, '日期或天数有误，或超出已知日历范围（VALIDATION_FAILED、DATE_OUT_OF_CALENDAR_RANGE）'])
  addWorkingDays(@Query() q: AddWorkingDaysQuery) {
    return this.api.addWorkingDays(q.from, q.days);
  }

  @Public()
  @Get('calendar/working-days-between')
  @ApiOperation({ summary: '工作日天数：from < d ≤ to' })
  @ApiOkResponse({ type: WorkingDaysBetweenResponse })
  @ApiErrors([400, '日期有误，或超出已知日历范围（VALIDATION_FAILED、DATE_OUT_OF_CALENDAR_RANGE）'])
  between(@Query() q: WorkingDaysBetweenQuery) {
    return this.api.between(q.from, q.to);
  }

  @Public()
  @Get('calendar/:year')
  @ApiOkResponse({ type: CalendarYearResponse, description: '该年的节假日安排（未载入时 loaded 为 false）' })
  @ApiErrors([400, '年份必须是 2000 到 2100 之间的四位数字（VALIDATION_FAILED）'])
  year(@Param('year') year: string) {
    return this.api.year(parseYear(year));
  }

  @ApiBearerAuth()
  @OperatorAllowed()
  @Get('calendar/:year/history')
  @ApiOkResponse({ type: [CalendarHistoryEntryResponse], description: '该年节假日安排的载入与替换记录' })
  @ApiErrors([400, '年份必须是 2000 到 2100 之间的四位数字（VALIDATION_FAILED）'], 401, 403, 503)
  history(@CurrentUser() u: AuthUser, @Param('year') year: string) {
    return this.api.history(parseYear(year), u.agencyId);
  }

  @ApiBearerAuth()
  @Roles('operator')
  @Put('calendar/:year')
  @ApiOperation({ summary: '载入或替换某年的节假日安排（记录历史，重新计算在办案件期限）' })
  @ApiOkResponse({ type: CalendarChangeResponse, description: '载入后的该年安排，及排队的期限重新计算任务' })
  @ApiErrors([400, '年份或节假日安排有误（VALIDATION_FAILED）'], 401, [403, '只有平台管理员（operator）可以载入或替换全国节假日安排（FORBIDDEN_ROLE）'], 413, 415, 503)
  replace(@CurrentUser() u: AuthUser, @Param('year') year: string, @Body() dto: PutCalendarYearDto) {
    return this.api.replace(parseYear(year), dto, u.id);
  }

  @Public()
  @Post('clock/preview')
  @HttpCode(200)
  @ApiOperation({ summary: '按条例计算补正告知期限与答复期限，并给出计算明细' })
  @ApiOkResponse({ type: ClockPreviewResponse })
  @ApiErrors([400, '日期有误、先后顺序不对或超出已知日历范围（VALIDATION_FAILED、DATE_OUT_OF_CALENDAR_RANGE）'], 413, 415)
  preview(@Body() dto: ClockPreviewDto) {
    return this.api.preview(dto);
  }
}
