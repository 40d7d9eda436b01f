import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { providesDocuments, redactionRefusal } from '../../domain/documents/redactions';
import type { Refusal } from '../../domain/workflow/refusals';
import type { Queryable } from '../../platform/database/queryable';
import { releaseDocument, type ReleaseResult } from '../../platform/pdf/redaction';
import { DocumentRepository, DocumentRow } from './document.repository';

/** How a released copy is named for the applicant: the record's name, as a PDF. */
export function releasedFileName(name: string): string {
  const base = name.replace(/\.(pdf|png|jpe?g)$/i, '');
  return `${base}.pdf`;
}

export interface DeliveredDocument {
  documentId: string;
  releaseId: string;
  name: string;
  filename: string;
  pages: number;
  sha256: string;
}

/**
 * The released copies of a case's records (no Nest dependency on the cases area, which uses it for
 * the approval gate, the reply's 附件 and the delivery).
 */
@Injectable()
export class DocumentReleasesService {
  constructor(readonly repo: DocumentRepository) {}

  /** The released copy of one record as its redactions stand now. */
  async release(q: Queryable, doc: DocumentRow): Promise<ReleaseResult> {
    const [bytes, regions] = await Promise.all([this.repo.bytes(q, doc.id), this.repo.activeRedactions(q, doc.id)]);
    return releaseDocument({
      bytes,
      mediaType: doc.media_type,
      pages: doc.page_sizes,
      regions: regions.map((r) => ({ page: r.page, x: Number(r.x), y: Number(r.y), width: Number(r.width), height: Number(r.height) })),
    });
  }

  /** What the reply letter lists as its 附件 (name, pages) when its outcome provides the documents. */
  async attachmentsFor(q: Queryable, caseId: string, outcome: string | null | undefined): Promise<Array<{ name: string; pages: number }>> {
    if (!providesDocuments(outcome)) return [];
    return (await this.repo.forCase(q, caseId)).map((d) => ({ name: d.name, pages: d.pages }));
  }

  /** 条例第三十七条 at approval: every withheld part redacted somewhere, no redaction on a ground not listed. */
  async approvalRefusal(q: Queryable, caseId: string, outcome: string | null | undefined, proposal: Record<string, unknown> | null): Promise<Refusal | null> {
    const docs = await this.repo.forCase(q, caseId);
    const parts = Array.isArray(proposal?.withheldParts) ? (proposal.withheldParts as Array<{ ground?: string }>) : [];
    const grounds = (await this.repo.redactionsOfCase(q, caseId)).filter((r) => !r.removed_at).map((r) => r.ground);
    return redactionRefusal(outcome, parts.map((p) => String(p.ground)), grounds, docs.length);
  }

  /**
   * At delivery: the released copies, produced and stored with the DELIVER entry's seq (their hashes
   * go into that entry: the delivery's proof of what was handed over).
   */
  async produceForDelivery(q: Queryable, caseId: string, outcome: string | null | undefined): Promise<Array<DeliveredDocument & { bytes: Buffer }>> {
    if (!providesDocuments(outcome)) return [];
    const out: Array<DeliveredDocument & { bytes: Buffer }> = [];
    for (const doc of await this.repo.forCase(q, caseId)) {
      const r = await this.release(q, doc);
      out.push({ documentId: doc.id, releaseId: randomUUID(), name: doc.name, filename: releasedFileName(doc.name), pages: r.pages, sha256: r.sha256, bytes: r.bytes });
    }
    return out;
  }

  async storeDelivered(q: Queryable, caseId: string, eventSeq: number, docs: Array<DeliveredDocument & { bytes: Buffer }>): Promise<void> {
    for (const d of docs) await this.repo.insertRelease(q, { id: d.releaseId, documentId: d.documentId, caseId, sha256: d.sha256, pages: d.pages, bytes: d.bytes, eventSeq });
  }

  /** Several released copies as one printable file, in order (already free of anything but their pages). */
  async bundle(files: Buffer[]): Promise<Buffer> {
    const out = await PDFDocument.create({ updateMetadata: false });
    for (const f of files) {
      const src = await PDFDocument.load(f);
      for (const p of await out.copyPages(src, src.getPageIndices())) out.addPage(p);
    }
    return Buffer.from(await out.save());
  }
}
