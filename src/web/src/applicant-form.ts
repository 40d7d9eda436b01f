/**
 * The applicant part of an application (条例第29条: name or title, identity document, contact), as
 * the clerk's intake form (登记) and the applicant's own online form (网上申请) both take it: one
 * home for its state, the live check-digit validation and the request body.
 */
import { computed, reactive } from 'vue';
// The domain's own checks (one home per rule): the same code the server runs.
import { validateIdDocument, type IdDocumentType } from '../../domain/intake/validation';

export interface ApplicantForm {
  type: 'natural' | 'organisation';
  category: string;
  name: string;
  idType: IdDocumentType;
  idNumber: string;
  phone: string;
  address: string;
  email: string;
}

export function useApplicantForm() {
  const a = reactive<ApplicantForm>({
    type: 'natural',
    category: 'natural_person',
    name: '',
    idType: 'resident_id',
    idNumber: '',
    phone: '',
    address: '',
    email: '',
  });
  const touched = reactive({ idNumber: false });

  /** A person is counted as 自然人 with a 居民身份证 by default; an organisation with its 统一社会信用代码. */
  function onTypeChange() {
    if (a.type === 'natural') {
      a.category = 'natural_person';
      if (a.idType === 'uscc') a.idType = 'resident_id';
    } else {
      if (a.category === 'natural_person') a.category = 'commercial';
      a.idType = 'uscc';
    }
  }

  // Judged once the number could be whole (18 characters) or the field was left: no red while typing.
  const idComplete = computed(() => touched.idNumber || a.idNumber.trim().length >= 18 || !['resident_id', 'uscc'].includes(a.idType));
  const idError = computed(() => {
    if (!a.idNumber.trim()) return touched.idNumber ? '请填写证件号码' : '';
    return idComplete.value ? (validateIdDocument(a.idType, a.idNumber)[0]?.message ?? '') : '';
  });
  const emailError = computed(() => {
    const e = a.email.trim();
    return !e || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) ? '' : '电子邮箱格式不正确';
  });

  /** What keeps the form from being sent, in Chinese (the server checks it all again). */
  function problems(): string[] {
    touched.idNumber = true;
    return [a.name.trim() ? '' : '请填写姓名或名称', validateIdDocument(a.idType, a.idNumber)[0]?.message ?? '', emailError.value].filter(Boolean);
  }

  /** The `applicant` of POST /cases and POST /public/applications: empty contact fields left out. */
  function body() {
    return {
      type: a.type,
      category: a.type === 'natural' ? 'natural_person' : a.category,
      name: a.name.trim(),
      idType: a.idType,
      idNumber: a.idNumber.trim(),
      ...(a.phone.trim() ? { phone: a.phone.trim() } : {}),
      ...(a.address.trim() ? { address: a.address.trim() } : {}),
      ...(a.email.trim() ? { email: a.email.trim() } : {}),
    };
  }

  return { a, touched, onTypeChange, idError, emailError, problems, body };
}

export type ApplicantFormState = ReturnType<typeof useApplicantForm>;
