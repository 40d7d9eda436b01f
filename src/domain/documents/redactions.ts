/**
 * The information provided with a reply (issue 18), and what is blacked out of it.
 *
 * 条例第三十七条: 申请公开的信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理的，
 * 行政机关应当向申请人提供可以公开的政府信息内容，并对不予公开的内容说明理由. A 部分公开 therefore
 * provides the records with the withheld parts removed (redactions), each removal resting on a
 * ground the reply states (a withheld part of the proposal); 条例第四十条: the information is
 * provided in the form the applicant asked for (the released copies travel with the reply).
 * Pure TypeScript: no framework imports.
 */
import { isWithheldPartGround, partGround, type OutcomeCode, type WithheldPartGround } from '../outcomes/outcomes';
import { refusal, type Refusal } from '../workflow/refusals';

/** The replies that hand the applicant the information itself: their documents travel with the reply. */
export const PROVIDING_OUTCOMES: readonly OutcomeCode[] = ['disclose', 'partial'];

export function providesDocuments(outcome: string | null | undefined): boolean {
  return !!outcome && (PROVIDING_OUTCOMES as readonly string[]).includes(outcome);
}

/** A region as stored: PDF points from the top-left corner of the displayed page, y downwards. */
export interface Region {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PageSize {
  width: number;
  height: number;
}

/** Field problems of a region on a document with these pages (empty: valid). Chinese messages name the field. */
export function regionProblems(r: Region, pages: readonly PageSize[]): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  if (!Number.isInteger(r.page) || r.page < 1 || r.page > pages.length) {
    out.push({ field: 'page', message: `page 须为 1 至 ${pages.length} 之间的页码` });
    return out;
  }
  const box = pages[r.page - 1];
  const tol = 0.5;
  if (r.x + r.width > box.width + tol) out.push({ field: 'width', message: `区域超出页面右边界（页宽 ${box.width} 点）` });
  if (r.y + r.height > box.height + tol) out.push({ field: 'height', message: `区域超出页面下边界（页高 ${box.height} 点）` });
  return out;
}

/** The region clipped to its page (a region drawn to the edge may overshoot it by rounding). */
export function clipToPage(r: Region, box: PageSize): Region {
  return { ...r, width: Math.min(r.width, box.width - r.x), height: Math.min(r.height, box.height - r.y) };
}

/** A ground as the API takes it: a withheld-part code of the proposal (第14/15/16条, or not_government_information). */
export function isRedactionGround(v: unknown): v is WithheldPartGround {
  return isWithheldPartGround(v);
}

export function groundLabel(g: string): string {
  return isWithheldPartGround(g) ? partGround(g).label : g;
}

/**
 * 条例第三十七条 as the approval gate reads it: a reply that provides documents may be approved only
 * when every withheld part of the proposal has at least one redaction on its ground (for 部分公开
 * with documents attached) and no redaction rests on a ground the proposal does not list (a
 * 予以公开 withholds nothing). No documents attached: nothing to check (the reply may state where
 * the information is obtained, 条例第四十条).
 */
export function redactionRefusal(
  outcome: string | null | undefined,
  withheldGrounds: readonly string[],
  redactionGrounds: readonly string[],
  documentCount: number,
): Refusal | null {
  if (!providesDocuments(outcome) || documentCount === 0) return null;
  const listed = new Set(withheldGrounds);
  const used = new Set(redactionGrounds);
  const unlisted = [...used].filter((g) => !listed.has(g));
  if (unlisted.length) return refusal('REDACTION_GROUND_NOT_IN_PROPOSAL', unlisted.map(groundLabel).join('、'));
  const missing = [...listed].filter((g) => !used.has(g));
  if (outcome === 'partial' && missing.length) return refusal('REDACTION_MISSING_FOR_WITHHELD_PART', missing.map(groundLabel).join('、'));
  return null;
}

/** The states in which documents and redactions may still change: before 报批, and not once decided or closed. */
const LOCKED_STATES = new Set(['inApproval', 'decided', 'closed', 'archived']);

/** DOCUMENTS_LOCKED while the reply is in approval or decided (what the approver saw is what is delivered). */
export function documentsLockedRefusal(stateKey: string, stateLabel: string): Refusal | null {
  return LOCKED_STATES.has(stateKey) ? refusal('DOCUMENTS_LOCKED', stateLabel) : null;
}
