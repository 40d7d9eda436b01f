/**
 * Issue 11, finding 2: text PostgreSQL cannot store (U+0000) or other control characters, and JSON
 * nested thousands of levels deep, are answered 400 in the one error shape, before anything runs.
 */
import { MAX_INPUT_DEPTH } from '../../src/platform/http-errors/input-guard';
import { act, register, registration } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

function expectBadInput(res: { status: number; body: any }, code: string) {
  expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code });
  expect(Object.keys(res.body).sort()).toEqual(expect.arrayContaining(['code', 'message', 'requestId', 'statusCode']));
  expect(res.body.statusCode).toBe(400);
  expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
  expect(res.body.requestId.length).toBeGreaterThan(0);
}

/** `{"x":{"x":…1…}}` as raw JSON text, `levels` objects deep. */
const nested = (levels: number, key = 'x') => `${`{"${key}":`.repeat(levels - 1)}{"${key}":1}${'}'.repeat(levels - 1)}`;

describe('control characters and deep nesting in requests → 400, nothing stored', () => {
  let t: TestContext;
  let clerk: string;
  const count = async () => Number((await t.db.query('SELECT count(*) AS n FROM cases')).rows[0].n);
  const events = async () => Number((await t.db.query('SELECT count(*) AS n FROM case_events')).rows[0].n);
  const postCase = (body: string | object) =>
    t.http.post('/api/v1/cases').set('authorization', `Bearer ${clerk}`).set('idempotency-key', crypto.randomUUID()).set('content-type', 'application/json').send(body);

  beforeAll(async () => {
    t = await createTestContext();
    clerk = await t.login('clerk');
  });
  afterAll(() => t.close());

  it('registration: U+0000 in applicant.name → 400 naming the field, no case row', async () => {
    const before = await count();
    const res = await postCase(registration({ applicant: { ...registration().applicant, name: '张\u0000三' } }));
    expectBadInput(res, 'VALIDATION_FAILED');
    expect(res.body.message).toContain('applicant.name');
    expect(res.body.errors).toEqual([{ field: 'applicant.name', message: expect.stringContaining('applicant.name') }]);
    expect(await count()).toBe(before);
  });

  it('registration: other control characters (U+0007, U+001B, U+007F, U+0085) → 400, in any field', async () => {
    const before = await count();
    for (const ch of ['\u0007', '\u001b', '\u007f', '\u0085']) {
      const res = await postCase(registration({ description: `申请公开${ch}文件` }));
      expectBadInput(res, 'VALIDATION_FAILED');
      expect(res.body.errors[0].field).toBe('description');
    }
    // a control character in a field name is refused too (jsonb cannot hold it either)
    const res = await postCase(registration({ applicant: { ...registration().applicant, ['na\u0000me']: 'x' } }));
    expectBadInput(res, 'VALIDATION_FAILED');
    expect(res.body.errors[0].field).toBe('applicant');
    expect(await count()).toBe(before);
  });

  it('registration: tab, line feed and carriage return stay allowed', async () => {
    const before = await count();
    const res = await register(t, { description: '申请公开：\r\n\t1. 招标文件\n\t2. 中标通知书' });
    expect(res.status).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  it(`registration: JSON nested 8,000 levels (or just over ${MAX_INPUT_DEPTH}) → 400, no case row`, async () => {
    const before = await count();
    const reg = JSON.stringify(registration());
    for (const deep of [nested(8000), `[${nested(MAX_INPUT_DEPTH)}]`, '['.repeat(8000) + ']'.repeat(8000)]) {
      const res = await postCase(`${reg.slice(0, -1)},"extra":${deep}}`);
      expectBadInput(res, 'NESTING_TOO_DEEP');
      expect(res.body.message).toContain(String(MAX_INPUT_DEPTH));
    }
    expect(await count()).toBe(before);
  });

  it('an action: U+0000 in items[1] → 400 naming the field, case unchanged; deep nesting → 400', async () => {
    const c = (await register(t)).body;
    const [before, eventsBefore] = [await count(), await events()];
    const res = await act(t, 'clerk', c, 'request-correction', { items: ['请写明文件名称', '请写明\u0000文号'], occurredOn: '2026-02-16' });
    expectBadInput(res, 'VALIDATION_FAILED');
    expect(res.body.message).toContain('items[1]');
    expect(res.body.errors[0].field).toBe('items[1]');
    const deep = await t.http
      .post(`/api/v1/cases/${c.id}/actions/request-correction`)
      .set('authorization', `Bearer ${clerk}`)
      .set('content-type', 'application/json')
      .send(`{"expectedVersion":${c.version},"items":["请写明文件名称"],"occurredOn":"2026-02-16","note":${nested(8000)}}`);
    expectBadInput(deep, 'NESTING_TOO_DEEP');
    const after = (await t.db.query('SELECT version, state FROM cases WHERE id = $1', [c.id])).rows[0];
    expect(after.version).toBe(c.version);
    expect([await count(), await events()]).toEqual([before, eventsBefore]);
  });

  it('login: U+0000 in username → 400 naming the field (not 401 or 500); deep nesting → 400', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ username: 'clerk\u0000', password: 'x' });
    expectBadInput(res, 'VALIDATION_FAILED');
    expect(res.body.errors[0].field).toBe('username');
    const deep = await t.http.post('/api/v1/auth/login').set('content-type', 'application/json').send(`{"username":"clerk","password":${nested(8000)}}`);
    expectBadInput(deep, 'NESTING_TOO_DEEP');
  });

  it('query strings: U+0000 in a parameter → 400 naming it', async () => {
    const res = await t.http.get('/api/v1/cases?text=%E6%96%87%00%E4%BB%B6').set('authorization', `Bearer ${clerk}`);
    expectBadInput(res, 'VALIDATION_FAILED');
    expect(res.body.errors[0].field).toBe('text');
    const ok = await t.http.get('/api/v1/cases?text=%E6%96%87%E4%BB%B6').set('authorization', `Bearer ${clerk}`);
    expect(ok.status).toBe(200);
  });
});
