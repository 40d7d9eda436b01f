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
  ClosureLetterFacts,
  closureFields,
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
  thirdPartyOverrideFields,
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
  /** The case's latest secrecy review (条例第17条), if any: a state-secret reply gives its date. */
  secrecyReview?: { on: string } | null;
  decided: boolean;
  outcome: OutcomeCode | null;
  /** The latest proposal's recorded payload (its letter fields beyond the machine's context). */
  proposal: (Partial<ReplyFacts> & Record<string, unknown>) | null;
  /** 文号 of the reply being delivered. */
  replyDocNumber: string | null;
  /** A decided (or proposed) closure: the notice it follows and the deadline that passed. */
  closure?: ClosureLetterFacts | null;
}

type Rule = (x: StepLetterInput) => LetterEffect[];

const one = (type: LetterType, fields: Partial<LetterContext>, template: string = type): LetterEffect[] => [{ type, template, fields }];

/**
 * The reply of a decided case, and (条例第32条) the notice to each third party that objected when
 * disclosing anyway: the content decided to be disclosed and the recorded finding, never a
 * standard reason.
 */
const decisionLetters: Rule = (x) => {
  if (!x.decided || !x.outcome) return [];
  // 视为放弃申请 (条例第30条; 第42条): the closing reply the system proposed, now approved by a person.
  // It names the 补正告知书 / 收费通知书 (date, 文号) and the deadline that passed (legal review finding 20).
  if (isClosureOutcome(x.outcome)) return one('reply', x.closure ? closureFields(x.closure) : { outcome: x.outcome }, `reply_${x.outcome}`);
  const proposal = x.proposal ?? { outcome: x.outcome };
  const out: LetterEffect[] = one('reply', replyFields({ ...(proposal as ReplyFacts), outcome: x.outcome }, { consultations: x.consultations, secrecyReview: x.secrecyReview }), `reply_${x.outcome}`);
  if (x.outcome === 'disclose' || x.outcome === 'partial') {
    for (const c of x.consultations.filter((c) => c.party === 'thirdParty' && c.result === 'object')) {
      out.push(...one('third_party_decision_notice', { ...consultationFields('thirdParty', c.name, x.description), ...thirdPartyOverrideFields(proposal) }));
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
  'issue-fee-notice': (x) => one('fee_notice', feeFields(x.payload.fee as FeeResult, x.payload.paymentChannel as string | undefined)),
  // 延期答复告知书 (第33条第二款): the new reply deadline, marked when provisional (finding 23).
  extend: (x) => one('extension_notice', extensionFields(x.payload.workingDays, x.clock.replyDue ?? x.on, x.payload.reason, replyProvisionalYears(x.clock))),
  // 延迟答复告知书 (第35条).
  defer: (x) => one('deferral_notice', deferralFields(x.payload.deferredTo, x.payload.reason)),
  // The decision is frozen on the final approval (or on the spot): its reply is rendered and numbered now.
  approve: decisionLetters,
  'on-the-spot-reply': decisionLetters,
  // 送达回证 (国办公开办函〔2016〕235号): the reply by its own 文号, the person who delivered it, and
  // for post the 邮政企业 and 邮件号 (交邮之日 is the day of delivery).
  deliver: (x) =>
    one(
      'delivery_receipt',
      deliveryFields({
        documentTitle: '政府信息公开申请答复书',
        documentDocNumber: x.replyDocNumber,
        method: x.payload.method,
        address: x.applicantAddress ?? x.payload.sentTo ?? '',
        recipient: x.payload.recipient,
        deliveredBy: x.payload.deliveredByName,
        carrier: x.payload.carrier,
        trackingNumber: x.payload.trackingNumber,
        // 交邮之日 is the step's date (the letter itself is dated the day it is generated).
        deliveredOn: x.on,
      }),
    ),
  // A period's end (CORRECTION_PERIOD_LAPSED, FEE_PERIOD_LAPSED) issues nothing: it only proposes the
  // closure, whose reply is issued on its final approval (above) and delivered like any reply.
};

/** The outcomes of a closure the system proposes when a period runs out (视为放弃申请). */
export function isClosureOutcome(o: OutcomeCode): o is 'correction_overdue' | 'fee_unpaid' {
  return o === 'correction_overdue' || o === 'fee_unpaid';
}

export function lettersForStep(x: StepLetterInput): LetterEffect[] {
  return STEP_LETTERS[x.step]?.(x) ?? [];
}
