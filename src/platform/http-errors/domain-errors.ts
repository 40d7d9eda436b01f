/**
 * The one place where errors raised by the statutory core (src/domain) become HTTP answers:
 * each is the caller's input problem (400) with a stable code and a Chinese message, never a 500.
 */
import { CalendarRangeError, InvalidDateError } from '../../domain/calendar';
import { ClockInputError } from '../../domain/deadlines';
import { ReceiptDateError } from '../../domain/intake/receipt-date';
import { AppException, FieldError } from './app-exception';

/** Request-body fields whose value is `value` (dotted paths), to name the field a domain error is about. */
export function fieldsHolding(body: unknown, value: string, prefix = '', depth = 0): string[] {
  if (depth > 8 || body === null || typeof body !== 'object') return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v === value || (typeof v === 'string' && v.startsWith(value))) out.push(path);
    else if (v && typeof v === 'object') out.push(...fieldsHolding(v, value, path, depth + 1));
  }
  return out;
}

export function domainErrorToHttp(e: unknown, body: unknown): AppException | null {
  if (e instanceof CalendarRangeError || e instanceof InvalidDateError) {
    const value = e instanceof CalendarRangeError ? e.date : String(e.value);
    const fields = fieldsHolding(body, value);
    const field = fields[0] ?? 'date';
    const errors: FieldError[] = [{ field, message: `${field}：${e.message}` }];
    const code = e instanceof CalendarRangeError ? 'DATE_OUT_OF_CALENDAR_RANGE' : 'INVALID_DATE';
    return new AppException(400, code, e.message, errors);
  }
  if (e instanceof ClockInputError || e instanceof ReceiptDateError) {
    return new AppException(400, 'VALIDATION_FAILED', `提交的数据有误：${e.errors[0]?.message ?? e.message}`, e.errors);
  }
  return null;
}
