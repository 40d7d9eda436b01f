/**
 * Calendar dates as `YYYY-MM-DD` strings and integer day numbers (days since 1970-01-01).
 * No JS Date at UTC midnight is used for business logic (shared/domain §2: all dates are
 * calendar dates in Asia/Shanghai).
 */

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month, day] of a day number (civil_from_days). */
export function civil(n: number): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Strict: four-digit year, two-digit month and day, and a day that exists (2026-02-30 is not). */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || s.length !== 10 || s[4] !== '-' || s[7] !== '-') return false;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const max = m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1];
  return d <= max;
}

export class InvalidDateError extends Error {
  constructor(public readonly value: unknown) {
    super(`不是有效日期（应为 YYYY-MM-DD）：${String(value)}`);
  }
}

/** Day number of an ISO date; throws InvalidDateError. */
export function parseIsoDate(s: string): number {
  if (!isIsoDate(s)) throw new InvalidDateError(s);
  return dayNumber(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatIsoDate(n: number): string {
  const [y, m, d] = civil(n);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/**
 * The Asia/Shanghai calendar date of an instant (UTC+8 all year; China has no daylight saving
 * since 1991). 2026-11-22T23:30+08:00 → 2026-11-22, although it is 21 November in UTC.
 */
export function toShanghaiDate(instant: string | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new InvalidDateError(instant);
  return formatIsoDate(Math.floor((ms + 8 * 3600_000) / 86_400_000));
}

/** 2026-03-09 → 2026年3月9日 (GB/T 9704 §7.3.5.4: no zero padding). */
export function formatChineseDate(iso: string): string {
  const [y, m, d] = civil(parseIsoDate(iso));
  return `${y}年${m}月${d}日`;
}
