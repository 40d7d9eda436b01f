/**
 * Three app instances on one PostgreSQL (issue 16: scale-out and reliability 1, 2 and timers at
 * scale), run by `npm run test:reliability`:
 *
 * - each instance is `src/main.ts` in a process of its own, as `npm start` runs it with DATABASE_URL
 *   set (the shared secrets from the environment, the worker on, TIMER_POLL_MS short), on one
 *   embedded PostgreSQL this file starts, migrated and seeded;
 * - timers: RELIABILITY_TIMERS online applications (default 3,000) whose 确认 timers are all due
 *   when the instances start: every timer fires, none twice (one CONFIRMATION_OVERDUE entry and one
 *   notice per case); the rate is printed (`npm run bench:timers` measures 100,000 against 60 s);
 * - concurrency: 100 conflicting actions (the same accept at the same version) on one case, half
 *   to one instance and half to another: exactly one succeeds, the other 99 are 409, the history
 *   has no gap and its hash chain verifies;
 * - crash: one instance killed with SIGKILL in the middle of a registration load whose client
 *   retries with the same Idempotency-Key on another instance, then started again: no partial
 *   case, no case stored twice, and the timers that came due during the outage fire once.
 *
 * The figures (timer throughput, RSS of each instance after the load) are printed.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { generateBulkCases } from '../../src/seed/bulk-cases';
import { call, login, rssMb, startAppCluster, type AppCluster, type Instance } from '../support/app-cluster';
import { registration } from '../support/cases';

const TIMERS = Number(process.env.RELIABILITY_TIMERS || 3_000);
/** Online applications whose timers are made due while an instance is down (test 3). */
const OUTAGE_TIMERS = 300;
jest.setTimeout(600_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('three app instances on one PostgreSQL', () => {
  let cluster: AppCluster;
  let db: Client;
  const instances: Instance[] = [];
  let dueAtStart = 0;
  let allUp = 0;
  let startMs = 0;
  const start = (name: string, port?: number) => cluster.start(name, {}, port);

  beforeAll(async () => {
    cluster = await startAppCluster();
    db = new Client({ connectionString: cluster.superUrl });
    await db.connect();
    // Online applications awaiting confirmation, their 确认 timers (1 WD after arrival) mostly due.
    await generateBulkCases(db, { cases: TIMERS, agencies: 1, scenarios: ['awaitingConfirmation'], seed: 7 });
    // and some that arrive later (generated as of 90 days ahead): their timers are not due yet
    const later = new Date(Date.now() + (8 + 90 * 24) * 3600_000).toISOString().slice(0, 10);
    await generateBulkCases(db, { cases: OUTAGE_TIMERS, agencies: 1, scenarios: ['awaitingConfirmation'], seed: 11, today: later });
    dueAtStart = (await db.query(`SELECT count(*)::int n FROM case_timers WHERE fired_at IS NULL AND kind = 'confirmation' AND due_on < (now() AT TIME ZONE 'Asia/Shanghai')::date`)).rows[0].n;
    const t0 = Date.now();
    instances.push(...(await Promise.all(['A', 'B', 'C'].map((n) => start(n)))));
    allUp = Date.now();
    startMs = allUp - t0;
  }, 600_000);

  afterAll(async () => {
    await db?.end();
    await cluster?.close();
  });

  it(`${TIMERS} timers due at once, three instances polling: all fire, none twice (the rate is printed; bench:timers measures 100,000)`, async () => {
    const due = dueAtStart;
    // most of the generated applications arrived more than a working day ago (the rest are not due yet)
    expect(due).toBeGreaterThan(TIMERS * 0.7);
    let left = due;
    while (left > 0 && Date.now() - allUp < 300_000) {
      await sleep(500);
      left = (await db.query(`SELECT count(*)::int n FROM case_timers WHERE fired_at IS NULL AND kind = 'confirmation' AND due_on < (now() AT TIME ZONE 'Asia/Shanghai')::date`)).rows[0].n;
    }
    const firedIn = Date.now() - allUp;
    console.log(`timers: ${due} due; three instances up after ${startMs} ms; all fired ${firedIn} ms after that (${Math.round(due / (firedIn / 1000))}/s)`);
    expect(left).toBe(0);
    const twice = await db.query(`SELECT case_id, count(*)::int n FROM case_events WHERE type = 'CONFIRMATION_OVERDUE' GROUP BY case_id HAVING count(*) <> 1`);
    expect(twice.rows).toEqual([]);
    const entries = (await db.query(`SELECT count(*)::int n FROM case_events WHERE type = 'CONFIRMATION_OVERDUE'`)).rows[0].n;
    expect(entries).toBe(due);
    const notices = await db.query(`SELECT count(*)::int n, count(DISTINCT case_id)::int cases FROM notifications WHERE kind = 'confirmation_overdue'`);
    expect(notices.rows[0]).toEqual({ n: due, cases: due });
  });

  it('100 conflicting actions on one case from two instances: one wins, 99 get 409, the chain verifies', async () => {
    const [a, b] = instances;
    const clerkA = await login(a, 'clerk');
    const clerkB = await login(b, 'clerk');
    const reg = await call(a, clerkA, 'POST', '/api/v1/cases', registration({ arrivedAt: new Date().toISOString() }), { 'idempotency-key': randomUUID() });
    expect(reg.status).toBe(201);
    const c = reg.body;
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, k) =>
        call(k % 2 ? b : a, k % 2 ? clerkB : clerkA, 'POST', `/api/v1/cases/${c.id}/actions/accept`, { expectedVersion: c.version }),
      ),
    );
    const statuses = answers.map((x) => x.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    const legal = await login(b, 'legal');
    const v = (await call(b, legal, 'GET', `/api/v1/cases/${c.id}/history/verify`)).body;
    expect(v).toMatchObject({ intact: true, replayMatches: true, problems: [] });
    const seqs = (await db.query(`SELECT seq FROM case_events WHERE case_id = $1 ORDER BY seq`, [c.id])).rows.map((r) => r.seq);
    expect(seqs).toEqual(seqs.map((_, k) => k + 1));
  });

  it('an instance killed with SIGKILL under load and started again: no partial case, none stored twice, timers due meanwhile fire once', async () => {
    const tokens = new Map<string, string>();
    for (const i of instances) tokens.set(i.name, await login(i, 'clerk'));
    const keys: string[] = [];
    const succeeded = new Set<string>();
    let running = true;
    let killedAt = 0;
    // The client sends each registration to the next instance, and retries the same key elsewhere on a failure.
    const client = async (w: number) => {
      for (let n = 0; running; n++) {
        const key = randomUUID();
        keys.push(key);
        for (let attempt = 0; attempt < 8; attempt++) {
          const inst = instances[(w + n + attempt) % instances.length];
          const r = await call(inst, tokens.get(inst.name)!, 'POST', '/api/v1/cases', registration({ arrivedAt: new Date().toISOString(), description: `负载 ${key}` }), {
            'idempotency-key': key,
          }).catch(() => null);
          if (r && (r.status === 201 || r.status === 200)) {
            succeeded.add(key);
            break;
          }
          if (r && r.status !== 503) throw new Error(`unexpected ${r.status} ${JSON.stringify(r.body)}`);
          await sleep(100);
        }
      }
    };
    const workers = Array.from({ length: 6 }, (_, w) => client(w));
    await sleep(2000);
    const victim = instances[2];
    killedAt = Date.now();
    victim.child.kill('SIGKILL');
    await new Promise((r) => victim.child.once('exit', r));
    // timers that come due while it is down (the generator is for a stopped app: made due by date here)
    const madeDue = await db.query(
      `UPDATE case_timers SET due_on = (now() AT TIME ZONE 'Asia/Shanghai')::date - 1
        WHERE kind = 'confirmation' AND fired_at IS NULL AND due_on > (now() AT TIME ZONE 'Asia/Shanghai')::date + 30`,
    );
    expect(madeDue.rowCount).toBe(OUTAGE_TIMERS);
    await sleep(1500);
    instances[2] = await start('C', victim.port);
    tokens.set('C', await login(instances[2], 'clerk'));
    await sleep(1500);
    running = false;
    await Promise.all(workers);
    console.log(`kill -9: ${keys.length} registrations sent, ${succeeded.size} stored, C down ${Date.now() - killedAt} ms in all; RSS after the load: ${instances.map((i) => `${i.name} ${rssMb(i)} MB`).join(', ')}`);
    expect(succeeded.size).toBeGreaterThan(20);

    const perKey = await db.query(`SELECT idempotency_key, count(*)::int n FROM cases WHERE idempotency_key = ANY($1) GROUP BY 1`, [keys]);
    expect(perKey.rows.filter((r) => r.n !== 1)).toEqual([]);
    const stored = new Set(perKey.rows.map((r) => r.idempotency_key));
    for (const k of succeeded) expect(stored.has(k)).toBe(true);
    const broken = await db.query(`
      SELECT c.id FROM cases c
       WHERE c.head_seq <> (SELECT count(*) FROM case_events e WHERE e.case_id = c.id)
          OR c.head_seq <> (SELECT max(seq) FROM case_events e WHERE e.case_id = c.id)
          OR (c.state <> 'awaitingConfirmation' AND NOT EXISTS (SELECT 1 FROM letters l WHERE l.case_id = c.id AND l.type = 'receipt'))`);
    expect(broken.rows).toEqual([]);
    // the timers due during the outage: fired, once each
    const deadline = Date.now() + 60_000;
    let left = 1;
    while (left > 0 && Date.now() < deadline) {
      left = (await db.query(`SELECT count(*)::int n FROM case_timers WHERE fired_at IS NULL AND kind = 'confirmation' AND due_on < (now() AT TIME ZONE 'Asia/Shanghai')::date`)).rows[0].n;
      if (left) await sleep(500);
    }
    expect(left).toBe(0);
    const twice = await db.query(`SELECT case_id FROM case_events WHERE type = 'CONFIRMATION_OVERDUE' GROUP BY case_id HAVING count(*) > 1`);
    expect(twice.rows).toEqual([]);
  });
});
