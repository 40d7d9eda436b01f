/**
 * Issue 11, finding 3: the external anchor. A superuser who deletes the tail of a history and sets
 * the chain head on the case row to match passes /history/verify; the signed digest kept outside
 * the database (history:anchor, and the worker's daily job) still reports it (history:check).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { HistoryAnchorService } from '../../src/modules/cases/history-anchor.service';
import { WorkerService } from '../../src/modules/worker/worker.service';
import { FixedClock } from '../../src/platform/clock/clock';
import { act, departmentId, register } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

const run = promisify(execFile);
const KEY = 'test-anchor-key-test-anchor-key-0123456789';

describe('the external history anchor', () => {
  let t: TestContext;
  let dataDir: string;
  let anchors: HistoryAnchorService;
  const clock = FixedClock.at('2026-03-02');
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gid-anchor-'));
    t = await createTestContext({ dataDir, historyAnchorKey: KEY, historyAnchorDaily: true }, { clock });
    anchors = t.app.get(HistoryAnchorService);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const verify = async (id: string) =>
    (await t.http.get(`/api/v1/cases/${id}/history/verify`).set('authorization', `Bearer ${await t.login('legal')}`)).body;

  it('anchors every case and finds the database as anchored', async () => {
    const a = (await register(t)).body;
    await act(t, 'clerk', a, 'accept', { departmentId: await departmentId(t) });
    await register(t, { description: '申请公开第二份文件。' });
    const line = await anchors.anchor();
    expect(line.cases).toBe(2);
    expect(line.mac).toMatch(/^[0-9a-f]{64}$/);
    const file = fs.readFileSync(path.join(anchors.dir, line.file), 'utf8').trim().split('\n');
    expect(file).toHaveLength(2);
    expect(JSON.parse(file[0])).toEqual({ caseId: expect.any(String), agencyId: expect.any(String), headSeq: expect.any(Number), headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const r = await anchors.check();
    expect(r).toMatchObject({ anchored: 2, verified: 2, problems: [] });
  });

  it('a tail deleted with superuser rights and the case row made to match passes verify, but not the anchor check', async () => {
    const c = (await register(t, { description: '申请公开第三份文件。' })).body;
    await anchors.anchor();
    const { rows } = await t.db.query(`SELECT seq, type, prev_hash FROM case_events WHERE case_id = $1 ORDER BY seq`, [c.id]);
    const lastRow = rows[rows.length - 1];
    expect(lastRow.type).toBe('LETTER_ISSUED'); // a fact: removing it leaves the state as it is
    await t.db.query(`ALTER TABLE case_events DISABLE TRIGGER case_events_append_only`);
    await t.db.query(`DELETE FROM case_events WHERE case_id = $1 AND seq = $2`, [c.id, lastRow.seq]);
    await t.db.query(`ALTER TABLE case_events ENABLE TRIGGER case_events_append_only`);
    await t.db.query(`UPDATE cases SET head_seq = $2, head_hash = $3 WHERE id = $1`, [c.id, lastRow.seq - 1, lastRow.prev_hash]);

    expect(await verify(c.id)).toMatchObject({ intact: true, replayMatches: true }); // the database alone looks whole

    const r = await anchors.check();
    expect(r.problems).toEqual([
      { caseId: c.id, problem: `锚定时有 ${lastRow.seq} 条历史记录，现只有 ${lastRow.seq - 1} 条（记录被删除）` },
    ]);

    // The command line tool says the same and exits 1.
    const cli = await run(process.execPath, ['-r', '@swc-node/register', 'src/history-cli.ts', 'check'], {
      cwd: path.join(__dirname, '../..'),
      env: { ...process.env, DATABASE_URL: t.url, DATA_DIR: dataDir, HISTORY_ANCHOR_KEY: KEY, LOG_LEVEL: 'silent', JWT_SECRET: 'x'.repeat(40), SIGNING_P12_PASSPHRASE: 'y'.repeat(20) },
    }).then(
      (out) => ({ code: 0, stdout: out.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`不一致：案件 ${c.id}：锚定时有 ${lastRow.seq} 条历史记录`);
  }, 60_000);

  it('an edited anchor log line, or another key, is reported', async () => {
    const log = path.join(anchors.dir, 'anchors.log');
    const original = fs.readFileSync(log, 'utf8');
    const lines = original.trim().split('\n');
    const first = JSON.parse(lines[0]);
    lines[0] = JSON.stringify({ ...first, cases: first.cases + 1 });
    fs.writeFileSync(log, `${lines.join('\n')}\n`);
    let r = await anchors.check();
    expect(r.problems.map((p) => p.problem)).toEqual(
      expect.arrayContaining(['锚定记录第 1 行签名不符（被改动，或密钥不同）', '锚定记录第 2 行与前一行不衔接（有记录被删除或调换）']),
    );
    fs.writeFileSync(log, original);

    const other = await createTestContext({ dataDir, historyAnchorKey: 'another-key-another-key-another-key-0123' });
    try {
      // Its own database: the log is read with the wrong key.
      r = await other.app.get(HistoryAnchorService).check();
      expect(r.problems.filter((p) => p.problem.includes('签名不符')).length).toBe(lines.length);
    } finally {
      await other.close();
    }
  });

  it('the worker writes the day’s anchor once a day', async () => {
    const worker = t.app.get(WorkerService);
    const before = fs.readFileSync(path.join(anchors.dir, 'anchors.log'), 'utf8').trim().split('\n').length;
    clock.set('2026-03-03');
    expect((await worker.tick()).anchored).toBe(true);
    expect((await worker.tick()).anchored).toBe(false);
    clock.set('2026-03-04');
    expect((await worker.tick()).anchored).toBe(true);
    const after = fs.readFileSync(path.join(anchors.dir, 'anchors.log'), 'utf8').trim().split('\n');
    expect(after.length).toBe(before + 2);
    expect(JSON.parse(after[after.length - 1]).day).toBe('2026-03-04');
  });
});
