/**
 * Property-based fuzzing of every write endpoint (issue 16, reliability 3): for each POST, PUT and
 * PATCH route of the OpenAPI document (so that a new endpoint is fuzzed without anyone listing it),
 * fast-check generates bodies from the route's request schema with hostile values put in — wrong
 * types, huge strings, control characters, impossible and far-future dates, SQL and HTML fragments,
 * invalid identity numbers, prototype keys — plus arbitrary JSON, and sends them as a caller the
 * route admits (test/support/route-rules.ts) on real ids.
 *
 * Every answer is a 4xx with a Chinese message (or a success for a body that happens to be
 * valid), never a 5xx; and when a route answered nothing but refusals, nothing in the database
 * changed (each table's rows, by content, or by count for the tables holding PDF bytes).
 *
 * FUZZ_RUNS bodies per route: 40 in `npm test`, 1,000 in `npm run test:reliability`. A failure
 * prints the route, the body (shrunk by fast-check) and the answer; FUZZ_SEED replays a run.
 */
import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { CASE_ACTIONS, ROLE_ACTIONS } from '../../src/domain/workflow';
import { act, departmentId, register, RESIDENT_ID } from '../support/cases';
import { RULES, Who } from '../support/route-rules';
import { createTestContext, TestContext } from '../support/test-app';

const RUNS = Number(process.env.FUZZ_RUNS || 40);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
jest.setTimeout(Math.max(120_000, RUNS * 2_000));

const chinese = /[\u4e00-\u9fa5]/;

/** Routes whose refusals legitimately leave a trace (a failed sign-in is counted against the account). */
const TRACE_TABLES: Record<string, string[]> = {
  'POST /api/v1/auth/login': ['login_throttle'],
  'POST /api/v1/auth/password': ['login_throttle'],
};
/** Routes not fuzzed here, with the reason. */
const NOT_FUZZED: Record<string, string> = {
  'POST /api/v1/auth/logout': 'takes no body; ends the session the fuzzing uses',
};

// ------------------------------------------------------------------------------------------------
// Hostile values
// ------------------------------------------------------------------------------------------------
const hostileString = fc.oneof(
  fc.constantFrom(
    "'; DROP TABLE cases; --",
    "1' OR '1'='1",
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '{{7*7}}${7*7}',
    '../../etc/passwd',
    '\u0000',
    'a\u0000b',
    '\u202e\u200b\ufeff',
    '\r\n\t\u0007',
    '',
    ' ',
    '2026-02-30',
    '2026-13-01',
    '9999-12-31',
    '2099-01-01',
    '0000-00-00',
    '2026-02-13T25:61:00+08:00',
    'not-a-date',
    '110101199003077777', // wrong check digit
    '11010519491231002X0',
    '91350100M000100Y4', // too short
    '00000000-0000-0000-0000-000000000000',
    'NaN',
    '-1',
    '1e309',
    '🙂'.repeat(300),
    '测'.repeat(5000),
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308, [], {}, [null], { $ne: null }),
  fc.integer(),
  fc.double(),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), hostileString, { maxKeys: 3 }),
);

// ------------------------------------------------------------------------------------------------
// Bodies from the route's schema: plausible values with hostile ones mixed in
// ------------------------------------------------------------------------------------------------
type Schema = { $ref?: string; type?: string; enum?: unknown[]; format?: string; items?: Schema; properties?: Record<string, Schema>; required?: string[]; allOf?: Schema[]; oneOf?: Schema[]; anyOf?: Schema[] };

