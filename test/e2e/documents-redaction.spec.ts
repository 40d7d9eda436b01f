/**
 * 附件与遮盖 (issue 18) over real HTTP and a real database: the handler attaches the records found,
 * redacts what is withheld, the approval gate holds a 部分公开 whose withheld part has no redaction,
 * the reply lists the documents as its 附件, and the released copies travel with the reply by e-mail
 * (a real SMTP server) with their hashes in the DELIVER entry. The released copy is read back with
 * pdfjs and pdftotext (where installed; always in CI).
 */
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CHUNK_BYTES, DocumentRepository } from '../../src/modules/documents/document.repository';
import { DocumentsService } from '../../src/modules/documents/documents.service';
import { OutboxDeliveryService } from '../../src/modules/outbox/outbox-delivery.service';
import { act, departmentId, register, registration } from '../support/cases';
import { RECIPES } from '../support/outcome-recipes';
import { Flow } from '../support/outcome-recipes';
import { hasPdftotext, INSIDE, INSIDE_REGION, OTHER_PAGE, pdfjsRead, pdftotext, textPdf } from '../support/redaction-fixtures';
import { createTestContext, TestContext } from '../support/test-app';
import { parsePdf } from '../unit/letters/pdf-helpers';

const EMAIL = 'lisi@example.cn';
const USE_PDFTOTEXT = hasPdftotext() || !!process.env.CI;
const LIMIT = 2 * 1024 * 1024;

