import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import * as nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { DataSource, EntityManager } from 'typeorm';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { CasesService } from '../cases/cases.service';
import { ClaimedMessage, OutboxRepository } from './outbox.repository';

/** Seconds before the n-th retry: 30 s, 1, 2, 4 … minutes, at most an hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Delivers the outbox's e-mail (SMTP_URL, nodemailer). Without SMTP_URL messages wait.
 *
 * Never twice: a message is claimed (FOR UPDATE SKIP LOCKED) and marked 'sending' with a lease in a
 * transaction that commits before the send, so no other worker (nor this one after a restart) takes
 * it while the lease runs; the send's outcome is recorded only while the row is still 'sending'.
 * A graceful stop (SIGTERM, app.close) waits for the send under way and records it.
 * The residual window: a worker that dies after the SMTP server accepted the message and before
 * it recorded that leaves it 'sending'; when the lease (OUTBOX_LEASE_SECONDS) runs out another
 * worker sends it again — with the same Message-ID (<outbox id@domain>), by which mail systems
 * recognise the duplicate. That is the only at-least-once case; SMTP offers nothing stronger.
 * A send refused or failed is retried with back-off (retryDelaySeconds) and parked as 'failed'
 * after OUTBOX_MAX_ATTEMPTS, with the error for the admin (GET /outbox?status=failed).
 */
@Injectable()
export class OutboxDeliveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Outbox');
  private transport: Transporter | null = null;
  private handle: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly repo: OutboxRepository,
    private readonly cases: CasesService,
  ) {}

  private get pollMs(): number {
    return this.config.outboxPollMs ?? 0;
  }

  onApplicationBootstrap(): void {
    if (this.config.worker === false || this.pollMs <= 0 || !this.config.smtpUrl) return;
    const loop = () => {
      if (this.stopped) return;
      this.running = this.deliverDue()
        .catch((e) => this.log.error(`outbox poll failed: ${e instanceof Error ? e.stack : String(e)}`))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.handle = setTimeout(loop, this.pollMs).unref();
        });
    };
    this.handle = setTimeout(loop, 0).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.handle) clearTimeout(this.handle);
    await this.running;
    this.transport?.close();
  }

  private mailer(): Transporter {
    if (!this.transport) {
      // Timeouts well inside the lease (OUTBOX_LEASE_SECONDS, at least 5 s): a send never outlives its claim unnoticed.
      const lease = (this.config.outboxLeaseSeconds ?? 300) * 1000;
      const timeout = Math.max(2000, Math.min(60_000, Math.floor(lease / 3)));
      // As the URL's query (nodemailer reads its options there), unless SMTP_URL sets them itself.
      const url = new URL(this.config.smtpUrl as string);
      for (const k of ['connectionTimeout', 'greetingTimeout', 'socketTimeout']) {
        if (!url.searchParams.has(k)) url.searchParams.set(k, String(timeout));
      }
      this.transport = nodemailer.createTransport(url.toString());
    }
    return this.transport;
  }

  /** Sends every message due now, one at a time; returns how many were accepted. Without SMTP_URL: none. */
  async deliverDue(): Promise<number> {
    if (!this.config.smtpUrl) return 0;
    let sent = 0;
    for (let i = 0; i < 1000 && !this.stopped; i++) {
      const msg = await this.db.transaction((m) => this.repo.claimNext(m, 'email', this.config.outboxLeaseSeconds ?? 300));
      if (!msg) break;
      if (await this.deliver(msg)) sent++;
    }
    return sent;
  }

  private async deliver(msg: ClaimedMessage): Promise<boolean> {
    let response: string;
    try {
      const attachments = [];
      for (const a of msg.attachments) {
        const bytes = 'releaseId' in a ? await this.repo.releaseBytes(a.releaseId) : await this.repo.letterBytes(a.letterId);
        if (!bytes) throw new Error(`attachment ${'releaseId' in a ? a.releaseId : a.letterId} not found`);
        attachments.push({ filename: a.filename, content: bytes, contentType: 'application/pdf' });
      }
      const info = await this.mailer().sendMail({
        from: this.config.mailFrom ?? 'gov-info-disclosure@localhost',
        to: msg.recipient,
        subject: msg.subject,
        text: msg.body,
        messageId: msg.message_id,
        attachments,
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      response = String(info.response ?? '250 accepted');
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const max = this.config.outboxMaxAttempts ?? 8;
      const retry = msg.attempts >= max ? null : retryDelaySeconds(msg.attempts);
      await this.db.transaction((m) => this.repo.markFailed(m, msg.id, msg.attempts, error, retry));
      if (retry === null) this.log.error(`message ${msg.id} (${msg.template}) to ${msg.recipient} parked after ${msg.attempts} attempts: ${error}`);
      else this.log.warn(`message ${msg.id} (${msg.template}) failed (attempt ${msg.attempts}/${max}), retry in ${retry} s: ${error}`);
      return false;
    }
    await this.db.transaction(async (m) => {
      const recorded = await this.repo.markSent(m, msg.id, msg.attempts, response);
      // 电子送达 (国办公开办函〔2016〕235号): the SMTP server's acceptance is the delivery's proof, in the case's history.
      if (recorded && msg.purpose === 'delivery' && msg.case_id) await this.recordDeliveryProof(m, msg, response);
    });
    return true;
  }

  private async recordDeliveryProof(m: EntityManager, msg: ClaimedMessage, response: string): Promise<void> {
    const today = this.clock.today();
    await this.cases.recordSystemFact(
      m,
      msg.case_id as string,
      'ELECTRONIC_DELIVERY_ACCEPTED',
      { outboxId: msg.id, messageId: msg.message_id, recipient: msg.recipient, smtpResponse: response.slice(0, 500), acceptedAt: this.clock.now().toISOString() },
      today,
      today,
    );
  }
}
