/**
 * The bulk case generator (issue 16): fills a database with realistic cases for the benchmarks —
 * `npm run seed:bulk` and the report / query benchmarks all use this one generator.
 *
 * Every case is written as the application writes it: the statechart's persisted snapshot is the
 * replay (replayCase, the function GET /cases/:id/history/verify runs) of the case's own history
 * entries, the entries are hash-chained exactly as CasesService.appendEvent chains them (eventHash
 * over the canonical JSON; the chain head on the case row), the version is 1 + the statechart
 * entries (a LETTER_ISSUED entry of a step does not raise it), the worklist columns and timers are
 * derivedOf(...) as refreshDerived writes them, and the case numbers and 文号 are gap-free per
 * agency and year (the counters end at the last number given). Letters are rows with their
 * metadata; their bytes are one small placeholder PDF (a generated case's letter is not rendered).
 *
 * Speed: the statechart runs once per (scenario, receipt date) — a template with placeholder ids —
 * and each case substitutes its own ids into the template's canonical JSON before hashing; rows go
 * to PostgreSQL with COPY (pg-copy-streams), one transaction per batch.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { BUILTIN_NOTICES, formatIsoDate, parseIsoDate, WorkingCalendar, type YearNotice } from '../domain/calendar';
import { computeClock } from '../domain/deadlines';
import { seriesFor } from '../domain/letters/case-letters';
import { docNumberOf } from '../domain/letters/format';
import { replayCase } from '../domain/workflow/log';
import { clockInputFor, clockNotStarted, derivedOf } from '../modules/cases/workflow-adapter';
import { hashPassword } from '../modules/users/passwords';
import { DEFAULT_AGENCY_SETTINGS } from '../modules/agencies/agency-settings';

export interface BulkOptions {
  /** Cases to add (over all agencies). */
  cases: number;
  /** Agencies holding them, the demo agency (示范县人民政府) being the first; missing ones are created. */
  agencies: number;
  /** The day the data is generated "as of" (deadlines, overdue); default: today in Shanghai. */
  today?: string;
  /** Cases per COPY transaction. */
  batch?: number;
  /** Deterministic choice of scenarios and dates (same seed, same shape; ids are random). */
  seed?: number;
  onProgress?: (done: number, total: number) => void;
  /** Only these scenarios (by name, e.g. 'awaitingConfirmation'), in their usual proportions; default all. */
  scenarios?: string[];
}

export interface BulkResult {
  cases: number;
  events: number;
  letters: number;
  agencies: Array<{ id: string; name: string; cases: number }>;
  ms: number;
}

// ------------------------------------------------------------------ placeholders of a template

const P = {
  case: 'ca5e0000-0000-4000-8000-00000000ca5e',
  dept: 'de900000-0000-4000-8000-00000000de90',
  clerk: 'c1e40000-0000-4000-8000-00000000c1e4',
  handler: 'a4d10000-0000-4000-8000-00000000a4d1',
  approver: 'a99f0000-0000-4000-8000-00000000a99f',
  legal: '1e9a0000-0000-4000-8000-000000001e9a',
  caseNumber: '@@CASE_NUMBER@@',
  deptName: '@@DEPARTMENT_NAME@@',
  recipient: '@@RECIPIENT@@',
  letter: (i: number) => `1e77e400-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`,
  doc: (i: number) => `@@DOC_${i}@@`,
  sha: '@@LETTER_SHA256@@',
} as const;
const PLACEHOLDER_RE = /ca5e0000-0000-4000-8000-00000000ca5e|de900000-0000-4000-8000-00000000de90|c1e40000-0000-4000-8000-00000000c1e4|a4d10000-0000-4000-8000-00000000a4d1|a99f0000-0000-4000-8000-00000000a99f|1e9a0000-0000-4000-8000-000000001e9a|1e77e400-0000-4000-8000-0000000000\d\d|@@[A-Z_0-9]+@@/g;

type Actor = 'clerk' | 'handler' | 'approver' | 'legal' | null;
const ROLES_OF: Record<Exclude<Actor, null>, string[]> = {
  clerk: ['clerk'],
  handler: ['handler'],
  approver: ['approver', 'office_head'],
  legal: ['legal'],
};

/** One history entry of a template (payload with placeholders). */
interface TplEvent {
  type: string;
  payload: Record<string, unknown>;
  actor: Actor;
  on: string;
  /** Index of the letter (per case) this LETTER_ISSUED entry records. */
  letter?: number;
}
interface TplLetter {
  type: string;
  variant: string;
  issuedOn: string;
}
/** A scenario run through the statechart for one receipt date. */
interface Template {
  events: Array<{ type: string; payloadCanon: string; actor: Actor; on: string; recordedAt: string }>;
  letters: TplLetter[];
  snapshotJson: string;
  state: string;
  version: number;
  derived: ReturnType<typeof derivedOf>['derived'];
  dues: ReturnType<typeof derivedOf>['dues'];
  online: boolean;
}

