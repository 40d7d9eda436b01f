import type { WorkingCalendar } from '../../../src/domain/calendar';
import type { ClockResult } from '../../../src/domain/deadlines';
import { ELECTRONIC_DELIVERY_IRREGULARITY } from '../../../src/domain/workflow/commands';
import { AppException } from '../../../src/platform/http-errors/app-exception';
import type { AuthUser } from '../../../src/platform/auth/auth-user';
import type { Agency } from '../../../src/modules/agencies/agency';
import { CommandContext, CommandLookups, commandFor } from '../../../src/modules/cases/command-handlers';
import { contextOf, initialSnapshot } from '../../../src/modules/cases/workflow-adapter';

/** The action handlers without a database: the look-ups are fakes. */
const user = { id: 'u-1', agencyId: 'a-1', roles: ['handler'], displayName: '李四', username: 'lisi' } as unknown as AuthUser;
const on = '2026-03-03';

function ctx(over: Partial<CommandContext> = {}, lookups: Partial<CommandLookups> = {}): CommandContext {
  return {
    user,
    occurredOn: on,
    context: contextOf(initialSnapshot({ caseId: 'c-1', receiptDate: '2026-03-02' }).snapshot),
    requestedDeliveryMethod: 'post',
    clock: { replyDue: '2026-03-30', correctionNoticeDue: '2026-03-11' } as ClockResult,
    agency: { id: 'a-1', settings: { feePaymentChannel: '非税收入缴款码', reconsiderationOnlineChannel: '某市行政复议网上申请平台' } } as unknown as Agency,
    calendar: { addWorkingDays: () => '2026-03-24' } as unknown as WorkingCalendar,
    lookups: {
      departmentName: async () => '办公室',
      isActiveHandler: async () => true,
      applicantApplicationsInMonth: async () => [{ id: 'c-1', receiptDate: '2026-03-02', order: 1, items: 1 }],
      caseLetters: async () => [],
      latestProposalPayload: async () => null,
      ...lookups,
    },
    ...over,
  };
}

async function refusal(p: Promise<unknown>): Promise<AppException> {
  try {
    await p;
  } catch (e) {
    return e as AppException;
  }
  throw new Error('expected a refusal');
}

