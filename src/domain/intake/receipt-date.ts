/**
 * 收到申请之日 (receipt date), 条例第31条; shared/domain §2.
 * Dates are Asia/Shanghai calendar dates, computed arithmetically as UTC+8
 * (China has no DST since 1991).
 */
import { toShanghaiDate } from '../calendar/iso-date';

export type IntakeChannel = 'in_person' | 'registered_post' | 'ordinary_post' | 'online' | 'fax';
export const INTAKE_CHANNELS: readonly IntakeChannel[] = [
  'in_person',
  'registered_post',
  'ordinary_post',
  'online',
  'fax',
];

export interface ReceiptInput {
  channel: IntakeChannel;
  /** ISO 8601 timestamp with offset (or Z): arrival / submission / signed-for time. */
  arrivedAt: string;
  /** ISO 8601 timestamp with offset: the confirmation with the applicant (ordinary post, online, fax). */
  confirmedAt?: string | null;
}

export interface FieldError {
  field: string;
  message: string;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Parse an ISO timestamp that carries an offset; returns epoch ms or null. */
export function parseInstant(s: string): number | null {
  if (typeof s !== 'string' || !ISO_WITH_OFFSET.test(s)) return null;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? null : ms;
}

/** The Asia/Shanghai calendar date (YYYY-MM-DD) of an ISO timestamp with offset. */
export function shanghaiDate(iso: string): string {
  const ms = parseInstant(iso);
  if (ms === null) throw new Error(`not an ISO timestamp with offset: ${iso}`);
  return toShanghaiDate(new Date(ms));
}

/** 国务院令第711号：修订后的《政府信息公开条例》自2019年5月15日起施行；earlier applications are not under it. */
export const REGULATION_EFFECTIVE_FROM = '2019-05-15T00:00:00+08:00';

/** Whether the channel's receipt date is the confirmation day (条例第31条第（二）（三）项). */
export function needsConfirmation(channel: IntakeChannel): boolean {
  return channel === 'ordinary_post' || channel === 'online' || channel === 'fax';
}

/** Field errors (Chinese messages) for a receipt input; empty when valid. */
export function validateReceiptInput(input: Partial<ReceiptInput>): FieldError[] {
  const errors: FieldError[] = [];
  if (!input.channel || !INTAKE_CHANNELS.includes(input.channel)) {
    errors.push({
      field: 'channel',
      message: '请选择申请渠道（当面、挂号邮寄、平信、网络或传真）',
    });
  }
  const arrived = input.arrivedAt ? parseInstant(input.arrivedAt) : null;
  if (!input.arrivedAt) errors.push({ field: 'arrivedAt', message: '请填写申请到达时间' });
  else if (arrived === null)
    errors.push({ field: 'arrivedAt', message: '申请到达时间格式不正确，应为带时区的ISO时间' });
  if (input.channel && needsConfirmation(input.channel)) {
    if (!input.confirmedAt) {
      errors.push({
        field: 'confirmedAt',
        message: '平信、网络或传真申请须填写与申请人确认的时间（条例第三十一条）',
      });
    } else {
      const confirmed = parseInstant(input.confirmedAt);
      if (confirmed === null)
        errors.push({ field: 'confirmedAt', message: '确认时间格式不正确，应为带时区的ISO时间' });
      else if (arrived !== null && confirmed < arrived) {
        errors.push({ field: 'confirmedAt', message: '确认时间不得早于申请到达时间' });
      }
    }
  } else if (input.confirmedAt && parseInstant(input.confirmedAt) === null) {
    errors.push({ field: 'confirmedAt', message: '确认时间格式不正确，应为带时区的ISO时间' });
  }
  return errors;
}

/**
 * 条例第三十一条第（二）项: 以平常信函等无需签收的邮寄方式提交政府信息公开申请的，政府信息公开工作机构
 * 应当于收到申请的当日与申请人确认. A confirmation on a later Asia/Shanghai date than the arrival
 * needs a recorded reason — 国办公开办函〔2015〕207号: where the applicant cannot be reached that day,
 * counting starts when contact is restored — and is flagged for the legal audit.
 */
export function confirmationIsLate(input: { channel: IntakeChannel; arrivedAt: string; confirmedAt?: string | null }): boolean {
  if (input.channel !== 'ordinary_post' || !input.confirmedAt) return false;
  return shanghaiDate(input.confirmedAt) > shanghaiDate(input.arrivedAt);
}

/**
 * The field error of the delay reason (confirmationDelayReason), or null: required when the
 * confirmation of an ordinary letter came after the day it arrived, and only then.
 */
export function confirmationDelayProblem(
  input: { channel: IntakeChannel; arrivedAt: string; confirmedAt?: string | null },
  reason: string | null | undefined,
): FieldError | null {
  const given = typeof reason === 'string' && reason.trim().length > 0;
  const late = confirmationIsLate(input);
  if (late && !given) {
    return {
      field: 'confirmationDelayReason',
      message:
        'confirmationDelayReason：平常信函未于到达当日与申请人确认的，须写明原因（条例第三十一条第（二）项：应当于收到申请的当日与申请人确认；如当日无法联系申请人）',
    };
  }
  if (!late && reason !== undefined && reason !== null) {
    return {
      field: 'confirmationDelayReason',
      message: 'confirmationDelayReason：仅在平常信函未于到达当日确认时填写',
    };
  }
  return null;
}

/** The flag a late confirmation leaves on the case, for the legal audit. */
export interface LateConfirmationFlag {
  kind: 'late_confirmation';
  article: '条例第31条第（二）项';
  arrivedOn: string;
  confirmedOn: string;
  reason: string;
  message: string;
}

export function lateConfirmationFlag(input: { arrivedAt: string; confirmedAt: string }, reason: string): LateConfirmationFlag {
  const arrivedOn = shanghaiDate(input.arrivedAt);
  const confirmedOn = shanghaiDate(input.confirmedAt);
  return {
    kind: 'late_confirmation',
    article: '条例第31条第（二）项',
    arrivedOn,
    confirmedOn,
    reason: reason.trim(),
    message: `平常信函于${arrivedOn}到达，${confirmedOn}才与申请人确认（应于到达当日确认，条例第三十一条第（二）项），原因：${reason.trim()}`,
  };
}

export class ReceiptDateError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => e.message).join('；'));
    this.name = 'ReceiptDateError';
  }
}

