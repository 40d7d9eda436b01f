import { parsePdf } from '../unit/letters/pdf-helpers';
import { FixedClock } from '../../src/platform/clock/clock';
import { act, departmentId, register } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

/**
 * Security finding 5 — backdating gets around the statutory checks. A backdated action (补录)
 * records a fact that already happened on paper: beyond the agency's grace window (default 3
 * working days) it needs a backdateReason (400 without it) and is flagged for the legal audit;
 * every entry keeps its occurredOn beside the server's recordedAt. A letter the system generates
 * is dated the day it is generated, never the backdated day.
 * An internal-control rule of the agency, not an article of the 条例.
 */
describe('backdated actions (补录, security finding 5)', () => {
  // Friday 2026-03-27. The cases below are received on 2026-02-13: their reply deadline (20 working
  // days, 条例第三十三条第二款) is 2026-03-19, so on the clock's day it has passed.
  const TODAY = '2026-03-27';
  const clock = FixedClock.at(TODAY);
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({}, { clock });
  });
  afterAll(() => t.close());

  const get = async (id: string, who = 'legal') =>
    (await t.http.get(`/api/v1/cases/${id}`).set('authorization', `Bearer ${await t.login(who)}`)).body;
  const eventCount = async (id: string) => Number((await t.db.query(`SELECT count(*) FROM case_events WHERE case_id = $1`, [id])).rows[0].count);
  const verify = async (id: string) =>
    (await t.http.get(`/api/v1/cases/${id}/history/verify`).set('authorization', `Bearer ${await t.login('legal')}`)).body;
  const patchAgency = async (settings: Record<string, unknown>, who = 'admin') =>
    t.http.patch('/api/v1/agency').set('authorization', `Bearer ${await t.login(who)}`).send({ settings });

  it('refuses an action dated 5 working days back without backdateReason, and stores nothing', async () => {
    const c = (await register(t)).body;
    const before = await eventCount(c.id);
    // (2026-03-20, 2026-03-27]: 03-23, 24, 25, 26, 27.
    const res = await act(t, 'clerk', c, 'accept', { occurredOn: '2026-03-20', backdateReason: undefined });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toBe('业务发生日期早于今天超过 3 个工作日（晚 5 个工作日补录），须填写补录原因（backdateReason）');
    expect(res.body.errors).toEqual([{ field: 'backdateReason', message: expect.stringContaining('backdateReason') }]);
    // A blank reason is no reason (trimmed).
    expect((await act(t, 'clerk', c, 'accept', { occurredOn: '2026-03-20', backdateReason: '   ' })).status).toBe(400);
    const after = await get(c.id);
    expect([after.version, after.state, after.history.length, await eventCount(c.id)]).toEqual([c.version, c.state, c.history.length, before]);
  });

  it('accepts it with a reason: the entry keeps occurredOn, recordedAt and the flag for the legal audit', async () => {
    const c = (await register(t)).body;
    const res = await act(t, 'clerk', c, 'accept', { occurredOn: '2026-03-20', backdateReason: '  系统停机期间已在纸质登记簿受理  ' });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(c.version + 1);
    const entry = res.body.history.find((e: any) => e.type === 'ACCEPT');
    expect(entry.occurredOn).toBe('2026-03-20');
    expect(entry.recordedAt.slice(0, 10)).toBe(TODAY);
    expect(entry.payload.backdate).toEqual({
      reason: '系统停机期间已在纸质登记簿受理',
      recordedOn: TODAY,
      workingDaysLate: 5,
      graceWorkingDays: 3,
      flagged: true,
    });
    expect(res.body.backdatedEvents).toEqual([
      { seq: entry.seq, type: 'ACCEPT', occurredOn: '2026-03-20', recordedAt: entry.recordedAt, workingDaysLate: 5, reason: '系统停机期间已在纸质登记簿受理' },
    ]);
    // The note is beside the event: the history still replays to the stored state.
    expect(await verify(c.id)).toMatchObject({ intact: true, replayMatches: true, problems: [] });
  });

  it('needs no reason within the grace window (3 working days)', async () => {
    const c = (await register(t)).body;
    // (2026-03-24, 2026-03-27]: 03-25, 26, 27.
    const res = await act(t, 'clerk', c, 'accept', { occurredOn: '2026-03-24', backdateReason: undefined });
    expect(res.status).toBe(200);
    const entry = res.body.history.find((e: any) => e.type === 'ACCEPT');
    expect(entry.occurredOn).toBe('2026-03-24');
    expect(entry.payload).not.toHaveProperty('backdate');
    expect(res.body.backdatedEvents).toEqual([]);
    // Nor for an action of today.
    const next = await act(t, 'clerk', res.body, 'assign', { departmentId: await departmentId(t) });
    expect(next.status).toBe(200);
    expect(next.body.history.find((e: any) => e.type === 'ASSIGN').payload).not.toHaveProperty('backdate');
  });

  describe('the finding: an extension refused after the deadline, dated before it', () => {
    let c: any;
    beforeAll(async () => {
      c = (await register(t)).body;
      c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
      c = (await act(t, 'clerk', c, 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-24' })).body;
      expect(c.deadlines.replyDue).toBe('2026-03-19');
    });

    it('refuses it on the day (条例第三十三条第二款), and refuses it backdated without a reason (400)', async () => {
      const today = await act(t, 'approver', c, 'extend', { workingDays: 10, reason: '需调取大量档案' });
      expect([today.status, today.body.code]).toEqual([409, 'EXTENSION_AFTER_DEADLINE']);
      // Dated the day before the deadline: 7 working days back (03-19, 20, 23, 24, 25, 26, 27).
      const backdated = await act(t, 'approver', c, 'extend', { workingDays: 10, reason: '需调取大量档案', occurredOn: '2026-03-18', backdateReason: undefined });
      expect(backdated.status).toBe(400);
      expect(backdated.body.code).toBe('VALIDATION_FAILED');
      expect(backdated.body.errors.map((e: any) => e.field)).toEqual(['backdateReason']);
      expect(backdated.body.message).toMatch(/晚 7 个工作日补录/);
      const still = await get(c.id);
      expect([still.version, still.summary.extension ?? null, still.letters.length]).toEqual([c.version, null, c.letters.length]);
    });

    it('with a reason: accepted and flagged; its notice is generated, numbered and dated today', async () => {
      const res = await act(t, 'approver', c, 'extend', {
        workingDays: 10,
        reason: '需调取大量档案',
        occurredOn: '2026-03-18',
        backdateReason: '3月18日已由公开办主任书面同意延期，纸质审批单附卷',
      });
      expect(res.status).toBe(200);
      c = res.body;
      const extend = c.history.find((e: any) => e.type === 'EXTEND');
      expect(extend.occurredOn).toBe('2026-03-18');
      expect(extend.payload.backdate).toMatchObject({ flagged: true, workingDaysLate: 7, recordedOn: TODAY });
      // The case's earlier steps were typed in today from the paper file too (the helper gave their reason).
      expect(c.backdatedEvents.map((e: any) => [e.type, e.occurredOn, e.workingDaysLate])).toEqual([
        ['ACCEPT', '2026-02-13', 26],
        ['ASSIGN', '2026-02-24', 24],
        ['EXTEND', '2026-03-18', 7],
      ]);
      // The letter: dated the day it is generated, in its stored row, its history entry and its text.
      const letters = (await t.http.get(`/api/v1/cases/${c.id}/letters`).set('authorization', `Bearer ${await t.login('legal')}`)).body;
      const notice = letters.find((l: any) => l.type === 'extension_notice');
      expect(notice.issuedOn).toBe(TODAY);
      const issued = c.history.find((e: any) => e.type === 'LETTER_ISSUED' && e.payload.letterId === notice.id);
      expect(issued.occurredOn).toBe(TODAY);
      expect(issued.seq).toBe(extend.seq + 1);
      const pdf = await t.http
        .get(`/api/v1/letters/${notice.id}/pdf`)
        .set('authorization', `Bearer ${await t.login('legal')}`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (b: Buffer) => chunks.push(b));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      const text = (await parsePdf(pdf.body as Buffer)).text;
      expect(text).toContain('2026年3月27日');
      expect(text).not.toContain('2026年3月18日');
      expect(await verify(c.id)).toMatchObject({ intact: true, replayMatches: true, problems: [] });
    });

    it('still refuses a later action dated before the previous one; the letter’s date does not bound it', async () => {
      const before = await act(t, 'handler', c, 'propose', { outcome: 'not_exist', searchPerformed: '检索了档案室全部卷宗', occurredOn: '2026-03-17' });
      expect(before.status).toBe(400);
      expect(before.body.errors).toEqual([{ field: 'occurredOn', message: 'occurredOn 不能早于 2026-03-18' }]);
      const between = await act(t, 'handler', c, 'propose', { outcome: 'not_exist', searchPerformed: '检索了档案室全部卷宗', occurredOn: '2026-03-20' });
      expect(between.status).toBe(200);
      expect(between.body.backdatedEvents.map((e: any) => e.type)).toEqual(['ACCEPT', 'ASSIGN', 'EXTEND', 'PROPOSE']);
    });
  });

  it('lets the agency admin change the grace window (PATCH /agency), and follows it', async () => {
    expect((await t.http.get('/api/v1/agency').set('authorization', `Bearer ${await t.login('admin')}`)).body.settings.backdateGraceWorkingDays).toBe(3);
    expect((await patchAgency({ backdateGraceWorkingDays: 10 }, 'clerk')).status).toBe(403);
    for (const bad of [-1, 61, 2.5, '5']) {
      const res = await patchAgency({ backdateGraceWorkingDays: bad });
      expect([bad, res.status, res.body.code]).toEqual([bad, 400, 'VALIDATION_FAILED']);
    }
    const wide = await patchAgency({ backdateGraceWorkingDays: 10 });
    expect(wide.status).toBe(200);
    expect(wide.body.settings).toMatchObject({ backdateGraceWorkingDays: 10, feePausesClock: true, warningWorkingDays: [3, 1] });
    let c = (await register(t)).body;
    const ok = await act(t, 'clerk', c, 'accept', { occurredOn: '2026-03-20', backdateReason: undefined });
    expect(ok.status).toBe(200);
    c = ok.body;

    expect((await patchAgency({ backdateGraceWorkingDays: 0 })).body.settings.backdateGraceWorkingDays).toBe(0);
    const strict = await act(t, 'clerk', c, 'assign', { departmentId: await departmentId(t), occurredOn: '2026-03-26', backdateReason: undefined });
    expect(strict.status).toBe(400);
    expect(strict.body.message).toMatch(/超过 0 个工作日/);
    const flagged = await act(t, 'clerk', c, 'assign', { departmentId: await departmentId(t), occurredOn: '2026-03-26', backdateReason: '昨日已书面分办' });
    expect(flagged.status).toBe(200);
    expect(flagged.body.backdatedEvents).toEqual([expect.objectContaining({ type: 'ASSIGN', workingDaysLate: 1, reason: '昨日已书面分办' })]);
    expect((await patchAgency({ backdateGraceWorkingDays: 3 })).status).toBe(200);
  });
});
