import { BUILTIN_NOTICES, CalendarRangeError, WorkingCalendar } from '../../../src/domain/calendar';

const cal = new WorkingCalendar(BUILTIN_NOTICES);

describe('WorkingCalendar ledger queries', () => {
  it('lists the holidays met by a < d ≤ b, clipped to the range', () => {
    expect(cal.holidaysBetween('2026-02-13', '2026-03-19')).toEqual([{ name: '春节', from: '2026-02-15', to: '2026-02-23', days: 9 }]);
    // start inside the holiday: only the days after the start
    expect(cal.holidaysBetween('2026-02-20', '2026-02-27')).toEqual([{ name: '春节', from: '2026-02-21', to: '2026-02-23', days: 3 }]);
    expect(cal.holidaysBetween('2026-03-02', '2026-03-19')).toEqual([]);
  });

  it('lists the make-up working days met by a < d ≤ b', () => {
    expect(cal.makeupDaysBetween('2026-02-13', '2026-03-19').map((m) => m.date)).toEqual(['2026-02-14', '2026-02-28']);
    // the start day itself is never included
    expect(cal.makeupDaysBetween('2026-02-14', '2026-02-27')).toEqual([]);
  });

  it('flags single days and ranges in a year without a notice', () => {
    expect(cal.loadedYears()).toEqual([2025, 2026]);
    expect(cal.isProvisional('2026-12-31')).toBe(false);
    expect(cal.isProvisional('2027-01-01')).toBe(true);
    expect(cal.isProvisional('2024-06-03')).toBe(true);
    expect(cal.rangeProvisional('2026-12-30', '2026-12-31')).toBe(false);
    expect(cal.rangeProvisional('2026-12-31', '2027-01-01')).toBe(true);
    // 2027-01-01 counts Monday-Friday (a Friday): a working day, provisionally
    expect(cal.addWorkingDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('throws a typed error outside the index span', () => {
    expect(() => cal.isWorkingDay('2018-12-31')).toThrow(CalendarRangeError);
    expect(() => cal.holidaysBetween('2026-01-01', '2099-01-01')).toThrow(CalendarRangeError);
  });
});
