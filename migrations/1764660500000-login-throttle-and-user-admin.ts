import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, findings 6 and 9:
 * - login_throttle: failed sign-ins counted per key before the password is compared (one
 *   INSERT … ON CONFLICT DO UPDATE … RETURNING per attempt), for three keys: the account from one
 *   address, the account from anywhere, and the address. Keys of unknown user names are counted
 *   too, so an answer never tells whether an account exists. users.failed_logins and
 *   users.locked_until are no longer written (kept: a committed migration is never edited).
 * - user_admin_events: append-only record of an admin's changes to a user (create, update,
 *   password reset), each of which also ends that user's sessions.
 * Runs forward on a database that already holds data: two new, empty tables.
 */
export class LoginThrottleAndUserAdmin1764660500000 implements MigrationInterface {
  name = 'LoginThrottleAndUserAdmin1764660500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_throttle (
        key text PRIMARY KEY,
        free_failures integer NOT NULL,
        failures integer NOT NULL DEFAULT 0,
        last_attempt_at timestamptz NOT NULL,
        last_compared_at timestamptz,
        -- the verdict of the latest attempt, so that the claiming statement can return it
        allowed boolean NOT NULL DEFAULT true
      )`);
    await q.query(`CREATE INDEX login_throttle_last_attempt_idx ON login_throttle (last_attempt_at)`);

    await q.query(`
      CREATE TABLE user_admin_events (
        id bigserial PRIMARY KEY,
        agency_id uuid NOT NULL REFERENCES agencies(id),
        user_id uuid NOT NULL REFERENCES users(id),
        actor_id uuid NOT NULL REFERENCES users(id),
        action text NOT NULL CHECK (action IN ('create', 'update', 'password_reset')),
        changes jsonb NOT NULL DEFAULT '{}'::jsonb,
        sessions_ended integer NOT NULL DEFAULT 0,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX user_admin_events_user_idx ON user_admin_events (user_id, id)`);
    await q.query(`CREATE INDEX user_admin_events_agency_idx ON user_admin_events (agency_id, id)`);
    await q.query(`CREATE TRIGGER user_admin_events_append_only BEFORE UPDATE OR DELETE ON user_admin_events
                   FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_admin_events`);
    await q.query(`DROP TABLE login_throttle`);
  }
}
