import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** What the public tracking page may read of a case: no identity, no contact data, no content. */
export interface TrackedCaseRow {
  id: string;
  case_number: string;
  state: string;
  receipt_date: string | null;
  reply_due: string | null;
  department_name: string | null;
  /** Digits of the applicant's phone number as registered (compared here, never answered). */
  phone_digits: string;
}

export interface TrackedEventRow {
  type: string;
  occurred_on: string;
}

/** SQL of 快递式公开 (POST /track). */
@Injectable()
export class TrackingRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async byTrackingCode(code: string): Promise<TrackedCaseRow | null> {
    const rows: TrackedCaseRow[] = await this.db.query(
      `SELECT c.id, c.case_number, c.state, c.receipt_date::text AS receipt_date, c.reply_due::text AS reply_due,
              d.name AS department_name,
              regexp_replace(coalesce(c.applicant->>'phone', ''), '[^0-9]', '', 'g') AS phone_digits
         FROM cases c LEFT JOIN departments d ON d.id = c.department_id
        WHERE c.tracking_code = $1`,
      [code],
    );
    return rows[0] ?? null;
  }

  async events(caseId: string, types: readonly string[]): Promise<TrackedEventRow[]> {
    return this.db.query(
      `SELECT type, occurred_on::text AS occurred_on FROM case_events
        WHERE case_id = $1 AND type = ANY($2::text[]) ORDER BY seq`,
      [caseId, [...types]],
    );
  }
}
