/**
 * Which letter each step of the procedure issues (shared/domain/README.md §5), as one table:
 * step → the letters it implies, with their fields. Pure: the application layer gathers the
 * inputs, calls `lettersForStep`, and numbers and stores what it returns in the step's transaction.
 */
import { consultationAnswerPeriod, type ClockResult, type ConsultationBasis } from '../deadlines';
import { consultationLetterType } from '../workflow/notices';
import type { FeeResult } from '../fees';
import type { OutcomeCode } from '../outcomes/outcomes';
import {
  consultationFields,
  correctionFields,
  deferralFields,
  deliveryFields,
  extensionFields,
  feeFields,
  LetterType,
  ReplyFacts,
  replyFields,
  replyProvisionalYears,
} from './case-letters';
import type { LetterContext } from './context';

export interface LetterEffect {
  type: LetterType;
  /** Template file (templates/<template>.tpl). */
  template: string;
  fields: Partial<LetterContext>;
}

export interface StepConsultation {
  id: string;
  party: 'thirdParty' | 'agency';
  basis?: ConsultationBasis | null;
  name: string;
  result: string | null;
}

/** Everything the table reads; the case as it is after the step. */
export interface StepLetterInput {
  /** API action (kebab-case), or the statechart's system event type for a timer's step. */
  step: string;
  payload: Record<string, any>;
  on: string;
  caseNumber: string;
  description: string;
  applicantAddress: string | null | undefined;
  clock: Pick<ClockResult, 'replyDue' | 'ledger'>;
  consultations: StepConsultation[];
  decided: boolean;
  outcome: OutcomeCode | null;
  /** The latest proposal's recorded payload (its letter fields beyond the machine's context). */
  proposal: (Partial<ReplyFacts> & Record<string, unknown>) | null;
  /** 文号 of the reply being delivered. */
  replyDocNumber: string | null;
}

const THIRD_PARTY_DECISION_REASON = '本机关认为不公开可能对公共利益造成重大影响';

type Rule = (x: StepLetterInput) => LetterEffect[];

const one = (type: LetterType, fields: Partial<LetterContext>, template: string = type): LetterEffect[] => [{ type, template, fields }];

/** The reply of a decided case, and (条例第32条) the notice to each third party that objected when disclosing anyway. */
const decisionLetters: Rule = (x) => {
  if (!x.decided || !x.outcome) return [];
  const proposal = x.proposal ?? { outcome: x.outcome };
  const out: LetterEffect[] = one('reply', replyFields({ ...(proposal as ReplyFacts), outcome: x.outcome }), `reply_${x.outcome}`);
  if (x.outcome === 'disclose' || x.outcome === 'partial') {
    for (const c of x.consultations.filter((c) => c.party === 'thirdParty' && c.result === 'object')) {
      out.push(
        ...one(
          'third_party_decision_notice',
          consultationFields('thirdParty', c.name, x.description, { reason: (proposal.reasons as string | undefined) ?? THIRD_PARTY_DECISION_REASON }),
        ),
      );
    }
  }
  return out;
};

export const STEP_LETTERS: Readonly<Record<string, Rule>> = {
  // 登记回执: the final receipt with the case number and the tracking code.
  register: () => one('receipt', {}),
  // 补正告知书 (条例第30条): once, with the items and the reasonable period from the applicant's receipt.
  'request-correction': (x) => one('correction_notice', correctionFields(x.payload.items, x.payload.periodWorkingDays)),
  // 征求意见函: third party (条例第32条), co-producer (第34条), other agency (第11条), or the
  // 第17条第三款 referral; the answer period is printed from the party's receipt, never as a date.
  'start-consultation': (x) => {
    const c = x.consultations.find((k) => k.id === x.payload.consultationId);
    if (!c) return [];
    const type = consultationLetterType({ party: c.party, basis: c.basis ?? undefined }) as LetterType;
    return one(type, consultationFields(c.party, c.name, x.description, { periodDays: consultationAnswerPeriod(c.party, c.basis) }));
  },
  // 收费通知书 (第42条; 国办函〔2020〕109号): 20 WD from the applicant's receipt.
  'issue-fee-notice': (x) => one('fee_notice', feeFields(x.payload.fee as FeeResult)),
  // 延期答复告知书 (第33条第二款): the new reply deadline, marked when provisional (finding 23).
  extend: (x) => one('extension_notice', extensionFields(x.payload.workingDays, x.clock.replyDue ?? x.on, x.payload.reason, replyProvisionalYears(x.clock))),
  // 延迟答复告知书 (第35条).
  defer: (x) => one('deferral_notice', deferralFields(x.payload.deferredTo, x.payload.reason)),
  // The decision is frozen on the final approval (or on the spot): its reply is rendered and numbered now.
  approve: decisionLetters,
  'on-the-spot-reply': decisionLetters,
  // 送达回证.
  deliver: (x) =>
    one(
      'delivery_receipt',
      deliveryFields(
        `政府信息公开申请答复书（${x.replyDocNumber ?? x.caseNumber}）`,
        x.payload.method,
        x.applicantAddress ?? x.payload.sentTo ?? '',
        x.payload.recipient,
      ),
    ),
  // Closures by a period's expiry (第30条 补正; 109号 缴费): the closing reply.
  CORRECTION_PERIOD_EXPIRED: () => one('reply', {}, 'reply_correction_overdue'),
  FEE_PERIOD_EXPIRED: () => one('reply', {}, 'reply_fee_unpaid'),
};

export function lettersForStep(x: StepLetterInput): LetterEffect[] {
  return STEP_LETTERS[x.step]?.(x) ?? [];
}
