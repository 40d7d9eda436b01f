import fc from 'fast-check';
import {
  maskApplicant,
  confirmationDelayProblem,
  confirmationIsLate,
  lateConfirmationFlag,
  maskIdNumber,
  maskPhone,
  mayRevealApplicant,
  normaliseResidentId,
  receiptDate,
  residentIdCheckDigit,
  shanghaiDate,
  usccCheckChar,
  validateIdDocument,
  validateReceiptInput,
  validateResidentId,
  validateUscc,
  ReceiptDateError,
} from '../../../src/domain/intake';

describe('居民身份证 GB 11643-1999', () => {
  it('accepts the standard example and lower-case x', () => {
    expect(validateResidentId('11010519491231002X')).toBe(true);
    expect(validateResidentId('11010519491231002x')).toBe(true);
    expect(normaliseResidentId(' 11010519491231002x ')).toBe('11010519491231002X');
  });
  it('rejects a wrong check digit, wrong length, bad birth dates', () => {
    expect(validateResidentId('110105194912310021')).toBe(false);
    expect(validateResidentId('1101051949123100')).toBe(false);
    expect(validateResidentId('11010519491331002X')).toBe(false);
    const feb30 = '11010520010230001';
    expect(validateResidentId(feb30 + residentIdCheckDigit(feb30))).toBe(false);
    const feb29 = '11010520000229001';
    expect(validateResidentId(feb29 + residentIdCheckDigit(feb29))).toBe(true);
  });
  it('property: any single-digit change of a valid id is rejected', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const base = '11010519491231002X';
        const d = (Number(base[pos]) + delta) % 10;
        const changed = base.slice(0, pos) + d + base.slice(pos + 1);
        return !validateResidentId(changed);
      }),
    );
  });
});

describe('统一社会信用代码 GB 32100-2015', () => {
  it('accepts known codes and rejects altered ones', () => {
    expect(validateUscc('91350100M000100Y43')).toBe(true);
    expect(validateUscc('91350100m000100y43')).toBe(true);
    expect(validateUscc('91350100M000100Y44')).toBe(false);
    expect(validateUscc('91350100M000100Y4')).toBe(false);
    expect(validateUscc('91350100I000100Y43')).toBe(false); // I not in alphabet
  });
  it('check 31 maps to 0', () => {
    // find a prefix whose sum mod 31 is 0 → check char '0'
    const p = '0000000000000000' + '0';
    expect(usccCheckChar(p)).toBe('0');
    expect(validateUscc(p + '0')).toBe(true);
  });
});

describe('maskIdNumber', () => {
  it('keeps first 3 and last 4', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('1234567')).toBe('*******');
  });
});

describe('maskPhone and maskApplicant (issue 11, finding 8)', () => {
  it('keeps the first 3 and the last 4 of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0000-12345678')).toBe('000******5678');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('masks identity number and phone, keeps the rest, and masking twice changes nothing', () => {
    const a = { name: '张三', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812345678', address: '人民路2号' };
    const once = maskApplicant(a);
    expect(once).toEqual({ ...a, idNumber: '110***********002X', phone: '138****5678' });
    expect(maskApplicant(once)).toEqual(once);
    expect(a.idNumber).toBe('11010519491231002X'); // the input is not changed
    expect(maskApplicant({ idNumber: '91350100M000100Y43' })).toEqual({ idNumber: '913***********0Y43' });
  });
});

describe('mayRevealApplicant', () => {
  const c = { departmentId: 'd1', assigneeId: 'u9' };
  const user = (roles: string[], departmentId: string | null = null, id = 'u1') => ({ id, roles, departmentId });
  it('a clerk and legal staff on any case; approvers, admins and office heads never', () => {
    expect(mayRevealApplicant(user(['clerk']), c)).toBe(true);
    expect(mayRevealApplicant(user(['legal']), { departmentId: null, assigneeId: null })).toBe(true);
    for (const r of ['approver', 'admin', 'office_head']) expect(mayRevealApplicant(user([r], 'd1', 'u9'), c)).toBe(false);
  });
  it("a handler on a case of their department or assigned to them", () => {
    expect(mayRevealApplicant(user(['handler'], 'd1'), c)).toBe(true);
    expect(mayRevealApplicant(user(['handler'], 'd2', 'u9'), c)).toBe(true);
    expect(mayRevealApplicant(user(['handler'], 'd2'), c)).toBe(false);
    expect(mayRevealApplicant(user(['handler'], null), { departmentId: null, assigneeId: null })).toBe(false);
  });
});

describe('validateIdDocument', () => {
  it('returns Chinese messages', () => {
    expect(validateIdDocument('resident_id', '11010519491231002X')).toEqual([]);
    expect(validateIdDocument('resident_id', '110105194912310021')[0].message).toMatch(/校验/);
    expect(validateIdDocument('uscc', '123')[0].message).toMatch(/18位/);
    expect(validateIdDocument('passport', 'E12345678')).toEqual([]);
    expect(validateIdDocument('passport', '')[0].message).toMatch(/证件号码/);
  });
});

