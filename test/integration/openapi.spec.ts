/**
 * The OpenAPI document at /api/docs-json is what the web UI and outside clients generate their
 * typed clients from: every operation must say what it answers (a typed success body, the common
 * error shape), and what it says must be what the server really sends.
 */
import { CASE_ACTIONS } from '../../src/domain/workflow';
import { randomUUID } from 'node:crypto';
import { departmentId, registration } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

type Schema = Record<string, any>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const ERROR_REF = '#/components/schemas/ErrorResponse';

describe('OpenAPI document (/api/docs-json)', () => {
  let t: TestContext;
  let doc: any;
  beforeAll(async () => {
    t = await createTestContext();
    const res = await t.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(doc.paths as Record<string, any>).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m] })),
    );
  const schemaNamed = (name: string): Schema => doc.components.schemas[name];
  const deref = (s: Schema): Schema => (s?.$ref ? schemaNamed(s.$ref.replace('#/components/schemas/', '')) : s);
  const refersTo = (s: Schema | undefined, ref: string): boolean =>
    !!s && (s.$ref === ref || (s.allOf ?? []).some((p: Schema) => p.$ref === ref));
  const isTyped = (s: Schema | undefined): boolean =>
    !!s && (typeof s.$ref === 'string' || typeof s.type === 'string' || ['allOf', 'oneOf', 'anyOf'].some((k) => Array.isArray(s[k])));

  /** The documented operation for a method and a path template such as /api/v1/cases/{id}. */
  const operation = (method: (typeof METHODS)[number], path: string) => {
    const op = doc.paths[path]?.[method];
    if (!op) throw new Error(`not documented: ${method.toUpperCase()} ${path}`);
    return op;
  };
  const successCode = (method: (typeof METHODS)[number], path: string): number => {
    const codes = Object.keys(operation(method, path).responses).filter((c) => /^2\d\d$/.test(c));
    expect(codes).toHaveLength(1);
    return Number(codes[0]);
  };

  /** Problems of `value` against `schema` (an empty list: it conforms); undeclared properties count. */
  function conform(value: unknown, schema: Schema, at = '$'): string[] {
    let s = deref(schema);
    if (s.allOf) {
      const parts = s.allOf.map(deref);
      s = {
        ...s,
        ...Object.assign({}, ...parts),
        properties: Object.assign({}, s.properties, ...parts.map((p: Schema) => p.properties)),
        required: [...(s.required ?? []), ...parts.flatMap((p: Schema) => p.required ?? [])],
        allOf: undefined,
      };
    }
    if (value === null) return s.nullable || s.type === 'null' || (s.oneOf ?? []).some((o: Schema) => o.type === 'null') ? [] : [`${at}: null`];
    if (s.oneOf || s.anyOf) {
      const alts: Schema[] = s.oneOf ?? s.anyOf;
      return alts.some((a) => conform(value, a, at).length === 0) ? [] : [`${at}: matches none of oneOf/anyOf`];
    }
    if (s.enum && !s.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} not in enum ${JSON.stringify(s.enum)}`];
    switch (s.type) {
      case 'string':
        if (typeof value !== 'string') return [`${at}: expected string, got ${JSON.stringify(value)}`];
        if (s.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return [`${at}: not a date: ${value}`];
        if (s.format === 'date-time' && Number.isNaN(Date.parse(value))) return [`${at}: not a date-time: ${value}`];
        return [];
      case 'number':
      case 'integer':
        return typeof value === 'number' ? [] : [`${at}: expected number, got ${JSON.stringify(value)}`];
      case 'boolean':
        return typeof value === 'boolean' ? [] : [`${at}: expected boolean, got ${JSON.stringify(value)}`];
      case 'array':
        if (!Array.isArray(value)) return [`${at}: expected array`];
        return value.flatMap((v, i) => (s.items ? conform(v, s.items, `${at}[${i}]`) : []));
      default: {
        if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: expected object`];
        const v = value as Record<string, unknown>;
        const props: Record<string, Schema> = s.properties ?? {};
        const problems = (s.required ?? []).filter((k: string) => !(k in v)).map((k: string) => `${at}.${k}: required, missing`);
        for (const [k, x] of Object.entries(v)) {
          if (props[k]) problems.push(...conform(x, props[k], `${at}.${k}`));
          else if (typeof s.additionalProperties === 'object') problems.push(...conform(x, s.additionalProperties, `${at}.${k}`));
          else if (!s.additionalProperties && s.properties) problems.push(`${at}.${k}: not in the documented schema`);
        }
        return problems;
      }
    }
  }

  /** The answer has the documented success status, and its JSON body conforms to the documented schema. */
  function expectDocumented(res: any, method: (typeof METHODS)[number], path: string) {
    const code = successCode(method, path);
    expect([`${method} ${path}`, res.status]).toEqual([`${method} ${path}`, code]);
    const content = operation(method, path).responses[String(code)].content;
    const type = String(res.headers['content-type'] ?? '').split(';')[0];
    expect(Object.keys(content)).toContain(type);
    if (type === 'application/json') expect([`${method} ${path}`, conform(res.body, content[type].schema)]).toEqual([`${method} ${path}`, []]);
  }

  /** An error answer whose status the operation documents, in the ErrorResponse shape. */
  function expectDocumentedError(res: any, method: (typeof METHODS)[number], path: string) {
    const r = operation(method, path).responses[String(res.status)];
    expect([`${method} ${path}`, res.status, !!r]).toEqual([`${method} ${path}`, res.status, true]);
    expect(refersTo(r.content['application/json'].schema, ERROR_REF)).toBe(true);
    expect(conform(res.body, { $ref: ERROR_REF })).toEqual([]);
  }

  describe('every operation', () => {
    it('documents the whole API (the routes of every controller)', () => {
      const ops = operations();
      expect(ops.length).toBeGreaterThanOrEqual(50);
      expect(ops.filter((o) => o.path.includes('/actions/'))).toHaveLength(CASE_ACTIONS.length);
    });

    it('lists a 2xx answer with a body schema (a 204 may have none)', () => {
      const problems: string[] = [];
      for (const { path, method, op } of operations()) {
        const name = `${method.toUpperCase()} ${path}`;
        const ok = Object.entries(op.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code)) as Array<[string, any]>;
        if (ok.length === 0) {
          problems.push(`${name}: no 2xx response`);
          continue;
        }
        for (const [code, r] of ok) {
          if (code === '204') continue;
          const media = Object.values(r.content ?? {}) as Schema[];
          if (media.length === 0 || !media.every((m) => isTyped(m.schema))) problems.push(`${name}: ${code} has no typed body schema`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('lists at least one 4xx/5xx answer in the common ErrorResponse shape, as JSON', () => {
      const problems: string[] = [];
      for (const { path, method, op } of operations()) {
        const errors = Object.entries(op.responses ?? {}).filter(([code]) => /^[45]\d\d$/.test(code)) as Array<[string, any]>;
        if (!errors.some(([, r]) => refersTo(r.content?.['application/json']?.schema, ERROR_REF))) {
          problems.push(`${method.toUpperCase()} ${path}: no error response referencing ErrorResponse`);
        }
        // An error is never documented as a PDF (or as anything but JSON).
        for (const [code, r] of errors) {
          const types = Object.keys(r.content ?? {});
          if (types.some((x) => x !== 'application/json')) problems.push(`${method.toUpperCase()} ${path}: ${code} as ${types.join(', ')}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('documents 401 and 403 on every operation behind the login', () => {
      const problems: string[] = [];
      for (const { path, method, op } of operations()) {
        if (!op.security?.some((s: Record<string, unknown>) => 'bearer' in s)) continue;
        for (const code of ['401', '403']) if (!op.responses[code]) problems.push(`${method.toUpperCase()} ${path}: no ${code}`);
      }
      expect(problems).toEqual([]);
    });
  });

  it('declares the Idempotency-Key header: required on registration, optional on every action', () => {
    const header = (op: any) => (op.parameters ?? []).find((p: any) => p.in === 'header' && p.name === 'Idempotency-Key');
    expect(header(operation('post', '/api/v1/cases'))).toMatchObject({ required: true, schema: { type: 'string' } });
    const actions = operations().filter((o) => /^\/api\/v1\/cases\/\{id\}\/actions\/[a-z-]+$/.test(o.path));
    expect(actions.length).toBe(CASE_ACTIONS.length);
    const problems = actions.filter((o) => o.method !== 'post' || !header(o.op) || header(o.op).required).map((o) => o.path);
    expect(problems).toEqual([]);
  });

  it('describes the real shapes (case view without the snapshot, verify, list, errors)', () => {
    const detail = schemaNamed('CaseDetailResponse');
    expect(detail.properties).toHaveProperty('caseNumber');
    expect(detail.properties).toHaveProperty('deadlines');
    expect(detail.properties).not.toHaveProperty('snapshot');
    expect(detail.required).toEqual(expect.arrayContaining(['id', 'caseNumber', 'trackingCode', 'state', 'version', 'history', 'letters']));
    expect(deref(detail.properties.state.allOf?.[0] ?? detail.properties.state).enum).toEqual(expect.arrayContaining(['registered', 'archived']));
    expect(detail.properties.confirmedAt.nullable).toBe(true);

    const verify = schemaNamed('CaseVerifyResponse');
    expect(Object.keys(verify.properties)).toEqual(
      expect.arrayContaining(['intact', 'events', 'head', 'headSeq', 'replayMatches', 'brokenAt', 'reason', 'problems']),
    );
    expect(verify.required).toEqual(expect.arrayContaining(['intact', 'replayMatches', 'problems']));
    expect(verify.required).not.toContain('brokenAt');

    expect(schemaNamed('CaseListResponse').required).toEqual(expect.arrayContaining(['items', 'total', 'page', 'pageSize']));
    const error = schemaNamed('ErrorResponse');
    expect(error.required).toEqual(expect.arrayContaining(['statusCode', 'code', 'message', 'requestId']));
    expect(Object.keys(error.properties)).toEqual(expect.arrayContaining(['errors', 'details', 'article']));

    expect(operation('post', '/api/v1/cases/{id}/actions/accept').responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CaseDetailResponse',
    });
    expect(operation('post', '/api/v1/cases/{id}/actions/extend').responses['409']).toBeDefined();
    expect(operation('get', '/api/v1/letters/{id}/pdf').responses['200'].content['application/pdf'].schema).toEqual({
      type: 'string',
      format: 'binary',
    });
  });

  describe('says what the server really answers', () => {
    const auth = async (role: string) => `Bearer ${await t.login(role)}`;

    it('auth, users and agency', async () => {
      const login = await t.http.post('/api/v1/auth/login').send({ username: 'admin', password: 'Demo-Passw0rd!' });
      expectDocumented(login, 'post', '/api/v1/auth/login');
      expectDocumentedError(await t.http.post('/api/v1/auth/login').send({ username: 'admin', password: 'wrong-password' }), 'post', '/api/v1/auth/login');
      const admin = await auth('admin');
      expectDocumented(await t.http.get('/api/v1/me').set('authorization', admin), 'get', '/api/v1/me');
      expectDocumentedError(await t.http.get('/api/v1/me'), 'get', '/api/v1/me');
      expectDocumented(await t.http.get('/api/v1/agency').set('authorization', admin), 'get', '/api/v1/agency');
      expectDocumented(await t.http.get('/api/v1/departments').set('authorization', admin), 'get', '/api/v1/departments');
      const dept = await t.http.post('/api/v1/departments').set('authorization', admin).send({ name: `科室${randomUUID().slice(0, 8)}` });
      expectDocumented(dept, 'post', '/api/v1/departments');
      expectDocumentedError(
        await t.http.post('/api/v1/departments').set('authorization', admin).send({ name: dept.body.name }),
        'post',
        '/api/v1/departments',
      );
      expectDocumented(await t.http.get('/api/v1/users').set('authorization', admin), 'get', '/api/v1/users');
      const user = await t.http
        .post('/api/v1/users')
        .set('authorization', admin)
        .send({ username: `u${randomUUID().slice(0, 8)}`, displayName: '测试用户', password: 'Another-Passw0rd', roles: ['handler'] });
      expectDocumented(user, 'post', '/api/v1/users');
      expectDocumentedError(await t.http.get('/api/v1/users').set('authorization', await auth('clerk')), 'get', '/api/v1/users');
      expectDocumented(await t.http.get('/api/v1/outcomes').set('authorization', admin), 'get', '/api/v1/outcomes');
      expectDocumented(await t.http.get('/api/v1/notifications').set('authorization', admin), 'get', '/api/v1/notifications');
      expectDocumented(await t.http.get('/api/v1/calendar/recalculations').set('authorization', admin), 'get', '/api/v1/calendar/recalculations');
    });

    it('calendar and clock', async () => {
      expectDocumented(
        await t.http.get('/api/v1/calendar/add-working-days').query({ from: '2026-02-13', days: 20 }),
        'get',
        '/api/v1/calendar/add-working-days',
      );
      expectDocumented(
        await t.http.get('/api/v1/calendar/working-days-between').query({ from: '2026-02-13', to: '2026-03-19' }),
        'get',
        '/api/v1/calendar/working-days-between',
      );
      expectDocumented(await t.http.get('/api/v1/calendar/2026'), 'get', '/api/v1/calendar/{year}');
      expectDocumentedError(await t.http.get('/api/v1/calendar/26'), 'get', '/api/v1/calendar/{year}');
      expectDocumented(
        await t.http.get('/api/v1/calendar/2026/history').set('authorization', await auth('admin')),
        'get',
        '/api/v1/calendar/{year}/history',
      );
      const preview = await t.http.post('/api/v1/clock/preview').send({
        receiptDate: '2026-02-13',
        correction: { requestedOn: '2026-02-16', receivedOn: '2026-02-24' },
        consultations: [{ party: 'thirdParty', sentOn: '2026-03-02', closedOn: '2026-03-10' }],
        asOf: '2026-03-05',
      });
      expectDocumented(preview, 'post', '/api/v1/clock/preview');
      expect(preview.body.ledger.length).toBeGreaterThan(3);
      expectDocumentedError(await t.http.post('/api/v1/clock/preview').send({ receiptDate: '2026-02-30' }), 'post', '/api/v1/clock/preview');
    });

    it('a case: registration (201), reading, actions (200, idempotent), refusals (409), letters', async () => {
      const clerk = await auth('clerk');
      const key = randomUUID();
      const first = await t.http.post('/api/v1/cases').set('authorization', clerk).set('idempotency-key', key).send(registration());
      expectDocumented(first, 'post', '/api/v1/cases');
      expect(first.body).not.toHaveProperty('snapshot');
      const again = await t.http.post('/api/v1/cases').set('authorization', clerk).set('idempotency-key', key).send(registration());
      expectDocumented(again, 'post', '/api/v1/cases');
      expect(again.body.id).toBe(first.body.id);
      expectDocumentedError(await t.http.post('/api/v1/cases').set('authorization', clerk).send(registration()), 'post', '/api/v1/cases');
      expectDocumentedError(
        await t.http.post('/api/v1/cases').set('authorization', await auth('handler')).set('idempotency-key', randomUUID()).send(registration()),
        'post',
        '/api/v1/cases',
      );
      const id = first.body.id;

      const accepted = await t.http
        .post(`/api/v1/cases/${id}/actions/accept`)
        .set('authorization', clerk)
        .set('idempotency-key', `accept-${id}`)
        .send({ expectedVersion: first.body.version });
      expectDocumented(accepted, 'post', '/api/v1/cases/{id}/actions/accept');
      const replayed = await t.http
        .post(`/api/v1/cases/${id}/actions/accept`)
        .set('authorization', clerk)
        .set('idempotency-key', `accept-${id}`)
        .send({ expectedVersion: first.body.version });
      expectDocumented(replayed, 'post', '/api/v1/cases/{id}/actions/accept');
      expect(replayed.body.version).toBe(accepted.body.version);
      // A refusal by a rule: its code and article; a stale version: CASE_VERSION_CONFLICT.
      const refused = await t.http
        .post(`/api/v1/cases/${id}/actions/accept`)
        .set('authorization', clerk)
        .send({ expectedVersion: accepted.body.version });
      expectDocumentedError(refused, 'post', '/api/v1/cases/{id}/actions/accept');
      expect(refused.status).toBe(409);
      const stale = await t.http.post(`/api/v1/cases/${id}/actions/accept`).set('authorization', clerk).send({ expectedVersion: 1 });
      expectDocumentedError(stale, 'post', '/api/v1/cases/{id}/actions/accept');
      expect(stale.body.code).toBe('CASE_VERSION_CONFLICT');
      expectDocumentedError(
        await t.http.post(`/api/v1/cases/${id}/actions/propose`).set('authorization', clerk).send({ expectedVersion: 1, outcome: 'disclose' }),
        'post',
        '/api/v1/cases/{id}/actions/propose',
      );

      const handlerId = (await t.db.query(`SELECT id FROM users WHERE username = 'handler'`)).rows[0].id;
      const assigned = await t.http
        .post(`/api/v1/cases/${id}/actions/assign`)
        .set('authorization', clerk)
        .send({ expectedVersion: accepted.body.version, departmentId: await departmentId(t), assigneeId: handlerId });
      expectDocumented(assigned, 'post', '/api/v1/cases/{id}/actions/assign');
      const consulting = await t.http
        .post(`/api/v1/cases/${id}/actions/start-consultation`)
        .set('authorization', await auth('handler'))
        .send({ expectedVersion: assigned.body.version, party: 'thirdParty', name: '某某建设有限公司' });
      expectDocumented(consulting, 'post', '/api/v1/cases/{id}/actions/start-consultation');
      expect(consulting.body.consultations).toHaveLength(1);
      // The consultation letter went by post: its receipt is recorded from the delivery record (finding 1).
      const notice = consulting.body.notices.find((n: any) => n.kind === 'consultation');
      expect(notice).toMatchObject({ deliveryMethod: 'post', awaitingReceipt: true, consultationId: 'C1' });
      const receiptPath = `/api/v1/cases/${id}/actions/record-letter-receipt`;
      expectDocumentedError(
        await t.http.post(receiptPath).set('authorization', clerk).send({ expectedVersion: consulting.body.version, letterId: notice.letterId, receivedOn: '2026-02-30' }),
        'post',
        '/api/v1/cases/{id}/actions/record-letter-receipt',
      );
      const received = await t.http
        .post(receiptPath)
        .set('authorization', clerk)
        .send({ expectedVersion: consulting.body.version, letterId: notice.letterId, receivedOn: notice.sentOn });
      expectDocumented(received, 'post', '/api/v1/cases/{id}/actions/record-letter-receipt');
      expect(received.body.notices[0]).toMatchObject({ receivedOn: notice.sentOn, awaitingReceipt: false });
      // Registered in February, so the reply deadline has passed: the rule's refusal names its article.
      const late = await t.http
        .post(`/api/v1/cases/${id}/actions/extend`)
        .set('authorization', await auth('approver'))
        .send({ expectedVersion: received.body.version, workingDays: 10, reason: '需要调取档案' });
      expectDocumentedError(late, 'post', '/api/v1/cases/{id}/actions/extend');
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: expect.any(String), article: expect.stringContaining('条例') });

      const legal = await auth('legal');
      expectDocumented(await t.http.get(`/api/v1/cases/${id}`).set('authorization', legal), 'get', '/api/v1/cases/{id}');
      expectDocumentedError(await t.http.get(`/api/v1/cases/${randomUUID()}`).set('authorization', legal), 'get', '/api/v1/cases/{id}');
      expectDocumented(await t.http.get(`/api/v1/cases/${id}/history`).set('authorization', legal), 'get', '/api/v1/cases/{id}/history');
      const verify = await t.http.get(`/api/v1/cases/${id}/history/verify`).set('authorization', legal);
      expectDocumented(verify, 'get', '/api/v1/cases/{id}/history/verify');
      expect(verify.body).toMatchObject({ intact: true, replayMatches: true, problems: [] });
      const revealed = await t.http.post(`/api/v1/cases/${id}/reveal`).set('authorization', legal).send({ reason: '核对申请人身份' });
      expectDocumented(revealed, 'post', '/api/v1/cases/{id}/reveal');
      expectDocumentedError(
        await t.http.post(`/api/v1/cases/${id}/reveal`).set('authorization', await auth('approver')).send({}),
        'post',
        '/api/v1/cases/{id}/reveal',
      );
      const list = await t.http.get('/api/v1/cases').query({ pageSize: 100 }).set('authorization', legal);
      expectDocumented(list, 'get', '/api/v1/cases');
      expect(list.body.items.length).toBeGreaterThan(0);
      expectDocumentedError(await t.http.get('/api/v1/cases').query({ pageSize: 1000 }).set('authorization', legal), 'get', '/api/v1/cases');

      const letters = await t.http.get(`/api/v1/cases/${id}/letters`).set('authorization', legal);
      expectDocumented(letters, 'get', '/api/v1/cases/{id}/letters');
      const letterId = letters.body[0].id;
      expectDocumented(await t.http.get(`/api/v1/letters/${letterId}/pdf`).set('authorization', legal), 'get', '/api/v1/letters/{id}/pdf');
      expectDocumented(await t.http.get(`/api/v1/letters/${letterId}/verify`).set('authorization', legal), 'get', '/api/v1/letters/{id}/verify');
      expectDocumentedError(
        await t.http.get(`/api/v1/cases/${id}/letters/preview`).set('authorization', await auth('handler')),
        'get',
        '/api/v1/cases/{id}/letters/preview',
      );
      const reissued = await t.http
        .post(`/api/v1/letters/${letterId}/reissue`)
        .set('authorization', await auth('approver'))
        .send({ reason: '申请人姓名有误' });
      expectDocumented(reissued, 'post', '/api/v1/letters/{id}/reissue');
      expect(reissued.body.some((l: any) => l.replacesId === letterId)).toBe(true);
    });

    it('a backdated action (补录): 400 without its reason, accepted and listed in backdatedEvents with it', async () => {
      const clerk = await auth('clerk');
      const c = await t.http.post('/api/v1/cases').set('authorization', clerk).set('idempotency-key', randomUUID()).send(registration());
      const path = `/api/v1/cases/${c.body.id}/actions/accept`;
      const missing = await t.http.post(path).set('authorization', clerk).send({ expectedVersion: c.body.version, occurredOn: '2026-02-13' });
      expectDocumentedError(missing, 'post', '/api/v1/cases/{id}/actions/accept');
      expect(missing.body.errors[0].field).toBe('backdateReason');
      const flagged = await t.http
        .post(path)
        .set('authorization', clerk)
        .send({ expectedVersion: c.body.version, occurredOn: '2026-02-13', backdateReason: '纸质登记簿补录' });
      expectDocumented(flagged, 'post', '/api/v1/cases/{id}/actions/accept');
      expect(flagged.body.backdatedEvents).toHaveLength(1);
      expectDocumented(await t.http.get('/api/v1/agency').set('authorization', await auth('admin')), 'get', '/api/v1/agency');
    });

    it('health (outside the /api/v1 prefix)', async () => {
      expectDocumented(await t.http.get('/health'), 'get', '/health');
    });
  });
});
