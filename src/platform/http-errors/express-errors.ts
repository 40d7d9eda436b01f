import type { NextFunction, Request, Response } from 'express';
import { json, raw } from 'express';
import { errorBody } from './all-exceptions.filter';
import { requestId } from '../logging/logging';

/** The one route whose body is a PDF rather than JSON (public authenticity check of a letter). */
export const PUBLIC_PDF_ROUTE = '/api/v1/public/letters/verify';
export const PUBLIC_PDF_LIMIT = 5 * 1024 * 1024;
/** The upload of a record to a case: multipart, streamed to disk by its route with its own limit (DOCUMENT_MAX_BYTES). */
export const DOCUMENT_UPLOAD_ROUTE = /^\/api\/v1\/cases\/[^/]+\/documents\/?$/;

/**
 * Request id first, then 415 for bodies that are not JSON, the 1 MB JSON parser,
 * and an error handler so that body-parser's errors answer in the one error shape (the
 * global Nest filter handles everything after routing).
 */
export function bodyMiddlewares() {
  const assignId = (req: Request, res: Response, next: NextFunction) => {
    requestId(req, res);
    next();
  };
  const requireJson = (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'POST' && req.path === PUBLIC_PDF_ROUTE) {
      if (Number(req.headers['content-length'] ?? 0) > PUBLIC_PDF_LIMIT) {
        res.status(413).json(errorBody(req, 413, 'PAYLOAD_TOO_LARGE', `提交的文件过大（上限 ${PUBLIC_PDF_LIMIT / 1024 / 1024} MB）`));
        return;
      }
      if (!req.is('application/pdf')) {
        res.status(415).json(errorBody(req, 415, 'UNSUPPORTED_MEDIA_TYPE', '请以 application/pdf 格式提交 PDF 文件'));
        return;
      }
      return pdfBody(req, res, next);
    }
    if (req.method === 'POST' && DOCUMENT_UPLOAD_ROUTE.test(req.path) && !req.is('application/json')) return next();
    const hasBody =
      ['POST', 'PUT', 'PATCH'].includes(req.method) &&
      (Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined);
    if (Number(req.headers['content-length'] ?? 0) > 1024 * 1024) {
      res.status(413).json(errorBody(req, 413, 'PAYLOAD_TOO_LARGE', '提交的内容过大（上限 1 MB）'));
      return;
    }
    if (hasBody && !req.is('application/json')) {
      res.status(415).json(errorBody(req, 415, 'UNSUPPORTED_MEDIA_TYPE', '请以 application/json 格式提交'));
      return;
    }
    next();
  };
  const pdfBody = raw({ type: 'application/pdf', limit: PUBLIC_PDF_LIMIT });
  const parseErrors = (err: any, req: Request, res: Response, next: NextFunction) => {
    if (err?.type === 'entity.too.large') {
      const limit = req.path === PUBLIC_PDF_ROUTE ? `${PUBLIC_PDF_LIMIT / 1024 / 1024} MB` : '1 MB';
      res.status(413).json(errorBody(req, 413, 'PAYLOAD_TOO_LARGE', `提交的内容过大（上限 ${limit}）`));
      return;
    }
    if (err?.type === 'entity.parse.failed') {
      res.status(400).json(errorBody(req, 400, 'MALFORMED_JSON', '请求内容不是有效的 JSON'));
      return;
    }
    if (err?.type === 'charset.unsupported' || err?.type === 'encoding.unsupported') {
      res.status(415).json(errorBody(req, 415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的字符编码，请使用 UTF-8'));
      return;
    }
    if (err?.status >= 400 && err?.status < 500) {
      res.status(400).json(errorBody(req, 400, 'BAD_REQUEST', '请求格式不正确'));
      return;
    }
    // Never Express's HTML page: anything else here is ours, not the client's.
    if (res.headersSent) return next(err);
    res.status(500).json(errorBody(req, 500, 'INTERNAL_ERROR', '系统内部错误，请联系管理员'));
  };
  return [assignId, requireJson, json({ limit: '1mb' }), parseErrors];
}
