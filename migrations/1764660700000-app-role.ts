import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The application's own database role (issue 11, finding 3): the service runs as a login role
 * that is a member of `gid_app`, which is neither superuser nor owner of any table, so it cannot
 * disable the append-only triggers, truncate or rewrite the history. Migrations keep running as
 * the owner role (the embedded superuser, or MIGRATION_DATABASE_URL).
 *
 * - gid_app may read and write the working tables; on the append-only tables (case_events,
 *   letters, calendar_changes) only SELECT and INSERT.
 * - Default privileges give gid_app the same on tables and sequences later migrations create
 *   (as long as the same owner role runs them); a later append-only table revokes UPDATE/DELETE.
 * - BEFORE TRUNCATE triggers on the append-only tables: the row triggers do not see TRUNCATE.
 *
 * Creating the role needs CREATEROLE. Where the migrating role lacks it and no DBA created
 * `gid_app` beforehand, the grants are skipped with a NOTICE (README: 数据库角色) and the service
 * keeps running as the role in DATABASE_URL. Roles are cluster-wide: a role that already exists is
 * reused. Runs forward on a database that already holds data (grants and triggers only).
 */
export class AppRole1764660700000 implements MigrationInterface {
  name = 'AppRole1764660700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      DECLARE can_create boolean;
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gid_app') THEN
          SELECT rolsuper OR rolcreaterole INTO can_create FROM pg_roles WHERE rolname = current_user;
          IF can_create THEN
            BEGIN
              CREATE ROLE gid_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
            EXCEPTION WHEN duplicate_object THEN NULL; -- another database of this cluster created it meanwhile
            END;
          ELSE
            RAISE NOTICE 'role gid_app does not exist and % may not create it: grants skipped', current_user;
            RETURN;
          END IF;
        END IF;
        GRANT USAGE ON SCHEMA public TO gid_app;
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO gid_app;
        REVOKE UPDATE, DELETE, TRUNCATE ON case_events, letters, calendar_changes FROM gid_app;
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO gid_app;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO gid_app;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO gid_app;
      END $$`);
    await q.query(`
      CREATE FUNCTION refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'TRUNCATE on % is not allowed: the table is append-only', TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const t of ['case_events', 'letters', 'calendar_changes']) {
      await q.query(`CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['case_events', 'letters', 'calendar_changes']) {
      await q.query(`DROP TRIGGER ${t}_no_truncate ON ${t}`);
    }
    await q.query(`DROP FUNCTION refuse_truncate()`);
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gid_app') THEN
          ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM gid_app;
          ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM gid_app;
          REVOKE ALL ON ALL TABLES IN SCHEMA public FROM gid_app;
          REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM gid_app;
          REVOKE USAGE ON SCHEMA public FROM gid_app;
        END IF;
      END $$`);
  }
}
