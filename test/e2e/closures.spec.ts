/**
 * 视为放弃申请 (legal review finding 7). 条例第三十条: 申请人**无正当理由**逾期不补正的，视为放弃申请;
 * the same for a fee left unpaid (条例第四十二条 with 国办函〔2020〕109号 as restated). Whether the applicant
 * had a good reason is a person's judgement: the end of the period only proposes the closure, which
 * is submitted (its proposer may not approve it), approved, delivered with a 送达回证 (国办公开办函
 * 〔2016〕235号; the remedy period runs from the applicant's knowledge, 行政复议法第二十条) and only then
 * closes — or a good reason (正当理由) reopens the period from that day.
 */
import { TimersService } from '../../src/modules/cases/timers.service';
import { canonicalJson, eventHash } from '../../src/modules/cases/history-chain';
import { applyEvent, machineEventOf, persistCase, restoreCase, stateKey } from '../../src/domain/workflow';
import { parsePdf } from '../unit/letters/pdf-helpers';
import { act, caseWithExpiredCorrection, departmentId, register } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';
import { FixedClock } from '../../src/platform/clock/clock';

describe('closures for 逾期不补正 and 逾期未缴费 go through a person, approval and delivery', () => {
  let t: TestContext;
  // The clock follows the steps: each is recorded on its own day (no 补录), so every letter is
  // generated, and dated, on the day of its step.
  const clock = FixedClock.at('2026-02-24');
  beforeAll(async () => {
    t = await createTestContext({}, { clock });
    // A user who is both clerk and approver: may submit a closure, but not approve the one they submitted.
    await t.db.query(
      `INSERT INTO users (agency_id, department_id, username, display_name, password_hash, roles)
       SELECT agency_id, NULL, 'clerk2', '赵登记', password_hash, ARRAY['clerk','approver'] FROM users WHERE username = 'clerk'`,
    );
  });
  afterAll(() => t.close());

  const get = async (id: string, who = 'clerk') => (await t.http.get(`/api/v1/cases/${id}`).set('authorization', `Bearer ${await t.login(who)}`)).body;
  const fire = (today: string) => {
    clock.set(today);
    return t.app.get(TimersService).tick(today);
  };
  const registered = () => {
    clock.set('2026-02-13');
    return register(t);
  };
  const expiredCorrection = () => {
    clock.set('2026-02-24');
    return caseWithExpiredCorrection(t);
  };
  const step = (who: string, c: { id: string; version: number }, action: string, body: Record<string, any> = {}) => {
    if (body.occurredOn) clock.set(body.occurredOn);
    return act(t, who, c, action, body);
  };
  const pdf = async (url: string, who: string) => {
    const res = await t.http
      .get(url)
      .set('authorization', `Bearer ${await t.login(who)}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    return { status: res.status, text: res.status === 200 ? (await parsePdf(res.body as Buffer)).text.replace(/\s+/g, '') : '' };
  };
  const verify = async (id: string) =>
    (await t.http.get(`/api/v1/cases/${id}/history/verify`).set('authorization', `Bearer ${await t.login('legal')}`)).body;

  /** A case whose correction period (to 2026-03-02) ran out: the timer has fired (on 2026-03-03). */
  async function lapsedCorrection() {
    const c = await expiredCorrection();
    await fire('2026-03-10');
    return get(c.id);
  }

  it('the timer only proposes the closure: no decision, no letter, no closing; the clerks are told', async () => {
    const before = await expiredCorrection();
    await fire('2026-03-10');
    const c = await get(before.id);
    expect(c.state).toBe('closureProposed');
    expect(c.version).toBe(before.version + 1);
    expect(c.outcome).toBeNull();
    expect(c.closedOn).toBeNull();
    expect(c.letters.map((l: any) => l.type)).toEqual(before.letters.map((l: any) => l.type)); // nothing issued
    expect(c.summary).toMatchObject({
      closureProposed: true,
      closed: false,
      decided: false,
      closure: { ground: 'correction_overdue', dueOn: '2026-03-02', lapsedOn: '2026-03-03' },
    });
    expect(c.history.at(-1)).toMatchObject({ type: 'CORRECTION_PERIOD_LAPSED', occurredOn: '2026-03-03', actor: null, payload: { dueOn: '2026-03-02' } });
    expect(c.allowedActions).toEqual(expect.arrayContaining(['submit-for-approval', 'record-good-reason', 'withdraw']));
    expect(c.allowedActions).not.toContain('deliver');
    expect(c.allowedActions).not.toContain('receive-correction');
    const notes = (await t.http.get('/api/v1/notifications').set('authorization', `Bearer ${await t.login('clerk')}`)).body;
    expect(notes.find((n: any) => n.caseId === c.id && n.kind === 'closure_proposed')?.message).toMatch(/2026-03-02届满.*拟视为放弃申请.*正当理由/);
    // The draft of the closing reply, for the clerk to check before submitting it.
    const draft = await pdf(`/api/v1/cases/${c.id}/letters/preview`, 'clerk');
    expect(draft.status).toBe(200);
    expect(draft.text).toContain('视为您放弃申请');
    expect(draft.text).toContain('草稿');
    expect(draft.text).toContain(`（${c.letters.find((l: any) => l.type === 'correction_notice').docNumber}）`);
    // The worklist finds it by its state.
    const list = (await t.http.get('/api/v1/cases?state=closureProposed').set('authorization', `Bearer ${await t.login('clerk')}`)).body;
    expect(list.items.map((i: any) => i.id)).toContain(c.id);
  });

  it('submitted by the clerk, approved by an approver, delivered by post: only then closed, with the reply and its 送达回证', async () => {
    let c = await lapsedCorrection();
    c = (await step('clerk', c, 'submit-for-approval', { occurredOn: '2026-03-04' })).body;
    expect([c.state, c.summary.closure.proposedBy]).toEqual(['closureProposed', expect.any(String)]);
    expect(c.summary.closed).toBe(false);
    expect((await get(c.id, 'approver')).allowedActions).toEqual(expect.arrayContaining(['approve', 'return']));
    const approved = await step('approver', c, 'approve', { occurredOn: '2026-03-05' });
    expect(approved.status).toBe(200);
    c = approved.body;
    expect(c.state).toBe('decided');
    expect(c.outcome).toBe('correction_overdue');
    expect(c.closedOn).toBeNull();
    const reply = c.letters.find((l: any) => l.type === 'reply');
    expect(reply).toMatchObject({ variant: 'reply_correction_overdue', issuedOn: '2026-03-05' });
    const replyText = (await pdf(`/api/v1/letters/${reply.id}/pdf`, 'legal')).text;
    expect(replyText).toContain('视为您放弃申请');
    expect(replyText).toContain('第三十条');
    // Finding 20: the 补正告知书 it follows, by date and 文号, and the deadline that passed.
    const notice = c.letters.find((l: any) => l.type === 'correction_notice');
    expect(replyText).toContain(`本机关于2026年2月24日向您发出《政府信息公开申请补正告知书》（${notice.docNumber}）`);
    expect(replyText).toContain('补正期限已于2026年3月2日届满');
    expect(replyText).toContain('申请行政复议'); // an ordinary remedy clause: the closure can be challenged
    expect((await get(c.id, 'clerk')).allowedActions).toEqual(['deliver']);
    c = (await step('clerk', c, 'deliver', { method: 'post', recipient: '张三', trackingNumber: 'XA200000001CN', occurredOn: '2026-03-06' })).body;
    expect(c.state).toBe('closed');
    expect(c.closedOn).toBe('2026-03-03'); // the day after the period's last day (2026-03-02), not the delivery (issue 15)
    expect(c.summary).toMatchObject({ closeReason: 'correction_overdue', outcome: 'correction_overdue', delivery: { carrier: '中国邮政', deliveredOn: '2026-03-06' } });
    const receipt = c.letters.find((l: any) => l.type === 'delivery_receipt');
    expect((await pdf(`/api/v1/letters/${receipt.id}/pdf`, 'legal')).text).toContain(`文号${reply.docNumber}`);
    expect(await verify(c.id)).toMatchObject({ intact: true, replayMatches: true, problems: [] });
  });

  it('the one who submitted the closure may not approve it (409 SELF_APPROVAL_FORBIDDEN, not offered); another approver may', async () => {
    let c = await lapsedCorrection();
    c = (await step('clerk2', c, 'submit-for-approval', { occurredOn: '2026-03-04' })).body;
    expect(c.allowedActions).not.toContain('approve');
    const self = await step('clerk2', c, 'approve', { occurredOn: '2026-03-04' });
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('SELF_APPROVAL_FORBIDDEN');
    expect((await get(c.id)).version).toBe(c.version);
    expect((await step('approver', c, 'approve', { occurredOn: '2026-03-04' })).status).toBe(200);
  });

  it('an approver may return it; a handler may not submit a closure of a case that is not theirs', async () => {
    let c = await lapsedCorrection();
    const handler = await step('handler', c, 'submit-for-approval', { occurredOn: '2026-03-04' });
    expect([handler.status, handler.body.code]).toEqual([403, 'CASE_NOT_IN_YOUR_DEPARTMENT']);
    c = (await step('clerk', c, 'submit-for-approval', { occurredOn: '2026-03-04' })).body;
    c = (await step('approver', c, 'return', { comments: '请先电话核实申请人是否已寄出补正材料', occurredOn: '2026-03-04' })).body;
    expect(c.state).toBe('closureProposed');
    expect((await get(c.id, 'clerk')).allowedActions).toEqual(expect.arrayContaining(['submit-for-approval', 'record-good-reason']));
    expect(c.letters.some((l: any) => l.type === 'reply')).toBe(false);
  });

  it('a good reason reopens the correction period from that day: re-armed, the corrected application then received', async () => {
    let c = await lapsedCorrection();
    const noReason = await step('clerk', c, 'record-good-reason', { occurredOn: '2026-03-04' });
    expect([noReason.status, noReason.body.errors?.[0]?.field]).toEqual([400, 'reason']);
    const res = await step('clerk', c, 'record-good-reason', { reason: '补正材料已于2月27日交邮，因邮路延误3月4日才送达', occurredOn: '2026-03-04' });
    expect(res.status).toBe(200);
    c = res.body;
    expect(c.state).toBe('awaitingCorrection');
    expect(c.summary.closure).toBeNull();
    // 5 working days again, counted from 2026-03-04 (the period first given).
    expect(c.deadlines.applicantCorrectionDue).toBe('2026-03-11');
    expect(c.summary.goodReasons).toEqual([
      expect.objectContaining({ ground: 'correction_overdue', lapsedDueOn: '2026-03-02', dueOn: '2026-03-11', on: '2026-03-04' }),
    ]);
    const timers = (await t.db.query(`SELECT to_char(due_on, 'YYYY-MM-DD') d, fired_at IS NOT NULL fired FROM case_timers WHERE case_id = $1 AND kind = 'correction_period' ORDER BY due_on`, [c.id])).rows;
    expect(timers).toEqual([{ d: '2026-03-02', fired: true }, { d: '2026-03-11', fired: false }]);
    c = (await step('clerk', c, 'receive-correction', { occurredOn: '2026-03-04' })).body;
    expect(c.state).toBe('accepted');
    expect(c.deadlines.replyDue).not.toBeNull();
    expect(await verify(c.id)).toMatchObject({ intact: true, replayMatches: true });
  });

  it('a reopened period that runs out again proposes the closure again; a new period may be given', async () => {
    let c = await lapsedCorrection();
    c = (await step('clerk', c, 'record-good-reason', { reason: '申请人住院，3月4日出院', periodWorkingDays: 3, occurredOn: '2026-03-04' })).body;
    expect(c.deadlines.applicantCorrectionDue).toBe('2026-03-09');
    expect(c.deadlines.ledger.find((e: any) => e.name === 'applicantCorrectionDue').text).toMatch(/正当理由/);
    await t.db.query(`UPDATE case_timers SET armed_on = '2026-03-04' WHERE case_id = $1 AND due_on = '2026-03-09'`, [c.id]);
    await fire('2026-03-20');
    c = await get(c.id);
    expect(c.state).toBe('closureProposed');
    expect(c.summary.closure).toMatchObject({ dueOn: '2026-03-09', lapsedOn: '2026-03-10' });
  });

  it('the fee period: the handler submits, an approver decides, the clerk delivers; the rest of the handling is kept meanwhile', async () => {
    let c = (await registered()).body;
    c = (await step('clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
    c = (await step('clerk', c, 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-16' })).body;
    c = (await step('handler', c, 'issue-fee-notice', { method: 'per_page', pages: 150, deliveryMethod: 'in_person', occurredOn: '2026-02-24' })).body;
    const feeDue = c.fee.dueOn;
    await t.db.query(`UPDATE case_timers SET armed_on = '2026-02-24' WHERE case_id = $1 AND kind = 'fee_period'`, [c.id]);
    await fire('2026-04-10');
    c = await get(c.id, 'handler');
    expect(c.state).toBe('handling');
    expect(c.summary).toMatchObject({ closureProposed: true, awaitingFee: false, closure: { ground: 'fee_unpaid', dueOn: feeDue }, closed: false });
    expect(c.history.some((e: any) => e.type === 'FEE_PERIOD_LAPSED')).toBe(true);
    expect(c.allowedActions).toEqual(expect.arrayContaining(['submit-for-approval', 'record-good-reason', 'start-consultation']));
    expect((await t.db.query(`SELECT count(*)::int n FROM case_timers WHERE case_id = $1 AND kind = 'fee_period' AND fired_at IS NULL`, [c.id])).rows[0].n).toBe(0);
    const fixedPeriod = await step('handler', c, 'record-good-reason', { reason: '—', periodWorkingDays: 5 });
    expect([fixedPeriod.status, fixedPeriod.body.errors?.[0]?.field]).toEqual([400, 'periodWorkingDays']);
    c = (await step('handler', c, 'submit-for-approval')).body;
    expect(c.summary.closure.proposedBy).toBeTruthy();
    c = (await step('approver', c, 'approve')).body;
    expect([c.state, c.outcome]).toEqual(['decided', 'fee_unpaid']);
    const reply = c.letters.find((l: any) => l.type === 'reply');
    expect(reply.variant).toBe('reply_fee_unpaid');
    const feeText = (await pdf(`/api/v1/letters/${reply.id}/pdf`, 'legal')).text;
    expect(feeText).toContain('视为您放弃申请');
    // Finding 20: the 收费通知书 by date and 文号, the amount, the deadline; 条例第四十二条 and the 办法.
    const feeNotice = c.letters.find((l: any) => l.type === 'fee_notice');
    expect(feeText).toContain(`本机关于2026年2月24日向您发出《政府信息公开信息处理费收费通知书》（${feeNotice.docNumber}），告知您应缴纳的信息处理费${c.fee.amount}元`);
    expect(feeText).toContain(`缴费期限已于${feeDue.slice(0, 4)}年${Number(feeDue.slice(5, 7))}月${Number(feeDue.slice(8))}日届满`);
    expect(feeText).toContain('《中华人民共和国政府信息公开条例》第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）');
    c = (await step('clerk', c, 'deliver', { method: 'in_person', recipient: '张三', signedBy: '张三' })).body;
    expect(c.state).toBe('closed');
    expect(c.summary.closeReason).toBe('fee_unpaid');
    expect(await verify(c.id)).toMatchObject({ intact: true, replayMatches: true });
  });

  it('a good reason for the fee: 20 working days again from that day, then paid and answered as usual', async () => {
    let c = (await registered()).body;
    c = (await step('clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
    c = (await step('clerk', c, 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-16' })).body;
    c = (await step('handler', c, 'issue-fee-notice', { method: 'per_page', pages: 150, deliveryMethod: 'in_person', occurredOn: '2026-02-24' })).body;
    await t.db.query(`UPDATE case_timers SET armed_on = '2026-02-24' WHERE case_id = $1 AND kind = 'fee_period'`, [c.id]);
    await fire('2026-04-10');
    c = await get(c.id, 'handler');
    const lapsedOn = c.summary.closure.lapsedOn;
    c = (await step('handler', c, 'record-good-reason', { reason: '申请人已按期汇款，因账户信息错误被退回', occurredOn: lapsedOn })).body;
    expect(c.summary).toMatchObject({ closureProposed: false, awaitingFee: true, closure: null });
    const expected = (await t.http.get(`/api/v1/calendar/add-working-days?from=${lapsedOn}&days=20`)).body.date;
    expect(c.summary.fee).toMatchObject({ reopenedOn: lapsedOn, dueOn: expected });
    const armed = (await t.db.query(`SELECT to_char(due_on, 'YYYY-MM-DD') d FROM case_timers WHERE case_id = $1 AND kind = 'fee_period' AND fired_at IS NULL`, [c.id])).rows;
    expect(armed).toEqual([{ d: expected }]);
    c = (await step('handler', c, 'record-payment', { receiptNumber: 'P-1', occurredOn: lapsedOn })).body;
    c = (await step('handler', c, 'propose', { outcome: 'not_exist', searchPerformed: '检索了公文管理系统', occurredOn: lapsedOn })).body;
    expect((await step('handler', c, 'submit-for-approval', { occurredOn: lapsedOn })).body.state).toBe('inApproval');
  });

  it('a history recorded before this change (the timer closed the case at once) still verifies and replays', async () => {
    const c = await expiredCorrection();
    // As the timer wrote it then: CORRECTION_PERIOD_EXPIRED (system) and the closed state, in one step.
    await t.db.query(`UPDATE case_timers SET fired_at = now() WHERE case_id = $1`, [c.id]);
    const row = (await t.db.query(`SELECT snapshot, head_seq, head_hash, version FROM cases WHERE id = $1`, [c.id])).rows[0];
    const entry = { type: 'CORRECTION_PERIOD_EXPIRED', payload: { timer: 'correction_period', dueOn: '2026-03-02' }, actorId: null, occurredOn: '2026-03-03' };
    const r = applyEvent(restoreCase(row.snapshot), machineEventOf(entry));
    expect(r.changed).toBe(true);
    const seq = row.head_seq + 1;
    const recordedAt = new Date().toISOString();
    const hash = eventHash(row.head_hash, { caseId: c.id, seq, ...entry, recordedAt });
    await t.db.query(
      `INSERT INTO case_events (case_year, case_id, seq, type, payload, actor_id, occurred_on, recorded_at, prev_hash, hash) VALUES ((SELECT year FROM cases WHERE id = $1),$1,$2,$3,$4,NULL,$5,$6,$7,$8)`,
      [c.id, seq, entry.type, JSON.stringify(entry.payload), entry.occurredOn, recordedAt, row.head_hash, hash],
    );
    await t.db.query(`UPDATE cases SET snapshot = $2, state = $3, version = version + 1, head_seq = $4, head_hash = $5 WHERE id = $1`, [
      c.id,
      JSON.stringify(persistCase(r.snapshot)),
      stateKey(r.snapshot),
      seq,
      hash,
    ]);
    const v = await verify(c.id);
    expect(v).toMatchObject({ intact: true, replayMatches: true, problems: [] });
    const after = await get(c.id);
    expect(after).toMatchObject({ state: 'closed', summary: { closeReason: 'correction_overdue', closure: null } });
    expect(canonicalJson(persistCase(r.snapshot))).toContain('"closeReason":"correction_overdue"');
  });
});
