import { INestApplicationContext } from '@nestjs/common';
import { createWorkerContext } from '../../src/worker.module';
import { RemindersService } from '../../src/modules/worker/reminders.service';
import { WorkerService } from '../../src/modules/worker/worker.service';
import { FixedClock } from '../../src/platform/clock/clock';
import { act, caseWithExpiredCorrection, register } from '../support/cases';
import { createAppOn, createTestContext, TestContext, testConfig } from '../support/test-app';

describe('the worker', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('alone (an application context without HTTP) fires a due timer by itself', async () => {
    const c = await caseWithExpiredCorrection(t);
    let worker: INestApplicationContext | undefined;
    try {
      worker = await createWorkerContext(testConfig(t.url, { timerPollMs: 50 }), { logger: false, clock: FixedClock.at('2026-03-10') });
      let state = '';
      for (let i = 0; i < 100 && state !== 'closureProposed'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        state = (await t.db.query(`SELECT state FROM cases WHERE id = $1`, [c.id])).rows[0].state;
      }
      expect(state).toBe('closureProposed'); // the closure is proposed; a person decides (条例第30条)
    } finally {
      await worker?.close();
    }
    const ev = await t.db.query(`SELECT to_char(occurred_on, 'YYYY-MM-DD') d FROM case_events WHERE case_id = $1 AND type = 'CORRECTION_PERIOD_LAPSED'`, [c.id]);
    expect(ev.rows).toEqual([{ d: '2026-03-03' }]);
  });

  it('does not poll with WORKER=off', async () => {
    let c = (await register(t)).body;
    c = (await act(t, 'clerk', c, 'request-correction', { items: ['请说明所需信息'], periodWorkingDays: 5, occurredOn: '2026-02-24' })).body;
    await t.db.query(`UPDATE case_timers SET armed_on = '2026-02-24' WHERE case_id = $1`, [c.id]);
    const api = await createAppOn(t.url, { timerPollMs: 20, worker: false });
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(api.get(WorkerService).enabled).toBe(false);
      expect((await t.db.query(`SELECT state FROM cases WHERE id = $1`, [c.id])).rows[0].state).toBe('awaitingCorrection');
    } finally {
      await api.close();
    }
    await t.app.get(WorkerService).tick('2026-03-10'); // leave no due timer behind for the next tests
  });

  it('does each agency’s reminders once a day, whichever instance claims the day first', async () => {
    let c = (await register(t)).body;
    const accepted = await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' });
    expect(accepted.body).toMatchObject({ deadlines: { replyDue: '2026-03-19' } });
    c = accepted.body;
    const day = '2026-03-17'; // 2 working days left: the 3-day reminder is due, the 1-day one not yet
    const agencies = (await t.db.query(`SELECT count(*)::int n FROM agencies`)).rows[0].n;
    const a = await createAppOn(t.url);
    const b = await createAppOn(t.url);
    let queries = 0;
    try {
      const [na, nb] = await Promise.all([a.get(RemindersService).run(day), b.get(RemindersService).run(day)]);
      expect(na + nb).toBe(agencies);
      const runs = await t.db.query(`SELECT agency_id, reminders FROM reminder_runs WHERE day = $1`, [day]);
      expect(runs.rows).toHaveLength(agencies);
      const warnings = await t.db.query(`SELECT message, dedupe_key FROM notifications WHERE kind = 'warning' AND case_id = $1`, [c.id]);
      expect(warnings.rows).toHaveLength(1);
      expect(warnings.rows[0].message).toMatch(/剩余2个工作日/);
      expect(warnings.rows[0].dedupe_key).toBe(`${c.id}:reply:2026-03-19:3`);

      // A second poll the same day does no reminder work: no claim, no case query, nothing re-sent.
      await t.db.query(`DELETE FROM notifications WHERE kind = 'warning'`);
      const ds: any = (a.get(RemindersService) as any).db;
      const query = jest.spyOn(ds, 'query');
      const transaction = jest.spyOn(ds, 'transaction');
      try {
        expect(await a.get(RemindersService).run(day)).toBe(0);
        queries = query.mock.calls.length;
        expect(transaction).not.toHaveBeenCalled(); // no claim attempted, no case read
      } finally {
        query.mockRestore();
        transaction.mockRestore();
      }
      expect(queries).toBe(1); // the one "which agencies are still to do today" look-up
      expect(await b.get(WorkerService).tick(day)).toMatchObject({ remindedAgencies: 0 });
      expect((await t.db.query(`SELECT count(*)::int n FROM notifications WHERE kind = 'warning'`)).rows[0].n).toBe(0);
      expect((await t.db.query(`SELECT count(*)::int n FROM reminder_runs WHERE day = $1`, [day])).rows[0].n).toBe(agencies);

      // The next working day is a new day: the 1-day reminder goes out once.
      await Promise.all([a.get(RemindersService).run('2026-03-18'), b.get(RemindersService).run('2026-03-18')]);
      const next = await t.db.query(`SELECT dedupe_key FROM notifications WHERE kind = 'warning' AND case_id = $1 ORDER BY dedupe_key`, [c.id]);
      expect(next.rows.map((r: any) => r.dedupe_key)).toEqual([`${c.id}:reply:2026-03-19:1`, `${c.id}:reply:2026-03-19:3`]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('recalculation after a calendar change', () => {
  let t: TestContext;
  let admin: string;
  beforeAll(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  async function putCalendar(extra: Array<{ name: string; from: string; to: string }>) {
    const current = (await t.http.get('/api/v1/calendar/2026')).body;
    const base = current.holidays.filter((h: any) => h.name !== '测试停工');
    return t.http
      .put('/api/v1/calendar/2026')
      .set('authorization', `Bearer ${await t.login('operator')}`)
      .send({ notice: current.notice, source: current.source, holidays: [...base, ...extra], makeupWorkdays: current.makeupWorkdays });
  }
  const job = async (id: number) => (await t.http.get(`/api/v1/calendar/recalculations/${id}`).set('authorization', `Bearer ${admin}`)).body;
  const recalculatedEvents = async () =>
    (await t.db.query(`SELECT case_id, payload FROM case_events WHERE type = 'DEADLINES_RECALCULATED' ORDER BY id`)).rows;

  it('is a durable job the worker runs, with progress, and resumes without repeating cases', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      let c = (await register(t)).body;
      c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
      ids.push(c.id);
    }
    const open = (await t.db.query(`SELECT count(*)::int n FROM cases WHERE state NOT IN ('closed', 'archived')`)).rows[0].n;
    expect(open).toBeGreaterThanOrEqual(5);

    const res = await putCalendar([{ name: '测试停工', from: '2026-03-02', to: '2026-03-06' }]);
    expect(res.status).toBe(200);
    const jobId = res.body.recalculationJobId;
    expect(jobId).toEqual(expect.any(Number));
    // Queued in the PUT's transaction; nothing recalculated inside the request.
    expect(await job(jobId)).toMatchObject({ id: jobId, year: 2026, status: 'queued', total: open, done: 0, finishedAt: null });
    expect(await recalculatedEvents()).toHaveLength(0);
    expect((await t.http.get(`/api/v1/calendar/recalculations/${jobId}`).set('authorization', `Bearer ${await t.login('clerk')}`)).status).toBe(403);
    expect((await t.http.get('/api/v1/calendar/recalculations/abc').set('authorization', `Bearer ${admin}`)).status).toBe(404);

    const tick = await t.app.get(WorkerService).tick();
    expect(tick.recalculated).toBe(open);
    const finished = await job(jobId);
    expect(finished).toMatchObject({ status: 'done', total: open, done: open });
    expect(finished.finishedAt).toEqual(expect.any(String));
    const events = await recalculatedEvents();
    expect(events.map((e: any) => e.case_id).sort()).toEqual([...ids].sort());
    for (const e of events) expect(e.payload).toMatchObject({ deadline: 'replyDue', from: '2026-03-19', to: '2026-03-26', year: 2026 });
    const detail = (await t.http.get(`/api/v1/cases/${ids[0]}`).set('authorization', `Bearer ${admin}`)).body;
    expect(detail.deadlines.replyDue).toBe('2026-03-26');

    // A second change; its worker "stopped" after the first two cases (progress committed, cases done).
    const undo = await putCalendar([]);
    const job2 = undo.body.recalculationJobId;
    const ordered: string[] = (await t.db.query(`SELECT id FROM cases WHERE state NOT IN ('closed', 'archived') ORDER BY id`)).rows.map((r: any) => r.id);
    await t.db.query(`UPDATE recalculation_jobs SET status = 'running', started_at = now(), done = 2, last_case_id = $2 WHERE id = $1`, [job2, ordered[1]]);
    expect(await job(job2)).toMatchObject({ status: 'running', done: 2, total: open });
    // Another instance (a restarted worker) picks it up where it stopped.
    const other = await createAppOn(t.url);
    try {
      expect((await other.get(WorkerService).tick()).recalculated).toBe(open - 2);
    } finally {
      await other.close();
    }
    expect(await job(job2)).toMatchObject({ status: 'done', done: open, total: open });
    const after = await recalculatedEvents();
    const second = after.slice(events.length);
    expect(second.map((e: any) => e.case_id).sort()).toEqual(ordered.slice(2).sort());
    for (const e of second) expect(e.payload).toMatchObject({ from: '2026-03-26', to: '2026-03-19' });

    const list = (await t.http.get('/api/v1/calendar/recalculations').set('authorization', `Bearer ${admin}`)).body;
    expect(list.map((j: any) => j.id)).toEqual([job2, jobId]);
    expect(Object.keys(list[0])).toEqual(expect.arrayContaining(['id', 'year', 'status', 'total', 'done', 'createdAt', 'finishedAt']));
  });

  it('documents the progress endpoints in Swagger', async () => {
    const doc = (await t.http.get('/api/docs-json')).body;
    const op = doc.paths['/api/v1/calendar/recalculations/{id}'].get;
    expect(op.responses['200'].content['application/json'].schema.$ref).toMatch(/RecalculationJobDto/);
    expect(doc.components.schemas.RecalculationJobDto.properties).toHaveProperty('done');
  });
});
