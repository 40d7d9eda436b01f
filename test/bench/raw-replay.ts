/**
 * "Raw pg, same SQL" for bench:api: the SQL statements the app issued for one request, captured
 * inside the server (every pg Client.query of the process while capturing: the auth look-ups, the
 * reads, the transaction with its inserts and updates, the answer's reads), replayed with plain `pg`
 * in the same order and the same transactions (START TRANSACTION … COMMIT on one pooled client),
 * with fresh values where the database needs them to be new:
 *
 *   - every UUID the database did not hold before the captured request (the case, its letters, its
 *     outbox messages, …) gets a new UUID per replay, also where it appears inside a JSON/text value;
 *     ids the database generates (INSERT … RETURNING id) are taken from the replay's own answer;
 *   - the gap-free counters (case_number_counters, doc_number_counters) answer a new number: the
 *     captured number is replaced by it in the later statements, and so are the case number
 *     (YYYY-NNNNNN) and the 文号 formed from it;
 *   - the registration's 查询码 and Idempotency-Key are made unique per replay;
 *   - binary values (the letter's PDF) are replayed as captured: the same bytes, precomputed — the
 *     app renders and signs the letter per request, raw pg does not.
 *
 * So raw pg does the same work in PostgreSQL as the app; what it lacks is HTTP, Nest, validation,
 * the statechart, the PDF, JSON answers.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { docNumberOf } from '../../src/domain/letters/format';

export interface Captured {
  client: number;
  text: string;
  values: unknown[];
  /** The first rows of the answer (for the RETURNING values of writes). */
  rows?: Array<Record<string, unknown>>;
  error?: string;
}

// ---------------------------------------------------------------------------------- server side

