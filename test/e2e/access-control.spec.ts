import { OUTCOMES } from '../../src/domain/outcomes/outcomes';
import { act, departmentId, register } from '../support/cases';
import { createTestContext, TEST_PASSWORD, TestContext } from '../support/test-app';

/**
 * Security review, findings 4 and 7: the platform operator (平台管理员) keeps the national calendar
 * and creates agencies, outside every agency; a handler reads and acts on the cases of their own
 * department (or assigned to them); nobody approves a reply they proposed.
 */
describe('access control: the platform operator, departments, separation of duties', () => {
  let t: TestContext;
  let deptA: string;
  let deptB: string;
  const bearer = async (who: string, password?: string) => `Bearer ${await t.login(who, password)}`;

  beforeAll(async () => {
    t = await createTestContext();
    deptA = await departmentId(t);
    const admin = await bearer('admin');
    deptB = (await t.http.post('/api/v1/departments').set('authorization', admin).send({ name: '城建科' })).body.id;
    const users = [
      { username: 'handler-b', displayName: '城建科承办人', roles: ['handler'], departmentId: deptB },
      { username: 'dual', displayName: '承办兼审批', roles: ['handler', 'approver'], departmentId: deptA },
    ];
    for (const u of users) {
      const res = await t.http.post('/api/v1/users').set('authorization', admin).send({ ...u, password: TEST_PASSWORD });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  const calendar2027 = {
    notice: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
    source: 'test',
    holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
    makeupWorkdays: [],
  };

  describe('the platform operator (finding 4)', () => {
    it('alone loads the national calendar: an agency admin gets 403 and nothing is stored', async () => {
      const before = (await t.db.query(`SELECT count(*)::int AS n FROM calendar_changes`)).rows[0].n;
      const byAdmin = await t.http.put('/api/v1/calendar/2027').set('authorization', await bearer('admin')).send(calendar2027);
      expect([byAdmin.status, byAdmin.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);
      expect((await t.db.query(`SELECT count(*)::int AS n FROM calendar_changes`)).rows[0].n).toBe(before);

      const byOperator = await t.http.put('/api/v1/calendar/2027').set('authorization', await bearer('operator')).send(calendar2027);
      expect(byOperator.status).toBe(200);
      // The history names the operator, to the operator and to an agency's users alike.
      for (const who of ['operator', 'clerk']) {
        const h = await t.http.get('/api/v1/calendar/2027/history').set('authorization', await bearer(who));
        expect(h.status).toBe(200);
        expect(h.body.at(-1).changedBy ?? h.body.at(-1).username).toBe('operator');
      }
    });

    it('belongs to no agency and reads no agency data', async () => {
      const op = await bearer('operator');
      const me = await t.http.get('/api/v1/me').set('authorization', op);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ username: 'operator', roles: ['operator'], agencyId: null });
      for (const path of ['/api/v1/cases', '/api/v1/agency', '/api/v1/users', '/api/v1/departments', '/api/v1/notifications']) {
        const res = await t.http.get(path).set('authorization', op);
        expect([path, res.status, res.body.code]).toEqual([path, 403, 'FORBIDDEN_ROLE']);
        expect(res.body.message).toMatch(/平台管理员/);
      }
      const reg = await t.http
        .post('/api/v1/cases')
        .set('authorization', op)
        .set('idempotency-key', 'op-1')
        .send({});
      expect(reg.status).toBe(403);
    });

    it('creates an agency with its first admin, who sees nothing of any other agency', async () => {
      const body = { name: '示范区人民政府', shortName: '示范区政府', docPrefix: '示范区政公开', admin: { username: 'xq-admin', password: 'Xq-Admin-Passw0rd' } };
      const byAdmin = await t.http.post('/api/v1/agencies').set('authorization', await bearer('admin')).send(body);
      expect(byAdmin.status).toBe(403);

      const created = await t.http.post('/api/v1/agencies').set('authorization', await bearer('operator')).send(body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: '示范区人民政府', shortName: '示范区政府', docPrefix: '示范区政公开' });
      expect(created.body.admin).toMatchObject({ username: 'xq-admin', roles: ['admin'], agencyId: created.body.id });
      expect(created.body.admin.passwordHash).toBeUndefined();

      const list = await t.http.get('/api/v1/agencies').set('authorization', await bearer('operator'));
      expect(list.body.map((a: any) => a.name)).toEqual(expect.arrayContaining(['示范县人民政府', '示范区人民政府']));

      // The new admin signs in and sees their agency only.
      const xq = await bearer('xq-admin', 'Xq-Admin-Passw0rd');
      expect((await t.http.get('/api/v1/agency').set('authorization', xq)).body.id).toBe(created.body.id);
      expect((await t.http.get('/api/v1/cases').set('authorization', xq)).body).toMatchObject({ total: 0, items: [] });
      expect((await t.http.get('/api/v1/users').set('authorization', xq)).body.map((u: any) => u.username)).toEqual(['xq-admin']);
      expect((await t.http.get('/api/v1/departments').set('authorization', xq)).body).toEqual([]);
      const demoCase = (await register(t)).body;
      expect((await t.http.get(`/api/v1/cases/${demoCase.id}`).set('authorization', xq)).status).toBe(404);

      // The new agency's clerk cannot register before the letters' authorities are set.
      const clerk = await t.http
        .post('/api/v1/users')
        .set('authorization', xq)
        .send({ username: 'xq-clerk', password: TEST_PASSWORD, displayName: '区登记员', roles: ['clerk'] });
      expect(clerk.status).toBe(201);
      const { registration } = await import('../support/cases');
      const tryRegister = async (key: string) =>
        t.http
          .post('/api/v1/cases')
          .set('authorization', await bearer('xq-clerk'))
          .set('idempotency-key', key)
          .send(registration());
      const early = await tryRegister('xq-1');
      expect([early.status, early.body.code]).toEqual([409, 'AGENCY_SETUP_INCOMPLETE']);
      expect(early.body.message).toMatch(/行政复议机关/);
      expect((await t.db.query(`SELECT count(*)::int AS n FROM cases WHERE agency_id = $1`, [created.body.id])).rows[0].n).toBe(0);
      const patched = await t.http
        .patch('/api/v1/agency')
        .set('authorization', xq)
        .send({ disclosureOfficeName: '示范区人民政府办公室', reconsiderationBody: '示范市人民政府', court: '示范市中级人民法院' });
      expect(patched.status).toBe(200);
      const ok = await tryRegister('xq-2');
      expect(ok.status).toBe(201);
      expect(ok.body.caseNumber).toMatch(/^2026-000001$/);
      // The demo agency's admin does not see it.
      expect((await t.http.get(`/api/v1/cases/${ok.body.id}`).set('authorization', await bearer('admin'))).status).toBe(404);
    });

    it('refuses a taken username and an agency role "operator" with nothing stored', async () => {
      const agencies = async () => (await t.db.query(`SELECT count(*)::int AS n FROM agencies`)).rows[0].n;
      const before = await agencies();
      const dup = await t.http
        .post('/api/v1/agencies')
        .set('authorization', await bearer('operator'))
        .send({ name: '重名测试', shortName: '重名', docPrefix: '重名', admin: { username: 'clerk', password: TEST_PASSWORD } });
      expect([dup.status, dup.body.code]).toEqual([409, 'USERNAME_TAKEN']);
      const bad = await t.http.post('/api/v1/agencies').set('authorization', await bearer('operator')).send({ name: '缺少管理员', shortName: 'x', docPrefix: 'x' });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body.errors)).toMatch(/admin/);
      expect(await agencies()).toBe(before);

      const asOperator = await t.http
        .post('/api/v1/users')
        .set('authorization', await bearer('admin'))
        .send({ username: 'sneaky', password: TEST_PASSWORD, displayName: '越权', roles: ['operator'] });
      expect(asOperator.status).toBe(400);
      expect((await t.db.query(`SELECT count(*)::int AS n FROM users WHERE username = 'sneaky'`)).rows[0].n).toBe(0);
    });
  });

  describe('departments and separation of duties (finding 7)', () => {
    /** A case accepted and assigned to department A (the demo handler's). */
    async function inDepartmentA() {
      let c = (await register(t)).body;
      c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
      c = (await act(t, 'clerk', c, 'assign', { departmentId: deptA, occurredOn: '2026-02-16' })).body;
      expect(c.departmentId).toBe(deptA);
      return c;
    }

    it("keeps another department's handler out of the case: 403 on detail, history, letters and actions, nothing stored", async () => {
      const c = await inDepartmentA();
      const b = await bearer('handler-b');
      for (const path of [`/api/v1/cases/${c.id}`, `/api/v1/cases/${c.id}/history`, `/api/v1/cases/${c.id}/history/verify`, `/api/v1/cases/${c.id}/letters`]) {
        const res = await t.http.get(path).set('authorization', b);
        expect([path, res.status, res.body.code]).toEqual([path, 403, 'CASE_NOT_IN_YOUR_DEPARTMENT']);
      }
      const letterId = c.letters[0].id;
      expect((await t.http.get(`/api/v1/letters/${letterId}/pdf`).set('authorization', b)).status).toBe(403);
      expect((await t.http.get(`/api/v1/letters/${letterId}/verify`).set('authorization', b)).status).toBe(403);
      const list = await t.http.get('/api/v1/cases?pageSize=100').set('authorization', b);
      expect(list.body.items.map((x: any) => x.id)).not.toContain(c.id);

      const events = async () => (await t.db.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1`, [c.id])).rows[0].n;
      const before = await events();
      const consult = await act(t, 'handler-b', c, 'start-consultation', { party: 'thirdParty', name: '某公司', occurredOn: '2026-02-17' });
      expect([consult.status, consult.body.code]).toEqual([403, 'CASE_NOT_IN_YOUR_DEPARTMENT']);
      expect(await events()).toBe(before);
      expect((await t.db.query(`SELECT version FROM cases WHERE id = $1`, [c.id])).rows[0].version).toBe(c.version);

      // The case's own department reads it, sees it in the worklist and acts on it.
      const a = await bearer('handler');
      expect((await t.http.get(`/api/v1/cases/${c.id}`).set('authorization', a)).body.allowedActions).toContain('start-consultation');
      expect((await t.http.get('/api/v1/cases?pageSize=100').set('authorization', a)).body.items.map((x: any) => x.id)).toContain(c.id);
      const ok = await act(t, 'handler', c, 'start-consultation', { party: 'thirdParty', name: '某公司', occurredOn: '2026-02-17' });
      expect(ok.status).toBe(200);
    });

    it('a case assigned to a handler by name is theirs whatever their department', async () => {
      let c = (await register(t)).body;
      c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
      const handlerB = (await t.db.query(`SELECT id FROM users WHERE username = 'handler-b'`)).rows[0].id;
      c = (await act(t, 'clerk', c, 'assign', { departmentId: deptA, assigneeId: handlerB, occurredOn: '2026-02-16' })).body;
      const res = await t.http.get(`/api/v1/cases/${c.id}`).set('authorization', await bearer('handler-b'));
      expect(res.status).toBe(200);
      expect(res.body.allowedActions).toContain('propose');
    });

    it('the agency may open reads (never actions) to every handler', async () => {
      const c = await inDepartmentA();
      const admin = await bearer('admin');
      const open = await t.http.patch('/api/v1/agency').set('authorization', admin).send({ settings: { handlersReadAllCases: true } });
      expect(open.body.settings.handlersReadAllCases).toBe(true);
      try {
        const view = await t.http.get(`/api/v1/cases/${c.id}`).set('authorization', await bearer('handler-b'));
        expect(view.status).toBe(200);
        expect(view.body.allowedActions).toEqual([]);
        const listed = await t.http.get('/api/v1/cases?pageSize=100').set('authorization', await bearer('handler-b'));
        expect(listed.body.items.map((x: any) => x.id)).toContain(c.id);
        const consult = await act(t, 'handler-b', c, 'start-consultation', { party: 'thirdParty', name: '某公司', occurredOn: '2026-02-17' });
        expect(consult.status).toBe(403);
      } finally {
        await t.http.patch('/api/v1/agency').set('authorization', admin).send({ settings: { handlersReadAllCases: false } });
      }
    });

    it('nobody approves a reply they proposed: 409 SELF_APPROVAL_FORBIDDEN, not offered, another approver may', async () => {
      let c = await inDepartmentA();
      const notExist = OUTCOMES.find((o) => o.code === 'not_exist')!;
      c = (await act(t, 'dual', c, 'propose', { outcome: 'not_exist', basis: notExist.basis, reasons: '经检索，本机关未制作或获取该信息', searchPerformed: '档案系统、OA系统', occurredOn: '2026-02-24' })).body;
      c = (await act(t, 'dual', c, 'submit-for-approval', { occurredOn: '2026-02-24' })).body;
      expect(c.state).toBe('inApproval');
      const view = await t.http.get(`/api/v1/cases/${c.id}`).set('authorization', await bearer('dual'));
      expect(view.body.allowedActions).not.toContain('approve');
      const self = await act(t, 'dual', c, 'approve', { occurredOn: '2026-02-25' });
      expect([self.status, self.body.code]).toEqual([409, 'SELF_APPROVAL_FORBIDDEN']);
      expect(self.body.message).toMatch(/审批与承办分离/);
      expect((await t.db.query(`SELECT state, version FROM cases WHERE id = $1`, [c.id])).rows[0]).toEqual({ state: 'inApproval', version: c.version });
      const approved = await act(t, 'approver', c, 'approve', { occurredOn: '2026-02-25' });
      expect(approved.status).toBe(200);
    });
  });
});
