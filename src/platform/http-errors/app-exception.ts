import { HttpException } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/** A stable English code and a Chinese message; one global filter renders the error shape. */
export class AppException extends HttpException {
  constructor(
    status: number,
    public readonly code: string,
    message: string,
    public readonly errors?: FieldError[],
    public readonly details?: Record<string, unknown>,
  ) {
    super({ code, message, errors, details }, status);
  }
}

export const badRequest = (message: string, errors?: FieldError[]) =>
  new AppException(400, 'VALIDATION_FAILED', message, errors);
export const notFound = (message: string) => new AppException(404, 'NOT_FOUND', message);
export const forbidden = (message: string) => new AppException(403, 'FORBIDDEN', message);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppException(409, code, message, undefined, details);
