/**
 * Issue 11, finding 10 (part): the worklist's text and applicant searches match the user's text
 * literally. `%`, `_` and `\` are LIKE's wildcards and escape: unescaped, a search for "%" listed
 * every case and "_" any case with a description at all.
 */
import { escapeLike, likeContaining } from '../../src/platform/database/like';
import { register, registration } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';

describe('worklist search with LIKE wildcards in the text', () => {
  let t: TestContext;
  const ids: Record<string, string> = {};
  const search = async (q: Record<string, string>) => {
    const res = await t.http.get('/api/v1/cases').query({ ...q, pageSize: 100 }).set('authorization', `Bearer ${await t.login('legal')}`);
    expect(res.status).toBe(200);
    const names = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
    return res.body.items.map((i: any) => names[i.id] ?? i.id).sort();
  };

  beforeAll(async () => {
    t = await createTestContext();
    const cases: Record<string, Record<string, any>> = {
      percent: { description: '申请公开本县2025年度项目资金拨付比例达到100%的依据。' },
      underscore: { description: '申请公开文件《道路_附件一》的全文。' },
      backslash: { description: '申请公开共享目录 D:\\公开\\2025 中的会议纪要。' },
      plain: { description: '申请公开示范县2025年度学校建设项目的验收报告。' },
      oddName: { applicant: { ...registration().applicant, name: '王%五_' }, description: '申请公开示范县2025年度的河道治理方案。' },
    };
    for (const [name, over] of Object.entries(cases)) {
      const res = await register(t, over);
      expect([name, res.status]).toEqual([name, 201]);
      ids[name] = res.body.id;
    }
  });
  afterAll(() => t.close());

  it('text: % and _ and \\ match themselves (GET /cases?text=%25 …)', async () => {
    expect(await search({ text: '%' })).toEqual(['percent']);
    expect(await search({ text: '100%' })).toEqual(['percent']);
    expect(await search({ text: '_' })).toEqual(['underscore']);
    expect(await search({ text: '\\' })).toEqual(['backslash']);
    expect(await search({ text: 'D:\\公开\\2025' })).toEqual(['backslash']);
    expect(await search({ text: '%项目%' })).toEqual([]);
    // Ordinary text still matches anywhere in the description, case-insensitively.
    expect(await search({ text: '项目' })).toEqual(['percent', 'plain']);
  });

  it('applicant: the name is matched literally too', async () => {
    expect(await search({ applicant: '%' })).toEqual(['oddName']);
    expect(await search({ applicant: '_' })).toEqual(['oddName']);
    expect(await search({ applicant: '张_' })).toEqual([]);
    expect(await search({ applicant: '张' })).toEqual(['backslash', 'percent', 'plain', 'underscore']);
  });

  it('escapes the escape character first', () => {
    expect(escapeLike('a\\%_b')).toBe('a\\\\\\%\\_b');
    expect(likeContaining('50%')).toBe('%50\\%%');
  });
});
