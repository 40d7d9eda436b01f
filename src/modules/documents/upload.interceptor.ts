import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import multer from 'multer';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { finalize, from, Observable, switchMap } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { AppException, badRequest } from '../../platform/http-errors/app-exception';

const UPLOAD_DIR = path.join(os.tmpdir(), 'gid-uploads');

/**
 * multipart/form-data with one field `file`, streamed to a temporary file (never held in memory) and
 * cut off at DOCUMENT_MAX_BYTES (413). Runs after the guards, so nobody unauthorised writes to disk.
 * The temporary file is removed when the request is done, whatever happened.
 */
@Injectable()
export class DocumentUploadInterceptor implements NestInterceptor {
  private readonly upload: ReturnType<ReturnType<typeof multer>['single']>;
  private readonly max: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.max = config.documentMaxBytes ?? 50 * 1024 * 1024;
    fs.mkdirSync(UPLOAD_DIR, { recursive: true, mode: 0o700 });
    this.upload = multer({
      storage: multer.diskStorage({ destination: UPLOAD_DIR }),
      limits: { fileSize: this.max, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
    }).single('file');
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const res = ctx.switchToHttp().getResponse();
    const parsed = new Promise<void>((resolve, reject) => {
      this.upload(req, res, (err: unknown) => {
        if (!err) return resolve();
        const e = err as { code?: string; field?: string };
        if (e.code === 'LIMIT_FILE_SIZE') {
          return reject(new AppException(413, 'PAYLOAD_TOO_LARGE', `文件过大：上限 ${Math.round((this.max / 1024 / 1024) * 10) / 10} MB（DOCUMENT_MAX_BYTES）`));
        }
        if (e.code === 'LIMIT_UNEXPECTED_FILE' || e.code === 'LIMIT_FILE_COUNT') {
          return reject(badRequest('只能上传一个文件，字段名为 file', [{ field: 'file', message: '只能上传一个文件，字段名为 file' }]));
        }
        reject(badRequest('上传内容格式不正确（须为 multipart/form-data）', [{ field: 'file', message: '上传内容格式不正确' }]));
      });
    });
    const cleanup = () => {
      const f = (req as Request & { file?: { path?: string } }).file;
      if (f?.path) fs.rm(f.path, { force: true }, () => undefined);
    };
    return from(parsed).pipe(
      switchMap(() => next.handle()),
      finalize(cleanup),
    );
  }
}
