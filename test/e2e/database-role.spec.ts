/**
 * Issue 11, finding 3: the service runs as a restricted role (not superuser, not owner), so it
 * cannot rewrite, delete or truncate the history and the letters, nor switch their triggers off;
 * TRUNCATE by the owner is refused by a trigger; a letter rewritten with superuser rights (bytes
 * and the row's hash together) is reported by verify, which compares with the history's hash.
 */
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { register } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

describe('the database role the service runs as', () => {
  let t: TestContext;
  let appDb: DataSource;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestContext();
    appDb = t.app.get(DataSource);
    caseId = (await register(t)).body.id;
  });
  afterAll(() => t.close());

  const sqlState = async (sql: string, params: unknown[] = []) => {
    try {
      await appDb.query(sql, params);
      return 'ok';
    } catch (e) {
      return (e as { code?: string }).code ?? String(e);
    }
  };

  it('is neither superuser nor the owner of any table, and is a member of gid_app', async () => {
    const [me] = await appDb.query(`SELECT current_user AS name, rolsuper, rolcreaterole, rolbypassrls FROM pg_roles WHERE rolname = current_user`);
    expect(me.name).not.toBe('postgres');
    expect(me).toMatchObject({ rolsuper: false, rolcreaterole: false, rolbypassrls: false });
    const owned = await appDb.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user`);
    expect(owned).toEqual([]);
    const [member] = await appDb.query(`SELECT pg_has_role(current_user, 'gid_app', 'MEMBER') AS yes`);
    expect(member.yes).toBe(true);
  });

  it('may not update, delete or truncate the history and the letters, nor disable their triggers (42501)', async () => {
    for (const table of ['case_events', 'letters', 'calendar_changes']) {
      expect(await sqlState(`UPDATE ${table} SET id = id WHERE false`)).toBe('42501');
      expect(await sqlState(`DELETE FROM ${table} WHERE false`)).toBe('42501');
      expect(await sqlState(`TRUNCATE ${table} CASCADE`)).toBe('42501');
      expect(await sqlState(`ALTER TABLE ${table} DISABLE TRIGGER ALL`)).toBe('42501');
    }
    const [{ n }] = await appDb.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1`, [caseId]);
    expect(n).toBeGreaterThan(0);
  });

  it('still does its work: reads and appends (a registration above wrote a case, its event and its letter)', async () => {
    const [{ events }] = await appDb.query(`SELECT count(*)::int AS events FROM case_events WHERE case_id = $1`, [caseId]);
    const [{ letters }] = await appDb.query(`SELECT count(*)::int AS letters FROM letters WHERE case_id = $1`, [caseId]);
    expect(events).toBeGreaterThanOrEqual(2);
    expect(letters).toBe(1);
  });

  it('TRUNCATE by the owner is refused by a trigger, the rows stay', async () => {
    for (const table of ['case_events', 'letters', 'calendar_changes']) {
      await expect(t.db.query(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(/TRUNCATE on \w+ is not allowed/);
    }
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1`, [caseId]);
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it('a letter whose bytes and row hash a superuser rewrote together is reported by verify (the history keeps the issued hash)', async () => {
    const token = await t.login('clerk');
    const other = (await register(t, { description: '申请公开另一份文件。' })).body;
    const [target] = (await t.db.query(`SELECT id FROM letters WHERE case_id = $1`, [caseId])).rows;
    const [donor] = (await t.db.query(`SELECT bytes FROM letters WHERE case_id = $1`, [other.id])).rows;
    const before = await t.http.get(`/api/v1/letters/${target.id}/verify`).set('authorization', `Bearer ${token}`);
    expect(before.body).toMatchObject({ intact: true, matchesHistory: true });

    const forgedHash = createHash('sha256').update(donor.bytes).digest('hex');
    await t.db.query(`ALTER TABLE letters DISABLE TRIGGER letters_frozen`);
    await t.db.query(`UPDATE letters SET bytes = $2, sha256 = $3 WHERE id = $1`, [target.id, donor.bytes, forgedHash]);
    await t.db.query(`ALTER TABLE letters ENABLE TRIGGER letters_frozen`);

    const after = await t.http.get(`/api/v1/letters/${target.id}/verify`).set('authorization', `Bearer ${token}`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({
      intact: false,
      matchesHistory: false,
      sha256: forgedHash,
      actualSha256: forgedHash,
      historySha256: before.body.sha256,
    });
  });
});
