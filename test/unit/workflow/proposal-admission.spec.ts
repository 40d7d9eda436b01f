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
    expect(code(consulted('object'), partial)).toBeNull();
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
