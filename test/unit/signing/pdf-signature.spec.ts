/**
 * The signing platform piece on its own: a test identity, a signed letter, verified by node-forge
 * (verifyPdfSignature) and by poppler's pdfsig where installed; tampering and wrong passphrases.
 */
import { TemplateLoader } from '../../../src/domain/letters';
import { LetterPdfRenderer } from '../../../src/platform/pdf';
import { generateTestIdentity, openPkcs12, signPdf, SigningIdentityError, verifyPdfSignature } from '../../../src/platform/signing';
import { itWithPdfsig, pdfsig } from '../../support/pdfsig';
import { sampleContext } from '../letters/fixtures';

const AGENCY = '某某市自然资源和规划局';
const PASS = 'unit-test-passphrase';

describe('PDF signatures (platform/signing)', () => {
  const renderer = new LetterPdfRenderer();
  const doc = new TemplateLoader().render('reply_disclose', sampleContext('reply_disclose'));
  const generated = generateTestIdentity(AGENCY, new Date('2026-03-01T00:00:00Z'), PASS);
  const identity = openPkcs12(generated.p12, PASS);
  const at = new Date('2026-03-02T02:00:00Z');
  let unsigned: Buffer;
  let signed: Buffer;

  beforeAll(async () => {
    unsigned = await renderer.render(doc, { seal: { kind: 'demo', agencyName: AGENCY } });
    signed = await signPdf(unsigned, identity, { signingTime: at, name: AGENCY, reason: '政府信息公开申请答复书' });
  });

  it('the test certificate names the agency and says it is for tests only', () => {
    expect(identity.subjectCn).toBe(`${AGENCY}（测试用电子签章）`);
    expect(identity.selfSigned).toBe(true);
    expect(identity.certificatePem).toContain('BEGIN CERTIFICATE');
    expect(generated.info.fingerprint).toBe(identity.fingerprint);
    // the PKCS#12 is encrypted: the wrong passphrase opens nothing, and no key is in it in clear
    expect(() => openPkcs12(generated.p12, 'wrong')).toThrow(SigningIdentityError);
    expect(generated.p12.toString('latin1')).not.toContain('PRIVATE KEY');
  });

  it('the signed file is the unsigned one plus an incremental update, signed over all of it', () => {
    expect(signed.subarray(0, unsigned.length - 1).equals(unsigned.subarray(0, unsigned.length - 1))).toBe(true);
    expect(verifyPdfSignature(signed)).toEqual({
      valid: true,
      signer: `${AGENCY}（测试用电子签章）`,
      signedAt: '2026-03-02T02:00:00.000Z',
      coversWholeDocument: true,
      certificateFingerprint: identity.fingerprint,
      problem: null,
    });
    expect(verifyPdfSignature(unsigned)).toBeNull();
  });

  it('any changed byte outside the signature value invalidates it', () => {
    const m = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)/.exec(signed.toString('latin1'))!;
    const [, , b, c] = m.slice(1).map(Number);
    for (const at of [0, 500, b - 1, c, signed.length - 1]) {
      const bad = Buffer.from(signed);
      bad[at] ^= 0x01;
      const r = verifyPdfSignature(bad);
      expect(r === null || r.valid === false).toBe(true);
    }
    // a byte appended after signing: no longer the whole document
    const longer = Buffer.concat([signed, Buffer.from('\n% appended\n')]);
    expect(verifyPdfSignature(longer)).toMatchObject({ valid: false, coversWholeDocument: false });
    // a changed digit in the RSA signature value (the last bytes of the CMS before its zero padding)
    const cms = Buffer.from(signed);
    const derHex = signed.toString('latin1', b + 1, c - 1).replace(/(?:00)+$/, '');
    const pos = b + 1 + derHex.length - 20;
    cms[pos] = cms[pos] === 0x30 ? 0x31 : 0x30;
    expect(verifyPdfSignature(cms)?.valid).toBe(false);
  });

  it('a signature whose value ends with a zero byte verifies (the CMS length comes from its DER, not from stripping zeros)', async () => {
    // The RSA signature value is the last field of the CMS; about one signature in 256 ends with
    // 0x00, which a verifier that strips the placeholder's zero padding would cut off (seen in CI).
    let found: Buffer | null = null;
    for (let i = 0; i < 4000 && !found; i++) {
      const s = await signPdf(unsigned, identity, { signingTime: new Date(at.getTime() + i * 1000), name: AGENCY, reason: '政府信息公开申请答复书' });
      const m = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)/.exec(s.toString('latin1'))!;
      const [, b, c] = m.slice(1).map(Number);
      const hex = s.toString('latin1', b + 1, c - 1);
      const cmsLength = 4 + Buffer.from(hex.slice(4, 8), 'hex').readUInt16BE(0); // 30 82 LL LL
      expect(hex.slice(0, 4)).toBe('3082');
      if (hex.slice(2 * cmsLength - 2, 2 * cmsLength) === '00') found = s;
    }
    expect(found).not.toBeNull();
    expect(verifyPdfSignature(found!)).toMatchObject({ valid: true, problem: null });
    // and junk after the CMS, inside the placeholder, is refused
    const m = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)/.exec(found!.toString('latin1'))!;
    const c = Number(m[3]);
    const junk = Buffer.from(found!);
    junk[c - 3] = 0x31; // the last hex digit pair before '>' becomes "01"
    expect(verifyPdfSignature(junk)).toMatchObject({ valid: false });
  });

  it('never throws on garbage that looks like a signed PDF', () => {
    const fake = Buffer.from('%PDF-1.7\n/ByteRange [0 10 20 5] <zz> trailer');
    expect(verifyPdfSignature(fake)).toMatchObject({ valid: false });
    const fake2 = Buffer.from('%PDF-1.7\n/ByteRange [0 9 15 5]<abcd>tail!');
    expect(verifyPdfSignature(fake2)).toMatchObject({ valid: false });
  });

  itWithPdfsig('pdfsig agrees: valid, whole document; invalid once a byte changed', () => {
    const out = pdfsig(signed);
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('Total document signed');
    expect(out).toContain(`Common Name: ${AGENCY}（测试用电子签章）`);
    const bad = Buffer.from(signed);
    bad[1000] ^= 0x01;
    expect(pdfsig(bad)).not.toContain('Signature is Valid');
  });
});
