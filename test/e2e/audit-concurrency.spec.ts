/**
 * The legal audit's write paths (sign-off, legal staff's findings) under more concurrent requests
 * than the pool has connections: every request is answered (200/201, 409 for a second sign-off,
 * 503 when the pool stays exhausted), nothing hangs or fails with 500, each case is signed off at
 * most once, and every history still verifies.
 */
import { FixedClock } from '../../src/platform/clock/clock';
import { act, departmentId, register } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

const POOL = 4;
const CASES = 6;
const PER_CASE = 4;

describe('legal audit writes beyond the pool size', () => {
  const clock = FixedClock.at('2026-03-02');
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ dbPoolMax: POOL, dbAcquireTimeoutMs: 3000, logLevel: 'error' }, { clock });
  });
  afterAll(() => t.close());

  async function closedCase() {
    const step = async (role: string, c: any, action: string, body: Record<string, unknown> = {}) => {
      const res = await act(t, role, c, action, body);
      if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    let c = (await register(t, { arrivedAt: '2026-03-02T09:00:00+08:00' })).body;
    c = await step('clerk', c, 'accept');
    c = await step('clerk', c, 'assign', { departmentId: await departmentId(t) });
    c = await step('handler', c, 'record-secrecy-review', { conclusion: 'disclose', ground: '经审查不涉及国家秘密' });
    c = await step('handler', c, 'propose', { outcome: 'disclose', access: '当面领取', reasons: '可以公开' });
    c = await step('handler', c, 'submit-for-approval');
    c = await step('approver', c, 'approve');
    return step('clerk', c, 'deliver', { method: 'in_person', recipient: '张三' });
  }

  it(`answers ${CASES * PER_CASE} concurrent sign-offs and ${CASES * PER_CASE} findings on ${CASES} cases with a pool of ${POOL}`, async () => {
    const cases: any[] = [];
    for (let i = 0; i < CASES; i++) cases.push(await closedCase());
    const token = `Bearer ${await t.login('legal')}`;
    const requests = cases.flatMap((c) =>
      Array.from({ length: PER_CASE }, (_, i) => [
        t.http.post(`/api/v1/cases/${c.id}/audit/sign-off`).set('authorization', token).send({ comments: `签核 ${i}` }).then((r) => ({ kind: 'sign-off', c, r })),
        t.http.post(`/api/v1/cases/${c.id}/audit/findings`).set('authorization', token).send({ comment: `意见 ${i}` }).then((r) => ({ kind: 'finding', c, r })),
      ]).flat(),
    );
    const answers = await Promise.all(requests);
    for (const { kind, r } of answers) {
      expect([kind, kind === 'sign-off' ? [200, 409, 503] : [201, 503]]).toEqual([kind, expect.arrayContaining([r.status])]);
      if (r.status === 409) expect(r.body.code).toBe('AUDIT_ALREADY_SIGNED_OFF');
      if (r.status === 503) expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const signed = answers.filter((a) => a.kind === 'sign-off' && a.r.status === 200);
    expect(signed.length).toBeGreaterThan(0);
    for (const c of cases) {
      const ok = signed.filter((a) => a.c.id === c.id).length;
      expect(ok).toBeLessThanOrEqual(1);
      const entries = await t.db.query(`SELECT type FROM case_events WHERE case_id = $1 AND type LIKE 'AUDIT_%'`, [c.id]);
      const added = answers.filter((a) => a.c.id === c.id && a.kind === 'finding' && a.r.status === 201).length;
      expect(entries.rows.filter((e: any) => e.type === 'AUDIT_SIGNED_OFF').length).toBe(ok);
      expect(entries.rows.filter((e: any) => e.type === 'AUDIT_FINDING_ADDED').length).toBe(added);
      const stored = await t.db.query(`SELECT count(*)::int n FROM case_findings WHERE case_id = $1 AND source = 'legal'`, [c.id]);
      expect(stored.rows[0].n).toBe(added);
      const v = (await t.http.get(`/api/v1/cases/${c.id}/history/verify`).set('authorization', token)).body;
      expect([v.intact, v.replayMatches]).toEqual([true, true]);
    }
    expect((await t.http.get('/health')).status).toBe(200);
  }, 90_000);
});
