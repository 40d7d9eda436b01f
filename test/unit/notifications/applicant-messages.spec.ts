import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applicantMessagesFor, parseMailTemplate, renderMailText } from '../../../src/domain/notifications/applicant-messages';

const MAIL = join(__dirname, '../../../templates/mail');

describe('applicant messages per step', () => {
  const letters = (...types: string[]) => types.map((type, i) => ({ id: `L${i}`, type }));
  it('attaches the applicant’s letters, not the third party’s or the 送达回证', () => {
    expect(applicantMessagesFor({ step: 'register', letters: letters('receipt'), requestedDeliveryMethod: 'post' })).toEqual([
      { template: 'registered', letterIds: ['L0'], purpose: 'notice' },
    ]);
    expect(applicantMessagesFor({ step: 'start-consultation', letters: letters('third_party_consultation'), requestedDeliveryMethod: 'post' })).toEqual([
      { template: 'consultation', letterIds: [], purpose: 'notice' },
    ]);
    expect(applicantMessagesFor({ step: 'approve', letters: [], requestedDeliveryMethod: 'post' })).toEqual([]);
  });
  it('one message carries the reply: at the decision, or — when the applicant asked for it electronically — the e-mail delivery', () => {
    expect(applicantMessagesFor({ step: 'approve', letters: letters('reply'), requestedDeliveryMethod: 'post' })).toEqual([{ template: 'reply', letterIds: ['L0'], purpose: 'notice' }]);
    expect(applicantMessagesFor({ step: 'approve', letters: letters('reply'), requestedDeliveryMethod: 'email' })).toEqual([]);
    expect(applicantMessagesFor({ step: 'deliver', letters: letters('delivery_receipt'), requestedDeliveryMethod: 'email', deliveredBy: 'email', replyLetterId: 'R' })).toEqual([
      { template: 'delivery_email', letterIds: ['R'], purpose: 'delivery' },
    ]);
    expect(applicantMessagesFor({ step: 'deliver', letters: letters('delivery_receipt'), requestedDeliveryMethod: 'post', deliveredBy: 'post' })).toEqual([
      { template: 'delivered', letterIds: [], purpose: 'notice' },
    ]);
  });
});

describe('mail templates (templates/mail)', () => {
  const files = readdirSync(MAIL).filter((f) => f.endsWith('.txt'));
  it.each(files)('%s has a subject line and Chinese text', (f) => {
    const t = parseMailTemplate(readFileSync(join(MAIL, f), 'utf8'), f);
    expect(t.subject).toMatch(/[\u4e00-\u9fff]/);
    expect(t.body).toMatch(/[\u4e00-\u9fff]/);
  });
  it('every template a step names exists', () => {
    const names = new Set(files.map((f) => f.slice(0, -4)));
    for (const n of ['registered', 'correction_notice', 'accepted', 'consultation', 'extension', 'deferral', 'fee_notice', 'reply', 'delivery_email', 'delivered', 'withdrawn', 'consultation_letter']) {
      expect(names.has(n)).toBe(true);
    }
  });
  it('values are plain one-line text; a missing value is an error, never "undefined"', () => {
    expect(renderMailText('致{{name}}：', { name: '张三\r\nBcc: x@y' }, 't')).toBe('致张三 Bcc: x@y：');
    expect(() => renderMailText('{{missing}}', {}, 't')).toThrow(/missing/);
  });
});