// ------------------------------------------------------------------ scenarios

const CLOSING_OUTCOMES: Array<[string, Record<string, unknown>, 'secrecy' | 'secrecyWithhold' | 'reasons' | 'correction' | 'thirdParty' | null]> = [
  ['already_public', { access: '已在本机关门户网站“政府信息公开”栏目主动公开' }, null],
  ['disclose', { access: '纸质复印件邮寄', reasons: '经审查，可以公开' }, 'secrecy'],
  ['partial', { access: '纸质复印件邮寄', reasons: '除附件三外予以公开', withheldParts: [{ part: '附件三：评标专家个人信息', ground: 'withhold_third_party', reason: '涉及个人隐私，公开会对第三方合法权益造成损害' }], noConsultationReason: '评标专家人数众多且联系方式不全，无法逐一征求意见' }, 'secrecy'],
  ['withhold_state_secret', { reasons: '该信息经依法确定为国家秘密，依据条例第十四条不予公开' }, 'secrecyWithhold'],
  ['withhold_law_forbids', { reasons: '该资料属于统计调查中获得的能够识别单个统计调查对象的资料', lawProvision: '《中华人民共和国统计法》第三十九条' }, null],
  ['withhold_security_stability', { reasons: '公开后可能危及国家安全、公共安全、经济安全、社会稳定' }, null],
  ['withhold_third_party', { reasons: '第三方不同意公开，且公开会对其商业秘密造成损害' }, 'thirdParty'],
  ['withhold_internal_affairs', { reasons: '属于本机关人事管理信息（条例第十六条第一款）' }, null],
  ['withhold_process_info', { reasons: '属于讨论记录、过程稿，属于过程性信息（条例第十六条第二款）' }, null],
  ['withhold_enforcement_file', { reasons: '属于行政执法案卷信息（条例第十六条第二款）' }, null],
  ['special_law', { reasons: '不动产登记资料查询另有规定', specialLaw: '《不动产登记暂行条例》', specialLawOffice: '示范县不动产登记中心', channelHint: '请向示范县不动产登记中心申请查询' }, null],
  ['not_exist', { reasons: '经检索档案系统，未找到相关信息', searchPerformed: '档案系统、OA系统' }, null],
  ['not_this_agency', { reasons: '该信息不属于本机关负责公开', competentAgency: '示范县交通运输局', competentAgencyContact: '0591-00000000' }, null],
  ['needs_creation', { reasons: '申请内容需要对现有信息进行加工、分析，本机关不另行制作' }, null],
  ['unclear_after_correction', { reasons: '申请人补正后仍未明确所需信息' }, 'correction'],
  ['petition_complaint', { reasons: '申请内容为投诉举报', channelHint: '请通过信访渠道（示范县信访局）反映' }, null],
  ['repeated_request', { reasons: '申请人此前已提出相同申请并已答复', earlierReply: '示范公开〔2022〕3号', earlierReplyDate: '2022-01-20' }, null],
  ['publication', { reasons: '所申请为公开出版物', channelHint: '可通过新华书店等渠道获取' }, null],
  ['excessive_requests', { reasons: '申请人无正当理由大量、反复申请，明显超过合理范围' }, 'reasons'],
  ['confirm_reissue', { reasons: '申请人要求确认已获取信息的真实性，不属于政府信息公开申请' }, null],
  ['other', { reasons: '其他处理：……' }, null],
];

/** The scenarios and their weight (per 10,000 cases); the stage a case reached. */
type Stage =
  | 'awaitingConfirmation' | 'registered' | 'accepted' | 'awaitingCorrection' | 'handling' | 'extended'
  | 'inApproval' | 'decided' | 'closed' | 'withdrawn' | 'closureProposed' | 'closedLapsed';
interface Scenario {
  name: string;
  stage: Stage;
  outcome?: number; // index into CLOSING_OUTCOMES
  remedy?: 'reconsideration' | 'litigation';
  archived?: boolean;
  weight: number;
  /** Receipt dates: 'recent' (last ~25 days), 'overdue' (40-90 days ago) or 'any' (the whole span). */
  when: 'recent' | 'overdue' | 'any';
}

