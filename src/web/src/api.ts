/** The only way the pages talk to the server: the documented /api/v1 endpoints, with the session cookie. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown> | null,
  ) {
    super(message);
  }
  /** The Chinese message, with the article a refusal names (details.article), if any. */
  get display(): string {
    const details = (this.body?.details ?? {}) as Record<string, unknown>;
    const article = (this.body?.article ?? details.article) as string | undefined;
    const fields = Array.isArray(this.body?.errors)
      ? (this.body!.errors as { message?: string }[]).map((e) => e.message).filter(Boolean)
      : [];
    const missing = fields.filter((m) => !this.message.includes(m!));
    const extra = missing.length ? `：${missing.join('；')}` : '';
    return `${this.message}${extra}${article ? `（${article}）` : ''}`;
  }
  /** display, with the API's field names (e.g. settings.backdateGraceWorkingDays) given as the form's labels. */
  displayWith(names: Record<string, string>): string {
    const keys = Object.keys(names).sort((a, b) => b.length - a.length);
    const esc = (k: string) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return keys.reduce((text, k) => text.replace(new RegExp(`(?<![A-Za-z0-9_.])${esc(k)}(?![A-Za-z0-9_])`, 'g'), names[k]), this.display);
  }
}

let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(fn: () => void) {
  onUnauthorized = fn;
}

export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试', null);
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const b = (data ?? {}) as Record<string, unknown>;
    if (res.status === 401 && !path.startsWith('/auth/')) onUnauthorized();
    throw new ApiError(res.status, String(b.code ?? `HTTP_${res.status}`), String(b.message ?? `请求失败（${res.status}）`), b);
  }
  return data as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}, headers?: Record<string, string>) => api<T>('POST', path, body, headers);

/** Today in Asia/Shanghai (YYYY-MM-DD), the calendar the statutory deadlines count in. */
export function todayInShanghai(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** 2026-02-13 → 2026年2月13日 */
export function cnDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

export function cnDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const s = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${cnDate(s.slice(0, 10))} ${s.slice(11, 16)}`;
}

/**
 * Downloads a file from the API (e.g. GET /cases/export.csv) with the session's cookie, saving it
 * under the name of its Content-Disposition (filename*=UTF-8''…) or `fallbackName`.
 */
export async function download(path: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试', null);
  }
  if (!res.ok) {
    let b: Record<string, unknown> = {};
    try {
      b = (await res.json()) as Record<string, unknown>;
    } catch {
      b = {};
    }
    if (res.status === 401) onUnauthorized();
    throw new ApiError(res.status, String(b.code ?? `HTTP_${res.status}`), String(b.message ?? `请求失败（${res.status}）`), b);
  }
  const cd = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  let name = fallbackName;
  if (m) {
    try {
      name = decodeURIComponent(m[1]);
    } catch {
      name = fallbackName;
    }
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
