import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FINDING_CODES, FINDINGS, findingsMarkdown } from '../../../src/domain/audit/findings';

const DOC = join(__dirname, '../../../docs/audit-findings.md');

describe('the finding catalogue', () => {
  it('gives every rule a severity, a Chinese message and a rule text; law-based rules cite their article', () => {
    for (const code of FINDING_CODES) {
      const r = FINDINGS[code];
      expect([code, ['high', 'medium', 'low'].includes(r.severity)]).toEqual([code, true]);
      expect(r.message).toMatch(/[\u4e00-\u9fff]/);
      expect(r.rule).toMatch(/[\u4e00-\u9fff]/);
      expect(code).toMatch(/^[A-Z_]+$/);
    }
    // The rules the contract names.
    expect(FINDINGS.REPLY_LATE.article).toBe('条例第三十三条');
    expect(FINDINGS.CORRECTION_NOTICE_LATE.article).toBe('条例第三十条');
    expect(FINDINGS.HISTORY_NOT_VERIFIED.severity).toBe('high');
    expect(FINDINGS.BACKDATED_ENTRY.article).toBeNull();
  });

  it('is documented in docs/audit-findings.md (regenerate with UPDATE_FINDINGS=1)', () => {
    const md = findingsMarkdown();
    if (process.env.UPDATE_FINDINGS) writeFileSync(DOC, md);
    expect(readFileSync(DOC, 'utf8')).toBe(md);
  });
});
