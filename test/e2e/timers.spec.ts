import { Client } from 'pg';
import { formatIsoDate, parseIsoDate } from '../../src/domain/calendar';
import { TimersService } from '../../src/modules/cases/timers.service';
import { WorkerService } from '../../src/modules/worker/worker.service';
import { act, caseWithExpiredCorrection, departmentId, register } from '../support/cases';
import { createAppOn, createTestContext, TestContext } from '../support/test-app';

describe('durable timers', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('fires on the next start a timer that came due while the app was down', async () => {
    const c = await caseWithExpiredCorrection(t);
    const due = (await t.db.query(`SELECT to_char(due_on, 'YYYY-MM-DD') d FROM case_timers WHERE case_id = $1 AND kind = 'correction_period'`, [c.id])).rows[0].d;
    expect(due).toBe('2026-03-02'); // Sat 2/28 is a make-up working day
    // A "restarted" instance with polling on picks it up by itself.
    const restarted = await createAppOn(t.url, { timerPollMs: 50 });
    try {
      let state = '';
      for (let i = 0; i < 100 && state !== 'closureProposed'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        state = (await t.db.query(`SELECT state FROM cases WHERE id = $1`, [c.id])).rows[0].state;
      }
      // 条例第30条 (legal review finding 7): the period's end proposes the closure; a person decides it.
      expect(state).toBe('closureProposed');
    } finally {
      await restarted.close();
    }
    const detail = await t.http.get(`/api/v1/cases/${c.id}`).set('authorization', `Bearer ${await t.login('clerk')}`);
    expect(detail.body.outcome).toBeNull();
    expect(detail.body.summary.closure).toMatchObject({ ground: 'correction_overdue', dueOn: '2026-03-02' });
    expect(detail.body.version).toBe(c.version + 1);
    const ev = detail.body.history.find((e: any) => e.type === 'CORRECTION_PERIOD_LAPSED');
    expect(ev).toMatchObject({ occurredOn: '2026-03-03', actor: null });
  });

  it('never fires one timer twice with two instances polling at once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await caseWithExpiredCorrection(t)).id);
    const a = await createAppOn(t.url);
    const b = await createAppOn(t.url);
    try {
      const [na, nb] = await Promise.all([a.get(TimersService).tick(), b.get(TimersService).tick()]);
      expect(na + nb).toBeGreaterThanOrEqual(12);
    } finally {
      await a.close();
      await b.close();
    }
    const counts = await t.db.query(
      `SELECT case_id, count(*)::int n FROM case_events WHERE type = 'CORRECTION_PERIOD_LAPSED' AND case_id = ANY($1) GROUP BY case_id`,
      [ids],
    );
    expect(counts.rows).toHaveLength(12);
    for (const r of counts.rows) expect(r.n).toBe(1);
  });

  it('closes a lapsed co-agency consultation as deemed consent (条例第34条)', async () => {
    let c = (await register(t)).body;
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
    c = (await act(t, 'clerk', c, 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-24' })).body;
    c = (await act(t, 'handler', c, 'start-consultation', { party: 'agency', name: '示范县自然资源局', deliveryMethod: 'electronic', occurredOn: '2026-02-25' })).body;
    await t.db.query(`UPDATE case_timers SET armed_on = '2026-02-25' WHERE case_id = $1`, [c.id]);
    const app = await createAppOn(t.url);
    try {
      await app.get(TimersService).tick();
    } finally {
      await app.close();
    }
    const detail = (await t.http.get(`/api/v1/cases/${c.id}`).set('authorization', `Bearer ${await t.login('handler')}`)).body;
    expect(detail.consultations[0]).toMatchObject({ state: 'closed', result: 'noAnswer', expiryEffect: 'deemedConsent' });
    const ev = detail.history.find((e: any) => e.type === 'CONSULTATION_EXPIRED');
    expect(ev.occurredOn).toBe(formatIsoDate(parseIsoDate(detail.consultations[0].answerDue) + 1));
  });

  it('marks an overdue reply and notifies the clerks', async () => {
    let c = (await register(t)).body;
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
    await t.db.query(`UPDATE case_timers SET armed_on = '2026-02-13' WHERE case_id = $1`, [c.id]);
    const app = await createAppOn(t.url);
    try {
      await app.get(TimersService).tick();
    } finally {
      await app.close();
    }
    const detail = (await t.http.get(`/api/v1/cases/${c.id}`).set('authorization', `Bearer ${await t.login('clerk')}`)).body;
    expect(detail.history.find((e: any) => e.type === 'OVERDUE_MARKED')).toMatchObject({ occurredOn: '2026-03-20', actor: null });
    expect(detail.deadlines.overdue).toBe(true);
    expect(detail.version).toBe(c.version + 1);
    const clerkNotes = await t.http.get('/api/v1/notifications').set('authorization', `Bearer ${await t.login('clerk')}`);
    expect(clerkNotes.body.some((n: any) => n.caseId === c.id && n.kind === 'overdue' && /逾期/.test(n.message))).toBe(true);
    const id = clerkNotes.body.find((n: any) => n.caseId === c.id).id;
    const read = await t.http.post(`/api/v1/notifications/${id}/read`).set('authorization', `Bearer ${await t.login('clerk')}`);
    expect(read.status).toBe(200);
  });

  it('does not act by itself on a period that had already run out when it was recorded', async () => {
    let c = (await register(t)).body;
    c = (await act(t, 'clerk', c, 'request-correction', { items: ['请说明所需信息'], periodWorkingDays: 5, deliveryMethod: 'in_person', occurredOn: '2026-02-24' })).body;
    const app = await createAppOn(t.url);
    try {
      await app.get(TimersService).tick();
    } finally {
      await app.close();
    }
    const after = (await t.http.get(`/api/v1/cases/${c.id}`).set('authorization', `Bearer ${await t.login('clerk')}`)).body;
    expect(after.state).toBe('awaitingCorrection');
    expect(after.version).toBe(c.version);
    const notes = (await t.http.get('/api/v1/notifications').set('authorization', `Bearer ${await t.login('clerk')}`)).body;
    expect(notes.some((n: any) => n.caseId === c.id && n.kind === 'lapsed_on_entry' && /人工核实/.test(n.message))).toBe(true);
    // The clerk decides: the corrected application did arrive in time after all.
    const received = await act(t, 'clerk', after, 'receive-correction', { occurredOn: '2026-02-27' });
    expect(received.status).toBe(200);
  });

  it('recomputes open cases when a year is replaced, with a history entry from what to what', async () => {
    let c = (await register(t)).body;
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
    expect(c.deadlines.replyDue).toBe('2026-03-19');
    const operator = await t.login('operator');
    const current = (await t.http.get('/api/v1/calendar/2026')).body;
    const res = await t.http
      .put('/api/v1/calendar/2026')
      .set('authorization', `Bearer ${operator}`)
      .send({
        notice: current.notice,
        source: current.source,
        holidays: [...current.holidays, { name: '测试停工', from: '2026-03-02', to: '2026-03-06' }],
        makeupWorkdays: current.makeupWorkdays,
      });
    expect(res.status).toBe(200);
    // The PUT queues the recalculation; the worker runs it (no longer inside the request).
    expect(res.body.recalculationJobId).toEqual(expect.any(Number));
    await t.app.get(WorkerService).tick();
    const expected = (await t.http.get('/api/v1/calendar/add-working-days?from=2026-02-13&days=20')).body.date;
    expect(expected).toBe('2026-03-26');
    const after = (await t.http.get(`/api/v1/cases/${c.id}`).set('authorization', `Bearer ${await t.login('admin')}`)).body;
    expect(after.deadlines.replyDue).toBe(expected);
    expect(after.version).toBe(c.version + 1);
    const entry = after.history.find((e: any) => e.type === 'DEADLINES_RECALCULATED');
    expect(entry.payload).toMatchObject({ deadline: 'replyDue', from: '2026-03-19', to: '2026-03-26', year: 2026 });
    expect(entry.payload.reason).toMatch(/节假日安排已更新/);
    const list = await t.http.get('/api/v1/cases?pageSize=100').set('authorization', `Bearer ${await t.login('admin')}`);
    expect(list.body.items.find((i: any) => i.id === c.id).replyDue).toBe('2026-03-26');
  });
});

