/**
 * 信息处理费 (information-processing fee), 条例第42条 and
 * 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第3-5条; shared/domain §6.
 * Amounts are integer 元 (yuan). Per application exactly one method applies.
 */

export type FeeMethod = 'per_item' | 'per_page';

export interface FeeBand {
  /** First unit (1-based, inclusive) of the band. */
  from: number;
  /** Last unit (inclusive); null = open-ended. */
  to: number | null;
  /** 元 per unit. */
  unitPrice: number;
}

/** 按件计收 (109号第四条): per applicant per calendar month, items 1-10 free, 11-30 at 100 元. */
export const PER_ITEM_FREE = 10;
export const PER_ITEM_FIRST_BAND: FeeBand = { from: 11, to: 30, unitPrice: 100 };
/** From item 31: bands of 10 items, each band 100 元 more per item (31-40: 200, 41-50: 300, ...). */
export const PER_ITEM_BAND_SIZE = 10;
export const PER_ITEM_BAND_STEP = 100;

/** 按量计收 (109号第五条（一）至（四）项): per application. */
export const PER_PAGE_BANDS: readonly FeeBand[] = Object.freeze([
  { from: 1, to: 30, unitPrice: 0 },
  { from: 31, to: 100, unitPrice: 10 },
  { from: 101, to: 200, unitPrice: 20 },
  { from: 201, to: null, unitPrice: 40 },
]);

export interface FeeLine {
  from: number;
  to: number;
  count: number;
  unitPrice: number;
  subtotal: number;
}

export interface FeeResult {
  /** Integer 元. */
  amount: number;
  breakdown: FeeLine[];
  method: FeeMethod;
}

function assertCount(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`${name} must be a non-negative integer`);
}

/** Unit price (元) of the n-th item (1-based) of the applicant's month. */
export function perItemUnitPrice(n: number): number {
  if (n <= PER_ITEM_FREE) return 0;
  if (n <= PER_ITEM_FIRST_BAND.to!) return PER_ITEM_FIRST_BAND.unitPrice;
  const band = Math.floor((n - PER_ITEM_FIRST_BAND.to! - 1) / PER_ITEM_BAND_SIZE); // 0 for 31-40
  return PER_ITEM_FIRST_BAND.unitPrice + PER_ITEM_BAND_STEP * (band + 1);
}

/** Band [from, to] containing the n-th item. */
function perItemBand(n: number): [number, number] {
  if (n <= PER_ITEM_FREE) return [1, PER_ITEM_FREE];
  if (n <= PER_ITEM_FIRST_BAND.to!) return [PER_ITEM_FIRST_BAND.from, PER_ITEM_FIRST_BAND.to!];
  const band = Math.floor((n - PER_ITEM_FIRST_BAND.to! - 1) / PER_ITEM_BAND_SIZE);
  const from = PER_ITEM_FIRST_BAND.to! + 1 + band * PER_ITEM_BAND_SIZE;
  return [from, from + PER_ITEM_BAND_SIZE - 1];
}

/** One of the applicant's applications to the agency, for the 按件 count. */
export interface ApplicationItems {
  id: string;
  /** 收到申请之日 (条例第三十一条), YYYY-MM-DD. */
  receiptDate: string;
  /** Registration order among applications received on the same day (the case's sequence number). */
  order: number;
  /** 件 of the application (一事一申请, 109号第四条第一款); 1 unless recorded otherwise. */
  items: number;
}

/**
 * 国办函〔2020〕109号第四条: “同一申请人一个自然月内累计申请10件以下（含10件）的，不收费；11—30件……”.
 * The 件 counted before `current`: every application of the same applicant to the agency received
 * in the calendar month of `current`'s receipt, before it (by receipt date, then registration
 * order) — not the earlier fee notices, and not the month of the notice. `applications` are the
 * applicant's (any month; `current` itself may be among them).
 */