function scenarios(): Scenario[] {
  const s: Scenario[] = [
    { name: 'awaitingConfirmation', stage: 'awaitingConfirmation', weight: 20, when: 'recent' },
    { name: 'registered', stage: 'registered', weight: 60, when: 'recent' },
    { name: 'accepted', stage: 'accepted', weight: 60, when: 'recent' },
    { name: 'awaitingCorrection', stage: 'awaitingCorrection', weight: 40, when: 'recent' },
    { name: 'handling', stage: 'handling', weight: 200, when: 'recent' },
    { name: 'handling-overdue', stage: 'handling', weight: 40, when: 'overdue' },
    { name: 'extended', stage: 'extended', weight: 40, when: 'recent' },
    { name: 'inApproval', stage: 'inApproval', outcome: 1, weight: 60, when: 'recent' },
    { name: 'decided', stage: 'decided', outcome: 11, weight: 30, when: 'recent' },
    { name: 'withdrawn', stage: 'withdrawn', weight: 100, when: 'any' },
    { name: 'closureProposed', stage: 'closureProposed', weight: 20, when: 'overdue' },
    { name: 'closed:correction_overdue', stage: 'closedLapsed', weight: 80, when: 'any' },
  ];
  // The closed cases, over every outcome (disclose and its neighbours most often).
  const share = [1200, 2400, 900, 80, 80, 60, 150, 150, 300, 150, 200, 1300, 700, 500, 250, 350, 200, 100, 120, 100, 180];
  CLOSING_OUTCOMES.forEach(([code], i) => {
    s.push({ name: `closed:${code}`, stage: 'closed', outcome: i, weight: Math.round(share[i] * 0.8), when: 'any' });
    s.push({ name: `archived:${code}`, stage: 'closed', outcome: i, archived: true, weight: Math.round(share[i] * 0.2), when: 'any' });
  });
  s.push({ name: 'closed:disclose+reconsideration', stage: 'closed', outcome: 11, remedy: 'reconsideration', weight: 150, when: 'any' });
  s.push({ name: 'closed:withhold+litigation', stage: 'closed', outcome: 7, remedy: 'litigation', weight: 60, when: 'any' });
  return s;
}