describe('documents and true redaction', () => {
  let t: TestContext;
  const received: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, _s, cb) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        received.push(await simpleParser(Buffer.concat(chunks)));
        cb();
      });
    },
  });
  const as = async (role: string) => `Bearer ${await t.login(role)}`;
  const upload = async (role: string, caseId: string, bytes: Buffer, name: string) =>
    t.http.post(`/api/v1/cases/${caseId}/documents`).set('authorization', await as(role)).attach('file', bytes, name);

  beforeAll(async () => {
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    const port = (smtp.server.address() as AddressInfo).port;
    t = await createTestContext({ smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: '示范县人民政府办公室 <gk@example.gov.cn>', outboxPollMs: 0, documentMaxBytes: LIMIT });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  /** A 部分公开 case, applicant served by e-mail, proposed (not yet submitted). */
  async function partialCase() {
    const f = await Flow.register(t, { applicant: { ...registration().applicant, email: EMAIL }, deliveryMethod: 'email', form: 'electronic' });
    await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
    await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-16' });
    await RECIPES.partial.prepare!(f);
    await f.step('handler', 'propose', { ...RECIPES.partial.propose, occurredOn: '2026-03-11' });
    return f;
  }

  it('upload: type by content, size limit, only the case handler; stored once with its hash and pages, recorded in the history', async () => {
    const f = await partialCase();
    const pdf = await textPdf(2);
    const res = await upload('handler', f.c.id, pdf, '招标文件.pdf');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), name: '招标文件.pdf', sha256: createHash('sha256').update(pdf).digest('hex'), pages: 2 });
    // the same file again: stored once
    expect((await upload('handler', f.c.id, pdf, 'again.pdf')).body.code).toBe('DOCUMENT_ALREADY_ATTACHED');
    // not a PDF or image by content, whatever its name
    const exe = await upload('handler', f.c.id, Buffer.concat([Buffer.from('MZ\x90\x00'), randomBytes(2000)]), 'scan.pdf');
    expect([exe.status, exe.body.errors?.[0]?.field]).toEqual([400, 'file']);
    expect(exe.body.message).toMatch(/PDF/);
    const fake = await upload('handler', f.c.id, Buffer.from('%PDF-1.7\nnothing else'), 'fake.pdf');
    expect(fake.status).toBe(400);
    // over the limit: 413, nothing stored
    const big = await upload('handler', f.c.id, Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(LIMIT + 1000)]), 'big.pdf');
    expect([big.status, big.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    // not the handler: refused before anything is read
    expect((await upload('approver', f.c.id, pdf, 'x.pdf')).status).toBe(403);
    expect((await upload('clerk', f.c.id, pdf, 'x.pdf')).status).toBe(403);
    // no file at all
    const none = await t.http.post(`/api/v1/cases/${f.c.id}/documents`).set('authorization', await as('handler')).field('other', 'x');
    expect([none.status, none.body.errors?.[0]?.field]).toEqual([400, 'file']);
    const rows = (await t.db.query(`SELECT name, pages, sha256, size FROM case_documents WHERE case_id = $1`, [f.c.id])).rows;
    expect(rows).toEqual([{ name: '招标文件.pdf', pages: 2, sha256: res.body.sha256, size: String(pdf.length) }]);
    // the original is stored unchanged, in pieces
    const stored = Buffer.concat((await t.db.query(`SELECT bytes FROM case_document_chunks WHERE document_id = $1 ORDER BY n`, [res.body.id])).rows.map((r: any) => r.bytes));
    expect(stored.equals(pdf)).toBe(true);
    const detail = await f.get('legal');
    expect(detail.history.filter((e: any) => e.type === 'DOCUMENT_ADDED').map((e: any) => e.payload)).toEqual([
      { documentId: res.body.id, name: '招标文件.pdf', mediaType: 'application/pdf', sha256: res.body.sha256, size: pdf.length, pages: 2 },
    ]);
  });

  it('a large file is streamed: read by ranges, hashed and stored piece by piece, never read whole', async () => {
    const f = await partialCase();
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.load(await textPdf(2));
    // 12 MiB of incompressible data in an unreferenced stream: a valid PDF, far larger than a chunk
    doc.context.register(doc.context.stream(randomBytes(12 * 1024 * 1024)));
    const bytes = Buffer.from(await doc.save({ useObjectStreams: false }));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gid-large-')), 'large.pdf');
    fs.writeFileSync(file, bytes);
    const repo = t.app.get(DocumentRepository);
    const chunkSizes: number[] = [];
    const insertChunk = jest.spyOn(repo, 'insertChunk').mockImplementation(async function (this: DocumentRepository, m, id, n, b) {
      chunkSizes.push(b.length);
      return DocumentRepository.prototype.insertChunk.call(this, m, id, n, b);
    });
    const wholeReads: string[] = [];
    const readFile = jest.spyOn(fs, 'readFileSync').mockImplementation(((orig) =>
      function (this: unknown, p: fs.PathOrFileDescriptor, ...rest: unknown[]) {
        if (String(p) === file) wholeReads.push(String(p));
        return (orig as (...a: unknown[]) => unknown).call(this, p, ...rest);
      })(fs.readFileSync) as typeof fs.readFileSync);
    try {
      const handler = (await t.db.query(`SELECT id, department_id FROM users WHERE username = 'handler'`)).rows[0];
      const user = { id: handler.id, username: 'handler', displayName: '承办人', agencyId: f.c.agencyId ?? (await t.db.query(`SELECT agency_id FROM cases WHERE id = $1`, [f.c.id])).rows[0].agency_id, departmentId: handler.department_id, roles: ['handler'], sessionId: 'x' };
      const res = await t.app.get(DocumentsService).upload(user as never, f.c.id, { path: file, originalname: 'large.pdf', size: bytes.length });
      expect(res.pages).toBe(2);
      expect(res.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(chunkSizes.length).toBe(Math.ceil(bytes.length / CHUNK_BYTES));
      expect(Math.max(...chunkSizes)).toBeLessThanOrEqual(CHUNK_BYTES);
      expect(wholeReads).toEqual([]);
      const stored = (await t.db.query(`SELECT sum(length(bytes))::bigint AS n FROM case_document_chunks WHERE document_id = $1`, [res.id])).rows[0].n;
      expect(Number(stored)).toBe(bytes.length);
    } finally {
      insertChunk.mockRestore();
      readFile.mockRestore();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it('redaction, the approval gate (条例第三十七条), the reply’s 附件, and delivery of the released copy by e-mail', async () => {
    const f = await partialCase();
    const doc = (await upload('handler', f.c.id, await textPdf(3), '评标报告.pdf')).body;
    const list = async (role = 'approver') => (await t.http.get(`/api/v1/cases/${f.c.id}/documents`).set('authorization', await as(role))).body;
    expect((await list()).problem).toMatchObject({ code: 'REDACTION_MISSING_FOR_WITHHELD_PART' });

    // Submitted with no redaction: the approver cannot approve, and the documents are locked in approval.
    await f.step('handler', 'submit-for-approval', { occurredOn: '2026-03-11' });
    const blocked = await act(t, 'approver', f.c, 'approve', { occurredOn: '2026-03-12' });
    expect([blocked.status, blocked.body.code]).toEqual([409, 'REDACTION_MISSING_FOR_WITHHELD_PART']);
    expect(blocked.body.message).toContain('保护第三方合法权益');
    const locked = await t.http.post(`/api/v1/documents/${doc.id}/redactions`).set('authorization', await as('handler')).send({ ...INSIDE_REGION, ground: 'withhold_third_party', reason: '评标专家姓名' });
    expect([locked.status, locked.body.code]).toEqual([409, 'DOCUMENTS_LOCKED']);
    await f.step('approver', 'return', { comments: '请遮盖评标专家个人信息', occurredOn: '2026-03-12' });

    // A region on a ground the proposal does not list (the contract's example code): refused at approval.
    const redact = async (body: Record<string, unknown>, role = 'handler') => t.http.post(`/api/v1/documents/${doc.id}/redactions`).set('authorization', await as(role)).send(body);
    const wrong = await redact({ page: 1, x: 0, y: 0, width: 595, height: 842, ground: 'withhold_internal_affairs', reason: '内部事务' });
    expect(wrong.status).toBe(201);
    expect((await list()).problem).toMatchObject({ code: 'REDACTION_GROUND_NOT_IN_PROPOSAL' });
    // bad regions and grounds: 400 naming the field, nothing stored
    expect((await redact({ ...INSIDE_REGION, page: 9, ground: 'withhold_third_party', reason: 'x' })).body.errors[0].field).toBe('page');
    expect((await redact({ ...INSIDE_REGION, width: 900, ground: 'withhold_third_party', reason: 'x' })).body.errors[0].field).toBe('width');
    expect((await redact({ ...INSIDE_REGION, ground: 'because', reason: 'x' })).body.errors[0].field).toBe('ground');
    expect((await redact({ ...INSIDE_REGION, ground: 'withhold_third_party', reason: 'x' }, 'approver')).status).toBe(403);
    const removed = await t.http.delete(`/api/v1/redactions/${wrong.body.id}`).set('authorization', await as('handler'));
    expect([removed.status, removed.body.removedAt]).toEqual([200, expect.any(String)]);
    const good = await redact({ ...INSIDE_REGION, ground: 'withhold_third_party', reason: '评标专家姓名' });
    expect(good.status).toBe(201);
    expect((await list()).problem).toBeNull();
    expect((await list()).documents[0].redactions).toHaveLength(1);

    // The approver previews the released copy: what lay in the region cannot be extracted; other pages keep their text.
    const preview = await t.http.get(`/api/v1/documents/${doc.id}/released.pdf`).set('authorization', await as('approver')).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(preview.status).toBe(200);
    expect(preview.headers['content-type']).toBe('application/pdf');
    const released = preview.body as Buffer;
    const read = await pdfjsRead(released);
    expect(read.pages).toHaveLength(3);
    expect(read.pages[0]).not.toContain(INSIDE);
    expect(read.pages[1]).toContain(`${OTHER_PAGE} 2`);
    if (USE_PDFTOTEXT) {
      expect(pdftotext(released, 1)).not.toContain('WITHHELD');
      expect(pdftotext(released, 2)).toContain(`${OTHER_PAGE} 2`);
    }
    const png = await t.http.get(`/api/v1/documents/${doc.id}/pages/1?released=true&width=200`).set('authorization', await as('approver'));
    expect([png.status, png.headers['content-type']]).toEqual([200, 'image/png']);

    await f.step('handler', 'propose', { ...RECIPES.partial.propose, occurredOn: '2026-03-12' });
    await f.step('handler', 'submit-for-approval', { occurredOn: '2026-03-12' });
    await f.step('approver', 'approve', { occurredOn: '2026-03-13' });
    expect(f.c.state).toBe('decided');
    // The reply lists the released documents as its 附件.
    const reply = f.c.letters.find((l: any) => l.type === 'reply');
    const letterPdf = (await t.http.get(`/api/v1/letters/${reply.id}/pdf`).set('authorization', await as('clerk')).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    })).body as Buffer;
    expect((await parsePdf(letterPdf)).text.replace(/\s+/g, '')).toContain('附件：1.评标报告.pdf（3页）');
    // Decided: locked.
    expect((await redact({ ...INSIDE_REGION, ground: 'withhold_third_party', reason: 'x' })).body.code).toBe('DOCUMENTS_LOCKED');

    // Delivery by e-mail: the released copy travels with the reply; its hash is in the DELIVER entry.
    await t.app.get(OutboxDeliveryService).deliverDue();
    received.length = 0;
    await f.step('clerk', 'deliver', { method: 'email', recipient: '张三', occurredOn: '2026-03-16' });
    const entry = f.lastEvent('DELIVER');
    const sha = createHash('sha256').update(released).digest('hex');
    expect(entry.payload.releasedDocuments).toEqual([{ documentId: doc.id, releaseId: expect.any(String), name: '评标报告.pdf', filename: '评标报告.pdf', pages: 3, sha256: sha }]);
    expect(await t.app.get(OutboxDeliveryService).deliverDue()).toBe(1);
    const mail = received.find((m) => m.attachments.some((a) => a.filename === '附件-评标报告.pdf'))!;
    expect(mail).toBeDefined();
    const attached = mail.attachments.find((a) => a.filename === '附件-评标报告.pdf')!.content;
    expect(createHash('sha256').update(attached).digest('hex')).toBe(sha);
    // Printable as one bundle (the delivered copies).
    const bundle = await t.http.get(`/api/v1/cases/${f.c.id}/documents/released.pdf`).set('authorization', await as('clerk'));
    expect(bundle.status).toBe(200);
    // The 案卷 carries the redaction log, the withdrawn region included.
    const file = await t.http.get(`/api/v1/cases/${f.c.id}/case-file.pdf`).set('authorization', await as('legal')).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const text = (await parsePdf(file.body as Buffer)).text.replace(/\s+/g, '');
    expect(text).toContain('附件及遮盖记录');
    expect(text).toContain('评标专家姓名');
    expect(text).toContain('已由');
    expect(text).toContain(sha);
    expect(f.c.history.map((e: any) => e.type)).toEqual(expect.arrayContaining(['DOCUMENT_ADDED', 'REDACTION_ADDED', 'REDACTION_REMOVED']));
  });

  it('a 予以公开 reply cannot carry a redaction; without documents nothing is checked', async () => {
    const f = await Flow.register(t);
    await f.step('clerk', 'accept', { occurredOn: '2026-02-13' });
    await f.step('clerk', 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-16' });
    await RECIPES.disclose.prepare!(f);
    await f.step('handler', 'propose', { ...RECIPES.disclose.propose, occurredOn: '2026-03-11' });
    const doc = (await upload('handler', f.c.id, await textPdf(1), 'a.pdf')).body;
    await t.http.post(`/api/v1/documents/${doc.id}/redactions`).set('authorization', await as('handler')).send({ ...INSIDE_REGION, ground: 'withhold_internal_affairs', reason: '内部' });
    await f.step('handler', 'submit-for-approval', { occurredOn: '2026-03-11' });
    const res = await act(t, 'approver', f.c, 'approve', { occurredOn: '2026-03-12' });
    expect([res.status, res.body.code]).toEqual([409, 'REDACTION_GROUND_NOT_IN_PROPOSAL']);
    const other = (await register(t)).body;
    expect((await t.http.get(`/api/v1/cases/${other.id}/documents`).set('authorization', await as('approver'))).body).toMatchObject({ documents: [], problem: null });
  });
});
