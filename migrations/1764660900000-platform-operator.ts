import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The platform operator (平台管理员): a user outside every agency who keeps the national holiday
 * calendar and creates agencies with their first admin (security review, finding 4). An operator
 * has no agency and holds only the role `operator`; an agency's user never holds it, so no agency
 * admin can make one.
 * Runs forward on a database that already holds data: every existing user has an agency and no
 * `operator` role, so the new checks hold for them.
 */
export class PlatformOperator1764660900000 implements MigrationInterface {
  name = 'PlatformOperator1764660900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ALTER COLUMN agency_id DROP NOT NULL`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_roles_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_roles_check
      CHECK (roles <@ ARRAY['admin','clerk','handler','approver','legal','office_head','operator']::text[])`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_operator_outside_agencies CHECK (
      (agency_id IS NULL AND roles = ARRAY['operator']::text[] AND department_id IS NULL)
      OR (agency_id IS NOT NULL AND NOT ('operator' = ANY (roles))))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE agency_id IS NULL)`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_operator_outside_agencies`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_roles_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_roles_check
      CHECK (roles <@ ARRAY['admin','clerk','handler','approver','legal','office_head']::text[])`);
    await q.query(`ALTER TABLE users ALTER COLUMN agency_id SET NOT NULL`);
  }
}
