import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-address rate limits shared by every instance (issue 16, scale-out): one row per limited
 * key (throttler, route, hashed address) with its fixed window. UNLOGGED: the counts of the
 * current minute need not survive a crash, and are not worth a WAL record per request (nor are
 * they replicated to a standby). A new table: nothing to carry over.
 */
export class RateLimitHits1765600000000 implements MigrationInterface {
  name = 'RateLimitHits1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE rate_limit_hits (
        key text PRIMARY KEY,
        hits integer NOT NULL,
        window_ends timestamptz NOT NULL,
        blocked_until timestamptz
      )`);
    await q.query(`CREATE INDEX rate_limit_hits_window_idx ON rate_limit_hits (window_ends)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit_hits`);
  }
}