/** Patches pg's Client.query in this process; returns start/stop of a capture. */
export function installCapture(): { start(): void; stop(): Captured[] } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg');
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const orig = proto.query;
  const ids = new WeakMap<object, number>();
  let nextId = 1;
  let rec: Captured[] | null = null;
  const clone = (v: unknown): unknown => {
    if (v === null || v === undefined || typeof v !== 'object') return v;
    if (Buffer.isBuffer(v) || v instanceof Date) return v;
    if (Array.isArray(v)) return v.map(clone);
    return JSON.stringify(v); // what pg sends for an object
  };
  proto.query = function (this: object, config: unknown, values?: unknown, cb?: unknown) {
    if (!rec || config === null || config === undefined) return orig.call(this, config, values, cb);
    const cfg = config as { text?: string; values?: unknown[]; submit?: unknown };
    if (typeof config === 'object' && typeof cfg.submit === 'function') return orig.call(this, config, values, cb); // streams
    const text = typeof config === 'string' ? config : (cfg.text ?? '');
    const vals = Array.isArray(values) ? values : Array.isArray(cfg.values) ? cfg.values : [];
    if (!ids.has(this)) ids.set(this, nextId++);
    const entry: Captured = { client: ids.get(this)!, text, values: vals.map(clone) };
    rec.push(entry);
    const keep = (r: { rows?: Array<Record<string, unknown>> } | undefined) => {
      entry.rows = r?.rows?.slice(0, 3).map((row) => {
        const o: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(row)) o[k] = typeof v === 'object' && v !== null && !(v instanceof Date) && !Buffer.isBuffer(v) ? JSON.stringify(v) : v;
        return o;
      });
    };
    const callback = typeof values === 'function' ? values : cb;
    if (typeof callback === 'function') {
      const wrapped = (err: Error | null, r: { rows?: Array<Record<string, unknown>> }) => {
        if (err) entry.error = err.message;
        else keep(r);
        (callback as (e: unknown, r: unknown) => void)(err, r);
      };
      return typeof values === 'function' ? orig.call(this, config, wrapped) : orig.call(this, config, values, wrapped);
    }
    const p = orig.call(this, config, values) as Promise<{ rows?: Array<Record<string, unknown>> }>;
    return p.then(
      (r) => {
        keep(r);
        return r;
      },
      (e: Error) => {
        entry.error = e.message;
        throw e;
      },
    );
  };
  return {
    start: () => {
      rec = [];
    },
    stop: () => {
      const out = rec ?? [];
      rec = null;
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------- replay side

const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const UUID_ONE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every UUID value the database holds now (all uuid columns of the public tables). */
export async function uuidsInDatabase(pool: Pool): Promise<Set<string>> {
  const cols = (
    await pool.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type = 'uuid'`,
    )
  ).rows as Array<{ table_name: string; column_name: string }>;
  const out = new Set<string>();
  for (const c of cols) {
    const r = await pool.query(`SELECT DISTINCT "${c.column_name}"::text AS u FROM "${c.table_name}" WHERE "${c.column_name}" IS NOT NULL`);
    for (const row of r.rows) out.add(row.u);
  }
  return out;
}

function uuidsIn(v: unknown, into: Set<string>): void {
  if (typeof v === 'string') for (const m of v.match(UUID_RE) ?? []) into.add(m.toLowerCase());
  else if (Array.isArray(v)) v.forEach((x) => uuidsIn(x, into));
}

export interface RecipeTarget {
  /** Captured values of the case acted on → this replay's case (accept). */
  strings: Map<string, string>;
}

export interface ReplayResult {
  /** The case the replay created (registration): its id, number and 查询码 as written. */
  created?: { id: string; caseNumber: string; trackingCode: string };
}

/** The captured statements of one request, ready to be replayed any number of times. */
export class Recipe {
  private readonly fresh: string[];
  readonly statements: Captured[];
  /** Captured value → how to make it unique per replay (查询码, Idempotency-Key). */
  private readonly uniqueStrings = new Map<string, () => string>();
  private readonly caseInsert?: Captured;

  constructor(
    statements: Captured[],
    existedBefore: Set<string>,
    /** Values of the case acted on (accept): mapped per replay by `target`. */
    readonly targetKeys: string[] = [],
  ) {
    this.statements = statements.filter((s) => s.text.trim().length > 0);
    const failed = this.statements.find((s) => s.error);
    if (failed) throw new Error(`a captured statement failed: ${failed.error}\n${failed.text}`);
    const all = new Set<string>();
    for (const s of this.statements) {
      s.values.forEach((v) => uuidsIn(v, all));
      for (const r of s.rows ?? []) Object.values(r).forEach((v) => uuidsIn(v, all));
    }
    this.fresh = [...all].filter((u) => !existedBefore.has(u) && !targetKeys.includes(u));
    this.caseInsert = this.statements.find((s) => /^\s*INSERT INTO cases\b/i.test(s.text));
    if (this.caseInsert) {
      const tracking = this.caseInsert.values[5] as string;
      const key = this.caseInsert.values[6] as string;
      this.uniqueStrings.set(tracking, () => {
        const a = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
        return Array.from(randomBytes(tracking.length), (b) => a[b % a.length]).join('');
      });
      this.uniqueStrings.set(key, () => `raw-${randomUUID()}`);
    }
  }

  get transactions(): number {
    return this.statements.filter((s) => /^\s*(START TRANSACTION|BEGIN)/i.test(s.text)).length;
  }

  get writes(): number {
    return this.statements.filter((s) => /^\s*(INSERT|UPDATE|DELETE)/i.test(s.text)).length;
  }

  async replay(pool: Pool, target?: RecipeTarget): Promise<ReplayResult> {
    const str = new Map<string, string>();
    const num = new Map<number, number>();
    for (const u of this.fresh) str.set(u, randomUUID());
    for (const [old, gen] of this.uniqueStrings) str.set(old, gen());
    for (const [k, v] of target?.strings ?? []) str.set(k, v);
    const subst = (v: unknown): unknown => {
      if (typeof v === 'string') {
        const whole = str.get(v);
        if (whole !== undefined) return whole;
        let out = v.replace(UUID_RE, (m) => str.get(m.toLowerCase()) ?? m);
        for (const [old, now] of str) if (old.length >= 8 && !UUID_ONE.test(old) && out.includes(old)) out = out.split(old).join(now);
        return out;
      }
      if (typeof v === 'number') return num.get(v) ?? v;
      if (Array.isArray(v)) return v.map(subst);
      return v;
    };
    const open = new Map<number, PoolClient>();
    let created: ReplayResult['created'];
    try {
      for (const s of this.statements) {
        const values = s.values.map(subst);
        const begin = /^\s*(START TRANSACTION|BEGIN)/i.test(s.text);
        if (begin && !open.has(s.client)) open.set(s.client, await pool.connect());
        const c = open.get(s.client);
        const r = c ? await c.query(s.text, values) : await pool.query(s.text, values);
        if (c && /^\s*(COMMIT|ROLLBACK)/i.test(s.text)) {
          open.delete(s.client);
          c.release();
        }
        // What the database answered differently from the capture, for the statements after this one.
        const before = s.rows?.[0];
        const now = r.rows?.[0] as Record<string, unknown> | undefined;
        if (before && now && /^\s*INSERT/i.test(s.text)) {
          for (const [k, was] of Object.entries(before)) {
            const is = now[k];
            if (typeof was === 'string' && typeof is === 'string' && was !== is && UUID_ONE.test(was)) str.set(was.toLowerCase(), is);
          }
          if (/_counters\b/.test(s.text) && typeof before.last === 'number' && typeof now.last === 'number') {
            num.set(before.last, now.last);
            if (/case_number_counters/.test(s.text)) {
              const year = Number(values[1]);
              str.set(`${year}-${String(before.last).padStart(6, '0')}`, `${year}-${String(now.last).padStart(6, '0')}`);
            } else if (/doc_number_counters/.test(s.text)) {
              const [series, year] = [String(values[1]), Number(values[2])];
              str.set(docNumberOf(series, year, before.last), docNumberOf(series, year, now.last));
            }
          }
        }
        if (s === this.caseInsert) created = { id: String(values[0]), caseNumber: String(values[4]), trackingCode: String(values[5]) };
      }
    } catch (e) {
      for (const c of open.values()) {
        await c.query('ROLLBACK').catch(() => undefined);
        c.release();
      }
      throw e;
    }
    return { created };
  }
}
