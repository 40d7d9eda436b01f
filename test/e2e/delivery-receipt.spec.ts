/**
 * 送达回证 (legal review finding 30; 国办公开办函〔2016〕235号): the row 文号 beside 送达文书 shows the
 * delivered reply's 文号, the 送达人 is the person who delivered it, and a postal delivery records
 * the 邮政企业 (default 中国邮政) and the 邮件号 — refused without the 邮件号, nothing stored.
 */
import { act, decidedCase as decidedNotExistCase } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';
import { fetchLetterPdf } from '../support/letters';

describe('送达回证 (国办公开办函〔2016〕235号)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    // A person's name, so that the 回证 can be seen to name the person rather than the office.
    await t.db.query(`UPDATE users SET display_name = '王登记' WHERE username = 'clerk'`);
  });
  afterAll(() => t.close());

  const pdfText = async (letterId: string) => {
    const pdf = await fetchLetterPdf(t, letterId);
    return pdf.text.replace(/\s+/g, ''); // table cells come apart with spaces
  };

  /** A case whose 不存在 reply (条例第三十六条第（四）项) has been approved: ready for delivery. */
  const decidedCase = () => decidedNotExistCase(t);

  it('a postal delivery without its 邮件号 is refused with 400 naming trackingNumber, and nothing is stored', async () => {
    const c = await decidedCase();
    const res = await act(t, 'clerk', c, 'deliver', { method: 'post', recipient: '张三', occurredOn: '2026-02-26' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'trackingNumber' })]);
    expect(res.body.message).toMatch(/邮件号/);
    const after = (await t.http.get(`/api/v1/cases/${c.id}`).set('authorization', `Bearer ${await t.login('clerk')}`)).body;
    expect([after.state, after.version, after.letters.length]).toEqual(['decided', c.version, c.letters.length]);
  });

  it('a carrier on a delivery that is not by post is refused with 400 naming carrier', async () => {
    const c = await decidedCase();
    const res = await act(t, 'clerk', c, 'deliver', { method: 'in_person', recipient: '张三', signedBy: '张三', carrier: '中国邮政', occurredOn: '2026-02-26' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'carrier' })]);
  });

  it('by post: records 中国邮政 by default and the 邮件号; the 回证 shows the reply’s 文号, the carrier and the person who delivered', async () => {
    const c = await decidedCase();
    const reply = c.letters.find((l: any) => l.type === 'reply');
    const res = await act(t, 'clerk', c, 'deliver', { method: 'post', recipient: '张三', trackingNumber: 'XA100000001CN', occurredOn: '2026-02-26' });
    expect(res.status).toBe(200);
    expect(res.body.summary.delivery).toMatchObject({ method: 'post', carrier: '中国邮政', trackingNumber: 'XA100000001CN', deliveredOn: '2026-02-26' });
    const entry = res.body.history.find((e: any) => e.type === 'DELIVER');
    expect(entry.payload).toMatchObject({ carrier: '中国邮政', trackingNumber: 'XA100000001CN', deliveredByName: '王登记' });
    expect(entry.payload).not.toHaveProperty('irregularity');
    const receipt = res.body.letters.find((l: any) => l.type === 'delivery_receipt');
    const text = await pdfText(receipt.id);
    expect(text).toContain(`文号${reply.docNumber}`); // the delivered document's 文号 in the row labelled 文号
    expect(text).toContain(receipt.docNumber); // the 回证's own 文号 under its title
    expect(text).toContain('邮政企业中国邮政');
    expect(text).toContain('邮件号XA100000001CN');
    expect(text).toContain('交邮日期2026年2月26日');
    expect(text).toContain('送达人王登记');
    expect(text).toContain('国办公开办函〔2016〕235号');
    expect(text).not.toContain('第四十条');
  });

  it('by a courier that is not a 邮政企业: delivered, and recorded for the legal audit', async () => {
    const c = await decidedCase();
    const res = await act(t, 'clerk', c, 'deliver', { method: 'post', recipient: '张三', carrier: '顺丰速运', trackingNumber: 'SF1000', occurredOn: '2026-02-26' });
    expect(res.status).toBe(200);
    const entry = res.body.history.find((e: any) => e.type === 'DELIVER');
    expect(entry.payload).toMatchObject({ carrier: '顺丰速运', irregularity: expect.stringContaining('邮政企业') });
  });

  it('in person: no postal rows, the 送达人 is still the person', async () => {
    const c = await decidedCase();
    const res = await act(t, 'clerk', c, 'deliver', { method: 'in_person', recipient: '张三', signedBy: '张三', occurredOn: '2026-02-26' });
    expect(res.status).toBe(200);
    expect(res.body.summary.delivery).not.toHaveProperty('carrier');
    const text = await pdfText(res.body.letters.find((l: any) => l.type === 'delivery_receipt').id);
    expect(text).toContain('送达方式直接送达');
    expect(text).not.toContain('邮政企业');
    expect(text).toContain('送达人王登记');
  });
});
