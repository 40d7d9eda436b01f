import { civil, dayNumber, formatIsoDate, parseIsoDate, weekday } from './iso-date';
import { YearNotice } from './notice';

/** The index covers these years; dates outside raise CalendarRangeError. */
export const INDEX_FIRST_YEAR = 2019;
export const INDEX_LAST_YEAR = 2040;

export class CalendarRangeError extends Error {
  constructor(public readonly date: string) {
    super(`日期超出可计算范围（${INDEX_FIRST_YEAR}—${INDEX_LAST_YEAR}年）：${date}`);
  }
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup';

/**
 * Working days (工作日): Monday–Friday, minus the notice's holiday ranges, plus its make-up
 * working days (调休上班). A year without a loaded notice counts Monday–Friday and is provisional.
 *
 * Precomputed once per set of notices: per day its kind, and prefix sums of working days and of
 * provisional days, plus the inverse (k-th working day). Every query is O(1).
 */
export class WorkingCalendar {
  private readonly base = dayNumber(INDEX_FIRST_YEAR, 1, 1);
  private readonly size = dayNumber(INDEX_LAST_YEAR, 12, 31) - dayNumber(INDEX_FIRST_YEAR, 1, 1) + 1;
  /** 1 when working. */
  private readonly work = new Uint8Array(this.size);
  private readonly kind: DayKind[] = new Array(this.size);
  private readonly names: Array<string | undefined> = new Array(this.size);
  /** cum[i] = working days among index 0..i. */
  private readonly cum = new Int32Array(this.size);
  /** nth[k] = index of the working day with cum == k (k ≥ 1). */
  private readonly nth: Int32Array;
  /** provisional-day prefix sums: days of years without a notice. */
  private readonly provCum = new Int32Array(this.size);
  private readonly iso: string[] = new Array(this.size);
  private readonly loaded: Set<number>;
  /** Index of the first day of each month of the span, and the month's length: a parse without slicing. */
  private readonly monthStart = new Int32Array((INDEX_LAST_YEAR - INDEX_FIRST_YEAR + 1) * 12);
  private readonly monthLength = new Int8Array((INDEX_LAST_YEAR - INDEX_FIRST_YEAR + 1) * 12);

  constructor(notices: readonly YearNotice[]) {
    this.loaded = new Set(notices.map((n) => n.year));
    for (let y = INDEX_FIRST_YEAR; y <= INDEX_LAST_YEAR; y++) {
      for (let m = 1; m <= 12; m++) {
        const k = (y - INDEX_FIRST_YEAR) * 12 + m - 1;
        this.monthStart[k] = dayNumber(y, m, 1) - this.base;
        this.monthLength[k] = (m === 12 ? dayNumber(y + 1, 1, 1) : dayNumber(y, m + 1, 1)) - dayNumber(y, m, 1);
      }
    }
    for (let i = 0; i < this.size; i++) {
      const wd = weekday(this.base + i);
      const weekend = wd === 0 || wd === 6;
      this.kind[i] = weekend ? 'weekend' : 'workday';
      this.iso[i] = formatIsoDate(this.base + i);
    }
    for (const n of notices) {
      for (const h of n.holidays) {
        for (let d = parseIsoDate(h.from); d <= parseIsoDate(h.to); d++) {
          const i = d - this.base;
          if (i >= 0 && i < this.size) {
            this.kind[i] = 'holiday';
            this.names[i] = h.name;
          }
        }
      }
      for (const m of n.makeupWorkdays) {
        const i = parseIsoDate(m.date) - this.base;
        if (i >= 0 && i < this.size) {
          this.kind[i] = 'makeup';
          this.names[i] = m.name;
        }
      }
    }
    let c = 0;
    let p = 0;
    for (let i = 0; i < this.size; i++) {
      const k = this.kind[i];
      this.work[i] = k === 'workday' || k === 'makeup' ? 1 : 0;
      c += this.work[i];
      this.cum[i] = c;
      if (!this.loaded.has(civil(this.base + i)[0])) p++;
      this.provCum[i] = p;
    }
    this.nth = new Int32Array(c + 1);
    for (let i = 0; i < this.size; i++) if (this.work[i]) this.nth[this.cum[i]] = i;
  }

  loadedYears(): number[] {
    return [...this.loaded].sort((a, b) => a - b);
  }

  isLoaded(year: number): boolean {
    return this.loaded.has(year);
  }

