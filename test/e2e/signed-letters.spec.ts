/**
 * Issue 17: sealed letters are signed at issue (PAdES-compatible, adbe.pkcs7.detached, whole file)
 * and verify with an independent verifier — poppler's pdfsig where installed, node-forge always;
 * one changed byte makes them invalid; a rotated certificate leaves old letters verifiable.
 */
import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { FixedClock } from '../../src/platform/clock/clock';
import { verifyPdfSignature } from '../../src/platform/signing';
import { act, departmentId, register } from '../support/cases';
import { inflatedStreams, itWithPdfsig, pdfsig, SEAL_RED_OPERATOR, USE_PDFSIG } from '../support/pdfsig';
import { fetchLetterBytes, getBytes } from '../support/letters';
import { createTestContext, TestContext } from '../support/test-app';
import { parsePdf } from '../unit/letters/pdf-helpers';

const PASSPHRASE = 'test-signing-passphrase-0123456789';
const itPdfsig = itWithPdfsig;

/** A PKCS#12 as a CA-issued one would come: key and certificate, encrypted with `passphrase`. */
function makeP12(cn: string, passphrase: string, notAfter = new Date('2036-01-01')): Buffer {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '0a' + forge.util.bytesToHex(forge.random.getBytesSync(8));
  cert.validity.notBefore = new Date('2024-01-01');
  cert.validity.notAfter = notAfter;
  const name = [{ shortName: 'CN', value: cn, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], passphrase, { algorithm: '3des' })).getBytes(), 'binary');
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('signed letters (issue 17)', () => {
  const clock = FixedClock.at('2026-03-02', '10:00:00+08:00');
  let t: TestContext;
  let agencyName: string;
  const json = async (method: 'get' | 'put' | 'post', url: string, role = 'admin', body?: unknown) =>
    t.http[method](url).set('authorization', `Bearer ${await t.login(role)}`).send(body as object);
  const letters = async (caseId: string) => (await json('get', `/api/v1/cases/${caseId}/letters`, 'legal')).body as Array<Record<string, any>>;

  async function step(role: string, c: Record<string, any>, action: string, body: Record<string, any> = {}) {
    const res = await act(t, role, c as { id: string; version: number }, action, body);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, any>;
  }

  /** A case approved with 予以公开 (the reply issued). */
  async function approvedCase(): Promise<Record<string, any>> {
    const reg = await register(t);
    if (reg.status !== 201) throw new Error(`register: ${reg.status} ${JSON.stringify(reg.body)}`);
    let c = reg.body as Record<string, any>;
    c = await step('clerk', c, 'accept');
    c = await step('clerk', c, 'assign', { departmentId: await departmentId(t) });
    c = await step('handler', c, 'record-secrecy-review', { conclusion: 'disclose', ground: '不涉及国家秘密' });
    c = await step('handler', c, 'propose', { outcome: 'disclose', access: '纸质复印件邮寄', reasons: '经审查，可以公开' });
    c = await step('handler', c, 'submit-for-approval');
    return step('approver', c, 'approve');
  }

  /** A case answered with 予以公开: its reply letter. */
  async function replied(): Promise<{ caseId: string; reply: Record<string, any> }> {
    const c = await approvedCase();
    const reply = (await letters(c.id)).find((l) => l.type === 'reply');
    expect(reply).toBeDefined();
    return { caseId: c.id, reply: reply! };
  }

  beforeAll(async () => {
    t = await createTestContext({}, { clock });
    agencyName = (await t.db.query(`SELECT name FROM agencies LIMIT 1`)).rows[0].name;
  });
  afterAll(() => t.close());

  let first: { caseId: string; reply: Record<string, any> };
  let firstPdf: Buffer;

  it('signs a reply at issue: stored, hashed and served signed; node-forge verifies it', async () => {
    first = await replied();
    expect(first.reply.signedAt).toBe('2026-03-02T02:00:00.000Z');
    firstPdf = await fetchLetterBytes(t, first.reply.id);
    expect(sha(firstPdf)).toBe(first.reply.sha256);
    // the sha256 of the history entry too: the signed bytes are what the case history recorded
    const ev = await t.db.query(`SELECT payload->>'sha256' AS h FROM case_events WHERE type = 'LETTER_ISSUED' AND payload->>'letterId' = $1`, [first.reply.id]);
    expect(ev.rows[0].h).toBe(first.reply.sha256);
    const report = verifyPdfSignature(firstPdf)!;
    expect(report).toMatchObject({ valid: true, coversWholeDocument: true, signedAt: '2026-03-02T02:00:00.000Z', problem: null });
    expect(report.signer).toContain(agencyName);
    expect(report.signer).toContain('测试用');
    // still the letter: its text parses back; the demo seal is drawn in red (shapes, not text)
    const parsed = await parsePdf(firstPdf);
    expect(parsed.text).toContain('政府信息公开申请答复书');
    expect(parsed.text).not.toContain('测试用章');
    expect(inflatedStreams(firstPdf)).toMatch(SEAL_RED_OPERATOR);
  });

  it('GET /letters/:id/verify reports the signature', async () => {
    const v = await json('get', `/api/v1/letters/${first.reply.id}/verify`, 'legal');
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({
      intact: true,
      sha256: first.reply.sha256,
      signature: { valid: true, signedAt: '2026-03-02T02:00:00.000Z', coversWholeDocument: true, certificateMatches: true },
    });
    expect(v.body.signature.signer).toContain(agencyName);
  });

  itPdfsig('pdfsig: one signature, valid, signer names the agency, total document signed', () => {
    const out = pdfsig(firstPdf);
    console.log(`pdfsig output for a reply letter:\n${out}`);
    expect(out.match(/^Signature #\d+:/gm)).toHaveLength(1);
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('Total document signed');
    expect(out).toMatch(new RegExp(`Signer Certificate Common Name: .*${agencyName}`));
    expect(out).toContain('adbe.pkcs7.detached');
  });

  it('one changed byte makes the signature invalid (node-forge, pdfsig, the public check)', async () => {
    for (const at of [200, Math.floor(firstPdf.length / 2), firstPdf.length - 10]) {
      const bad = Buffer.from(firstPdf);
      // inside the signed ranges, never inside the signature's own hex string
      bad[at] = bad[at] === 0x30 ? 0x31 : 0x30;
      const report = verifyPdfSignature(bad);
      if (report) expect(report.valid).toBe(false);
      else expect(bad.toString('latin1')).not.toContain('/ByteRange');
      if (USE_PDFSIG && at === 200) expect(pdfsig(bad)).not.toContain('Signature is Valid');
      const pub = await t.http.post('/api/v1/public/letters/verify').set('content-type', 'application/pdf').send(bad);
      expect(pub.status).toBe(200);
      expect(pub.body).toMatchObject({ known: false, authentic: false });
    }
  });

  it('the public authenticity check knows an issued letter and its signature', async () => {
    const pub = await t.http.post('/api/v1/public/letters/verify').set('content-type', 'application/pdf').send(firstPdf);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({
      sha256: first.reply.sha256,
      known: true,
      authentic: true,
      letter: { docNumber: first.reply.docNumber, agency: agencyName, corrected: false },
      signature: { valid: true, certificateMatches: true, coversWholeDocument: true },
    });
    // no case, applicant or letter id leaks to the public
    expect(JSON.stringify(pub.body)).not.toMatch(/caseId|张三|"id"/);
    const notPdf = await t.http.post('/api/v1/public/letters/verify').set('content-type', 'application/pdf').send(Buffer.from('hello world'));
    expect(notPdf.status).toBe(400);
    const wrongType = await t.http.post('/api/v1/public/letters/verify').set('content-type', 'application/json').send({ a: 1 });
    expect(wrongType.status).toBe(415);
    const huge = await t.http.post('/api/v1/public/letters/verify').set('content-type', 'application/pdf').send(Buffer.alloc(6 * 1024 * 1024, 0x25));
    expect(huge.status).toBe(413);
  });

  it('the unsealed 送达回证 stays unsigned (signature null)', async () => {
    const c = await approvedCase();
    await step('clerk', c, 'deliver', { method: 'in_person', recipient: '张三' });
    const form = (await letters(c.id)).find((l) => l.variant === 'delivery_receipt');
    if (!form) throw new Error(`no delivery_receipt among ${JSON.stringify((await letters(c.id)).map((l) => l.variant))}`);
    expect(form.signedAt).toBeNull();
    const pdf = await fetchLetterBytes(t, form.id);
    expect(pdf.toString('latin1')).not.toContain('/ByteRange');
    expect(inflatedStreams(pdf)).not.toMatch(SEAL_RED_OPERATOR);
    const v = await json('get', `/api/v1/letters/${form.id}/verify`, 'legal');
    expect(v.body).toMatchObject({ intact: true, signature: null });
  });

  it('the admin sees the certificate, never the key; uploads need the configured passphrase', async () => {
    const list = await json('get', '/api/v1/agency/signing-certificate');
    expect(list.status).toBe(200);
    expect(list.body.current).toMatchObject({ testOnly: true, current: true, fingerprintSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(list.body.current.subject).toContain(agencyName);
    expect(JSON.stringify(list.body)).not.toMatch(/PRIVATE KEY|p12|pkcs12/i);
    expect((await json('get', '/api/v1/agency/signing-certificate', 'clerk')).status).toBe(403);
    const wrong = await json('put', '/api/v1/agency/signing-certificate', 'admin', { pkcs12: makeP12('某机关', 'another-passphrase').toString('base64') });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('pkcs12');
    const garbage = await json('put', '/api/v1/agency/signing-certificate', 'admin', { pkcs12: 'not base64 !' });
    expect(garbage.status).toBe(400);
    const expired = await json('put', '/api/v1/agency/signing-certificate', 'admin', { pkcs12: makeP12('某机关', PASSPHRASE, new Date('2025-01-01')).toString('base64') });
    expect(expired.status).toBe(400);
    expect((await json('put', '/api/v1/agency/signing-certificate', 'handler', { pkcs12: 'AAAA' })).status).toBe(403);
  });

  it('rotation: new letters sign with the new certificate, old ones still verify with theirs; a correction signs the new letter', async () => {
    const p12 = makeP12(`${agencyName}（轮换后证书）`, PASSPHRASE);
    const up = await json('put', '/api/v1/agency/signing-certificate', 'admin', { pkcs12: p12.toString('base64') });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ testOnly: false, current: true, subject: `${agencyName}（轮换后证书）` });
    expect((await json('put', '/api/v1/agency/signing-certificate', 'admin', { pkcs12: p12.toString('base64') })).status).toBe(409);
    const list = await json('get', '/api/v1/agency/signing-certificate');
    expect(list.body.history).toHaveLength(2);

    // the old letter: unchanged, still verifies, against the certificate it was signed with
    const old = await json('get', `/api/v1/letters/${first.reply.id}/verify`, 'legal');
    expect(old.body).toMatchObject({ intact: true, signature: { valid: true, certificateMatches: true } });
    expect(old.body.signature.signer).toContain('测试用');
    if (USE_PDFSIG) expect(pdfsig(firstPdf)).toContain('Signature is Valid');

    // a new reply signs with the uploaded certificate (no demo seal: an uploaded certificate and no PNG)
    const next = await replied();
    const nextPdf = await fetchLetterBytes(t, next.reply.id);
    expect(verifyPdfSignature(nextPdf)).toMatchObject({ valid: true, signer: `${agencyName}（轮换后证书）` });
    expect(inflatedStreams(nextPdf)).not.toMatch(SEAL_RED_OPERATOR);
    if (USE_PDFSIG) expect(pdfsig(nextPdf)).toMatch(/Common Name: .*轮换后证书[\s\S]*Signature is Valid/);

    // 更正: the corrected letter is a new signed letter; the original stays as it was
    const re = await t.http
      .post(`/api/v1/letters/${first.reply.id}/reissue`)
      .set('authorization', `Bearer ${await t.login('approver')}`)
      .send({ reason: '答复书提供方式表述有误，予以更正' });
    expect(re.status).toBe(201);
    const corrected = (re.body as Array<Record<string, any>>).find((l) => l.replacesId === first.reply.id)!;
    expect(corrected.signedAt).not.toBeNull();
    const correctedPdf = await fetchLetterBytes(t, corrected.id);
    expect(sha(correctedPdf)).toBe(corrected.sha256);
    expect(verifyPdfSignature(correctedPdf)).toMatchObject({ valid: true, signer: `${agencyName}（轮换后证书）` });
    const pub = await t.http.post('/api/v1/public/letters/verify').set('content-type', 'application/pdf').send(firstPdf);
    expect(pub.body).toMatchObject({ known: true, authentic: true, letter: { corrected: true } });
  });

  it('the seal PNG: transparency required; the uploaded seal is printed on the next sealed letter', async () => {
    const { PNG_RGBA, PNG_RGB } = pngs();
    const opaque = await json('put', '/api/v1/agency/seal', 'admin', { png: PNG_RGB.toString('base64') });
    expect(opaque.status).toBe(400);
    expect(opaque.body.errors[0].field).toBe('png');
    const notPng = await json('put', '/api/v1/agency/seal', 'admin', { png: Buffer.from('GIF89a....').toString('base64') });
    expect(notPng.status).toBe(400);
    const ok = await json('put', '/api/v1/agency/seal', 'admin', { png: PNG_RGBA.toString('base64') });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ width: 64, height: 64, sha256: sha(PNG_RGBA) });
    const back = await getBytes(t, '/api/v1/agency/seal', 'admin');
    expect(Buffer.compare(back.body as Buffer, PNG_RGBA)).toBe(0);
    const next = await replied();
    const pdf = await fetchLetterBytes(t, next.reply.id);
    // the image is in the file (an XObject with an SMask for the transparency), not the demo seal
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image[\s\S]*\/SMask/);
    expect(inflatedStreams(pdf)).not.toMatch(SEAL_RED_OPERATOR);
    expect(verifyPdfSignature(pdf)).toMatchObject({ valid: true });
  });

  it('concurrent uploads and public checks beyond the pool: 2xx/4xx/503, never 500 or a hang', async () => {
    const { PNG_RGBA } = pngs();
    const answers = await Promise.all([
      ...Array.from({ length: 12 }, () => json('put', '/api/v1/agency/seal', 'admin', { png: PNG_RGBA.toString('base64') })),
      ...Array.from({ length: 12 }, () => t.http.post('/api/v1/public/letters/verify').set('content-type', 'application/pdf').send(firstPdf)),
    ]);
    for (const a of answers) expect([200, 429, 503]).toContain(a.status);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(10);
    // the public check is rate-limited per address: 10 a minute, and this file has made more
    expect(answers.slice(12).some((a) => a.status === 429)).toBe(true);
  });
});

