import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A case's chain head as the case row keeps it. */
export interface CaseHead {
  caseId: string;
  agencyId: string;
  headSeq: number;
  headHash: string | null;
}

/** What the external anchor reads: every case's head, and the hash of one event. */
@Injectable()
export class HistoryAnchorRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Case heads in id order after `afterId` (keyset pages, so a large database is read in bounded steps). */
  async headsAfter(afterId: string | null, limit: number): Promise<CaseHead[]> {
    const rows = (await this.db.query(
      `SELECT id, agency_id, head_seq, head_hash FROM cases
        WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [afterId, limit],
    )) as Array<{ id: string; agency_id: string; head_seq: number; head_hash: string | null }>;
    return rows.map((r) => ({ caseId: r.id, agencyId: r.agency_id, headSeq: r.head_seq, headHash: r.head_hash }));
  }

  async head(caseId: string): Promise<CaseHead | null> {
    const [r] = (await this.db.query(`SELECT id, agency_id, head_seq, head_hash FROM cases WHERE id = $1`, [caseId])) as Array<{
      id: string;
      agency_id: string;
      head_seq: number;
      head_hash: string | null;
    }>;
    return r ? { caseId: r.id, agencyId: r.agency_id, headSeq: r.head_seq, headHash: r.head_hash } : null;
  }

  /** The stored hash of event `seq` of the case, or null when there is no such event. */
  async eventHash(caseId: string, seq: number): Promise<string | null> {
    const [r] = (await this.db.query(`SELECT hash FROM case_events WHERE case_id = $1 AND seq = $2`, [caseId, seq])) as Array<{
      hash: string;
    }>;
    return r?.hash ?? null;
  }
}
