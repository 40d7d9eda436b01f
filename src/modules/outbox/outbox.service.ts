import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { formatChineseDate } from '../../domain/calendar/iso-date';
import { applicantMessagesFor } from '../../domain/notifications/applicant-messages';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import type { Agency } from '../agencies/agency';
import type { CaseRow, Queryable } from '../cases/case.repository';
import { renderMail } from './mail-templates';
import { OutboxRepository, OutboxStatus } from './outbox.repository';

/** What the attachments are called in the applicant's mailbox. */
const LETTER_FILE_LABEL: Readonly<Record<string, string>> = {
  receipt: '登记回执',
  correction_notice: '补正告知书',
  extension_notice: '延期答复告知书',
  deferral_notice: '延迟答复告知书',
  fee_notice: '收费通知书',
  reply: '政府信息公开申请答复书',
};

const DELIVERY_WAY: Readonly<Record<string, string>> = {
  in_person: '直接送达',
  post: '邮寄',
  email: '电子邮件',
  online: '网上',
  other_agency: '委托其他机关代为送达',
};

/** The e-mail's Message-ID for an outbox row: stable, so a re-send after a crash is recognisably the same message. */
export function messageIdOf(outboxId: string, from: string | undefined): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from ?? '')?.[1] ?? 'gov-info-disclosure.local';
  return `<${outboxId}@${domain}>`;
}

export interface StepMessages {
  agency: Agency;
  /** The case as it is after the step. */
  row: CaseRow;
  /** API action, or 'register'. */
  step: string;
  /** The step's history entry (seq): one message per step and template. */
  eventSeq: number;
  on: string;
  letters: ReadonlyArray<{ id: string; type: string; docNumber: string }>;
  replyDue?: string | null;
  deliveredBy?: string;
  /** deliver by e-mail: the outbox id chosen before the event (its Message-ID is the delivery's proof). */
  deliveryOutboxId?: string;
  /** The step's recorded payload (start-consultation: the party's name and e-mail). */
  payload?: Record<string, unknown>;
  /** deliver: the released copies of the documents provided (条例第三十七条、第四十条), attached to the reply's e-mail. */
  releasedDocuments?: ReadonlyArray<{ releaseId: string; filename: string }>;
}

/** The letters that go to a consulted third party or agency (条例第十一、十七、三十二、三十四条). */
const CONSULTATION_LETTERS = ['third_party_consultation', 'agency_consultation', 'other_agency_consultation', 'secrecy_referral'];

