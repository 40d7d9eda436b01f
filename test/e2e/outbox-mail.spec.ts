/**
 * The applicant's e-mail (issue 14) through the outbox, received by a real SMTP server (smtp-server,
 * on a free port) and parsed back (mailparser; the attached letters with pdfjs): recipients, subject,
 * Chinese body, the 登记回执 and the reply attached, nothing without an address, the retry after a
 * refusal, parking after N failures, exactly once across a worker restart mid-send, and the
 * electronic delivery of the reply with the SMTP acceptance as its proof.
 */
import { AddressInfo } from 'node:net';
import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { OutboxDeliveryService } from '../../src/modules/outbox/outbox-delivery.service';
import { OutboxRepository } from '../../src/modules/outbox/outbox.repository';
import { act, decidedCase as decidedNotExistCase, departmentId, register, registration } from '../support/cases';
import { createAppOn, createTestContext, TestContext } from '../support/test-app';
import { parsePdf } from '../unit/letters/pdf-helpers';

const EMAIL = 'zhangsan@example.cn';

/** A test SMTP server: keeps what it accepts; `refuseNext` 451s the next n messages; `delayMs` holds each DATA answer. */
class TestSmtp {
  received: Array<{ mail: ParsedMail; envelopeTo: string[] }> = [];
  dataStarted = 0;
  refuseNext = 0;
  delayMs = 0;
  private server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, session, cb) => {
      this.dataStarted++;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
        if (this.refuseNext > 0) {
          this.refuseNext--;
          return cb(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 }));
        }
        this.received.push({ mail: await simpleParser(Buffer.concat(chunks)), envelopeTo: session.envelope.rcptTo.map((r) => r.address) });
        cb();
      });
    },
  });
  port = 0;
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return `smtp://127.0.0.1:${this.port}`;
  }
  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const until = async (cond: () => boolean | Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('outbox e-mail to the applicant (real SMTP server)', () => {
  const smtp = new TestSmtp();
  let t: TestContext;
  let smtpUrl: string;
  const deliver = () => t.app.get(OutboxDeliveryService).deliverDue();
  const outbox = async (status?: string) =>
    (await t.http.get(`/api/v1/outbox${status ? `?status=${status}` : ''}`).set('authorization', `Bearer ${await t.login('admin')}`)).body;
  const rowsOf = async (caseId: string) => (await t.db.query(`SELECT * FROM outbox WHERE case_id = $1 ORDER BY created_at`, [caseId])).rows;

  beforeAll(async () => {
    smtpUrl = await smtp.start();
    t = await createTestContext({ smtpUrl, mailFrom: '示范县人民政府办公室 <gk@example.gov.cn>', publicBaseUrl: 'https://gk.example.gov.cn', outboxPollMs: 0, outboxMaxAttempts: 3 });
    await t.db.query(`UPDATE agencies SET settings = settings || '{"reconsiderationOnlineChannel":"https://fy.example.gov.cn/apply"}'::jsonb`);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });
  beforeEach(() => {
    smtp.received = [];
    smtp.refuseNext = 0;
    smtp.delayMs = 0;
  });

  it('registration: one message to the applicant with the 登记回执 attached, Chinese subject and body, the tracking link', async () => {
    const c = (await register(t, { applicant: { ...registration().applicant, email: EMAIL } })).body;
    const pending = await outbox('pending');
    expect(pending.smtpConfigured).toBe(true);
    expect(pending.items.filter((i: any) => i.caseId === c.id)).toEqual([
      expect.objectContaining({ caseNumber: c.caseNumber, recipient: EMAIL, template: 'registered', status: 'pending', attempts: 0, lastError: null }),
    ]);
    expect(await deliver()).toBe(1);
    expect(smtp.received).toHaveLength(1);
    const { mail, envelopeTo } = smtp.received[0];
    expect(envelopeTo).toEqual([EMAIL]);
    expect((mail.to as any).text).toBe(EMAIL);
    expect(mail.from?.value[0].address).toBe('gk@example.gov.cn');
    const agencyName = (await t.db.query(`SELECT name FROM agencies LIMIT 1`)).rows[0].name;
    expect(mail.subject).toBe(`【${agencyName}】已收到您的政府信息公开申请（${c.caseNumber}）`);
    expect(mail.text).toContain('张三：');
    expect(mail.text).toContain('2026年2月13日收到您的政府信息公开申请');
    expect(mail.text).toContain(`查询码：${c.trackingCode}`);
    expect(mail.text).toContain('https://gk.example.gov.cn/track');
    const row = (await rowsOf(c.id))[0];
    expect(mail.messageId).toBe(row.message_id);
    expect(mail.attachments).toHaveLength(1);
    const receipt = c.letters.find((l: any) => l.type === 'receipt');
    expect(mail.attachments[0]).toMatchObject({ contentType: 'application/pdf', filename: `登记回执-${receipt.docNumber}.pdf` });
    const pdf = await parsePdf(mail.attachments[0].content);
    expect(pdf.text.replace(/\s+/g, '')).toContain(c.caseNumber);
    expect(pdf.text.replace(/\s+/g, '')).toContain(receipt.docNumber);
    const sent = await outbox('sent');
    expect(sent.items.find((i: any) => i.caseId === c.id)).toMatchObject({ status: 'sent', attempts: 1, smtpResponse: expect.stringMatching(/^250/) });
    // Sent once: a further poll sends nothing.
    expect(await deliver()).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

  it('nothing is queued or sent for an applicant without an e-mail address', async () => {
    const c = (await register(t)).body;
    const accepted = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
    expect(accepted.state).toBe('accepted');
    expect(await rowsOf(c.id)).toEqual([]);
    expect(await deliver()).toBe(0);
    expect(smtp.received).toEqual([]);
  });

  it('retries after the server refused (451), then sends once; parks after OUTBOX_MAX_ATTEMPTS with the error for the admin', async () => {
    smtp.refuseNext = 1;
    const c = (await register(t, { applicant: { ...registration().applicant, email: EMAIL } })).body;
    expect(await deliver()).toBe(0);
    let [row] = await rowsOf(c.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toMatch(/451/);
    expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 20_000); // back-off: ~30 s
    expect(await deliver()).toBe(0); // not due yet
    await t.db.query(`UPDATE outbox SET next_attempt_at = now() WHERE id = $1`, [row.id]); // the back-off has passed
    expect(await deliver()).toBe(1);
    [row] = await rowsOf(c.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].mail.messageId).toBe(row.message_id);

    // Refused every time: parked as failed after the 3rd attempt, the error visible to the admin.
    smtp.received = [];
    smtp.refuseNext = 99;
    const d = (await register(t, { applicant: { ...registration().applicant, email: EMAIL } })).body;
    for (let i = 0; i < 3; i++) {
      await t.db.query(`UPDATE outbox SET next_attempt_at = now() WHERE case_id = $1`, [d.id]);
      await deliver();
    }
    const failed = await outbox('failed');
    expect(failed.items.find((i: any) => i.caseId === d.id)).toMatchObject({ status: 'failed', attempts: 3, lastError: expect.stringMatching(/451/) });
    await t.db.query(`UPDATE outbox SET next_attempt_at = now() WHERE case_id = $1`, [d.id]);
    expect(await deliver()).toBe(0); // parked: never claimed again
    expect(smtp.received).toEqual([]);
    expect(smtp.dataStarted).toBeGreaterThan(0);
  });

  it('exactly once across a worker restart mid-send: the stopping worker finishes and records the send, the new one does not send again', async () => {
    smtp.delayMs = 1500;
    const before = smtp.dataStarted;
    const c = (await register(t, { applicant: { ...registration().applicant, email: EMAIL } })).body;
    const first = await createAppOn(t.url, { smtpUrl, outboxPollMs: 50 });
    await until(() => smtp.dataStarted > before); // the first worker is mid-send
    const second = await createAppOn(t.url, { smtpUrl, outboxPollMs: 50 }); // the restarted instance, polling
    await first.close(); // stops while sending: waits for the send under way
    await new Promise((r) => setTimeout(r, 500)); // the new instance polls meanwhile
    await second.close();
    expect(smtp.received).toHaveLength(1);
    const [row] = await rowsOf(c.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('a worker that died after claiming: the message waits out the lease, then another worker sends it once, same Message-ID', async () => {
    const c = (await register(t, { applicant: { ...registration().applicant, email: EMAIL } })).body;
    // A worker claims it and dies before sending (the claim has committed).
    const repo = t.app.get(OutboxRepository);
    const ds = t.app.get(DataSource);
    const msg = (await ds.transaction((m) => repo.claimNext(m, 'email', 2)))!;
    expect(msg.case_id).toBe(c.id);
    const next = await createAppOn(t.url, { smtpUrl, outboxPollMs: 0, outboxLeaseSeconds: 2 });
    try {
      const worker = next.get(OutboxDeliveryService);
      expect(await worker.deliverDue()).toBe(0); // still leased to the dead worker
      expect(smtp.received).toEqual([]);
      await new Promise((r) => setTimeout(r, 2100));
      expect(await worker.deliverDue()).toBe(1);
      expect(await worker.deliverDue()).toBe(0);
    } finally {
      await next.close();
    }
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].mail.messageId).toBe(msg.message_id);
    const [row] = await rowsOf(c.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('an online application: nothing at submission, the 登记回执 at confirmation, then the correction notice and the consultation (clock paused) each once', async () => {
    const { channel: _c, arrivedAt: _a, ...body } = registration();
    const sub = await t.http.post('/api/v1/public/applications').send({ ...body, applicant: { ...body.applicant, email: EMAIL } });
    expect(sub.status).toBe(201);
    const id = (await t.db.query(`SELECT id FROM cases WHERE tracking_code = $1`, [sub.body.trackingCode])).rows[0].id;
    expect(await rowsOf(id)).toEqual([]);
    let c = (await t.http.get(`/api/v1/cases/${id}`).set('authorization', `Bearer ${await t.login('clerk')}`)).body;
    c = (await act(t, 'clerk', c, 'confirm-receipt', { confirmedAt: new Date().toISOString() })).body;
    expect(c.state).toBe('registered');
    c = (await act(t, 'clerk', c, 'request-correction', { items: ['请写明所需信息的文号'], periodWorkingDays: 10 })).body;
    expect(c.state).toBe('awaitingCorrection');
    c = (await act(t, 'clerk', c, 'receive-correction')).body;
    c = (await act(t, 'clerk', c, 'assign', { departmentId: await departmentId(t) })).body;
    c = (await act(t, 'handler', c, 'start-consultation', { party: 'thirdParty', name: '某建设公司', deliveryMethod: 'in_person' })).body;
    expect((await rowsOf(id)).map((r: any) => r.template)).toEqual(['registered', 'correction_notice', 'consultation']);
    expect(await deliver()).toBe(3);
    const bySubject = (s: string) => smtp.received.filter((r) => r.mail.subject!.includes(s));
    const [reg] = bySubject('已收到');
    expect(reg.mail.attachments[0].filename).toMatch(/^登记回执-/);
    expect(reg.mail.text).toContain(`查询码：${sub.body.trackingCode}`);
    const [corr] = bySubject('补正');
    expect(corr.mail.attachments[0].filename).toMatch(/^补正告知书-/);
    expect((await parsePdf(corr.mail.attachments[0].content)).text.replace(/\s+/g, '')).toContain('请写明所需信息的文号');
    const [cons] = bySubject('征求意见');
    expect(cons.mail.attachments).toEqual([]);
    expect(cons.mail.text).toContain('不计算在答复期限内');
    expect(cons.mail.text).not.toContain('某建设公司'); // the third party is not named to the applicant
    expect(smtp.received).toHaveLength(3);
  });

  it('a third party with an e-mail address gets its consultation letter by e-mail (served electronically); its answer is recorded with the e-mail’s date', async () => {
    let c = (await register(t)).body; // the applicant gave no e-mail address: only the third party's message
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
    c = (await act(t, 'clerk', c, 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-16' })).body;
    const bad = await act(t, 'handler', c, 'start-consultation', { party: 'thirdParty', name: '某建设公司', email: 'not-an-address', occurredOn: '2026-02-17' });
    expect(bad.status).toBe(400);
    const mixed = await act(t, 'handler', c, 'start-consultation', { party: 'thirdParty', name: '某建设公司', email: 'legal@jianshe.example.cn', deliveryMethod: 'post', occurredOn: '2026-02-17' });
    expect(mixed.status).toBe(400);
    const res = await act(t, 'handler', c, 'start-consultation', { party: 'thirdParty', name: '某建设公司', email: 'legal@jianshe.example.cn', occurredOn: '2026-02-17' });
    expect(res.status).toBe(200);
    c = res.body;
    expect(c.consultations[0]).toMatchObject({ name: '某建设公司' });
    const rows = await rowsOf(c.id);
    expect(rows.map((r: any) => [r.template, r.recipient])).toEqual([['consultation_letter', 'legal@jianshe.example.cn']]);
    smtp.received = [];
    expect(await deliver()).toBe(1);
    const { mail, envelopeTo } = smtp.received[0];
    expect(envelopeTo).toEqual(['legal@jianshe.example.cn']);
    expect(mail.subject).toContain('征求意见函');
    expect(mail.text).toContain('某建设公司：');
    expect(mail.text).not.toContain('张三'); // the applicant is not named in the message
    const letter = c.letters.find((l: any) => l.type === 'third_party_consultation');
    expect(mail.attachments.map((a: any) => a.filename)).toEqual([`征求意见函-${letter.docNumber}.pdf`]);
    expect((await parsePdf(mail.attachments[0].content)).text.replace(/\s+/g, '')).toContain(letter.docNumber.replace(/\s+/g, ''));
    // Served electronically: its 15 working days run from the day it was sent (no delivery record awaited).
    const due = c.deadlines.consultationDues[0];
    expect(due).toMatchObject({ awaitingReceipt: false });
    const fifteen = await t.http.get('/api/v1/calendar/add-working-days?from=2026-02-17&days=15');
    expect(due.due).toBe(fifteen.body.date); // 2026-03-13 (春节 holidays in between)
    expect(due.due).toBe('2026-03-13');
    // The answer came by e-mail on 2026-02-20: recorded with that date.
    const closed = await act(t, 'handler', c, 'close-consultation', { consultationId: 'C1', result: 'agree', occurredOn: '2026-02-20' });
    expect(closed.status).toBe(200);
    expect(closed.body.consultations[0]).toMatchObject({ closedOn: '2026-02-20', result: 'agree' });
  });

  /** A 不存在 reply approved for an applicant (with an e-mail address) who asked for `deliveryMethod`. */
  const decidedCase = (deliveryMethod: string) =>
    decidedNotExistCase(t, { applicant: { ...registration().applicant, email: EMAIL }, deliveryMethod, form: deliveryMethod === 'post' ? 'paper' : 'electronic' });

  it('电子送达: deliver by e-mail sends the reply through the outbox, records its Message-ID and the SMTP acceptance as the proof', async () => {
    const c = await decidedCase('email');
    // Asked for e-mail: no separate reply message at the decision, the delivery carries the reply.
    expect((await rowsOf(c.id)).map((r: any) => r.template)).toEqual(['registered', 'accepted']);
    await deliver();
    smtp.received = [];
    const res = await act(t, 'clerk', c, 'deliver', { method: 'email', recipient: '张三', occurredOn: '2026-02-26' });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('closed');
    const rows = await rowsOf(c.id);
    const delivery = rows.find((r: any) => r.template === 'delivery_email');
    expect(delivery).toMatchObject({ purpose: 'delivery', recipient: EMAIL, status: 'pending' });
    expect(res.body.summary.delivery).toMatchObject({ method: 'electronic', deliveredOn: '2026-02-26' });
    expect(res.body.summary.delivery.proof).toContain(delivery.message_id);
    expect(res.body.summary.delivery.proof).toContain(EMAIL);
    expect(await deliver()).toBe(1);
    expect(smtp.received).toHaveLength(1);
    const { mail } = smtp.received[0];
    expect(mail.messageId).toBe(delivery.message_id);
    expect(mail.subject).toContain('答复书送达');
    expect(mail.text).toContain('https://fy.example.gov.cn/apply');
    const reply = res.body.letters.find((l: any) => l.type === 'reply');
    expect(mail.attachments.map((a: any) => a.filename)).toEqual([`政府信息公开申请答复书-${reply.docNumber}.pdf`]);
    const replyText = (await parsePdf(mail.attachments[0].content)).text.replace(/\s+/g, '');
    expect(replyText).toContain(reply.docNumber.replace(/\s+/g, ''));
    // The remedy clause of a reply served electronically names the online reconsideration channel.
    expect(replyText).toContain('https://fy.example.gov.cn/apply');
    const after = (await t.http.get(`/api/v1/cases/${c.id}`).set('authorization', `Bearer ${await t.login('clerk')}`)).body;
    const proof = after.history.find((e: any) => e.type === 'ELECTRONIC_DELIVERY_ACCEPTED');
    expect(proof.payload).toMatchObject({ messageId: delivery.message_id, recipient: EMAIL, smtpResponse: expect.stringMatching(/^250/) });
    const v = await t.http.get(`/api/v1/cases/${c.id}/history/verify`).set('authorization', `Bearer ${await t.login('legal')}`);
    expect(v.body).toMatchObject({ intact: true, replayMatches: true });
  });

  it('deliver by e-mail is refused when the applicant asked for post; a post applicant gets the reply attached at the decision and a note at delivery', async () => {
    const c = await decidedCase('post');
    const refused = await act(t, 'clerk', c, 'deliver', { method: 'email', recipient: '张三', occurredOn: '2026-02-26' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ELECTRONIC_DELIVERY_NOT_REQUESTED');
    expect(refused.body.message).toMatch(/电子方式/);
    const templates = (await rowsOf(c.id)).map((r: any) => r.template);
    expect(templates).toEqual(['registered', 'accepted', 'reply']);
    smtp.received = [];
    await deliver();
    const reply = c.letters.find((l: any) => l.type === 'reply');
    const withReply = smtp.received.find((r) => r.mail.attachments.some((a: any) => a.filename.includes(reply.docNumber)));
    expect(withReply?.mail.subject).toContain('答复书');
    const delivered = await act(t, 'clerk', c, 'deliver', { method: 'post', recipient: '张三', trackingNumber: 'XA100000002CN', occurredOn: '2026-02-26' });
    expect(delivered.status).toBe(200);
    expect((await rowsOf(c.id)).map((r: any) => r.template)).toEqual(['registered', 'accepted', 'reply', 'delivered']);
  });
});

describe('outbox without SMTP_URL', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ outboxPollMs: 50 });
  });
  afterAll(() => t.close());

  it('messages wait in the outbox and the admin is told why', async () => {
    const c = (await register(t, { applicant: { ...registration().applicant, email: EMAIL } })).body;
    await new Promise((r) => setTimeout(r, 200));
    expect(await t.app.get(OutboxDeliveryService).deliverDue()).toBe(0);
    const res = await t.http.get('/api/v1/outbox?status=pending').set('authorization', `Bearer ${await t.login('admin')}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ smtpConfigured: false, smsProvider: 'none', counts: { pending: 1, sent: 0, failed: 0 } });
    expect(res.body.note).toContain('SMTP_URL');
    expect(res.body.items).toEqual([expect.objectContaining({ caseId: c.id, caseNumber: c.caseNumber, recipient: EMAIL, template: 'registered', status: 'pending', attempts: 0 })]);
    expect((await t.http.get('/api/v1/outbox').set('authorization', `Bearer ${await t.login('clerk')}`)).status).toBe(403);
    expect((await t.http.get('/api/v1/outbox?status=bogus').set('authorization', `Bearer ${await t.login('admin')}`)).status).toBe(400);
  });
});
