import { createTestContext, TestContext, TEST_PASSWORD } from '../support/test-app';

describe('foundation: health, login, errors', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('GET /health answers ok once the database answers', async () => {
    const res = await t.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('logs in each demo role and returns the contract shape', async () => {
    for (const role of ['admin', 'clerk', 'handler', 'approver', 'legal']) {
      const res = await t.http.post('/api/v1/auth/login').send({ username: role, password: TEST_PASSWORD });
      expect(res.status).toBe(200);
      expect(typeof res.body.accessToken).toBe('string');
      // The demo approver is also the head of the disclosure office (条例第三十三条第二款).
      expect(res.body.user).toMatchObject({ username: role, roles: role === 'approver' ? ['approver', 'office_head'] : [role] });
      expect(res.body.user.agencyId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