/** Two 64×64 PNGs made here: RGBA (colour type 6, transparent corners) and RGB (opaque). */
function pngs(): { PNG_RGBA: Buffer; PNG_RGB: Buffer } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const zlib = require('node:zlib') as typeof import('node:zlib');
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const make = (colorType: 2 | 6) => {
    const ch = colorType === 6 ? 4 : 3;
    const rows: Buffer[] = [];
    for (let y = 0; y < 64; y++) {
      const row = Buffer.alloc(1 + 64 * ch);
      for (let x = 0; x < 64; x++) {
        const inside = (x - 32) ** 2 + (y - 32) ** 2 < 30 ** 2;
        row[1 + x * ch] = 0xd8;
        row[2 + x * ch] = 0x15;
        row[3 + x * ch] = 0x1b;
        if (ch === 4) row[4 + x * ch] = inside ? 0xff : 0;
      }
      rows.push(row);
    }
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(64, 0);
    ihdr.writeUInt32BE(64, 4);
    ihdr[8] = 8;
    ihdr[9] = colorType;
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  };
  return { PNG_RGBA: make(6), PNG_RGB: make(2) };
}

describe('the first sealed letters of an agency, concurrently (test certificate generated once)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ dbPoolMax: 4, dbAcquireTimeoutMs: 5000 });
    await t.login('clerk'); // one session for all the requests below
  });
  afterAll(() => t.close());

  it('more registrations at once than pool connections: 201/503, one certificate, every receipt signed with it', async () => {
    const keys = Array.from({ length: 10 }, (_, i) => `first-sealed-${i}`);
    const answers = await Promise.all(keys.map((k) => register(t, {}, k)));
    for (const a of answers) expect([201, 503]).toContain(a.status);
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThan(0);
    // A 503 may come after the numbers were committed (the receipt is issued in a second transaction):
    // the same key sent again answers with that case and its receipt, never a second case.
    for (const [i, a] of answers.entries()) if (a.status === 503) answers[i] = await register(t, {}, keys[i]);
    expect(answers.map((a) => a.status)).toEqual(keys.map(() => 201));
    const certs = await t.db.query(`SELECT id, test_only FROM agency_signing_certificates`);
    expect(certs.rows).toHaveLength(1);
    expect(certs.rows[0].test_only).toBe(true);
    const receipts = await t.db.query(`SELECT signing_certificate_id, bytes FROM letters WHERE type = 'receipt'`);
    expect(receipts.rows.length).toBe(answers.filter((a) => a.status === 201).length);
    for (const r of receipts.rows) {
      expect(r.signing_certificate_id).toBe(certs.rows[0].id);
      expect(verifyPdfSignature(r.bytes)?.valid).toBe(true);
    }
  });
});