function plausible(s: Schema, resolve: (r: string) => Schema, depth = 0): fc.Arbitrary<unknown> {
  if (s.$ref) return depth > 4 ? fc.constant({}) : plausible(resolve(s.$ref), resolve, depth + 1);
  const alt = s.allOf ?? s.oneOf ?? s.anyOf;
  if (alt?.length) return fc.oneof(...alt.map((x) => plausible(x, resolve, depth + 1)));
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'integer':
      return fc.integer({ min: -2, max: 40 });
    case 'number':
      return fc.double({ min: -2, max: 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(s.items ? plausible(s.items, resolve, depth + 1) : fc.string(), { maxLength: 3 });
    case 'object':
      return s.properties ? objectOf(s, resolve, depth + 1) : fc.constant({});
    default:
      if (s.format === 'date-time') return fc.constantFrom('2026-02-13T10:05:00+08:00', '2026-03-02T09:00:00+08:00');
      if (s.format === 'date') return fc.constantFrom('2026-02-13', '2026-02-24', '2026-03-02');
      if (s.format === 'uuid') return fc.uuid();
      if (s.format === 'email') return fc.constantFrom('zhang@example.com', 'a@b');
      return fc.constantFrom('测试内容', '示范县人民政府', RESIDENT_ID, '13800000000', '2026-02-13');
  }
}

function objectOf(s: Schema, resolve: (r: string) => Schema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(s.properties ?? {});
  if (!props.length || depth > 5) return fc.constant({});
  const field = (x: Schema) => fc.oneof({ weight: 3, arbitrary: plausible(x, resolve, depth) }, { weight: 1, arbitrary: hostileValue });
  return fc.record(Object.fromEntries(props.map(([k, x]) => [k, field(x)])), { requiredKeys: [] });
}

function bodies(schema: Schema | undefined, resolve: (r: string) => Schema): fc.Arbitrary<unknown> {
  const structured = schema ? plausible(schema, resolve) : fc.constant({});
  return fc.oneof(
    { weight: 6, arbitrary: structured },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    {
      weight: 1,
      arbitrary: fc.record({ __proto__: fc.constant({ admin: true }), constructor: fc.constant({ prototype: { x: 1 } }) } as never, { requiredKeys: [] }),
    },
  );
}

function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.end();
  });
}

// ------------------------------------------------------------------------------------------------

