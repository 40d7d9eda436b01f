import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LetterContext } from '../../domain/letters';
import type { Queryable } from '../../platform/database/queryable';
import type { LetterType } from './letter-context';

/** A stored letter's metadata (the bytes only where asked for). */
export interface LetterRow {
  id: string;
  case_id: string;
  type: LetterType;
  variant: string;
  status: string;
  doc_number: string;
  sha256: string;
  issued_on: string;
  size: number;
  replaces_id: string | null;
  reason: string | null;
  signed_at: Date | null;
  created_at: Date;
}

/** What a correction (更正) is re-rendered from. */
export interface LetterOriginal {
  id: string;
  /** The year of its 文号: with id, the letter's key (letters is partitioned by it). */
  series_year: number;
  case_id: string;
  type: LetterType;
  variant: string;
  fields: Partial<LetterContext>;
  doc_number: string;
  replaced: boolean;
}

export interface NewLetter {
  agencyId: string;
  caseId: string;
  type: LetterType;
  variant: string;
  series: string;
  year: number;
  seq: number;
  docNumber: string;
  issuedOn: string;
  sha256: string;
  bytes: Buffer;
  /** The letter a correction replaces: its id and the year of its 文号 (the foreign key names both). */
  replaces: { id: string; seriesYear: number } | null;
  eventSeq: number | null;
  userId: string | null;
  fields: Partial<LetterContext>;
  reason: string | null;
  signingCertificateId: string | null;
  signedAt: Date | null;
}

const LETTER_COLUMNS = `id, case_id, type, variant, status, doc_number, sha256, to_char(issued_on, 'YYYY-MM-DD') AS issued_on, size,
  replaces_id, reason, signed_at, created_at`;

/**
 * Tables letters (final letters: never updated or deleted, a trigger refuses it) and
 * doc_number_counters (the gap-free 文号 series per agency, series and year).
 */
@Injectable()
export class LetterRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The next 文号 number of the series; the counter row stays locked until the transaction ends (gap-free). */
  async nextDocNumber(m: Queryable, agencyId: string, series: string, year: number): Promise<number> {
    const [{ last }] = (await m.query(
      `INSERT INTO doc_number_counters (agency_id, series, year, last) VALUES ($1, $2, $3, 1)
       ON CONFLICT (agency_id, series, year) DO UPDATE SET last = doc_number_counters.last + 1 RETURNING last`,
      [agencyId, series, year],
    )) as Array<{ last: number }>;
    return last;
  }

  async insert(m: Queryable, l: NewLetter): Promise<string> {
    const [row] = (await m.query(
      `INSERT INTO letters (agency_id, case_id, type, variant, status, series, series_year, series_seq, doc_number,
         issued_on, sha256, bytes, size, replaces_id, replaces_series_year, event_seq, created_by, fields, reason, signing_certificate_id, signed_at)
       VALUES ($1,$2,$3,$4,'final',$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20) RETURNING id`,
      [
        l.agencyId, l.caseId, l.type, l.variant, l.series, l.year, l.seq, l.docNumber, l.issuedOn, l.sha256,
        l.bytes, l.bytes.length, l.replaces?.id ?? null, l.replaces?.seriesYear ?? null, l.eventSeq, l.userId, JSON.stringify(l.fields ?? {}), l.reason,
        l.signingCertificateId, l.signedAt,
      ],
    )) as Array<{ id: string }>;
    return row.id;
  }

  async original(m: Queryable, agencyId: string, letterId: string): Promise<LetterOriginal | null> {
    const [r] = (await m.query(
      `SELECT id, series_year, case_id, type, variant, fields, doc_number,
              EXISTS (SELECT 1 FROM letters n WHERE n.replaces_id = l.id) AS replaced
         FROM letters l WHERE id = $1 AND agency_id = $2`,
      [letterId, agencyId],
    )) as LetterOriginal[];
    return r ?? null;
  }

  async forCase(caseId: string, q: Queryable = this.db): Promise<LetterRow[]> {
    return (await q.query(`SELECT ${LETTER_COLUMNS} FROM letters WHERE case_id = $1 ORDER BY created_at, series_seq`, [caseId])) as LetterRow[];
  }

  /**
   * The final letters of these cases still in force (not replaced by a correction), with their bytes,
   * in the given case order and then the order issued; `latestOnly`: each case's last one.
   */
  async inForce(agencyId: string, caseIds: string[], latestOnly: boolean): Promise<Array<{ case_id: string; doc_number: string; bytes: Buffer }>> {
    return (await this.db.query(
      `SELECT * FROM (
         SELECT l.case_id, l.doc_number, l.bytes, k.ord, l.created_at, l.series_seq,
                row_number() OVER (PARTITION BY l.case_id ORDER BY l.created_at DESC, l.series_seq DESC) AS from_last
           FROM letters l
           JOIN unnest($2::uuid[]) WITH ORDINALITY AS k(case_id, ord) ON k.case_id = l.case_id
          WHERE l.agency_id = $1 AND l.status = 'final'
            AND NOT EXISTS (SELECT 1 FROM letters n WHERE n.replaces_id = l.id)
       ) x
       WHERE NOT $3 OR from_last = 1
       ORDER BY ord, created_at, series_seq`,
      [agencyId, caseIds, latestOnly],
    )) as Array<{ case_id: string; doc_number: string; bytes: Buffer }>;
  }

  async caseOf(agencyId: string, letterId: string): Promise<string | null> {
    const [r] = (await this.db.query(`SELECT case_id FROM letters WHERE id = $1 AND agency_id = $2`, [letterId, agencyId])) as Array<{ case_id: string }>;
    return r?.case_id ?? null;
  }

  /** The letter with its bytes and the fingerprint of the certificate that signed it (null: unsigned). */
  async withBytes(agencyId: string, letterId: string): Promise<(LetterRow & { bytes: Buffer; signer_fingerprint: string | null }) | null> {
    const [r] = (await this.db.query(
      `SELECT ${LETTER_COLUMNS}, bytes,
              (SELECT c.fingerprint FROM agency_signing_certificates c WHERE c.id = l.signing_certificate_id) AS signer_fingerprint
         FROM letters l
        WHERE l.id = $1 AND l.agency_id = $2`,
      [letterId, agencyId],
    )) as Array<LetterRow & { bytes: Buffer; signer_fingerprint: string | null }>;
    return r ?? null;
  }

  /**
   * The hash the case history recorded when the letter was issued (its LETTER_ISSUED event), or
   * null when the history has no such event. The history is hash-chained, so this value cannot be
   * changed without breaking the chain; the letter row's own sha256 can.
   */
  async issuedHash(caseId: string, letterId: string): Promise<string | null> {
    const [r] = (await this.db.query(
      `SELECT payload->>'sha256' AS sha256 FROM case_events
        WHERE case_id = $1 AND type = 'LETTER_ISSUED' AND payload->>'letterId' = $2
        ORDER BY seq LIMIT 1`,
      [caseId, letterId],
    )) as Array<{ sha256: string | null }>;
    return r?.sha256 ?? null;
  }
}
