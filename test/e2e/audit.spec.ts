/**
 * 法制审核 (issue 15) through real HTTP and PostgreSQL: the findings of a case (stored when it
 * closes, on the fly while open), the approval gate, legal staff's findings and sign-off in the
 * case history, the audit list, the recomputation when the rules change.
 *
 * The clock stands on each business day as the case moves (no backdating unless the test says so).
 * Receipt Mon 2026-03-02: correction notice due 2026-03-11 (7 WD), reply due 2026-03-30 (20 WD).
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { FixedClock } from '../../src/platform/clock/clock';
import { FindingsService } from '../../src/modules/audit/findings.service';
import { WorkerService } from '../../src/modules/worker/worker.service';
import { act, departmentId, register } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

const run = promisify(execFile);
const DISCLOSE = { outcome: 'disclose', access: '纸质复印件当面领取', reasons: '经审查，可以公开' };

describe('legal audit (法制审核)', () => {
  const clock = FixedClock.at('2026-03-02');
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({}, { clock });
  });
  afterAll(() => t.close());

  const auth = async (role: string) => `Bearer ${await t.login(role)}`;
  const get = async (path: string, role = 'legal') => t.http.get(`/api/v1${path}`).set('authorization', await auth(role));
  const post = async (path: string, body: object, role = 'legal') => t.http.post(`/api/v1${path}`).set('authorization', await auth(role)).send(body);
  const findings = async (id: string, role = 'legal') => get(`/cases/${id}/findings`, role);
  const step = async (role: string, c: any, action: string, body: Record<string, unknown> = {}) => {
    const res = await act(t, role, c, action, body);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** Registered on `on` (arrived that morning, in person) and accepted, assigned, reviewed and proposed that day. */
  async function proposed(on: string, proposal: Record<string, unknown> = DISCLOSE, accept: Record<string, unknown> = {}) {
    clock.set(on);
    let c = (await register(t, { arrivedAt: `${on}T09:00:00+08:00`, ...(accept.arrivedAt ? { arrivedAt: accept.arrivedAt } : {}) })).body;
    c = await step('clerk', c, 'accept', accept.occurredOn ? { occurredOn: accept.occurredOn } : {});
    c = await step('clerk', c, 'assign', { departmentId: await departmentId(t) });
    c = await step('handler', c, 'record-secrecy-review', { conclusion: 'disclose', ground: '经审查不涉及国家秘密、工作秘密' });
    return step('handler', c, 'propose', proposal);
  }

  /** Submitted, approved and delivered in person on `on`. */
  async function closed(c: any, on: string) {
    c = await step('handler', c, 'submit-for-approval');
    clock.set(on);
    c = await step('approver', c, 'approve');
    c = await step('clerk', c, 'deliver', { method: 'in_person', recipient: '张三' });
    expect([c.state, c.closedOn]).toEqual(['closed', on]);
    return c;
  }

  let cleanCase: any;
  let lateCase: any;
  let backdatedCase: any;

  it('a clean case has no findings: [] stored when it closes', async () => {
    cleanCase = await closed(await proposed('2026-03-02'), '2026-03-03');
    const res = await findings(cleanCase.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    const stored = await t.db.query(`SELECT rules_version FROM case_audits WHERE case_id = $1`, [cleanCase.id]);
    expect(stored.rows).toEqual([{ rules_version: 1 }]);
  });

  it('a reply delivered the day after its deadline: REPLY_LATE with its evidence, stored', async () => {
    lateCase = await closed(await proposed('2026-03-02'), '2026-03-31');
    const res = await findings(lateCase.id);
    expect(res.body).toEqual([
      {
        code: 'REPLY_LATE',
        severity: 'high',
        article: '条例第三十三条',
        message: '答复晚于答复期限送达：答复期限为2026-03-30，2026-03-31送达',
        evidence: { replyDue: '2026-03-30', deliveredOn: '2026-03-31', eventIds: [expect.any(String)] },
      },
    ]);
    // The evidence names the DELIVER entry.
    const [ev] = (await t.db.query(`SELECT id::text, type FROM case_events WHERE id = $1`, [res.body[0].evidence.eventIds[0]])).rows;
    expect(ev.type).toBe('DELIVER');
    const rows = await t.db.query(`SELECT code, source, rules_version FROM case_findings WHERE case_id = $1`, [lateCase.id]);
    expect(rows.rows).toEqual([{ code: 'REPLY_LATE', source: 'rules', rules_version: 1 }]);
  });

  it('an open case past its deadline shows REPLY_LATE on the fly, and nothing is stored for it', async () => {
    const c = await proposed('2026-03-02');
    clock.set('2026-03-31');
    expect((await findings(c.id)).body.map((f: any) => f.code)).toEqual(['REPLY_LATE']);
    expect((await t.db.query(`SELECT count(*)::int n FROM case_audits WHERE case_id = $1`, [c.id])).rows[0].n).toBe(0);
  });

  it('an action recorded beyond the grace window: BACKDATED_ENTRY with the reason given', async () => {
    // Accepted on paper on 03-02 and typed in on 03-09 (5 working days later, the window is 3).
    backdatedCase = await closed(await proposed('2026-03-09', DISCLOSE, { arrivedAt: '2026-03-02T09:00:00+08:00', occurredOn: '2026-03-02' }), '2026-03-10');
    const res = await findings(backdatedCase.id);
    expect(res.body).toEqual([
      {
        code: 'BACKDATED_ENTRY',
        severity: 'medium',
        article: null,
        message: expect.stringContaining('第3条（ACCEPT）业务日期2026-03-02，2026-03-09录入，晚5个工作日；原因：测试：按纸质记录补录'),
        evidence: expect.objectContaining({ type: 'ACCEPT', occurredOn: '2026-03-02', recordedOn: '2026-03-09', workingDaysLate: 5, graceWorkingDays: 3, reason: '测试：按纸质记录补录' }),
      },
    ]);
  });

  it('findings are for legal staff and admins (approvers only while the case is in approval)', async () => {
    for (const role of ['clerk', 'handler', 'approver']) {
      const res = await findings(lateCase.id, role);
      expect([role, res.status, res.body.code]).toEqual([role, 403, 'FORBIDDEN_ROLE']);
      expect(res.body.message).toMatch(/法制审核/);
    }
    expect((await findings(lateCase.id, 'admin')).status).toBe(200);
    expect((await get('/audit/cases', 'clerk')).status).toBe(403);
    expect((await post(`/cases/${lateCase.id}/audit/sign-off`, { comments: 'x' }, 'clerk')).status).toBe(403);
    expect((await post(`/cases/${lateCase.id}/audit/sign-off`, { comments: 'x' }, 'admin')).status).toBe(403);
    expect((await post(`/cases/${lateCase.id}/audit/findings`, { comment: 'x' }, 'clerk')).status).toBe(403);
    expect((await findings('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('before approval: a basis citing the wrong item blocks approve (409) until the approver says why it does not apply', async () => {
    let c = await proposed('2026-03-02', { ...DISCLOSE, basis: '第36条第（四）项' });
    c = await step('handler', c, 'submit-for-approval');
    // The approver sees the draft's findings beside it.
    const seen = await findings(c.id, 'approver');
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual([expect.objectContaining({ code: 'REPLY_ARTICLE_MISMATCH', severity: 'high', article: '条例第三十六条' })]);
    const blocked = await act(t, 'approver', c, 'approve');
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({
      code: 'APPROVAL_BLOCKED_BY_FINDINGS',
      message: expect.stringContaining('REPLY_ARTICLE_MISMATCH'),
      details: { findings: [expect.objectContaining({ code: 'REPLY_ARTICLE_MISMATCH', blocking: true })] },
    });
    // A blank reason is no reason; an unknown code is a 400 naming the field.
    expect((await act(t, 'approver', c, 'approve', { overrideFindings: [{ code: 'REPLY_ARTICLE_MISMATCH', reason: ' ' }] })).status).toBe(400);
    const bad = await act(t, 'approver', c, 'approve', { overrideFindings: [{ code: 'NO_SUCH_CODE', reason: '理由' }] });
    expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'overrideFindings[0].code']);
    const ok = await act(t, 'approver', c, 'approve', { overrideFindings: [{ code: 'REPLY_ARTICLE_MISMATCH', reason: '依据栏笔误，答复书按第三十六条第（二）项制作' }] });
    expect(ok.status).toBe(200);
    const entry = ok.body.history.find((e: any) => e.type === 'APPROVE');
    expect(entry.payload.overriddenFindings).toEqual([
      { code: 'REPLY_ARTICLE_MISMATCH', reason: '依据栏笔误，答复书按第三十六条第（二）项制作', severity: 'high', message: expect.stringContaining('第36条第（四）项') },
    ]);
    // The history still replays to the stored state.
    expect((await get(`/cases/${c.id}/history/verify`)).body).toMatchObject({ intact: true, replayMatches: true });
  });

  it('legal staff add a finding and sign off: both in the history (append-only), the case data unchanged', async () => {
    const before = (await get(`/cases/${lateCase.id}`)).body;
    const added = await post(`/cases/${lateCase.id}/audit/findings`, { code: 'DELIVERY_PROOF_MISSING', comment: '送达回证未附申请人签名' });
    expect(added.status).toBe(201);
    expect(added.body.map((f: any) => f.code)).toEqual(['REPLY_LATE', 'DELIVERY_PROOF_MISSING']);
    expect(added.body[1]).toMatchObject({ severity: 'medium', article: '国办公开办函〔2016〕235号', message: expect.stringContaining('送达回证未附申请人签名') });
    const comment = await post(`/cases/${lateCase.id}/audit/findings`, { comment: '  建议加强期限提醒  ' });
    expect(comment.body.at(-1)).toMatchObject({ code: 'LEGAL_NOTE', severity: 'low', message: '法制审核意见：建议加强期限提醒' });
    expect((await post(`/cases/${lateCase.id}/audit/findings`, { comment: '' })).status).toBe(400);

    const signed = await post(`/cases/${lateCase.id}/audit/sign-off`, { comments: '已审核，逾期答复已通报' });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ caseId: lateCase.id, signedOff: true, comments: '已审核，逾期答复已通报' });
    const again = await post(`/cases/${lateCase.id}/audit/sign-off`, { comments: '再次' });
    expect([again.status, again.body.code]).toEqual([409, 'AUDIT_ALREADY_SIGNED_OFF']);

    const after = (await get(`/cases/${lateCase.id}`)).body;
    expect([after.state, after.version, after.outcome, after.closedOn, after.summary]).toEqual([before.state, before.version, before.outcome, before.closedOn, before.summary]);
    const audit = after.history.filter((e: any) => e.type.startsWith('AUDIT_'));
    expect(audit.map((e: any) => [e.type, e.actor.username])).toEqual([
      ['AUDIT_FINDING_ADDED', 'legal'],
      ['AUDIT_FINDING_ADDED', 'legal'],
      ['AUDIT_SIGNED_OFF', 'legal'],
    ]);
    expect(audit[2].payload).toEqual({ comments: '已审核，逾期答复已通报', rulesVersion: 1, findings: ['REPLY_LATE', 'DELIVERY_PROOF_MISSING', 'LEGAL_NOTE'] });
    expect(audit[2].seq).toBe(signed.body.eventSeq);
    expect((await get(`/cases/${lateCase.id}/history/verify`)).body).toMatchObject({ intact: true, replayMatches: true, problems: [] });
    // The history stays append-only for the application's role too.
    await expect(t.db.query(`UPDATE case_events SET payload = '{}' WHERE case_id = $1 AND type = 'AUDIT_SIGNED_OFF'`, [lateCase.id])).rejects.toThrow(/append-only/);
  });

  it('an open case cannot be signed off', async () => {
    const c = await proposed('2026-03-02');
    const res = await post(`/cases/${c.id}/audit/sign-off`, { comments: '—' });
    expect([res.status, res.body.code]).toEqual([409, 'AUDIT_CASE_NOT_CLOSED']);
    expect((await get(`/cases/${c.id}`)).body.history.some((e: any) => e.type === 'AUDIT_SIGNED_OFF')).toBe(false);
  });

  it('lists closed cases with their findings, filtered by finding, closing date and sign-off', async () => {
    const byCode = await get('/audit/cases?finding=REPLY_LATE');
    expect(byCode.status).toBe(200);
    expect(byCode.body.items.map((i: any) => i.id)).toEqual([lateCase.id]);
    expect(byCode.body.items[0]).toMatchObject({ closedOn: '2026-03-31', findingCount: 3, highCount: 1, codes: ['DELIVERY_PROOF_MISSING', 'LEGAL_NOTE', 'REPLY_LATE'], signedOff: true, computed: true });
    const all = await get('/audit/cases?pageSize=100');
    const ids = all.body.items.map((i: any) => i.id);
    expect(ids).toEqual(expect.arrayContaining([cleanCase.id, lateCase.id, backdatedCase.id]));
    expect(all.body.items.find((i: any) => i.id === cleanCase.id)).toMatchObject({ findingCount: 0, highCount: 0, codes: [], signedOff: false });
    // Latest closing first; only closed cases.
    const closedOns = all.body.items.map((i: any) => i.closedOn);
    expect(closedOns).toEqual([...closedOns].sort().reverse());
    expect(all.body.total).toBe(all.body.items.length);
    const march = await get('/audit/cases?closedFrom=2026-03-03&closedTo=2026-03-10&pageSize=100');
    expect(march.body.items.map((i: any) => i.id).sort()).toEqual(expect.arrayContaining([cleanCase.id, backdatedCase.id]));
    expect(march.body.items.map((i: any) => i.id)).not.toContain(lateCase.id);
    expect((await get('/audit/cases?finding=BACKDATED_ENTRY&closedTo=2026-03-09')).body.items).toEqual([]);
    expect((await get('/audit/cases?signedOff=true')).body.items.map((i: any) => i.id)).toEqual([lateCase.id]);
    const page = await get('/audit/cases?page=2&pageSize=1');
    expect([page.body.page, page.body.pageSize, page.body.items.length]).toEqual([2, 1, 1]);
    for (const q of ['finding=NOPE', 'closedFrom=2026-3-1', 'pageSize=101', 'page=0']) {
      const bad = await get(`/audit/cases?${q}`);
      expect([q, bad.status]).toEqual([q, 400]);
      expect(bad.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('recomputes closed cases when the rules change, in batches; a history that no longer verifies is the highest finding', async () => {
    // As if the rules had changed since these were computed.
    await t.db.query(`UPDATE case_audits SET rules_version = 0`);
    await t.db.query(`ALTER TABLE case_events DISABLE TRIGGER case_events_append_only`);
    await t.db.query(`UPDATE case_events SET payload = payload || '{"recipient":"李四"}' WHERE case_id = $1 AND type = 'DELIVER'`, [cleanCase.id]);
    await t.db.query(`ALTER TABLE case_events ENABLE TRIGGER case_events_append_only`);
    const n = await t.app.get(FindingsService).recomputeClosed({ batchSize: 2 });
    const closedCount = (await t.db.query(`SELECT count(*)::int n FROM cases WHERE state IN ('closed', 'archived')`)).rows[0].n;
    expect(n).toBe(closedCount);
    expect((await t.db.query(`SELECT DISTINCT rules_version FROM case_audits`)).rows).toEqual([{ rules_version: 1 }]);
    const tampered = (await findings(cleanCase.id)).body;
    expect(tampered.map((f: any) => [f.code, f.severity])).toEqual([['HISTORY_NOT_VERIFIED', 'high']]);
    expect(tampered[0].evidence.problems.join('')).toMatch(/哈希/);
    // Legal staff's own findings survive the recomputation.
    expect((await findings(lateCase.id)).body.map((f: any) => f.code)).toEqual(['REPLY_LATE', 'DELIVERY_PROOF_MISSING', 'LEGAL_NOTE']);
    // Nothing left to do.
    expect(await t.app.get(FindingsService).recomputeClosed()).toBe(0);
    // The worker's poll catches up too (here: one case computed under older rules).
    await t.db.query(`UPDATE case_audits SET rules_version = 0 WHERE case_id = $1`, [lateCase.id]);
    expect((await t.app.get(WorkerService).tick()).audited).toBe(1);
    expect((await t.db.query(`SELECT rules_version FROM case_audits WHERE case_id = $1`, [lateCase.id])).rows).toEqual([{ rules_version: 1 }]);
    // And the command line tool (npm run audit:recompute).
    await t.db.query(`UPDATE case_audits SET rules_version = 0 WHERE case_id = ANY($1)`, [[lateCase.id, backdatedCase.id]]);
    const cli = await run(process.execPath, ['-r', '@swc-node/register', 'src/audit-cli.ts', 'recompute'], {
      cwd: path.join(__dirname, '../..'),
      env: { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: 'silent', HISTORY_ANCHOR_KEY: 'test-anchor-key-test-anchor-key-0123456789', JWT_SECRET: 'x'.repeat(40), SIGNING_P12_PASSPHRASE: 'y'.repeat(20) },
    });
    expect(cli.stdout).toContain('已按审核规则版本 1 计算 2 个已办结案件的法制审核发现项');
    expect((await t.db.query(`SELECT DISTINCT rules_version FROM case_audits`)).rows).toEqual([{ rules_version: 1 }]);
  });

  it('a later record on a closed case (archiving, backdated) is audited too', async () => {
    clock.set('2026-03-20');
    const archived = await step('clerk', backdatedCase, 'archive', { occurredOn: '2026-03-11' });
    expect(archived.state).toBe('archived');
    const stored = await t.db.query(`SELECT evidence->>'type' AS type FROM case_findings WHERE case_id = $1 AND code = 'BACKDATED_ENTRY' ORDER BY id`, [backdatedCase.id]);
    expect(stored.rows.map((r: any) => r.type)).toEqual(['ACCEPT', 'ARCHIVE']);
  });

  // Last: it changes the 2026 calendar of this database.
  it('a correction notice that the corrected calendar shows late: CORRECTION_NOTICE_LATE (open, then stored when closed)', async () => {
    clock.set('2026-03-02');
    let c = (await register(t, { arrivedAt: '2026-03-02T09:00:00+08:00' })).body;
    c = await step('clerk', c, 'accept');
    clock.set('2026-03-11');
    c = await step('clerk', c, 'request-correction', { items: ['请说明所需信息的名称或文号'], deliveryMethod: 'in_person' });
    expect((await findings(c.id)).body).toEqual([]);
    // The State Council's notice makes Saturday 03-07 a working day (调休上班): the 7 WD ended on 03-10.
    const current = (await t.http.get('/api/v1/calendar/2026')).body;
    const put = await t.http
      .put('/api/v1/calendar/2026')
      .set('authorization', await auth('operator'))
      .send({ notice: current.notice, source: current.source, holidays: current.holidays, makeupWorkdays: [...current.makeupWorkdays, { name: '测试调休', date: '2026-03-07' }] });
    expect(put.status).toBe(200);
    const open = (await findings(c.id)).body;
    expect(open).toEqual([
      expect.objectContaining({ code: 'CORRECTION_NOTICE_LATE', article: '条例第三十条', evidence: expect.objectContaining({ correctionNoticeDue: '2026-03-10', requestedOn: '2026-03-11' }) }),
    ]);
    clock.set('2026-03-12');
    c = await step('clerk', c, 'receive-correction');
    c = await step('clerk', c, 'assign', { departmentId: await departmentId(t) });
    c = await step('handler', c, 'record-secrecy-review', { conclusion: 'disclose', ground: '经审查不涉及国家秘密' });
    c = await step('handler', c, 'propose', DISCLOSE);
    c = await closed(c, '2026-03-13');
    expect((await t.db.query(`SELECT code FROM case_findings WHERE case_id = $1`, [c.id])).rows).toEqual([{ code: 'CORRECTION_NOTICE_LATE' }]);
    expect((await get('/audit/cases?finding=CORRECTION_NOTICE_LATE')).body.items.map((i: any) => i.id)).toEqual([c.id]);
  });
});
