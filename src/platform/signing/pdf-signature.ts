/**
 * PDF signatures (PAdES-compatible, SubFilter adbe.pkcs7.detached): a placeholder added to the
 * finished PDF as an incremental update (@signpdf/placeholder-plain; its pdfkit placeholder wants
 * pdfkit 0.11, the letters use 0.20), the CMS built by node-forge and the bytes signed by
 * @signpdf/signpdf. The ByteRange covers the whole file but the /Contents hex string.
 *
 * Verification is independent of the signing code path: the ByteRange is read from the file, the
 * CMS parsed with node-forge, the messageDigest attribute compared with SHA-256 of the signed
 * ranges and the RSA signature over the authenticated attributes checked against the certificate
 * embedded in the signature.
 */
import { createHash, constants, privateEncrypt, verify as cryptoVerify } from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ADOBE_PKCS7_DETACHED } from '@signpdf/utils';
import forge from 'node-forge';
import { certificateInfo, type OpenedIdentity } from './identity';

/** DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2 note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * Room for the CMS (bytes; the file holds twice as many hex digits): the certificates it carries,
 * plus the signed attributes, the signature value (≤ 512 bytes for RSA-4096) and the DER framing,
 * with margin. Sized from the identity rather than a fixed 8 KB, so that a one-certificate letter
 * does not carry ~12 KB of zeros.
 */
function signatureLength(identity: OpenedIdentity): number {
  const certs = identity.chain.reduce((n, c) => n + forge.asn1.toDer(forge.pki.certificateToAsn1(c)).length(), 0);
  return Math.ceil((certs + 1536) / 512) * 512;
}

/**
 * @signpdf Signer: forge builds the SignedData (contentType, signingTime, messageDigest as signed
 * attributes, in the order the EU validator expects); the RSA operation itself is node's crypto
 * with the key opened once (forge's pure-JS RSA is ≈10× slower).
 */
class IdentitySigner extends Signer {
  constructor(private readonly identity: OpenedIdentity) {
    super();
  }

  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdfBuffer.toString('binary'));
    for (const c of this.identity.chain) p7.addCertificate(c);
    const key = this.identity.key;
    const rsa = {
      sign(md: forge.md.MessageDigest): string {
        const digest = Buffer.from(md.digest().getBytes(), 'binary');
        return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest])).toString('binary');
      },
    };
    const cert = this.identity.chain[0];
    p7.addSigner({
      key: rsa as unknown as forge.pki.rsa.PrivateKey,
      // issuer and serial rather than `certificate`: forge would UTF-8-encode a parsed
      // certificate's UTF8String names a second time and the SignerInfo would name no certificate
      issuer: cert.issuer.attributes.map((a) =>
        (a.valueTagClass as unknown as number) === (forge.asn1.Type.UTF8 as number) && typeof a.value === 'string'
          ? { ...a, value: forge.util.decodeUtf8(a.value) }
          : a,
      ),
      serialNumber: cert.serialNumber,
      digestAlgorithm: forge.pki.oids.sha256,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest },
      ],
    } as unknown as Parameters<typeof p7.addSigner>[0]);
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}

export interface SignOptions {
  signingTime: Date;
  /** /Name of the signature dictionary (the agency). */
  name: string;
  reason: string;
  location?: string;
  contactInfo?: string;
}

const signpdf = new SignPdf();

/** The finished PDF with one invisible signature over the whole file. */
export async function signPdf(pdf: Buffer, identity: OpenedIdentity, o: SignOptions): Promise<Buffer> {
  identity.signatureLength ??= signatureLength(identity);
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: o.reason,
    contactInfo: o.contactInfo ?? '',
    name: o.name,
    location: o.location ?? '',
    signingTime: o.signingTime,
    signatureLength: identity.signatureLength,
    subFilter: SUBFILTER_ADOBE_PKCS7_DETACHED,
    appName: 'gov-info-disclosure',
  });
  return signpdf.sign(withPlaceholder, new IdentitySigner(identity), o.signingTime);
}

export interface SignatureReport {
  /** The messageDigest matches the signed bytes, the RSA signature verifies, the ByteRange covers the whole file. */
  valid: boolean;
  /** Common name of the signing certificate. */
  signer: string;
  /** The signingTime attribute (ISO 8601), or null when absent. */
  signedAt: string | null;
  coversWholeDocument: boolean;
  /** SHA-256 of the signing certificate's DER (to match it with the agency's certificates). */
  certificateFingerprint: string;
  /** Why it is not valid (English, for logs and tests), null when valid. */
  problem: string | null;
}

/** Where the signature dictionaries' ByteRanges are (more than one: several signatures). */
function byteRanges(pdf: Buffer): number[][] {
  const out: number[][] = [];
  const text = pdf.toString('latin1');
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push(m.slice(1, 5).map(Number));
  return out;
}