describe('receiptDate 条例第31条', () => {
  it('uses Shanghai calendar dates', () => {
    expect(shanghaiDate('2026-11-22T23:30+08:00')).toBe('2026-11-22');
    expect(shanghaiDate('2026-11-22T16:30:00Z')).toBe('2026-11-23');
    expect(shanghaiDate('2026-11-22T15:59:59Z')).toBe('2026-11-22');
  });
  it('in person and registered post → arrival day', () => {
    expect(receiptDate({ channel: 'in_person', arrivedAt: '2026-11-22T23:30+08:00' })).toBe(
      '2026-11-22',
    );
    expect(receiptDate({ channel: 'registered_post', arrivedAt: '2026-11-22T17:00:00Z' })).toBe(
      '2026-11-23',
    );
  });
  it('ordinary post / online / fax → confirmation day', () => {
    for (const channel of ['ordinary_post', 'online', 'fax'] as const) {
      expect(
        receiptDate({
          channel,
          arrivedAt: '2026-11-20T10:00+08:00',
          confirmedAt: '2026-11-23T09:00+08:00',
        }),
      ).toBe('2026-11-23');
    }
  });
  it('requires a confirmation not before arrival', () => {
    expect(() => receiptDate({ channel: 'online', arrivedAt: '2026-11-20T10:00+08:00' })).toThrow(
      ReceiptDateError,
    );
    const errs = validateReceiptInput({
      channel: 'fax',
      arrivedAt: '2026-11-20T10:00+08:00',
      confirmedAt: '2026-11-20T09:00+08:00',
    });
    expect(errs).toEqual([{ field: 'confirmedAt', message: '确认时间不得早于申请到达时间' }]);
    expect(validateReceiptInput({ channel: 'in_person', arrivedAt: '2026-11-20' })[0].field).toBe(
      'arrivedAt',
    );
    expect(validateReceiptInput({})).toHaveLength(2);
  });
});

describe('ordinary post: confirmation on the day of arrival (条例第31条第（二）项)', () => {
  const post = (arrivedAt: string, confirmedAt: string) => ({ channel: 'ordinary_post' as const, arrivedAt, confirmedAt });
  it('is late only on a later Asia/Shanghai date, whatever the UTC dates say', () => {
    expect(confirmationIsLate(post('2026-11-20T09:00:00+08:00', '2026-11-20T23:30:00+08:00'))).toBe(false);
    // 00:30 and 23:00 in Shanghai on 20 November; in UTC they fall on the 19th and the 20th.
    expect(confirmationIsLate(post('2026-11-19T16:30:00Z', '2026-11-20T15:00:00Z'))).toBe(false);
    // 23:30 on the 20th, confirmed 08:30 on the 21st (both the 20th in UTC).
    expect(confirmationIsLate(post('2026-11-20T23:30:00+08:00', '2026-11-21T08:30:00+08:00'))).toBe(true);
    expect(confirmationIsLate(post('2026-11-20T09:00:00+08:00', '2026-11-22T10:00:00+08:00'))).toBe(true);
  });
  it('only ordinary letters: registered post, online and fax have no same-day rule', () => {
    for (const channel of ['registered_post', 'online', 'fax', 'in_person'] as const) {
      expect(confirmationIsLate({ channel, arrivedAt: '2026-11-20T09:00:00+08:00', confirmedAt: '2026-11-23T09:00:00+08:00' })).toBe(false);
    }
  });
  it('a late confirmation needs a reason, and a reason needs a late confirmation', () => {
    const late = post('2026-11-20T09:00:00+08:00', '2026-11-22T10:00:00+08:00');
    expect(confirmationDelayProblem(late, undefined)?.field).toBe('confirmationDelayReason');
    expect(confirmationDelayProblem(late, '  ')?.field).toBe('confirmationDelayReason');
    expect(confirmationDelayProblem(late, '到达当日电话无人接听')).toBeNull();
    expect(confirmationDelayProblem(post('2026-11-20T09:00:00+08:00', '2026-11-20T16:00:00+08:00'), '多余')?.field).toBe('confirmationDelayReason');
    expect(confirmationDelayProblem({ channel: 'in_person', arrivedAt: '2026-11-20T09:00:00+08:00' }, undefined)).toBeNull();
  });
  it('the flag names both days and the reason', () => {
    expect(lateConfirmationFlag({ arrivedAt: '2026-11-20T09:00:00+08:00', confirmedAt: '2026-11-22T10:00:00+08:00' }, ' 无法联系 ')).toMatchObject({
      kind: 'late_confirmation',
      article: '条例第31条第（二）项',
      arrivedOn: '2026-11-20',
      confirmedOn: '2026-11-22',
      reason: '无法联系',
    });
  });
});
