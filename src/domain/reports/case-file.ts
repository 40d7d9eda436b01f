/**
 * 案卷 (case file) for archiving (归档, 条例第45条) and for a reconsideration body or a court: what the
 * cover sheet states, section by section, from the case as the API shows it (the applicant's
 * identity masked as in every view). The final letters' own PDFs follow it unchanged. Pure: the
 * module renders these lines and appends the letters.
 */
import { STATE_LABELS, type StateKey } from '../workflow/case';
import { isOutcomeCode, outcome } from '../outcomes/outcomes';
import { APPLICANT_CATEGORY_LABELS, CHANNEL_LABELS } from '../intake/labels';

export interface CaseFileInput {
  agencyName: string;
  generatedAt: string;
  caseNumber: string;
  state: string;
  /** null: an online application not yet confirmed (条例第三十一条第（三）项). */
  receiptDate: string | null;
  channel: string;
  applicant: { name?: string; category?: string; idType?: string; idNumber?: string | null; phone?: string | null; address?: string | null };
  description: string;
  form: string;
  deliveryMethod: string;
  department: string | null;
  outcome: string | null;
  closedOn: string | null;
  deadlines: { correctionNoticeDue: string | null; replyDue: string | null; provisional: boolean; overdue: boolean; ledger: Array<{ text: string }> };
  summary: {
    delivery: Record<string, unknown> | null;
    reconsiderations: Array<Record<string, unknown>>;
    litigations: Array<Record<string, unknown>>;
  };
  notices: Array<{ letterType: string; docNumber: string | null; sentOn: string; deliveryMethod: string | null; receivedOn: string | null }>;
  letters: Array<{ docNumber: string; type: string; variant: string; issuedOn: string; sha256: string; intact: boolean; pages: number; replacesId: string | null }>;
  history: Array<{ seq: number; type: string; occurredOn: string; recordedAt: string; actor: string | null; payload: unknown; hash: string }>;
  verification: { intact: boolean; replayMatches: boolean; events: number; head: string; problems: string[] };
  /** 附件 (issue 18): the records attached, every redaction made or withdrawn, the released copies delivered. */
  documents?: Array<{ id: string; name: string; pages: number; sha256: string; addedBy: string; addedAt: string }>;
  redactions?: Array<{ documentId: string; page: number; x: number; y: number; width: number; height: number; ground: string; reason: string; by: string; at: string; removedBy: string | null; removedAt: string | null }>;
  releases?: Array<{ documentId: string; sha256: string; pages: number; at: string }>;
}

export interface CaseFileSection {
  title: string;
  /** Label–value rows (a value may be long: it wraps). */
  rows?: Array<[string, string]>;
  /** Free lines (the ledger, the history). */
  lines?: string[];
}

const REMEDY_RESULT: Record<string, string> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结' };

const text = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