describe('a production agency without a certificate (SIGNING_TEST_CERTIFICATES off)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ signingTestCertificates: false });
  });
  afterAll(() => t.close());

  it('refuses a sealed letter (409, nothing stored) until the admin uploads the agency certificate', async () => {
    const refused = await register(t);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('SIGNING_CERTIFICATE_MISSING');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM cases`)).rows[0].n).toBe(0);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM agency_signing_certificates`)).rows[0].n).toBe(0);

    const agencyName = (await t.db.query(`SELECT name FROM agencies LIMIT 1`)).rows[0].name as string;
    const up = await t.http
      .put('/api/v1/agency/signing-certificate')
      .set('authorization', `Bearer ${await t.login('admin')}`)
      .send({ pkcs12: makeP12(`${agencyName}`, PASSPHRASE).toString('base64') });
    expect(up.status).toBe(200);
    expect(up.body.testOnly).toBe(false);

    const ok = await register(t);
    expect(ok.status).toBe(201);
    const pdf = await fetchLetterBytes(t, ok.body.letters[0].id);
    expect(verifyPdfSignature(pdf)).toMatchObject({ valid: true, signer: agencyName, coversWholeDocument: true });
    // an uploaded certificate and no seal image: no demo seal is drawn
    expect(inflatedStreams(pdf)).not.toMatch(SEAL_RED_OPERATOR);
    if (USE_PDFSIG) expect(pdfsig(pdf)).toContain('Signature is Valid');
  });
});
