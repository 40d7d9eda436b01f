import {
  approvalChainOrDefault,
  deliveryMethodOf,
  deliveryProof,
  ELECTRONIC_DELIVERY_IRREGULARITY,
  electronicDeliveryIrregularity,
  nextConsultationId,
  POSTAL_CARRIER_IRREGULARITY,
  postalCarrierIrregularity,
  postalDeliveryFields,
  remedyDateProblem,
} from '../../../src/domain/workflow/commands';

describe('action handler rules (src/domain/workflow/commands.ts)', () => {
  describe('deliveryMethodOf', () => {
    it('maps email and online to electronic, another agency to via_agency', () => {
      expect(deliveryMethodOf('in_person')).toBe('in_person');
      expect(deliveryMethodOf('post')).toBe('post');
      expect(deliveryMethodOf('email')).toBe('electronic');
      expect(deliveryMethodOf('online')).toBe('electronic');
      expect(deliveryMethodOf('other_agency')).toBe('via_agency');
    });
  });

  describe('deliveryProof', () => {
    it('joins what is given, in a fixed order', () => {
      expect(deliveryProof({ viaAgency: '某区政府', signedBy: '张三' })).toBe('签收人：张三；代为送达：某区政府');
      expect(deliveryProof({ sentTo: 'a@example.cn' })).toBe('发送至：a@example.cn');
    });
    it('is absent without any proof', () => {
      expect(deliveryProof({})).toBeUndefined();
      expect(deliveryProof({ signedBy: '' })).toBeUndefined();
    });
  });

  describe('postalDeliveryFields (国办公开办函〔2016〕235号: 邮政企业, 交邮之日)', () => {
    it('a postal delivery needs its 邮件号 and defaults the carrier to 中国邮政', () => {
      expect(postalDeliveryFields({ method: 'post', trackingNumber: 'XA1CN' })).toEqual({ carrier: '中国邮政', problem: null });
      expect(postalDeliveryFields({ method: 'post', trackingNumber: 'XA1CN', carrier: ' 中国邮政速递物流（EMS） ' }).carrier).toBe('中国邮政速递物流（EMS）');
      expect(postalDeliveryFields({ method: 'post' }).problem?.field).toBe('trackingNumber');
      expect(postalDeliveryFields({ method: 'post', trackingNumber: ' ' }).problem?.field).toBe('trackingNumber');
    });
    it('the other methods take no carrier', () => {
      expect(postalDeliveryFields({ method: 'in_person' })).toEqual({ carrier: null, problem: null });
      expect(postalDeliveryFields({ method: 'email', carrier: '中国邮政' }).problem?.field).toBe('carrier');
    });
    it('a carrier that is not a 邮政企业 is recorded as an irregularity', () => {
      expect(postalCarrierIrregularity('顺丰速运')).toBe(POSTAL_CARRIER_IRREGULARITY);
      expect(postalCarrierIrregularity('中国邮政')).toBeNull();
      expect(postalCarrierIrregularity('EMS')).toBeNull();
      expect(postalCarrierIrregularity(null)).toBeNull();
    });
  });

  describe('electronicDeliveryIrregularity (国办公开办函〔2016〕235号)', () => {
    it('flags electronic delivery the applicant did not ask for', () => {
      expect(electronicDeliveryIrregularity('email', 'post')).toBe(ELECTRONIC_DELIVERY_IRREGULARITY);
      expect(electronicDeliveryIrregularity('online', 'pickup')).toBe(ELECTRONIC_DELIVERY_IRREGULARITY);
    });
    it('accepts electronic delivery where asked for, and any other delivery', () => {
      expect(electronicDeliveryIrregularity('email', 'online')).toBeNull();
      expect(electronicDeliveryIrregularity('online', 'email')).toBeNull();
      expect(electronicDeliveryIrregularity('post', 'email')).toBeNull();
      expect(electronicDeliveryIrregularity('in_person', 'post')).toBeNull();
    });
  });

  describe('remedyDateProblem (复议、诉讼 dates)', () => {
    const on = '2026-05-10';
    it('refuses a decision date while pending', () => {
      expect(remedyDateProblem({ filedOn: '2026-05-01', result: 'pending', decidedOn: '2026-05-05' }, on)).toMatchObject({ field: 'decidedOn' });
    });
    it('refuses a decision before the filing', () => {
      expect(remedyDateProblem({ filedOn: '2026-05-01', result: 'upheld', decidedOn: '2026-04-30' }, on)).toEqual({
        field: 'decidedOn',
        message: '审结日期不能早于申请（起诉）日期',
        fieldMessage: 'decidedOn 不能早于 filedOn',
      });
    });
    it('refuses a filing after the day it is recorded', () => {
      expect(remedyDateProblem({ filedOn: '2026-05-11', result: 'pending' }, on)).toMatchObject({ field: 'filedOn' });
    });
    it('accepts consistent dates (same day included)', () => {
      expect(remedyDateProblem({ filedOn: '2026-05-01', result: 'pending' }, on)).toBeNull();
      expect(remedyDateProblem({ filedOn: on, result: 'corrected', decidedOn: on }, on)).toBeNull();
    });
  });

  describe('approvalChainOrDefault', () => {
    it('is one step by any approver without a configured chain', () => {
      expect(approvalChainOrDefault(undefined)).toEqual([{ step: 'approver' }]);
      expect(approvalChainOrDefault([])).toEqual([{ step: 'approver' }]);
    });
    it('keeps a configured chain in order', () => {
      const chain = [{ step: '科室负责人' }, { step: '公开办主任', approverId: 'u-1' }];
      expect(approvalChainOrDefault(chain)).toEqual(chain);
    });
  });

  describe('nextConsultationId', () => {
    it('numbers consultations C1, C2, … in order', () => {
      expect(nextConsultationId([])).toBe('C1');
      expect(nextConsultationId([{ id: 'C1' }, { id: 'C2' }])).toBe('C3');
    });
  });
});

describe('electronic service of a reply (行政复议法第二十二条第二款; legal review 9)', () => {
  it('refuses e-mail or online service of a letter with a remedy clause while the online filing channel is not set', async () => {
    const { electronicServiceProblem } = await import('../../../src/domain/workflow/commands');
    expect(electronicServiceProblem('email', true, undefined)).toMatch(/第二十二条第二款/);
    expect(electronicServiceProblem('online', true, '  ')).toMatch(/互联网申请渠道/);
    expect(electronicServiceProblem('email', true, '某市行政复议网上申请平台')).toBeNull();
    expect(electronicServiceProblem('email', false, undefined)).toBeNull(); // no remedy clause (e.g. 撤回)
    expect(electronicServiceProblem('post', true, undefined)).toBeNull();
    expect(electronicServiceProblem('in_person', true, undefined)).toBeNull();
  });
});

describe('fee notice timing and payment channel (国办函〔2020〕109号; legal review 21)', () => {
  it('only within the reply period, and only with a payment channel to state', async () => {
    const { feeNoticeProblem } = await import('../../../src/domain/fees');
    expect(feeNoticeProblem('2026-03-30', '2026-03-30', '缴款码')).toBeNull();
    expect(feeNoticeProblem('2026-03-31', '2026-03-30', '缴款码')?.code).toBe('FEE_NOTICE_AFTER_DEADLINE');
    expect(feeNoticeProblem('2026-03-20', '2026-03-30', '')?.code).toBe('FEE_PAYMENT_CHANNEL_REQUIRED');
    expect(feeNoticeProblem('2026-03-20', null, '缴款码')).toBeNull();
  });
});
