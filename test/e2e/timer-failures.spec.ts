import { Logger } from '@nestjs/common';
import { TimersService } from '../../src/modules/cases/timers.service';
import { caseWithExpiredCorrection } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

const MAX = 3;

describe('a failing timer does not hold back the others', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ timerMaxAttempts: MAX });
  });
  afterAll(() => t.close());

  it('fires the healthy timers, counts the failures, parks the timer after N and tells the admins', async () => {
    const healthy = await caseWithExpiredCorrection(t);
    const broken = await caseWithExpiredCorrection(t);
    // Applying the expiry to `broken` throws: its history refuses new entries.
    await t.db.query(`
      CREATE FUNCTION test_fail_case() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.case_id = '${broken.id}' THEN RAISE EXCEPTION 'simulated failure for %', NEW.case_id; END IF;
        RETURN NEW;
      END $$`);
    await t.db.query(`CREATE TRIGGER test_fail_case BEFORE INSERT ON case_events FOR EACH ROW EXECUTE FUNCTION test_fail_case()`);
    const timer = async () =>
      (await t.db.query(`SELECT attempts, last_error, parked_at, fired_at FROM case_timers WHERE case_id = $1 AND kind = 'correction_period'`, [broken.id])).rows[0];
    const state = async (id: string) => (await t.db.query(`SELECT state FROM cases WHERE id = $1`, [id])).rows[0].state;
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const timers = t.app.get(TimersService);
      const fired = await timers.tick('2026-03-10');
      expect(fired).toBe(1);
      expect(await state(healthy.id)).toBe('closureProposed');
      expect(await state(broken.id)).toBe('awaitingCorrection');
      let row = await timer();
      expect(row).toMatchObject({ attempts: 1, parked_at: null, fired_at: null });
      expect(row.last_error).toMatch(/simulated failure/);

      for (let i = 1; i < MAX; i++) await timers.tick('2026-03-10');
      row = await timer();
      expect(row.attempts).toBe(MAX);
      expect(row.parked_at).not.toBeNull();
      expect(row.fired_at).toBeNull();
      const parkedLogs = errors.mock.calls.filter((c) => /parked/.test(String(c[0])));
      expect(parkedLogs).toHaveLength(1);
      expect(String(parkedLogs[0][0])).toContain(broken.caseNumber);
      expect(String(parkedLogs[0][0])).toMatch(/simulated failure/);

      // The admins are told; the clerks' list is not filled with it.
      const adminNotes = (await t.http.get('/api/v1/notifications').set('authorization', `Bearer ${await t.login('admin')}`)).body;
      const note = adminNotes.find((n: any) => n.caseId === broken.id && n.kind === 'timer_failed');
      expect(note).toBeDefined();
      expect(note.message).toMatch(/处理失败/);
      expect(note.message).toMatch(/人工/);
      const clerkNotes = (await t.http.get('/api/v1/notifications').set('authorization', `Bearer ${await t.login('clerk')}`)).body;
      expect(clerkNotes.some((n: any) => n.kind === 'timer_failed')).toBe(false);

      // A parked timer is not claimed again, even once the cause is gone.
      await t.db.query(`DROP TRIGGER test_fail_case ON case_events`);
      expect(await timers.tick('2026-03-10')).toBe(0);
      row = await timer();
      expect(row.attempts).toBe(MAX);
      expect(row.fired_at).toBeNull();
      expect(await state(broken.id)).toBe('awaitingCorrection');
      const notes = await t.db.query(`SELECT count(*)::int n FROM notifications WHERE kind = 'timer_failed' AND case_id = $1`, [broken.id]);
      expect(notes.rows[0].n).toBe(1);
    } finally {
      errors.mockRestore();
    }
  });
});
