/**
 * More concurrent writes than the pool has connections: every request is answered (a result,
 * or a 503 with a Chinese message when the pool stays exhausted), nothing hangs, and what was
 * answered with success is stored exactly once.
 */
import { randomUUID } from 'node:crypto';
import { registration } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

const POOL = 4;
const N = 24;

describe('concurrent writes beyond the pool size', () => {
  let t: TestContext;
  let token: string;
  beforeAll(async () => {
    // logLevel error: an unexpected 500 under load shows its stack in the test output.
    t = await createTestContext({ dbPoolMax: POOL, dbAcquireTimeoutMs: 3000, logLevel: 'error' });
    token = await t.login('clerk');
  });
  afterAll(() => t.close());

  it(`answers ${N} concurrent registrations with a pool of ${POOL}`, async () => {
    const keys = Array.from({ length: N }, () => randomUUID());
    const answers = await Promise.all(
      keys.map((k) =>
        t.http.post('/api/v1/cases').set('authorization', `Bearer ${token}`).set('idempotency-key', k).send(registration()),
      ),
    );
    for (const a of answers) {
      expect([201, 503]).toContain(a.status);
      if (a.status === 503) expect(a.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThan(0);
    // A 503 may come after the registration's numbers were committed (its receipt is issued in a
    // second transaction, CasesService.register): the same request sent again with its key answers
    // with that case, never a second one. Every key is sent again until it is answered 201.
    let waiting = keys.filter((_, i) => answers[i].status !== 201);
    for (let round = 0; waiting.length && round < 20; round++) {
      const again = await Promise.all(
        waiting.map((k) => t.http.post('/api/v1/cases').set('authorization', `Bearer ${token}`).set('idempotency-key', k).send(registration())),
      );
      for (const a of again) expect([201, 503]).toContain(a.status);
      waiting = waiting.filter((_, i) => again[i].status !== 201);
    }
    expect(waiting).toEqual([]);
    const stored = await t.db.query(`SELECT idempotency_key, count(*)::int n, bool_and(pending_letters IS NULL) AS issued FROM cases WHERE idempotency_key = ANY($1) GROUP BY 1`, [keys]);
    expect(stored.rows.length).toBe(N);
    expect(stored.rows.every((r) => r.n === 1 && r.issued)).toBe(true);
    // Every stored case has its 登记回执 and an unbroken history.
    const receipts = await t.db.query(
      `SELECT count(*)::int n FROM letters l JOIN cases c ON c.id = l.case_id WHERE c.idempotency_key = ANY($1) AND l.type = 'receipt'`,
      [keys],
    );
    expect(receipts.rows[0].n).toBe(N);
  }, 90_000);

  it(`answers ${N} concurrent accepts of distinct cases`, async () => {
    const cases: Array<{ id: string; version: number }> = [];
    for (let i = 0; i < N; i++) {
      const r = await t.http
        .post('/api/v1/cases')
        .set('authorization', `Bearer ${token}`)
        .set('idempotency-key', randomUUID())
        .send(registration());
      expect(r.status).toBe(201);
      cases.push(r.body);
    }
    const answers = await Promise.all(
      cases.map((c) =>
        t.http
          .post(`/api/v1/cases/${c.id}/actions/accept`)
          .set('authorization', `Bearer ${token}`)
          .send({ expectedVersion: c.version }),
      ),
    );
    for (const a of answers) expect([200, 503]).toContain(a.status);
    const ok = answers.filter((a) => a.status === 200).length;
    expect(ok).toBeGreaterThan(0);
    const accepted = await t.db.query(`SELECT count(*)::int n FROM cases WHERE id = ANY($1) AND state = 'accepted'`, [cases.map((c) => c.id)]);
    expect(accepted.rows[0].n).toBe(ok);
    // The pool is free again: health answers.
    const health = await t.http.get('/health');
    expect(health.status).toBe(200);
  }, 60_000);
});
