import type { CookieOptions, Request } from 'express';
import type { AppConfig } from '../../platform/config/config';

/**
 * The gid_session cookie's attributes: never readable by scripts (HttpOnly), not sent with
 * cross-site requests (SameSite=Strict), and Secure when served over HTTPS (COOKIE_SECURE=auto:
 * the request came over TLS, directly or through a proxy trusted by TRUST_PROXY that says
 * X-Forwarded-Proto: https) or always (COOKIE_SECURE=true).
 */
export function sessionCookieOptions(req: Request, config: Pick<AppConfig, 'cookieSecure'>, maxAgeMs?: number): CookieOptions {
  const mode = config.cookieSecure ?? 'auto';
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: mode === 'auto' ? req.secure : mode,
    path: '/',
    ...(maxAgeMs !== undefined ? { maxAge: maxAgeMs } : {}),
  };
}
