import { requestFlags, similarity } from '../../src/domain/patterns/request-patterns';

const earlier = (over: Partial<Parameters<typeof requestFlags>[1][number]> = {}) => ({
  id: 'e1',
  caseNumber: '2026-000001',
  applicantKey: 'resident_id:A',
  description: '申请公开2025年度示范县道路建设项目的招标文件',
  receiptDate: '2026-01-10',
  answered: true,
  ...over,
});

describe('request patterns (条例第35、36、44条)', () => {
  it('measures similarity of descriptions', () => {
    expect(similarity('申请公开招标文件', '申请公开招标文件。')).toBe(1);
    expect(similarity('申请公开招标文件', '要求查询低保名单')).toBeLessThan(0.3);
  });
  it('flags a possible repeat of an answered case of the same applicant, linking it', () => {
    const f = requestFlags({ applicantKey: 'resident_id:A', description: '申请公开2025年度示范县道路建设项目招标文件', receiptDate: '2026-02-13' }, [earlier()], 10);
    expect(f).toContainEqual(expect.objectContaining({ kind: 'possible_repeat', caseId: 'e1', caseNumber: '2026-000001' }));
    const unanswered = requestFlags({ applicantKey: 'resident_id:A', description: earlier().description, receiptDate: '2026-02-13' }, [earlier({ answered: false })], 10);
    expect(unanswered.find((x) => x.kind === 'possible_repeat')).toBeUndefined();
  });
  it('flags more requests in a calendar month than the threshold', () => {
    const mine = Array.from({ length: 3 }, (_, i) => earlier({ id: `m${i}`, description: `不同的申请内容${i}号文件`, receiptDate: '2026-02-0' + (i + 1), answered: false }));
    expect(requestFlags({ applicantKey: 'resident_id:A', description: '另一件事', receiptDate: '2026-02-13' }, mine, 3)).toContainEqual(
      expect.objectContaining({ kind: 'excessive_requests', count: 4, threshold: 3, month: '2026-02' }),
    );
    expect(requestFlags({ applicantKey: 'resident_id:A', description: '另一件事', receiptDate: '2026-03-13' }, mine, 3)).toEqual([]);
  });
  it('hints at proactive disclosure when several applicants ask for the same information', () => {
    const f = requestFlags({ applicantKey: 'resident_id:B', description: earlier().description, receiptDate: '2026-02-13' }, [earlier()], 10);
    expect(f).toContainEqual(expect.objectContaining({ kind: 'same_information', applicants: 2 }));
  });
});
