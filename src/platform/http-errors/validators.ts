import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';
import { isIsoDate, toShanghaiDate } from '../../domain/calendar/iso-date';

export function IsIsoDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDate',
      target: object.constructor,
      propertyName,
      options: { message: '中文:{f} 必须是有效日期，格式为 YYYY-MM-DD', ...options },
      validator: { validate: (v: unknown) => isIsoDate(v) },
    });
}

/** An ISO 8601 timestamp with an explicit UTC offset or Z (2026-02-13T10:05:00+08:00). */
export function IsOffsetTimestamp(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isOffsetTimestamp',
      target: object.constructor,
      propertyName,
      options: { message: '中文:{f} 必须是带时区的日期时间，如 2026-02-13T10:05:00+08:00', ...options },
      validator: {
        validate: (v: unknown) =>
          typeof v === 'string' &&
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) &&
          isIsoDate(v.slice(0, 10)) &&
          !Number.isNaN(Date.parse(v)),
      },
    });
}

/** Today's calendar date in Asia/Shanghai (the one place that reads the wall clock for it). */
export function todayInShanghai(now: Date = new Date()): string {
  return toShanghaiDate(now);
}

/**
 * A field that may be left out but not set to null (a PATCH of a NOT NULL column): @IsOptional
 * lets null through as well, and the null reached the database (`{"disclosureOfficeName": null}`
 * answered 500; found by the write-endpoint fuzzing). Null is validated like any value, so the
 * field's own rules refuse it with their Chinese message.
 */
export const OptionalNotNull = () => ValidateIf((_: object, v: unknown) => v !== undefined);