/** The entries of a scenario for a receipt date (placeholder ids), mirroring the action handlers' payloads. */
function scenarioEvents(sc: Scenario, receipt: string, cal: WorkingCalendar): { events: TplEvent[]; letters: TplLetter[] } {
  const events: TplEvent[] = [];
  const letters: TplLetter[] = [];
  const wd = (n: number) => cal.addWorkingDays(receipt, n);
  const entry = (type: string, actor: Actor, on: string, payload: Record<string, unknown> = {}) =>
    events.push({ type, actor, on, payload: actor ? { ...payload, actorRoles: ROLES_OF[actor] } : payload });
  const letter = (type: string, variant: string, on: string, actor: Actor) => {
    const i = letters.length;
    letters.push({ type, variant, issuedOn: on });
    events.push({
      type: 'LETTER_ISSUED',
      actor,
      on,
      letter: i,
      payload: { letterId: P.letter(i), type, variant, docNumber: P.doc(i), sha256: P.sha },
    });
  };
  const arrivedAt = `${receipt}T09:30:00+08:00`;
  if (sc.stage === 'awaitingConfirmation') {
    entry('APPLICATION_SUBMITTED', null, receipt, { channel: 'online', arrivedAt: new Date(arrivedAt).toISOString(), arrivedOn: receipt, caseNumber: P.caseNumber, flags: [] });
    return { events, letters };
  }
  entry('REGISTERED', 'clerk', receipt, { channel: 'in_person', arrivedAt, confirmedAt: null, receiptDate: receipt, caseNumber: P.caseNumber, flags: [] });
  letter('receipt', 'receipt', receipt, 'clerk');
  if (sc.stage === 'registered') return { events, letters };
  if (sc.stage === 'withdrawn') {
    entry('WITHDRAW', 'clerk', wd(2), { reason: '申请人书面撤回申请' });
    return { events, letters };
  }
  const code = sc.outcome !== undefined ? CLOSING_OUTCOMES[sc.outcome] : undefined;
  const correction = ['awaitingCorrection', 'closureProposed', 'closedLapsed'].includes(sc.stage) || code?.[2] === 'correction';
  if (correction) {
    entry('REQUEST_CORRECTION', 'clerk', wd(2), {
      items: ['请明确所需信息的名称、文号或者便于查询的其他特征性描述'],
      periodWorkingDays: 15,
      noticeDue: wd(7),
      deliveryMethod: 'electronic',
    });
    letter('correction_notice', 'correction_notice', wd(2), 'clerk');
    if (sc.stage === 'awaitingCorrection') return { events, letters };
    if (sc.stage === 'closureProposed' || sc.stage === 'closedLapsed') {
      // 条例第30条: the period (15 WD from the notice, received the day sent) ran out; the timer proposes
      // the closure (视为放弃申请) the day after, the clerk submits it, the approver approves it.
      const dueOn = cal.addWorkingDays(wd(2), 15);
      const after = cal.addWorkingDays(dueOn, 1);
      entry('CORRECTION_PERIOD_LAPSED', null, after, { dueOn });
      if (sc.stage === 'closureProposed') return { events, letters };
      entry('SUBMIT_FOR_APPROVAL', 'clerk', cal.addWorkingDays(after, 1), { chain: [{ step: 'approver' }] });
      entry('APPROVE', 'approver', cal.addWorkingDays(after, 2), {});
      letter('reply', 'reply_correction_overdue', cal.addWorkingDays(after, 2), 'approver');
      entry('DELIVER', 'clerk', cal.addWorkingDays(after, 3), { method: 'post', recipient: P.recipient, proof: '邮寄送达（挂号信）', carrier: '中国邮政', trackingNumber: 'XA123456789CN', deliveredByName: '登记员' });
      letter('delivery_receipt', 'delivery_receipt', cal.addWorkingDays(after, 3), 'clerk');
      return { events, letters };
    }
    entry('RECEIVE_CORRECTION', 'clerk', wd(5));
  }
  // A received correction accepts the application (条例第30条); otherwise the clerk accepts it.
  if (!correction) entry('ACCEPT', 'clerk', wd(1));
  if (sc.stage === 'accepted') return { events, letters };
  const base = correction ? 5 : 1;
  entry('ASSIGN', 'clerk', wd(base), { departmentId: P.dept, assigneeId: P.handler, departmentName: P.deptName });
  if (sc.stage === 'handling') return { events, letters };
  if (sc.stage === 'extended') {
    entry('EXTEND', 'approver', wd(base + 3), {
      workingDays: 20,
      reason: '申请内容涉及多个业务科室，需要协调汇总',
      approvedBy: P.approver,
      approvedByName: '审批人',
      replyDue: wd(20),
      deliveryMethod: 'electronic',
      replyDueBefore: wd(20),
    });
    letter('extension_notice', 'extension_notice', wd(base + 3), 'approver');
    return { events, letters };
  }
  const [outcome, fields, prep] = code!;
  let day = base + 2;
  if (prep === 'secrecy' || prep === 'secrecyWithhold') {
    entry('RECORD_SECRECY_REVIEW', 'approver', wd(day), {
      conclusion: prep === 'secrecyWithhold' ? 'withhold' : outcome === 'partial' ? 'partial' : 'disclose',
      ground: prep === 'secrecyWithhold' ? '经定密，该文件属于秘密级国家秘密' : '经审查不涉及国家秘密、工作秘密',
      ...(outcome === 'partial' ? { withheldPart: '附件三：评标专家个人信息' } : {}),
      reviewer: '审批人',
    });
    day += 1;
  } else if (prep === 'reasons') {
    entry('REQUEST_REASONS', 'handler', wd(day));
    entry('RECORD_REASONS', 'handler', wd(day + 2), { reasonable: false, summary: '申请人未能说明申请理由的合理性' });
    day += 3;
  } else if (prep === 'thirdParty') {
    entry('START_CONSULTATION', 'handler', wd(day), { consultationId: 'C1', party: 'thirdParty', name: '示范建设工程有限公司', sentOn: wd(day), deliveryMethod: 'electronic' });
    letter('third_party_consultation', 'third_party_consultation', wd(day), 'handler');
    entry('CLOSE_CONSULTATION', 'handler', wd(day + 4), { consultationId: 'C1', result: 'object' });
    day += 5;
  }
  entry('PROPOSE', 'handler', wd(day), { outcome, ...fields });
  entry('SUBMIT_FOR_APPROVAL', 'handler', wd(day + 1), { chain: [{ step: 'approver' }] });
  if (sc.stage === 'inApproval') return { events, letters };
  entry('APPROVE', 'approver', wd(day + 2), {});
  letter('reply', `reply_${outcome}`, wd(day + 2), 'approver');
  if (sc.stage === 'decided') return { events, letters };
  entry('DELIVER', 'clerk', wd(day + 3), { method: 'post', recipient: P.recipient, proof: '邮寄送达（挂号信）', carrier: '中国邮政', trackingNumber: 'XA123456789CN', deliveredByName: '登记员' });
  letter('delivery_receipt', 'delivery_receipt', wd(day + 3), 'clerk');
  if (sc.remedy === 'reconsideration') {
    entry('RECORD_RECONSIDERATION', 'clerk', wd(day + 40), { filedOn: wd(day + 30), result: 'upheld', decidedOn: wd(day + 40) });
  } else if (sc.remedy === 'litigation') {
    entry('RECORD_LITIGATION', 'clerk', wd(day + 60), { filedOn: wd(day + 30), result: 'upheld', decidedOn: wd(day + 60), afterReconsideration: false });
  }
  if (sc.archived) entry('ARCHIVE', 'clerk', wd(day + 70));
  return { events, letters };
}

function recordedAtOf(on: string, seq: number): string {
  // 09:00 Shanghai on the entry's business day, a minute apart.
  return new Date(Date.parse(`${on}T01:00:00.000Z`) + seq * 60_000).toISOString();
}

/** canonicalJson (history-chain.ts) of a plain JSON value, for payloads built here. */
function canon(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canon).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canon(obj[k])}`).join(',')}}`;
}

