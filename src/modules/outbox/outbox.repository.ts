import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Queryable } from '../cases/case.repository';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface NewOutboxMessage {
  id: string;
  agencyId: string;
  caseId: string | null;
  dedupeKey: string;
  channel: 'email' | 'sms';
  purpose: 'notice' | 'delivery';
  recipient: string;
  template: string;
  subject: string;
  body: string;
  /** A letter, or a released copy of a document provided with the reply (document_releases). */
  attachments: Array<{ letterId: string; filename: string } | { releaseId: string; filename: string }>;
  messageId: string;
}

/** A claimed row: the message as queued (its columns) and the attempt this claim counts. */
export type ClaimedMessage = Pick<NewOutboxMessage, 'id' | 'channel' | 'purpose' | 'recipient' | 'template' | 'subject' | 'body' | 'attachments'> & {
  agency_id: string;
  case_id: string | null;
  message_id: string;
  attempts: number;
};

export interface OutboxListRow {
  id: string;
  case_id: string | null;
  case_number: string | null;
  channel: string;
  purpose: string;
  recipient: string;
  template: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  message_id: string;
  smtp_response: string | null;
  next_attempt_at: Date;
  sent_at: Date | null;
  created_at: Date;
}

/** All SQL on the outbox. */
@Injectable()
export class OutboxRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Queues a message in the caller's transaction; a second one with the same dedupe key is not queued. */
  async insert(m: Queryable, msg: NewOutboxMessage): Promise<boolean> {
    const r = await m.query(
      `INSERT INTO outbox (id, agency_id, case_id, dedupe_key, channel, purpose, recipient, template, subject, body, attachments, message_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [msg.id, msg.agencyId, msg.caseId, msg.dedupeKey, msg.channel, msg.purpose, msg.recipient, msg.template, msg.subject, msg.body, JSON.stringify(msg.attachments), msg.messageId],
    );
    return (Array.isArray(r) ? r.length : 0) > 0;
  }

  /**
   * Claims the next message due (FOR UPDATE SKIP LOCKED): a pending one whose time has come, or
   * one left 'sending' by a worker whose lease ran out (it stopped mid-send). The claim marks it
   * 'sending' with a new lease and counts the attempt, and commits before the send starts.
   */
  async claimNext(m: Queryable, channel: 'email' | 'sms', leaseSeconds: number): Promise<ClaimedMessage | null> {
    const [row] = await m.query(
      `SELECT id FROM outbox
        WHERE channel = $1 AND ((status = 'pending' AND next_attempt_at <= now()) OR (status = 'sending' AND lease_until < now()))
        ORDER BY next_attempt_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [channel],
    );
    if (!row) return null;
    const r = await m.query(
      `UPDATE outbox SET status = 'sending', lease_until = now() + make_interval(secs => $2), attempts = attempts + 1
        WHERE id = $1
        RETURNING id, agency_id, case_id, channel, purpose, recipient, template, subject, body, attachments, message_id, attempts`,
      [row.id, leaseSeconds],
    );
    const rows = Array.isArray(r) && Array.isArray(r[0]) ? r[0] : r;
    return (rows[0] as ClaimedMessage | undefined) ?? null;
  }

  /**
   * The send was accepted: only while this claim still holds it — 'sending' with the attempt count
   * the claim set (a claim taken over after its lease ran out counts another attempt); false when not.
   */
  async markSent(m: Queryable, id: string, attempt: number, smtpResponse: string): Promise<boolean> {
    const r = await m.query(
      `UPDATE outbox SET status = 'sent', sent_at = now(), lease_until = NULL, smtp_response = $3, last_error = NULL
        WHERE id = $1 AND status = 'sending' AND attempts = $2 RETURNING id`,
      [id, attempt, smtpResponse.slice(0, 1000)],
    );
    const rows = Array.isArray(r) && Array.isArray(r[0]) ? r[0] : r;
    return rows.length > 0;
  }

  /** The send failed: back to pending after `retryInSeconds`, or parked ('failed') at the last attempt. */
  async markFailed(m: Queryable, id: string, attempt: number, error: string, retryInSeconds: number | null): Promise<void> {
    await m.query(
      `UPDATE outbox SET status = CASE WHEN $3::int IS NULL THEN 'failed' ELSE 'pending' END,
              next_attempt_at = CASE WHEN $3::int IS NULL THEN next_attempt_at ELSE now() + make_interval(secs => $3::int) END,
              lease_until = NULL, last_error = $2
        WHERE id = $1 AND status = 'sending' AND attempts = $4`,
      [id, error.slice(0, 2000), retryInSeconds, attempt],
    );
  }

  async list(agencyId: string, status: OutboxStatus | undefined, limit: number): Promise<OutboxListRow[]> {
    return this.db.query(
      `SELECT o.id, o.case_id, c.case_number, o.channel, o.purpose, o.recipient, o.template, o.subject, o.status, o.attempts,
              o.last_error, o.message_id, o.smtp_response, o.next_attempt_at, o.sent_at, o.created_at
         FROM outbox o LEFT JOIN cases c ON c.id = o.case_id
        WHERE o.agency_id = $1 AND ($2::text IS NULL OR o.status = $2 OR ($2 = 'pending' AND o.status = 'sending'))
        ORDER BY o.created_at DESC LIMIT $3`,
      [agencyId, status ?? null, limit],
    );
  }

  async counts(agencyId: string): Promise<Record<string, number>> {
    const rows: Array<{ status: string; n: number }> = await this.db.query(
      `SELECT status, count(*)::int AS n FROM outbox WHERE agency_id = $1 GROUP BY status`,
      [agencyId],
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** The latest final reply letter of the case (the one a delivery serves). */
  async latestReplyLetter(m: Queryable, caseId: string): Promise<{ id: string; doc_number: string } | null> {
    const [r] = await m.query(
      `SELECT id, doc_number FROM letters WHERE case_id = $1 AND type = 'reply' ORDER BY created_at DESC LIMIT 1`,
      [caseId],
    );
    return (r as { id: string; doc_number: string } | undefined) ?? null;
  }

  /** A letter's PDF for an attachment. */
  async releaseBytes(releaseId: string): Promise<Buffer | null> {
    const [r] = await this.db.query(`SELECT bytes FROM document_releases WHERE id = $1`, [releaseId]);
    return (r?.bytes as Buffer | undefined) ?? null;
  }

  async letterBytes(letterId: string): Promise<Buffer | null> {
    const [r] = await this.db.query(`SELECT bytes FROM letters WHERE id = $1`, [letterId]);
    return (r?.bytes as Buffer | undefined) ?? null;
  }
}
