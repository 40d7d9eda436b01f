import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { CasesService } from './cases.service';
import { canonicalJson } from './history-chain';
import { CaseHead, HistoryAnchorRepository } from './history-anchor.repository';

/**
 * The external anchor of the case histories (issue 11, finding 3). Someone with superuser rights
 * can rewrite events and the chain head on the case row together, so that the chain verifies
 * again; the anchor keeps every case's head outside the database, signed with a key that is not in
 * the database (HISTORY_ANCHOR_KEY, or DATA_DIR/history-anchor-key), so such a rewrite of anything
 * anchored is still found.
 *
 * Files, under DATA_DIR/history-anchors/:
 * - `anchor-<time>.ndjson`: one line per case `{"caseId","agencyId","headSeq","headHash"}`, by id;
 * - `anchors.log`: one line per anchor, only ever appended: `{"v","at","day","file","cases","sha256"
 *   (of the file),"prev" (sha256 of the previous line),"mac"}`; `mac` is HMAC-SHA256 over the
 *   canonical JSON of the other fields. Editing, reordering or removing a line breaks a mac or the
 *   `prev` link; a forged line needs the key.
 */
export interface AnchorLine {
  v: 1;
  at: string;
  day: string;
  file: string;
  cases: number;
  sha256: string;
  prev: string | null;
  mac: string;
}

export interface AnchorProblem {
  caseId?: string;
  problem: string;
}

export interface CheckReport {
  anchor: { at: string; file: string; cases: number } | null;
  /** Cases compared with the anchor, and cases whose history was verified (chain, head, replay). */
  anchored: number;
  verified: number;
  problems: AnchorProblem[];
}

const LOG = 'anchors.log';
const PAGE = 2000;

