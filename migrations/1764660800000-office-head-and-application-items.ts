import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Legal review findings 11 and 6:
 * - users.roles may hold `office_head` (政府信息公开工作机构负责人): only that role extends a reply
 *   period (条例第三十三条第二款: 应当经政府信息公开工作机构负责人同意). No existing user gets it
 *   here: an admin gives it to the head of the disclosure office.
 * - cases.items: the number of 件 of the application (国办函〔2020〕109号第四条: 一事一申请, counted
 *   per applicant per calendar month for 按件 fees), 1 unless a per-item fee notice said otherwise.
 * Runs forward on a database that already holds data: the role check only widens, the new column
 * has a default.
 */
export class OfficeHeadAndApplicationItems1764660800000 implements MigrationInterface {
  name = 'OfficeHeadAndApplicationItems1764660800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_roles_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_roles_check
      CHECK (roles <@ ARRAY['admin','clerk','handler','approver','legal','office_head']::text[])`);
    await q.query(`ALTER TABLE cases ADD COLUMN items integer NOT NULL DEFAULT 1 CHECK (items >= 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases DROP COLUMN items`);
    await q.query(`UPDATE users SET roles = array_remove(roles, 'office_head')`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_roles_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_roles_check
      CHECK (roles <@ ARRAY['admin','clerk','handler','approver','legal']::text[])`);
  }
}