/**
 * The signature of a PDF, checked; null when the file carries no signature. Never throws on a
 * malformed file (a report with valid false and the problem instead).
 */
export function verifyPdfSignature(pdf: Buffer): SignatureReport | null {
  const ranges = byteRanges(pdf);
  if (!ranges.length) return null;
  const bad = (problem: string, partial: Partial<SignatureReport> = {}): SignatureReport => ({
    valid: false,
    signer: '',
    signedAt: null,
    coversWholeDocument: false,
    certificateFingerprint: '',
    ...partial,
    problem,
  });
  if (ranges.length > 1) return bad('more than one signature');
  const [a, b, c, d] = ranges[0];
  if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length) return bad('ByteRange outside the file');
  // The gap is exactly the /Contents hex string <…>; everything else is signed.
  const gap = pdf.subarray(b, c).toString('latin1');
  if (!/^<[0-9a-fA-F]*>$/.test(gap)) return bad('ByteRange gap is not the signature contents');
  const coversWholeDocument = c + d === pdf.length;
  const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  let cms: forge.pkcs7.Captured<forge.pkcs7.PkcsSignedData>;
  try {
    // The CMS is followed by the placeholder's zero padding. Its length comes from its own DER
    // header (parseAllBytes off), never from stripping trailing zeros: the RSA signature value is
    // the last field of the CMS and ends with a 0x00 byte in one signature out of 256.
    const der = Buffer.from(gap.slice(1, -1), 'hex');
    // (@types/node-forge knows only the older boolean `strict` argument, not the options object)
    const fromDer = forge.asn1.fromDer as unknown as (b: forge.util.ByteStringBuffer, o: { parseAllBytes: boolean }) => forge.asn1.Asn1;
    const asn1 = fromDer(forge.util.createBuffer(der.toString('binary')), { parseAllBytes: false });
    const used = forge.asn1.toDer(asn1).length();
    if (!der.subarray(used).every((x) => x === 0)) throw new Error('bytes after the CMS');
    cms = forge.pkcs7.messageFromAsn1(asn1) as typeof cms;
  } catch {
    return bad('signature contents are not a PKCS#7 SignedData', { coversWholeDocument });
  }
  try {
    const raw = cms.rawCapture as { authenticatedAttributes?: forge.asn1.Asn1[]; signature?: string; serial?: string; digestAlgorithm?: string };
    const attrs = raw.authenticatedAttributes;
    if (!attrs || !raw.signature) return bad('no signed attributes', { coversWholeDocument });
    const serial = raw.serial ? forge.util.createBuffer(raw.serial).toHex() : '';
    const cert = cms.certificates.find((x) => x.serialNumber === serial) ?? cms.certificates[0];
    if (!cert) return bad('no certificate in the signature', { coversWholeDocument });
    const info = certificateInfo(cert);
    let messageDigest: string | null = null;
    let signedAt: string | null = null;
    for (const at of attrs) {
      const seq = at.value as forge.asn1.Asn1[];
      const oid = forge.asn1.derToOid(seq[0].value as string);
      const value = ((seq[1].value as forge.asn1.Asn1[])[0] ?? {}) as forge.asn1.Asn1;
      if (oid === forge.pki.oids.messageDigest) messageDigest = forge.util.createBuffer(value.value as string).toHex();
      if (oid === forge.pki.oids.signingTime) {
        const t = value.type === forge.asn1.Type.UTCTIME ? forge.asn1.utcTimeToDate(value.value as string) : forge.asn1.generalizedTimeToDate(value.value as string);
        signedAt = t.toISOString();
      }
    }
    const report = { signer: info.subjectCn, signedAt, coversWholeDocument, certificateFingerprint: info.fingerprint };
    const digestOid = raw.digestAlgorithm ? forge.asn1.derToOid(raw.digestAlgorithm) : '';
    if (digestOid !== forge.pki.oids.sha256) return bad('digest algorithm is not SHA-256', report);
    if (messageDigest !== createHash('sha256').update(signed).digest('hex')) return bad('messageDigest does not match the signed bytes', report);
    // The signature is over the DER of the attributes as a SET (RFC 5652 §5.4).
    const set = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attrs);
    const attrDer = Buffer.from(forge.asn1.toDer(set).getBytes(), 'binary');
    const ok = cryptoVerify('sha256', attrDer, info.certificatePem, Buffer.from(raw.signature, 'binary'));
    if (!ok) return bad('signature does not verify with the embedded certificate', report);
    if (!coversWholeDocument) return bad('the signature does not cover the whole document', report);
    return { valid: true, ...report, problem: null };
  } catch {
    return bad('malformed signature', { coversWholeDocument });
  }
}
