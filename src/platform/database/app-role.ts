import { Client } from 'pg';

/**
 * The role the service runs as (migration 1764660700000-app-role): a login role that is a member
 * of the group role `gid_app` (SELECT/INSERT only on the append-only tables; neither superuser
 * nor table owner, so it can neither disable the append-only triggers nor truncate).
 */
export const APP_GROUP_ROLE = 'gid_app';

/** `url` with other credentials (same server, same database). */
export function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/**
 * Creates (or updates the password of) the login role `login` as a member of gid_app, through a
 * connection with CREATEROLE (the embedded superuser). Returns false when gid_app does not exist
 * (the migration could not create it): the caller then keeps the connection it has.
 */
export async function ensureAppLoginRole(adminUrl: string, login: string, password: string): Promise<boolean> {
  if (!/^[a-z_][a-z0-9_]*$/.test(login)) throw new Error(`invalid role name: ${login}`);
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const group = await c.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [APP_GROUP_ROLE]);
    if (!group.rowCount) return false;
    // CREATE ROLE takes no bind parameters: the password goes in as a quoted literal.
    const pw = `'${password.replace(/'/g, "''")}'`;
    const attrs = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${pw}`;
    try {
      await c.query(`CREATE ROLE ${login} ${attrs} IN ROLE ${APP_GROUP_ROLE}`);
    } catch (e) {
      if ((e as { code?: string }).code !== '42710') throw e; // duplicate_object: it exists already
      await c.query(`ALTER ROLE ${login} ${attrs}`);
      await c.query(`GRANT ${APP_GROUP_ROLE} TO ${login}`);
    }
    return true;
  } finally {
    await c.end();
  }
}
