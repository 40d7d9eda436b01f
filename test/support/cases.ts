import { randomUUID } from 'node:crypto';
import { residentIdCheckDigit } from '../../src/domain/intake';
import { TestContext } from './test-app';

export const RESIDENT_ID = (() => {
  const first17 = '11010519491231002';
  return first17 + residentIdCheckDigit(first17);
})();

export function registration(over: Record<string, any> = {}) {
  return {
    channel: 'in_person',
    arrivedAt: '2026-02-13T10:05:00+08:00',
    applicant: {
      type: 'natural',
      category: 'natural_person',
      name: '张三',
      idType: 'resident_id',
      idNumber: RESIDENT_ID,
      phone: '13800000000',
      address: '示范县人民路2号',
    },
    description: '申请公开2025年度示范县道路建设项目的招标文件。',
    form: 'paper',
    deliveryMethod: 'post',
    ...over,
  };
}

export async function register(t: TestContext, over: Record<string, any> = {}, key = randomUUID()) {
  const token = await t.login('clerk');
  return t.http.post('/api/v1/cases').set('authorization', `Bearer ${token}`).set('idempotency-key', key).send(registration(over));
}

/** POST an action as `role` with the case's current version. */
export async function act(t: TestContext, role: string, c: { id: string; version: number }, action: string, body: Record<string, any> = {}) {
  const token = await t.login(role);
  return t.http
    .post(`/api/v1/cases/${c.id}/actions/${action}`)
    .set('authorization', `Bearer ${token}`)
    .send({ expectedVersion: c.version, ...body });
}

export async function departmentId(t: TestContext): Promise<string> {
  return (await t.db.query(`SELECT id FROM departments WHERE name = '政务公开科'`)).rows[0].id;
}
