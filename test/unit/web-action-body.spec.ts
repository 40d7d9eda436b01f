import { ACTION_FIELDS, actionBody } from '../../src/web/src/actions';

/** The case page's form values → the action's request body (src/web/src/actions.ts). */
describe('actionBody', () => {
  it('nests dotted keys (当场答复的保密审查) and leaves empty ones out', () => {
    const body = actionBody(ACTION_FIELDS['on-the-spot-reply'], {
      outcome: 'disclose',
      reasons: ' 经审查可以公开 ',
      'secrecyReview.conclusion': 'disclose',
      'secrecyReview.ground': '不涉及国家秘密',
      'secrecyReview.withheldPart': '',
      overrideGround: '',
      withheldParts: [],
    });
    expect(body).toEqual({ outcome: 'disclose', reasons: '经审查可以公开', secrecyReview: { conclusion: 'disclose', ground: '不涉及国家秘密' } });
  });

  it('turns the withheld-parts rows into withheldParts, dropping empty rows and empty law provisions', () => {
    const body = actionBody(ACTION_FIELDS.propose, {
      outcome: 'partial',
      withheldParts: [
        { part: '中标人的银行账号', ground: 'withhold_third_party', reason: ' 涉及商业秘密 ', lawProvision: '' },
        { part: '', ground: 'withhold_third_party', reason: '', lawProvision: '' },
        { part: '统计调查对象的原始资料', ground: 'withhold_law_forbids', reason: '法律禁止公开', lawProvision: '《中华人民共和国统计法》第三十九条' },
      ],
    });
    expect(body.withheldParts).toEqual([
      { part: '中标人的银行账号', ground: 'withhold_third_party', reason: '涉及商业秘密' },
      { part: '统计调查对象的原始资料', ground: 'withhold_law_forbids', reason: '法律禁止公开', lawProvision: '《中华人民共和国统计法》第三十九条' },
    ]);
  });

  it('leaves an optional notice delivery to the server’s default when the blank choice is kept', () => {
    expect(actionBody(ACTION_FIELDS['request-correction'], { items: '请写明文号\n\n请写明年份', periodWorkingDays: '10', deliveryMethod: '' })).toEqual({
      items: ['请写明文号', '请写明年份'],
      periodWorkingDays: 10,
    });
    expect(actionBody(ACTION_FIELDS['request-correction'], { items: '请写明文号', deliveryMethod: 'post' }).deliveryMethod).toBe('post');
  });
});
