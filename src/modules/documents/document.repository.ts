import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Queryable } from '../../platform/database/queryable';

/** 1 MiB per stored piece of an original (case_document_chunks). */
export const CHUNK_BYTES = 1024 * 1024;

export interface DocumentRow {
  id: string;
  agency_id: string;
  case_id: string;
  name: string;
  media_type: 'application/pdf' | 'image/png' | 'image/jpeg';
  sha256: string;
  size: string;
  pages: number;
  page_sizes: Array<{ width: number; height: number }>;
  event_seq: number;
  created_by: string;
  created_by_name: string | null;
  created_at: Date;
}

export interface RedactionRow {
  id: string;
  document_id: string;
  case_id: string;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  ground: string;
  reason: string;
  event_seq: number;
  created_by: string;
  created_by_name: string | null;
  created_at: Date;
  removed_at: Date | null;
  removed_by: string | null;
  removed_by_name: string | null;
}

/** A redaction's region in PDF points (numeric columns arrive as strings). */
export function regionOf(r: RedactionRow): { documentId: string; page: number; x: number; y: number; width: number; height: number } {
  return { documentId: r.document_id, page: r.page, x: Number(r.x), y: Number(r.y), width: Number(r.width), height: Number(r.height) };
}

export interface ReleaseRow {
  id: string;
  document_id: string;
  sha256: string;
  pages: number;
  size: number;
  event_seq: number;
  created_at: Date;
}

const DOC_COLUMNS = `d.id, d.agency_id, d.case_id, d.name, d.media_type, d.sha256, d.size, d.pages, d.page_sizes, d.event_seq,
  d.created_by, u.display_name AS created_by_name, d.created_at`;
const RED_COLUMNS = `r.id, r.document_id, r.case_id, r.page, r.x, r.y, r.width, r.height, r.ground, r.reason, r.event_seq,
  r.created_by, cu.display_name AS created_by_name, r.created_at, r.removed_at, r.removed_by, ru.display_name AS removed_by_name`;

/** case_documents, their chunks, redactions and released copies (migration 1765400000000). */
@Injectable()
export class DocumentRepository {
  constructor(@Inject(DataSource) readonly db: DataSource) {}