export function perItemPriorItems(current: { id: string; receiptDate: string; order: number }, applications: readonly ApplicationItems[]): number {
  const month = current.receiptDate.slice(0, 7);
  const before = (a: ApplicationItems) =>
    a.receiptDate < current.receiptDate || (a.receiptDate === current.receiptDate && a.order < current.order);
  return applications
    .filter((a) => a.id !== current.id && a.receiptDate.slice(0, 7) === month && before(a))
    .reduce((n, a) => n + a.items, 0);
}

/**
 * 按件: marginal fee for this application's `items`, given the applicant's
 * `priorItemsThisMonth` (items of earlier applications in the same calendar month).
 * Breakdown lines use the month's cumulative item numbers.
 */
export function feePerItem(args: { priorItemsThisMonth: number; items: number }): FeeResult {
  const { priorItemsThisMonth: prior, items } = args;
  assertCount(prior, 'priorItemsThisMonth');
  assertCount(items, 'items');
  const breakdown: FeeLine[] = [];
  let n = prior + 1;
  const last = prior + items;
  while (n <= last) {
    const [, bandTo] = perItemBand(n);
    const to = Math.min(bandTo, last);
    const unitPrice = perItemUnitPrice(n);
    const count = to - n + 1;
    breakdown.push({ from: n, to, count, unitPrice, subtotal: count * unitPrice });
    n = to + 1;
  }
  return { amount: breakdown.reduce((s, l) => s + l.subtotal, 0), breakdown, method: 'per_item' };
}

/** 按量: fee for one application of `pages` pages (2219 pages → 83460 元). */
export function feePerPage(pages: number): FeeResult {
  assertCount(pages, 'pages');
  const breakdown: FeeLine[] = [];
  for (const b of PER_PAGE_BANDS) {
    if (pages < b.from) break;
    const to = b.to === null ? pages : Math.min(b.to, pages);
    const count = to - b.from + 1;
    breakdown.push({
      from: b.from,
      to,
      count,
      unitPrice: b.unitPrice,
      subtotal: count * b.unitPrice,
    });
  }
  return { amount: breakdown.reduce((s, l) => s + l.subtotal, 0), breakdown, method: 'per_page' };
}

/**
 * 国办函〔2020〕109号第三条: per application the agency picks one method and never counts both;
 * per page needs the number of pages (per item defaults to the application's 件). Field errors in Chinese.
 */
export function feeRequestProblems(r: { method: FeeMethod; items?: number | null; pages?: number | null }): Array<{ field: string; message: string }> {
  if (r.method === 'per_item') {
    // items may be left out: the application's recorded 件 (1 unless registered otherwise).
    if (r.pages) return [{ field: 'pages', message: 'pages：按件计收时不得同时填写页数（国办函〔2020〕109号第三条）' }];
  } else {
    if (!r.pages) return [{ field: 'pages', message: 'pages：按量计收须填写页数' }];
    if (r.items) return [{ field: 'items', message: 'items：按量计收时不得同时填写件数（国办函〔2020〕109号第三条）' }];
  }
  return [];
}

/**
 * Whether a fee notice may go out now (国办函〔2020〕109号, as restated by 四川 [S]: 应当在政府信息公开申请
 * 处理期限内…发出收费通知，说明收费的依据、标准、数额、缴纳方式): within the reply period, and with a
 * concrete payment channel to state. `replyDue` null: no running reply period to check against.
 */
export function feeNoticeProblem(on: string, replyDue: string | null, paymentChannel: string | undefined): { code: string; message: string } | null {
  if (replyDue !== null && on > replyDue) {
    return { code: 'FEE_NOTICE_AFTER_DEADLINE', message: `收费通知应当在答复期限（${replyDue}）内发出，期限届满后不能再收费` };
  }
  if (!paymentChannel?.trim()) {
    return { code: 'FEE_PAYMENT_CHANNEL_REQUIRED', message: '本机关尚未设置信息处理费的缴纳方式（缴款码或账户、票据领取方式），收费通知书须写明缴纳方式，请系统管理员先在机关设置中填写' };
  }
  return null;
}