/**
 * 快递式公开 by e-mail: the messages of a step, queued in the step's own transaction (never lost:
 * they commit with the event or not at all). Nothing is queued for an applicant without an e-mail
 * address; SMS has no provider (SMS_PROVIDER=none), so none is queued either.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly repo: OutboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get smtpConfigured(): boolean {
    return !!this.config.smtpUrl;
  }

  messageIdFor(outboxId: string): string {
    return messageIdOf(outboxId, this.config.mailFrom);
  }

  trackingLink(): string {
    return `${this.config.publicBaseUrl ?? `http://localhost:${this.config.port || 3000}`}/track`;
  }

  async afterStep(m: Queryable, s: StepMessages): Promise<number> {
    const partyEmail = s.step === 'start-consultation' && typeof s.payload?.email === 'string' ? s.payload.email : null;
    const queued = partyEmail ? await this.consultationLetter(m, s, partyEmail) : 0;
    const email = s.row.applicant?.email?.trim();
    if (!email) return queued;
    return queued + (await this.toApplicant(m, s, email));
  }

  /**
   * 条例第三十二条、第三十四条: the consultation letter to the third party or agency by e-mail, when its
   * address is recorded (its answer is recorded with the e-mail's date as close-consultation's occurredOn).
   */
  private async consultationLetter(m: Queryable, s: StepMessages, to: string): Promise<number> {
    const letters = s.letters.filter((l) => CONSULTATION_LETTERS.includes(l.type));
    if (!letters.length) return 0;
    const id = randomUUID();
    const text = renderMail('consultation_letter', {
      agencyName: s.agency.name,
      officeName: s.agency.disclosureOfficeName,
      partyName: String(s.payload?.name ?? ''),
      caseNumber: s.row.case_number,
      date: formatChineseDate(s.on),
    });
    const added = await this.repo.insert(m, {
      id,
      agencyId: s.row.agency_id,
      caseId: s.row.id,
      dedupeKey: `${s.row.id}:${s.eventSeq}:consultation_letter`,
      channel: 'email',
      purpose: 'notice',
      recipient: to,
      template: 'consultation_letter',
      subject: text.subject,
      body: text.body,
      attachments: letters.map((l) => ({ letterId: l.id, filename: `征求意见函-${l.docNumber}.pdf` })),
      messageId: this.messageIdFor(id),
    });
    return added ? 1 : 0;
  }

  private async toApplicant(m: Queryable, s: StepMessages, email: string): Promise<number> {
    const reply = s.step === 'deliver' && s.deliveredBy === 'email' ? await this.repo.latestReplyLetter(m, s.row.id) : null;
    const plans = applicantMessagesFor({
      step: s.step,
      letters: s.letters,
      requestedDeliveryMethod: s.row.delivery_method,
      deliveredBy: s.deliveredBy,
      replyLetterId: reply?.id ?? null,
    });
    const docNumbers = new Map<string, string>([...s.letters.map((l) => [l.id, l.docNumber] as const), ...(reply ? [[reply.id, reply.doc_number] as const] : [])]);
    const types = new Map<string, string>([...s.letters.map((l) => [l.id, l.type] as const), ...(reply ? [[reply.id, 'reply'] as const] : [])]);
    const channel = (s.agency.settings as { reconsiderationOnlineChannel?: string }).reconsiderationOnlineChannel?.trim();
    const values = {
      agencyName: s.agency.name,
      officeName: s.agency.disclosureOfficeName,
      applicantName: s.row.applicant.name,
      caseNumber: s.row.case_number,
      trackingCode: s.row.tracking_code,
      trackingLink: this.trackingLink(),
      receiptDate: s.row.receipt_date ? formatChineseDate(s.row.receipt_date) : '（待确认）',
      date: formatChineseDate(s.on),
      replyDue: s.replyDue ? formatChineseDate(s.replyDue) : '以办理进度页面为准',
      deliveryWay: DELIVERY_WAY[s.deliveredBy ?? ''] ?? '其他',
      reconsiderationChannel: channel || '见答复书',
    };
    let queued = 0;
    for (const p of plans) {
      const id = p.purpose === 'delivery' && s.deliveryOutboxId ? s.deliveryOutboxId : randomUUID();
      const text = renderMail(p.template, values);
      const added = await this.repo.insert(m, {
        id,
        agencyId: s.row.agency_id,
        caseId: s.row.id,
        dedupeKey: `${s.row.id}:${s.eventSeq}:${p.template}`,
        channel: 'email',
        purpose: p.purpose,
        recipient: email,
        template: p.template,
        subject: text.subject,
        body: text.body,
        attachments: [
          ...p.letterIds.map((letterId) => ({
            letterId,
            filename: `${LETTER_FILE_LABEL[types.get(letterId) ?? ''] ?? '文书'}-${docNumbers.get(letterId) ?? letterId}.pdf`,
          })),
          // The information itself travels with the reply it is provided by.
          ...(p.purpose === 'delivery' ? (s.releasedDocuments ?? []).map((d) => ({ releaseId: d.releaseId, filename: `附件-${d.filename}` })) : []),
        ],
        messageId: this.messageIdFor(id),
      });
      if (added) queued++;
    }
    return queued;
  }

  async list(agencyId: string, status: OutboxStatus | undefined) {
    const rows = await this.repo.list(agencyId, status, 500);
    const counts = await this.repo.counts(agencyId);
    return {
      smtpConfigured: this.smtpConfigured,
      note: this.smtpConfigured ? null : '未设置 SMTP_URL：消息保存在发件箱中等待发送，设置后由后台任务自动发出',
      smsProvider: 'none',
      counts: { pending: (counts.pending ?? 0) + (counts.sending ?? 0), sent: counts.sent ?? 0, failed: counts.failed ?? 0 },
      items: rows.map((r) => ({
        id: r.id,
        caseId: r.case_id,
        caseNumber: r.case_number,
        channel: r.channel,
        purpose: r.purpose,
        recipient: r.recipient,
        template: r.template,
        subject: r.subject,
        status: r.status,
        attempts: r.attempts,
        lastError: r.last_error,
        messageId: r.message_id,
        smtpResponse: r.smtp_response,
        nextAttemptAt: new Date(r.next_attempt_at).toISOString(),
        sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
        createdAt: new Date(r.created_at).toISOString(),
      })),
    };
  }
}
