import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** One field's problem in a 400 answer. */
export class FieldErrorResponse {
  @ApiProperty({ type: String, example: 'applicant.idNumber', description: '字段路径（嵌套字段以点号连接，数组下标写作 [i]）' })
  field!: string;
  @ApiProperty({ type: String, example: 'applicant.idNumber 不是有效的居民身份证号码（GB 11643 校验位不符）' })
  message!: string;
}

/**
 * The one error shape every failure answers with (AllExceptionsFilter, and the body middlewares
 * before routing): a stable English code for clients to branch on, and a Chinese message for users.
 */
export class ErrorResponse {
  @ApiProperty({ type: Number, example: 400, description: 'HTTP 状态码' })
  statusCode!: number;
  @ApiProperty({
    type: String,
    example: 'VALIDATION_FAILED',
    description: '稳定的错误代码（如 VALIDATION_FAILED、UNAUTHENTICATED、FORBIDDEN_ROLE、NOT_FOUND、CASE_VERSION_CONFLICT、DATABASE_BUSY，拒绝办理代码见 docs/refusal-codes.md）',
  })
  code!: string;
  @ApiProperty({ type: String, example: '提交的数据有误：description 为必填项', description: '中文说明，可直接展示给用户' })
  message!: string;
  @ApiPropertyOptional({ type: [FieldErrorResponse], description: '逐项列出的字段错误（400）' })
  errors?: FieldErrorResponse[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: '附加信息，如版本冲突时的 currentVersion、拒绝办理所依据的 article',
  })
  details?: Record<string, unknown>;
  @ApiPropertyOptional({ type: String, example: '条例第三十三条第二款', description: '拒绝办理所依据的条款（409 拒绝办理时）' })
  article?: string;
  @ApiProperty({ type: String, example: '0b4c2a9e-3f1d-4a57-9a0e-2d1f7c5b8e61', description: '请求编号（日志中可据此查找）' })
  requestId!: string;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503;

/** The default Chinese description of each documented error status. */
export const ERROR_DESCRIPTIONS: Readonly<Record<ErrorStatus, string>> = {
  400: '请求数据有误（VALIDATION_FAILED、MALFORMED_JSON 等），errors 逐项列出有误的字段',
  401: '未登录或登录已失效（UNAUTHENTICATED）',
  403: '当前角色无权执行此操作（FORBIDDEN_ROLE、FORBIDDEN），或以 Cookie 登录的修改操作来自其他来源（ORIGIN_REJECTED）',
  404: '请求的资源不存在或不属于本机关（NOT_FOUND）',
  409: '操作冲突（CONFLICT）',
  413: '提交的内容过大，上限 1 MB（PAYLOAD_TOO_LARGE）',
  415: '请以 application/json 格式提交（UNSUPPORTED_MEDIA_TYPE）',
  429: '请求过于频繁，请稍后再试（TOO_MANY_REQUESTS）',
  503: '系统繁忙，请稍后重试：数据库连接已满（DATABASE_BUSY）、数据库暂时无法连接（DATABASE_UNAVAILABLE）或查询超时（DATABASE_TIMEOUT），均附 Retry-After 响应头',
};

/** A status, or a status with its own description for this operation. */
export type ErrorSpec = ErrorStatus | [ErrorStatus, string];

/**
 * Documents error answers in the common ErrorResponse shape, e.g.
 * `@ApiErrors(400, 401, 403, [409, '拒绝办理…'], 503)`.
 */
export function ApiErrors(...specs: ErrorSpec[]) {
  return applyDecorators(
    ...specs.map((s) => {
      const [status, description] = Array.isArray(s) ? s : [s, ERROR_DESCRIPTIONS[s]];
      return ApiResponse({ status, type: ErrorResponse, description });
    }),
  );
}

