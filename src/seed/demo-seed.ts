import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { hashPassword } from '../modules/users/passwords';
import { DEFAULT_AGENCY_SETTINGS } from '../modules/agencies/agency-settings';
import type { Role } from '../domain/workflow/roles';

export interface DemoSeedResult {
  created: boolean;
  password?: string;
  generated?: boolean;
}

/**
 * The five demo users, named after their roles. The approver is also the head of the disclosure
 * office (office_head), who agrees to extensions (条例第三十三条第二款).
 */
export const DEMO_USERS: ReadonlyArray<{ username: string; displayName: string; roles: Role[]; inDepartment: boolean }> = [
  { username: 'admin', displayName: '系统管理员', roles: ['admin'], inDepartment: false },
  { username: 'clerk', displayName: '登记员', roles: ['clerk'], inDepartment: false },
  { username: 'handler', displayName: '承办人', roles: ['handler'], inDepartment: true },
  { username: 'approver', displayName: '审批人', roles: ['approver', 'office_head'], inDepartment: true },
  { username: 'legal', displayName: '法制审核员', roles: ['legal'], inDepartment: false },
];

/** The demo platform operator (平台管理员): outside every agency, keeps the national holiday calendar and creates agencies. */
export const DEMO_OPERATOR = { username: 'operator', displayName: '平台管理员' } as const;

/**
 * A demo agency with one department and one user per role, named after the role, and the demo
 * platform operator `operator`.
 * Runs only when no agency exists yet (first start on the embedded database, or `npm run seed:demo`).
 */
export async function seedDemo(url: string, demoPassword?: string, force = false): Promise<DemoSeedResult> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query('SELECT count(*)::int AS n FROM agencies');
    if (rows[0].n > 0 && !force) return { created: false };
    const existing = await c.query(`SELECT 1 FROM users WHERE lower(username) = ANY($1)`, [[...DEMO_USERS.map((u) => u.username), DEMO_OPERATOR.username]]);
    if (existing.rowCount) return { created: false };
    const password = demoPassword ?? randomBytes(9).toString('base64url');
    const hash = await hashPassword(password);
    await c.query('BEGIN');
    const settings = {
      ...DEFAULT_AGENCY_SETTINGS,
      docSeries: { reply: '示范政公开', receipt: '示范政公开回执', notice: '示范政公开告' },
      // 行政复议法第二十二条第二款 and the fee notice's 缴纳方式 (legal review 9, 21): set for the demo
      // agency; a real agency's admin enters its own.
      reconsiderationOnlineChannel: '示范市人民政府行政复议网上申请平台（示范市人民政府门户网站“行政复议”栏目）',
      feePaymentChannel: '示范县非税收入统一缴款平台（缴款码随本通知书送达），缴费后由本机关政府信息公开工作机构开具财政票据',
    };
    const a = await c.query(
      `INSERT INTO agencies (name, short_name, doc_prefix, disclosure_office_name, disclosure_office_phone,
                             address, postal_code, phone, reconsideration_body, court, settings)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`,
      [
        '示范县人民政府',
        '示范县政府',
        '示范政公开',
        '示范县人民政府办公室（政府信息公开工作机构）',
        '0000-12345678',
        '示范省示范市示范县人民路1号',
        '100000',
        '0000-12345678',
        '示范市人民政府',
        '示范市中级人民法院',
        JSON.stringify(settings),
      ],
    );
    const agencyId = a.rows[0].id;
    const d = await c.query(`INSERT INTO departments (agency_id, name) VALUES ($1, '政务公开科') RETURNING id`, [agencyId]);
    for (const u of DEMO_USERS) {
      await c.query(
        `INSERT INTO users (agency_id, department_id, username, display_name, password_hash, roles)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [agencyId, u.inDepartment ? d.rows[0].id : null, u.username, u.displayName, hash, u.roles],
      );
    }
    await c.query(
      `INSERT INTO users (agency_id, department_id, username, display_name, password_hash, roles)
       VALUES (NULL, NULL, $1, $2, $3, ARRAY['operator'])`,
      [DEMO_OPERATOR.username, DEMO_OPERATOR.displayName, hash],
    );
    await c.query('COMMIT');
    return { created: true, password, generated: demoPassword === undefined };
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await c.end();
  }
}