function buildTemplate(sc: Scenario, receipt: string, today: string, cal: WorkingCalendar): Template | null {
  const { events, letters } = scenarioEvents(sc, receipt, cal);
  if (events.some((e) => e.on > today)) return null; // not reached yet by today
  const entries = events.map((e, i) => ({ seq: i + 1, type: e.type, payload: e.payload, actorId: e.actor ? P[e.actor] : null, occurredOn: e.on }));
  const replay = replayCase(P.case, entries);
  if (!replay.ok) throw new Error(`bulk scenario ${sc.name} (${receipt}) does not replay: ${replay.reason}`);
  const online = sc.stage === 'awaitingConfirmation';
  const clock = online ? clockNotStarted() : computeClock(clockInputFor(replay.snapshot, receipt, today, true), cal);
  const { derived, dues } = derivedOf(replay.snapshot, clock, `${receipt}T09:30:00+08:00`, cal);
  const machineEntries = events.filter((e) => !['REGISTERED', 'APPLICATION_SUBMITTED', 'LETTER_ISSUED'].includes(e.type)).length;
  return {
    events: events.map((e, i) => ({ type: e.type, payloadCanon: canon(e.payload), actor: e.actor, on: e.on, recordedAt: recordedAtOf(e.on, i) })),
    letters,
    snapshotJson: JSON.stringify(replay.snapshot),
    state: replay.state,
    version: 1 + machineEntries,
    derived,
    dues,
    online,
  };
}

// ------------------------------------------------------------------ realistic applicants and requests

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强玉兰海燕晓东丹红梅鹏飞雪梅文博子涵浩然欣怡雨轩梓萱一诺宇航思远嘉怡俊杰';
const ORGS = ['示范建设工程有限公司', '示范律师事务所', '示范大学法学院', '示范日报社', '示范环保公益协会', '示范房地产开发有限公司', '示范物流有限公司', '示范农业合作社', '示范科技有限公司', '示范研究院'];
const PLACES = ['人民路', '解放路', '建设路', '城关镇', '东城街道', '西城街道', '河西新区', '高新区', '滨江路', '五一广场', '北湖片区', '南山村', '青石镇', '桃源乡', '工业园区'];
const SUBJECTS = [
  '旧城改造项目的征收补偿方案', '道路拓宽工程的立项批复', '垃圾焚烧发电厂的环境影响评价报告', '学校新建工程的招标文件', '农村宅基地审批名单',
  '城市规划修编的听证会记录', '财政专项资金的使用明细', '危房改造补助的发放名单', '河道整治工程的验收报告', '公交线路调整的论证材料',
  '征地补偿安置方案及公告', '建设用地规划许可证', '食品安全抽检结果', '水质监测数据', '养老服务补贴的发放标准', '拆迁安置房的分配方案',
  '企业排污许可证及监测报告', '行政处罚决定书', '国有土地使用权出让合同', '政府采购合同及验收材料',
];
const DOCS = ['批复文件', '会议纪要', '实施方案', '相关材料', '审批记录', '公示名单', '合同文本', '年度报告'];

