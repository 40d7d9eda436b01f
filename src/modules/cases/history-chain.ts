import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level: the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export interface ChainedEvent {
  caseId: string;
  seq: number;
  type: string;
  payload: unknown;
  actorId: string | null;
  occurredOn: string;
  recordedAt: string;
}

/** hash = sha256(prev_hash ‖ canonical JSON of the event); editing any stored event breaks the chain. */
export function eventHash(prevHash: string | null, e: ChainedEvent): string {
  return createHash('sha256')
    .update(prevHash ?? '')
    .update('\n')
    .update(canonicalJson(e))
    .digest('hex');
}

export interface StoredEventRow extends ChainedEvent {
  prevHash: string | null;
  hash: string;
}

export type ChainReport =
  | { intact: true; events: number }
  | { intact: false; events: number; brokenAt: number; reason: string };

export function verifyChain(rows: StoredEventRow[]): ChainReport {
  let prev: string | null = null;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.seq !== i + 1) return { intact: false, events: rows.length, brokenAt: r.seq, reason: `第 ${i + 1} 条记录缺失` };
    if (r.prevHash !== prev) return { intact: false, events: rows.length, brokenAt: r.seq, reason: '与前一条记录的链接不一致' };
    const { prevHash: _p, hash: _h, ...content } = r;
    if (eventHash(prev, content) !== r.hash) {
      return { intact: false, events: rows.length, brokenAt: r.seq, reason: '记录内容与其哈希值不符（可能被修改）' };
    }
    prev = r.hash;
  }
  return { intact: true, events: rows.length };
}
