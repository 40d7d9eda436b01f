/**
 * Embedded PostgreSQL cluster placement outside DATA_DIR (as root, when the postgres user
 * cannot reach the project folder). "Two clones at one path": a DATA_DIR deleted and created
 * again at the same path must get a cluster of its own (its new password), and the cluster of
 * the old DATA_DIR must be left in place and named in the log.
 *
 * As root the cluster goes outside because DATA_DIR sits in a 0700 folder; as a normal user the
 * `forceOutside` option makes it go outside all the same. The outside base is a temp folder.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { RunningPostgres, startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres';

jest.setTimeout(120_000);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

async function query(pg: RunningPostgres, sql: string): Promise<any[]> {
  const c = new Client({ connectionString: pg.url('postgres') });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

describe('embedded PostgreSQL cluster outside DATA_DIR', () => {
  let home: string; // like root's 0700 home with a clone in it
  let outside: string; // like /var/lib/gov-info-disclosure
  let stateDir: string;
  const running: RunningPostgres[] = [];

  const start = (log: string[]) =>
    startEmbeddedPostgres({
      clusterDir: path.join(stateDir, 'pg'),
      stateDir,
      ephemeral: true,
      outsideDir: outside,
      forceOutside: !isRoot,
      log: (l) => log.push(l),
    }).then((pg) => {
      running.push(pg);
      return pg;
    });

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'gid-home-'));
    fs.chmodSync(home, 0o700);
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'gid-outside-'));
    fs.chmodSync(outside, 0o755);
    stateDir = path.join(home, 'clone', 'data');
    fs.mkdirSync(stateDir, { recursive: true });
  });

  afterEach(async () => {
    for (const pg of running.splice(0)) await pg.stop();
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('a restart of the same DATA_DIR reuses its cluster and its data', async () => {
    const pg1 = await start([]);
    expect(path.dirname(pg1.clusterDir)).toBe(outside);
    await query(pg1, `CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')`);
    await pg1.stop();

    const log: string[] = [];
    const pg2 = await start(log);
    expect(pg2.clusterDir).toBe(pg1.clusterDir);
    expect(pg2.password).toBe(pg1.password);
    expect(await query(pg2, 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
    expect(log.join('\n')).not.toMatch(/无人指向/);
    const pwMode = fs.statSync(path.join(stateDir, 'pg-password')).mode & 0o777;
    expect(pwMode).toBe(0o600);
  });

  it('a DATA_DIR re-created at the same path gets a new cluster; the old one is kept and logged', async () => {
    const pg1 = await start([]);
    await query(pg1, `CREATE TABLE old_clone (v int)`);
    await pg1.stop();
    const oldCluster = pg1.clusterDir;

    // Remove the clone, clone again at the same path.
    fs.rmSync(path.join(home, 'clone'), { recursive: true, force: true });
    fs.mkdirSync(stateDir, { recursive: true });

    const log: string[] = [];
    const pg2 = await start(log);
    expect(pg2.password).not.toBe(pg1.password);
    // Connects with the new password, on a fresh cluster.
    const rows = await query(pg2, `SELECT to_regclass('public.old_clone') AS t`);
    expect(rows).toEqual([{ t: null }]);
    expect(pg2.clusterDir).not.toBe(oldCluster);
    expect(path.dirname(pg2.clusterDir)).toBe(outside);

    // The old cluster is left where it is and named in one log line.
    expect(fs.existsSync(path.join(oldCluster, 'PG_VERSION'))).toBe(true);
    const lines = log.filter((l) => l.includes(oldCluster));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(pg2.clusterDir);
    await pg2.stop();

    // And the new DATA_DIR keeps its own cluster on the next start.
    const log3: string[] = [];
    const pg3 = await start(log3);
    expect(pg3.clusterDir).toBe(pg2.clusterDir);
    expect(pg3.password).toBe(pg2.password);
    expect(log3.filter((l) => l.includes(oldCluster))).toHaveLength(1);
  });

  it('a DATA_DIR whose location file names a previous-scheme cluster keeps using it', async () => {
    // Set up a cluster, then make it look like the previous scheme: pg-<hash> folder named by
    // the location file's old one-line format, no owner note.
    const pg1 = await start([]);
    await query(pg1, `CREATE TABLE legacy (v int); INSERT INTO legacy VALUES (7)`);
    await pg1.stop();
    const legacyDir = path.join(path.dirname(pg1.clusterDir), 'pg-0123456789abcdef01234567');
    fs.renameSync(pg1.clusterDir, legacyDir);
    for (const f of fs.readdirSync(path.dirname(legacyDir))) {
      if (f.endsWith('.owner')) fs.rmSync(path.join(path.dirname(legacyDir), f));
    }
    fs.writeFileSync(
      path.join(stateDir, 'pg-location.txt'),
      `数据库集群位于 ${legacyDir}（${path.join(stateDir, 'pg')} 对 postgres 用户不可达）\n`,
    );

    const log: string[] = [];
    const pg2 = await start(log);
    expect(pg2.clusterDir).toBe(legacyDir);
    expect(await query(pg2, 'SELECT v FROM legacy')).toEqual([{ v: 7 }]);
    expect(log.join('\n')).not.toMatch(/无人指向/);
  });
});
