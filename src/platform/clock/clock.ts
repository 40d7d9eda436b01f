/**
 * The one source of "now" and "today" (Asia/Shanghai) for the application layer.
 * Tests and the legal audit replace it to run "as of" a date; src/domain never reads the wall
 * clock (today is passed in).
 */
import { toShanghaiDate } from '../../domain/calendar/iso-date';

export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Today's calendar date in Asia/Shanghai, YYYY-MM-DD. */
  today(): string;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => toShanghaiDate(new Date()),
};

/** A clock that stands still (or is moved by hand): tests and "as of" evaluations. */
export class FixedClock implements Clock {
  constructor(private instant: Date) {}
  static at(isoDate: string, time = '10:00:00+08:00'): FixedClock {
    return new FixedClock(new Date(`${isoDate}T${time}`));
  }
  now(): Date {
    return new Date(this.instant);
  }
  today(): string {
    return toShanghaiDate(this.instant);
  }
  set(isoDate: string, time = '10:00:00+08:00'): void {
    this.instant = new Date(`${isoDate}T${time}`);
  }
}
