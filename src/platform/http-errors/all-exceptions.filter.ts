import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CONNECT_TIMEOUT_MESSAGE, POOL_TIMEOUT_MESSAGE } from '../database/pool';
import { AppException } from './app-exception';
import { domainErrorToHttp } from './domain-errors';

/** Chinese default message and stable code per HTTP status (framework errors carry English text). */
const BY_STATUS: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', '请求格式不正确'],
  401: ['UNAUTHENTICATED', '未登录或登录已失效，请重新登录'],
  403: ['FORBIDDEN', '无权执行此操作'],
  404: ['NOT_FOUND', '请求的资源不存在'],
  405: ['METHOD_NOT_ALLOWED', '不支持该请求方法'],
  406: ['NOT_ACCEPTABLE', '无法提供所请求的格式'],
  409: ['CONFLICT', '操作冲突，请刷新后重试'],
  413: ['PAYLOAD_TOO_LARGE', '提交的内容过大（上限 1 MB）'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '请以 application/json 格式提交'],
  422: ['UNPROCESSABLE', '当前状态下不能执行此操作'],
  429: ['TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试'],
  500: ['INTERNAL_ERROR', '系统内部错误，请联系管理员'],
  503: ['SERVICE_UNAVAILABLE', '服务暂不可用'],
};

export function errorBody(
  req: Request,
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
) {
  return { statusCode: status, code, message, ...extra, requestId: String((req as any).id ?? '') };
}

type ErrorLike = { code?: unknown; message?: unknown; name?: unknown; cause?: unknown; driverError?: unknown; errors?: unknown };

/**
 * The error, its causes and the driver error TypeORM wraps, as plain objects: socket errors are
 * made by Node's core and need not pass `instanceof Error` of the code that catches them.
 */
function errorChain(e: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  const queue: unknown[] = [e];
  while (queue.length && out.length < 8) {
    const x = queue.shift();
    if (typeof x !== 'object' || x === null || out.includes(x as ErrorLike)) continue;
    const err = x as ErrorLike;
    out.push(err);
    queue.push(err.cause, err.driverError, ...(Array.isArray(err.errors) ? err.errors : []));
  }
  return out;
}

/**
 * The pg pool's acquire timeout ("timeout exceeded when trying to connect"), or a new connection
 * that the busy server did not finish opening within it ("Connection terminated due to connection
 * timeout"); TypeORM may wrap either (QueryFailedError keeps the message, or the driver's error as cause).
 */
export function isPoolExhausted(e: unknown): boolean {
  return errorChain(e).some(
    (x) => typeof x.message === 'string' && (x.message.includes(POOL_TIMEOUT_MESSAGE) || x.message.includes(CONNECT_TIMEOUT_MESSAGE)),
  );
}

/** SQLSTATEs and socket errors that mean "the database is not there right now" (restart, failover). */
const DB_DOWN_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', 'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EPIPE', 'ETIMEDOUT']);
const DB_DOWN_MESSAGES = ['Connection terminated', 'connection is closed', 'Client has encountered a connection error', 'terminating connection'];
/**
 * TypeORM's errors for a query on a connection the driver already dropped (the server went away
 * mid-transaction): QueryRunnerAlreadyReleasedError is what a COMMIT on such a connection throws.
 */
const DB_DOWN_NAMES = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError', 'ConnectionIsNotSetError']);

/** The database is unreachable or went away under the request (not a fault of the request). */
export function isDatabaseUnavailable(e: unknown): boolean {
  return errorChain(e).some(
    (x) =>
      (typeof x.code === 'string' && DB_DOWN_CODES.has(x.code)) ||
      (typeof x.name === 'string' && DB_DOWN_NAMES.has(x.name)) ||
      (typeof x.message === 'string' && DB_DOWN_MESSAGES.some((m) => (x.message as string).includes(m))),
  );
}

/** A statement ran longer than DB_STATEMENT_TIMEOUT_MS and PostgreSQL cancelled it (57014). */
export function isStatementTimeout(e: unknown): boolean {
  return errorChain(e).some((x) => x.code === '57014');
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly log = new Logger('Errors');

  catch(thrown: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    if (res.headersSent) return;
    const exception = domainErrorToHttp(thrown, req.body) ?? thrown;

    if (exception instanceof AppException) {
      const extra: Record<string, unknown> = {};
      if (exception.errors?.length) extra.errors = exception.errors;
      if (exception.details) extra.details = exception.details;
      // A rule's refusal names the article it rests on beside the code (docs/refusal-codes.md).
      if (typeof exception.details?.article === 'string') extra.article = exception.details.article;
      res.status(exception.getStatus()).json(errorBody(req, exception.getStatus(), exception.code, exception.message, extra));
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const [code, message] = BY_STATUS[status] ?? (status >= 500 ? BY_STATUS[500] : BY_STATUS[400]);
      const body = exception.getResponse() as any;
      const extra: Record<string, unknown> = {};
      // Terminus' health report keeps its details.
      if (body && typeof body === 'object' && body.status === 'error') Object.assign(extra, body);
      if (status >= 500 && status !== 503) this.log.error(exception);
      res.status(status).json(errorBody(req, status, code, message, extra));
      return;
    }
    if (isPoolExhausted(exception)) {
      // Every pooled connection is busy for longer than DB_ACQUIRE_TIMEOUT_MS: an answer, not a wait.
      this.log.warn('database pool exhausted: request answered 503');
      res.setHeader('Retry-After', '2');
      res.status(503).json(errorBody(req, 503, 'DATABASE_BUSY', '系统繁忙，请稍后重试（数据库连接已满）'));
      return;
    }
    if (isStatementTimeout(exception)) {
      // Nothing of the request's transaction is kept (the statement's error rolls it back).
      this.log.warn(`statement timeout: ${req.method} ${req.path} answered 503`);
      res.setHeader('Retry-After', '5');
      res.status(503).json(errorBody(req, 503, 'DATABASE_TIMEOUT', '查询超时，请稍后重试或缩小查询范围'));
      return;
    }
    if (isDatabaseUnavailable(exception)) {
      // PostgreSQL restarting or unreachable: the pool reconnects by itself on the next request.
      this.log.warn(`database unavailable: ${req.method} ${req.path} answered 503`);
      res.setHeader('Retry-After', '5');
      res.status(503).json(errorBody(req, 503, 'DATABASE_UNAVAILABLE', '数据库暂时无法连接，请稍后重试；已提交的内容不会丢失，未完成的操作未保存'));
      return;
    }
    this.log.error(exception instanceof Error ? exception.stack : String(exception));
    res.status(500).json(errorBody(req, 500, 'INTERNAL_ERROR', BY_STATUS[500][1]));
  }
}
