/**
 * The letters partitioned by the year of their 文号 (migration 1765700000000), run forward on a
 * database that already holds data: a database at the migration before it is filled with letters
 * made by the app — issued in 2025 and in 2026, a reply, a correction in 2026 of a 2025 receipt —
 * (their rows copied over), then migrated. Every letter keeps its id, bytes and hash and lands in
 * its year's partition; the app still serves and verifies every PDF, issues new letters and
 * corrections; the frozen rules, the 文号's uniqueness and the correction's reference are still
 * enforced by the database; the lookups the app makes use an index.
 */
import { INestApplication } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { FixedClock } from '../../src/platform/clock/clock';
import { runMigrations } from '../../src/platform/database/data-source';
import { MIGRATIONS } from '../../src/platform/database/migrations';
import { act, departmentId, register } from '../support/cases';
import { copyAppRows, createScratchDatabase, tableColumns } from '../support/scratch-database';
import { createAppOn, createTestContext, TEST_PASSWORD, TestContext } from '../support/test-app';

jest.setTimeout(240_000);

const PARTITIONING = 'LettersPartitioned1765700000000';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');


/** The SQLSTATE a statement fails with ('ok' when it succeeds). */
async function sqlState(c: Client, sql: string, params: unknown[] = []): Promise<string> {
  try {
    await c.query(sql, params);
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

describe('letters partitioned by year, migrated on a database holding data', () => {
  const clock = FixedClock.at('2025-12-29', '10:00:00+08:00');
  let t: TestContext;
  let old: Awaited<ReturnType<typeof createScratchDatabase>>;
  let app: INestApplication | undefined;
  const made: { receipt2025: string; reply2025: string; correction2026: string; receipt2026: string } = {
    receipt2025: '', reply2025: '', correction2026: '', receipt2026: '',
  };

  async function step(c: Record<string, any>, role: string, action: string, body: Record<string, any> = {}) {
    const res = await act(t, role, c as { id: string; version: number }, action, body);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, any>;
  }

  beforeAll(async () => {
    // The 文号's year is the year the letter is issued in: 2025 for the letters of 29/30 December.
    t = await createTestContext({}, { clock });
    const a = (await register(t, { arrivedAt: '2025-12-29T09:00:00+08:00' })).body;
    made.receipt2025 = a.letters[0].id;
    let b = (await register(t, { arrivedAt: '2025-12-29T09:30:00+08:00' })).body;
    b = await step(b, 'clerk', 'accept');
    b = await step(b, 'clerk', 'assign', { departmentId: await departmentId(t) });
    clock.set('2025-12-30');
    b = await step(b, 'handler', 'propose', { outcome: 'not_exist', searchPerformed: '检索了公文管理系统' });
    b = await step(b, 'handler', 'submit-for-approval');
    b = await step(b, 'approver', 'approve');
    expect(b.state).toBe('decided');
    const bLetters = (await t.http.get(`/api/v1/cases/${b.id}/letters`).set('authorization', `Bearer ${await t.login('legal')}`)).body;
    made.reply2025 = bLetters.find((l: any) => l.type === 'reply').id;
    // 2026: a correction of the 2025 receipt (a new 文号 of 2026) and a new case's receipt
    clock.set('2026-01-05');
    const re = await t.http.post(`/api/v1/letters/${made.receipt2025}/reissue`).set('authorization', `Bearer ${await t.login('approver')}`).send({ reason: '回执地址有误，予以更正' });
    expect(re.status).toBe(201);
    made.correction2026 = re.body.find((l: any) => l.replacesId === made.receipt2025).id;
    made.receipt2026 = (await register(t, { arrivedAt: '2026-01-05T09:00:00+08:00' })).body.letters[0].id;

    old = await createScratchDatabase(t.url, `gid_letters_partition_${Date.now()}`);
  });

  afterAll(async () => {
    await app?.close();
    await t?.close();
    await old?.drop();
  });

  it('keeps every letter in its year, still enforces its rules, and the app serves, verifies and issues letters', async () => {
    const k = MIGRATIONS.findIndex((m) => (new m() as { name?: string }).name === PARTITIONING);
    expect(k).toBeGreaterThan(15);
    const oldUrl = old.url;
    await runMigrations(oldUrl, { upTo: k });
    const from = new Client({ connectionString: t.url });
    const to = new Client({ connectionString: oldUrl });
    await from.connect();
    await to.connect();
    try {
      // the app's rows, as the schema before the migration holds them
      expect(await tableColumns(to, 'letters')).not.toContain('replaces_series_year');
      expect((await to.query(`SELECT relkind FROM pg_class WHERE relname = 'letters'`)).rows[0].relkind).toBe('r');
      await copyAppRows(from, to);
      // A letter of a year beyond the partitions made for the years ahead (its row copied from the
      // 2026 receipt by SQL, not issued by the app): it must land in the DEFAULT partition.
      const far = (
        await to.query(
          `INSERT INTO letters (agency_id, case_id, type, variant, status, series, series_year, series_seq, doc_number, issued_on, sha256, bytes, size, fields, event_seq, created_by, created_at)
           SELECT agency_id, case_id, type, variant, status, series, 2040, 1, replace(doc_number, '〔2026〕', '〔2040〕'), '2040-01-02', sha256, bytes, size, fields, event_seq, created_by, created_at
             FROM letters WHERE id = $1 RETURNING id`,
          [made.receipt2026],
        )
      ).rows[0].id as string;
      const snapshot = `SELECT id, series_year, doc_number, sha256, encode(sha256(bytes), 'hex') AS actual, size, replaces_id FROM letters ORDER BY id`;
      const before = (await to.query(snapshot)).rows;
      expect(before.length).toBeGreaterThan(5);
      expect(before.map((r) => r.series_year)).toEqual(expect.arrayContaining([2025, 2026, 2040]));
      for (const r of before) expect(r.actual).toBe(r.sha256);

      await runMigrations(oldUrl);

      // the partitioned table: one partition per year from the oldest letter's (2025) to five years ahead, and DEFAULT
      expect((await to.query(`SELECT relkind FROM pg_class WHERE relname = 'letters'`)).rows[0].relkind).toBe('p');
      const thisYear = Number((await to.query(`SELECT extract(year FROM now())::int AS y`)).rows[0].y);
      const parts = (await to.query(`SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'letters'::regclass ORDER BY 1`)).rows.map((r) => r.relname);
      const years = Array.from({ length: thisYear + 5 - 2025 + 1 }, (_, i) => `letters_${2025 + i}`);
      expect(parts).toEqual([...years, 'letters_default']);
      expect(await tableColumns(to, 'letters')).toContain('replaces_series_year');

      // every letter: same id, 文号, bytes and hash, in its year's partition
      expect((await to.query(snapshot)).rows).toEqual(before);
      const placed = (await to.query(`SELECT id, series_year, tableoid::regclass::text AS part FROM letters`)).rows;
      for (const r of placed) expect([r.id, r.part]).toEqual([r.id, r.series_year === 2040 ? 'letters_default' : `letters_${r.series_year}`]);
      const count = async (p: string) => Number((await to.query(`SELECT count(*) AS n FROM ${p}`)).rows[0].n);
      expect(await count('letters_2025')).toBeGreaterThanOrEqual(2);
      expect(await count('letters_2026')).toBeGreaterThanOrEqual(2);
      expect(await count('letters_default')).toBe(1);
      // the correction of 2026 names its 2025 original by id and year
      const correction = (await to.query(`SELECT series_year, replaces_id, replaces_series_year FROM letters WHERE id = $1`, [made.correction2026])).rows[0];
      expect(correction).toEqual({ series_year: 2026, replaces_id: made.receipt2025, replaces_series_year: 2025 });
      const unpaired = await to.query(`SELECT l.id FROM letters l LEFT JOIN letters r ON r.id = l.replaces_id AND r.series_year = l.replaces_series_year WHERE l.replaces_id IS NOT NULL AND r.id IS NULL`);
      expect(unpaired.rows).toEqual([]);

      // frozen: the owner's UPDATE and DELETE are refused by the row trigger, TRUNCATE by the statement triggers, on the table and on a partition
      await expect(to.query(`UPDATE letters SET sha256 = sha256 WHERE id = $1`, [made.reply2025])).rejects.toThrow(/UPDATE on letters_2025 is not allowed/);
      await expect(to.query(`DELETE FROM letters WHERE id = $1`, [made.reply2025])).rejects.toThrow(/DELETE on letters_2025 is not allowed/);
      await expect(to.query(`UPDATE letters_2026 SET bytes = bytes`)).rejects.toThrow(/append-only/);
      await expect(to.query(`TRUNCATE letters`)).rejects.toThrow(/TRUNCATE on letters(_\w+)? is not allowed/);
      // (a partition alone: the corrections' foreign key refuses first; with CASCADE the trigger does)
      await expect(to.query(`TRUNCATE letters_2026`)).rejects.toThrow(/referenced in a foreign key constraint|not allowed/);
      await expect(to.query(`TRUNCATE letters_2026 CASCADE`)).rejects.toThrow(/TRUNCATE on letters(_\w+)? is not allowed/);
      const noTruncate = await to.query(`SELECT c.relname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid WHERE g.tgname = c.relname || '_no_truncate' AND c.relname LIKE 'letters%' ORDER BY 1`);
      expect(noTruncate.rows.map((r) => r.relname)).toEqual(['letters', ...parts]);
      // the service's role: read and insert through the parent, nothing else, nothing on a partition
      const priv = await to.query(`
        SELECT has_table_privilege('gid_app', 'letters', 'SELECT') s, has_table_privilege('gid_app', 'letters', 'INSERT') i,
               has_table_privilege('gid_app', 'letters', 'UPDATE') u, has_table_privilege('gid_app', 'letters', 'DELETE') d,
               has_table_privilege('gid_app', 'letters', 'TRUNCATE') tr,
               has_table_privilege('gid_app', 'letters_2026', 'SELECT') ps, has_table_privilege('gid_app', 'letters_2026', 'INSERT') pi,
               has_table_privilege('gid_app', 'letters_default', 'UPDATE') pu`);
      expect(priv.rows[0]).toEqual({ s: true, i: true, u: false, d: false, tr: false, ps: false, pi: false, pu: false });
      await to.query('BEGIN');
      try {
        await to.query('SET LOCAL ROLE gid_app');
        expect(await sqlState(to, `SELECT count(*) FROM letters`)).toBe('ok');
      } finally {
        await to.query('ROLLBACK');
      }
      for (const sql of [`UPDATE letters SET id = id WHERE false`, `DELETE FROM letters WHERE false`, `TRUNCATE letters`, `SELECT 1 FROM letters_2026`]) {
        await to.query('BEGIN');
        try {
          await to.query('SET LOCAL ROLE gid_app');
          expect([sql, await sqlState(to, sql)]).toEqual([sql, '42501']);
        } finally {
          await to.query('ROLLBACK');
        }
      }

      // the 文号 stays unique, and a correction's reference is checked (MATCH FULL: no id without its year)
      const copyOf = (over: { id?: string; seq?: string; replacesId?: string; replacesYear?: string }) => `
        INSERT INTO letters (id, agency_id, case_id, type, variant, status, series, series_year, series_seq, doc_number, issued_on, sha256, bytes, size,
                             replaces_id, replaces_series_year, fields)
        SELECT ${over.id ?? 'gen_random_uuid()'}, agency_id, case_id, type, variant, status, series, series_year, ${over.seq ?? 'series_seq'}, doc_number,
               issued_on, sha256, bytes, size, ${over.replacesId ?? 'NULL'}, ${over.replacesYear ?? 'NULL'}, fields
          FROM letters WHERE id = '${made.receipt2026}'`;
      const attempt = async (sql: string) => {
        await to.query('BEGIN');
        try {
          return await sqlState(to, sql);
        } finally {
          await to.query('ROLLBACK');
        }
      };
      expect(await attempt(copyOf({}))).toBe('23505');
      expect(await attempt(copyOf({ seq: '9999' }))).toBe('ok');
      expect(await attempt(copyOf({ seq: '9999', replacesId: `'${made.receipt2025}'`, replacesYear: '2025' }))).toBe('ok');
      expect(await attempt(copyOf({ seq: '9999', replacesId: `'${made.receipt2025}'`, replacesYear: '2026' }))).toBe('23503');
      expect(await attempt(copyOf({ seq: '9999', replacesId: `'${made.receipt2025}'` }))).toBe('23503');
      expect(await attempt(copyOf({ seq: '9999', replacesId: 'gen_random_uuid()', replacesYear: '2025' }))).toBe('23503');
      expect(await attempt(copyOf({ seq: '9999', replacesYear: '2025' }))).toBe('23503');

      // the app's lookups use an index in every partition (by id alone, by hash, by case, "is it corrected?")
      await to.query('BEGIN');
      try {
        await to.query('SET LOCAL enable_seqscan = off');
        const caseId = (await to.query(`SELECT case_id FROM letters WHERE id = $1`, [made.reply2025])).rows[0].case_id;
        const plan = async (sql: string) => (await to.query(`EXPLAIN ${sql}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
        for (const sql of [
          `SELECT bytes FROM letters WHERE id = '${made.reply2025}'`,
          `SELECT id FROM letters WHERE sha256 = '${before[0].sha256}' LIMIT 5`,
          `SELECT id FROM letters WHERE case_id = '${caseId}' ORDER BY created_at, series_seq`,
          `SELECT EXISTS (SELECT 1 FROM letters n WHERE n.replaces_id = '${made.receipt2025}')`,
        ]) {
          const p = await plan(sql);
          expect([sql, p]).toEqual([sql, expect.not.stringMatching(/Seq Scan/)]);
          expect(p).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
        }
      } finally {
        await to.query('ROLLBACK');
      }

      // an app on the migrated database (as the service's role): every letter's PDF served and
      // verified, the public check finds a letter by its hash, new letters and corrections are issued
      clock.set('2026-01-06');
      app = await createAppOn(oldUrl, {}, { clock });
      const http = request(app.getHttpServer());
      const token = async (username: string) => (await http.post('/api/v1/auth/login').send({ username, password: TEST_PASSWORD })).body.accessToken;
      const legal = await token('legal');
      const bytesOf = async (id: string) =>
        (
          await http
            .get(`/api/v1/letters/${id}/pdf`)
            .set('authorization', `Bearer ${legal}`)
            .buffer(true)
            .parse((res, cb) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () => cb(null, Buffer.concat(chunks)));
            })
        ).body as Buffer;
      for (const r of before.filter((x) => x.id !== far)) {
        expect([r.id, sha(await bytesOf(r.id))]).toEqual([r.id, r.sha256]);
        const v = (await http.get(`/api/v1/letters/${r.id}/verify`).set('authorization', `Bearer ${legal}`)).body;
        expect([r.id, v.intact, v.sha256]).toEqual([r.id, true, r.sha256]);
      }
      const pub = await http.post('/api/v1/public/letters/verify').set('content-type', 'application/pdf').send(await bytesOf(made.reply2025));
      expect(pub.body).toMatchObject({ known: true, authentic: true, letter: { corrected: false } });
      const corrected = await http.post('/api/v1/public/letters/verify').set('content-type', 'application/pdf').send(await bytesOf(made.receipt2025));
      expect(corrected.body).toMatchObject({ known: true, letter: { corrected: true } });

      const clerk = await token('clerk');
      const reg = await http.post('/api/v1/cases').set('authorization', `Bearer ${clerk}`).set('idempotency-key', `letters-partition-${Date.now()}`).send({
        channel: 'in_person',
        arrivedAt: '2026-01-06T09:00:00+08:00',
        applicant: { type: 'natural', category: 'natural_person', name: '王五', idType: 'passport', idNumber: 'E87654321', phone: '13700000000', address: '示范县' },
        description: '迁移之后的新申请。',
        form: 'paper',
        deliveryMethod: 'post',
      });
      expect(reg.status).toBe(201);
      const fresh = (await to.query(`SELECT id, series_year, tableoid::regclass::text AS part FROM letters WHERE case_id = $1`, [reg.body.id])).rows;
      expect(fresh).toEqual([{ id: reg.body.letters[0].id, series_year: 2026, part: 'letters_2026' }]);
      expect(sha(await bytesOf(fresh[0].id))).toBe(reg.body.letters[0].sha256);
      // a correction of the 2025 reply, issued after the migration: the app writes the original's year
      const approver = await token('approver');
      const re = await http.post(`/api/v1/letters/${made.reply2025}/reissue`).set('authorization', `Bearer ${approver}`).send({ reason: '答复书文字有误，予以更正' });
      expect(re.status).toBe(201);
      const second = re.body.find((l: any) => l.replacesId === made.reply2025);
      expect(second).toMatchObject({ type: 'reply', status: 'final', docNumber: expect.stringContaining('〔2026〕') });
      const row = (await to.query(`SELECT series_year, replaces_series_year, tableoid::regclass::text AS part FROM letters WHERE id = $1`, [second.id])).rows[0];
      expect(row).toEqual({ series_year: 2026, replaces_series_year: 2025, part: 'letters_2026' });
      const v = (await http.get(`/api/v1/letters/${second.id}/verify`).set('authorization', `Bearer ${legal}`)).body;
      expect(v.intact).toBe(true);
      // a letter already corrected is not corrected twice (the lookup by replaces_id)
      const again = await http.post(`/api/v1/letters/${made.reply2025}/reissue`).set('authorization', `Bearer ${approver}`).send({ reason: '再次' });
      expect(again.status).toBe(409);
      const again2025 = await http.post(`/api/v1/letters/${made.receipt2025}/reissue`).set('authorization', `Bearer ${approver}`).send({ reason: '再次' });
      expect(again2025.status).toBe(409);
    } finally {
      await from.end();
      await to.end();
    }
  });
});