/** The cover sheet's sections, in order: the case, outcome, deadlines, letters, delivery, remedies, history, verification. */
export function caseFileSections(c: CaseFileInput): CaseFileSection[] {
  const o = c.outcome && isOutcomeCode(c.outcome) ? outcome(c.outcome) : null;
  const sections: CaseFileSection[] = [
    {
      title: '一、案件信息',
      rows: [
        ['案件编号', c.caseNumber],
        ['办理机关', c.agencyName],
        ['当前状态', `${STATE_LABELS[c.state as StateKey] ?? c.state}（${c.state}）`],
        ['收到申请之日', c.receiptDate ? `${c.receiptDate}（条例第三十一条）` : '网上申请待确认，尚未确定（条例第三十一条第（三）项）'],
        ['提交方式', CHANNEL_LABELS[c.channel] ?? c.channel],
        ['申请人', text(c.applicant.name)],
        ['申请人类别', (APPLICANT_CATEGORY_LABELS as Record<string, string>)[c.applicant.category ?? ''] ?? text(c.applicant.category)],
        ['证件号码', text(c.applicant.idNumber)],
        ['联系电话', text(c.applicant.phone)],
        ['通信地址', text(c.applicant.address)],
        ['所需信息', c.description],
        ['载体形式 / 获取方式', `${c.form} / ${c.deliveryMethod}`],
        ['承办部门', text(c.department)],
      ],
    },
    {
      title: '二、办理结果',
      rows: [
        ['办理结果', o ? `${o.label}（${o.code}）` : '尚未办结'],
        ['年度报告栏目', o ? o.row : '—'],
        ['依据', o ? (o.citation ?? o.basis) : '—'],
        ['结案日期', text(c.closedOn)],
      ],
    },
    {
      title: '三、期限及计算过程',
      rows: [
        ['补正告知期限', text(c.deadlines.correctionNoticeDue)],
        ['答复期限', `${text(c.deadlines.replyDue)}${c.deadlines.provisional ? '（暂定）' : ''}`],
        ['是否逾期', c.deadlines.overdue ? '已逾期' : '否'],
      ],
      lines: c.deadlines.ledger.map((e) => e.text),
    },
    {
      title: '四、文书（原件按下列顺序附于本表之后）',
      lines: c.letters.length
        ? c.letters.map(
            (l, i) =>
              `附件${i + 1}：${l.docNumber}（${l.type}/${l.variant}），签发日期 ${l.issuedOn}，${l.pages} 页，SHA-256 ${l.sha256}，` +
              `${l.intact ? '校验一致' : '校验不一致'}${l.replacesId ? '，系更正后重新出具' : ''}`,
          )
        : ['无'],
    },
    {
      title: '五、送达记录',
      lines: [
        c.summary.delivery
          ? `答复送达：${Object.entries(c.summary.delivery)
              .map(([k, v]) => `${k}=${text(v)}`)
              .join('，')}`
          : '答复送达：尚无记录',
        ...c.notices.map(
          (n) => `${n.letterType}${n.docNumber ? `（${n.docNumber}）` : ''}：发出 ${n.sentOn}，方式 ${text(n.deliveryMethod)}，收到 ${text(n.receivedOn)}`,
        ),
      ],
    },
    {
      title: '六、行政复议、行政诉讼',
      lines: [
        ...c.summary.reconsiderations.map((r) => `行政复议：申请日期 ${text(r.filedOn)}，${REMEDY_RESULT[String(r.result)] ?? text(r.result)}，决定日期 ${text(r.decidedOn)}`),
        ...c.summary.litigations.map(
          (r) =>
            `行政诉讼（${r.afterReconsideration ? '复议后起诉' : '未经复议直接起诉'}）：起诉日期 ${text(r.filedOn)}，${REMEDY_RESULT[String(r.result)] ?? text(r.result)}，判决日期 ${text(r.decidedOn)}`,
        ),
      ],
    },
    {
      title: '七、办理过程记录（全部历史记录）',
      lines: c.history.map(
        (h) =>
          `#${h.seq} ${h.occurredOn}（记录于 ${h.recordedAt}）${h.type}，${h.actor ?? '系统'}：${JSON.stringify(h.payload ?? {})}；哈希 ${h.hash}`,
      ),
    },
    {
      title: '八、历史记录校验结果',
      rows: [
        ['哈希链', c.verification.intact ? '完整' : '不完整'],
        ['重放结果', c.verification.replayMatches ? '与保存的状态一致' : '与保存的状态不一致'],
        ['记录条数', String(c.verification.events)],
        ['链头哈希', c.verification.head || '—'],
        ['发现的问题', c.verification.problems.length ? c.verification.problems.join('；') : '无'],
      ],
    },
  ];
  if (!sections[5].lines!.length) sections[5].lines = ['无'];
  if (c.documents?.length) {
    const nameOf = new Map(c.documents.map((d) => [d.id, d.name]));
    sections.push({
      title: '九、附件及遮盖记录（条例第三十七条）',
      lines: [
        ...c.documents.map((d, i) => `附件${i + 1}：${d.name}，${d.pages}页，原件SHA-256 ${d.sha256}，${d.addedBy}添加于 ${d.addedAt}`),
        ...(c.redactions ?? []).map(
          (r) =>
            `遮盖：${nameOf.get(r.documentId) ?? r.documentId} 第${r.page}页 区域(${r.x}, ${r.y}, ${r.width}×${r.height}点)，依据 ${r.ground}，理由：${r.reason}；${r.by}于 ${r.at}` +
            (r.removedAt ? `；已由${r.removedBy ?? '—'}于 ${r.removedAt}撤销` : ''),
        ),
        ...(c.releases ?? []).map((r) => `送达的提供版：${nameOf.get(r.documentId) ?? r.documentId}，${r.pages}页，SHA-256 ${r.sha256}（${r.at}）`),
      ],
    });
  }
  return sections;
}
