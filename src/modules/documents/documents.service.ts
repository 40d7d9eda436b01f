import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { documentsLockedRefusal, groundLabel, providesDocuments, regionProblems } from '../../domain/documents/redactions';
import { isCaseHandler } from '../../domain/workflow/access';
import { CASE_STATE_LABELS } from '../../domain/worklist/worklist-csv';
import { AuthUser } from '../../platform/auth/auth-user';
import { AppException, badRequest, notFound } from '../../platform/http-errors/app-exception';
import { UUID } from '../../platform/ids';
import { imagePageBox, imageSize, inspectPdf, renderPagePng, sniffMediaType, UnreadableDocumentError, type PageBox } from '../../platform/pdf/redaction';
import type { CaseRow } from '../cases/case.repository';
import { CasesService } from '../cases/cases.service';
import { contextOf, summaryOf } from '../cases/workflow-adapter';
import { DocumentReleasesService } from './document-releases.service';
import { CHUNK_BYTES, DocumentRepository, DocumentRow, RedactionRow, regionOf } from './document.repository';
import type { AddRedactionDto } from './dto';

/** An uploaded file as multer leaves it on disk. */
export interface UploadedFile {
  path: string;
  originalname: string;
  size: number;
}

const onlyHandler = () => new AppException(403, 'FORBIDDEN_ROLE', '只有本案的承办人可以添加附件和遮盖');
const notYours = () => new AppException(403, 'CASE_NOT_IN_YOUR_DEPARTMENT', '该案件未交由您所在的承办部门或您本人办理，不能添加附件或遮盖');

/** The file name as shown and listed in the reply's 附件: no path, no control characters, at most 200 characters. */
export function cleanName(raw: string): string {
  // multer hands the name over as latin1; browsers send UTF-8 bytes.
  let name = Buffer.from(raw ?? '', 'latin1').toString('utf8');
  if (name.includes('\uFFFD')) name = raw ?? '';
  name = [...name.replace(/^.*[\\/]/, '')].filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && !'<>"'.includes(ch)).join('').trim();
  return (name || '附件').slice(0, 200);
}

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK_BYTES })) h.update(chunk as Buffer);
  return h.digest('hex');
}

