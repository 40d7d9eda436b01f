/**
 * Issue 11, finding 10 (part): the gid_session cookie is HttpOnly, SameSite=Strict and Secure when
 * served over HTTPS (COOKIE_SECURE=auto: directly, or through a proxy trusted by TRUST_PROXY that
 * says X-Forwarded-Proto: https; COOKIE_SECURE=true: always).
 */
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ConfigError, loadConfig } from '../../src/platform/config/config';
import { createAppOn, createTestContext, TestContext, TEST_PASSWORD, testConfig } from '../support/test-app';

const LOGIN = '/api/v1/auth/login';

/** The attributes of the gid_session Set-Cookie line, lower-cased names. */
function cookieAttributes(res: request.Response): Record<string, string | true> {
  const lines: string[] = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const line = lines.find((l) => l.startsWith('gid_session='));
  if (!line) throw new Error(`no gid_session cookie in ${JSON.stringify(lines)}`);
  const [, ...attrs] = line.split(';').map((p) => p.trim());
  return Object.fromEntries(attrs.map((a) => {
    const [k, ...v] = a.split('=');
    return [k.toLowerCase(), v.length ? v.join('=') : true];
  }));
}

describe('the session cookie', () => {
  let t: TestContext;
  const apps: INestApplication[] = [];
  const http = async (over: Parameters<typeof createAppOn>[1]) => {
    const app = await createAppOn(t.url, over);
    apps.push(app);
    return request(app.getHttpServer());
  };
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await t.close();
  });

  it('is HttpOnly, SameSite=Strict, path /, and not Secure over plain HTTP (COOKIE_SECURE=auto)', async () => {
    const res = await t.http.post(LOGIN).send({ username: 'clerk', password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const a = cookieAttributes(res);
    expect(a).toMatchObject({ httponly: true, samesite: 'Strict', path: '/', 'max-age': '3600' });
    expect(a.secure).toBeUndefined();
  });

  it('is Secure behind a trusted proxy that says X-Forwarded-Proto: https (TRUST_PROXY, default loopback)', async () => {
    const res = await t.http.post(LOGIN).set('x-forwarded-proto', 'https').send({ username: 'clerk', password: TEST_PASSWORD });
    expect(cookieAttributes(res).secure).toBe(true);
    // Logging out clears it with the same attributes.
    const out = await t.http
      .post('/api/v1/auth/logout')
      .set('x-forwarded-proto', 'https')
      .set('authorization', `Bearer ${res.body.accessToken}`);
    expect(out.status).toBe(200);
    expect(cookieAttributes(out)).toMatchObject({ secure: true, httponly: true, samesite: 'Strict' });

    const named = await http({ trustProxy: '127.0.0.1/8' });
    expect(cookieAttributes(await named.post(LOGIN).set('x-forwarded-proto', 'https').send({ username: 'clerk', password: TEST_PASSWORD })).secure).toBe(
      true,
    );
  });

  it('ignores X-Forwarded-Proto from a peer that is not trusted (TRUST_PROXY=off, or another address)', async () => {
    for (const trustProxy of [false, '10.0.0.0/8']) {
      const h = await http({ trustProxy });
      const res = await h.post(LOGIN).set('x-forwarded-proto', 'https').send({ username: 'clerk', password: TEST_PASSWORD });
      expect([trustProxy, res.status, cookieAttributes(res).secure]).toEqual([trustProxy, 200, undefined]);
    }
  });

  it('COOKIE_SECURE=true makes it Secure on any request; COOKIE_SECURE=false never', async () => {
    const always = await http({ cookieSecure: true });
    expect(cookieAttributes(await always.post(LOGIN).send({ username: 'clerk', password: TEST_PASSWORD })).secure).toBe(true);
    const never = await http({ cookieSecure: false });
    const res = await never.post(LOGIN).set('x-forwarded-proto', 'https').send({ username: 'clerk', password: TEST_PASSWORD });
    expect(cookieAttributes(res).secure).toBeUndefined();
  });

  it('TRUST_PROXY and COOKIE_SECURE are read and checked at start, naming the variable', () => {
    const base = { JWT_SECRET: testConfig('postgres://x@127.0.0.1:1/x').jwtSecret, HISTORY_ANCHOR_KEY: 'k'.repeat(40), DATA_DIR: testConfig('postgres://x@127.0.0.1:1/x').dataDir };
    expect(loadConfig(base)).toMatchObject({ trustProxy: 'loopback', cookieSecure: 'auto' });
    expect(loadConfig({ ...base, TRUST_PROXY: 'off', COOKIE_SECURE: 'true' })).toMatchObject({ trustProxy: false, cookieSecure: true });
    expect(loadConfig({ ...base, TRUST_PROXY: '2', COOKIE_SECURE: 'false' })).toMatchObject({ trustProxy: 2, cookieSecure: false });
    expect(loadConfig({ ...base, TRUST_PROXY: 'Loopback, 10.0.0.0/8, fd00::1' }).trustProxy).toBe('loopback,10.0.0.0/8,fd00::1');
    expect(loadConfig({ ...base, TRUST_PROXY: 'true', COOKIE_SECURE: 'auto' })).toMatchObject({ trustProxy: true, cookieSecure: 'auto' });
    const bad = (env: Record<string, string>) => {
      try {
        loadConfig({ ...base, ...env });
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as ConfigError).problems.join('\n');
      }
      throw new Error(`accepted ${JSON.stringify(env)}`);
    };
    expect(bad({ TRUST_PROXY: 'proxy.example' })).toMatch(/^TRUST_PROXY .*proxy\.example/);
    expect(bad({ TRUST_PROXY: '10.0.0.0/33' })).toMatch(/^TRUST_PROXY /);
    expect(bad({ COOKIE_SECURE: 'sometimes' })).toMatch(/^COOKIE_SECURE 必须是 auto、true 或 false/);
  });
});
