import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';
import { AppConfig } from '../config/config';

/** Paths pino blanks out: passwords, tokens, identity numbers and signing keys never reach a log. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.idNumber',
  '*.accessToken',
  // an agency's signing file (encrypted, but nobody's business) and its passphrase
  '*.pkcs12',
  '*.signingPassphrase',
];

export function requestId(req: any, res: any): string {
  if (!req.id) {
    const given = req.headers?.['x-request-id'];
    req.id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    res?.setHeader?.('x-request-id', req.id);
  }
  return req.id;
}

export function pinoParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req, res) => requestId(req, res),
      redact: { paths: REDACT_PATHS, censor: '[已隐藏]' },
      autoLogging: { ignore: (req) => req.url === '/health' },
      serializers: {
        // The path only: query strings carry search terms (applicant names, identity numbers).
        req: (req) => ({ id: req.id, method: req.method, url: String(req.url ?? '').split('?')[0] }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
  };
}
