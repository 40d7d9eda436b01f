/**
 * 网上申请 (issue 14): POST /public/applications stores the application at once as a case awaiting
 * the office's confirmation; 条例第三十一条第（三）项 — 以双方确认之日为收到申请之日 — the clerk's
 * confirm-receipt fixes the receipt date and starts the clock. Rate-limited per address, a
 * honeypot, field errors in Chinese with nothing stored, flagged to the clerks after 1 working day.
 */
import { TimersService } from '../../src/modules/cases/timers.service';
import { FixedClock } from '../../src/platform/clock/clock';
import { act, register, registration } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

/** The body of an online application: a registration without the office's fields. */
export function application(over: Record<string, any> = {}) {
  const { channel: _c, arrivedAt: _a, ...rest } = registration();
  return { ...rest, applicant: { ...rest.applicant, email: 'zhangsan@example.cn' }, ...over };
}

describe('online application awaiting confirmation (条例第31条第（三）项)', () => {
  let t: TestContext;
  // Friday 2026-03-06, 10:00 in Shanghai; moved by hand below.
  const clock = FixedClock.at('2026-03-06');
  beforeAll(async () => {
    t = await createTestContext({ publicApplicationsPerMinute: 0 }, { clock });
  });
  afterAll(() => t.close());

  const count = async () => (await t.db.query(`SELECT count(*)::int n FROM cases`)).rows[0].n;
  const submit = (body: Record<string, any>) => t.http.post('/api/v1/public/applications').send(body);
  const clerk = async () => `Bearer ${await t.login('clerk')}`;
  const caseOf = async (trackingCode: string) => {
    const id = (await t.db.query(`SELECT id FROM cases WHERE tracking_code = $1`, [trackingCode])).rows[0].id;
    return (await t.http.get(`/api/v1/cases/${id}`).set('authorization', await clerk())).body;
  };

  it('201 with the tracking code only; a case with channel online, arrived now, no receipt date, 待确认 for the clerk', async () => {
    const res = await submit(application());
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['status', 'trackingCode']);
    expect(res.body.status).toBe('awaiting_confirmation');
    expect(res.body.trackingCode).toMatch(/^[2-9A-Z]{12}$/);
    const c = await caseOf(res.body.trackingCode);
    expect(c).toMatchObject({ state: 'awaitingConfirmation', channel: 'online', receiptDate: null, confirmedAt: null });
    expect(c.arrivedAt).toBe('2026-03-06T02:00:00.000Z');
    expect(c.deadlines.replyDue).toBeNull();
    expect(c.deadlines.correctionNoticeDue).toBeNull();
    expect(c.allowedActions).toEqual(['confirm-receipt']);
    expect(c.letters).toEqual([]);
    expect(c.history.map((e: any) => e.type)).toEqual(['APPLICATION_SUBMITTED']);
    expect(c.history[0].actor).toBeNull();
    const list = await t.http.get('/api/v1/cases?state=awaitingConfirmation').set('authorization', await clerk());
    const item = list.body.items.find((i: any) => i.id === c.id);
    expect(item).toMatchObject({ state: 'awaitingConfirmation', receiptDate: null, arrivedAt: '2026-03-06T02:00:00.000Z', confirmationOverdue: false });
    // Confirmed within one working day: Monday 2026-03-09.
    expect(item).toMatchObject({ nextDue: '2026-03-09', nextDueKind: 'confirmation' });
    // Nothing runs on it but the confirmation: the clerk cannot accept it yet.
    const refused = await act(t, 'clerk', c, 'accept');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ACTION_NOT_AVAILABLE_IN_STATE');
    expect(refused.body.message).toContain('待确认');
  });

  it('400 with Chinese field errors and nothing stored: wrong check digit, office fields, no contact, the honeypot', async () => {
    const before = await count();
    const bad = await submit(application({ applicant: { ...application().applicant, idNumber: '110105194912310020' } }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toContainEqual(expect.objectContaining({ field: 'applicant.idNumber' }));
    expect(bad.body.message).toMatch(/校验位/);
    for (const extra of [{ channel: 'online' }, { arrivedAt: '2026-03-06T10:00:00+08:00' }, { confirmedAt: '2026-03-06T10:00:00+08:00' }]) {
      const r = await submit(application(extra));
      expect(r.status).toBe(400);
      expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const noContact = await submit(application({ applicant: { ...application().applicant, phone: undefined, address: undefined } }));
    expect(noContact.status).toBe(400);
    expect(noContact.body.errors.map((e: any) => e.field)).toContain('applicant.phone');
    const badMail = await submit(application({ applicant: { ...application().applicant, email: 'not-an-address' } }));
    expect(badMail.status).toBe(400);
    expect(badMail.body.errors).toContainEqual({ field: 'applicant.email', message: expect.stringContaining('电子邮箱') });
    const noMail = await submit(application({ deliveryMethod: 'email', applicant: { ...application().applicant, email: undefined } }));
    expect(noMail.status).toBe(400);
    const bot = await submit(application({ website: 'http://spam.example' }));
    expect(bot.status).toBe(400);
    expect(bot.body.errors.map((e: any) => e.field)).toEqual(['website']);
    const empty = await submit({});
    expect(empty.status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('confirm-receipt: the receipt date is the confirmation date in Shanghai, the clock starts, the 登记回执 is issued; the history replays', async () => {
    clock.set('2026-03-06', '10:00:00+08:00');
    const sub = await submit(application());
    let c = await caseOf(sub.body.trackingCode);
    // A handler may not confirm; a confirmation before the arrival is refused; the date follows confirmedAt.
    expect((await act(t, 'handler', c, 'confirm-receipt', { confirmedAt: '2026-03-06T11:00:00+08:00' })).status).toBe(403);
    const early = await act(t, 'clerk', c, 'confirm-receipt', { confirmedAt: '2026-03-05T11:00:00+08:00' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('CONFIRMATION_BEFORE_ARRIVAL');
    expect(early.body.article).toBe('条例第三十一条第（三）项');
    const future = await act(t, 'clerk', c, 'confirm-receipt', { confirmedAt: '2026-03-07T11:00:00+08:00' });
    expect(future.status).toBe(400);
    expect(future.body.errors.map((e: any) => e.field)).toEqual(['confirmedAt']);
    const mismatch = await act(t, 'clerk', c, 'confirm-receipt', { confirmedAt: '2026-03-06T11:00:00+08:00', occurredOn: '2026-03-05' });
    expect(mismatch.status).toBe(400);
    // Confirmed on Monday 2026-03-09 at 00:30 Shanghai time (still Sunday in UTC): the receipt date is the 9th.
    clock.set('2026-03-09', '09:00:00+08:00');
    const ok = await act(t, 'clerk', c, 'confirm-receipt', { confirmedAt: '2026-03-08T16:30:00Z' });
    expect(ok.status).toBe(200);
    c = ok.body;
    expect(c).toMatchObject({ state: 'registered', receiptDate: '2026-03-09', confirmedAt: '2026-03-08T16:30:00.000Z' });
    expect(c.flags.map((f: any) => f.kind)).not.toContain('late_online_confirmation'); // confirmed on the next working day
    expect(c.deadlines.replyDue).toBe('2026-04-07'); // 20 working days from 2026-03-09 (Qingming 4/4–4/6)
    expect(c.deadlines.correctionNoticeDue).toBe('2026-03-18');
    expect(c.allowedActions).toEqual(expect.arrayContaining(['accept', 'request-correction']));
    expect(c.letters.map((l: any) => l.type)).toContain('receipt');
    expect(c.history.map((e: any) => e.type)).toEqual(['APPLICATION_SUBMITTED', 'CONFIRM_RECEIPT', 'LETTER_ISSUED']);
    expect(c.history[1]).toMatchObject({ occurredOn: '2026-03-09', payload: { confirmedAt: '2026-03-08T16:30:00Z' } });
    const again = await act(t, 'clerk', c, 'confirm-receipt', { confirmedAt: '2026-03-09T09:00:00+08:00' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ACTION_NOT_AVAILABLE_IN_STATE');
    const v = await t.http.get(`/api/v1/cases/${c.id}/history/verify`).set('authorization', `Bearer ${await t.login('legal')}`);
    expect(v.body).toMatchObject({ intact: true, replayMatches: true, problems: [] });
    // The applicant follows it on /track: submitted, then confirmed.
    const tr = await t.http.post('/api/v1/track').send({ trackingCode: sub.body.trackingCode, phoneLast4: '0000' });
    expect(tr.status).toBe(200);
    expect(tr.body.receiptDate).toBe('2026-03-09');
    expect(tr.body.steps).toEqual([
      { label: '网上提交申请', on: '2026-03-06' },
      { label: '确认收到申请', on: '2026-03-09' },
    ]);
  });

  it('/track before the confirmation: the step and no receipt date', async () => {
    clock.set('2026-03-09', '09:00:00+08:00');
    const sub = await submit(application());
    const tr = await t.http.post('/api/v1/track').send({ trackingCode: sub.body.trackingCode, phoneLast4: '0000' });
    expect(tr.status).toBe(200);
    expect(tr.body).toMatchObject({ state: 'awaitingConfirmation', receiptDate: null, replyDue: null, steps: [{ label: '网上提交申请', on: '2026-03-09' }] });
    expect(tr.body.currentStep).toContain('待工作机构确认');
  });

  it('unconfirmed after one working day: flagged in the worklist, the clerks notified, the history records it', async () => {
    clock.set('2026-03-10', '15:00:00+08:00'); // Tuesday
    const sub = await submit(application());
    const c = await caseOf(sub.body.trackingCode);
    const timers = t.app.get(TimersService);
    await timers.tick('2026-03-11'); // due Wednesday 3/11: nothing yet
    clock.set('2026-03-12', '09:00:00+08:00');
    await timers.tick('2026-03-12');
    const list = await t.http.get('/api/v1/cases?state=awaitingConfirmation').set('authorization', await clerk());
    expect(list.body.items.find((i: any) => i.id === c.id)).toMatchObject({ nextDue: '2026-03-11', confirmationOverdue: true });
    const notes = await t.http.get('/api/v1/notifications').set('authorization', await clerk());
    const note = (notes.body.items ?? notes.body).find((n: any) => n.caseId === c.id);
    expect(note).toMatchObject({ kind: 'confirmation_overdue' });
    expect(note.message).toContain('条例第三十一条第（三）项');
    const after = await caseOf(sub.body.trackingCode);
    expect(after.state).toBe('awaitingConfirmation');
    expect(after.history.map((e: any) => e.type)).toEqual(['APPLICATION_SUBMITTED', 'CONFIRMATION_OVERDUE']);
    // The late confirmation still starts the clock on its own day.
    const ok = await act(t, 'clerk', after, 'confirm-receipt', { confirmedAt: '2026-03-12T08:30:00+08:00' });
    expect(ok.body).toMatchObject({ state: 'registered', receiptDate: '2026-03-12' });
    // The legal audit sees the delay: a flag on the case, and the worklist's filter finds it.
    expect(ok.body.flags).toContainEqual(
      expect.objectContaining({ kind: 'late_online_confirmation', article: '条例第31条第（三）项', arrivedOn: '2026-03-10', dueOn: '2026-03-11', confirmedOn: '2026-03-12' }),
    );
    const flagged = await t.http.get('/api/v1/cases?flag=late_online_confirmation').set('authorization', await clerk());
    expect(flagged.body.items.map((i: any) => i.id)).toEqual([c.id]);
  });

  it("a clerk's registration with channel online and confirmedAt keeps working: received on the confirmation's date", async () => {
    clock.set('2026-03-12', '09:00:00+08:00');
    const res = await register(t, { channel: 'online', arrivedAt: '2026-03-10T20:00:00+08:00', confirmedAt: '2026-03-11T09:00:00+08:00' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'registered', channel: 'online', receiptDate: '2026-03-11' });
    expect(res.body.history[0].type).toBe('REGISTERED');
  });

  it('under load: more concurrent submissions than pool connections answer 201 or 503, each with its own case number', async () => {
    const small = await createTestContext({ publicApplicationsPerMinute: 0, dbPoolMax: 3, dbAcquireTimeoutMs: 3000 });
    try {
      const res = await Promise.all(Array.from({ length: 16 }, () => small.http.post('/api/v1/public/applications').send(application())));
      const statuses = res.map((r) => r.status);
      expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);
      expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(0);
      const rows = (await small.db.query(`SELECT case_number FROM cases WHERE state = 'awaitingConfirmation'`)).rows;
      expect(rows.length).toBe(statuses.filter((s) => s === 201).length);
      expect(new Set(rows.map((r: any) => r.case_number)).size).toBe(rows.length);
    } finally {
      await small.close();
    }
  });
});

describe('confirm-receipt under load', () => {
  it('more concurrent confirmations of one application than pool connections: one 200, the others 409 or 503, one receipt', async () => {
    const t = await createTestContext({ publicApplicationsPerMinute: 0, dbPoolMax: 3, dbAcquireTimeoutMs: 3000 });
    try {
      const sub = await t.http.post('/api/v1/public/applications').send(application());
      const id = (await t.db.query(`SELECT id FROM cases WHERE tracking_code = $1`, [sub.body.trackingCode])).rows[0].id;
      const token = await t.login('clerk');
      const confirmedAt = new Date().toISOString();
      const res = await Promise.all(
        Array.from({ length: 12 }, () =>
          t.http.post(`/api/v1/cases/${id}/actions/confirm-receipt`).set('authorization', `Bearer ${token}`).send({ expectedVersion: 1, confirmedAt }),
        ),
      );
      const statuses = res.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.every((s) => s === 200 || s === 409 || s === 503)).toBe(true);
      const letters = (await t.db.query(`SELECT count(*)::int n FROM letters WHERE case_id = $1 AND type = 'receipt'`, [id])).rows[0].n;
      expect(letters).toBe(1);
    } finally {
      await t.close();
    }
  });
});

describe('online application rate limit per address (PUBLIC_APPLICATIONS_PER_MINUTE)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ publicApplicationsPerMinute: 2 });
  });
  afterAll(() => t.close());

  it('the third submission within a minute from one address is 429 and stores nothing', async () => {
    const ok = [await t.http.post('/api/v1/public/applications').send(application()), await t.http.post('/api/v1/public/applications').send(application())];
    expect(ok.map((r) => r.status)).toEqual([201, 201]);
    const before = (await t.db.query(`SELECT count(*)::int n FROM cases`)).rows[0].n;
    const third = await t.http.post('/api/v1/public/applications').send(application());
    expect(third.status).toBe(429);
    expect(third.body.code).toBe('TOO_MANY_REQUESTS');
    expect(third.body.message).toMatch(/频繁/);
    expect((await t.db.query(`SELECT count(*)::int n FROM cases`)).rows[0].n).toBe(before);
  });
});
