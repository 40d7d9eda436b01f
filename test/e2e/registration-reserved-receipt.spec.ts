/**
 * A registration takes the case number and its 登记回执's 文号 in one short transaction and renders
 * the receipt after its commit (issue 16: the agency's counters are not locked while a PDF is
 * rendered and signed). What that must not cost: a receipt interrupted between the two transactions
 * keeps its reserved 文号 (no gap, nobody else gets it) and is issued — by a retry with the same
 * Idempotency-Key, by the worker's sweep, or before the case's next step — with the history in order
 * and the chain intact; under more concurrent registrations than pool connections both number series
 * stay gap-free.
 */
import { LetterPdfRenderer } from '../../src/platform/pdf/letter-pdf-renderer';
import { CasesService } from '../../src/modules/cases/cases.service';
import { act, register } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

jest.setTimeout(120_000);

describe('registration: the receipt rendered after the numbers are committed', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  /** The next render fails once (as if the process had died after the registration's commit). */
  const failNextRender = () =>
    jest.spyOn(LetterPdfRenderer.prototype, 'render').mockImplementationOnce(() => Promise.reject(new Error('renderer crashed (test)')));

  const caseRow = async (key: string) =>
    (await t.db.query(`SELECT id, case_number, version, pending_letters FROM cases WHERE idempotency_key = $1`, [key])).rows[0];
  const history = async (id: string) =>
    (await t.db.query(`SELECT seq, type, payload FROM case_events WHERE case_id = $1 ORDER BY seq`, [id])).rows as Array<{ seq: number; type: string; payload: any }>;
  const receipts = async (id: string) =>
    (await t.db.query(`SELECT doc_number, series_seq FROM letters WHERE case_id = $1 AND type = 'receipt'`, [id])).rows as Array<{ doc_number: string; series_seq: number }>;
  const verify = async (id: string) =>
    (await t.http.get(`/api/v1/cases/${id}/history/verify`).set('authorization', `Bearer ${await t.login('legal')}`)).body;

  it('an interrupted receipt keeps its 文号, which nobody else gets, and a retry with the same key issues it', async () => {
    const spy = failNextRender();
    const failed = await register(t, {}, 'reserved-retry');
    spy.mockRestore();
    expect(failed.status).toBe(500);
    const row = await caseRow('reserved-retry');
    expect(row.pending_letters.letters).toHaveLength(1);
    const reserved = row.pending_letters.letters[0];
    expect(reserved.type).toBe('receipt');
    expect(await receipts(row.id)).toEqual([]);
    expect((await history(row.id)).map((e) => e.type)).toEqual(['REGISTERED']);

    // Another registration meanwhile gets the next 文号, not the reserved one.
    const other = await register(t);
    expect(other.status).toBe(201);
    const otherReceipt = (await receipts(other.body.id))[0];
    expect(otherReceipt.series_seq).toBe(reserved.seq + 1);

    const retried = await register(t, {}, 'reserved-retry');
    expect(retried.status).toBe(201);
    expect(retried.body.id).toBe(row.id);
    expect(await receipts(row.id)).toEqual([{ doc_number: reserved.docNumber, series_seq: reserved.seq }]);
    expect(retried.body.letters.map((l: { docNumber: string }) => l.docNumber)).toContain(reserved.docNumber);
    const h = await history(row.id);
    expect(h.map((e) => e.type)).toEqual(['REGISTERED', 'LETTER_ISSUED']);
    expect(h[1].payload.docNumber).toBe(reserved.docNumber);
    expect((await caseRow('reserved-retry')).pending_letters).toBeNull();
    expect(await verify(row.id)).toMatchObject({ intact: true, replayMatches: true });
  });

  it('the worker sweep issues a receipt left behind; the next step issues it before its own entry', async () => {
    let spy = failNextRender();
    expect((await register(t, {}, 'reserved-sweep')).status).toBe(500);
    spy = failNextRender();
    expect((await register(t, {}, 'reserved-step')).status).toBe(500);
    spy.mockRestore();
    const swept = await caseRow('reserved-sweep');
    const stepped = await caseRow('reserved-step');

    // Recent reservations are left alone (their request may still be issuing them) …
    const cases = t.app.get(CasesService);
    await t.db.query(`UPDATE cases SET created_at = created_at - interval '1 hour' WHERE id = $1`, [swept.id]);
    expect(await cases.issueStaleReservedLetters(30)).toBe(1);
    expect((await receipts(swept.id))[0].doc_number).toBe(swept.pending_letters.letters[0].docNumber);
    expect((await caseRow('reserved-sweep')).pending_letters).toBeNull();
    expect(await verify(swept.id)).toMatchObject({ intact: true, replayMatches: true });
    // … the other one is still pending: the clerk's next step issues it first.
    expect((await caseRow('reserved-step')).pending_letters).not.toBeNull();
    const accepted = await act(t, 'clerk', { id: stepped.id, version: stepped.version }, 'accept');
    expect(accepted.status).toBe(200);
    expect((await history(stepped.id)).map((e) => e.type)).toEqual(['REGISTERED', 'LETTER_ISSUED', 'ACCEPT']);
    expect((await receipts(stepped.id))[0].doc_number).toBe(stepped.pending_letters.letters[0].docNumber);
    expect(await verify(stepped.id)).toMatchObject({ intact: true, replayMatches: true });
  });
});

describe('registrations beyond the pool: both number series stay gap-free', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ dbPoolMax: 3, dbAcquireTimeoutMs: 2000 });
    await t.login('clerk');
  });
  afterAll(() => t.close());

  it('24 at once on 3 connections: every answer 201 or 503, the 503s retried with their keys, numbers 1..N in both series', async () => {
    const keys = Array.from({ length: 24 }, (_, i) => `burst-${i}`);
    let pending = keys;
    const statuses = new Set<number>();
    for (let round = 0; pending.length && round < 20; round++) {
      const answers = await Promise.all(pending.map((k) => register(t, {}, k)));
      answers.forEach((a) => statuses.add(a.status));
      pending = pending.filter((_, i) => answers[i].status !== 201);
    }
    expect(pending).toEqual([]);
    expect([...statuses].every((s) => s === 201 || s === 503)).toBe(true);
    const cases = (await t.db.query(`SELECT seq, pending_letters FROM cases ORDER BY seq`)).rows;
    expect(cases.map((c) => c.seq)).toEqual(keys.map((_, i) => i + 1));
    expect(cases.every((c) => c.pending_letters === null)).toBe(true);
    const seqs = (await t.db.query(`SELECT series_seq FROM letters WHERE type = 'receipt' ORDER BY series_seq`)).rows.map((r) => r.series_seq);
    expect(seqs).toEqual(keys.map((_, i) => i + 1));
  });
});
