/** The table of which letter each step issues (shared/domain §5). */
import { lettersForStep, StepLetterInput, STEP_LETTERS } from '../../../src/domain/letters';
import * as fs from 'node:fs';
import * as path from 'node:path';

const base: StepLetterInput = {
  step: 'accept',
  payload: {},
  on: '2026-03-02',
  caseNumber: '2026-000001',
  description: '申请公开道路建设项目的招标文件',
  applicantAddress: '示范县人民路2号',
  clock: { replyDue: '2026-03-19', ledger: [] },
  consultations: [],
  decided: false,
  outcome: null,
  proposal: null,
  replyDocNumber: null,
};

describe('lettersForStep', () => {
  it('issues nothing for a step without a letter (受理)', () => {
    expect(lettersForStep(base)).toEqual([]);
  });

  it('registration issues the 登记回执', () => {
    expect(lettersForStep({ ...base, step: 'register' }).map((l) => l.type)).toEqual(['receipt']);
  });

  it('a correction request issues the 补正告知书 with the items and the period from the applicant\'s receipt, no date (finding 1)', () => {
    const [l] = lettersForStep({ ...base, step: 'request-correction', payload: { items: ['请写明文件名称'], periodWorkingDays: 10 } });
    expect(l).toEqual({ type: 'correction_notice', template: 'correction_notice', fields: { correction: { items: ['请写明文件名称'], periodDays: 10 } } });
  });

  it('a consultation letter follows the party and the basis, and carries the answer period, never a date (findings 1, 10)', () => {
    const step = (c: { party: 'thirdParty' | 'agency'; basis?: 'coProducer' | 'secrecyReferral' | 'other' }) =>
      lettersForStep({ ...base, step: 'start-consultation', payload: { consultationId: 'C1' }, consultations: [{ id: 'C1', name: '某单位', result: null, ...c }] })[0];
    expect(step({ party: 'thirdParty' })).toMatchObject({ type: 'third_party_consultation', fields: { consultation: { party: '某单位', periodDays: 15 } } });
    expect(step({ party: 'agency' })).toMatchObject({ type: 'agency_consultation', fields: { consultation: { periodDays: 15 } } });
    expect(step({ party: 'agency', basis: 'coProducer' }).type).toBe('agency_consultation');
    expect(step({ party: 'agency', basis: 'other' })).toMatchObject({ type: 'other_agency_consultation', fields: { consultation: { periodDays: 15 } } });
    const referral = step({ party: 'agency', basis: 'secrecyReferral' });
    expect(referral.type).toBe('secrecy_referral');
    expect(referral.fields.consultation).not.toHaveProperty('periodDays');
    for (const l of [step({ party: 'thirdParty' }), referral]) expect(l.fields.consultation).not.toHaveProperty('dueDate');
  });

  it('the fee notice carries the 20 WD from receipt, no date (finding 1)', () => {
    const fee = { method: 'per_page', amount: 700, breakdown: [{ from: 31, to: 100, count: 70, unitPrice: 10, subtotal: 700 }] };
    const [l] = lettersForStep({ ...base, step: 'issue-fee-notice', payload: { fee, dueOn: '2026-03-30' } });
    expect(l.fields.fee).toMatchObject({ periodDays: 20, total: '700元' });
    expect(l.fields.fee).not.toHaveProperty('payBy');
  });

  it('the extension notice carries the years its new deadline was counted across without a holiday notice (finding 23)', () => {
    const plain = lettersForStep({ ...base, step: 'extend', payload: { workingDays: 10, reason: '需调阅档案' } })[0];
    expect(plain.fields.extension).toEqual({ days: 10, newDueDate: '2026-03-19', reason: '需调阅档案' });
    const provisional = lettersForStep({
      ...base,
      step: 'extend',
      payload: { workingDays: 20, reason: '需调阅档案' },
      clock: { replyDue: '2027-01-18', ledger: [{ kind: 'provisional', year: 2027, text: '' }] },
    })[0];
    expect(provisional.fields.extension).toMatchObject({ newDueDate: '2027-01-18', provisionalYears: [2027] });
  });

  it('the final approval of a disclosure over a third party objection also notifies that party (条例第32条)', () => {
    const letters = lettersForStep({
      ...base,
      step: 'approve',
      decided: true,
      outcome: 'disclose',
      proposal: {
        outcome: 'disclose',
        reasons: '可以公开',
        overrideGround: 'objection_unfounded',
        overrideReason: '合同价款已由法律规定公开，不属于商业秘密。',
        disclosedContent: '合同正文及价款条款',
      },
      consultations: [
        { id: 'C1', party: 'thirdParty', name: '甲公司', result: 'object' },
        { id: 'C2', party: 'thirdParty', name: '乙公司', result: 'agree' },
      ],
    });
    expect(letters.map((l) => [l.type, l.template])).toEqual([
      ['reply', 'reply_disclose'],
      ['third_party_decision_notice', 'third_party_decision_notice'],
    ]);
    expect(letters[1].fields.consultation).toMatchObject({ party: '甲公司' });
    // The recorded finding, its reason and the content (legal review finding 13), not a standard reason.
    expect(letters[1].fields.thirdPartyOverride).toEqual({ publicInterest: false, reason: '合同价款已由法律规定公开，不属于商业秘密', content: '合同正文及价款条款' });
  });

  it('a notice without the recorded finding carries no standard reason in its place (it cannot be rendered)', () => {
    const letters = lettersForStep({
      ...base,
      step: 'approve',
      decided: true,
      outcome: 'partial',
      proposal: { outcome: 'partial', reasons: '不公开可能对公共利益造成重大影响' },
      consultations: [{ id: 'C1', party: 'thirdParty', name: '甲公司', result: 'object' }],
    });
    expect(letters[1].fields.thirdPartyOverride).toEqual({ publicInterest: false, reason: undefined, content: undefined });
    expect(JSON.stringify(letters[1].fields)).not.toContain('公共利益');
  });

  it('an approval that does not yet decide (more steps in the chain) issues nothing', () => {
    expect(lettersForStep({ ...base, step: 'approve', decided: false, outcome: null })).toEqual([]);
  });

  it('the 送达回证 names the reply and its own 文号, the person who delivered it, and words the method in Chinese', () => {
    const [l] = lettersForStep({
      ...base,
      step: 'deliver',
      payload: { method: 'electronic', recipient: '张三', deliveredByName: '王登记' },
      replyDocNumber: '示府依复〔2026〕3号',
    });
    expect(l.fields.delivery).toEqual({
      documentTitle: '政府信息公开申请答复书',
      documentDocNumber: '示府依复〔2026〕3号',
      method: '电子送达',
      address: '示范县人民路2号',
      recipient: '张三',
      deliveredBy: '王登记',
      // the day of delivery is the step's own date (the 回证 itself is dated the day it is generated)
      deliveredOn: '2026-03-02',
    });
  });

  it('a postal 送达回证 names the 邮政企业 and the 邮件号 (国办公开办函〔2016〕235号)', () => {
    const [l] = lettersForStep({
      ...base,
      step: 'deliver',
      payload: { method: 'post', recipient: '张三', deliveredByName: '王登记', carrier: '中国邮政', trackingNumber: 'XA123CN' },
      replyDocNumber: '示府依复〔2026〕3号',
    });
    expect(l.fields.delivery).toMatchObject({ method: '邮政寄送', carrier: '中国邮政', trackingNumber: 'XA123CN', deliveredBy: '王登记' });
  });

  it('a period’s end issues nothing: the closure it proposes is issued on its final approval (legal review finding 7)', () => {
    for (const step of ['CORRECTION_PERIOD_LAPSED', 'FEE_PERIOD_LAPSED', 'CONSULTATION_EXPIRED']) expect(lettersForStep({ ...base, step })).toEqual([]);
    expect(lettersForStep({ ...base, step: 'approve', decided: true, outcome: 'correction_overdue' }).map((l) => [l.type, l.template])).toEqual([
      ['reply', 'reply_correction_overdue'],
    ]);
    expect(lettersForStep({ ...base, step: 'approve', decided: true, outcome: 'fee_unpaid', proposal: { outcome: 'not_exist', reasons: '—' } })[0].template).toBe(
      'reply_fee_unpaid',
    );
  });

  it('the closing reply names the notice it follows and the deadline that passed (finding 20)', () => {
    const [l] = lettersForStep({
      ...base,
      step: 'approve',
      decided: true,
      outcome: 'fee_unpaid',
      closure: { ground: 'fee_unpaid', notice: { docNumber: '示府告〔2026〕4号', issuedOn: '2026-02-24' }, dueOn: '2026-03-24', reopenedOn: null, amount: 1700 },
    });
    expect(l.fields).toEqual({
      outcome: 'fee_unpaid',
      closure: {
        noticeTitle: '政府信息公开信息处理费收费通知书',
        noticeDate: '2026-02-24',
        noticeDocNumber: '示府告〔2026〕4号',
        dueDate: '2026-03-24',
        amount: '1700元',
      },
    });
  });

  it('every template the table names exists in templates/', () => {
    const steps = Object.keys(STEP_LETTERS);
    expect(steps.length).toBeGreaterThan(8);
    for (const t of ['receipt', 'correction_notice', 'third_party_consultation', 'agency_consultation', 'other_agency_consultation', 'secrecy_referral', 'fee_notice', 'extension_notice', 'deferral_notice', 'delivery_receipt', 'third_party_decision_notice', 'reply_correction_overdue', 'reply_fee_unpaid', 'reply_disclose']) {
      expect(fs.existsSync(path.join(__dirname, '../../../templates', `${t}.tpl`))).toBe(true);
    }
  });
});
