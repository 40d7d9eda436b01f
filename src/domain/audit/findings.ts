/**
 * 法制审核 findings: the catalogue of compliance rules the legal audit checks a case against
 * (issue 15; shared/domain README §4-5, legal-review.md). One entry per rule: a stable code, the
 * rule in words, the article it rests on (null for the agency's internal-control rules, which the
 * 条例 does not contain), the severity and the Chinese message. docs/audit-findings.md is generated
 * from this table (test/unit/audit/findings.spec.ts checks it is current).
 *
 * Codes never change once published. When a rule is added or changed, raise AUDIT_RULES_VERSION:
 * the stored findings of closed cases are then recomputed (npm run audit:recompute, or the worker).
 * Pure TypeScript: no framework imports.
 */

export type Severity = 'high' | 'medium' | 'low';

/** When a rule can be judged: on a closed case, on an open one as of today, on a draft in approval. */
export type FindingScope = 'closed' | 'open' | 'draft';

export interface FindingRule {
  readonly rule: string;
  readonly article: string | null;
  readonly severity: Severity;
  readonly message: string;
  readonly scopes: readonly FindingScope[];
  /** Added by legal staff (not computed). */
  readonly manual?: boolean;
}

/** Raised whenever a rule below is added or changes what it finds. */
export const AUDIT_RULES_VERSION = 1;

const ALL: readonly FindingScope[] = ['closed', 'open', 'draft'];
const OPEN_AND_CLOSED: readonly FindingScope[] = ['closed', 'open'];

export const FINDINGS = {
  HISTORY_NOT_VERIFIED: {
    rule: '案件历史记录能够校验：哈希链完整、与案件上保存的链头一致、重放得到保存的状态',
    article: null,
    severity: 'high',
    message: '案件历史记录校验不通过（哈希链、链头或重放不一致），记录可能被改写或删除',
    scopes: OPEN_AND_CLOSED,
  },
  REPLY_LATE: {
    rule: '答复在答复期限内送达（当面交付、交邮或发送之日不晚于答复期限；含延长、第三十五条延迟答复和依法不计算的期间）',
    article: '条例第三十三条',
    severity: 'high',
    message: '答复晚于答复期限送达',
    scopes: ['closed', 'open'],
  },
  CORRECTION_NOTICE_LATE: {
    rule: '补正告知自收到申请之日起7个工作日内一次性发出',
    article: '条例第三十条',
    severity: 'high',
    message: '补正告知晚于收到申请之日起7个工作日发出',
    scopes: OPEN_AND_CLOSED,
  },
  RECEIPT_NOT_CONFIRMED_SAME_DAY: {
    rule: '以平常信函或者互联网渠道提交的申请，在到达当日确认收到',
    article: '条例第三十一条',
    severity: 'medium',
    message: '平常信函或网上申请未在到达当日确认收到（收到申请之日随之推后）',
    scopes: OPEN_AND_CLOSED,
  },
  BACKDATED_ENTRY: {
    rule: '业务在发生之日起宽限期（机关设置，工作日）内录入；超过宽限期补录的须写明原因，列入法制审核',
    article: null,
    severity: 'medium',
    message: '业务超过宽限期后补录',
    scopes: OPEN_AND_CLOSED,
  },
  ENTRY_BACKDATED_BEFORE_LETTER: {
    rule: '文书发出后，不得补录日期早于该文书的业务（文书所依据的事实不得事后改变）',
    article: null,
    severity: 'high',
    message: '文书发出后补录了日期早于该文书的业务',
    scopes: OPEN_AND_CLOSED,
  },
  EXTENSION_NOT_APPROVED_BY_HEAD: {
    rule: '延长答复期限经政府信息公开工作机构负责人同意',
    article: '条例第三十三条第二款',
    severity: 'high',
    message: '延长答复期限未经政府信息公开工作机构负责人同意',
    scopes: OPEN_AND_CLOSED,
  },
  EXTENSION_NOT_NOTIFIED_IN_TIME: {
    rule: '延长答复期限在原答复期限届满前决定并告知申请人（延期答复告知书送达不晚于原期限）',
    article: '条例第三十三条第二款',
    severity: 'high',
    message: '延长答复期限未在原答复期限届满前决定或告知申请人',
    scopes: OPEN_AND_CLOSED,
  },
  EXTENSION_TOO_LONG: {
    rule: '延长的期限最长不超过20个工作日',
    article: '条例第三十三条第二款',
    severity: 'high',
    message: '延长答复期限超过20个工作日',
    scopes: OPEN_AND_CLOSED,
  },
  THIRD_PARTY_WITHHOLDING_UNSUPPORTED: {
    rule: '以保护第三方合法权益为由不予公开（全部或部分）的，须已书面征求第三方意见或记录不征求的理由，且第三方未同意公开',
    article: '条例第十五条、第三十二条',
    severity: 'high',
    message: '以第三方合法权益为由不予公开，但未征求第三方意见且未记录理由，或第三方已同意公开',
    scopes: ALL,
  },
  SECRECY_REVIEW_MISSING: {
    rule: '公开（全部或部分）前有允许公开的保密审查记录；以国家秘密为由不予公开的有认定国家秘密的审查记录',
    article: '条例第十七条',
    severity: 'high',
    message: '缺少允许该答复的保密审查记录',
    scopes: ALL,
  },
  REPLY_ARTICLE_MISMATCH: {
    rule: '答复所引条款与答复类型相符（答复书的模板、办理意见的法律依据）',
    article: '条例第三十六条',
    severity: 'high',
    message: '答复引用的条款与答复类型不符',
    scopes: ALL,
  },
  REMEDY_MISMATCH: {
    rule: '救济条款与答复理由相符：复议前置仅用于依条例第十四、十五、十六条不予公开（含部分公开中不予公开的部分），其他答复告知复议或诉讼',
    article: '行政复议法第二十三条第一款第（四）项',
    severity: 'high',
    message: '答复书的救济条款与不予公开的理由不符',
    scopes: ALL,
  },
  OUTCOME_LETTER_MISSING: {
    rule: '办结的案件有其答复书（结案文书）',
    article: '条例第三十六条',
    severity: 'high',
    message: '案件已办结，但没有答复书',
    scopes: ['closed'],
  },
  OUTCOME_LETTER_NOT_FINAL: {
    rule: '答复书为定稿并编有文号',
    article: null,
    severity: 'high',
    message: '答复书不是定稿或没有文号',
    scopes: ['closed'],
  },
  LETTER_HASH_MISMATCH: {
    rule: '文书内容与发出时记录的哈希值（SHA-256）一致',
    article: null,
    severity: 'high',
    message: '文书内容与发出时记录的哈希值不符（文书可能被改动）',
    scopes: ['closed', 'open'],
  },
  DELIVERY_PROOF_MISSING: {
    rule: '送达有凭证：当面交付有签收人，邮寄有邮件号，电子送达有发送记录',
    article: '国办公开办函〔2016〕235号',
    severity: 'medium',
    message: '答复送达缺少凭证',
    scopes: ['closed'],
  },
  CONSULTATION_UNRESOLVED: {
    rule: '每项征求意见都记录了答复结果或期满',
    article: '条例第三十二条、第三十四条',
    severity: 'medium',
    message: '征求意见没有记录答复结果或期满',
    scopes: ['closed'],
  },
  PERIODS_OPEN: {
    rule: '报批的答复不以仍在进行的期间为前提：征求意见已结束，信息处理费已缴纳',
    article: '条例第三十二条、第三十四条',
    severity: 'high',
    message: '仍有未结束的期间（征求意见或缴费），不宜作出答复',
    scopes: ['draft'],
  },
  REQUIRED_FIELD_EMPTY: {
    rule: '答复类型要求写明的内容已填写（理由、检索情况、主管机关及联系方式、获取途径等）',
    article: '条例第三十六条',
    severity: 'high',
    message: '答复须写明的内容为空',
    scopes: ['draft'],
  },
  LEGAL_NOTE: {
    rule: '法制审核人员自行记录的问题或意见',
    article: null,
    severity: 'low',
    message: '法制审核意见',
    scopes: ['closed', 'open'],
    manual: true,
  },
} as const satisfies Record<string, FindingRule>;

