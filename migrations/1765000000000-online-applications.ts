import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Online applications (网上申请, issue 14): a case submitted by the applicant through
 * POST /public/applications has no receipt date until the office confirms it (条例第三十一条第（三）项：
 * 以双方确认之日为收到申请之日) and no registering user. Runs forward on a database holding data:
 * every existing case has both, so the new check holds for them.
 */
export class OnlineApplications1765000000000 implements MigrationInterface {
  name = 'OnlineApplications1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ALTER COLUMN receipt_date DROP NOT NULL`);
    await q.query(`ALTER TABLE cases ALTER COLUMN created_by DROP NOT NULL`);
    await q.query(`ALTER TABLE cases ADD CONSTRAINT cases_receipt_date_unless_awaiting_confirmation
      CHECK (receipt_date IS NOT NULL OR (state = 'awaitingConfirmation' AND channel = 'online'))`);
    await q.query(`ALTER TABLE cases ADD CONSTRAINT cases_created_by_unless_online
      CHECK (created_by IS NOT NULL OR channel = 'online')`);
    // The clerks' queue of applications awaiting confirmation, oldest first.
    await q.query(`CREATE INDEX cases_awaiting_confirmation_idx ON cases (agency_id, arrived_at) WHERE state = 'awaitingConfirmation'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_awaiting_confirmation_idx`);
    await q.query(`ALTER TABLE cases DROP CONSTRAINT cases_created_by_unless_online`);
    await q.query(`ALTER TABLE cases DROP CONSTRAINT cases_receipt_date_unless_awaiting_confirmation`);
    await q.query(`ALTER TABLE cases ALTER COLUMN created_by SET NOT NULL`);
    await q.query(`ALTER TABLE cases ALTER COLUMN receipt_date SET NOT NULL`);
  }
}
