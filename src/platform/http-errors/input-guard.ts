import type { NextFunction, Request, Response } from 'express';
import type { FieldError } from './app-exception';
import { errorBody } from './all-exceptions.filter';

/**
 * How deep a request body may nest objects and arrays (the top-level object is level 1). Our
 * largest DTO nests 3 levels; thousands of levels only serve to exhaust the stack further on.
 */
export const MAX_INPUT_DEPTH = 32;

/** At most this many fields are listed in one answer. */
const MAX_LISTED = 20;

/**
 * Control characters (Unicode Cc) other than tab, line feed and carriage return. PostgreSQL cannot
 * store U+0000 in text or jsonb at all, and none of the others belongs in a letter or a record.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export type UnsafeInput = { kind: 'tooDeep' } | { kind: 'control'; fields: string[] };

const child = (parent: string, key: string | number) =>
  typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;

/**
 * The first problem of a parsed JSON value: nesting deeper than `maxDepth`, or the paths of the
 * strings (and of the objects whose field names) holding a control character. Never recurses
 * deeper than `maxDepth`, so a hostile body cannot overflow the stack here either.
 */
export function findUnsafeInput(value: unknown, maxDepth = MAX_INPUT_DEPTH): UnsafeInput | null {
  const fields: string[] = [];
  const visit = (v: unknown, path: string, depth: number): boolean => {
    if (typeof v === 'string') {
      if (CONTROL.test(v) && fields.length < MAX_LISTED) fields.push(path);
      return true;
    }
    if (v === null || typeof v !== 'object') return true;
    if (depth > maxDepth) return false;
    if (Array.isArray(v)) return v.every((item, i) => visit(item, child(path, i), depth + 1));
    for (const [k, item] of Object.entries(v)) {
      if (CONTROL.test(k) && fields.length < MAX_LISTED && !fields.includes(path)) fields.push(path);
      if (!visit(item, child(path, k), depth + 1)) return false;
    }
    return true;
  };
  if (!visit(value, '', 1)) return { kind: 'tooDeep' };
  return fields.length ? { kind: 'control', fields } : null;
}

/**
 * After the body parser, before any route: a body or query string holding a control character or
 * nesting deeper than MAX_INPUT_DEPTH is answered 400 in the one error shape, so nothing of it is
 * validated, handled or stored.
 */
export function inputGuard() {
  return (req: Request, res: Response, next: NextFunction) => {
    // a binary body (the PDF of the public authenticity check) is bytes, not fields
    const problem = (Buffer.isBuffer(req.body) ? null : findUnsafeInput(req.body)) ?? findUnsafeInput(req.query);
    if (!problem) return next();
    if (problem.kind === 'tooDeep') {
      res.status(400).json(errorBody(req, 400, 'NESTING_TOO_DEEP', `请求内容嵌套层数过多（上限 ${MAX_INPUT_DEPTH} 层）`));
      return;
    }
    const errors: FieldError[] = problem.fields.map((f) => ({
      field: f || '(请求内容)',
      message: `${f || '请求内容'} 含有不允许的控制字符（如 U+0000；只允许制表符、换行符和回车符）`,
    }));
    res.status(400).json(errorBody(req, 400, 'VALIDATION_FAILED', `提交的数据有误：${errors[0].message}`, { errors }));
  };
}