export type FindingCode = keyof typeof FINDINGS;
export const FINDING_CODES = Object.keys(FINDINGS) as FindingCode[];

export function isFindingCode(x: unknown): x is FindingCode {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(FINDINGS, x);
}

/** One finding on one case (the API's shape). */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  article: string | null;
  message: string;
  evidence: Record<string, unknown>;
}

/** A finding of a catalogue rule, with the details its message adds and its evidence. */
export function finding(code: FindingCode, evidence: Record<string, unknown>, detail?: string): Finding {
  const r: FindingRule = FINDINGS[code];
  return {
    code,
    severity: r.severity,
    article: r.article,
    message: detail ? `${r.message}：${detail}` : r.message,
    evidence,
  };
}

export const SEVERITY_LABELS: Record<Severity, string> = { high: '高', medium: '中', low: '低' };

/** The catalogue as markdown (docs/audit-findings.md). */
export function findingsMarkdown(): string {
  const lines = [
    '# 法制审核发现项目录（Audit findings）',
    '',
    '由 `src/domain/audit/findings.ts` 生成（`UPDATE_FINDINGS=1 TEST_NO_DB=1 npx jest test/unit/audit/findings.spec.ts`），请勿手工修改。',
    '',
    `规则版本（AUDIT_RULES_VERSION）：${AUDIT_RULES_VERSION}。规则变化时提高版本号，已办结案件的发现项随之重新计算（\`npm run audit:recompute\`）。`,
    '',
    '适用范围：closed = 已办结案件（办结时计算并保存）；open = 办理中的案件（查询时按当日计算）；draft = 报批中的答复草稿（审批前计算，高严重度的发现项阻止审批，除非审批人逐项说明不适用的理由）。',
    '',
    '| 代码 | 规则 | 依据 | 严重度 | 提示 | 适用 |',
    '|---|---|---|---|---|---|',
  ];
  for (const code of FINDING_CODES) {
    const r: FindingRule = FINDINGS[code];
    lines.push(`| \`${code}\` | ${r.rule} | ${r.article ?? '内部控制规则（非条例条款）'} | ${r.severity}（${SEVERITY_LABELS[r.severity]}） | ${r.message} | ${r.manual ? '法制审核人员添加' : r.scopes.join(', ')} |`);
  }
  lines.push('');
  return lines.join('\n');
}
