import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Queryable } from '../../platform/database/queryable';
import { PDFDocument } from 'pdf-lib';
import { docNumberOf, LetterContext, LetterDocument, TemplateLoader } from '../../domain/letters';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { AppException, badRequest, notFound } from '../../platform/http-errors/app-exception';
import { defaultFontPaths, LetterPdfRenderer } from '../../platform/pdf';
import { Agency } from '../agencies/agency';
import { SigningService } from '../signing/signing.service';
import { baseContext, CaseFacts, LetterType, PLACEHOLDER_FIELD, PLACEHOLDER_LABEL, seriesFor } from './letter-context';
import { LetterOriginal, LetterRepository, LetterRow } from './letter.repository';

export interface IssuedLetter {
  id: string;
  type: LetterType;
  variant: string;
  docNumber: string;
  sha256: string;
  issuedOn: string;
  size: number;
  /** When the letter was signed (sealed letters), else null. */
  signedAt: string | null;
}

/**
 * Letters (文书): rendered from templates/ to PDF (GB/T 9704 layout), numbered from the agency's
 * 文号 series (gap-free: the counter row is locked in the issuing transaction), stored with their
 * bytes and SHA-256, and never changed afterwards (a trigger refuses UPDATE and DELETE).
 */
/** A 文号 taken from the agency's series counter (reserveNumber) for a letter issued later. */
export interface ReservedNumber {
  series: string;
  year: number;
  seq: number;
  docNumber: string;
}

@Injectable()
export class LettersService {
  private readonly templates = new TemplateLoader();
  private renderer: LetterPdfRenderer | null = null;

  constructor(
    private readonly repo: LetterRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly signing: SigningService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Fonts are opened once, on first use (≈170 ms), then reused for every letter. */
  private pdf(): LetterPdfRenderer {
    if (!this.renderer) {
      const paths = defaultFontPaths();
      if (this.config.letterBodyFont) paths.body = this.config.letterBodyFont;
      this.renderer = new LetterPdfRenderer(paths);
    }
    return this.renderer;
  }

  /**
   * The layout of a letter (no PDF); a value the template needs and the context lacks becomes a
   * 400 that names, in Chinese, what the letter must state and the field that gives it.
   */
  compose(template: string, ctx: LetterContext): LetterDocument {
    try {
      return this.templates.render(template, ctx);
    } catch (e) {
      if (e instanceof Error) {
        const m = /\{\{([^}]+)\}\}/.exec(e.message);
        const placeholder = m?.[1]?.trim() ?? '';
        const field = PLACEHOLDER_FIELD[placeholder] ?? (placeholder || 'letter');
        const label = PLACEHOLDER_LABEL[placeholder] ?? '模板所需内容';
        throw badRequest(`文书缺少必要内容：${label}（${field}）`, [
          { field, message: `${field}：须写明${label}，生成文书《${template}》所需（${e.message}）` },
        ]);
      }
      throw e;
    }
  }

