import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { errorBody } from '../../platform/http-errors/all-exceptions.filter';
import { AppException } from '../../platform/http-errors/app-exception';
import { AuthGuard } from './auth.guard';

/** Where SwaggerModule serves the OpenAPI document and its UI (outside Nest's routing, so outside the guard). */
export const DOCS_PATHS = ['/api/docs', '/api/docs-json', '/api/docs-yaml'];

/**
 * Express middleware for DOCS_PATHS: a live session (bearer token or gid_session cookie) or 401 in
 * the common error shape. Used when NODE_ENV=production (config.apiDocsPublic false).
 */
export function signedInOnly(app: INestApplication): RequestHandler {
  const guard = app.get(AuthGuard, { strict: false });
  return (req: Request, res: Response, next: NextFunction) => {
    guard.sessionUser(req).then(
      () => next(),
      (e: unknown) => {
        const message = e instanceof AppException ? e.message : '未登录或登录已失效，请重新登录';
        res.status(401).json(errorBody(req, 401, 'UNAUTHENTICATED', message));
      },
    );
  };
}