  /** Index of a day number in the arrays, or a CalendarRangeError. */
  index(iso: string): number {
    // Fast path: digits read by char code, month table lookup; anything odd goes the strict way.
    if (typeof iso === 'string' && iso.length === 10 && iso.charCodeAt(4) === 45 && iso.charCodeAt(7) === 45) {
      const y =
        (iso.charCodeAt(0) - 48) * 1000 + (iso.charCodeAt(1) - 48) * 100 + (iso.charCodeAt(2) - 48) * 10 + (iso.charCodeAt(3) - 48);
      const m = (iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48);
      const d = (iso.charCodeAt(8) - 48) * 10 + (iso.charCodeAt(9) - 48);
      const k = (y - INDEX_FIRST_YEAR) * 12 + m - 1;
      if (y >= INDEX_FIRST_YEAR && y <= INDEX_LAST_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= this.monthLength[k]) {
        const i = this.monthStart[k] + d - 1;
        if (this.iso[i] === iso) return i;
      }
    }
    const i = parseIsoDate(iso) - this.base;
    if (i < 0 || i >= this.size) throw new CalendarRangeError(iso);
    return i;
  }

  dateAt(i: number): string {
    if (i < 0 || i >= this.size) throw new CalendarRangeError(formatIsoDate(this.base + i));
    return this.iso[i];
  }

  isWorkingDay(iso: string): boolean {
    return this.work[this.index(iso)] === 1;
  }

  dayKind(iso: string): DayKind {
    return this.kind[this.index(iso)];
  }

  dayName(iso: string): string | undefined {
    return this.names[this.index(iso)];
  }

  /** The n-th working day after `from` (from itself never counts), n ≥ 0. */
  addWorkingDays(from: string, n: number): string {
    return this.iso[this.addIndex(this.index(from), n)];
  }

  /** Index form of addWorkingDays, for hot loops. */
  addIndex(i: number, n: number): number {
    const k = this.cum[i] + n;
    if (k >= this.nth.length || k < 1) throw new CalendarRangeError(this.iso[i]);
    return n === 0 ? i : this.nth[k];
  }

  /** Working days d with a < d ≤ b (negative when b < a: minus the count with b < d ≤ a). */
  workingDaysBetween(a: string, b: string): number {
    return this.cum[this.index(b)] - this.cum[this.index(a)];
  }

  workingBetweenIndex(ia: number, ib: number): number {
    return this.cum[ib] - this.cum[ia];
  }

  /** True when any day d with a < d ≤ b lies in a year whose notice is not loaded. */
  rangeProvisional(a: string, b: string): boolean {
    const ia = this.index(a);
    const ib = this.index(b);
    return ib > ia ? this.provCum[ib] - this.provCum[ia] > 0 : !this.isLoaded(Number(b.slice(0, 4)));
  }

  /** Holidays and make-up days with a < d ≤ b, grouped into runs (for the ledger). */
  specialDaysBetween(a: string, b: string): Array<{ kind: 'holiday' | 'makeup'; name: string; from: string; to: string; days: number }> {
    const out: Array<{ kind: 'holiday' | 'makeup'; name: string; from: string; to: string; days: number }> = [];
    const ia = this.index(a);
    const ib = this.index(b);
    for (let i = ia + 1; i <= ib; i++) {
      const k = this.kind[i];
      if (k !== 'holiday' && k !== 'makeup') continue;
      const prev = out[out.length - 1];
      if (prev && prev.kind === k && prev.name === this.names[i] && this.index(prev.to) === i - 1 && k === 'holiday') {
        prev.to = this.iso[i];
        prev.days++;
      } else {
        out.push({ kind: k, name: this.names[i] ?? '', from: this.iso[i], to: this.iso[i], days: 1 });
      }
    }
    return out;
  }

  /** True when the day lies in a year whose notice is not loaded (counted Monday–Friday, 暂定). */
  isProvisional(iso: string): boolean {
    const i = this.index(iso);
    return this.provCum[i] - (i > 0 ? this.provCum[i - 1] : 0) === 1;
  }

  /** Holiday runs (放假) met by a < d ≤ b, clipped to that range. */
  holidaysBetween(a: string, b: string): Array<{ name: string; from: string; to: string; days: number }> {
    return this.specialDaysBetween(a, b)
      .filter((s) => s.kind === 'holiday')
      .map(({ name, from, to, days }) => ({ name, from, to, days }));
  }

  /** Make-up working days (调休上班) with a < d ≤ b. */
  makeupDaysBetween(a: string, b: string): Array<{ name: string; date: string }> {
    return this.specialDaysBetween(a, b)
      .filter((s) => s.kind === 'makeup')
      .map((s) => ({ name: s.name, date: s.from }));
  }

  /** Years without a notice touched by a < d ≤ b. */
  provisionalYearsBetween(a: string, b: string): number[] {
    const ya = Number(a.slice(0, 4));
    const yb = Number(b.slice(0, 4));
    const out: number[] = [];
    for (let y = ya; y <= yb; y++) if (!this.loaded.has(y)) out.push(y);
    return out;
  }
}
