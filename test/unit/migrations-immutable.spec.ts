/**
 * A migration that has been committed is never edited again: databases that already ran it
 * would never see the edit. A schema change is a new migration.
 *
 * 1. Without git (a tarball, a shallow clone, CI): every migration file matches its sha256 in
 *    migrations/checksums.json, every committed migration has an entry, and no entry's file
 *    has disappeared.
 * 2. With the full history (`git rev-parse --is-shallow-repository` → false): no entry of
 *    migrations/checksums.json ever changed value, the working tree's committed migrations
 *    equal HEAD's, and no commit after the one that added a migration touched it, except the
 *    grandfathered commits below.
 *
 * Needs no database.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  checksum,
  CHECKSUMS_COMMAND,
  fileChecksum,
  isMigrationFile,
  Manifest,
  MANIFEST,
  migrationFiles,
  parseManifest,
  readManifest,
  ROOT,
} from '../support/migration-checksums';

/**
 * Commits that edited a migration in place before this rule existed, found with
 * `git log --follow --format=%H -- migrations/<file>`. Each added three lines to
 * 1764660200000-cases.ts (the letters columns, letter corrections, the timers' deadline
 * column). Exactly these commits, by full sha, for exactly this file: never add to this list.
 */
const GRANDFATHERED_EDITS: Record<string, string[]> = {
  '1764660200000-cases.ts': [
    'ac90b264516437bf4e0d8814ad7923c79b7c67cb', // Letters in the case lifecycle
    '0d7ca4002bed4dc7b30404e45f94b8c751468b39', // Letter corrections
    '3f38ceac84415d7987148ba488ea6757706dd3e6', // Timers act by themselves only on deadlines…
  ],
};

const NEW_MIGRATION = 'add a new migration instead (and restore this one byte for byte)';

