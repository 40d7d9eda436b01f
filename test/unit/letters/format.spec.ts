import { channelWording, citationFor, formatChineseDate, remedyClause, remedyClauses } from '../../../src/domain/letters';
import { InvalidDateError } from '../../../src/domain/calendar';
import { AGENCY } from './fixtures';

describe('letter wording (shared/domain §5)', () => {
  it('formats dates without zero padding (GB/T 9704 §7.3.5.4)', () => {
    expect(formatChineseDate('2026-03-09')).toBe('2026年3月9日');
    expect(formatChineseDate('2026-12-31')).toBe('2026年12月31日');
    expect(() => formatChineseDate('2026/3/9')).toThrow(InvalidDateError);
    expect(() => formatChineseDate('2026-02-30')).toThrow(InvalidDateError); // the shared strict check also refuses impossible dates
  });

  it('words each channel with its 条例第31条 receipt rule', () => {
    expect(channelWording('in_person').how).toBe('当面提交');
    expect(channelWording('registered_post').how).toBe('邮寄');
    expect(channelWording('ordinary_post').how).toBe('平常信函');
    expect(channelWording('online').how).toBe('互联网');
    expect(channelWording('fax').how).toBe('传真');
    expect(channelWording('in_person').rule).toContain('第三十一条第（一）项');
    expect(channelWording('registered_post').rule).toContain('签收之日');
    expect(channelWording('online').rule).toContain('第三十一条第（三）项');
  });

  it('takes citations from outcomes.ts', () => {
    expect(citationFor('not_exist')).toBe('《中华人民共和国政府信息公开条例》第三十六条第（四）项');
    expect(citationFor('withhold_third_party')).toContain('第十五条');
    expect(() => citationFor('confirm_reissue')).toThrow(/no legal citation/);
  });

  it('has exactly three remedy variants', () => {
    const first = remedyClause('reconsideration_first', AGENCY)!;
    expect(first).toBe(
      '根据《中华人民共和国行政复议法》第二十三条第一款第（四）项的规定，如对本答复中不予公开的决定不服，应当自收到本答复书之日起六十日内先向某某市人民政府申请行政复议；对行政复议决定不服的，可以依法向人民法院提起行政诉讼。',
    );
    expect(remedyClause('ordinary', AGENCY)).toBe(
      '如对本答复不服，可以自收到本答复书之日起六十日内向某某市人民政府申请行政复议，也可以自收到本答复书之日起六个月内向某某市西湖区人民法院提起行政诉讼。',
    );
    expect(remedyClause('none', AGENCY)).toBeNull();
  });

  it('names the withheld parts in the partial clause', () => {
    const c = remedyClause('reconsideration_first', AGENCY, { withheldParts: [{ part: '会议记录', ground: 'withhold_process_info', reason: 'x' }] })!;
    expect(c).toContain('如对本答复中对“会议记录”不予公开的决定不服');
    expect(c).toContain('先向某某市人民政府申请行政复议');
  });

  // Legal review finding 2: 复议前置 (行政复议法第23条第一款第（四）项) only for the parts withheld under
  // 第14、15、16条; 本答复的其他内容 keeps 复议 60日 (第20条) or 诉讼 6个月 (行政诉讼法第46条).
  it('gives a 部分公开 two clauses: 复议前置 for the 第14-16条 parts, the ordinary clause for the rest', () => {
    const clauses = remedyClauses('per_part', AGENCY, {
      withheldParts: [
        { part: '会议记录', ground: 'withhold_process_info', reason: 'x' },
        { part: '物业合同', ground: 'not_government_information', reason: 'y' },
      ],
    });
    expect(clauses).toEqual([
      '根据《中华人民共和国行政复议法》第二十三条第一款第（四）项的规定，如对本答复中对“会议记录”不予公开的决定不服，应当自收到本答复书之日起六十日内先向某某市人民政府申请行政复议；对行政复议决定不服的，可以依法向人民法院提起行政诉讼。',
      '如对本答复的其他内容不服，可以自收到本答复书之日起六十日内向某某市人民政府申请行政复议，也可以自收到本答复书之日起六个月内向某某市西湖区人民法院提起行政诉讼。',
    ]);
    expect(() => remedyClause('per_part', AGENCY)).toThrow(/remedyClauses/);
  });

  it('gives a 部分公开 whose parts are all 不属于政府信息 the ordinary clause only', () => {
    const clauses = remedyClauses('per_part', AGENCY, { withheldParts: [{ part: '物业合同', ground: 'not_government_information', reason: 'y' }] });
    expect(clauses).toEqual([remedyClause('ordinary', AGENCY)]);
  });

  it('keeps one clause for the other kinds', () => {
    expect(remedyClauses('reconsideration_first', AGENCY)).toEqual([remedyClause('reconsideration_first', AGENCY)]);
    expect(remedyClauses('ordinary', AGENCY)).toEqual([remedyClause('ordinary', AGENCY)]);
    expect(remedyClauses('none', AGENCY)).toEqual([]);
  });

  it('adds the online filing channel once, after the last remedy clause (行政复议法第二十二条第二款)', () => {
    const online = { ...AGENCY, reconsiderationOnline: '某某市人民政府行政复议网上申请平台' };
    const single = remedyClause('ordinary', online)!;
    expect(single.endsWith('行政复议申请也可以通过某某市人民政府行政复议网上申请平台在线提交。')).toBe(true);
    expect(remedyClause('ordinary', AGENCY)).not.toContain('在线提交');
    const two = remedyClauses('per_part', online, { withheldParts: [{ part: '附件一', ground: 'withhold_internal_affairs', reason: '内部事务' }] });
    expect(two).toHaveLength(2);
    expect(two[0]).not.toContain('在线提交');
    expect(two[1]).toContain('在线提交');
  });
});

describe('the submission phrase (legal review 26)', () => {
  it('reads as an agency writes it, for every channel', () => {
    expect(channelWording('in_person').submitted).toBe('您当面提交的');
    expect(channelWording('registered_post').submitted).toBe('您通过邮寄方式提交的');
    expect(channelWording('online').submitted).toBe('您通过互联网提交的');
  });
});
