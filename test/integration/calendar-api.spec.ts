import { createTestContext, TestContext, createAppOn } from '../support/test-app';
import request from 'supertest';

describe('calendar and clock API (contract)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('GET /calendar/add-working-days is public and answers the contract shape', async () => {
    const res = await t.http.get('/api/v1/calendar/add-working-days?from=2026-02-13&days=20');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ from: '2026-02-13', days: 20, date: '2026-03-19', provisional: false });
    const prov = await t.http.get('/api/v1/calendar/add-working-days?from=2026-12-20&days=10');
    expect(prov.body.provisional).toBe(true);
  });

  it('GET /calendar/working-days-between counts from < d ≤ to', async () => {
    const res = await t.http.get('/api/v1/calendar/working-days-between?from=2026-02-13&to=2026-03-19');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ from: '2026-02-13', to: '2026-03-19', workingDays: 20, provisional: false });
  });

  it.each([
    ['from=2026-02-30&days=20', 'from'],
    ['from=nope&days=20', 'from'],
    ['from=2026-02-13&days=0', 'days'],
    ['from=2026-02-13&days=367', 'days'],
    ['from=2026-02-13&days=abc', 'days'],
    ['from=2026-02-13', 'days'],
  ])('bad query %s → 400 naming %s', async (qs, field) => {
    const res = await t.http.get(`/api/v1/calendar/add-working-days?${qs}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors[0].field).toBe(field);
    expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('GET /calendar/:year shows the notice or a provisional year', async () => {
    const y = await t.http.get('/api/v1/calendar/2026');
    expect(y.status).toBe(200);
    expect(y.body).toMatchObject({ year: 2026, loaded: true, provisional: false });
    expect(y.body.holidays).toHaveLength(7);
    expect(y.body.makeupWorkdays).toHaveLength(6);
    expect(y.body.notice).toContain('2026');
    const p = await t.http.get('/api/v1/calendar/2027');
    expect(p.body).toMatchObject({ year: 2027, loaded: false, provisional: true, holidays: [] });
    expect((await t.http.get('/api/v1/calendar/20x6')).status).toBe(400);
  });

  it('POST /clock/preview computes with the same clock the cases use', async () => {
    const res = await t.http.post('/api/v1/clock/preview').send({
      receiptDate: '2026-07-16',
      consultations: [
        { party: 'thirdParty', sentOn: '2026-07-20', closedOn: '2026-07-30' },
        { party: 'agency', sentOn: '2026-07-28', closedOn: '2026-08-05' },
      ],
      extensionWorkingDays: 16,
      asOf: '2026-08-10',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      correctionNoticeDue: '2026-07-27',
      replyDue: '2026-09-21',
      provisional: false,
      remainingWorkingDays: 31,
      overdue: false,
    });
    const pause = res.body.ledger.find((e: any) => e.kind === 'pause');
    expect(pause).toMatchObject({ from: '2026-07-20', to: '2026-08-05', workingDaysRemoved: 12 });
  });

  it('POST /clock/preview counts consultation, fee and correction periods from receipt, and shows unknown receipts (finding 1)', async () => {
    const res = await t.http.post('/api/v1/clock/preview').send({
      receiptDate: '2026-03-02',
      consultations: [
        { party: 'agency', sentOn: '2026-03-05', receivedOn: '2026-03-09' },
        { party: 'thirdParty', sentOn: '2026-03-05', awaitingReceipt: true },
        { party: 'agency', basis: 'secrecyReferral', sentOn: '2026-03-06' },
      ],
      feePeriods: [{ noticeOn: '2026-03-20', receivedOn: '2026-03-24' }],
      asOf: '2026-03-25',
    });
    expect(res.status).toBe(200);
    expect(res.body.consultationDues).toEqual([
      { index: 0, party: 'agency', basis: 'coProducer', due: '2026-03-30', open: true, provisional: false, awaitingReceipt: false },
      { index: 1, party: 'thirdParty', basis: null, due: null, open: true, provisional: false, awaitingReceipt: true },
      { index: 2, party: 'agency', basis: 'secrecyReferral', due: null, open: true, provisional: false, awaitingReceipt: false },
    ]);
    expect(res.body.feePaymentDues).toEqual([{ index: 0, due: '2026-04-22', open: true, provisional: false, awaitingReceipt: false }]);
    const corr = await t.http.post('/api/v1/clock/preview').send({ receiptDate: '2026-02-13', correction: { requestedOn: '2026-02-24', noticeReceivedOn: '2026-02-27', periodWorkingDays: 10 } });
    expect([corr.status, corr.body.applicantCorrectionDue, corr.body.applicantCorrectionAwaitingReceipt]).toEqual([200, '2026-03-12', false]); // Sat 02-28 is a 春节 make-up working day
    const waiting = await t.http.post('/api/v1/clock/preview').send({ receiptDate: '2026-02-13', correction: { requestedOn: '2026-02-24', noticeAwaitingReceipt: true } });
    expect([waiting.status, waiting.body.applicantCorrectionDue, waiting.body.applicantCorrectionAwaitingReceipt]).toEqual([200, null, true]);
  });

  it.each([
    [{ receiptDate: '2026-02-30' }, 'receiptDate'],
    [{ receiptDate: '2026-03-02', extensionWorkingDays: 21 }, 'extensionWorkingDays'],
    [{ receiptDate: '2026-03-02', consultations: [{ party: 'thirdParty', sentOn: '2026-03-10', closedOn: '2026-03-05' }] }, 'consultations[0].closedOn'],
    [{ receiptDate: '2026-03-02', consultations: [{ party: 'someone', sentOn: '2026-03-10' }] }, 'consultations.0.party'],
    [{ receiptDate: '2026-03-02', bogus: 1 }, 'bogus'],
    [{ receiptDate: '2026-03-02', consultations: [{ party: 'agency', basis: 'friendly', sentOn: '2026-03-10' }], asOf: '2026-03-11' }, 'consultations.0.basis'],
    [{ receiptDate: '2026-03-02', consultations: [{ party: 'thirdParty', basis: 'other', sentOn: '2026-03-10' }], asOf: '2026-03-11' }, 'consultations[0].basis'],
    [{ receiptDate: '2026-03-02', feePeriods: [{ noticeOn: '2026-03-10', receivedOn: '2026-03-09' }], asOf: '2026-03-11' }, 'feePeriods[0].receivedOn'],
    [{ receiptDate: '2026-03-02', feePeriods: [{ noticeOn: '2026-03-10', receivedOn: '2026-03-12', awaitingReceipt: true }], asOf: '2026-03-13' }, 'feePeriods[0].awaitingReceipt'],
  ])('bad preview body → 400', async (body, field) => {
    const res = await t.http.post('/api/v1/clock/preview').send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.field)).toContain(field.replace('.0.', '[0].'));
  });

  it('PUT /calendar/:year is the platform operator\'s only, validated, kept in history, and changes the calendar', async () => {
    const body = {
      notice: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
      source: 'https://www.gov.cn/test',
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
      makeupWorkdays: [],
    };
    for (const who of ['clerk', 'admin']) {
      const refused = await t.http.put('/api/v1/calendar/2027').set('authorization', `Bearer ${await t.login(who)}`).send(body);
      expect([who, refused.status]).toEqual([who, 403]);
    }
    expect((await t.http.put('/api/v1/calendar/2027').send(body)).status).toBe(401);
    const admin = await t.login('operator');
    const bad = await t.http
      .put('/api/v1/calendar/2027')
      .set('authorization', `Bearer ${admin}`)
      .send({ ...body, makeupWorkdays: [{ name: '错', date: '2027-01-04' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('makeupWorkdays[0].date');
    const before = await t.http.get('/api/v1/calendar/add-working-days?from=2026-12-31&days=1');
    expect(before.body).toMatchObject({ date: '2027-01-01', provisional: true });
    const ok = await t.http.put('/api/v1/calendar/2027').set('authorization', `Bearer ${admin}`).send(body);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ year: 2027, loaded: true });
    const after = await t.http.get('/api/v1/calendar/add-working-days?from=2026-12-31&days=1');
    expect(after.body).toMatchObject({ date: '2027-01-04', provisional: false });
    const again = await t.http
      .put('/api/v1/calendar/2027')
      .set('authorization', `Bearer ${admin}`)
      .send({ ...body, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }] });
    expect(again.status).toBe(200);
    const history = await t.http.get('/api/v1/calendar/2027/history').set('authorization', `Bearer ${admin}`);
    expect(history.body.map((h: any) => h.action)).toEqual(['load', 'replace']);
    expect(history.body[1].before.holidays[0].to).toBe('2027-01-03');
    await expect(t.db.query(`DELETE FROM calendar_changes`)).rejects.toThrow(/append-only/);
  });

  it('another instance on the same database rebuilds its calendar when the change commits (LISTEN/NOTIFY), without a timer poll', async () => {
    const other = await createAppOn(t.url, { timerPollMs: 0 });
    try {
      const http = request(other.getHttpServer());
      const ask = async () => (await http.get('/api/v1/calendar/add-working-days?from=2028-01-31&days=1')).body;
      expect(await ask()).toMatchObject({ date: '2028-02-01', provisional: true });
      const body = { notice: '国务院办公厅关于2028年部分节假日安排的通知（测试）', source: 'https://www.gov.cn/test', holidays: [{ name: '测试假日', from: '2028-02-01', to: '2028-02-02' }], makeupWorkdays: [] };
      const ok = await t.http.put('/api/v1/calendar/2028').set('authorization', `Bearer ${await t.login('operator')}`).send(body);
      expect(ok.status).toBe(200);
      let seen: any = null;
      for (let i = 0; i < 50 && seen?.date !== '2028-02-03'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        seen = await ask();
      }
      expect(seen).toMatchObject({ date: '2028-02-03', provisional: false });
    } finally {
      await other.close();
    }
  });
});
