/**
 * Issue 11, finding 10 (part): security headers (helmet), the JWT algorithm pinned to HS256, the
 * OpenAPI document behind sign-in in production, and no query strings in the request log.
 */
import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/platform/config/config';
import { pinoParams } from '../../src/platform/logging/logging';
import { createTestContext, createTestDatabase, TestContext, TEST_PASSWORD, testConfig } from '../support/test-app';

const DUMMY_URL = 'postgres://nobody@127.0.0.1:1/none';

describe('security headers and tokens', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('sends a CSP fit for a same-origin web UI and the other helmet headers', async () => {
    for (const res of [await t.http.get('/health'), await t.http.get('/api/v1/me'), await t.http.get('/api/docs-json')]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      // Element Plus needs inline styles; scripts stay same-origin only, never inline.
      expect(csp).toMatch(/style-src 'self' 'unsafe-inline'(;|$)/);
      expect(csp.split(';').filter((d) => !d.trim().startsWith('style-src')).join(';')).not.toContain('unsafe-inline');
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBeDefined();
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('signs with HS256 and refuses a token signed with another algorithm', async () => {
    const login = await t.http.post('/api/v1/auth/login').send({ username: 'clerk', password: TEST_PASSWORD });
    const token: string = login.body.accessToken;
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toMatchObject({ alg: 'HS256' });
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    const jwt = new JwtService({ secret: testConfig(DUMMY_URL).jwtSecret });
    const forged = jwt.sign({ sub: payload.sub, agencyId: payload.agencyId, roles: payload.roles }, { algorithm: 'HS512', jwtid: payload.jti });
    expect((await t.http.get('/api/v1/me').set('authorization', `Bearer ${token}`)).status).toBe(200);
    expect((await t.http.get('/api/v1/me').set('authorization', `Bearer ${forged}`)).status).toBe(401);
  });
});

describe('the OpenAPI document in production', () => {
  let app: INestApplication;
  let drop: () => Promise<void>;
  let http: ReturnType<typeof request>;
  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      JWT_SECRET: testConfig(DUMMY_URL).jwtSecret,
      LOG_LEVEL: 'silent',
      TIMER_POLL_MS: '0',
      MIGRATIONS_RUN: 'false',
      HISTORY_ANCHOR_KEY: testConfig(DUMMY_URL).jwtSecret,
      SIGNING_P12_PASSPHRASE: testConfig(DUMMY_URL).signingPassphrase,
      DATA_DIR: testConfig(DUMMY_URL).dataDir,
    };
    const config = loadConfig(env);
    app = await createApp({ ...config, databaseUrl: db.url }, { logger: false });
    await app.init();
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('answers 401 without a session, and the document with one (bearer or cookie)', async () => {
    for (const path of ['/api/docs', '/api/docs/', '/api/docs-json', '/api/docs/swagger-ui-init.js']) {
      const res = await http.get(path);
      expect([path, res.status]).toEqual([path, 401]);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED', requestId: expect.any(String) });
    }
    expect((await http.get('/api/docs-json').set('authorization', 'Bearer nonsense')).status).toBe(401);
    const login = await http.post('/api/v1/auth/login').send({ username: 'clerk', password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    const doc = await http.get('/api/docs-json').set('authorization', `Bearer ${login.body.accessToken}`);
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    const page = await http.get('/api/docs').set('cookie', login.headers['set-cookie']);
    expect(page.status).toBe(200);
    // Logged out: the document is closed again.
    await http.post('/api/v1/auth/logout').set('authorization', `Bearer ${login.body.accessToken}`);
    expect((await http.get('/api/docs-json').set('authorization', `Bearer ${login.body.accessToken}`)).status).toBe(401);
  });
});

describe('the request log', () => {
  it('keeps the path and drops the query string (search terms are personal data)', () => {
    const params: any = pinoParams(testConfig(DUMMY_URL));
    const serialized = params.pinoHttp.serializers.req({
      id: randomUUID(),
      method: 'GET',
      url: '/api/v1/cases?applicant=%E5%BC%A0%E4%B8%89&text=110101199003077777',
    });
    expect(serialized.url).toBe('/api/v1/cases');
    expect(JSON.stringify(serialized)).not.toContain('110101199003077777');
    expect(JSON.stringify(serialized)).not.toContain('%E5%BC%A0');
  });

  it('NODE_ENV=production closes the document; otherwise it stays open', () => {
    const base = { JWT_SECRET: testConfig(DUMMY_URL).jwtSecret, HISTORY_ANCHOR_KEY: testConfig(DUMMY_URL).jwtSecret, DATA_DIR: testConfig(DUMMY_URL).dataDir };
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).apiDocsPublic).toBe(false);
    expect(loadConfig({ ...base }).apiDocsPublic).toBe(true);
  });
});