  /** Issues a final letter inside the caller's transaction. */
  async issue(
    m: Queryable,
    args: {
      agency: Agency;
      caseId: string;
      facts: CaseFacts;
      type: LetterType;
      template: string;
      fields: Partial<LetterContext>;
      issuedOn: string;
      userId: string | null;
      eventSeq?: number;
      /** A correction (更正): the letter it replaces, by id and the year of its 文号. */
      replaces?: { id: string; seriesYear: number };
      reason?: string;
      /** The 文号 taken earlier (reserveNumber) for this letter; else the next one is taken now. */
      reserved?: ReservedNumber;
    },
  ): Promise<IssuedLetter> {
    const { series, year, seq: last, docNumber } = args.reserved ?? (await this.reserveNumber(m, args.agency, args.type, args.issuedOn));
    const ctx = { ...baseContext(args.agency, args.facts, args.issuedOn, docNumber), ...args.fields };
    const doc = this.compose(args.template, ctx);
    let bytes: Buffer;
    let signed: { certificateId: string; at: Date } | null = null;
    if (doc.sealed) {
      // A letter that carries the seal (GB/T 9704 §7.3.5.1) is sealed and signed at issue; the
      // signed bytes are what is stored, hashed and served (《电子签名法》第十三条、第十四条).
      const material = await this.signing.materialFor(m, args.agency);
      const at = new Date(Math.floor(this.clock.now().getTime() / 1000) * 1000);
      const rendered = await this.pdf().render(doc, { seal: material.seal });
      bytes = await this.signing.sign(rendered, material, args.agency, at, `${doc.title} ${docNumber}`);
      signed = { certificateId: material.certificateId, at };
    } else {
      bytes = await this.pdf().render(doc);
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const id = await this.repo.insert(m, {
      agencyId: args.agency.id,
      caseId: args.caseId,
      type: args.type,
      variant: args.template,
      series,
      year,
      seq: last,
      docNumber,
      issuedOn: args.issuedOn,
      sha256,
      bytes,
      replaces: args.replaces ?? null,
      eventSeq: args.eventSeq ?? null,
      userId: args.userId,
      fields: args.fields ?? {},
      reason: args.reason ?? null,
      signingCertificateId: signed?.certificateId ?? null,
      signedAt: signed?.at ?? null,
    });
    return {
      id, type: args.type, variant: args.template, docNumber, sha256, issuedOn: args.issuedOn, size: bytes.length,
      signedAt: signed ? signed.at.toISOString() : null,
    };
  }

  /**
   * Takes the next 文号 of the letter's series and year (gap-free: the counter row stays locked
   * until the caller's transaction ends, and a rollback gives the number back). Taken apart from
   * the rendering when the caller must commit before rendering (a registration, see
   * CasesService.register); the letter is then issued with it (`issue({ reserved })`).
   */
  async reserveNumber(m: Queryable, agency: Agency, type: LetterType, issuedOn: string): Promise<ReservedNumber> {
    const series = seriesFor(agency, type);
    const year = Number(issuedOn.slice(0, 4));
    const seq = await this.repo.nextDocNumber(m, agency.id, series, year);
    return { series, year, seq, docNumber: docNumberOf(series, year, seq) };
  }

  /**
   * Refuses now what issuing the letter later would refuse — its facts must compose (400 naming the
   * field), a sealed letter needs the agency's signing certificate (409) — so that a step that only
   * reserves the letter's 文号 (reserveNumber) stores nothing it cannot finish.
   */
  async checkIssuable(m: Queryable, agency: Agency, facts: CaseFacts, template: string, fields: Partial<LetterContext>, issuedOn: string): Promise<void> {
    const doc = this.compose(template, { ...baseContext(agency, facts, issuedOn, null), ...fields });
    if (doc.sealed) await this.signing.materialFor(m, agency);
  }

  /** The stored letter with what it was rendered from (for a correction). */
  async original(m: Queryable, agencyId: string, letterId: string): Promise<LetterOriginal> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(letterId)) throw notFound('文书不存在');
    const r = await this.repo.original(m, agencyId, letterId);
    if (!r) throw notFound('文书不存在');
    return r;
  }

  /** A draft's layout (no 文号), composed on demand and never stored: the text an approver reads beside the case. */
  draftDocument(agency: Agency, facts: CaseFacts, template: string, fields: Partial<LetterContext>, issuedOn: string): LetterDocument {
    return this.compose(template, { ...baseContext(agency, facts, issuedOn, null), ...fields });
  }

  /** A draft (草稿 watermark, no 文号) as PDF, rendered on demand and never stored. */
  async draftPdf(doc: LetterDocument): Promise<Buffer> {
    return this.pdf().render(doc, { draft: true });
  }

  /**
   * 批量打印: the letters in force of several cases as one PDF (their pages copied as they are), for
   * printing and mailing; the caller has checked that the user may read every case. Returns the
   * cases that have no letter.
   */
  async printBundle(agencyId: string, caseIds: string[], latestOnly: boolean): Promise<{ bytes: Buffer; letters: number; withoutLetters: string[] }> {
    const rows = await this.repo.inForce(agencyId, caseIds, latestOnly);
    const withoutLetters = caseIds.filter((id) => !rows.some((r) => r.case_id === id));
    if (!rows.length) throw new AppException(409, 'NO_LETTERS', '所选案件尚无已签发的文书，没有可打印的内容');
    const out = await PDFDocument.create();
    out.setTitle('批量打印文书');
    for (const r of rows) {
      const src = await PDFDocument.load(r.bytes, { updateMetadata: false });
      for (const p of await out.copyPages(src, src.getPageIndices())) out.addPage(p);
    }
    return { bytes: Buffer.from(await out.save()), letters: rows.length, withoutLetters };
  }

  async listForCase(caseId: string, q?: Queryable) {
    return (await this.repo.forCase(caseId, q)).map((r) => this.view(r));
  }

  private view(r: LetterRow) {
    return {
      id: r.id,
      caseId: r.case_id,
      type: r.type,
      variant: r.variant,
      status: r.status,
      docNumber: r.doc_number,
      sha256: r.sha256,
      issuedOn: r.issued_on,
      size: r.size,
      replacesId: r.replaces_id,
      reason: r.reason ?? null,
      signedAt: r.signed_at ? new Date(r.signed_at).toISOString() : null,
      createdAt: new Date(r.created_at).toISOString(),
    };
  }

  private async row(agencyId: string, letterId: string) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(letterId)) throw notFound('文书不存在');
    const r = await this.repo.withBytes(agencyId, letterId);
    if (!r) throw notFound('文书不存在');
    return r;
  }

  /** The case a letter of the agency belongs to (so that the caller checks who may read that case), or 404. */
  async caseOf(agencyId: string, letterId: string): Promise<string> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(letterId)) throw notFound('文书不存在');
    const caseId = await this.repo.caseOf(agencyId, letterId);
    if (!caseId) throw notFound('文书不存在');
    return caseId;
  }

  async pdfBytes(agencyId: string, letterId: string): Promise<{ bytes: Buffer; docNumber: string }> {
    const r = await this.row(agencyId, letterId);
    return { bytes: r.bytes, docNumber: r.doc_number };
  }

  async verify(agencyId: string, letterId: string) {
    const r = await this.row(agencyId, letterId);
    const actual = createHash('sha256').update(r.bytes).digest('hex');
    // Compared with the letter row and with the hash its LETTER_ISSUED event recorded (issue 11,
    // finding 3): rewriting the bytes and the row's hash together is still reported.
    const recorded = await this.repo.issuedHash(r.case_id, r.id);
    const matchesHistory = recorded !== null && recorded === actual;
    const report = this.signing.verify(r.bytes);
    return {
      intact: actual === r.sha256 && matchesHistory,
      sha256: r.sha256,
      actualSha256: actual,
      historySha256: recorded,
      matchesHistory,
      docNumber: r.doc_number,
      // null for an unsigned form; a sealed letter's signature, checked (node-forge PKCS#7), and
      // whether it names the certificate the letter was signed with (rotation keeps old ones)
      signature: report
        ? {
            valid: report.valid && r.signer_fingerprint === report.certificateFingerprint,
            signer: report.signer,
            signedAt: report.signedAt,
            coversWholeDocument: report.coversWholeDocument,
            certificateSha256: report.certificateFingerprint,
            certificateMatches: r.signer_fingerprint === report.certificateFingerprint,
          }
        : null,
    };
  }

  notReady(message: string): never {
    throw new AppException(409, 'NO_DRAFT', message);
  }
}
