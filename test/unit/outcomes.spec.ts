import { OUTCOMES, outcome, partGround, remedyFor, remedyPlan, WITHHELD_PART_GROUNDS, WITHHOLDING_CODES } from '../../src/domain/outcomes/outcomes';

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
  it('requires reconsideration first exactly for withholding under 第14、15、16条; partial goes by its parts', () => {
    for (const o of OUTCOMES) {
      expect([o.code, remedyFor(o.code) === 'reconsideration_first']).toEqual([o.code, o.withholding]);
    }
    expect(remedyFor('partial')).toBe('per_part');
    expect(WITHHOLDING_CODES).toHaveLength(7);
  });

  // 行政复议法第23条第一款第（四）项 covers 不予公开 (条例第14、15、16条) only (legal review §A, finding 2).
  it('computes the clauses of a 部分公开 from the grounds of its withheld parts', () => {
    expect(remedyPlan('per_part', ['withhold_process_info'])).toEqual({ reconsiderationFirst: 'parts', ordinary: 'rest' });
    expect(remedyPlan('per_part', ['not_government_information', 'withhold_third_party'])).toEqual({ reconsiderationFirst: 'parts', ordinary: 'rest' });
    expect(remedyPlan('per_part', ['not_government_information'])).toEqual({ reconsiderationFirst: null, ordinary: 'whole' });
    expect(remedyPlan('reconsideration_first')).toEqual({ reconsiderationFirst: 'whole', ordinary: null });
    expect(remedyPlan('ordinary')).toEqual({ reconsiderationFirst: null, ordinary: 'whole' });
    expect(remedyPlan('none')).toEqual({ reconsiderationFirst: null, ordinary: null });
  });

  it('offers the seven exemptions and 不属于政府信息 (条例第二条、第三十七条, ordinary remedy) as grounds of a withheld part', () => {
    expect(WITHHELD_PART_GROUNDS).toEqual([...WITHHOLDING_CODES, 'not_government_information']);
    expect(partGround('not_government_information')).toEqual({
      code: 'not_government_information',
      label: '不属于政府信息',
      citation: '《中华人民共和国政府信息公开条例》第二条、第三十七条',
      remedy: 'ordinary',
      withholding: false,
    });
    for (const c of WITHHOLDING_CODES) expect(partGround(c)).toMatchObject({ citation: outcome(c).citation, remedy: 'reconsideration_first', withholding: true });
  });
});
