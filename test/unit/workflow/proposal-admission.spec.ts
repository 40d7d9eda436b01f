/**
 * The rules a proposal meets when a person proposes it (rules.ts proposalAdmissionProblem; legal
 * review issue 12). They are checked before the statechart, never as its guards, so that a history
 * recorded before them still replays.
 */
import { applyEvent, proposalAdmissionProblem, type CaseSnapshot, type ProposalFacts } from '../../../src/domain/workflow';
import { handler, inHandling, review, run } from './helpers';

const start = (id: string, name = 'A公司') => ({ type: 'START_CONSULTATION' as const, consultationId: id, party: 'thirdParty' as const, name, ...handler });
const close = (id: string, result: 'agree' | 'object' | 'noAnswer') => ({ type: 'CLOSE_CONSULTATION' as const, consultationId: id, result, ...handler });
const consulted = (...results: Array<'agree' | 'object' | 'noAnswer'>) => {
  let s = inHandling();
  results.forEach((r, i) => (s = run(s, start(`K${i + 1}`), close(`K${i + 1}`, r))));
  return s;
};
const code = (s: CaseSnapshot, p: Record<string, unknown>) => proposalAdmissionProblem(s.context, p as ProposalFacts)?.code ?? null;
const thirdPartyPart = { part: '第3页个人信息', ground: 'withhold_third_party', reason: '涉及个人隐私' };

describe('保护第三方合法权益 (条例第15、32条; finding 3)', () => {
  const whole = { outcome: 'withhold_third_party', reasons: '商业秘密' };
  const partial = { outcome: 'partial', reasons: '其余公开', withheldParts: [thirdPartyPart] };

  it('refuses withholding on a third party’s rights once it agreed (第三方同意公开的，予以公开)', () => {
    expect(code(consulted('agree'), whole)).toBe('THIRD_PARTY_CONSENTED');
    expect(code(consulted('agree'), partial)).toBe('THIRD_PARTY_CONSENTED');
    expect(code(consulted('agree', 'agree'), whole)).toBe('THIRD_PARTY_CONSENTED');
    // …even with a reason for not consulting recorded beside it.
    expect(code(consulted('agree'), { ...whole, noConsultationReason: '另一第三方无法联系' })).toBe('THIRD_PARTY_CONSENTED');
  });

  it('admits it when a third party objected or did not answer', () => {
    expect(code(consulted('object'), whole)).toBeNull();
    expect(code(consulted('noAnswer'), whole)).toBeNull();
    expect(code(consulted('agree', 'object'), whole)).toBeNull();
    // (a 部分公开 after an objection also records why the rest is disclosed: finding 13 below)
    expect(code(consulted('object'), { ...partial, overrideGround: 'objection_unfounded', overrideReason: '其余内容不涉及商业秘密', disclosedContent: '除附件三外的全部内容' })).toBeNull();
  });

  it('a withheld part on that ground needs the consultation, or the reason none was made (第32条), as the whole does', () => {
    expect(code(inHandling(), partial)).toBe('THIRD_PARTY_CONSULTATION_REQUIRED');
    expect(code(inHandling(), { ...partial, noConsultationReason: '第三方已注销' })).toBeNull();
  });

  it('does not touch other outcomes and grounds', () => {
    expect(code(consulted('agree'), { outcome: 'withhold_internal_affairs', reasons: 'x' })).toBeNull();
    expect(code(consulted('agree'), { outcome: 'partial', withheldParts: [{ ...thirdPartyPart, ground: 'withhold_process_info' }] })).toBeNull();
  });

  it('is not a statechart guard: a stored PROPOSE recorded before the rule still applies on replay', () => {
    const r = applyEvent(consulted('agree'), { type: 'PROPOSE', on: '2026-03-03', ...handler, ...whole } as never);
    expect(r.changed).toBe(true);
  });
});

describe('公开 over a third party’s objection (条例第15、32条; finding 13)', () => {
  const finding = { overrideGround: 'public_interest', overrideReason: '涉及公共资金使用', disclosedContent: '合同正文及价款' };
  const objected = () => run(consulted('object'), review('partial', { withheldPart: '附件' }));

  it.each(['disclose', 'partial'])('%s needs the finding, its reason and the content', (outcome) => {
    const p = { outcome, reasons: '可以公开', withheldParts: [{ part: '附件', ground: 'withhold_process_info', reason: 'x' }] };
    expect(code(objected(), p)).toBe('THIRD_PARTY_OBJECTION_FINDING_REQUIRED');
    expect(code(objected(), { ...p, ...finding })).toBeNull();
    expect(code(objected(), { ...p, ...finding, overrideGround: 'objection_unfounded' })).toBeNull();
    expect(code(objected(), { ...p, ...finding, overrideGround: 'because' })).toBe('THIRD_PARTY_OBJECTION_FINDING_REQUIRED');
    expect(code(objected(), { ...p, ...finding, overrideReason: ' ' })).toBe('THIRD_PARTY_OBJECTION_FINDING_REQUIRED');
    expect(code(objected(), { ...p, ...finding, disclosedContent: '' })).toBe('THIRD_PARTY_OBJECTION_FINDING_REQUIRED');
  });

  it('is not needed when no third party objected', () => {
    expect(code(run(consulted('agree'), review('disclose')), { outcome: 'disclose' })).toBeNull();
    expect(code(run(consulted('noAnswer'), review('disclose')), { outcome: 'disclose' })).toBeNull();
  });
});

describe('属于国家秘密 (条例第14、17条; finding 12)', () => {
  const whole = { outcome: 'withhold_state_secret', reasons: '涉密' };
  const partial = { outcome: 'partial', reasons: '其余公开', withheldParts: [{ part: '附件一', ground: 'withhold_state_secret', reason: '涉密' }] };

  it('needs a recorded review', () => {
    expect(code(inHandling(), whole)).toBe('STATE_SECRET_REVIEW_REQUIRED');
    expect(code(inHandling(), partial)).toBe('STATE_SECRET_REVIEW_REQUIRED');
  });

  it('whose conclusion is withhold or partial (the latest review counts)', () => {
    expect(code(run(inHandling(), review('withhold')), whole)).toBeNull();
    expect(code(run(inHandling(), review('partial', { withheldPart: '附件一' })), whole)).toBeNull();
    expect(code(run(inHandling(), review('partial', { withheldPart: '附件一' })), partial)).toBeNull();
    expect(code(run(inHandling(), review('disclose')), whole)).toBe('STATE_SECRET_NOT_ESTABLISHED');
    expect(code(run(inHandling(), review('disclose')), partial)).toBe('STATE_SECRET_NOT_ESTABLISHED');
    expect(code(run(inHandling(), review('withhold'), review('disclose')), whole)).toBe('STATE_SECRET_NOT_ESTABLISHED');
  });

  it('an on-the-spot reply may bring its own review', () => {
    const s = inHandling();
    expect(proposalAdmissionProblem(s.context, whole as ProposalFacts, { conclusion: 'withhold', ground: '定密', reviewer: '甲', on: '2026-03-03' })).toBeNull();
  });

  it('leaves the other grounds alone', () => {
    expect(code(inHandling(), { outcome: 'withhold_law_forbids', reasons: 'x' })).toBeNull();
  });
});
