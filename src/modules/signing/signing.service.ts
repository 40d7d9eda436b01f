import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { DataSource } from 'typeorm';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import type { Queryable } from '../../platform/database/queryable';
import { AppException, badRequest, conflict } from '../../platform/http-errors/app-exception';
import type { SealImage } from '../../platform/pdf';
import { generateTestIdentity, openPkcs12, OpenedIdentity, SignatureReport, signPdf, SigningIdentityError, verifyPdfSignature } from '../../platform/signing';
import type { Agency } from '../agencies/agency';
import { checkSealPng } from './seal-png';
import { CertificateRow, SigningRepository } from './signing.repository';

/** What the API shows of a certificate: never the key or the PKCS#12. */
export function certificateView(r: CertificateRow, currentId: string | null) {
  return {
    id: r.id,
    subject: r.subject_cn,
    issuer: r.issuer_cn,
    serialNumber: r.serial_number,
    fingerprintSha256: r.fingerprint,
    notBefore: new Date(r.not_before).toISOString(),
    notAfter: new Date(r.not_after).toISOString(),
    testOnly: r.test_only,
    current: r.id === currentId,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** The identity a sealed letter is signed with: the certificate row and the key, opened. */
export interface SigningMaterial {
  certificateId: string;
  identity: OpenedIdentity;
  seal: SealImage | undefined;
}

/**
 * 电子签章: each agency's signing certificate and seal image, and the signature of sealed letters
 * (《电子签名法》第十三条: a reliable electronic signature — the key under the signer's sole control,
 * any later change to the signature or the document detectable).
 */
@Injectable()
export class SigningService {
  private readonly log = new Logger('Signing');
  /** Opened identities by certificate id (rows never change, so the cache never goes stale). */
  private readonly opened = new Map<string, OpenedIdentity>();

  constructor(
    private readonly repo: SigningRepository,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private passphrase(agencyId: string): string {
    return this.config.signingPassphrases?.[agencyId] ?? this.config.signingPassphrase;
  }

  private async open(row: CertificateRow, m: Queryable): Promise<OpenedIdentity> {
    let id = this.opened.get(row.id);
    if (!id) {
      try {
        id = openPkcs12(await this.repo.p12Of(row.id, m), this.passphrase(row.agency_id));
      } catch (e) {
        if (e instanceof SigningIdentityError) {
          // the passphrase in the configuration changed since the certificate was stored
          throw new AppException(409, 'SIGNING_CERTIFICATE_UNUSABLE', '本机关的电子签章证书无法用当前配置的口令打开，请管理员核对 SIGNING_P12_PASSPHRASE 或重新上传证书');
        }
        throw e;
      }
      this.opened.set(row.id, id);
    }
    return id;
  }

  /**
   * The agency's current certificate, opened, and its seal image, inside the issuing transaction.
   * An agency without a certificate gets a generated test certificate when the configuration allows
   * it (demo and test deployments); otherwise a sealed letter is refused (409).
   */
  async materialFor(m: Queryable, agency: Agency): Promise<SigningMaterial> {
    let row = await this.repo.current(agency.id, m);
    if (!row) {
      if (!this.config.signingTestCertificates) {
        throw new AppException(409, 'SIGNING_CERTIFICATE_MISSING', '本机关尚未配置电子签章证书，加盖印章的文书无法签发；请管理员上传证书（PKCS#12）');
      }
      await this.repo.lockAgency(m, agency.id);
      row = await this.repo.current(agency.id, m);
      if (!row) {
        const { p12, info } = generateTestIdentity(agency.name, this.clock.now(), this.passphrase(agency.id));
        row = await this.repo.insert(m, agency.id, p12, info, true, null);
        this.log.warn(`generated a self-signed TEST signing certificate for agency ${agency.id} (not for production)`);
      }
    }
    const identity = await this.open(row!, m);
    const png = await this.repo.currentSeal(agency.id, m);
    const seal: SealImage | undefined = png ? { kind: 'png', png: png.png } : row!.test_only ? { kind: 'demo', agencyName: agency.name } : undefined;
    return { certificateId: row!.id, identity, seal };
  }

  /** Signs a finished letter (the whole file) as the agency, at `signedAt` (whole seconds). */
  sign(pdf: Buffer, material: SigningMaterial, agency: Agency, signedAt: Date, reason: string): Promise<Buffer> {
    return signPdf(pdf, material.identity, { signingTime: signedAt, name: agency.name, reason, location: agency.name });
  }

  verify(pdf: Buffer): SignatureReport | null {
    return verifyPdfSignature(pdf);
  }

  async certificates(agencyId: string) {
    const rows = await this.repo.list(agencyId);
    const currentId = rows[0]?.id ?? null;
    return { current: rows[0] ? certificateView(rows[0], currentId) : null, history: rows.map((r) => certificateView(r, currentId)) };
  }

  /**
   * A new certificate (rotation): the PKCS#12 must open with the configured passphrase, hold an RSA
   * key and its certificate, and be valid now. The previous certificates stay (old letters name them).
   */
  async upload(agencyId: string, userId: string, p12: Buffer) {
    let opened: OpenedIdentity;
    try {
      opened = openPkcs12(p12, this.passphrase(agencyId));
    } catch (e) {
      if (e instanceof SigningIdentityError) throw badRequest(`证书文件无效：${e.message}`, [{ field: 'pkcs12', message: `pkcs12：${e.message}` }]);
      throw e;
    }
    const now = this.clock.now();
    if (opened.notAfter <= now || opened.notBefore > now) {
      throw badRequest('证书不在有效期内', [{ field: 'pkcs12', message: `pkcs12：证书有效期为 ${opened.notBefore.toISOString()} 至 ${opened.notAfter.toISOString()}` }]);
    }
    const row = await this.db.transaction(async (m) => {
      await this.repo.lockAgency(m, agencyId);
      return this.repo.insert(m, agencyId, p12, opened, false, userId);
    });
    if (!row) throw conflict('CERTIFICATE_EXISTS', '该证书已上传过（证书轮换须使用新的证书）');
    this.opened.set(row.id, opened);
    this.log.log(`signing certificate ${row.fingerprint} uploaded for agency ${agencyId}`);
    return certificateView(row, row.id);
  }

  async uploadSeal(agencyId: string, userId: string, png: Buffer) {
    const check = checkSealPng(png);
    if (!check.ok) throw badRequest(check.message, [{ field: 'png', message: `png：${check.message}` }]);
    try {
      // the renderer must be able to draw it (pdfkit decodes PNGs itself)
      const doc = new PDFDocument({ autoFirstPage: true });
      doc.image(png, 0, 0, { width: 10 });
      doc.end();
    } catch {
      throw badRequest('印章图片无法解码', [{ field: 'png', message: 'png：无法解码的 PNG 文件' }]);
    }
    const sha256 = createHash('sha256').update(png).digest('hex');
    const r = await this.repo.insertSeal(agencyId, png, sha256, check.width, check.height, userId);
    return { id: r.id, sha256, width: check.width, height: check.height, createdAt: new Date(r.created_at).toISOString() };
  }

  async seal(agencyId: string): Promise<Buffer | null> {
    return (await this.repo.currentSeal(agencyId))?.png ?? null;
  }

  /**
   * The public authenticity check of a PDF: is its SHA-256 that of a letter in the system, and does
   * its signature verify (and name the certificate the system signed that letter with)?
   */
  async checkPublic(pdf: Buffer) {
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const [letter] = await this.repo.lettersWithHash(sha256);
    let signature: SignatureReport | null = null;
    try {
      signature = verifyPdfSignature(pdf);
    } catch {
      signature = null;
    }
    return {
      sha256,
      known: !!letter,
      letter: letter ? { agency: letter.agency_name, docNumber: letter.doc_number, issuedOn: letter.issued_on, corrected: letter.replaced } : null,
      signature: signature
        ? {
            valid: signature.valid,
            signer: signature.signer,
            signedAt: signature.signedAt,
            coversWholeDocument: signature.coversWholeDocument,
            certificateMatches: letter ? letter.fingerprint === signature.certificateFingerprint : null,
          }
        : null,
      authentic: !!letter && (letter.signing_certificate_id === null ? signature === null : !!signature?.valid && letter.fingerprint === signature.certificateFingerprint),
    };
  }
}
