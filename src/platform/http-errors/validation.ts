import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppException, FieldError } from './app-exception';

/** Chinese message per class-validator constraint; `{f}` is the field path. */
const MESSAGES: Record<string, string> = {
  whitelistValidation: '不允许的字段 {f}',
  isDefined: '{f} 为必填项',
  isNotEmpty: '{f} 不能为空',
  isString: '{f} 必须是文本',
  isInt: '{f} 必须是整数',
  isNumber: '{f} 必须是数字',
  isBoolean: '{f} 必须是 true 或 false',
  isArray: '{f} 必须是数组',
  isObject: '{f} 必须是对象',
  isUuid: '{f} 必须是有效的编号（UUID）',
  isUUID: '{f} 必须是有效的编号（UUID）',
  isEmail: '{f} 必须是有效的电子邮箱地址',
  isIn: '{f} 的取值不在允许范围内',
  isEnum: '{f} 的取值不在允许范围内',
  min: '{f} 不能小于允许的最小值',
  max: '{f} 不能大于允许的最大值',
  minLength: '{f} 长度不足',
  maxLength: '{f} 超过允许的长度',
  arrayNotEmpty: '{f} 至少需要一项',
  arrayMinSize: '{f} 项数不足',
  arrayMaxSize: '{f} 项数过多',
  isDateString: '{f} 必须是带时区的日期时间（如 2026-02-13T10:05:00+08:00）',
  isISO8601: '{f} 必须是带时区的日期时间（如 2026-02-13T10:05:00+08:00）',
  matches: '{f} 格式不正确',
  nestedValidation: '{f} 格式不正确',
};

/** Custom validators put their Chinese message in the constraint text itself (prefixed with "中文:"). */
function messageFor(constraint: string, text: string, field: string): string {
  if (text.startsWith('中文:')) return text.slice(3).replace('{f}', field);
  const tpl = MESSAGES[constraint] ?? '{f} 不符合要求';
  return tpl.replace('{f}', field);
}

const PRIORITY = ['whitelistValidation', 'isDefined', 'isNotEmpty', 'isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject', 'isIn', 'isEnum'];
function rank(constraint: string): number {
  const i = PRIORITY.indexOf(constraint);
  return i === -1 ? PRIORITY.length : i;
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    if (e.constraints) {
      // One message per field: a missing value says so; otherwise the most basic rule that failed.
      const entries = Object.entries(e.constraints);
      if (e.value === undefined && !('whitelistValidation' in e.constraints)) {
        out.push({ field, message: `${field} 为必填项` });
      } else {
        const [name, text] = entries.sort((a, b) => rank(a[0]) - rank(b[0]))[0];
        out.push({ field, message: messageFor(name, text, field) });
      }
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      const first = fieldErrors[0];
      return new AppException(
        400,
        'VALIDATION_FAILED',
        first ? `提交的数据有误：${first.message}` : '提交的数据有误',
        fieldErrors,
      );
    },
  });
}
