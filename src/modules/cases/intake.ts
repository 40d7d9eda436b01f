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
import { PublicApplicationDto, RegisterCaseDto } from './dto';

/** 条例第29条 contents (applicant, identity document's check digit, contact), beyond what the DTO decorators say. */
function applicantFrom(dto: Pick<RegisterCaseDto, 'applicant'>, errors: FieldError[]) {
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
  if (a.email !== undefined && a.email !== '' && !EMAIL.test(a.email)) {
    errors.push({ field: 'applicant.email', message: 'applicant.email 不是有效的电子邮箱地址' });
  }
  if (a.email === '') delete a.email;
  return a;
}

/** A plain mailbox address (local@domain.tld), no display name, no spaces. */
const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

/** 条例第29条 contents and 第31条 receipt date, checked beyond what the DTO decorators can say. */
export function intakeFrom(dto: RegisterCaseDto, today: string) {
  const errors: FieldError[] = [];
  const a = applicantFrom(dto, errors);
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

/**
 * An application the applicant submits online (POST /public/applications): the contents of
 * 条例第29条 checked as at registration; the channel is online and it arrived now. No receipt date:
 * 条例第三十一条第（三）项 makes it the day the office confirms it. An applicant who asks for the
 * information by e-mail gives the address.
 */
export function onlineApplicationFrom(dto: PublicApplicationDto) {
  const errors: FieldError[] = [];
  const a = applicantFrom(dto, errors);
  if (dto.deliveryMethod === 'email' && !a.email) {
    errors.push({ field: 'applicant.email', message: 'applicant.email：获取方式为电子邮件时须填写电子邮箱' });
  }
  if (dto.website) {
    // The honeypot: a field the page hides from people; only a robot fills it in.
    errors.push({ field: 'website', message: 'website：此栏不应填写，请留空后重新提交' });
  }
  if (errors.length) throw badRequest(`提交的数据有误：${errors[0].message}`, errors);
  const applicantKey = `${a.idType}:${a.idNumber.toUpperCase()}`;
  return { applicant: a, applicantKey, description: dto.description };
}
