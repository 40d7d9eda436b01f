/**
 * GET /cases/:id/history/verify: the chain, its head on the case row, and the replay of the
 * statechart entries against the stored state. Tampering is done as the database owner with the
 * append-only trigger switched off, as an intruder with those rights would.
 */
import { act, departmentId, register, TEST_BACKDATE_REASON } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

describe('history verify: head and replay', () => {
  let t: TestContext;
  const verify = async (id: string) =>
    (await t.http.get(`/api/v1/cases/${id}/history/verify`).set('authorization', `Bearer ${await t.login('legal')}`)).body;
  const tamper = async (sql: string, params: unknown[]) => {
    await t.db.query(`ALTER TABLE case_events DISABLE TRIGGER case_events_append_only`);
    try {
      await t.db.query(sql, params);
    } finally {
      await t.db.query(`ALTER TABLE case_events ENABLE TRIGGER case_events_append_only`);
    }
  };
  async function handledCase() {
    let c = (await register(t)).body;
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
    c = (await act(t, 'clerk', c, 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-24' })).body;
    return c;
  }
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('an untouched case: intact, replay matches, head is the last hash', async () => {
    const c = await handledCase();
    const v = await verify(c.id);
    expect(v).toMatchObject({ intact: true, replayMatches: true, events: c.history.length, headSeq: c.history.length, problems: [] });
    expect(v.head).toBe(c.history[c.history.length - 1].hash);
    expect(v.head).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a deleted tail event is reported (the chain alone would still look whole)', async () => {
    const c = await handledCase();
    const lastSeq = c.history[c.history.length - 1].seq;
    await tamper(`DELETE FROM case_events WHERE case_id = $1 AND seq = $2`, [c.id, lastSeq]);
    const v = await verify(c.id);
    expect(v.intact).toBe(false);
    expect(v.events).toBe(c.history.length - 1);
    expect(v.problems.join()).toContain('末尾记录缺失');
  });

  it('an edited event is reported', async () => {
    const c = await handledCase();
    await tamper(`UPDATE case_events SET occurred_on = '2026-02-14' WHERE case_id = $1 AND type = 'ACCEPT'`, [c.id]);
    const v = await verify(c.id);
    expect(v.intact).toBe(false);
  });

  it('a stored state the events do not produce → replayMatches false', async () => {
    const c = await handledCase();
    await t.db.query(`UPDATE cases SET state = 'closed' WHERE id = $1`, [c.id]);
    const v = await verify(c.id);
    expect(v).toMatchObject({ intact: true, replayMatches: false });
  });

  it('a rewritten snapshot (context) is caught by the replay too', async () => {
    const c = await handledCase();
    await t.db.query(`UPDATE cases SET snapshot = jsonb_set(snapshot, '{context,assignment,departmentId}', '"forged"') WHERE id = $1`, [c.id]);
    expect((await verify(c.id)).replayMatches).toBe(false);
  });

  it('the detail has no snapshot field', async () => {
    const c = await handledCase();
    expect(c).not.toHaveProperty('snapshot');
    expect(c.summary.departmentId).toBe(await departmentId(t));
  });
});

describe('idempotent actions (Idempotency-Key)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const post = async (c: { id: string; version: number }, action: string, key: string | null, body: Record<string, unknown> = {}) => {
    const req = t.http
      .post(`/api/v1/cases/${c.id}/actions/${action}`)
      .set('authorization', `Bearer ${await t.login('clerk')}`);
    if (key) req.set('idempotency-key', key);
    // The fixed dates lie months back on the real clock: a 补录 with its reason.
    return req.send({ expectedVersion: c.version, ...(body.occurredOn ? { backdateReason: TEST_BACKDATE_REASON } : {}), ...body });
  };

  it('the same key again answers the first status and body, and stores nothing twice', async () => {
    const c = (await register(t)).body;
    const first = await post(c, 'accept', 'k-accept-1', { occurredOn: '2026-02-13' });
    expect(first.status).toBe(200);
    const again = await post(c, 'accept', 'k-accept-1', { occurredOn: '2026-02-13' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const n = await t.db.query(`SELECT count(*)::int n FROM case_events WHERE case_id = $1 AND type = 'ACCEPT'`, [c.id]);
    expect(n.rows[0].n).toBe(1);
    // Without the key the stale version is refused as before.
    const noKey = await post(c, 'accept', null, { occurredOn: '2026-02-13' });
    expect(noKey.status).toBe(409);
  });

  it('a double click (two concurrent sends with one key) is done once, both get the same answer', async () => {
    const c = (await register(t)).body;
    const [a, b] = await Promise.all([
      post(c, 'accept', 'k-double', { occurredOn: '2026-02-13' }),
      post(c, 'accept', 'k-double', { occurredOn: '2026-02-13' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toEqual(b.body);
    const n = await t.db.query(`SELECT count(*)::int n FROM case_events WHERE case_id = $1 AND type = 'ACCEPT'`, [c.id]);
    expect(n.rows[0].n).toBe(1);
  });

  it('a key is per case: the same key on another case is a new action', async () => {
    const c1 = (await register(t)).body;
    const c2 = (await register(t)).body;
    expect((await post(c1, 'accept', 'k-shared', { occurredOn: '2026-02-13' })).status).toBe(200);
    const r2 = await post(c2, 'accept', 'k-shared', { occurredOn: '2026-02-13' });
    expect(r2.status).toBe(200);
    expect(r2.body.id).toBe(c2.id);
  });

  it('a key reused for a different action is refused (400), nothing done', async () => {
    const c = (await register(t)).body;
    const first = await post(c, 'accept', 'k-reuse', { occurredOn: '2026-02-13' });
    const other = await post(first.body, 'withdraw', 'k-reuse');
    expect(other.status).toBe(400);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await t.db.query(`SELECT state FROM cases WHERE id = $1`, [c.id])).rows[0].state).toBe('accepted');
  });
});
