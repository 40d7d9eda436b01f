/**
 * 答复类型 (outcome) — one code per row of the annual-report table
 * (国办公开办函〔2021〕30号, section 三) as mapped in shared/domain/README.md §4.
 *
 * This is the one home of: which article a reply cites, which annual-report row a
 * closed case counts under, and which remedy clause its letter carries
 * (行政复议法第20、23条; 行政诉讼法第46条; shared/domain §5).
 * Pure TypeScript: no framework imports.
 */

/** Remedy clause a reply carries (shared/domain §5). */
export type RemedyKind =
  /** 复议前置: 行政复议法第23条第一款第（四）项 — withholding under 条例第14、15、16条. */
  | 'reconsideration_first'
  /** Ordinary: 60 days reconsideration (行政复议法第20条) or 6 months lawsuit (行政诉讼法第46条). */
  | 'ordinary'
  /** None: procedural notices and closures that are not replies. */
  | 'none'
  /**
   * 部分公开: per withheld part — 复议前置 for the parts withheld under 条例第14、15、16条, and the
   * ordinary clause for 本答复的其他内容 (what is provided, and parts that are not 政府信息).
   */
  | 'per_part';

export type OutcomeCode =
  | 'already_public'
  | 'disclose'
  | 'partial'
  | 'withhold_state_secret'
  | 'withhold_law_forbids'
  | 'withhold_security_stability'
  | 'withhold_third_party'
  | 'withhold_internal_affairs'
  | 'withhold_process_info'
  | 'withhold_enforcement_file'
  | 'special_law'
  | 'not_exist'
  | 'not_this_agency'
  | 'needs_creation'
  | 'unclear_after_correction'
  | 'petition_complaint'
  | 'repeated_request'
  | 'publication'
  | 'excessive_requests'
  | 'confirm_reissue'
  | 'correction_overdue'
  | 'fee_unpaid'
  | 'withdrawn'
  | 'other';

/** The grounds that can justify withholding (whole, or the withheld part of 部分公开). */
export type WithholdingCode = Extract<OutcomeCode, `withhold_${string}`>;

/**
 * How a case gets the outcome (issue 15's contract): a person's decision (propose → approval →
 * delivery), the applicant's period running out (逾期不补正 / 逾期未缴费: 视为放弃申请), or withdrawal.
 */
export type OutcomeVia = 'decision' | 'lapse' | 'withdrawal';

export interface Outcome {
  code: OutcomeCode;
  /** Annual-report row, e.g. "3.3.4" for 三（三）4. */
  row: string;
  /** Row label as the annual-report table prints it (中文). */
  label: string;
  /** Short basis as shown in lists, e.g. "第36条第（二）项". */
  basis: string;
  /** Formal citation for letters, e.g. "《中华人民共和国政府信息公开条例》第三十六条第（二）项". */
  citation: string | null;
  /** The remedy clause its reply letter carries. */
  remedy: RemedyKind;
  /** True for a withholding ground under 条例第14、15、16条 (needs reasons). */
  withholding: boolean;
  /** True when the outcome is decided by a handler and approved (false: closures the system or applicant causes). */
  proposable: boolean;
  /** Needs a recorded secrecy review that allows disclosure (条例第17条, shared/domain §4a). */
  needsSecrecyReview: boolean;
  via: OutcomeVia;
}

/** The outcomes a case gets otherwise than by a proposed decision. */
const VIA: Partial<Record<OutcomeCode, OutcomeVia>> = {
  correction_overdue: 'lapse',
  fee_unpaid: 'lapse',
  withdrawn: 'withdrawal',
};

const REG = '《中华人民共和国政府信息公开条例》';

function o(
  code: OutcomeCode,
  row: string,
  label: string,
  basis: string,
  citation: string | null,
  remedy: RemedyKind,
  extra: Partial<Pick<Outcome, 'withholding' | 'proposable' | 'needsSecrecyReview'>> = {},
): Outcome {
  return {
    code,
    row,
    label,
    basis,
    citation,
    remedy,
    withholding: extra.withholding ?? false,
    proposable: extra.proposable ?? true,
    needsSecrecyReview: extra.needsSecrecyReview ?? false,
    via: VIA[code] ?? 'decision',
  };
}