function readHead(file: string, n = 256 * 1024): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const read = fs.readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * 附件与遮盖 (issue 18): the records a handler attaches to a case, the regions withheld from them, and
 * the released copies. Every change is a fact in the case's history (DOCUMENT_ADDED, REDACTION_ADDED,
 * REDACTION_REMOVED), appended under the case's lock; only the case's 承办人 changes anything, and
 * only before 报批 (DOCUMENTS_LOCKED). Whoever may read the case sees the pages and the released copy.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly cases: CasesService,
    private readonly repo: DocumentRepository,
    private readonly releases: DocumentReleasesService,
  ) {}

  /** The handler's right to change the documents of this case, as it stands under the lock. */
  private mayChange(user: AuthUser, row: CaseRow): void {
    if (!user.roles.includes('handler')) throw onlyHandler();
    if (!isCaseHandler(user, { departmentId: row.department_id, assigneeId: row.assignee_id })) throw notYours();
    const state = summaryOf(row.snapshot).state;
    const locked = documentsLockedRefusal(state, CASE_STATE_LABELS[state as keyof typeof CASE_STATE_LABELS] ?? state);
    if (locked) throw new AppException(409, locked.code, locked.message);
  }

  async upload(user: AuthUser, caseId: string, file: UploadedFile | undefined) {
    if (!user.roles.includes('handler')) throw onlyHandler();
    if (!file?.path) throw badRequest('请选择要上传的文件', [{ field: 'file', message: '须以 multipart/form-data 的 file 字段上传一个文件' }]);
    await this.cases.readable(user, caseId);
    const head = readHead(file.path);
    const mediaType = sniffMediaType(head);
    if (!mediaType) {
      throw badRequest('文件不是 PDF 或图片（PNG、JPEG）：按文件内容判断，与文件名无关', [{ field: 'file', message: '只接受 PDF、PNG、JPEG 文件' }]);
    }
    let pageSizes: PageBox[];
    if (mediaType === 'application/pdf') {
      try {
        pageSizes = await inspectPdf(file.path);
      } catch (e) {
        if (e instanceof UnreadableDocumentError) throw badRequest(e.message, [{ field: 'file', message: e.message }]);
        throw e;
      }
    } else {
      const px = imageSize(head, mediaType);
      if (!px || !px.width || !px.height || px.width * px.height > 100_000_000) {
        throw badRequest('无法读取该图片（文件已损坏或尺寸过大）', [{ field: 'file', message: '无法读取该图片' }]);
      }
      pageSizes = [imagePageBox(px)];
    }
    const sha256 = await sha256File(file.path);
    const size = fs.statSync(file.path).size;
    const name = cleanName(file.originalname);
    const existing = await this.repo.bySha(this.repo.db, caseId, sha256);
    if (existing) throw new AppException(409, 'DOCUMENT_ALREADY_ATTACHED', `该文件已作为附件“${existing.name}”添加到本案`, undefined, { documentId: existing.id });
    const id = randomUUID();
    const payload = { documentId: id, name, mediaType, sha256, size, pages: pageSizes.length };
    try {
      await this.cases.appendAuditEntry(
        user,
        caseId,
        (row) => {
          this.mayChange(user, row);
          return { type: 'DOCUMENT_ADDED', payload };
        },
        async (m, row, seq) => {
          await this.repo.insertDocument(m, { id, agencyId: row.agency_id, caseId, name, mediaType, sha256, size, pages: pageSizes.length, pageSizes, eventSeq: seq, createdBy: user.id });
          // Stored piece by piece as it is read from the temporary file.
          let n = 0;
          for await (const chunk of fs.createReadStream(file.path, { highWaterMark: CHUNK_BYTES })) await this.repo.insertChunk(m, id, n++, chunk as Buffer);
        },
      );
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new AppException(409, 'DOCUMENT_ALREADY_ATTACHED', '该文件已作为附件添加到本案');
      throw e;
    }
    return { id, name, sha256, pages: pageSizes.length };
  }

  private redactionView(r: RedactionRow) {
    return {
      id: r.id,
      ...regionOf(r),
      ground: r.ground,
      groundLabel: groundLabel(r.ground),
      reason: r.reason,
      createdBy: r.created_by_name ?? r.created_by,
      createdAt: new Date(r.created_at).toISOString(),
      removedAt: r.removed_at ? new Date(r.removed_at).toISOString() : null,
      removedBy: r.removed_by_name ?? r.removed_by ?? null,
    };
  }

  private documentView(d: DocumentRow, redactions: RedactionRow[]) {
    return {
      id: d.id,
      name: d.name,
      sha256: d.sha256,
      pages: d.pages,
      mediaType: d.media_type,
      size: Number(d.size),
      pageSizes: d.page_sizes,
      createdBy: d.created_by_name ?? d.created_by,
      createdAt: new Date(d.created_at).toISOString(),
      redactions: redactions.filter((r) => r.document_id === d.id && !r.removed_at).map((r) => this.redactionView(r)),
    };
  }

  async list(user: AuthUser, caseId: string) {
    const row = await this.cases.readable(user, caseId);
    const [docs, redactions, proposal] = await Promise.all([
      this.repo.forCase(this.repo.db, caseId),
      this.repo.redactionsOfCase(this.repo.db, caseId),
      this.cases.latestProposal(caseId),
    ]);
    const ctx = contextOf(row.snapshot);
    const s = summaryOf(row.snapshot);
    const outcome = ctx.proposal?.outcome ?? s.outcome ?? null;
    const problem = ctx.closure ? null : await this.releases.approvalRefusal(this.repo.db, caseId, outcome, proposal);
    const parts = Array.isArray(proposal?.withheldParts) ? (proposal.withheldParts as Array<{ ground?: string }>) : [];
    return {
      documents: docs.map((d) => this.documentView(d, redactions)),
      editable: !documentsLockedRefusal(s.state, s.state),
      provided: providesDocuments(outcome),
      problem: problem ? { code: problem.code, message: problem.message } : null,
      withheldGrounds: [...new Set(parts.map((p) => String(p.ground)))],
    };
  }

  /** A document the user may read (the case's readers). */
  private async readableDocument(user: AuthUser, documentId: string): Promise<DocumentRow> {
    if (!UUID.test(documentId)) throw notFound('附件不存在');
    const doc = await this.repo.find(this.repo.db, user.agencyId, documentId);
    if (!doc) throw notFound('附件不存在');
    await this.cases.readable(user, doc.case_id);
    return doc;
  }

  async addRedaction(user: AuthUser, documentId: string, dto: AddRedactionDto) {
    if (!user.roles.includes('handler')) throw onlyHandler();
    const doc = await this.readableDocument(user, documentId);
    const problems = regionProblems(dto, doc.page_sizes);
    if (problems.length) throw badRequest('遮盖区域不在页面内', problems);
    const id = randomUUID();
    const region = { page: dto.page, x: dto.x, y: dto.y, width: dto.width, height: dto.height };
    await this.cases.appendAuditEntry(
      user,
      doc.case_id,
      (row) => {
        this.mayChange(user, row);
        return { type: 'REDACTION_ADDED', payload: { redactionId: id, documentId, ...region, ground: dto.ground, reason: dto.reason } };
      },
      (m, _row, seq) => this.repo.insertRedaction(m, { id, documentId, caseId: doc.case_id, ...region, ground: dto.ground, reason: dto.reason, eventSeq: seq, createdBy: user.id }),
    );
    const r = await this.repo.findRedaction(this.repo.db, user.agencyId, id);
    return this.redactionView(r as RedactionRow);
  }

  async removeRedaction(user: AuthUser, redactionId: string) {
    if (!user.roles.includes('handler')) throw onlyHandler();
    if (!UUID.test(redactionId)) throw notFound('遮盖区域不存在');
    const r = await this.repo.findRedaction(this.repo.db, user.agencyId, redactionId);
    if (!r) throw notFound('遮盖区域不存在');
    await this.cases.readable(user, r.case_id);
    if (r.removed_at) throw new AppException(409, 'REDACTION_ALREADY_REMOVED', '该遮盖区域已撤销');
    await this.cases.appendAuditEntry(
      user,
      r.case_id,
      (row) => {
        this.mayChange(user, row);
        return { type: 'REDACTION_REMOVED', payload: { redactionId, documentId: r.document_id, page: r.page, ground: r.ground } };
      },
      (m) => this.repo.removeRedaction(m, redactionId, user.id),
    );
    return this.redactionView((await this.repo.findRedaction(this.repo.db, user.agencyId, redactionId)) as RedactionRow);
  }

  /** The released copy as it stands now (before delivery: a preview; the delivered copies are stored). */
  async releasedPdf(user: AuthUser, documentId: string): Promise<{ bytes: Buffer; name: string; sha256: string }> {
    const doc = await this.readableDocument(user, documentId);
    const r = await this.releases.release(this.repo.db, doc);
    return { bytes: r.bytes, name: doc.name, sha256: r.sha256 };
  }

  /** One page as PNG (thumbnails, the page to draw on; `released`: with the regions blacked out). */
  async pageImage(user: AuthUser, documentId: string, page: number, width: number, released: boolean): Promise<Buffer> {
    const doc = await this.readableDocument(user, documentId);
    if (!Number.isInteger(page) || page < 1 || page > doc.pages) throw badRequest(`页码须为 1 至 ${doc.pages}`, [{ field: 'page', message: `page 须为 1 至 ${doc.pages} 之间的页码` }]);
    const bytes = await this.repo.bytes(this.repo.db, doc.id);
    const regions = released ? (await this.repo.activeRedactions(this.repo.db, doc.id)).filter((r) => r.page === page).map((r) => ({ page, x: Number(r.x), y: Number(r.y), width: Number(r.width), height: Number(r.height) })) : [];
    return renderPagePng({ bytes, mediaType: doc.media_type, pages: doc.page_sizes, regions: [] }, page, width, regions);
  }

  /**
   * Every released copy of the case as one printable file (delivery in person or by post): the
   * copies delivered with the reply once it is delivered, otherwise as they stand now.
   */
  async bundle(user: AuthUser, caseId: string): Promise<Buffer> {
    await this.cases.readable(user, caseId);
    const delivered = await this.repo.deliveredReleases(this.repo.db, caseId);
    const files: Buffer[] = [];
    if (delivered.length) {
      for (const r of delivered) files.push((await this.repo.releaseBytes(this.repo.db, r.id)) as Buffer);
    } else {
      for (const d of await this.repo.forCase(this.repo.db, caseId)) files.push((await this.releases.release(this.repo.db, d)).bytes);
    }
    if (!files.length) throw new AppException(409, 'NO_DOCUMENTS', '本案没有附件');
    return this.releases.bundle(files);
  }
}
