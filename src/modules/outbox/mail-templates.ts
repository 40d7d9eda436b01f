/** The applicant's mail texts (templates/mail/<name>.txt), read once per process. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TEMPLATE_DIR } from '../../domain/letters/template-loader';
import { MailTemplate, parseMailTemplate, renderMailText } from '../../domain/notifications/applicant-messages';

const MAIL_DIR = join(process.env.LETTER_TEMPLATE_DIR ?? DEFAULT_TEMPLATE_DIR, 'mail');
const cache = new Map<string, MailTemplate>();

export function mailTemplate(name: string): MailTemplate {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`invalid mail template "${name}"`);
  let t = cache.get(name);
  if (!t) {
    const file = join(MAIL_DIR, `${name}.txt`);
    if (!existsSync(file)) throw new Error(`no mail template ${file}`);
    t = parseMailTemplate(readFileSync(file, 'utf8'), name);
    cache.set(name, t);
  }
  return t;
}

export function renderMail(name: string, values: Readonly<Record<string, string | number | null | undefined>>): { subject: string; body: string } {
  const t = mailTemplate(name);
  return { subject: renderMailText(t.subject, values, name), body: renderMailText(t.body, values, name) };
}
