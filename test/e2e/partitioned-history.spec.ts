/**
 * The case history partitioned by year (migration 1765600100000), run forward on a database that
 * already holds data: a database at the migration before it is filled with cases made by the app
 * (their rows copied over), then migrated. Every entry keeps its id, hash and order and lands in
 * its case's year; the chains verify through the app; new entries go on appending with the id
 * sequence continuing; the append-only rules hold on the partitioned table and its partitions.
 */
import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { runMigrations } from '../../src/platform/database/data-source';
import { MIGRATIONS } from '../../src/platform/database/migrations';
import { act, decidedCase, register } from '../support/cases';
import { copyAppRows, createScratchDatabase, tableColumns } from '../support/scratch-database';
import { createAppOn, createTestContext, TEST_PASSWORD, TestContext } from '../support/test-app';

jest.setTimeout(180_000);

const PARTITIONING = 'CaseEventsPartitioned1765600100000';


describe('case_events partitioned by year, migrated on a database holding data', () => {
  let t: TestContext;
  let old: Awaited<ReturnType<typeof createScratchDatabase>>;
  let app: INestApplication | undefined;

  beforeAll(async () => {
    t = await createTestContext();
    await decidedCase(t);
    const c = (await register(t)).body;
    await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' });
    await register(t, { arrivedAt: '2025-12-30T10:00:00+08:00' });
    old = await createScratchDatabase(t.url, `gid_partition_${Date.now()}`);
  });

  afterAll(async () => {
    await app?.close();
    await t?.close();
    await old?.drop();
  });

  it('keeps every entry, in its case year, and the chains verify; appending goes on', async () => {
    const k = MIGRATIONS.findIndex((m) => (new m() as { name?: string }).name === PARTITIONING);
    expect(k).toBeGreaterThan(10);
    const oldUrl = old.url;
    await runMigrations(oldUrl, { upTo: k });
    const from = new Client({ connectionString: t.url });
    const to = new Client({ connectionString: oldUrl });
    await from.connect();
    await to.connect();
    try {
      // the app's rows, as the schema before the migration holds them
      expect(await tableColumns(to, 'case_events')).not.toContain('case_year');
      await copyAppRows(from, to);
      const before = (await to.query(`SELECT id, case_id, seq, hash FROM case_events ORDER BY id`)).rows;
      expect(before.length).toBeGreaterThan(10);

      await runMigrations(oldUrl);

      expect((await to.query(`SELECT relkind FROM pg_class WHERE relname = 'case_events'`)).rows[0].relkind).toBe('p');
      const parts = (await to.query(`SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'case_events'::regclass ORDER BY 1`)).rows.map((r) => r.relname);
      expect(parts).toEqual(expect.arrayContaining(['case_events_2025', 'case_events_2026', 'case_events_default']));
      const after = (await to.query(`SELECT id, case_id, seq, hash FROM case_events ORDER BY id`)).rows;
      expect(after).toEqual(before);
      const misplaced = await to.query(`SELECT e.id FROM case_events e JOIN cases c ON c.id = e.case_id WHERE e.case_year <> c.year`);
      expect(misplaced.rows).toEqual([]);
      const in2025 = await to.query(`SELECT count(*)::int n FROM case_events_2025`);
      expect(in2025.rows[0].n).toBeGreaterThan(0);
      // the append-only rules: the owner's UPDATE and TRUNCATE are refused, on the table and on a partition
      await expect(to.query(`UPDATE case_events SET type = type`)).rejects.toThrow(/append-only/);
      await expect(to.query(`UPDATE case_events_2026 SET type = type`)).rejects.toThrow(/append-only/);
      await expect(to.query(`TRUNCATE case_events_2026`)).rejects.toThrow(/not allowed/);
      const priv = await to.query(`SELECT has_table_privilege('gid_app', 'case_events', 'UPDATE') u, has_table_privilege('gid_app', 'case_events', 'INSERT') i, has_table_privilege('gid_app', 'case_events_2026', 'INSERT') pi`);
      expect(priv.rows[0]).toEqual({ u: false, i: true, pi: false });

      // an app on the migrated database: every chain verifies, and a new action appends
      app = await createAppOn(oldUrl);
      const http = request(app.getHttpServer());
      const token = async (username: string) => (await http.post('/api/v1/auth/login').send({ username, password: TEST_PASSWORD })).body.accessToken;
      const legal = await token('legal');
      const ids = (await to.query(`SELECT id FROM cases`)).rows.map((r) => r.id);
      for (const id of ids) {
        const v = (await http.get(`/api/v1/cases/${id}/history/verify`).set('authorization', `Bearer ${legal}`)).body;
        expect([id, v.intact, v.replayMatches, v.problems]).toEqual([id, true, true, []]);
      }
      const clerk = await token('clerk');
      const reg = await http.post('/api/v1/cases').set('authorization', `Bearer ${clerk}`).set('idempotency-key', `partition-${Date.now()}`).send({
        channel: 'in_person',
        arrivedAt: '2026-03-02T09:00:00+08:00',
        applicant: { type: 'natural', category: 'natural_person', name: '王五', idType: 'passport', idNumber: 'E87654321', phone: '13700000000', address: '示范县' },
        description: '迁移之后的新申请。',
        form: 'paper',
        deliveryMethod: 'post',
      });
      expect(reg.status).toBe(201);
      const newest = await to.query(`SELECT id, case_year FROM case_events WHERE case_id = $1 ORDER BY seq`, [reg.body.id]);
      expect(newest.rows[0].case_year).toBe(2026);
      expect(Number(newest.rows[0].id)).toBeGreaterThan(Number(before[before.length - 1].id));
    } finally {
      await from.end();
      await to.end();
    }
  });
});
