/** Field-error helpers for applicant identity (Chinese messages for the UI). */
import { normaliseResidentId, validateResidentId, validateUscc } from './identity';
import type { FieldError } from './receipt-date';

export type IdDocumentType =
  'resident_id' | 'uscc' | 'passport' | 'hk_macao_permit' | 'taiwan_permit' | 'other';

/** Validates an identity document; other documents are accepted as typed text (shared/domain §2). */
export function validateIdDocument(
  type: IdDocumentType,
  number: string,
  field = 'idNumber',
): FieldError[] {
  const v = (number ?? '').trim();
  if (!v) return [{ field, message: '请填写证件号码' }];
  if (type === 'resident_id') {
    if (!/^\d{17}[\dXx]$/.test(v))
      return [{ field, message: '居民身份证号码应为18位（末位可为X）' }];
    if (!validateResidentId(v))
      return [{ field, message: '居民身份证号码校验不通过，请核对出生日期和校验码' }];
  } else if (type === 'uscc') {
    if (v.length !== 18) return [{ field, message: '统一社会信用代码应为18位' }];
    if (!validateUscc(v)) return [{ field, message: '统一社会信用代码校验不通过，请核对' }];
  } else if (v.length > 64) {
    return [{ field, message: '证件号码过长' }];
  }
  return [];
}

/** Normalised number for storage (resident ID / USCC upper-cased). */
export function normaliseIdNumber(type: IdDocumentType, number: string): string {
  return type === 'resident_id' || type === 'uscc' ? normaliseResidentId(number) : number.trim();
}
