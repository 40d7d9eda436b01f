import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AddWorkingDaysResponse {
  @ApiProperty({ type: String, format: 'date', example: '2026-02-13' }) from!: string;
  @ApiProperty({ type: Number, example: 20 }) days!: number;
  @ApiProperty({ type: String, format: 'date', example: '2026-03-19', description: '第 N 个工作日（起算日不计入）' }) date!: string;
  @ApiProperty({ type: Boolean, description: '区间涉及尚未公布节假日安排的年份，结果为暂定' }) provisional!: boolean;
}

export class WorkingDaysBetweenResponse {
  @ApiProperty({ type: String, format: 'date' }) from!: string;
  @ApiProperty({ type: String, format: 'date' }) to!: string;
  @ApiProperty({ type: Number, description: '工作日天数 from < d ≤ to（to 早于 from 时为负数）' }) workingDays!: number;
  @ApiProperty({ type: Boolean }) provisional!: boolean;
}

export class HolidayRangeResponse {
  @ApiProperty({ type: String, example: '春节' }) name!: string;
  @ApiProperty({ type: String, format: 'date' }) from!: string;
  @ApiProperty({ type: String, format: 'date' }) to!: string;
}

export class MakeupDayResponse {
  @ApiProperty({ type: String, example: '春节' }) name!: string;
  @ApiProperty({ type: String, format: 'date' }) date!: string;
}

/** One year's holiday arrangement as loaded (CalendarService.year). */
export class CalendarYearResponse {
  @ApiProperty({ type: Number, example: 2026 }) year!: number;
  @ApiProperty({ type: Boolean, description: '该年的节假日安排已载入' }) loaded!: boolean;
  @ApiProperty({ type: Boolean, description: '未载入：按周末推算，期限为暂定' }) provisional!: boolean;
  @ApiProperty({ type: String, nullable: true, description: '通知标题' }) notice!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '来源' }) source!: string | null;
  @ApiProperty({ type: [HolidayRangeResponse] }) holidays!: HolidayRangeResponse[];
  @ApiProperty({ type: [MakeupDayResponse], description: '调休上班日' }) makeupWorkdays!: MakeupDayResponse[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt!: string | null;
}

/** PUT /calendar/:year: the year, and the recalculation job it queued. */
export class CalendarChangeResponse extends CalendarYearResponse {
  @ApiProperty({ type: Number, description: '期限重新计算任务（GET /calendar/recalculations/{id}）' }) recalculationJobId!: number;
}

/** A notice as recorded in the calendar history. */
export class YearNoticeResponse {
  @ApiProperty({ type: Number }) year!: number;
  @ApiProperty({ type: String }) notice!: string;
  @ApiProperty({ type: String }) source!: string;
  @ApiProperty({ type: [HolidayRangeResponse] }) holidays!: HolidayRangeResponse[];
  @ApiProperty({ type: [MakeupDayResponse] }) makeupWorkdays!: MakeupDayResponse[];
}

export class CalendarHistoryEntryResponse {
  @ApiProperty({ type: Number }) id!: number;
  @ApiProperty({ enum: ['load', 'replace'] }) action!: string;
  @ApiProperty({ type: YearNoticeResponse, nullable: true, description: '变更前（首次载入时为 null）' }) before!: YearNoticeResponse | null;
  @ApiProperty({ type: YearNoticeResponse }) after!: YearNoticeResponse;
  @ApiProperty({ type: String, format: 'date-time' }) changedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: '操作人用户名' }) changedBy!: string | null;
}

export const LEDGER_KINDS = ['start', 'period', 'extension', 'pause', 'holiday', 'makeup', 'deferral', 'provisional', 'deadline'] as const;