describe('fuzzing every write endpoint', () => {
  let t: TestContext;
  let doc: any;
  const ids: Record<string, string> = {};
  let fingerprintSql: string;

  beforeAll(async () => {
    t = await createTestContext({ publicApplicationsPerMinute: 0, rateLimits: { login: 0, password: 0, track: 0, letterCheck: 0 }, logLevel: 'error' } as never);
    doc = (await t.http.get('/api/docs-json')).body;
    let c = (await register(t)).body;
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
    c = (await act(t, 'clerk', c, 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-16' })).body;
    ids.case = c.id;
    ids.letter = c.letters[0].id;
    // the user the user-admin routes are fuzzed on: not one whose session the fuzzing uses
    const target = await t.http
      .post('/api/v1/users')
      .set('authorization', `Bearer ${await t.login('admin')}`)
      .send({ username: 'fuzz-target', displayName: '模糊测试用户', password: 'Fuzz-Target-Passw0rd', roles: ['clerk'] });
    expect(target.status).toBe(201);
    ids.user = target.body.id;
    // a record on the case (issue 18), so that its redactions are fuzzed on a real document
    const pdf = await new PDFDocument({ size: 'A4' }).text('fuzz');
    const upload = await t.http
      .post(`/api/v1/cases/${ids.case}/documents`)
      .set('authorization', `Bearer ${await t.login('handler')}`)
      .attach('file', await pdfBytes(pdf), { filename: '记录.pdf', contentType: 'application/pdf' });
    expect(upload.status).toBe(201);
    ids.document = upload.body.id;
    // every caller signed in before the sign-in route is fuzzed (its failures throttle the address)
    for (const who of ['operator', 'admin', 'clerk', 'handler', 'approver', 'legal']) await t.login(who);
    // Each table's rows by content; the tables holding bytes (PDFs, images, keys) by count and their newest id.
    const tables = (
      await t.db.query(`
        SELECT c.relname AS name,
               bool_or(a.atttypid = 'bytea'::regtype) AS has_bytes
          FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
         WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'migrations'
         GROUP BY c.relname ORDER BY c.relname`)
    ).rows as { name: string; has_bytes: boolean }[];
    fingerprintSql = `SELECT ${tables
      .map((x) => (x.has_bytes ? `(SELECT count(*)::text FROM "${x.name}") AS "${x.name}"` : `(SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "${x.name}" t) AS "${x.name}"`))
      .join(', ')}`;
  }, 120_000);
  afterAll(() => t?.close());

  const fingerprint = async (): Promise<Record<string, string>> => (await t.db.query(fingerprintSql)).rows[0];

  function writeRoutes(): string[] {
    return Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
      Object.keys(ops)
        .filter((m) => ['post', 'put', 'patch'].includes(m))
        .map((m) => `${m.toUpperCase()} ${p}`),
    );
  }

  function caller(route: string): Who | null {
    const rule = RULES[route];
    if (rule === 'domain') {
      const action = route.split('/').pop() as (typeof CASE_ACTIONS)[number];
      // the demo users (src/seed/demo-seed.ts): the approver is also the office head (机关负责人)
      const demo: [Who, string[]][] = [['clerk', ['clerk']], ['handler', ['handler']], ['approver', ['approver', 'office_head']], ['legal', ['legal']], ['admin', ['admin']]];
      const roleActions = ROLE_ACTIONS as Record<string, readonly string[]>;
      return demo.find(([, roles]) => roles.some((r) => roleActions[r]?.includes(action)))?.[0] ?? null;
    }
    if (Array.isArray(rule)) return rule.find((w) => w !== 'anon') ?? 'anon';
    return null;
  }

  function url(route: string): string {
    return route
      .split(' ')[1]
      .replace('/cases/{id}', `/cases/${ids.case}`)
      .replace('/letters/{id}', `/letters/${ids.letter}`)
      .replace('/users/{id}', `/users/${ids.user}`)
      .replace('/notifications/{id}', '/notifications/999999')
      .replace('/documents/{id}', `/documents/${ids.document}`)
      .replace('{year}', '2026');
  }

  function requestSchema(route: string): Schema | undefined {
    const [method, path] = route.split(' ');
    const op = doc.paths[path][method.toLowerCase()];
    return op.requestBody?.content?.['application/json']?.schema;
  }
  /** The media type of a route whose body is not JSON (a PDF, a multipart upload), else null. */
  function rawMediaType(route: string): string | null {
    const [method, path] = route.split(' ');
    const content = doc.paths[path][method.toLowerCase()].requestBody?.content ?? {};
    const types = Object.keys(content);
    return types.length && !types.includes('application/json') ? types[0] : null;
  }
  const resolve = (ref: string): Schema => doc.components.schemas[ref.replace('#/components/schemas/', '')] ?? {};

  it('covers every write route of the document', () => {
    const routes = writeRoutes();
    expect(routes.length).toBeGreaterThan(40);
    for (const r of routes) {
      if (NOT_FUZZED[r]) continue;
      expect([r, caller(r) !== null || RULES[r] === undefined]).toEqual([r, true]);
      expect([r, r in RULES]).toEqual([r, true]);
    }
  });

  it(`${RUNS} generated bodies per route: never a 5xx, a Chinese message on every refusal, nothing stored by refusals`, async () => {
    const summary: string[] = [];
    const failures: string[] = [];
    for (const route of writeRoutes()) {
      if (NOT_FUZZED[route]) continue;
      const who = caller(route);
      if (!who) continue;
      const [method] = route.split(' ');
      const path = url(route);
      const token = who === 'anon' ? null : await t.login(who);
      const legal = await t.login('legal');
      const before = await fingerprint();
      let successes = 0;
      const statuses = new Map<number, number>();
      const raw = rawMediaType(route);
      // a non-JSON body (a PDF, a multipart upload): arbitrary bytes, some of them starting like a PDF
      const arbitrary: fc.Arbitrary<unknown> = raw
        ? fc.oneof(fc.uint8Array({ maxLength: 4096 }), fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.concat([Buffer.from('%PDF-1.7\n'), b])))
        : bodies(requestSchema(route), resolve);
      // every route is fuzzed even when one fails: the failures are reported together at the end
      const run = fc.assert(
        fc.asyncProperty(arbitrary, async (body) => {
          const http = t.http as unknown as Record<string, (u: string) => import('supertest').Test>;
          let req = http[method.toLowerCase()](path);
          if (token) req = req.set('authorization', `Bearer ${token}`);
          if (route.endsWith('/auth/password')) req = req.set('authorization', `Bearer ${legal}`);
          const res = raw?.startsWith('multipart/')
            ? await req.attach('file', Buffer.from(body as Uint8Array), { filename: 'fuzz.pdf', contentType: 'application/pdf' })
            : raw
              ? await req.set('content-type', raw).send(Buffer.from(body as Uint8Array))
              : await req.set('content-type', 'application/json').send(JSON.stringify(body));
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status < 300) {
            successes++;
            return true;
          }
          const ok = res.status >= 400 && res.status < 500 && typeof res.body?.message === 'string' && chinese.test(res.body.message) && typeof res.body?.code === 'string';
          if (!ok) throw new Error(`${route} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
          return true;
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: false },
      );
      try {
        await run;
      } catch (e) {
        failures.push(String((e as Error).message).split('\n').filter((l) => /Counterexample|Cause|→|seed/.test(l)).join('\n'));
      }
      const after = await fingerprint();
      const allowed = new Set(TRACE_TABLES[route] ?? []);
      const changed = Object.keys(before).filter((k) => before[k] !== after[k] && !allowed.has(k));
      if (successes === 0) expect([route, changed]).toEqual([route, []]);
      summary.push(`${route}  ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}${successes ? `  (stored by successes: ${changed.join(', ') || '—'})` : ''}`);
    }
    console.log(`fuzzing, ${RUNS} bodies per route:\n${summary.join('\n')}`);
    expect(failures).toEqual([]);
    expect(summary.length).toBeGreaterThan(40);
  });
});
