/**
 * Every migration, in order: each `<13-digit timestamp>-<name>.ts` file in migrations/ (compiled:
 * dist/migrations/*.js), sorted by name. Found by reading the folder so that adding a migration
 * never edits a file that is already committed (committed migration files never change; see
 * test/unit/migrations-immutable.spec.ts). migrations/index.ts is the frozen list of the first
 * three; it is read only to check that it is still a prefix of what the folder holds.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MigrationInterface } from 'typeorm';
import { MIGRATIONS as FIRST_MIGRATIONS } from '../../../migrations';

export const MIGRATIONS_DIR = path.resolve(__dirname, '../../../migrations');
const FILE = /^\d{13}-[a-z0-9-]+\.(ts|js)$/;

type MigrationClass = new () => MigrationInterface;

function load(): MigrationClass[] {
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => FILE.test(f) && !f.endsWith('.d.ts'))
    .sort();
  const found = files.map((f) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(MIGRATIONS_DIR, f)) as Record<string, unknown>;
    const classes = Object.values(mod).filter(
      (v): v is MigrationClass => typeof v === 'function' && typeof (v as MigrationClass).prototype?.up === 'function',
    );
    if (classes.length !== 1) throw new Error(`migration file ${f} must export exactly one migration class`);
    return classes[0];
  });
  FIRST_MIGRATIONS.forEach((m, i) => {
    if (found[i] !== m) throw new Error(`migrations/index.ts no longer matches the first migrations in ${MIGRATIONS_DIR}`);
  });
  return found;
}

export const MIGRATIONS: MigrationClass[] = load();
