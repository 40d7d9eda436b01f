import type { Request } from 'express';

/** Methods that change something: a cookie-authenticated one must come from our own pages. */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const ORIGIN_REJECTED_MESSAGE = '请求来源与本系统不一致，已拒绝（以 Cookie 登录的修改操作须由本系统页面发出）';

/** scheme://host[:port] of a URL, lower-cased with the default port dropped; null when it is no http(s) URL. */
function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * The service's own origin as the client addressed it: the request's scheme and Host (both as a
 * trusted proxy forwarded them, TRUST_PROXY: X-Forwarded-Proto and X-Forwarded-Host).
 */
export function ownOrigin(req: Request): string | null {
  const host = req.host;
  return host ? originOf(`${req.protocol}://${host}`) : null;
}

/**
 * Cross-site request forgery: a browser attaches the session cookie to a form or fetch another site
 * sends. Such a state-changing request is refused unless its Origin (or, absent, its Referer) is the
 * service's own origin; one with neither is refused too (every current browser sends Origin on a
 * POST, same-origin fetch included). `Origin: null` (a sandboxed frame, a redirect, a form under
 * Referrer-Policy no-referrer) is not ours. Requests with a bearer token are not checked: a browser
 * never adds that header by itself. Returns whether the request may go on.
 */
export function sameOriginAllowed(req: Request): boolean {
  if (!STATE_CHANGING.has(req.method.toUpperCase())) return true;
  const own = ownOrigin(req);
  const origin = req.get('origin');
  const claimed = origin !== undefined ? origin : req.get('referer');
  if (claimed === undefined || own === null) return false;
  return originOf(claimed.trim()) === own;
}
