import {
  confirmationDelayProblem,
  confirmationIsLate,
  lateConfirmationFlag,
  type LateConfirmationFlag,
  needsConfirmation as confirmationChannel,
  normaliseResidentId,
  receiptDate,
  REGULATION_EFFECTIVE_FROM,
  validateResidentId,
  validateUscc,
} from '../../domain/intake';
import { badRequest } from '../../platform/http-errors/app-exception';
import { FieldError } from '../../platform/http-errors/app-exception';
import { RegisterCaseDto } from './dto';

/** 条例第29条 contents and 第31条 receipt date, checked beyond what the DTO decorators can say. */
export function intakeFrom(dto: RegisterCaseDto, today: string) {
  const errors: FieldError[] = [];
  const a = { ...dto.applicant };
  if (a.idType === 'resident_id') {
    a.idNumber = normaliseResidentId(a.idNumber);
    if (!validateResidentId(a.idNumber)) {
      errors.push({ field: 'applicant.idNumber', message: 'applicant.idNumber 不是有效的居民身份证号码（GB 11643 校验位不符）' });
    }
  } else if (a.idType === 'uscc') {
    a.idNumber = a.idNumber.toUpperCase();
    if (!validateUscc(a.idNumber)) {
      errors.push({ field: 'applicant.idNumber', message: 'applicant.idNumber 不是有效的统一社会信用代码（GB 32100 校验位不符）' });
    }
  }
  if (a.type === 'natural' && a.category !== 'natural_person') {
    errors.push({ field: 'applicant.category', message: 'applicant.category：自然人申请人的类别应为 natural_person' });
  }
  if (a.type === 'organisation' && a.category === 'natural_person') {
    errors.push({ field: 'applicant.category', message: 'applicant.category：法人或其他组织不能选择 natural_person' });
  }
  if (!a.phone && !a.address) {
    errors.push({ field: 'applicant.phone', message: 'applicant.phone 与 applicant.address 至少填写一项（条例第29条：联系方式）' });
  }
  const needsConfirmation = confirmationChannel(dto.channel);
  if (needsConfirmation && !dto.confirmedAt) {
    errors.push({ field: 'confirmedAt', message: 'confirmedAt：平常信函、互联网、传真提交的申请须填写与申请人确认的时间（条例第31条）' });
  }
  const arrived = Date.parse(dto.arrivedAt);
  if (arrived > Date.now() + 60_000) errors.push({ field: 'arrivedAt', message: 'arrivedAt 不能晚于当前时间' });
  if (dto.arrivedAt && arrived < Date.parse(REGULATION_EFFECTIVE_FROM)) {
    errors.push({ field: 'arrivedAt', message: 'arrivedAt 不能早于 2019年5月15日（修订后的条例施行之日）' });
  }
  if (dto.confirmedAt) {
    const confirmed = Date.parse(dto.confirmedAt);
    if (confirmed < arrived) errors.push({ field: 'confirmedAt', message: 'confirmedAt 不能早于 arrivedAt' });
    if (confirmed > Date.now() + 60_000) errors.push({ field: 'confirmedAt', message: 'confirmedAt 不能晚于当前时间' });
  }
  // 条例第31条第（二）项: an ordinary letter is confirmed on the day it arrives, or the delay is explained.
  const timesValid = !errors.some((e) => e.field === 'arrivedAt' || e.field === 'confirmedAt');
  const delay = timesValid ? confirmationDelayProblem(dto, dto.confirmationDelayReason) : null;
  if (delay) errors.push(delay);
  if (errors.length) throw badRequest(`提交的数据有误：${errors[0].message}`, errors);
  const date = receiptDate({
    channel: dto.channel,
    arrivedAt: dto.arrivedAt,
    confirmedAt: needsConfirmation ? dto.confirmedAt : undefined,
  });
  if (date > today) throw badRequest('收到申请之日不能晚于今天', [{ field: 'arrivedAt', message: 'arrivedAt 不能晚于今天' }]);
  const applicantKey = `${a.idType}:${a.idNumber.toUpperCase()}`;
  const flags: LateConfirmationFlag[] = confirmationIsLate(dto)
    ? [lateConfirmationFlag({ arrivedAt: dto.arrivedAt, confirmedAt: dto.confirmedAt as string }, dto.confirmationDelayReason as string)]
    : [];
  return { applicant: a, applicantKey, receiptDate: date, description: dto.description, flags };
}