@Injectable()
export class HistoryAnchorService {
  private readonly log = new Logger('HistoryAnchor');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly repo: HistoryAnchorRepository,
    private readonly cases: CasesService,
  ) {}

  get dir(): string {
    return path.join(this.config.dataDir, 'history-anchors');
  }

  private mac(fields: Omit<AnchorLine, 'mac'>): string {
    return createHmac('sha256', this.config.historyAnchorKey).update(canonicalJson(fields)).digest('hex');
  }

  private lines(): string[] {
    try {
      return fs
        .readFileSync(path.join(this.dir, LOG), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '');
    } catch {
      return [];
    }
  }

  /** Writes a signed digest of every case's head; returns the log line. */
  async anchor(): Promise<AnchorLine> {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const now = this.clock.now();
    const file = `anchor-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(4).toString('hex')}.ndjson`;
    const target = path.join(this.dir, file);
    const hash = createHash('sha256');
    const fd = fs.openSync(target, 'wx', 0o600);
    let cases = 0;
    try {
      let after: string | null = null;
      for (;;) {
        const heads: CaseHead[] = await this.repo.headsAfter(after, PAGE);
        if (!heads.length) break;
        const chunk = heads.map((h) => `${JSON.stringify(h)}\n`).join('');
        fs.writeSync(fd, chunk);
        hash.update(chunk);
        cases += heads.length;
        after = heads[heads.length - 1].caseId;
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const previous = this.lines().at(-1);
    const fields: Omit<AnchorLine, 'mac'> = {
      v: 1,
      at: now.toISOString(),
      day: this.clock.today(),
      file,
      cases,
      sha256: hash.digest('hex'),
      prev: previous ? createHash('sha256').update(previous).digest('hex') : null,
    };
    const line: AnchorLine = { ...fields, mac: this.mac(fields) };
    // O_APPEND: the log is only ever added to.
    fs.appendFileSync(path.join(this.dir, LOG), `${JSON.stringify(line)}\n`, { mode: 0o600 });
    this.log.log(`history anchor written: ${cases} cases, ${file}`);
    return line;
  }

  /** The daily job: anchors once per day (the first poll of a day that has no anchor yet). */
  async anchorIfDue(today = this.clock.today()): Promise<AnchorLine | null> {
    const last = this.lines().at(-1);
    if (last) {
      try {
        if ((JSON.parse(last) as AnchorLine).day >= today) return null;
      } catch {
        /* a damaged last line: anchor anew, check reports the damage */
      }
    }
    return this.anchor();
  }

  /** The log's own integrity: every line's mac and its link to the line before. */
  private checkLog(lines: string[]): { last: AnchorLine | null; problems: AnchorProblem[] } {
    const problems: AnchorProblem[] = [];
    let last: AnchorLine | null = null;
    let prev: string | null = null;
    lines.forEach((text, i) => {
      let line: AnchorLine;
      try {
        line = JSON.parse(text) as AnchorLine;
      } catch {
        problems.push({ problem: `锚定记录第 ${i + 1} 行无法解析` });
        prev = createHash('sha256').update(text).digest('hex');
        return;
      }
      const { mac, ...fields } = line;
      const expected = Buffer.from(this.mac(fields), 'hex');
      const given = Buffer.from(String(mac ?? ''), 'hex');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        problems.push({ problem: `锚定记录第 ${i + 1} 行签名不符（被改动，或密钥不同）` });
      }
      if (line.prev !== prev) problems.push({ problem: `锚定记录第 ${i + 1} 行与前一行不衔接（有记录被删除或调换）` });
      prev = createHash('sha256').update(text).digest('hex');
      last = line;
    });
    return { last, problems };
  }

  /**
   * Verifies the database against the latest anchor: every anchored case still has its anchored
   * head event with the same hash (a deleted or rewritten part of the history is reported even when
   * the chain and the case row were rewritten to match), and every case's history verifies (chain,
   * head on the case row, replay through the statechart).
   */
  async check(): Promise<CheckReport> {
    const { last, problems } = this.checkLog(this.lines());
    let anchored = 0;
    if (last) {
      const file = path.join(this.dir, path.basename(last.file));
      let content = '';
      try {
        content = fs.readFileSync(file, 'utf8');
      } catch {
        problems.push({ problem: `锚定文件 ${last.file} 不存在` });
      }
      if (content && createHash('sha256').update(content).digest('hex') !== last.sha256) {
        problems.push({ problem: `锚定文件 ${last.file} 的内容与锚定记录不符` });
      }
      for (const text of content.split('\n')) {
        if (!text) continue;
        const a = JSON.parse(text) as CaseHead;
        anchored++;
        const now = await this.repo.head(a.caseId);
        if (!now) {
          problems.push({ caseId: a.caseId, problem: '锚定时存在的案件已不在数据库中' });
          continue;
        }
        if (now.headSeq < a.headSeq) {
          problems.push({ caseId: a.caseId, problem: `锚定时有 ${a.headSeq} 条历史记录，现只有 ${now.headSeq} 条（记录被删除）` });
          continue;
        }
        if (a.headSeq > 0 && (await this.repo.eventHash(a.caseId, a.headSeq)) !== a.headHash) {
          problems.push({ caseId: a.caseId, problem: `第 ${a.headSeq} 条历史记录与锚定时不同（记录被改写）` });
        }
      }
    } else {
      problems.push({ problem: '尚无锚定记录（先运行 npm run history:anchor）' });
    }
    let verified = 0;
    let after: string | null = null;
    for (;;) {
      const heads = await this.repo.headsAfter(after, PAGE);
      if (!heads.length) break;
      for (const h of heads) {
        const v = await this.cases.verify(h.agencyId, h.caseId);
        verified++;
        if (!v.intact || !v.replayMatches) {
          problems.push({ caseId: h.caseId, problem: v.problems.join('；') || '历史记录校验不通过' });
        }
      }
      after = heads[heads.length - 1].caseId;
    }
    return {
      anchor: last ? { at: (last as AnchorLine).at, file: (last as AnchorLine).file, cases: (last as AnchorLine).cases } : null,
      anchored,
      verified,
      problems,
    };
  }
}
