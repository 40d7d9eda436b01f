/**
 * What a reply may say and which remedy it carries (legal review findings 2, 3, 12, 13, 27; issue 12),
 * through the API on PostgreSQL, with the final letters parsed back from their PDFs.
 */
import { act, departmentId, expectEveryCaseReplays, register } from '../support/cases';
import { createTestContext, TestContext } from '../support/test-app';
import { fetchLetterText } from '../support/letters';

type Body = Record<string, any>;
/** A case as the API answers it. */
type Case = Body & { id: string; version: number };

describe('reply grounds and remedies', () => {
  let t: TestContext;
  let dept: string;
  beforeAll(async () => {
    t = await createTestContext();
    dept = await departmentId(t);
  });
  afterAll(() => t.close());

  /** An action that must succeed. */
  const step = async (role: string, c: Case, action: string, body: Body = {}): Promise<Case> => {
    const res = await act(t, role, c, action, body);
    expect([action, res.status, res.body.message]).toEqual([action, 200, undefined]);
    return res.body;
  };

  /** An action that must be refused; nothing of it is stored (same version, same history). */
  const refused = async (role: string, c: Case, action: string, body: Body, status: number) => {
    const res = await act(t, role, c, action, body);
    expect([action, res.status]).toEqual([action, status]);
    expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    const now = (await t.http.get(`/api/v1/cases/${c.id}`).set('authorization', `Bearer ${await t.login('legal')}`)).body;
    expect([now.version, now.history.length]).toEqual([c.version, c.history.length]);
    return res.body;
  };

  /** Registered, accepted and assigned to the handlers' department. */
  const handling = async () => {
    let c = (await register(t)).body;
    c = await step('clerk', c, 'accept', { occurredOn: '2026-02-13' });
    return step('clerk', c, 'assign', { departmentId: dept, occurredOn: '2026-02-16' });
  };

  /** Proposed by the handler, approved by the approver (审批与承办分离): the case with its final letters. */
  const decide = async (c: Case, proposal: Body, on = '2026-03-10') => {
    c = await step('handler', c, 'propose', { ...proposal, occurredOn: on });
    c = await step('handler', c, 'submit-for-approval', { occurredOn: on });
    c = await step('approver', c, 'approve', { occurredOn: on });
    expect(c.state).toBe('decided');
    return c;
  };

  // The text of the pages without their page numbers (“— 1 —”), which may fall inside a sentence.
  const letterText = (id: string) => fetchLetterText(t, id);
  const replyText = (c: Case) => letterText(c.letters.find((l: { type: string }) => l.type === 'reply').id);

  /** A third party consulted in writing (条例第32条) and its answer recorded. */
  const consulted = async (c: Case, result: 'agree' | 'object' | 'noAnswer', name = '示范建设工程有限公司') => {
    c = await step('handler', c, 'start-consultation', { party: 'thirdParty', name, occurredOn: '2026-02-24' });
    return step('handler', c, 'close-consultation', { consultationId: c.consultations[c.consultations.length - 1].id, result, occurredOn: '2026-03-02' });
  };

  // ------------------------------------------------------------------ finding 3

  describe('保护第三方合法权益 (条例第15、32条)', () => {
    const withhold = { outcome: 'withhold_third_party', reasons: '该信息涉及第三方的商业秘密，公开会对其合法权益造成损害' };

    it('`propose` withhold_third_party when the third party’s consultation closed agree → 409 THIRD_PARTY_CONSENTED, nothing stored', async () => {
      const c = await consulted(await handling(), 'agree');
      const body = await refused('handler', c, 'propose', { ...withhold, occurredOn: '2026-03-03' }, 409);
      expect(body).toMatchObject({ code: 'THIRD_PARTY_CONSENTED', article: '条例第十五条' });
    });

    it('…and a withheld part on that ground → 409 THIRD_PARTY_CONSENTED', async () => {
      let c = await consulted(await handling(), 'agree');
      c = await step('handler', c, 'record-secrecy-review', { conclusion: 'partial', ground: '不涉及国家秘密', withheldPart: '附件三', occurredOn: '2026-03-03' });
      const body = await refused('handler', c, 'propose', {
        outcome: 'partial', reasons: '其余公开', access: '邮寄',
        withheldParts: [{ part: '附件三：投标报价明细', ground: 'withhold_third_party', reason: '涉及商业秘密' }],
        occurredOn: '2026-03-03',
      }, 409);
      expect(body.code).toBe('THIRD_PARTY_CONSENTED');
    });

    it('a consent recorded after the proposal stops it at 报批 (submit-for-approval → 409)', async () => {
      let c = await handling();
      c = await step('handler', c, 'propose', { ...withhold, noConsultationReason: '第三方下落不明', occurredOn: '2026-02-24' });
      c = await consulted(c, 'agree');
      const body = await refused('handler', c, 'submit-for-approval', { occurredOn: '2026-03-03' }, 409);
      expect(body.code).toBe('THIRD_PARTY_CONSENTED');
    });

    it('objected: the final reply says the third party did not agree and its reasons were found reasonable', async () => {
      const c = await decide(await consulted(await handling(), 'object'), withhold);
      const text = await replyText(c);
      expect(text).toContain('本机关已依照《中华人民共和国政府信息公开条例》第三十二条的规定书面征求第三方意见，第三方不同意公开，本机关经审查认为其理由合理。');
      expect(text).toContain('根据《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项的规定，本机关决定不予公开。');
      expect(text).not.toMatch(/依照条例|依照本条例/);
    });

    it('no answer: the final reply says so (第32条: 由行政机关依照本条例的规定决定), not that it objected', async () => {
      const c = await decide(await consulted(await handling(), 'noAnswer'), withhold);
      const text = await replyText(c);
      expect(text).toContain('第三方在规定期限内未提出意见，依照该条的规定，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。');
      expect(text).not.toContain('不同意公开');
    });

    it('not consulted: the final reply gives the recorded noConsultationReason', async () => {
      const c = await decide(await handling(), { ...withhold, noConsultationReason: '该第三方已注销，无法征求意见' });
      const text = await replyText(c);
      expect(text).toContain('本机关未征求意见，理由是：该第三方已注销，无法征求意见。');
      expect(text).not.toContain('书面征求第三方意见');
      expect(text).not.toContain('不同意公开');
    });
  });

  // ------------------------------------------------------------------ finding 13

  describe('公开 over a third party’s objection (条例第15、32条)', () => {
    const finding = {
      overrideGround: 'objection_unfounded',
      overrideReason: '招标文件中的评标办法和合同条款依法应当公开，不属于商业秘密',
      disclosedContent: '招标文件正文、评标办法及合同条款',
    };
    const objectedAndReviewed = async (conclusion: 'disclose' | 'partial' = 'disclose') => {
      const c = await consulted(await handling(), 'object');
      return step('handler', c, 'record-secrecy-review', { conclusion, ground: '不涉及国家秘密', ...(conclusion === 'partial' ? { withheldPart: '投标报价' } : {}), occurredOn: '2026-03-03' });
    };

    it.each([
      ['overrideGround', { overrideReason: finding.overrideReason, disclosedContent: finding.disclosedContent }],
      ['overrideReason', { overrideGround: 'public_interest', disclosedContent: finding.disclosedContent }],
      ['disclosedContent', { overrideGround: 'public_interest', overrideReason: finding.overrideReason }],
    ])('disclose without %s → 409 THIRD_PARTY_OBJECTION_FINDING_REQUIRED naming it, nothing stored', async (field, given) => {
      const c = await objectedAndReviewed();
      const body = await refused('handler', c, 'propose', { outcome: 'disclose', access: '邮寄', reasons: '可以公开', ...given, occurredOn: '2026-03-04' }, 409);
      expect(body).toMatchObject({ code: 'THIRD_PARTY_OBJECTION_FINDING_REQUIRED', article: '条例第三十二条' });
      expect(body.message).toContain(`（${field}）`);
      for (const other of ['overrideGround', 'overrideReason', 'disclosedContent'].filter((f) => f !== field)) expect(body.message).not.toContain(other);
    });

    it('a 部分公开 after the objection needs it too; an unknown overrideGround is a 400 naming the field', async () => {
      const c = await objectedAndReviewed('partial');
      const partial = { outcome: 'partial', access: '邮寄', reasons: '除投标报价外公开', withheldParts: [{ part: '投标报价', ground: 'withhold_third_party', reason: '属于商业秘密' }], occurredOn: '2026-03-04' };
      expect((await refused('handler', c, 'propose', partial, 409)).code).toBe('THIRD_PARTY_OBJECTION_FINDING_REQUIRED');
      const bad = await refused('handler', c, 'propose', { ...partial, ...finding, overrideGround: 'important' }, 400);
      expect(bad.errors.map((e: { field: string }) => e.field)).toEqual(['overrideGround']);
      expect(bad.message).toContain('public_interest');
    });

    it('an objection recorded after the proposal stops it at 报批 until the finding is recorded', async () => {
      let c = await handling();
      c = await step('handler', c, 'record-secrecy-review', { conclusion: 'disclose', ground: '不涉及国家秘密', occurredOn: '2026-02-24' });
      c = await step('handler', c, 'propose', { outcome: 'disclose', access: '邮寄', reasons: '可以公开', occurredOn: '2026-02-24' });
      c = await consulted(c, 'object');
      expect((await refused('handler', c, 'submit-for-approval', { occurredOn: '2026-03-03' }, 409)).code).toBe('THIRD_PARTY_OBJECTION_FINDING_REQUIRED');
    });

    it('the 第三方 notice lists the content to be disclosed and the recorded reason, with no standard wording', async () => {
      const c = await decide(await objectedAndReviewed(), { outcome: 'disclose', access: '邮寄', reasons: '可以公开', ...finding });
      const notice = c.letters.find((l: { type: string }) => l.type === 'third_party_decision_notice');
      const text = await letterText(notice.id);
      expect(text).toContain('示范建设工程有限公司：');
      expect(text).toContain('本机关已就此书面征求您的意见，您不同意公开。');
      expect(text).toContain('经审查，本机关认为您不同意公开的理由不合理，理由如下：招标文件中的评标办法和合同条款依法应当公开，不属于商业秘密。根据《中华人民共和国政府信息公开条例》第三十二条的规定，本机关决定予以公开');
      expect(text).toContain('决定公开的政府信息内容：招标文件正文、评标办法及合同条款。');
      expect(text).not.toContain('本机关认为不公开可能对公共利益造成重大影响');
      expect(text).toContain('如对本告知书不服'); // the third party's remedy (法释〔2025〕8号第一条第（四）项)
    });

    it('public interest: the notice says so and cites 第十五条、第三十二条', async () => {
      const c = await decide(await objectedAndReviewed(), { outcome: 'disclose', access: '邮寄', reasons: '可以公开', ...finding, overrideGround: 'public_interest', overrideReason: '项目使用财政资金，关系公众对公共资金使用的监督' });
      const text = await letterText(c.letters.find((l: { type: string }) => l.type === 'third_party_decision_notice').id);
      expect(text).toContain('经审查，本机关认为不公开该信息可能对公共利益造成重大影响，理由如下：项目使用财政资金，关系公众对公共资金使用的监督。根据《中华人民共和国政府信息公开条例》第十五条、第三十二条的规定');
    });
  });

  // ------------------------------------------------------------------ finding 12

  describe('属于国家秘密 (条例第14、17条)', () => {
    const secret = { outcome: 'withhold_state_secret', reasons: '该信息属于本机关工作中产生的国家秘密事项' };
    const GROUND = '《某某工作国家秘密范围的规定》第五条第（二）项，秘密级，保密期限十年';

    it('without a recorded secrecy review → 409 STATE_SECRET_REVIEW_REQUIRED, nothing stored', async () => {
      const c = await handling();
      const body = await refused('handler', c, 'propose', { ...secret, occurredOn: '2026-02-24' }, 409);
      expect(body).toMatchObject({ code: 'STATE_SECRET_REVIEW_REQUIRED', article: '条例第十四条、第十七条' });
    });

    it('after a review that found it may be disclosed → 409 STATE_SECRET_NOT_ESTABLISHED (a withheld part too)', async () => {
      let c = await handling();
      c = await step('handler', c, 'record-secrecy-review', { conclusion: 'disclose', ground: '经审查不涉密', occurredOn: '2026-02-24' });
      expect((await refused('handler', c, 'propose', { ...secret, occurredOn: '2026-02-24' }, 409)).code).toBe('STATE_SECRET_NOT_ESTABLISHED');
      const part = await refused('handler', c, 'propose', {
        outcome: 'partial', reasons: '其余公开', access: '邮寄',
        withheldParts: [{ part: '附件一', ground: 'withhold_state_secret', reason: '涉密' }], occurredOn: '2026-02-24',
      }, 409);
      expect(part.code).toBe('STATE_SECRET_NOT_ESTABLISHED');
    });

    it('an on-the-spot reply on that ground needs its review too', async () => {
      const c = (await register(t)).body;
      expect((await refused('clerk', c, 'on-the-spot-reply', { ...secret, occurredOn: '2026-02-13' }, 409)).code).toBe('STATE_SECRET_REVIEW_REQUIRED');
    });

    it('with a review concluding withhold: the final reply says 依法确定为国家秘密 with the review’s date, not its ground', async () => {
      let c = await handling();
      c = await step('approver', c, 'record-secrecy-review', { conclusion: 'withhold', ground: GROUND, occurredOn: '2026-02-25' });
      c = await decide(c, secret);
      const text = await replyText(c);
      expect(text).toContain('本机关于2026年2月25日依照《中华人民共和国政府信息公开条例》第十七条的规定对您申请获取的信息进行了保密审查，该信息已依法确定为国家秘密。');
      expect(text).toContain('根据《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项的规定，本机关决定不予公开。');
      expect(text).not.toContain('秘密级');
      expect(text).not.toContain('国家秘密范围的规定');
      expect(c.summary.secrecyReviews[0].ground).toBe(GROUND); // kept in the record
    });

    it('a 部分公开 with a part on that ground after a review concluding partial', async () => {
      let c = await handling();
      c = await step('approver', c, 'record-secrecy-review', { conclusion: 'partial', ground: GROUND, withheldPart: '附件一', occurredOn: '2026-02-25' });
      c = await decide(c, { outcome: 'partial', reasons: '除附件一外予以公开', access: '邮寄', withheldParts: [{ part: '附件一', ground: 'withhold_state_secret', reason: '该部分涉及国家秘密事项' }] });
      const text = await replyText(c);
      expect(text).toContain('1.“附件一”：经保密审查，该部分已依法确定为国家秘密。');
      expect(text).not.toContain('秘密级');
    });
  });

  // ------------------------------------------------------------------ finding 27

  describe('法律、行政法规禁止公开 (条例第十四条)', () => {
    const forbids = { outcome: 'withhold_law_forbids', reasons: '该资料属于统计调查中获得的能够识别单个统计调查对象的资料' };

    it('without the law and article that forbid it → 400 naming lawProvision in Chinese, nothing stored', async () => {
      const c = await handling();
      const body = await refused('handler', c, 'propose', { ...forbids, occurredOn: '2026-02-24' }, 400);
      expect(body.message).toBe('文书缺少必要内容：禁止公开该信息的法律、行政法规及其条款（条例第十四条）（lawProvision）');
      expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['lawProvision']);
    });

    it('with it, the final reply names it', async () => {
      const c = await decide(await handling(), { ...forbids, lawProvision: '《中华人民共和国统计法》第三十九条' });
      const text = await replyText(c);
      expect(text).toContain('您申请获取的信息属于《中华人民共和国统计法》第三十九条禁止公开的政府信息。');
      expect(text).toContain('根据《中华人民共和国统计法》第三十九条和《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项的规定，本机关决定不予公开。');
      expect(text).toContain('先向示范市人民政府申请行政复议');
    });

    it('a withheld part on that ground names it too (withheldParts[].lawProvision)', async () => {
      let c = await handling();
      c = await step('handler', c, 'record-secrecy-review', { conclusion: 'partial', ground: '不涉及国家秘密', withheldPart: '单项调查资料', occurredOn: '2026-02-24' });
      const part = { part: '单项调查资料', ground: 'withhold_law_forbids', reason: '能够识别单个统计调查对象' };
      const proposal = { outcome: 'partial', reasons: '汇总数据予以公开', access: '邮寄' };
      const body = await refused('handler', c, 'propose', { ...proposal, withheldParts: [part], occurredOn: '2026-02-25' }, 400);
      expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['withheldParts[].lawProvision']);
      expect(body.message).toContain('禁止公开该部分的法律、行政法规及其条款');
      c = await decide(c, { ...proposal, withheldParts: [{ ...part, lawProvision: '《中华人民共和国统计法》第三十九条' }] });
      expect(await replyText(c)).toContain('“单项调查资料”：该部分属于《中华人民共和国统计法》第三十九条禁止公开的信息。');
    });
  });

  // ------------------------------------------------------------------ finding 2

  describe('部分公开 (条例第37条; 行政复议法第20、23条, 行政诉讼法第46条)', () => {
    const reviewed = async () => {
      const c = await handling();
      return step('handler', c, 'record-secrecy-review', { conclusion: 'partial', ground: '经审查不涉及国家秘密', withheldPart: '会议记录', occurredOn: '2026-02-24' });
    };

    it('final 部分公开 reply: both remedy clauses — 复议前置 for the 第16条 part, the ordinary clause for the rest', async () => {
      const c = await decide(await reviewed(), {
        outcome: 'partial',
        reasons: '除会议记录外予以公开',
        access: '纸质复印件邮寄',
        withheldParts: [{ part: '局务会议讨论记录', ground: 'withhold_process_info', reason: '该部分属于讨论记录' }],
      });
      const text = await replyText(c);
      expect(text).toContain('根据《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项的规定，该部分不予公开。');
      expect(text).toContain('如对本答复中对“局务会议讨论记录”不予公开的决定不服，应当自收到本答复书之日起六十日内先向示范市人民政府申请行政复议');
      expect(text).toContain('如对本答复的其他内容不服，可以自收到本答复书之日起六十日内向示范市人民政府申请行政复议，也可以自收到本答复书之日起六个月内向');
    });

    it('a part that is not 政府信息 (条例第二条、第三十七条) takes the ordinary clause: no 复议前置', async () => {
      const c = await decide(await reviewed(), {
        outcome: 'partial',
        reasons: '除物业服务合同外予以公开',
        access: '纸质复印件邮寄',
        withheldParts: [{ part: '物业服务合同', ground: 'not_government_information', reason: '该合同系本机关作为民事主体签订，不是履行行政管理职能过程中制作的信息' }],
      });
      const text = await replyText(c);
      expect(text).toContain('含有不属于政府信息的内容');
      expect(text).toContain('根据《中华人民共和国政府信息公开条例》第二条、第三十七条的规定，该部分不属于政府信息，本机关不作为政府信息提供。');
      expect(text).not.toContain('先向');
      expect(text).not.toContain('第二十三条第一款第（四）项');
      expect(text).toContain('如对本答复不服，可以自收到本答复书之日起六十日内向示范市人民政府申请行政复议，也可以自收到本答复书之日起六个月内向');
      expect(c.summary.decision.withheldParts).toEqual([expect.objectContaining({ ground: 'not_government_information' })]);
    });

    it('an unknown ground of a withheld part → 400 naming the field, nothing stored', async () => {
      const c = await reviewed();
      const body = await refused('handler', c, 'propose', {
        outcome: 'partial', reasons: 'x', access: '邮寄', withheldParts: [{ part: '附件', ground: 'disclose', reason: 'y' }], occurredOn: '2026-02-25',
      }, 400);
      expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['withheldParts[0].ground']);
      expect(body.message).toContain('not_government_information');
    });
  });


  it('every case above, refused steps included, replays to its stored state', async () => {
    await expectEveryCaseReplays(t);
  });
});
