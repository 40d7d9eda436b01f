import fc from 'fast-check';
import * as chineseDays from 'chinese-days';
import {
  BUILTIN_NOTICES,
  CalendarRangeError,
  formatChineseDate,
  formatIsoDate,
  isIsoDate,
  parseIsoDate,
  toShanghaiDate,
  validateNotice,
  weekday,
  WorkingCalendar,
  YearNotice,
} from '../../../src/domain/calendar';

const cal = new WorkingCalendar(BUILTIN_NOTICES);

/** Deliberately naive reference: day by day from the notice lists. */
function naiveIsWorking(iso: string): boolean {
  for (const n of BUILTIN_NOTICES) {
    if (n.makeupWorkdays.some((m) => m.date === iso)) return true;
    if (n.holidays.some((h) => h.from <= iso && iso <= h.to)) return false;
  }
  const wd = new Date(`${iso}T12:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
}
function nextDay(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
function naiveAdd(from: string, n: number): string {
  let d = from;
  let k = 0;
  while (k < n) {
    d = nextDay(d);
    if (naiveIsWorking(d)) k++;
  }
  return d;
}
function naiveBetween(a: string, b: string): number {
  let n = 0;
  for (let d = nextDay(a); d <= b; d = nextDay(d)) if (naiveIsWorking(d)) n++;
  return n;
}

const dateIn = (fromIso: string, toIso: string) =>
  fc.integer({ min: parseIsoDate(fromIso), max: parseIsoDate(toIso) }).map(formatIsoDate);

describe('ISO dates', () => {
  it('validates strictly', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate('20260101')).toBe(false);
  });
  it('round-trips day numbers and weekdays', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20000, max: 40000 }), (n) => parseIsoDate(formatIsoDate(n)) === n),
    );
    expect(weekday(parseIsoDate('2026-02-13'))).toBe(5); // Friday
    expect(weekday(parseIsoDate('2026-01-04'))).toBe(0); // Sunday
  });
  it('takes the Asia/Shanghai date of a timestamp (23:30 is still the same day)', () => {
    expect(toShanghaiDate('2026-11-22T23:30:00+08:00')).toBe('2026-11-22');
    expect(toShanghaiDate('2026-11-21T16:30:00Z')).toBe('2026-11-22');
    expect(toShanghaiDate('2026-11-22T00:00:00+08:00')).toBe('2026-11-22');
    expect(toShanghaiDate('2026-11-21T15:59:59Z')).toBe('2026-11-21');
  });
  it('writes dates the GB/T 9704 way', () => {
    expect(formatChineseDate('2026-03-09')).toBe('2026年3月9日');
    expect(formatChineseDate('2026-10-22')).toBe('2026年10月22日');
  });
});

describe('WorkingCalendar on the 2025 and 2026 notices', () => {
  it('every holiday is a non-working day and every make-up day a working day', () => {
    for (const n of BUILTIN_NOTICES) {
      for (const h of n.holidays) {
        for (let d = h.from; d <= h.to; d = nextDay(d)) expect([d, cal.isWorkingDay(d)]).toEqual([d, false]);
      }
      for (const m of n.makeupWorkdays) {
        expect([m.date, cal.isWorkingDay(m.date)]).toEqual([m.date, true]);
        expect(cal.dayKind(m.date)).toBe('makeup');
      }
    }
  });

  it('agrees day by day with the naive reference and with the chinese-days package over 2025-2026', () => {
    for (let d = '2025-01-01'; d <= '2026-12-31'; d = nextDay(d)) {
      expect([d, cal.isWorkingDay(d)]).toEqual([d, naiveIsWorking(d)]);
      expect([d, cal.isWorkingDay(d)]).toEqual([d, chineseDays.isWorkday(d)]);
    }
  });

  it('crosses every holiday and make-up day at least once with addWorkingDays', () => {
    for (const n of BUILTIN_NOTICES) {
      const specials = [...n.holidays.map((h) => h.from), ...n.makeupWorkdays.map((m) => m.date)];
      for (const s of specials) {
        const from = formatIsoDate(parseIsoDate(s) - 3);
        for (const k of [1, 5, 20]) expect([from, k, cal.addWorkingDays(from, k)]).toEqual([from, k, naiveAdd(from, k)]);
      }
    }
  });

  it('never counts the start day, whether or not it is a working day', () => {
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14'); // Sat 2/14 is a make-up working day
    expect(cal.addWorkingDays('2026-01-03', 1)).toBe('2026-01-04'); // holiday start, Sun make-up day counts
    expect(cal.addWorkingDays('2026-01-04', 1)).toBe('2026-01-05'); // start on a make-up Sunday
    expect(cal.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08'); // last day before 国庆
    expect(cal.addWorkingDays('2026-02-13', 0)).toBe('2026-02-13');
  });

  it('reproduces the worked examples of shared/domain §3', () => {
    expect(cal.addWorkingDays('2026-02-13', 7)).toBe('2026-03-02');
    expect(cal.addWorkingDays('2026-02-13', 20)).toBe('2026-03-19');
    expect(cal.addWorkingDays('2026-01-03', 20)).toBe('2026-01-29');
    expect(cal.addWorkingDays('2026-09-18', 20)).toBe('2026-10-22');
    expect(cal.addWorkingDays('2025-09-26', 7)).toBe('2025-10-13');
    expect(cal.addWorkingDays('2025-09-26', 20)).toBe('2025-10-30');
  });

  it('counts Monday-Friday and flags a year without a notice as provisional', () => {
    expect(cal.isLoaded(2027)).toBe(false);
    expect(cal.isWorkingDay('2027-01-01')).toBe(true); // Friday; no notice loaded
    expect(cal.rangeProvisional('2026-12-01', '2026-12-31')).toBe(false);
    expect(cal.rangeProvisional('2026-12-20', '2027-01-05')).toBe(true);
    expect(cal.addWorkingDays('2026-12-25', 5)).toBe('2027-01-01');
  });

  it('refuses dates outside the index with CalendarRangeError', () => {
    expect(() => cal.addWorkingDays('1999-01-01', 1)).toThrow(CalendarRangeError);
    expect(() => cal.addWorkingDays('2040-12-30', 10)).toThrow(CalendarRangeError);
  });

  it('obeys the algebraic laws against the naive loop', () => {
    const d = dateIn('2025-01-01', '2026-10-31');
    const n = fc.integer({ min: 0, max: 60 });
    fc.assert(fc.property(d, n, n, (x, a, b) => cal.addWorkingDays(cal.addWorkingDays(x, a), b) === cal.addWorkingDays(x, a + b)), { numRuns: 500 });
    fc.assert(fc.property(d, n, (x, k) => cal.workingDaysBetween(x, cal.addWorkingDays(x, k)) === k), { numRuns: 500 });
    fc.assert(fc.property(d, fc.integer({ min: 1, max: 60 }), (x, k) => cal.addWorkingDays(x, k) === naiveAdd(x, k)), { numRuns: 300 });
    fc.assert(fc.property(d, d, (a, b) => cal.workingDaysBetween(a, b) === (a <= b ? naiveBetween(a, b) : -naiveBetween(b, a))), { numRuns: 300 });
  });
});

describe('validateNotice', () => {
  const good: YearNotice = {
    year: 2027,
    notice: '国务院办公厅关于2027年部分节假日安排的通知',
    source: 'https://www.gov.cn/example',
    holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
    makeupWorkdays: [{ name: '春节', date: '2027-02-06' }],
  };
  it('accepts the shipped notices and a well-formed one', () => {
    for (const n of BUILTIN_NOTICES) expect(validateNotice(n)).toEqual([]);
    expect(validateNotice(good)).toEqual([]);
  });
  it('names the field of each problem in Chinese', () => {
    const errs = validateNotice({
      ...good,
      notice: '',
      holidays: [
        { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
        { name: '重叠', from: '2027-01-03', to: '2027-01-04' },
        { name: '跨年', from: '2026-12-31', to: '2027-01-01' },
        { name: '倒置', from: '2027-05-05', to: '2027-05-01' },
      ],
      makeupWorkdays: [
        { name: '周一', date: '2027-02-08' },
        { name: '假中', date: '2027-01-02' },
      ],
    });
    const fields = errs.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['notice', 'holidays[1]', 'holidays[2]', 'holidays[3].to', 'makeupWorkdays[0].date', 'makeupWorkdays[1].date']));
    for (const e of errs) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