/**
 * Receipt date (YYYY-MM-DD, Asia/Shanghai), 条例第31条:
 * in_person → day of submission; registered_post → day signed for (arrivedAt);
 * ordinary_post / online / fax → day of confirmation (confirmedAt, not before arrivedAt).
 * Throws ReceiptDateError with field errors when the input is invalid.
 */
export function receiptDate(input: ReceiptInput): string {
  const errors = validateReceiptInput(input);
  if (errors.length) throw new ReceiptDateError(errors);
  return shanghaiDate(
    needsConfirmation(input.channel) ? (input.confirmedAt as string) : input.arrivedAt,
  );
}

/**
 * 网上申请 confirmed later than the working day after it arrived (条例第三十一条第（三）项: the office
 * confirms promptly; the one working day is the office's own rule): flagged for the legal audit.
 */
export interface LateOnlineConfirmationFlag {
  kind: 'late_online_confirmation';
  article: '条例第31条第（三）项';
  arrivedOn: string;
  /** The working day by which it should have been confirmed. */
  dueOn: string;
  confirmedOn: string;
  message: string;
}

export function lateOnlineConfirmationFlag(arrivedOn: string, dueOn: string, confirmedOn: string): LateOnlineConfirmationFlag | null {
  if (confirmedOn <= dueOn) return null;
  return {
    kind: 'late_online_confirmation',
    article: '条例第31条第（三）项',
    arrivedOn,
    dueOn,
    confirmedOn,
    message: `网上申请于${arrivedOn}提交，${confirmedOn}才确认收到（应于${dueOn}前确认；以双方确认之日为收到申请之日，条例第三十一条第（三）项）`,
  };
}
