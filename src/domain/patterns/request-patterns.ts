/**
 * Request patterns flagged at registration. Flags inform; a person decides.
 * - possible repeated request (条例第36条第（六）项): same applicant, similar description, an
 *   earlier case already answered;
 * - excessive requests (条例第35条): the applicant's requests in the calendar month exceed the
 *   agency's threshold;
 * - several applicants asking for the same information (条例第44条): a hint to publish it
 *   proactively.
 */

import type { LateConfirmationFlag, LateOnlineConfirmationFlag } from '../intake/receipt-date';

/** Character bigrams of a description with punctuation and spaces removed. */
function bigrams(s: string): Set<string> {
  const t = s.replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();
  const out = new Set<string>();
  for (let i = 0; i < t.length - 1; i++) out.add(t.slice(i, i + 2));
  if (t.length === 1) out.add(t);
  return out;
}

/** Dice coefficient of the bigram sets: 1 for the same text, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.size || !y.size) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return (2 * common) / (x.size + y.size);
}

export const SIMILAR_THRESHOLD = 0.6;

export interface EarlierCase {
  id: string;
  caseNumber: string;
  applicantKey: string;
  description: string;
  receiptDate: string;
  answered: boolean;
}

export type RequestFlag =
  | { kind: 'possible_repeat'; article: '条例第36条第（六）项'; caseId: string; caseNumber: string; similarity: number; message: string }
  | { kind: 'excessive_requests'; article: '条例第35条'; count: number; threshold: number; month: string; message: string }
  | { kind: 'same_information'; article: '条例第44条'; applicants: number; caseNumbers: string[]; message: string }
  /** Set by intake (src/domain/intake/receipt-date.ts), not by requestFlags: for the legal audit. */
  | LateConfirmationFlag
  /** Set at an online application's confirmation (cases.service confirm-receipt): for the legal audit. */
  | LateOnlineConfirmationFlag;

export const REQUEST_FLAG_KINDS = ['possible_repeat', 'excessive_requests', 'same_information', 'late_confirmation', 'late_online_confirmation'] as const;

export function requestFlags(
  current: { applicantKey: string; description: string; receiptDate: string },
  earlier: readonly EarlierCase[],
  monthlyThreshold: number,
): RequestFlag[] {
  const flags: RequestFlag[] = [];
  const mine = earlier.filter((c) => c.applicantKey === current.applicantKey);
  let best: { c: EarlierCase; s: number } | null = null;
  for (const c of mine) {
    if (!c.answered) continue;
    const s = similarity(current.description, c.description);
    if (s >= SIMILAR_THRESHOLD && (!best || s > best.s)) best = { c, s };
  }
  if (best) {
    flags.push({
      kind: 'possible_repeat',
      article: '条例第36条第（六）项',
      caseId: best.c.id,
      caseNumber: best.c.caseNumber,
      similarity: Math.round(best.s * 100) / 100,
      message: `可能为重复申请：与已答复的案件 ${best.c.caseNumber} 内容相似`,
    });
  }
  const month = current.receiptDate.slice(0, 7);
  const count = mine.filter((c) => c.receiptDate.slice(0, 7) === month).length + 1;
  if (count > monthlyThreshold) {
    flags.push({
      kind: 'excessive_requests',
      article: '条例第35条',
      count,
      threshold: monthlyThreshold,
      month,
      message: `该申请人本月已提出 ${count} 件申请，超过 ${monthlyThreshold} 件，可要求说明理由（条例第三十五条）`,
    });
  }
  const others = earlier.filter((c) => c.applicantKey !== current.applicantKey && similarity(current.description, c.description) >= SIMILAR_THRESHOLD);
  const applicants = new Set(others.map((c) => c.applicantKey));
  if (applicants.size >= 1) {
    flags.push({
      kind: 'same_information',
      article: '条例第44条',
      applicants: applicants.size + 1,
      caseNumbers: others.slice(0, 10).map((c) => c.caseNumber),
      message: `已有 ${applicants.size + 1} 个申请人申请相同或相似的信息，可考虑纳入主动公开（条例第四十四条）`,
    });
  }
  return flags;
}
