import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Roles } from '../auth/auth-user';
import { badRequest } from '../../platform/http-errors/app-exception';
import { CalendarApiService } from './calendar-api.service';
import { AddWorkingDaysQuery, ClockPreviewDto, PutCalendarYearDto, WorkingDaysBetweenQuery } from './dto';

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
  addWorkingDays(@Query() q: AddWorkingDaysQuery) {
    return this.api.addWorkingDays(q.from, q.days);
  }

  @Public()
  @Get('calendar/working-days-between')
  @ApiOperation({ summary: '工作日天数：from < d ≤ to' })
  between(@Query() q: WorkingDaysBetweenQuery) {
    return this.api.between(q.from, q.to);
  }

  @Public()
  @Get('calendar/:year')
  year(@Param('year') year: string) {
    return this.api.year(parseYear(year));
  }

  @ApiBearerAuth()
  @Get('calendar/:year/history')
  history(@Param('year') year: string) {
    return this.api.history(parseYear(year));
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Put('calendar/:year')
  @ApiOperation({ summary: '载入或替换某年的节假日安排（记录历史，重新计算在办案件期限）' })
  replace(@CurrentUser() u: AuthUser, @Param('year') year: string, @Body() dto: PutCalendarYearDto) {
    return this.api.replace(parseYear(year), dto, u.id);
  }

  @Public()
  @Post('clock/preview')
  @HttpCode(200)
  @ApiOperation({ summary: '按条例计算补正告知期限与答复期限，并给出计算明细' })
  preview(@Body() dto: ClockPreviewDto) {
    return this.api.preview(dto);
  }
}
