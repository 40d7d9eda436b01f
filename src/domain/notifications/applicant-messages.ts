/**
 * 快递式公开: which message the applicant gets at each step of the procedure, as one table
 * (issue 14). Pure: the application layer gives the step, the letters the step issued and what the
 * applicant asked for; it renders the texts (templates/mail/<template>.txt) and queues them in the
 * outbox in the step's transaction.
 */

/** The letters of a step the applicant receives (the consultation letters go to the third party, the 送达回证 stays on file). */
const LETTER_MESSAGE: Readonly<Record<string, string>> = {
  receipt: 'registered',
  correction_notice: 'correction_notice',
  extension_notice: 'extension',
  deferral_notice: 'deferral',
  fee_notice: 'fee_notice',
  reply: 'reply',
};

/** Steps that tell the applicant something without a letter of their own. */
const STEP_MESSAGE: Readonly<Record<string, string>> = {
  accept: 'accepted',
  // 条例第三十二条、第三十四条: the time of a consultation is not counted (第三十三条第三款) — the applicant is told why the clock stops.
  'start-consultation': 'consultation',
  withdraw: 'withdrawn',
};

export interface MessagePlan {
  /** templates/mail/<template>.txt */
  template: string;
  /** Letters attached (their final PDFs). */
  letterIds: string[];
  /** 'delivery': the message serves the reply (电子送达); its SMTP acceptance is the delivery's proof. */
  purpose: 'notice' | 'delivery';
}

/** Whether the applicant asked to obtain the information electronically (RegisterCaseDto.deliveryMethod). */
export function asksElectronicDelivery(requested: string): boolean {
  return requested === 'email' || requested === 'online';
}

/**
 * The messages of a step. A reply goes with its own message when it is decided, unless the
 * applicant asked for electronic delivery: then the delivery by e-mail (deliver, method email)
 * serves it, and one message carries it (never two for one reply). A delivery by another way is
 * announced without the letter.
 */
export function applicantMessagesFor(input: {
  step: string;
  letters: ReadonlyArray<{ id: string; type: string }>;
  requestedDeliveryMethod: string;
  /** deliver: the API's method (email, post, …). */
  deliveredBy?: string;
  /** deliver: the reply being delivered (its latest final letter). */
  replyLetterId?: string | null;
}): MessagePlan[] {
  const plans: MessagePlan[] = [];
  if (input.step === 'deliver') {
    if (input.deliveredBy === 'email') {
      return [{ template: 'delivery_email', letterIds: input.replyLetterId ? [input.replyLetterId] : [], purpose: 'delivery' }];
    }
    return [{ template: 'delivered', letterIds: [], purpose: 'notice' }];
  }
  for (const l of input.letters) {
    const template = LETTER_MESSAGE[l.type];
    if (!template) continue;
    if (template === 'reply' && asksElectronicDelivery(input.requestedDeliveryMethod)) continue;
    plans.push({ template, letterIds: [l.id], purpose: 'notice' });
  }
  const stepTemplate = STEP_MESSAGE[input.step];
  if (stepTemplate) plans.push({ template: stepTemplate, letterIds: [], purpose: 'notice' });
  return plans;
}

export interface MailTemplate {
  subject: string;
  body: string;
}

/**
 * A mail template's text: the first line `Subject: …`, a blank line, the body. `{{name}}` is
 * replaced by the value as plain text (a missing value is an error: no message says "undefined").
 */
export function parseMailTemplate(source: string, name: string): MailTemplate {
  const m = /^Subject:[ \t]*(.+)\r?\n\r?\n([\s\S]*)$/.exec(source);
  if (!m) throw new Error(`mail template ${name}: the first line must be "Subject: …", then a blank line`);
  return { subject: m[1].trim(), body: m[2].replace(/\s+$/, '') + '\n' };
}

export function renderMailText(text: string, values: Readonly<Record<string, string | number | null | undefined>>, name: string): string {
  return text.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_, key: string) => {
    const v = values[key];
    if (v === undefined || v === null) throw new Error(`mail template ${name}: no value for {{${key}}}`);
    // One line: a value never adds headers or lines of its own.
    return String(v).replace(/[\r\n]+/g, ' ');
  });
}
