/**
 * SMS to the applicant: the interface a provider implements, with the same outbox (channel 'sms').
 * No provider is built in (SMS_PROVIDER=none, README: 消息通知): none can be tested here, so no SMS
 * is queued until one is added and tested; e-mail carries every message meanwhile.
 */
export interface SmsSender {
  /** Sends one text; resolves with the provider's message id (the proof), rejects on refusal. */
  send(to: string, text: string, outboxId: string): Promise<{ providerMessageId: string }>;
}

/** The setting's only value today. */
export const SMS_PROVIDERS = ['none'] as const;

export function smsSenderFor(provider: string | undefined): SmsSender | null {
  if (!provider || provider === 'none') return null;
  throw new Error(`SMS provider "${provider}" is not built in`);
}