describe('action handlers (src/modules/cases/command-handlers.ts)', () => {
  it('builds the machine event with date and actor, and records the DTO fields beside the event fields', async () => {
    const c = await commandFor('accept', { expectedVersion: 3, occurredOn: on, note: '受理' }, ctx());
    expect(c.type).toBe('ACCEPT');
    expect(c.machineEvent).toEqual({ type: 'ACCEPT', on, actorId: 'u-1', actorRoles: ['handler'] });
    expect(c.payload).toEqual({ note: '受理' });
  });

  it('assign: records the department name; an unknown department or assignee is refused', async () => {
    const ok = await commandFor('assign', { expectedVersion: 1, departmentId: 'd-1' }, ctx());
    expect(ok.machineEvent).toMatchObject({ type: 'ASSIGN', departmentId: 'd-1' });
    expect(ok.machineEvent).not.toHaveProperty('assigneeId'); // undefined stripped
    expect(ok.payload).toEqual({ departmentId: 'd-1', departmentName: '办公室' });
    const noDept = await refusal(commandFor('assign', { expectedVersion: 1, departmentId: 'd-x' }, ctx({}, { departmentName: async () => null })));
    expect(noDept.getStatus()).toBe(404);
    const noUser = await refusal(
      commandFor('assign', { expectedVersion: 1, departmentId: 'd-1', assigneeId: 'u-x' }, ctx({}, { isActiveHandler: async () => false })),
    );
    expect(noUser.getStatus()).toBe(400);
  });

  it('issue-fee-notice: within the reply period and with the payment channel stated (109号; legal review 21)', async () => {
    const late = await refusal(commandFor('issue-fee-notice', { expectedVersion: 1, method: 'per_page', pages: 200 }, ctx({ occurredOn: '2026-03-31' })));
    expect([late.getStatus(), late.code]).toEqual([409, 'FEE_NOTICE_AFTER_DEADLINE']);
    const noChannel = await refusal(
      commandFor('issue-fee-notice', { expectedVersion: 1, method: 'per_page', pages: 200 }, ctx({ agency: { id: 'a-1', settings: {} } as Agency })),
    );
    expect([noChannel.getStatus(), noChannel.code]).toEqual([409, 'FEE_PAYMENT_CHANNEL_REQUIRED']);
    const ok = await commandFor('issue-fee-notice', { expectedVersion: 1, method: 'per_page', pages: 200 }, ctx());
    expect(ok.payload).toMatchObject({ paymentChannel: '非税收入缴款码' });
  });

  it('issue-fee-notice: per item counts the applicant\'s applications received before this one in its month; per page looks nothing up', async () => {
    // 国办函〔2020〕109号第四条: ten earlier applications of the month (one of 2 件, one received later, one in February).
    const month = [
      ...Array.from({ length: 9 }, (_, i) => ({ id: `e-${i}`, receiptDate: '2026-03-01', order: i + 1, items: 1 })),
      { id: 'e-9', receiptDate: '2026-03-02', order: 10, items: 2 },
      { id: 'c-1', receiptDate: '2026-03-02', order: 11, items: 1 },
      { id: 'later', receiptDate: '2026-03-02', order: 12, items: 5 },
      { id: 'feb', receiptDate: '2026-02-27', order: 3, items: 5 },
    ];
    const perItem = await commandFor('issue-fee-notice', { expectedVersion: 1, method: 'per_item', items: 12 }, ctx({}, { applicantApplicationsInMonth: async () => month }));
    // 11 件 before: this application's 12 件 are the month's 12th to 23rd, at 100 元.
    // Posted (the applicant asked for post): the 20 WD run from a receipt not known yet (109号), no due date.
    expect(perItem.machineEvent).toMatchObject({ method: 'per_item', items: 12, amount: 1200, deliveryMethod: 'post' });
    expect(perItem.machineEvent).not.toHaveProperty('dueOn');
    expect(perItem.payload).toMatchObject({ method: 'per_item', items: 12, pages: null, dueOn: null });
    // Sent electronically, it is received today: the due date is known.
    const emailed = await commandFor('issue-fee-notice', { expectedVersion: 1, method: 'per_item', items: 12, deliveryMethod: 'electronic' }, ctx({}, { applicantApplicationsInMonth: async () => month }));
    expect(emailed.machineEvent).toMatchObject({ deliveryMethod: 'electronic', dueOn: '2026-03-24' });
    const online = await commandFor('issue-fee-notice', { expectedVersion: 1, method: 'per_item' }, ctx({ requestedDeliveryMethod: 'online' }, { applicantApplicationsInMonth: async () => month }));
    expect(online.machineEvent).toMatchObject({ deliveryMethod: 'electronic', dueOn: '2026-03-24' });
    const byDefault = await commandFor('issue-fee-notice', { expectedVersion: 1, method: 'per_item' }, ctx({}, { applicantApplicationsInMonth: async () => month }));
    expect(byDefault.machineEvent).toMatchObject({ items: 1, amount: 100 });
    const perPage = await commandFor(
      'issue-fee-notice',
      { expectedVersion: 1, method: 'per_page', pages: 10 },
      ctx({}, { applicantApplicationsInMonth: async () => { throw new Error('not for per_page'); } }),
    );
    expect(perPage.machineEvent).toMatchObject({ method: 'per_page', amount: 0 });
    const bad = await refusal(commandFor('issue-fee-notice', { expectedVersion: 1, method: 'per_item', pages: 3 }, ctx()));
    expect(bad.getStatus()).toBe(400);
  });

  it('start-consultation numbers the consultation and records its id', async () => {
    const c = await commandFor('start-consultation', { expectedVersion: 1, party: 'thirdParty', name: '某公司' }, ctx());
    expect(c.machineEvent).toMatchObject({ consultationId: 'C1', sentOn: on });
    expect(c.payload).toMatchObject({ consultationId: 'C1' });
  });

  it('start-consultation: a letter goes by post unless said otherwise; an agency is a co-producer unless a basis says otherwise (findings 1, 10)', async () => {
    const third = await commandFor('start-consultation', { expectedVersion: 1, party: 'thirdParty', name: '某公司' }, ctx());
    expect(third.machineEvent).toMatchObject({ deliveryMethod: 'post' });
    expect(third.machineEvent).not.toHaveProperty('basis');
    const agency = await commandFor('start-consultation', { expectedVersion: 1, party: 'agency', name: '县财政局', deliveryMethod: 'electronic' }, ctx());
    expect(agency.machineEvent).toMatchObject({ basis: 'coProducer', deliveryMethod: 'electronic' });
    const referral = await commandFor('start-consultation', { expectedVersion: 1, party: 'agency', name: '县保密局', secrecyReferral: true }, ctx());
    expect(referral.machineEvent).toMatchObject({ basis: 'secrecyReferral' });
    for (const [body, field] of [
      [{ party: 'thirdParty', basis: 'other' }, 'basis'],
      [{ party: 'thirdParty', secrecyReferral: true }, 'secrecyReferral'],
      [{ party: 'agency', basis: 'other', secrecyReferral: true }, 'secrecyReferral'],
    ] as const) {
      const e = await refusal(commandFor('start-consultation', { expectedVersion: 1, name: '某单位', ...body }, ctx()));
      expect([e.getStatus(), e.errors?.[0]?.field]).toEqual([400, field]);
    }
  });

  it('applicant notices go the way the applicant asked to receive the information, by post for pickup (finding 1)', async () => {
    for (const [requested, method] of [['post', 'post'], ['pickup', 'post'], ['email', 'electronic'], ['online', 'electronic']] as const) {
      const c = await commandFor('request-correction', { expectedVersion: 1, items: ['请写明文号'] }, ctx({ requestedDeliveryMethod: requested }));
      expect([requested, c.machineEvent]).toMatchObject([requested, { deliveryMethod: method }]);
    }
    const handed = await commandFor('extend', { expectedVersion: 1, workingDays: 5, reason: '需要', deliveryMethod: 'in_person' }, ctx());
    expect(handed.machineEvent).toMatchObject({ deliveryMethod: 'in_person' });
  });

  it('record-letter-receipt names the letter of the case with its type, issue date and consultation, and refuses another one (404)', async () => {
    const letters = [
      { letterId: 'L-1', letterType: 'third_party_consultation', docNumber: '示范告〔2026〕1号', issuedOn: '2026-03-02', consultationId: 'C1' },
      { letterId: 'L-2', letterType: 'extension_notice', docNumber: '示范告〔2026〕2号', issuedOn: '2026-03-02' },
    ];
    const c = await commandFor('record-letter-receipt', { expectedVersion: 1, letterId: 'L-1', receivedOn: '2026-03-03' }, ctx({}, { caseLetters: async () => letters }));
    expect(c.machineEvent).toMatchObject({ letterId: 'L-1', letterType: 'third_party_consultation', letterIssuedOn: '2026-03-02', consultationId: 'C1', receivedOn: '2026-03-03' });
    expect(c.payload).toMatchObject({ docNumber: '示范告〔2026〕1号' });
    const none = await refusal(commandFor('record-letter-receipt', { expectedVersion: 1, letterId: 'L-9', receivedOn: '2026-03-03' }, ctx({}, { caseLetters: async () => letters })));
    expect(none.getStatus()).toBe(404);
  });

  it('extend needs a reply deadline (条例第三十三条第二款)', async () => {
    const e = await refusal(
      commandFor('extend', { expectedVersion: 1, workingDays: 5, reason: '需要' }, ctx({ clock: { replyDue: null } as unknown as ClockResult })),
    );
    expect(e.code).toBe('EXTENSION_WITHOUT_REPLY_DEADLINE');
    const ok = await commandFor('extend', { expectedVersion: 1, workingDays: 5, reason: '需要' }, ctx());
    expect(ok.payload).toMatchObject({ replyDueBefore: '2026-03-30', approvedBy: 'u-1' });
  });

  it('deliver maps the method and records an electronic delivery the applicant did not ask for', async () => {
    const c = await commandFor('deliver', { expectedVersion: 1, method: 'online', recipient: '王五', sentTo: 'w@example.cn' }, ctx());
    expect(c.machineEvent).toMatchObject({ method: 'electronic', proof: '发送至：w@example.cn' });
    expect(c.payload).toMatchObject({ method: 'electronic', irregularity: ELECTRONIC_DELIVERY_IRREGULARITY });
    const asked = await commandFor('deliver', { expectedVersion: 1, method: 'online', recipient: '王五' }, ctx({ requestedDeliveryMethod: 'online' }));
    expect(asked.payload).not.toHaveProperty('irregularity');
    // The system's own e-mail (outbox): only when asked for, to the address given; its Message-ID is the proof.
    const notAsked = await refusal(commandFor('deliver', { expectedVersion: 1, method: 'email', recipient: '王五' }, ctx({ applicantEmail: 'w@example.cn' })));
    expect([notAsked.getStatus(), notAsked.code]).toEqual([409, 'ELECTRONIC_DELIVERY_NOT_REQUESTED']);
    const byEmail = await commandFor('deliver', { expectedVersion: 1, method: 'email', recipient: '王五' }, ctx({ requestedDeliveryMethod: 'email', applicantEmail: 'w@example.cn', deliveryMessageId: '<m1@example.gov.cn>' }));
    expect(byEmail.machineEvent).toMatchObject({ method: 'electronic', proof: expect.stringContaining('<m1@example.gov.cn>') });
    expect(byEmail.payload).toMatchObject({ sentTo: 'w@example.cn', messageId: '<m1@example.gov.cn>' });
  });

  it('deliver by post records the 邮政企业 (default 中国邮政) and 邮件号, and who delivered (国办公开办函〔2016〕235号)', async () => {
    const c = await commandFor('deliver', { expectedVersion: 1, method: 'post', recipient: '王五', trackingNumber: 'XA1CN' }, ctx());
    expect(c.machineEvent).toMatchObject({ method: 'post', carrier: '中国邮政', trackingNumber: 'XA1CN' });
    expect(c.payload).toMatchObject({ carrier: '中国邮政', deliveredByName: '李四' });
    const noNumber = await refusal(commandFor('deliver', { expectedVersion: 1, method: 'post', recipient: '王五' }, ctx()));
    expect([noNumber.getStatus(), noNumber.errors?.[0].field]).toEqual([400, 'trackingNumber']);
  });

  it('submit-for-approval takes the agency chain or one step by any approver', async () => {
    const d = await commandFor('submit-for-approval', { expectedVersion: 1 }, ctx());
    expect(d.machineEvent).toMatchObject({ chain: [{ step: 'approver' }] });
    const chain = [{ step: '科室负责人' }, { step: '公开办主任' }];
    const c = await commandFor('submit-for-approval', { expectedVersion: 1 }, ctx({ agency: { settings: { approvalChain: chain } } as unknown as Agency }));
    expect(c.machineEvent).toMatchObject({ chain });
  });

  it('record-litigation checks the dates and keeps afterReconsideration', async () => {
    const bad = await refusal(
      commandFor('record-litigation', { expectedVersion: 1, filedOn: '2026-03-04', result: 'pending', afterReconsideration: false }, ctx()),
    );
    expect(bad.getStatus()).toBe(400);
    const ok = await commandFor('record-litigation', { expectedVersion: 1, filedOn: '2026-03-01', result: 'pending', afterReconsideration: true }, ctx());
    expect(ok.machineEvent).toMatchObject({ type: 'RECORD_LITIGATION', filedOn: '2026-03-01', afterReconsideration: true });
  });
});