export const OUTCOMES: readonly Outcome[] = Object.freeze([
  // 三（一）予以公开 — 条例第36条第（一）项 / 第（二）项、第40条
  o('already_public', '3.1', '予以公开', '第36条第（一）项', `${REG}第三十六条第（一）项`, 'ordinary'),
  o('disclose', '3.1', '予以公开', '第36条第（二）项', `${REG}第三十六条第（二）项、第四十条`, 'ordinary', {
    needsSecrecyReview: true,
  }),
  // 三（二）部分公开 — 条例第37条 + the ground of each withheld part (复议前置 only for parts
  // withheld under 第14、15、16条; the rest of the reply takes the ordinary clause)
  o('partial', '3.2', '部分公开', '第37条', `${REG}第三十七条`, 'per_part', {
    needsSecrecyReview: true,
  }),
  // 三（三）不予公开 — 条例第14、15、16条; 行政复议法第23条第一款第（四）项 → 复议前置
  o('withhold_state_secret', '3.3.1', '属于国家秘密', '第14条', `${REG}第十四条、第三十六条第（三）项`, 'reconsideration_first', { withholding: true }),
  o('withhold_law_forbids', '3.3.2', '其他法律行政法规禁止公开', '第14条', `${REG}第十四条、第三十六条第（三）项`, 'reconsideration_first', { withholding: true }),
  o('withhold_security_stability', '3.3.3', '危及“三安全一稳定”', '第14条', `${REG}第十四条、第三十六条第（三）项`, 'reconsideration_first', { withholding: true }),
  o('withhold_third_party', '3.3.4', '保护第三方合法权益', '第15条', `${REG}第十五条、第三十二条、第三十六条第（三）项`, 'reconsideration_first', { withholding: true }),
  o('withhold_internal_affairs', '3.3.5', '属于三类内部事务信息', '第16条第一款', `${REG}第十六条第一款、第三十六条第（三）项`, 'reconsideration_first', { withholding: true }),
  o('withhold_process_info', '3.3.6', '属于四类过程性信息', '第16条第二款', `${REG}第十六条第二款、第三十六条第（三）项`, 'reconsideration_first', { withholding: true }),
  o('withhold_enforcement_file', '3.3.7', '属于行政执法案卷', '第16条第二款', `${REG}第十六条第二款、第三十六条第（三）项`, 'reconsideration_first', { withholding: true }),
  o('special_law', '3.3.8', '属于行政查询事项', '第36条第（七）项', `${REG}第三十六条第（七）项`, 'ordinary'),
  // 三（四）无法提供
  o('not_exist', '3.4.1', '本机关不掌握相关政府信息', '第36条第（四）项', `${REG}第三十六条第（四）项`, 'ordinary'),
  o('not_this_agency', '3.4.1', '本机关不掌握相关政府信息', '第36条第（五）项', `${REG}第三十六条第（五）项`, 'ordinary'),
  o('needs_creation', '3.4.2', '没有现成信息需要另行制作', '第38条', `${REG}第三十八条`, 'ordinary'),
  o('unclear_after_correction', '3.4.3', '补正后申请内容仍不明确', '第30条', `${REG}第三十条`, 'ordinary'),
  // 三（五）不予处理 — ordinary clause kept as the low-risk default (sources.md §5.2 note)
  o('petition_complaint', '3.5.1', '信访举报投诉类申请', '第39条第一款', `${REG}第三十九条第一款`, 'ordinary'),
  o('repeated_request', '3.5.2', '重复申请', '第36条第（六）项', `${REG}第三十六条第（六）项`, 'ordinary'),
  o('publication', '3.5.3', '要求提供公开出版物', '第39条第二款', `${REG}第三十九条第二款`, 'ordinary'),
  o('excessive_requests', '3.5.4', '无正当理由大量反复申请', '第35条', `${REG}第三十五条`, 'ordinary'),
  o('confirm_reissue', '3.5.5', '要求行政机关确认或重新出具已获取信息', '—', null, 'ordinary'),
  // 三（六）其他处理
  o('correction_overdue', '3.6.1', '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '第30条', `${REG}第三十条`, 'ordinary', { proposable: false }),
  // 条例第四十二条 (收取信息处理费) and the 办法 it calls for; no article of 109号 is cited: the text of
  // its abandonment rule is known only from provincial restatements (sources.md §2.5, [S]).
  o('fee_unpaid', '3.6.2', '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '第42条；国办函〔2020〕109号', `${REG}第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）`, 'ordinary', { proposable: false }),
  o('withdrawn', '3.6.3', '其他', '—', null, 'none', { proposable: false }),
  o('other', '3.6.3', '其他', '—', null, 'ordinary'),
]);

const BY_CODE = new Map<OutcomeCode, Outcome>(OUTCOMES.map((x) => [x.code, x]));

export const OUTCOME_CODES: readonly OutcomeCode[] = OUTCOMES.map((x) => x.code);
export const WITHHOLDING_CODES: readonly WithholdingCode[] = OUTCOMES.filter((x) => x.withholding).map(
  (x) => x.code as WithholdingCode,
);

export function isOutcomeCode(v: unknown): v is OutcomeCode {
  return typeof v === 'string' && BY_CODE.has(v as OutcomeCode);
}

export function outcome(code: OutcomeCode): Outcome {
  const found = BY_CODE.get(code);
  if (!found) throw new Error(`unknown outcome code ${code}`);
  return found;
}

/**
 * Remedy kind of a reply: 部分公开 is 'per_part', its clauses follow from the grounds of the
 * withheld parts (remedyPlan); 法释〔2025〕8号 press release: 不予公开 = decisions under 第14、15、16条.
 */
export function remedyFor(code: OutcomeCode): RemedyKind {
  return outcome(code).remedy;
}

// ------------------------------------------------------------------ withheld parts (条例第37条)

/**
 * What a withheld part of a 部分公开 reply may rest on. 条例第三十七条: "申请公开的信息中含有不应当
 * 公开或者不属于政府信息的内容，但是能够作区分处理的" — a 第14、15、16条 exemption (the seven
 * withholding codes), or content that is not 政府信息 at all (条例第二条).
 */
export type WithheldPartGround = WithholdingCode | 'not_government_information';

export interface PartGround {
  code: WithheldPartGround;
  label: string;
  /** Formal citation for the letter's item. */
  citation: string;
  /** The clause that covers this part: 复议前置 for 第14、15、16条 (行政复议法第23条第一款第（四）项). */
  remedy: 'reconsideration_first' | 'ordinary';
  /** True for a 第14、15、16条 exemption (不予公开); false for 不属于政府信息 (not provided as such). */
  withholding: boolean;
}

export const PART_GROUNDS: readonly PartGround[] = Object.freeze([
  ...OUTCOMES.filter((x) => x.withholding).map((x) => ({
    code: x.code as WithholdingCode,
    label: x.label,
    citation: x.citation as string,
    remedy: 'reconsideration_first' as const,
    withholding: true,
  })),
  // 条例第二条 (政府信息的定义)、第三十七条: not a 不予公开 decision, so no 复议前置 (legal review §A).
  { code: 'not_government_information', label: '不属于政府信息', citation: `${REG}第二条、第三十七条`, remedy: 'ordinary', withholding: false },
]);

const PART_BY_CODE = new Map<WithheldPartGround, PartGround>(PART_GROUNDS.map((g) => [g.code, g]));

export const WITHHELD_PART_GROUNDS: readonly WithheldPartGround[] = PART_GROUNDS.map((g) => g.code);

export function isWithheldPartGround(v: unknown): v is WithheldPartGround {
  return typeof v === 'string' && PART_BY_CODE.has(v as WithheldPartGround);
}

export function partGround(code: WithheldPartGround): PartGround {
  const found = PART_BY_CODE.get(code);
  if (!found) throw new Error(`unknown withheld-part ground ${code}`);
  return found;
}

/**
 * The clauses a letter of remedy kind `kind` carries (行政复议法第20、23条; 行政诉讼法第46条):
 * - reconsiderationFirst: 'whole' (the reply is a 不予公开 decision), 'parts' (only the withheld
 *   parts whose ground is 第14、15、16条), or none;
 * - ordinary: 'whole' (the reply), 'rest' (本答复的其他内容, beside a 复议前置 clause for parts), or none.
 * 部分公开 is computed from the grounds of its withheld parts, never from the outcome code alone.
 */
export interface RemedyPlan {
  reconsiderationFirst: 'whole' | 'parts' | null;
  ordinary: 'whole' | 'rest' | null;
}

export function remedyPlan(kind: RemedyKind, grounds: readonly WithheldPartGround[] = []): RemedyPlan {
  switch (kind) {
    case 'reconsideration_first':
      return { reconsiderationFirst: 'whole', ordinary: null };
    case 'ordinary':
      return { reconsiderationFirst: null, ordinary: 'whole' };
    case 'none':
      return { reconsiderationFirst: null, ordinary: null };
    case 'per_part':
      return grounds.some((g) => partGround(g).remedy === 'reconsideration_first')
        ? { reconsiderationFirst: 'parts', ordinary: 'rest' }
        : { reconsiderationFirst: null, ordinary: 'whole' };
    default:
      throw new Error(`unknown remedy kind ${String(kind)}`);
  }
}
