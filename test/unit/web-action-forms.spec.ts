/**
 * Every field of every action's DTO (what POST /cases/:id/actions/<action> accepts) has a control on
 * the case page's form for it (src/web/src/actions.ts), or is left off for a stated reason: a
 * field the clerk cannot enter is a step the UI cannot take.
 */
import { getMetadataStorage } from 'class-validator';
import { CASE_ACTIONS, type CaseAction } from '../../src/domain/workflow';
import * as d from '../../src/modules/cases/dto';
import { ACTION_FIELDS } from '../../src/web/src/actions';

const DTOS: Record<CaseAction, new () => object> = {
  'confirm-receipt': d.ConfirmReceiptDto,
  accept: d.ActionDto,
  'request-correction': d.RequestCorrectionDto,
  'receive-correction': d.ActionDto,
  assign: d.AssignDto,
  'start-consultation': d.StartConsultationDto,
  'close-consultation': d.CloseConsultationDto,
  'issue-fee-notice': d.IssueFeeNoticeDto,
  'record-payment': d.RecordPaymentDto,
  extend: d.ExtendDto,
  defer: d.DeferDto,
  'request-reasons': d.ActionDto,
  'record-reasons': d.RecordReasonsDto,
  'record-secrecy-review': d.SecrecyReviewDto,
  propose: d.ProposeDto,
  'submit-for-approval': d.ActionDto,
  approve: d.ActionDto,
  return: d.ReturnDto,
  deliver: d.DeliverDto,
  withdraw: d.ActionDto,
  archive: d.ActionDto,
  'record-reconsideration': d.RecordReconsiderationDto,
  'record-litigation': d.RecordLitigationDto,
  'on-the-spot-reply': d.OnTheSpotReplyDto,
  'record-letter-receipt': d.RecordLetterReceiptDto,
  'record-good-reason': d.RecordGoodReasonDto,
  'close-lapsed': d.ActionDto,
};

/** The fields every action form has in its 补录与备注 part, or that the page fills in itself. */
const COMMON = ['expectedVersion', 'occurredOn', 'backdateReason', 'note'];

/** Fields deliberately not on a form, each with why. */
const OFF_FORM: Record<string, string> = {
  'start-consultation.secrecyReferral': 'the older spelling of basis: secrecyReferral, which the form offers',
  'confirm-receipt.confirmedAt': 'the page sends the moment the clerk confirms (CasePage run()): the confirmation is that click',
  'assign.assigneeId':
    "naming one handler needs the department's user list, which only an admin may read; the department's handlers find the case in their worklist",
};

function dtoFields(cls: new () => object): string[] {
  const names = getMetadataStorage()
    .getTargetValidationMetadatas(cls, '', true, false)
    .map((m) => m.propertyName);
  return [...new Set(names)].filter((n) => !COMMON.includes(n));
}

describe('case page action forms cover the API', () => {
  it('has a form for every action', () => {
    expect(Object.keys(ACTION_FIELDS).sort()).toEqual([...CASE_ACTIONS].sort());
  });

  it.each([...CASE_ACTIONS])('%s: every DTO field is on the form', (action) => {
    const onForm = new Set(ACTION_FIELDS[action].map((f) => f.key.split('.')[0]));
    const missing = dtoFields(DTOS[action]).filter((n) => !onForm.has(n) && !OFF_FORM[`${action}.${n}`]);
    expect(missing).toEqual([]);
  });

  it('reads the DTOs it checks (a DTO with fields yields them)', () => {
    expect(dtoFields(d.RecordLetterReceiptDto).sort()).toEqual(['letterId', 'receivedOn']);
  });
});
