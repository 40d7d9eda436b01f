/**
 * The public and sign-in routes' per-address limits come from the configuration
 * (RATE_LIMIT_*_PER_MINUTE, PUBLIC_APPLICATIONS_PER_MINUTE): a load run from one address lifts
 * them with 0, and a tighter setting holds. Over the limit: 429 with a Chinese message.
 */
import { loadConfig } from '../../src/platform/config/config';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createAppOn, createTestContext, TestContext, TEST_PASSWORD } from '../support/test-app';

describe('configurable rate limits', () => {
  it('reads RATE_LIMIT_*_PER_MINUTE, 0 lifting a limit, and refuses a bad value in Chinese', () => {
    const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1/db', JWT_SECRET: 'x'.repeat(40), HISTORY_ANCHOR_KEY: 'y'.repeat(40), SIGNING_P12_PASSPHRASE: 'z'.repeat(20) };
    const c = loadConfig({ ...base, RATE_LIMIT_TRACK_PER_MINUTE: '0', RATE_LIMIT_LOGIN_PER_MINUTE: '200' });
    expect(c.rateLimits).toEqual({ login: 200, password: 10, track: 0, letterCheck: 10 });
    expect(() => loadConfig({ ...base, RATE_LIMIT_LETTER_CHECK_PER_MINUTE: '-1' })).toThrow(/RATE_LIMIT_LETTER_CHECK_PER_MINUTE/);
  });

  describe('over HTTP', () => {
    let t: TestContext;
    beforeAll(async () => {
      t = await createTestContext({ rateLimits: { track: 2, login: 0 } });
    });
    afterAll(() => t.close());

    it('holds a tighter limit: the third look-up in a minute is 429 in Chinese', async () => {
      const statuses: number[] = [];
      let last: any;
      for (let i = 0; i < 3; i++) {
        last = await t.http.post('/api/v1/track').send({ trackingCode: 'AAAAAAAAAAAA', phoneLast4: '0000' });
        statuses.push(last.status);
      }
      expect(statuses.slice(0, 2).every((s) => s !== 429)).toBe(true);
      expect(statuses[2]).toBe(429);
      expect(last.body.message).toMatch(/[\u4e00-\u9fff]/);
    });

    it('lifts a limit set to 0: 30 sign-ins from one address all pass the gate', async () => {
      const statuses = new Set<number>();
      for (let i = 0; i < 30; i++) {
        statuses.add((await t.http.post('/api/v1/auth/login').send({ username: 'clerk', password: TEST_PASSWORD })).status);
      }
      expect([...statuses]).toEqual([200]);
    });
  });

  describe('across instances (the counts are in PostgreSQL)', () => {
    let t: TestContext;
    let second: INestApplication;
    beforeAll(async () => {
      t = await createTestContext({ rateLimits: { track: 3 } });
      second = await createAppOn(t.url, { rateLimits: { track: 3 } });
    });
    afterAll(async () => {
      await second.close();
      await t.close();
    });

    it('three look-ups spread over two instances use up the limit of both: the fourth is 429 on either', async () => {
      const look = (http: ReturnType<typeof request>) => http.post('/api/v1/track').send({ trackingCode: 'BBBBBBBBBBBB', phoneLast4: '0000' });
      const other = request(second.getHttpServer());
      const statuses = [(await look(t.http)).status, (await look(other)).status, (await look(t.http)).status];
      expect(statuses).not.toContain(429);
      const fourth = await look(other);
      expect(fourth.status).toBe(429);
      expect(fourth.body.message).toMatch(/[\u4e00-\u9fff]/);
      expect((await look(t.http)).status).toBe(429);
      const rows = await t.db.query(`SELECT hits FROM rate_limit_hits WHERE key LIKE 'default:%'`);
      expect(rows.rows.map((r) => r.hits)).toContain(5);
    });
  });
});
