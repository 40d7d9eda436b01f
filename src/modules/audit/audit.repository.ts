import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Finding } from '../../domain/audit/findings';
import type { AuditEntry } from '../../domain/audit/evaluate';

export type Queryable = { query: (sql: string, params?: unknown[]) => Promise<any> };

export interface LetterRow {
  id: string;
  type: string;
  variant: string;
  status: string;
  doc_number: string | null;
  issued_on: string;
  sha256: string;
  actual_sha256: string;
  fields: Record<string, unknown> | null;
  replaced: boolean;
}

export interface StoredFinding {
  source: 'rules' | 'legal';
  code: string;
  severity: 'high' | 'medium' | 'low';
  article: string | null;
  message: string;
  evidence: Record<string, unknown>;
}

export interface AuditListFilter {
  agencyId: string;
  finding?: string;
  closedFrom?: string;
  closedTo?: string;
  signedOff?: boolean;
}

/** The legal audit's SQL: the case's history and letters as the rules read them, the stored findings, the audit list. */
@Injectable()
export class AuditRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async entries(q: Queryable, caseId: string): Promise<AuditEntry[]> {
    const rows = await q.query(
      `SELECT id::text AS id, seq, type, payload, actor_id, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, recorded_at
         FROM case_events WHERE case_id = $1 ORDER BY seq`,
      [caseId],
    );
    return rows.map((r: any) => ({
      id: r.id,
      seq: r.seq,
      type: r.type,
      payload: r.payload,
      actorId: r.actor_id,
      occurredOn: r.occurred_on,
      recordedAt: new Date(r.recorded_at).toISOString(),
    }));
  }

  /** Every letter of the case with the sha256 of its stored bytes (computed by PostgreSQL). */
  letters(q: Queryable, caseId: string): Promise<LetterRow[]> {
    return q.query(
      `SELECT l.id, l.type, l.variant, l.status, l.doc_number, to_char(l.issued_on, 'YYYY-MM-DD') AS issued_on, l.sha256,
              encode(sha256(l.bytes), 'hex') AS actual_sha256, l.fields,
              EXISTS (SELECT 1 FROM letters r WHERE r.replaces_id = l.id) AS replaced
         FROM letters l WHERE l.case_id = $1 ORDER BY l.created_at, l.series_seq`,
      [caseId],
    );
  }

  async latestProposal(q: Queryable, caseId: string): Promise<Record<string, unknown> | null> {
    const [e] = await q.query(
      `SELECT payload FROM case_events WHERE case_id = $1 AND type IN ('PROPOSE', 'ON_THE_SPOT_REPLY') ORDER BY seq DESC LIMIT 1`,
      [caseId],
    );
    return e?.payload ?? null;
  }

  async audit(q: Queryable, caseId: string): Promise<{ rules_version: number; signed_off_at: Date | null; sign_off_comments: string | null } | null> {
    const [r] = await q.query(`SELECT rules_version, signed_off_at, sign_off_comments FROM case_audits WHERE case_id = $1`, [caseId]);
    return r ?? null;
  }

  async findings(q: Queryable, caseId: string, source?: 'rules' | 'legal'): Promise<StoredFinding[]> {
    return q.query(
      `SELECT source, code, severity, article, message, evidence FROM case_findings
        WHERE case_id = $1 AND ($2::text IS NULL OR source = $2) ORDER BY source DESC, id`,
      [caseId, source ?? null],
    );
  }

  /**
   * Replaces the computed findings of a closed case and records the rules version, under the
   * audit row's lock (two recomputations of one case do not interleave). Legal staff's findings stay.
   */
  async storeComputed(q: Queryable, c: { caseId: string; agencyId: string }, findings: Finding[], rulesVersion: number): Promise<void> {
    await q.query(
      `INSERT INTO case_audits (case_id, agency_id, rules_version) VALUES ($1, $2, $3) ON CONFLICT (case_id) DO NOTHING`,
      [c.caseId, c.agencyId, rulesVersion],
    );
    await q.query(`SELECT 1 FROM case_audits WHERE case_id = $1 FOR UPDATE`, [c.caseId]);
    await q.query(`DELETE FROM case_findings WHERE case_id = $1 AND source = 'rules'`, [c.caseId]);
    if (findings.length) {
      await q.query(
        `INSERT INTO case_findings (case_id, agency_id, source, code, severity, article, message, evidence, rules_version)
         SELECT $1, $2, 'rules', f.code, f.severity, f.article, f.message, f.evidence, $4
           FROM jsonb_to_recordset($3::jsonb) AS f(code text, severity text, article text, message text, evidence jsonb)`,
        [c.caseId, c.agencyId, JSON.stringify(findings), rulesVersion],
      );
    }
    await q.query(`UPDATE case_audits SET rules_version = $2, computed_at = now() WHERE case_id = $1`, [c.caseId, rulesVersion]);
  }

  async insertLegalFinding(q: Queryable, c: { caseId: string; agencyId: string; userId: string; seq: number }, f: StoredFinding): Promise<void> {
    await q.query(
      `INSERT INTO case_findings (case_id, agency_id, source, code, severity, article, message, evidence, event_seq, created_by)
       VALUES ($1, $2, 'legal', $3, $4, $5, $6, $7, $8, $9)`,
      [c.caseId, c.agencyId, f.code, f.severity, f.article, f.message, JSON.stringify(f.evidence), c.seq, c.userId],
    );
  }

  /** Records the sign-off; false when the case was signed off already (the audit row is locked first). */
  async signOff(q: Queryable, c: { caseId: string; agencyId: string; userId: string; seq: number; comments: string }, rulesVersion: number): Promise<boolean> {
    await q.query(
      `INSERT INTO case_audits (case_id, agency_id, rules_version) VALUES ($1, $2, $3) ON CONFLICT (case_id) DO NOTHING`,
      [c.caseId, c.agencyId, rulesVersion],
    );
    const [r] = await q.query(`SELECT signed_off_at FROM case_audits WHERE case_id = $1 FOR UPDATE`, [c.caseId]);
    if (r?.signed_off_at) return false;
    await q.query(
      `UPDATE case_audits SET signed_off_at = now(), signed_off_by = $2, sign_off_comments = $3, sign_off_seq = $4 WHERE case_id = $1`,
      [c.caseId, c.userId, c.comments, c.seq],
    );
    return true;
  }

  /**
   * One batch of closed cases whose findings are missing or computed under other rules (or every
   * closed case with `all`), after `afterId` in id order: the recomputation pages through them
   * without holding them all.
   */
  async closedToRecompute(afterId: string | null, rulesVersion: number, all: boolean, limit: number): Promise<Array<{ id: string; agency_id: string }>> {
    return this.db.query(
      `SELECT c.id, c.agency_id FROM cases c LEFT JOIN case_audits a ON a.case_id = c.id
        WHERE c.state IN ('closed', 'archived') AND ($1::uuid IS NULL OR c.id > $1::uuid)
          AND ($3 OR a.case_id IS NULL OR a.rules_version <> $2)
        ORDER BY c.id LIMIT $4`,
      [afterId, rulesVersion, all, limit],
    );
  }

  private where(f: AuditListFilter): { sql: string; params: unknown[] } {
    const params: unknown[] = [f.agencyId];
    const and: string[] = [`c.agency_id = $1`, `c.state IN ('closed', 'archived')`, `c.closed_on IS NOT NULL`];
    if (f.closedFrom) and.push(`c.closed_on >= $${params.push(f.closedFrom)}`);
    if (f.closedTo) and.push(`c.closed_on <= $${params.push(f.closedTo)}`);
    if (f.finding) and.push(`EXISTS (SELECT 1 FROM case_findings f WHERE f.agency_id = $1 AND f.code = $${params.push(f.finding)} AND f.case_id = c.id)`);
    if (f.signedOff !== undefined) and.push(f.signedOff ? `a.signed_off_at IS NOT NULL` : `a.signed_off_at IS NULL`);
    return { sql: and.join(' AND '), params };
  }

  /** Read only, as pageClosed: `q` is the primary's pool unless the service passes the standby's (ReadReplica.run). */
  async countClosed(f: AuditListFilter, q: Queryable = this.db): Promise<number> {
    const w = this.where(f);
    const [r] = await q.query(`SELECT count(*)::int AS n FROM cases c LEFT JOIN case_audits a ON a.case_id = c.id WHERE ${w.sql}`, w.params);
    return r.n;
  }

  /** A page of closed cases with their finding counts and codes (latest closing first). */
  async pageClosed(f: AuditListFilter, page: number, pageSize: number, q: Queryable = this.db) {
    const w = this.where(f);
    const limit = w.params.push(pageSize);
    const offset = w.params.push((page - 1) * pageSize);
    return q.query(
      `SELECT c.id, c.case_number, c.state, c.outcome, to_char(c.closed_on, 'YYYY-MM-DD') AS closed_on, c.applicant_name,
              a.rules_version, a.signed_off_at, a.sign_off_comments,
              (SELECT count(*)::int FROM case_findings x WHERE x.case_id = c.id) AS finding_count,
              (SELECT count(*)::int FROM case_findings x WHERE x.case_id = c.id AND x.severity = 'high') AS high_count,
              COALESCE((SELECT array_agg(DISTINCT x.code ORDER BY x.code) FROM case_findings x WHERE x.case_id = c.id), '{}') AS codes
         FROM cases c LEFT JOIN case_audits a ON a.case_id = c.id
        WHERE ${w.sql}
        ORDER BY c.closed_on DESC, c.case_number DESC
        LIMIT $${limit} OFFSET $${offset}`,
      w.params,
    );
  }
}