  async insertDocument(
    m: Queryable,
    d: { id: string; agencyId: string; caseId: string; name: string; mediaType: string; sha256: string; size: number; pages: number; pageSizes: unknown; eventSeq: number; createdBy: string },
  ): Promise<void> {
    await m.query(
      `INSERT INTO case_documents (id, agency_id, case_id, name, media_type, sha256, size, pages, page_sizes, event_seq, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
      [d.id, d.agencyId, d.caseId, d.name, d.mediaType, d.sha256, d.size, d.pages, JSON.stringify(d.pageSizes), d.eventSeq, d.createdBy],
    );
  }

  async insertChunk(m: Queryable, documentId: string, n: number, bytes: Buffer): Promise<void> {
    await m.query(`INSERT INTO case_document_chunks (document_id, n, bytes) VALUES ($1, $2, $3)`, [documentId, n, bytes]);
  }

  async bySha(q: Queryable, caseId: string, sha256: string): Promise<{ id: string; name: string } | null> {
    const [r] = await q.query(`SELECT id, name FROM case_documents WHERE case_id = $1 AND sha256 = $2`, [caseId, sha256]);
    return r ?? null;
  }

  async find(q: Queryable, agencyId: string, id: string): Promise<DocumentRow | null> {
    const [r] = await q.query(`SELECT ${DOC_COLUMNS} FROM case_documents d LEFT JOIN users u ON u.id = d.created_by WHERE d.id = $1 AND d.agency_id = $2`, [id, agencyId]);
    return r ?? null;
  }

  async forCase(q: Queryable, caseId: string): Promise<DocumentRow[]> {
    return q.query(`SELECT ${DOC_COLUMNS} FROM case_documents d LEFT JOIN users u ON u.id = d.created_by WHERE d.case_id = $1 ORDER BY d.created_at, d.id`, [caseId]);
  }

  /** The original's bytes, read piece by piece (a release needs the whole file; nothing else reads it). */
  async bytes(q: Queryable, documentId: string): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (let n = 0; ; n++) {
      const [r] = await q.query(`SELECT bytes FROM case_document_chunks WHERE document_id = $1 AND n = $2`, [documentId, n]);
      if (!r) break;
      parts.push(r.bytes as Buffer);
    }
    return Buffer.concat(parts);
  }

  async insertRedaction(
    m: Queryable,
    r: { id: string; documentId: string; caseId: string; page: number; x: number; y: number; width: number; height: number; ground: string; reason: string; eventSeq: number; createdBy: string },
  ): Promise<void> {
    await m.query(
      `INSERT INTO document_redactions (id, document_id, case_id, page, x, y, width, height, ground, reason, event_seq, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
      [r.id, r.documentId, r.caseId, r.page, r.x, r.y, r.width, r.height, r.ground, r.reason, r.eventSeq, r.createdBy],
    );
  }

  async findRedaction(q: Queryable, agencyId: string, id: string): Promise<RedactionRow | null> {
    const [r] = await q.query(
      `SELECT ${RED_COLUMNS} FROM document_redactions r JOIN case_documents d ON d.id = r.document_id
         LEFT JOIN users cu ON cu.id = r.created_by LEFT JOIN users ru ON ru.id = r.removed_by
        WHERE r.id = $1 AND d.agency_id = $2`,
      [id, agencyId],
    );
    return r ?? null;
  }

  async removeRedaction(m: Queryable, id: string, userId: string): Promise<void> {
    await m.query(`UPDATE document_redactions SET removed_at = clock_timestamp(), removed_by = $2 WHERE id = $1 AND removed_at IS NULL`, [id, userId]);
  }

  /** Every redaction of the case, withdrawn ones included (the log), in the order they were made. */
  async redactionsOfCase(q: Queryable, caseId: string): Promise<RedactionRow[]> {
    return q.query(
      `SELECT ${RED_COLUMNS} FROM document_redactions r LEFT JOIN users cu ON cu.id = r.created_by LEFT JOIN users ru ON ru.id = r.removed_by
        WHERE r.case_id = $1 ORDER BY r.event_seq`,
      [caseId],
    );
  }

  async activeRedactions(q: Queryable, documentId: string): Promise<RedactionRow[]> {
    return q.query(
      `SELECT ${RED_COLUMNS} FROM document_redactions r LEFT JOIN users cu ON cu.id = r.created_by LEFT JOIN users ru ON ru.id = r.removed_by
        WHERE r.document_id = $1 AND r.removed_at IS NULL ORDER BY r.page, r.event_seq`,
      [documentId],
    );
  }

  async insertRelease(m: Queryable, r: { id: string; documentId: string; caseId: string; sha256: string; pages: number; bytes: Buffer; eventSeq: number }): Promise<void> {
    await m.query(
      `INSERT INTO document_releases (id, document_id, case_id, sha256, pages, size, bytes, event_seq) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [r.id, r.documentId, r.caseId, r.sha256, r.pages, r.bytes.length, r.bytes, r.eventSeq],
    );
  }

  /** The released copies delivered with the reply (the latest delivery's). */
  async deliveredReleases(q: Queryable, caseId: string): Promise<ReleaseRow[]> {
    return q.query(
      `SELECT id, document_id, sha256, pages, size, event_seq, created_at FROM document_releases
        WHERE case_id = $1 AND event_seq = (SELECT max(event_seq) FROM document_releases WHERE case_id = $1) ORDER BY created_at, id`,
      [caseId],
    );
  }

  async releaseBytes(q: Queryable, releaseId: string): Promise<Buffer | null> {
    const [r] = await q.query(`SELECT bytes FROM document_releases WHERE id = $1`, [releaseId]);
    return (r?.bytes as Buffer | undefined) ?? null;
  }
}
