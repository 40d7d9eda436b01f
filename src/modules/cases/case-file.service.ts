import { Inject, Injectable } from '@nestjs/common';
import { PDFDocument as PdfLibDocument } from 'pdf-lib';
import PDFDocument from 'pdfkit';
import { DataSource } from 'typeorm';
import { caseFileSections, CaseFileInput } from '../../domain/reports/case-file';
import type { AuthUser } from '../../platform/auth/auth-user';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { defaultFontPaths, sharedFont } from '../../platform/pdf';
import { AgenciesService } from '../agencies/agencies.service';
import { LettersService } from '../letters/letters.service';
import { CasesService } from './cases.service';
import { DocumentRepository, regionOf } from '../documents/document.repository';
import { groundLabel } from '../../domain/documents/redactions';

/**
 * 案卷: one PDF per case — a cover sheet (src/domain/reports/case-file.ts: the case, outcome,
 * deadlines with their ledger, the list of letters with their hashes, delivery records, remedies,
 * the full history and its verification) followed by every final letter's stored PDF, page for
 * page (merged with pdf-lib, so the letters are the frozen originals, not re-rendered).
 * Reading it writes nothing: like the case view, it shows the applicant masked, and case reads are
 * not recorded in the history (revealing the full identity is, POST /cases/:id/reveal).
 */
@Injectable()
export class CaseFileService {
  private fonts: { body: object; heading: object } | null = null;

  constructor(
    private readonly cases: CasesService,
    private readonly letters: LettersService,
    private readonly agencies: AgenciesService,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly documents: DocumentRepository,
  ) {}

  async render(user: AuthUser, caseId: string): Promise<{ bytes: Buffer; caseNumber: string }> {
    const row = await this.cases.readable(user, caseId);
    const detail = await this.cases.detail(user, row);
    const verification = await this.cases.verify(user.agencyId, caseId);
    const agency = await this.agencies.get(user.agencyId);
    const department = row.department_id
      ? ((await this.db.query(`SELECT name FROM departments WHERE id = $1`, [row.department_id]))[0]?.name ?? null)
      : null;
    const originals: PdfLibDocument[] = [];
    const letters: CaseFileInput['letters'] = [];
    for (const l of detail.letters) {
      const { bytes } = await this.letters.pdfBytes(user.agencyId, l.id);
      const pdf = await PdfLibDocument.load(bytes);
      originals.push(pdf);
      const v = await this.letters.verify(user.agencyId, l.id);
      letters.push({ docNumber: l.docNumber, type: l.type, variant: l.variant, issuedOn: l.issuedOn, sha256: l.sha256, intact: v.intact, pages: pdf.getPageCount(), replacesId: l.replacesId });
    }
    const summary = detail.summary as unknown as CaseFileInput['summary'];
    const input: CaseFileInput = {
      agencyName: agency.name,
      generatedAt: this.clock.now().toISOString(),
      caseNumber: row.case_number,
      state: row.state,
      receiptDate: detail.receiptDate,
      channel: detail.channel,
      applicant: detail.applicant as CaseFileInput['applicant'],
      description: detail.description,
      form: detail.form,
      deliveryMethod: detail.deliveryMethod,
      department,
      outcome: detail.outcome,
      closedOn: detail.closedOn,
      deadlines: detail.deadlines,
      summary: { delivery: summary.delivery ?? null, reconsiderations: summary.reconsiderations ?? [], litigations: summary.litigations ?? [] },
      notices: detail.notices,
      letters,
      history: detail.history.map((h) => ({ ...h, actor: h.actor?.displayName ?? null })),
      verification,
      ...(await this.redactionLog(caseId)),
    };
    const cover = await PdfLibDocument.load(await this.cover(input));
    for (const src of originals) for (const page of await cover.copyPages(src, src.getPageIndices())) cover.addPage(page);
    cover.setTitle(`案卷 ${row.case_number}`);
    cover.setAuthor(agency.name);
    cover.setSubject('政府信息公开申请案卷（封面、办理过程记录及全部文书原件）');
    return { bytes: Buffer.from(await cover.save()), caseNumber: row.case_number };
  }

  /** The records attached, the redaction log (withdrawn ones included) and the released copies delivered. */
  private async redactionLog(caseId: string): Promise<Pick<CaseFileInput, 'documents' | 'redactions' | 'releases'>> {
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    const docs = await this.documents.forCase(this.db, caseId);
    if (!docs.length) return {};
    return {
      documents: docs.map((d) => ({ id: d.id, name: d.name, pages: d.pages, sha256: d.sha256, addedBy: d.created_by_name ?? d.created_by, addedAt: iso(d.created_at)! })),
      redactions: (await this.documents.redactionsOfCase(this.db, caseId)).map((r) => ({
        ...regionOf(r),
        ground: `${groundLabel(r.ground)}（${r.ground}）`,
        reason: r.reason,
        by: r.created_by_name ?? r.created_by,
        at: iso(r.created_at)!,
        removedBy: r.removed_by_name ?? r.removed_by,
        removedAt: iso(r.removed_at),
      })),
      releases: (await this.documents.deliveredReleases(this.db, caseId)).map((r) => ({ documentId: r.document_id, sha256: r.sha256, pages: r.pages, at: iso(r.created_at)! })),
    };
  }

  /** The letters' body and heading fonts: the same opened fonts as the letters' (fonts.ts), not a copy. */
  private openFonts() {
    if (!this.fonts) {
      const paths = defaultFontPaths();
      if (this.config.letterBodyFont) paths.body = this.config.letterBodyFont;
      this.fonts = { body: sharedFont(paths.body), heading: sharedFont(paths.heading) };
    }
    return this.fonts;
  }

  /** The cover sheet (A4, the letters' Noto fonts embedded as subsets), page numbers "— n —". */
  private cover(c: CaseFileInput): Promise<Buffer> {
    const fonts = this.openFonts();
    const doc = new PDFDocument({ size: 'A4', margins: { top: 60, bottom: 60, left: 60, right: 60 }, bufferPages: true, compress: true });
    doc.registerFont('body', fonts.body as never);
    doc.registerFont('heading', fonts.heading as never);
    const chunks: Buffer[] = [];
    doc.on('data', (b: Buffer) => chunks.push(b));
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    const width = doc.page.width - 120;
    doc.font('heading').fontSize(22).text('政府信息公开申请案卷', { align: 'center' });
    doc.moveDown(0.5);
    doc.font('body').fontSize(12).text(`${c.agencyName}  案件编号 ${c.caseNumber}`, { align: 'center' });
    doc.fontSize(9).text(`生成时间 ${c.generatedAt}（本案卷由系统按案件记录生成；所附文书为签发时冻结的原件）`, { align: 'center' });
    for (const s of caseFileSections(c)) {
      doc.moveDown(0.8);
      doc.font('heading').fontSize(13).text(s.title, { width });
      doc.moveDown(0.2);
      doc.font('body').fontSize(10);
      for (const [label, value] of s.rows ?? []) doc.text(`${label}：${value}`, { width, lineGap: 2 });
      for (const line of s.lines ?? []) doc.text(line, { width, lineGap: 2 });
    }
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      doc.page.margins.bottom = 0; // the page number sits below the type area: no new page for it
      doc.font('body').fontSize(9).text(`— ${i + 1} —`, 60, doc.page.height - 45, { width, align: 'center', lineBreak: false });
    }
    doc.end();
    return done;
  }
}