/** One line of the deadline computation (LedgerEntry); which optional fields appear depends on kind. */
export class LedgerEntryResponse {
  @ApiProperty({ enum: LEDGER_KINDS, enumName: 'LedgerEntryKind' }) kind!: string;
  @ApiProperty({ type: String, description: '中文说明' }) text!: string;
  @ApiPropertyOptional({ type: String, format: 'date', description: 'start、makeup、deferral、deadline' }) date?: string;
  @ApiPropertyOptional({ type: String, description: 'start、pause：原因' }) reason?: string;
  @ApiPropertyOptional({ type: Number, description: 'period、extension：工作日数' }) workingDays?: number;
  @ApiPropertyOptional({ type: String, format: 'date', description: 'pause、holiday' }) from?: string;
  @ApiPropertyOptional({ type: String, format: 'date', description: 'pause、holiday' }) to?: string;
  @ApiPropertyOptional({ type: Number, description: 'pause：不计入的工作日数' }) workingDaysRemoved?: number;
  @ApiPropertyOptional({
    type: String,
    description: 'holiday、makeup：节日名称；deadline：期限名称（correctionNoticeDue、replyDue、applicantCorrectionDue、consultationDue、feePaymentDue）',
  })
  name?: string;
  @ApiPropertyOptional({ type: Number, description: 'provisional：未公布节假日安排的年份' }) year?: number;
  @ApiPropertyOptional({ type: Boolean, description: 'deadline：是否暂定' }) provisional?: boolean;
}

export class ConsultationDueResponse {
  @ApiProperty({ type: Number }) index!: number;
  @ApiPropertyOptional({ type: String, example: 'C1' }) id?: string;
  @ApiProperty({ enum: ['thirdParty', 'agency'], enumName: 'ConsultationParty' }) party!: string;
  @ApiProperty({
    enum: ['coProducer', 'secrecyReferral', 'other'],
    enumName: 'ConsultationBasis',
    nullable: true,
    description: '征求其他机关意见的依据（第三方为 null）',
  })
  basis!: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: '答复期限（自对方收到征求意见函之日起计算）；收到日期尚未确定（awaitingReceipt）或报请确定（secrecyReferral，不设期限）时为 null',
  })
  due!: string | null;
  @ApiProperty({ type: Boolean }) open!: boolean;
  @ApiProperty({ type: Boolean }) provisional!: boolean;
  @ApiProperty({ type: Boolean, description: '函件邮寄、对方收到日期尚未记录：答复期限尚未起算，不设届满处理' }) awaitingReceipt!: boolean;
}

export class FeePaymentDueResponse {
  @ApiProperty({ type: Number }) index!: number;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '缴费期限（自申请人收到收费通知之日起20个工作日）；收到日期尚未确定时为 null' })
  due!: string | null;
  @ApiProperty({ type: Boolean }) open!: boolean;
  @ApiProperty({ type: Boolean }) provisional!: boolean;
  @ApiProperty({ type: Boolean, description: '通知邮寄、申请人收到日期尚未记录：缴费期限尚未起算' }) awaitingReceipt!: boolean;
}

/** POST /clock/preview (CalendarApiService.preview). */
export class ClockPreviewResponse {
  @ApiProperty({ type: String, format: 'date', description: '补正告知期限（7 个工作日，条例第30条）' }) correctionNoticeDue!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '答复期限（等待补正时为 null）' }) replyDue!: string | null;
  @ApiProperty({ type: Boolean }) provisional!: boolean;
  @ApiProperty({ type: Number, nullable: true }) remainingWorkingDays!: number | null;
  @ApiProperty({ type: Boolean }) overdue!: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '答复期限的起算日' }) replyClockStart!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '申请人补正期限（自申请人收到补正告知书之日起计算）；收到日期尚未确定时为 null' })
  applicantCorrectionDue!: string | null;
  @ApiProperty({ type: Boolean, description: '补正告知书邮寄、申请人收到日期尚未记录：补正期限尚未起算' }) applicantCorrectionAwaitingReceipt!: boolean;
  @ApiProperty({ type: [ConsultationDueResponse] }) consultationDues!: ConsultationDueResponse[];
  @ApiProperty({ type: [FeePaymentDueResponse] }) feePaymentDues!: FeePaymentDueResponse[];
  @ApiProperty({ type: Number, description: '因征求意见、缴费不计入的工作日数' }) pausedWorkingDays!: number;
  @ApiProperty({ type: String, format: 'date', description: '计算所依据的“今天”' }) asOf!: string;
  @ApiProperty({ type: [LedgerEntryResponse], description: '计算明细' }) ledger!: LedgerEntryResponse[];
}