/** A small deterministic PRNG (mulberry32): the same seed gives the same data set shape. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ------------------------------------------------------------------ COPY text format

function esc(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
const line = (vals: unknown[]) => `${vals.map(esc).join('\t')}\n`;

async function copy(client: Client, sql: string, text: string): Promise<void> {
  if (!text) return;
  const stream = client.query(copyFrom(sql));
  await pipeline(Readable.from([Buffer.from(text)]), stream);
}

/** The placeholder letter body: a minimal valid PDF saying what it is. */
function placeholderPdf(): Buffer {
  const body = 'BT /F1 12 Tf 72 720 Td (Bulk-generated test data: letter not rendered) Tj ET';
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${body.length} >>\nstream\n${body}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// ------------------------------------------------------------------ agencies and their staff

interface AgencyStaff {
  id: string;
  name: string;
  docPrefix: string;
  settings: { docSeries?: { reply: string; receipt: string; notice: string } };
  departments: Array<{ id: string; name: string; handler: string }>;
  clerk: string;
  approver: string;
  legal: string;
}

async function ensureAgencies(c: Client, n: number): Promise<AgencyStaff[]> {
  const demo = await c.query(`SELECT id FROM agencies WHERE name = '示范县人民政府' ORDER BY created_at LIMIT 1`);
  if (!demo.rowCount) throw new Error('the demo agency 示范县人民政府 is missing: start the app once (embedded) or run npm run seed:demo');
  const existing = await c.query(`SELECT id FROM agencies WHERE name LIKE '批量测试第%号机关' ORDER BY name`);
  const ids: string[] = [demo.rows[0].id, ...existing.rows.map((r) => r.id as string)].slice(0, n);
  const hash = await hashPassword(randomBytes(18).toString('base64url')); // the bulk users never sign in
  for (let i = ids.length; i < n; i++) {
    const name = `批量测试第${String(i).padStart(3, '0')}号机关`;
    const prefix = `批测${String(i).padStart(3, '0')}公开`;
    const settings = { ...DEFAULT_AGENCY_SETTINGS, docSeries: { reply: prefix, receipt: `${prefix}回执`, notice: `${prefix}告` } };
    const a = await c.query(
      `INSERT INTO agencies (name, short_name, doc_prefix, disclosure_office_name, disclosure_office_phone, address, postal_code, phone,
                             reconsideration_body, court, settings)
       VALUES ($1, $1, $2, $1 || '办公室', '0000-00000000', '示范省示范市', '100000', '0000-00000000', '示范市人民政府', '示范市中级人民法院', $3)
       RETURNING id`,
      [name, prefix, JSON.stringify(settings)],
    );
    ids.push(a.rows[0].id);
    const tag = String(i).padStart(3, '0');
    for (const [u, roles] of [[`bulk${tag}-clerk`, ['clerk']], [`bulk${tag}-approver`, ['approver', 'office_head']], [`bulk${tag}-legal`, ['legal']]] as const) {
      await c.query(`INSERT INTO users (agency_id, username, display_name, password_hash, roles) VALUES ($1, $2, $2, $3, $4)`, [a.rows[0].id, u, hash, roles]);
    }
  }
  const out: AgencyStaff[] = [];
  for (const [k, id] of ids.entries()) {
    const a = (await c.query(`SELECT id, name, doc_prefix, settings FROM agencies WHERE id = $1`, [id])).rows[0];
    // Three departments, each with a handler (the demo agency keeps 政务公开科 and its handler `handler`).
    const want = ['政务公开科', '自然资源科', '住房建设科'];
    for (const d of want) {
      await c.query(`INSERT INTO departments (agency_id, name) SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM departments WHERE agency_id = $1 AND name = $2)`, [id, d]);
    }
    const depts = (await c.query(`SELECT id, name FROM departments WHERE agency_id = $1 AND name = ANY($2) ORDER BY array_position($2, name)`, [id, want])).rows;
    const departments: AgencyStaff['departments'] = [];
    for (const [j, d] of depts.entries()) {
      let h = (await c.query(`SELECT id FROM users WHERE agency_id = $1 AND department_id = $2 AND 'handler' = ANY(roles) ORDER BY created_at LIMIT 1`, [id, d.id])).rows[0];
      if (!h) {
        h = (await c.query(`INSERT INTO users (agency_id, department_id, username, display_name, password_hash, roles) VALUES ($1, $2, $3, $3, $4, ARRAY['handler']) RETURNING id`, [id, d.id, `bulk${String(k).padStart(3, '0')}-handler${j + 1}`, hash])).rows[0];
      }
      departments.push({ id: d.id, name: d.name, handler: h.id });
    }
    const role = async (r: string) => (await c.query(`SELECT id FROM users WHERE agency_id = $1 AND $2 = ANY(roles) AND active ORDER BY created_at LIMIT 1`, [id, r])).rows[0]?.id as string;
    out.push({ id, name: a.name, docPrefix: a.doc_prefix, settings: a.settings, departments, clerk: await role('clerk'), approver: await role('approver'), legal: await role('legal') });
  }
  return out;
}

// ------------------------------------------------------------------ the generator

export async function generateBulkCases(c: Client, opts: BulkOptions): Promise<BulkResult> {
  const started = Date.now();
  const today = opts.today ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const batchSize = opts.batch ?? 5000;
  const rand = prng(opts.seed ?? 16);
  const notices = (await c.query(`SELECT year, holidays, makeup_workdays FROM calendar_years`)).rows.map(
    (r) => ({ year: r.year, holidays: r.holidays, makeupWorkdays: r.makeup_workdays }) as YearNotice,
  );
  const cal = new WorkingCalendar(notices.length ? notices : BUILTIN_NOTICES);
  const staff = await ensureAgencies(c, Math.max(1, opts.agencies));
  const scs = scenarios().filter((x) => !opts.scenarios || opts.scenarios.includes(x.name));
  if (!scs.length) throw new Error(`no such scenario: ${opts.scenarios?.join(', ')}`);
  const totalWeight = scs.reduce((s, x) => s + x.weight, 0);
  const pick = () => {
    let r = rand() * totalWeight;
    for (const s of scs) if ((r -= s.weight) < 0) return s;
    return scs[scs.length - 1];
  };
  const templates = new Map<string, Template | null>();
  const templateFor = (sc: Scenario, receipt: string) => {
    const k = `${sc.name}|${receipt}`;
    if (!templates.has(k)) templates.set(k, buildTemplate(sc, receipt, today, cal));
    return templates.get(k) ?? null;
  };
  const pdf = placeholderPdf();
  const pdfSha = createHash('sha256').update(pdf).digest('hex');
  const pdfHex = `\\\\x${pdf.toString('hex')}`; // bytea in COPY text: \x… with the backslash escaped
  const span = 4 * 365; // receipt dates over the last four years
  const dayOf = (daysAgo: number) => formatIsoDate(parseIsoDate(today) - daysAgo);
  const receiptFor = (sc: Scenario) =>
    sc.when === 'recent' ? dayOf(Math.floor(rand() * 25)) : sc.when === 'overdue' ? dayOf(40 + Math.floor(rand() * 50)) : dayOf(Math.floor(rand() * span));

  const result: BulkResult = { cases: 0, events: 0, letters: 0, agencies: staff.map((a) => ({ id: a.id, name: a.name, cases: 0 })), ms: 0 };
  // Each agency's share (the same for every agency), then its cases in receipt order: gap-free numbers per year.
  for (const [ai, agency] of staff.entries()) {
    const share = Math.floor(opts.cases / staff.length) + (ai < opts.cases % staff.length ? 1 : 0);
    const planned: Array<{ sc: Scenario; receipt: string; tpl: Template }> = [];
    while (planned.length < share) {
      const sc = pick();
      const receipt = receiptFor(sc);
      const tpl = templateFor(sc, receipt);
      if (tpl) planned.push({ sc, receipt, tpl });
    }
    planned.sort((a, b) => (a.receipt < b.receipt ? -1 : a.receipt > b.receipt ? 1 : 0));
    // Numbers continue after what the agency already has.
    const caseCounters = new Map<number, number>(
      (await c.query(`SELECT year, last FROM case_number_counters WHERE agency_id = $1`, [agency.id])).rows.map((r) => [r.year, r.last]),
    );
    const docCounters = new Map<string, number>(
      (await c.query(`SELECT series, year, last FROM doc_number_counters WHERE agency_id = $1`, [agency.id])).rows.map((r) => [`${r.series}|${r.year}`, r.last]),
    );
    const applicants = Math.max(1, Math.floor(share / 4)); // an applicant makes four requests on average
    for (let from = 0; from < planned.length; from += batchSize) {
      let cases = '';
      let events = '';
      let letters = '';
      let timers = '';
      for (const { receipt, tpl } of planned.slice(from, from + batchSize)) {
        const caseId = randomUUID();
        const year = Number(receipt.slice(0, 4));
        const seq = (caseCounters.get(year) ?? 0) + 1;
        caseCounters.set(year, seq);
        const caseNumber = `${year}-${String(seq).padStart(6, '0')}`;
        const dept = agency.departments[Math.floor(rand() * agency.departments.length)];
        // The applicant: one of the agency's regulars (the same name and identity number every time).
        const ap = Math.floor(rand() * applicants);
        const person = ap % 10 !== 0;
        const name = person ? `${SURNAMES[ap % SURNAMES.length]}${GIVEN[(ap * 7) % GIVEN.length]}${ap % 3 ? GIVEN[(ap * 13) % GIVEN.length] : ''}` : `${ORGS[ap % ORGS.length]}`;
        const idNumber = person ? `${String(110101 + (ap % 900)).padStart(6, '0')}19${String(50 + (ap % 50))}${String(1 + (ap % 12)).padStart(2, '0')}${String(1 + (ap % 28)).padStart(2, '0')}${String(ap % 1000).padStart(3, '0')}X` : `91${String(ap).padStart(16, '0')}`;
        const idType = person ? 'resident_id' : 'unified_social_credit_code';
        const applicant = {
          type: person ? 'natural' : 'organisation',
          category: person ? 'natural_person' : ap % 3 === 0 ? 'commercial' : ap % 3 === 1 ? 'research' : 'public_interest',
          name,
          idType,
          idNumber,
          phone: `138${String(ap).padStart(8, '0').slice(-8)}`,
          address: `示范县${PLACES[ap % PLACES.length]}${1 + (ap % 300)}号`,
        };
        const description = `申请公开${PLACES[Math.floor(rand() * PLACES.length)]}${SUBJECTS[Math.floor(rand() * SUBJECTS.length)]}（${year}年第${1 + Math.floor(rand() * 99)}期）的${DOCS[Math.floor(rand() * DOCS.length)]}。`;
        // The letters of the template: their ids and 文号 (issued in the order of the history).
        const subst: Record<string, string> = {
          [P.case]: caseId,
          [P.dept]: dept.id,
          [P.clerk]: agency.clerk,
          [P.handler]: dept.handler,
          [P.approver]: agency.approver,
          [P.legal]: agency.legal,
          [P.caseNumber]: caseNumber,
          [P.deptName]: dept.name,
          [P.recipient]: name,
          [P.sha]: pdfSha,
        };
        tpl.letters.forEach((l, i) => {
          const series = seriesFor({ docPrefix: agency.docPrefix, settings: agency.settings } as Parameters<typeof seriesFor>[0], l.type as Parameters<typeof seriesFor>[1]);
          const ly = Number(l.issuedOn.slice(0, 4));
          const key = `${series}|${ly}`;
          const n = (docCounters.get(key) ?? 0) + 1;
          docCounters.set(key, n);
          const id = randomUUID();
          const doc = docNumberOf(series, ly, n);
          subst[P.letter(i)] = id;
          subst[P.doc(i)] = doc;
          letters += line([id, agency.id, caseId, l.type, l.variant, 'final', series, ly, n, doc, l.issuedOn, pdfSha, '@@PDF@@', pdf.length, '{}', agency.clerk, `${l.issuedOn}T09:00:00+08:00`]).replace('@@PDF@@', pdfHex);
        });
        const sub = (s: string) => s.replace(PLACEHOLDER_RE, (m) => subst[m] ?? m);
        // The hash chain, exactly as appendEvent computes it: eventHash(prev, {caseId, seq, type, payload, actorId, occurredOn, recordedAt}).
        let prev: string | null = null;
        tpl.events.forEach((e, i) => {
          const payload = sub(e.payloadCanon);
          const actorId = e.actor ? subst[P[e.actor]] : null;
          const content = `{"actorId":${JSON.stringify(actorId)},"caseId":${JSON.stringify(caseId)},"occurredOn":${JSON.stringify(e.on)},"payload":${payload},"recordedAt":${JSON.stringify(e.recordedAt)},"seq":${i + 1},"type":${JSON.stringify(e.type)}}`;
          const hash: string = createHash('sha256').update(prev ?? '').update('\n').update(content).digest('hex');
          events += line([year, caseId, i + 1, e.type, payload, actorId, e.on, e.recordedAt, prev, hash]);
          prev = hash;
        });
        const d = tpl.derived;
        const online = tpl.online;
        cases += line([
          caseId, agency.id, year, seq, caseNumber, trackingCode(), online ? `online:${caseId}` : `bulk:${caseId}`, online ? 'online' : 'in_person',
          `${receipt}T09:30:00+08:00`, null, online ? null : receipt, applicant, name, `${idType}:${idNumber.toUpperCase()}`, applicant.category,
          description, 'paper', 'post', sub(tpl.snapshotJson), tpl.version, tpl.state,
          d.departmentId ? sub(d.departmentId) : null, d.assigneeId ? sub(d.assigneeId) : null, d.replyDue, d.nextDue, d.nextDueKind,
          d.provisional, d.overdue, d.outcome, d.closedOn, '[]', online ? null : agency.clerk, tpl.events.length, prev, d.items ?? 1,
        ]);
        for (const t of tpl.dues) timers += line([caseId, t.kind, t.ref, t.due, tpl.events[tpl.events.length - 1].on]);
        result.events += tpl.events.length;
        result.letters += tpl.letters.length;
      }
      await c.query('BEGIN');
      try {
        await copy(c, `COPY cases (id, agency_id, year, seq, case_number, tracking_code, idempotency_key, channel, arrived_at, confirmed_at,
          receipt_date, applicant, applicant_name, applicant_key, applicant_category, description, form, delivery_method, snapshot, version,
          state, department_id, assignee_id, reply_due, next_due, next_due_kind, provisional, overdue, outcome, closed_on, flags, created_by,
          head_seq, head_hash, items) FROM STDIN`, cases);
        await copy(c, `COPY case_events (case_year, case_id, seq, type, payload, actor_id, occurred_on, recorded_at, prev_hash, hash) FROM STDIN`, events);
        await copy(c, `COPY letters (id, agency_id, case_id, type, variant, status, series, series_year, series_seq, doc_number, issued_on,
          sha256, bytes, size, fields, created_by, created_at) FROM STDIN`, letters);
        await copy(c, `COPY case_timers (case_id, kind, ref, due_on, armed_on) FROM STDIN`, timers);
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
      const n = Math.min(batchSize, planned.length - from);
      result.cases += n;
      result.agencies[ai].cases += n;
      opts.onProgress?.(result.cases, opts.cases);
    }
    // The counters end at the last number given: the next registration continues gap-free.
    for (const [year, last] of caseCounters) {
      await c.query(
        `INSERT INTO case_number_counters (agency_id, year, last) VALUES ($1, $2, $3)
         ON CONFLICT (agency_id, year) DO UPDATE SET last = greatest(case_number_counters.last, EXCLUDED.last)`,
        [agency.id, year, last],
      );
    }
    for (const [key, last] of docCounters) {
      const [series, year] = key.split('|');
      await c.query(
        `INSERT INTO doc_number_counters (agency_id, series, year, last) VALUES ($1, $2, $3, $4)
         ON CONFLICT (agency_id, series, year) DO UPDATE SET last = greatest(doc_number_counters.last, EXCLUDED.last)`,
        [agency.id, series, Number(year), last],
      );
    }
  }
  result.ms = Date.now() - started;
  return result;
}

function trackingCode(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  return Array.from(randomBytes(12), (b) => alphabet[b % alphabet.length]).join('');
}
