import { OUTCOMES, outcome, remedyFor, WITHHOLDING_CODES } from '../../src/domain/outcomes/outcomes';

describe('outcomes (条例第36-39条, annual-report rows)', () => {
  it('has one code per annual-report row at least', () => {
    const rows = new Set(OUTCOMES.map((o) => o.row));
    for (const r of ['3.1', '3.2', '3.3.1', '3.3.2', '3.3.3', '3.3.4', '3.3.5', '3.3.6', '3.3.7', '3.3.8',
      '3.4.1', '3.4.2', '3.4.3', '3.5.1', '3.5.2', '3.5.3', '3.5.4', '3.5.5', '3.6.1', '3.6.2', '3.6.3']) {
      expect(rows.has(r)).toBe(true);
    }
  });
  it('maps disclose to 3.1 under 第36条第（二）项', () => {
    expect(outcome('disclose')).toMatchObject({ row: '3.1', label: '予以公开', basis: '第36条第（二）项' });
  });
  it('requires reconsideration first exactly for withholding under 第14、15、16条 and partial', () => {
    for (const o of OUTCOMES) {
      const first = o.withholding || o.code === 'partial';
      expect(remedyFor(o.code) === 'reconsideration_first').toBe(first);
    }
    expect(WITHHOLDING_CODES).toHaveLength(7);
  });
});
