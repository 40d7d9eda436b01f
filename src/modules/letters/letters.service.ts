import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { docNumberOf, LetterContext, LetterDocument, TemplateLoader } from '../../domain/letters';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { AppException, badRequest, notFound } from '../../platform/http-errors/app-exception';
import { defaultFontPaths, LetterPdfRenderer } from '../../platform/pdf';
import { Agency } from '../agencies/agency.entity';
import { baseContext, CaseFacts, LetterType, PLACEHOLDER_FIELD, seriesFor } from './letter-context';

export interface IssuedLetter {
  id: string;
  type: LetterType;
  variant: string;
  docNumber: string;
  sha256: string;
  issuedOn: string;
  size: number;
}

const LETTER_COLUMNS = `id, case_id, type, variant, status, doc_number, sha256, to_char(issued_on, 'YYYY-MM-DD') AS issued_on, size,
  replaces_id, reason, created_at`;

/**
 * Letters (文书): rendered from templates/ to PDF (GB/T 9704 layout), numbered from the agency's
 * 文号 series (gap-free: the counter row is locked in the issuing transaction), stored with their
 * bytes and SHA-256, and never changed afterwards (a trigger refuses UPDATE and DELETE).
 */
@Injectable()
export class LettersService {
  private readonly templates = new TemplateLoader();
  private renderer: LetterPdfRenderer | null = null;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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

  /** The layout of a letter (no PDF); template problems become a 400 naming the missing field. */
  compose(template: string, ctx: LetterContext): LetterDocument {
    try {
      return this.templates.render(template, ctx);
    } catch (e) {
      if (e instanceof Error) {
        const m = /\{\{([^}]+)\}\}/.exec(e.message);
        const placeholder = m?.[1]?.trim() ?? '';
        const field = PLACEHOLDER_FIELD[placeholder] ?? placeholder ?? 'letter';
        throw badRequest(`文书缺少必要内容：${field || '模板字段'}`, [
          { field: field || 'letter', message: `${field || '模板字段'}：生成《${template}》所需，请补充（${e.message}）` },
        ]);
      }
      throw e;
    }
  }

  /** Issues a final letter inside the caller's transaction. */
  async issue(
    m: EntityManager,
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
      replacesId?: string;
      reason?: string;
    },
  ): Promise<IssuedLetter> {
    const series = seriesFor(args.agency, args.type);
    const year = Number(args.issuedOn.slice(0, 4));
    const [{ last }] = await m.query(
      `INSERT INTO doc_number_counters (agency_id, series, year, last) VALUES ($1, $2, $3, 1)
       ON CONFLICT (agency_id, series, year) DO UPDATE SET last = doc_number_counters.last + 1 RETURNING last`,
      [args.agency.id, series, year],
    );
    const docNumber = docNumberOf(series, year, last);
    const ctx = { ...baseContext(args.agency, args.facts, args.issuedOn, docNumber), ...args.fields };
    const doc = this.compose(args.template, ctx);
    const bytes = await this.pdf().render(doc);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const [row] = await m.query(
      `INSERT INTO letters (agency_id, case_id, type, variant, status, series, series_year, series_seq, doc_number,
         issued_on, sha256, bytes, size, replaces_id, event_seq, created_by, fields, reason)
       VALUES ($1,$2,$3,$4,'final',$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) RETURNING id`,
      [
        args.agency.id, args.caseId, args.type, args.template, series, year, last, docNumber, args.issuedOn, sha256,
        bytes, bytes.length, args.replacesId ?? null, args.eventSeq ?? null, args.userId,
        JSON.stringify(args.fields ?? {}), args.reason ?? null,
      ],
    );
    return { id: row.id, type: args.type, variant: args.template, docNumber, sha256, issuedOn: args.issuedOn, size: bytes.length };
  }

  /** The stored letter with what it was rendered from (for a correction). */
  async original(m: EntityManager, agencyId: string, letterId: string) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(letterId)) throw notFound('文书不存在');
    const [r] = await m.query(
      `SELECT id, case_id, type, variant, fields, doc_number,
              EXISTS (SELECT 1 FROM letters n WHERE n.replaces_id = l.id) AS replaced
         FROM letters l WHERE id = $1 AND agency_id = $2`,
      [letterId, agencyId],
    );
    if (!r) throw notFound('文书不存在');
    return r as { id: string; case_id: string; type: LetterType; variant: string; fields: Partial<LetterContext>; doc_number: string; replaced: boolean };
  }

  /** A draft (草稿 watermark, no 文号), rendered on demand and never stored. */
  async draft(agency: Agency, facts: CaseFacts, template: string, fields: Partial<LetterContext>, issuedOn: string): Promise<Buffer> {
    const ctx = { ...baseContext(agency, facts, issuedOn, null), ...fields };
    return this.pdf().render(this.compose(template, ctx), { draft: true });
  }

  async listForCase(caseId: string, q: Pick<EntityManager, 'query'> = this.db) {
    const rows = await q.query(`SELECT ${LETTER_COLUMNS} FROM letters WHERE case_id = $1 ORDER BY created_at, series_seq`, [caseId]);
    return rows.map((r: any) => this.view(r));
  }

  private view(r: any) {
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
      createdAt: new Date(r.created_at).toISOString(),
    };
  }

  private async row(agencyId: string, letterId: string) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(letterId)) throw notFound('文书不存在');
    const [r] = await this.db.query(`SELECT ${LETTER_COLUMNS}, bytes FROM letters WHERE id = $1 AND agency_id = $2`, [letterId, agencyId]);
    if (!r) throw notFound('文书不存在');
    return r;
  }

  async pdfBytes(agencyId: string, letterId: string): Promise<{ bytes: Buffer; docNumber: string }> {
    const r = await this.row(agencyId, letterId);
    return { bytes: r.bytes, docNumber: r.doc_number };
  }

  async verify(agencyId: string, letterId: string) {
    const r = await this.row(agencyId, letterId);
    const actual = createHash('sha256').update(r.bytes).digest('hex');
    return { intact: actual === r.sha256, sha256: r.sha256, actualSha256: actual, docNumber: r.doc_number };
  }

  notReady(message: string): never {
    throw new AppException(409, 'NO_DRAFT', message);
  }
}