describe('timers fired side by side (TIMER_CONCURRENCY)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ timerConcurrency: 4 });
  });
  afterAll(() => t.close());

  it('a timer whose case another transaction holds waits for the next poll: no wait, no failed attempt', async () => {
    const c = await caseWithExpiredCorrection(t);
    const timers = t.app.get(TimersService);
    // a clerk's transaction (here: the test's own connection) holds the case row
    await t.db.query('BEGIN');
    await t.db.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [c.id]);
    const other = new Client({ connectionString: t.url });
    try {
      const started = Date.now();
      await timers.tick('2026-03-03');
      expect(Date.now() - started).toBeLessThan(5000);
      await other.connect();
      const row = (await other.query(`SELECT fired_at, attempts FROM case_timers WHERE case_id = $1 AND kind = 'correction_period'`, [c.id])).rows[0];
      expect(row).toEqual({ fired_at: null, attempts: 0 });
    } finally {
      await t.db.query('ROLLBACK');
      await other.end();
    }
    expect(await timers.tick('2026-03-03')).toBeGreaterThanOrEqual(1);
    expect((await t.db.query(`SELECT state FROM cases WHERE id = $1`, [c.id])).rows[0].state).toBe('closureProposed');
  });

  it('two due timers of one case in one batch: a timer the first one disarmed is not fired', async () => {
    const c = await caseWithExpiredCorrection(t);
    // A reply timer due the same day, claimed after the correction period's (ORDER BY due_on, id):
    // the correction's lapse proposes the closure, which stops the reply clock and disarms it.
    const due = (await t.db.query(`SELECT to_char(due_on, 'YYYY-MM-DD') d FROM case_timers WHERE case_id = $1 AND kind = 'correction_period'`, [c.id])).rows[0].d;
    await t.db.query(`INSERT INTO case_timers (case_id, kind, ref, due_on, armed_on) VALUES ($1, 'reply', '', $2, $2)`, [c.id, due]);
    const fired = await t.app.get(TimersService).tick('2026-03-03');
    const rows = (await t.db.query(`SELECT kind, fired_at IS NOT NULL AS fired FROM case_timers WHERE case_id = $1 ORDER BY kind`, [c.id])).rows;
    const types = (await t.db.query(`SELECT type FROM case_events WHERE case_id = $1 AND type IN ('CORRECTION_PERIOD_LAPSED', 'OVERDUE_MARKED')`, [c.id])).rows.map((r) => r.type);
    expect(rows).toEqual([{ kind: 'correction_period', fired: true }]);
    expect(types).toEqual(['CORRECTION_PERIOD_LAPSED']);
    expect(fired).toBe(1);
  });

  it('many due timers, four at a time: each fires once', async () => {
    const cases = [];
    for (let i = 0; i < 12; i++) cases.push(await caseWithExpiredCorrection(t));
    const timers = t.app.get(TimersService);
    const [a, b] = await Promise.all([timers.tick('2026-03-03'), timers.tick('2026-03-03')]);
    expect(a + b).toBe(12);
    const lapsed = await t.db.query(
      `SELECT case_id, count(*)::int n FROM case_events WHERE type = 'CORRECTION_PERIOD_LAPSED' AND case_id = ANY($1) GROUP BY 1`,
      [cases.map((c) => c.id)],
    );
    expect(lapsed.rows.map((r) => r.n)).toEqual(Array(12).fill(1));
  });
});