function git(args: string[]): string {
  return execFileSync('git', args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
function gitBuffer(args: string[]): Buffer {
  return execFileSync('git', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The path of the project inside the repository ('' or 'sub/dir/'), or undefined without git. */
function gitPrefix(): string | undefined {
  try {
    git(['rev-parse', '--verify', '--quiet', 'HEAD']);
    return git(['rev-parse', '--show-prefix']).trim();
  } catch {
    return undefined;
  }
}
const PREFIX = gitPrefix();

function fullHistory(): boolean {
  if (PREFIX === undefined) return false;
  try {
    return git(['rev-parse', '--is-shallow-repository']).trim() === 'false';
  } catch {
    return false;
  }
}
const FULL_HISTORY = fullHistory();

/** Whether HEAD has the file; undefined when there is no git to ask (then every file counts). */
function committed(file: string): boolean | undefined {
  if (PREFIX === undefined) return undefined;
  try {
    git(['cat-file', '-e', `HEAD:./migrations/${file}`]);
    return true;
  } catch {
    return false;
  }
}

describe('migrations are never edited once committed (migrations/checksums.json)', () => {
  const files = migrationFiles();
  const manifest = readManifest();

  it('finds the migrations and the manifest (migrations/index.ts is not a migration)', () => {
    expect(fs.existsSync(MANIFEST)).toBe(true);
    expect(files.length).toBeGreaterThan(0);
    expect(files).not.toContain('index.ts');
  });

  it('every migration file matches its checksum', () => {
    const problems = files
      .filter((f) => f in manifest && manifest[f] !== fileChecksum(f))
      .map((f) =>
        committed(f) === false
          ? `migration ${f} differs from its entry in migrations/checksums.json, and it was never ` +
            `committed: delete its entry by hand, then run \`${CHECKSUMS_COMMAND}\``
          : `migration ${f} was edited after it was committed: ${NEW_MIGRATION}`,
      );
    expect(problems).toEqual([]);
  });

  it('every committed migration has an entry', () => {
    const missing = files.filter((f) => !(f in manifest));
    // A migration not yet committed may still change: its entry is added when it is committed
    // (then this fails until it is there). Without git to tell, every file needs one.
    const pending = missing.filter((f) => committed(f) === false);
    if (pending.length) {
      console.warn(
        `new migrations without a checksum yet (run \`${CHECKSUMS_COMMAND}\` before committing): ${pending.join(', ')}`,
      );
    }
    const problems = missing
      .filter((f) => committed(f) !== false)
      .map(
        (f) =>
          `migration ${f} is not in migrations/checksums.json: run \`${CHECKSUMS_COMMAND}\` ` +
          '(it appends new entries and never changes existing ones) and commit the manifest',
      );
    expect(problems).toEqual([]);
  });

  it('no migration in the manifest was deleted or renamed', () => {
    const gone = Object.keys(manifest)
      .filter((f) => !files.includes(f))
      .map(
        (f) =>
          `migration ${f} is in migrations/checksums.json but its file is gone: restore it; ${NEW_MIGRATION.split(' (')[0]}`,
      );
    expect(gone).toEqual([]);
  });
});

(FULL_HISTORY ? describe : describe.skip)(
  'migrations are never edited once committed (git history)',
  () => {
    const prefix = PREFIX ?? '';
    const rel = (p: string) => (p.startsWith(prefix) ? p.slice(prefix.length) : p);
    // describe.skip still runs this body: git is asked only in beforeAll.
    let headFiles: string[] = [];
    beforeAll(() => {
      headFiles = git(['ls-tree', '--name-only', 'HEAD', 'migrations/'])
        .split('\n')
        .filter(Boolean)
        .map((p) => path.posix.basename(p))
        .filter(isMigrationFile);
    });

    /** Newest first: each commit that touched the file (following renames) and its path there. */
    function fileHistory(file: string): { sha: string; path: string }[] {
      const out = git([
        'log',
        '--follow',
        '--format=%H',
        '--name-only',
        '--',
        `migrations/${file}`,
      ]);
      const list: { sha: string; path: string }[] = [];
      for (const line of out.split('\n').filter(Boolean)) {
        if (/^[0-9a-f]{40}$/.test(line)) list.push({ sha: line, path: `migrations/${file}` });
        else if (list.length) list[list.length - 1].path = rel(line);
      }
      return list;
    }

    it('no entry of migrations/checksums.json ever changed value', () => {
      const versions: { where: string; manifest: Manifest }[] = git([
        'log',
        '--reverse',
        '--format=%H',
        '--',
        'migrations/checksums.json',
      ])
        .split('\n')
        .filter(Boolean)
        .map((sha) => {
          const text = git(['show', `${sha}:./migrations/checksums.json`]);
          return {
            where: `commit ${sha}`,
            manifest: parseManifest(text, `migrations/checksums.json at ${sha}`),
          };
        });
      versions.push({ where: 'the working tree', manifest: readManifest() });
      const first = new Map<string, { sum: string; where: string }>();
      const problems: string[] = [];
      for (const v of versions) {
        for (const [f, sum] of Object.entries(v.manifest)) {
          const seen = first.get(f);
          if (!seen) first.set(f, { sum, where: v.where });
          else if (seen.sum !== sum) {
            problems.push(
              `the checksum of migration ${f} changed in ${v.where} (it was ${seen.sum} since ${seen.where}): ` +
                `entries are never changed; ${NEW_MIGRATION}`,
            );
            first.set(f, { sum, where: v.where });
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it('the working tree has every committed migration exactly as HEAD has it', () => {
      const problems = headFiles
        .filter(
          (f) =>
            !fs.existsSync(path.join(ROOT, 'migrations', f)) ||
            checksum(gitBuffer(['show', `HEAD:./migrations/${f}`])) !== fileChecksum(f),
        )
        .map((f) => `migration ${f} was edited after it was committed: ${NEW_MIGRATION}`);
      expect(problems).toEqual([]);
    });

    it('no commit after the one that added a migration changed it, apart from the grandfathered ones', () => {
      const problems: string[] = [];
      for (const f of headFiles) {
        const history = fileHistory(f);
        const added = history[history.length - 1];
        const allowed = new Set(GRANDFATHERED_EDITS[f] ?? []);
        for (const c of history.slice(0, -1)) {
          if (allowed.has(c.sha)) continue;
          // A rename, or a merge that brought nothing new, leaves the content as it was.
          const before = gitBuffer(['show', `${c.sha}^:./${history[history.indexOf(c) + 1].path}`]);
          const after = gitBuffer(['show', `${c.sha}:./${c.path}`]);
          if (checksum(before) !== checksum(after)) {
            problems.push(
              `migration ${f} was edited after it was committed (in ${c.sha}, added in ${added.sha}): ${NEW_MIGRATION}`,
            );
          }
        }
        // HEAD's content is the one from when it was added, or from its last grandfathered edit.
        const baseline = history.find((c) => c === added || allowed.has(c.sha));
        if (baseline) {
          const head = checksum(gitBuffer(['show', `HEAD:./migrations/${f}`]));
          if (head !== checksum(gitBuffer(['show', `${baseline.sha}:./${baseline.path}`]))) {
            problems.push(
              `migration ${f} at HEAD differs from ${baseline.sha}, where it was added or last grandfathered: ${NEW_MIGRATION}`,
            );
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it('the grandfathered list names only commits that really edited that migration', () => {
      const stale: string[] = [];
      for (const [f, shas] of Object.entries(GRANDFATHERED_EDITS)) {
        const history = headFiles.includes(f)
          ? fileHistory(f)
              .slice(0, -1)
              .map((c) => c.sha)
          : [];
        for (const sha of shas) if (!history.includes(sha)) stale.push(`${f}: ${sha}`);
      }
      expect(stale).toEqual([]);
    });
  },
);
