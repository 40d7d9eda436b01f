import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One counter of failed attempts: its key and how many failures it allows before waits begin. */
export interface ThrottleKey {
  key: string;
  freeFailures: number;
}

/** A counter's failures are forgotten a day after its last attempt. */
export const FORGET_AFTER_SECONDS = 24 * 3600;

// In ON CONFLICT DO UPDATE every expression sees the row as it was before this attempt ($1: now,
// $4: the longest wait, $5: FORGET_AFTER_SECONDS).
const FAILURES = `(CASE WHEN t.last_attempt_at < $1::timestamptz - make_interval(secs => $5) THEN 0 ELSE t.failures END)`;
const ALLOWED = `(${FAILURES} < EXCLUDED.free_failures OR t.last_compared_at IS NULL
  OR $1::timestamptz >= t.last_compared_at
     + make_interval(secs => least($4::float8, power(2, least(${FAILURES} - EXCLUDED.free_failures, 30))::float8)))`;

/**
 * Table login_throttle. `claim` counts an attempt as a failure before the password is compared and
 * says, in the same statement, whether the attempt may be compared at all: with f failures counted
 * and F free ones, an attempt needs f < F, or 2^(f-F) seconds (at most `maxWaitSeconds`) since the
 * last attempt that was compared. Refused attempts count but do not move that point, so retrying
 * makes the wait longer only up to the cap, and nobody can hold a key closed for longer than that.
 */
@Injectable()
export class LoginThrottleRepository {
  private claims = 0;

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** True when every key allows this attempt. Keys are claimed in sorted order (no deadlock between bursts). */
  async claim(keys: ThrottleKey[], now: Date, maxWaitSeconds: number): Promise<boolean> {
    const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : 1));
    const rows = (await this.db.query(
      `INSERT INTO login_throttle AS t (key, free_failures, failures, last_attempt_at, last_compared_at, allowed)
       SELECT key, free, 1, $1::timestamptz, $1::timestamptz, true FROM unnest($2::text[], $3::int[]) AS k(key, free)
       ON CONFLICT (key) DO UPDATE SET
         failures = ${FAILURES} + 1,
         allowed = ${ALLOWED},
         last_compared_at = CASE WHEN ${ALLOWED} THEN $1::timestamptz ELSE t.last_compared_at END,
         last_attempt_at = $1::timestamptz,
         free_failures = EXCLUDED.free_failures
       RETURNING t.key, t.allowed`,
      [now, sorted.map((k) => k.key), sorted.map((k) => k.freeFailures), maxWaitSeconds, FORGET_AFTER_SECONDS],
    )) as Array<{ key: string; allowed: boolean }>;
    if (++this.claims % 500 === 0) await this.prune(now);
    return rows.length === sorted.length && rows.every((r) => r.allowed);
  }

  /** A successful sign-in: `reset` keys start again from zero, `refund` keys take back this attempt. */
  async succeeded(reset: string[], refund: string[]): Promise<void> {
    await this.db.query(
      `WITH gone AS (DELETE FROM login_throttle WHERE key = ANY($1::text[]))
       UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE key = ANY($2::text[])`,
      [reset, refund],
    );
  }

  async prune(now: Date): Promise<void> {
    await this.db.query(`DELETE FROM login_throttle WHERE last_attempt_at < $1::timestamptz - make_interval(secs => $2)`, [
      now,
      FORGET_AFTER_SECONDS,
    ]);
  }
}
