/**
 * Backup and restore (issue 16, reliability 6): a logical backup of a database holding cases —
 * histories, letters with their PDF bytes, an attached record — taken beside the running app,
 * restored into a fresh empty database: every table holds the same rows, and the history anchor
 * service verifies every case's chain, head and replay against the anchor written before the
 * backup (the external anchor, kept in DATA_DIR with HISTORY_ANCHOR_KEY, outside the database).
 * A damaged file or a target that already holds data is refused; `npm run backup` works as a CLI.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { HistoryAnchorService } from '../../src/modules/cases/history-anchor.service';
import { backupDatabase, BackupError, readBackup, restoreDatabase } from '../../src/platform/database/backup';
import { decidedCase, register, act } from '../support/cases';
import { createScratchDatabase } from '../support/scratch-database';
import { createAppOn, createTestContext, TestContext } from '../support/test-app';

jest.setTimeout(180_000);

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(cmd, args, { env, cwd: path.resolve(__dirname, '..', '..') }, (e, stdout, stderr) =>
      resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

describe('backup and restore', () => {
  let t: TestContext;
  let dataDir: string;
  let backupDir: string;
  let restored: Awaited<ReturnType<typeof createScratchDatabase>>;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gid-backup-data-'));
    backupDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gid-backup-')), 'b1');
    t = await createTestContext({ dataDir });
    // cases in several states, letters with their bytes
    await decidedCase(t);
    await decidedCase(t, { applicant: { type: 'natural', category: 'natural_person', name: '李四', idType: 'passport', idNumber: 'E12345678', phone: '13900000000', address: '示范县' } });
    const c = (await register(t)).body;
    await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' });
    restored = await createScratchDatabase(t.url, `gid_restored_${Date.now()}`);
  });

  afterAll(async () => {
    await t?.close();
    await restored?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(path.dirname(backupDir), { recursive: true, force: true });
  });

  const counts = async (url: string) => {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      const tables = (await c.query(`SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND relkind IN ('r','p') AND NOT relispartition AND relname <> 'migrations' ORDER BY 1`)).rows.map((r) => r.relname);
      const out: Record<string, number> = {};
      for (const name of tables) out[name] = Number((await c.query(`SELECT count(*) n FROM "${name}"`)).rows[0].n);
      const letters = (await c.query(`SELECT id, encode(sha256(bytes), 'hex') h FROM letters ORDER BY id`)).rows;
      const heads = (await c.query(`SELECT id, head_seq, head_hash, version, state FROM cases ORDER BY id`)).rows;
      return { out, letters, heads };
    } finally {
      await c.end();
    }
  };

  it('restores into a fresh database: the same rows, and every case verifies against the anchor written before', async () => {
    const anchors = t.app.get(HistoryAnchorService);
    const line = await anchors.anchor();
    expect(line.cases).toBeGreaterThanOrEqual(3);

    const m = await backupDatabase(t.url, backupDir);
    expect(m.tables.find((x) => x.name === 'cases')?.rows).toBe(line.cases);
    expect(m.tables.find((x) => x.name === 'letters')?.rows).toBeGreaterThan(3);
    expect(m.migrations.length).toBeGreaterThan(10);

    const r = await restoreDatabase(restored.url, backupDir);
    expect(r.laterMigrations).toBe(0);
    const [before, after] = [await counts(t.url), await counts(restored.url)];
    expect(after.out).toEqual(before.out);
    expect(after.letters).toEqual(before.letters);
    expect(after.heads).toEqual(before.heads);

    // the restored database, served by an app with the same DATA_DIR (anchors) and key
    const app2 = await createAppOn(restored.url, { dataDir });
    try {
      const report = await app2.get(HistoryAnchorService).check();
      expect(report.problems).toEqual([]);
      expect(report.anchor?.cases).toBe(line.cases);
      expect(report.anchored).toBe(line.cases);
      expect(report.verified).toBe(line.cases);
    } finally {
      await app2.close();
    }
  });

  it('refuses a damaged backup and a target that holds data', async () => {
    await expect(restoreDatabase(t.url, backupDir)).rejects.toThrow(/已有案件或用户/);
    const damaged = path.join(path.dirname(backupDir), 'damaged');
    fs.cpSync(backupDir, damaged, { recursive: true });
    const f = path.join(damaged, 'cases.copy.gz');
    const bytes = fs.readFileSync(f);
    bytes[bytes.length - 5] ^= 0xff;
    fs.writeFileSync(f, bytes);
    await expect(readBackup(damaged)).rejects.toThrow(BackupError);
    await expect(readBackup(damaged)).rejects.toThrow(/已损坏或被改动：cases.copy.gz/);
  });

  it('npm run backup: the CLI writes a backup of DATABASE_URL and says what to keep besides', async () => {
    const out = path.join(path.dirname(backupDir), 'cli');
    const r = await run(process.execPath, ['-r', '@swc-node/register', 'src/backup-cli.ts', 'backup', '--out', out], {
      ...process.env,
      DATABASE_URL: t.url,
      JWT_SECRET: 'x'.repeat(40),
      HISTORY_ANCHOR_KEY: 'y'.repeat(40),
      SIGNING_P12_PASSPHRASE: 'z'.repeat(20),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/备份完成/);
    expect(r.stdout).toMatch(/history-anchors/);
    expect((await readBackup(out)).tables.length).toBeGreaterThan(10);
  });
});
