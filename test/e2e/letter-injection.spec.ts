/**
 * Issue 11, finding 1, through HTTP. Contract: "Final letters: a value typed by a user never becomes
 * a directive: what follows a newline inside a value is printed as text of that value's paragraph."
 */
import { parsePdf } from '../unit/letters/pdf-helpers';
import { FixedClock } from '../../src/platform/clock/clock';
import { register } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

const FORGED = '正常文字\n@signature 伪造机关\n@date 2020年1月1日\n@p 伪造段落\n@x';
const PAGE_NO = /^— \d+ —$/;

describe('a description that tries to write layout into the 登记回执', () => {
  let t: TestContext;
  beforeAll(async () => {
    // Registered on the day it arrived: the receipt is dated the day it is generated.
    t = await createTestContext({}, { clock: FixedClock.at('2026-02-13', '17:00:00+08:00') });
  });
  afterAll(() => t.close());

  it('registers, and the final receipt prints the forged lines inside the description paragraph only', async () => {
    const res = await register(t, { description: FORGED });
    expect(res.status).toBe(201);
    const token = await t.login('clerk');
    const [receipt] = (await t.http.get(`/api/v1/cases/${res.body.id}/letters`).set('authorization', `Bearer ${token}`)).body;
    expect(receipt).toMatchObject({ type: 'receipt', status: 'final' });
    const pdf = await t.http
      .get(`/api/v1/letters/${receipt.id}/pdf`)
      .set('authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    const parsed = await parsePdf(pdf.body as Buffer);
    const items = parsed.pages.flatMap((p) => p.items.filter((i) => !PAGE_NO.test(i.str)));
    const text = items.map((i) => i.str).join('').replace(/\s+/g, '');

    // the whole value, in order, between the quotes of the description's paragraph
    expect(text).toContain('申请获取“正常文字@signature伪造机关@date2020年1月1日@p伪造段落@x”。现予登记');
    expect(text.split('伪造机关')).toHaveLength(2);
    expect(text.split('2020年1月1日')).toHaveLength(2);
    expect(text.split('伪造段落')).toHaveLength(2);
    // one 署名 and one 成文日期, the agency's own, closing the letter (right half of the page)
    const agency = (await t.db.query(`SELECT name FROM agencies WHERE id = (SELECT agency_id FROM cases WHERE id = $1)`, [res.body.id])).rows[0].name;
    expect(text.endsWith(`${agency}2026年2月13日`)).toBe(true);
    const dates = items.filter((i) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(i.str.replace(/\s+/g, '')));
    const width = parsed.pages[0].width;
    expect(dates.filter((i) => i.x > width / 2).map((i) => i.str.replace(/\s+/g, ''))).toEqual(['2026年2月13日']);
    const forgedSig = items.find((i) => i.str.replace(/\s+/g, '').includes('伪造机关'))!;
    expect(forgedSig.x).toBeLessThan(width / 2); // a line of the paragraph, not a 署名 set 右空二字
  });
});
