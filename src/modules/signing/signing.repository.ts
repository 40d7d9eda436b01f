import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Queryable } from '../../platform/database/queryable';
import type { CertificateInfo } from '../../platform/signing';

export interface CertificateRow {
  id: string;
  agency_id: string;
  certificate_pem: string;
  fingerprint: string;
  subject_cn: string;
  issuer_cn: string;
  serial_number: string;
  not_before: Date;
  not_after: Date;
  test_only: boolean;
  created_at: Date;
}

const CERT_COLUMNS = `id, agency_id, certificate_pem, fingerprint, subject_cn, issuer_cn, serial_number, not_before, not_after, test_only, created_at`;

/**
 * Tables agency_signing_certificates and agency_seals: append-only (a trigger refuses UPDATE and
 * DELETE); the newest row of an agency is the one in use. The PKCS#12 column is read only by
 * `p12Of`, never with the metadata.
 */
@Injectable()
export class SigningRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async current(agencyId: string, m: Queryable = this.db): Promise<CertificateRow | null> {
    const [r] = (await m.query(
      `SELECT ${CERT_COLUMNS} FROM agency_signing_certificates WHERE agency_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
      [agencyId],
    )) as CertificateRow[];
    return r ?? null;
  }

  async list(agencyId: string): Promise<CertificateRow[]> {
    return (await this.db.query(
      `SELECT ${CERT_COLUMNS} FROM agency_signing_certificates WHERE agency_id = $1 ORDER BY created_at DESC, id DESC`,
      [agencyId],
    )) as CertificateRow[];
  }

  async p12Of(id: string, m: Queryable = this.db): Promise<Buffer> {
    const [r] = (await m.query(`SELECT p12 FROM agency_signing_certificates WHERE id = $1`, [id])) as Array<{ p12: Buffer }>;
    return r.p12;
  }

  async byId(id: string, m: Queryable = this.db): Promise<CertificateRow | null> {
    const [r] = (await m.query(`SELECT ${CERT_COLUMNS} FROM agency_signing_certificates WHERE id = $1`, [id])) as CertificateRow[];
    return r ?? null;
  }

  /** Serialises the creation of an agency's first (test) certificate within the transaction. */
  async lockAgency(m: Queryable, agencyId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('signing:' || $1, 0))`, [agencyId]);
  }

  /** Inserts a certificate; null when the agency already has this very certificate. */
  async insert(m: Queryable, agencyId: string, p12: Buffer, info: CertificateInfo, testOnly: boolean, userId: string | null): Promise<CertificateRow | null> {
    const [r] = (await m.query(
      `INSERT INTO agency_signing_certificates (agency_id, p12, certificate_pem, fingerprint, subject_cn, issuer_cn, serial_number,
         not_before, not_after, test_only, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
       ON CONFLICT (agency_id, fingerprint) DO NOTHING RETURNING ${CERT_COLUMNS}`,
      [agencyId, p12, info.certificatePem, info.fingerprint, info.subjectCn, info.issuerCn, info.serialNumber, info.notBefore, info.notAfter, testOnly, userId],
    )) as CertificateRow[];
    return r ?? null;
  }

  async currentSeal(agencyId: string, m: Queryable = this.db): Promise<{ id: string; png: Buffer; sha256: string; width: number; height: number; created_at: Date } | null> {
    const [r] = (await m.query(
      `SELECT id, png, sha256, width, height, created_at FROM agency_seals WHERE agency_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
      [agencyId],
    )) as Array<{ id: string; png: Buffer; sha256: string; width: number; height: number; created_at: Date }>;
    return r ?? null;
  }

  async insertSeal(agencyId: string, png: Buffer, sha256: string, width: number, height: number, userId: string): Promise<{ id: string; created_at: Date }> {
    const [r] = (await this.db.query(
      `INSERT INTO agency_seals (agency_id, png, sha256, width, height, created_by) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id, created_at`,
      [agencyId, png, sha256, width, height, userId],
    )) as Array<{ id: string; created_at: Date }>;
    return r;
  }

  /** Letters whose bytes hash to `sha256` (public authenticity check), with their agency's name. */
  async lettersWithHash(sha256: string): Promise<Array<{ id: string; agency_id: string; agency_name: string; doc_number: string; issued_on: string; signing_certificate_id: string | null; fingerprint: string | null; replaced: boolean }>> {
    return (await this.db.query(
      `SELECT l.id, l.agency_id, a.name AS agency_name, l.doc_number, to_char(l.issued_on, 'YYYY-MM-DD') AS issued_on,
              l.signing_certificate_id, c.fingerprint,
              EXISTS (SELECT 1 FROM letters n WHERE n.replaces_id = l.id) AS replaced
         FROM letters l JOIN agencies a ON a.id = l.agency_id
         LEFT JOIN agency_signing_certificates c ON c.id = l.signing_certificate_id
        WHERE l.sha256 = $1 LIMIT 5`,
      [sha256],
    )) as Array<{ id: string; agency_id: string; agency_name: string; doc_number: string; issued_on: string; signing_certificate_id: string | null; fingerprint: string | null; replaced: boolean }>;
  }
}
