import { dayNumber, isIsoDate, parseIsoDate, weekday } from './iso-date';

/**
 * One year's holiday arrangement as the State Council's notice (国务院办公厅关于XXXX年部分节假日安排的通知)
 * publishes it: holiday ranges (放假) and make-up working days (调休上班).
 */
export interface YearNotice {
  year: number;
  notice: string;
  source: string;
  holidays: Array<{ name: string; from: string; to: string }>;
  makeupWorkdays: Array<{ name: string; date: string }>;
}

export interface NoticeError {
  field: string;
  message: string;
}

/** Checks a notice before it is loaded; messages in Chinese with the field path. */
export function validateNotice(n: YearNotice): NoticeError[] {
  const errors: NoticeError[] = [];
  if (!Number.isInteger(n.year) || n.year < 2000 || n.year > 2100) {
    errors.push({ field: 'year', message: 'year 必须是 2000 到 2100 之间的年份' });
    return errors;
  }
  if (!n.notice?.trim()) errors.push({ field: 'notice', message: 'notice（通知标题）不能为空' });
  if (!n.source?.trim()) errors.push({ field: 'source', message: 'source（来源地址）不能为空' });
  const first = dayNumber(n.year, 1, 1);
  const last = dayNumber(n.year, 12, 31);
  const inYear = (s: string) => {
    const d = parseIsoDate(s);
    return d >= first && d <= last;
  };
  const ranges: Array<[number, number, number]> = [];
  (n.holidays ?? []).forEach((h, i) => {
    const f = `holidays[${i}]`;
    if (!h.name?.trim()) errors.push({ field: `${f}.name`, message: `${f}.name（节日名称）不能为空` });
    if (!isIsoDate(h.from)) return void errors.push({ field: `${f}.from`, message: `${f}.from 不是有效日期` });
    if (!isIsoDate(h.to)) return void errors.push({ field: `${f}.to`, message: `${f}.to 不是有效日期` });
    if (!inYear(h.from) || !inYear(h.to)) {
      return void errors.push({ field: f, message: `${f} 的日期必须在 ${n.year} 年之内` });
    }
    const a = parseIsoDate(h.from);
    const b = parseIsoDate(h.to);
    if (b < a) return void errors.push({ field: `${f}.to`, message: `${f}.to 不能早于 from` });
    ranges.push([a, b, i]);
  });
  ranges.sort((x, y) => x[0] - y[0]);
  for (let k = 1; k < ranges.length; k++) {
    if (ranges[k][0] <= ranges[k - 1][1]) {
      errors.push({
        field: `holidays[${ranges[k][2]}]`,
        message: `holidays[${ranges[k][2]}] 与 holidays[${ranges[k - 1][2]}] 的日期重叠`,
      });
    }
  }
  const seen = new Set<number>();
  (n.makeupWorkdays ?? []).forEach((m, i) => {
    const f = `makeupWorkdays[${i}]`;
    if (!m.name?.trim()) errors.push({ field: `${f}.name`, message: `${f}.name（节日名称）不能为空` });
    if (!isIsoDate(m.date)) return void errors.push({ field: `${f}.date`, message: `${f}.date 不是有效日期` });
    if (!inYear(m.date)) return void errors.push({ field: `${f}.date`, message: `${f}.date 必须在 ${n.year} 年之内` });
    const d = parseIsoDate(m.date);
    const wd = weekday(d);
    if (wd !== 0 && wd !== 6) errors.push({ field: `${f}.date`, message: `${f}.date 调休上班日应为周六或周日` });
    if (ranges.some(([a, b]) => d >= a && d <= b)) {
      errors.push({ field: `${f}.date`, message: `${f}.date 落在放假期间内` });
    }
    if (seen.has(d)) errors.push({ field: `${f}.date`, message: `${f}.date 重复` });
    seen.add(d);
  });
  return errors;
}
