/**
 * migrations/checksums.json: the sha256 of every migration file, by file name. A migration
 * that has been committed is never edited again (test/unit/migrations-immutable.spec.ts);
 * a schema change is a new migration.
 *
 * `npm run migration:checksums` appends the entries of new migration files and never
 * overwrites an existing entry: when an existing entry no longer matches its file, it says
 * so and exits with status 1.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const MIGRATIONS_DIR = path.join(ROOT, 'migrations');
export const MANIFEST = path.join(MIGRATIONS_DIR, 'checksums.json');
export const CHECKSUMS_COMMAND = 'npm run migration:checksums';

/** Every .ts file in migrations/ except the index that lists them. */
export function isMigrationFile(name: string): boolean {
  return name.endsWith('.ts') && !name.endsWith('.d.ts') && name !== 'index.ts';
}

export function migrationFiles(): string[] {
  return fs.readdirSync(MIGRATIONS_DIR).filter(isMigrationFile).sort();
}

/** sha256 of the content, line endings normalised to LF (a Windows autocrlf checkout agrees). */
export function checksum(content: Buffer | string): string {
  const text = Buffer.isBuffer(content) ? content.toString('utf8') : content;
  return createHash('sha256').update(text.replace(/\r\n/g, '\n'), 'utf8').digest('hex');
}

export function fileChecksum(name: string): string {
  return checksum(fs.readFileSync(path.join(MIGRATIONS_DIR, name)));
}

export type Manifest = Record<string, string>;

export function parseManifest(json: string, where = MANIFEST): Manifest {
  const m = JSON.parse(json) as unknown;
  if (!m || typeof m !== 'object' || Array.isArray(m)) throw new Error(`${where}: not an object`);
  for (const [k, v] of Object.entries(m)) {
    if (typeof v !== 'string' || !/^[0-9a-f]{64}$/.test(v)) {
      throw new Error(`${where}: the entry for ${k} is not a sha256 in hex`);
    }
  }
  return m as Manifest;
}

export function readManifest(): Manifest {
  if (!fs.existsSync(MANIFEST)) return {};
  return parseManifest(fs.readFileSync(MANIFEST, 'utf8'));
}

export function formatManifest(m: Manifest): string {
  const sorted: Manifest = {};
  for (const k of Object.keys(m).sort()) sorted[k] = m[k];
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/** Adds the files that have no entry; existing entries are kept as they are, even when stale. */
export function appendNewChecksums(): { added: string[]; stale: string[] } {
  const manifest = readManifest();
  const added: string[] = [];
  const stale: string[] = [];
  for (const f of migrationFiles()) {
    const sum = fileChecksum(f);
    if (!(f in manifest)) {
      manifest[f] = sum;
      added.push(f);
    } else if (manifest[f] !== sum) stale.push(f);
  }
  if (added.length) fs.writeFileSync(MANIFEST, formatManifest(manifest));
  return { added, stale };
}

if (require.main === module) {
  const { added, stale } = appendNewChecksums();
  for (const f of added) console.log(`added ${f}`);
  if (!added.length) console.log('migrations/checksums.json: no new migration');
  for (const f of stale) {
    console.error(
      `${f} no longer matches its entry, which is kept: a committed migration is never edited, ` +
        'restore it and add a new migration instead (an entry for a migration that was never ' +
        'committed may be deleted by hand, then run this again)',
    );
  }
  process.exit(stale.length ? 1 : 0);
}
