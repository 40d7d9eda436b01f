import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { DataSource } from 'typeorm';

/**
 * The throttler's counts in PostgreSQL (rate_limit_hits), so that a limit holds for the whole
 * deployment and not per instance (issue 16: throttling across instances). A fixed window per key:
 * one upsert per limited request (sign-in, tracking, the public letter check, online application),
 * which starts a new window when the old one has ended. Over the limit the key is blocked until
 * the block ends (blockDuration, the window by default). Ended windows are swept now and then by
 * whichever instance counts.
 *
 * The units are the throttler's: ttl and blockDuration in ms, the answer's times in seconds.
 */
export class PgThrottlerStorage implements ThrottlerStorage {
  private calls = 0;

  constructor(private readonly db: DataSource) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    if (++this.calls % 500 === 0) await this.sweep();
    const [r] = (await this.db.query(
      `INSERT INTO rate_limit_hits AS h (key, hits, window_ends)
       VALUES ($1, 1, clock_timestamp() + $2 * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN h.window_ends <= clock_timestamp() THEN 1 ELSE h.hits + 1 END,
         window_ends = CASE WHEN h.window_ends <= clock_timestamp() THEN excluded.window_ends ELSE h.window_ends END,
         blocked_until = CASE
           WHEN h.blocked_until > clock_timestamp() THEN h.blocked_until
           WHEN h.window_ends > clock_timestamp() AND h.hits + 1 > $3 THEN clock_timestamp() + $4 * interval '1 millisecond'
         END
       RETURNING hits,
                 ceil(extract(epoch FROM window_ends - clock_timestamp()))::int AS expires_s,
                 coalesce(ceil(extract(epoch FROM blocked_until - clock_timestamp())), 0)::int AS block_s`,
      [`${throttlerName}:${key}`, ttl, limit, blockDuration > 0 ? blockDuration : ttl],
    )) as Array<{ hits: number; expires_s: number; block_s: number }>;
    const blocked = r.block_s > 0;
    return { totalHits: r.hits, timeToExpire: Math.max(0, r.expires_s), isBlocked: blocked, timeToBlockExpire: blocked ? r.block_s : 0 };
  }

  private async sweep(): Promise<void> {
    await this.db.query(
      `DELETE FROM rate_limit_hits WHERE window_ends < clock_timestamp() - interval '5 minutes' AND (blocked_until IS NULL OR blocked_until < clock_timestamp())`,
    );
  }
}
