/**
 * DATABASE_REPLICA_URL (issue 16, read replica): a postgres URL, only beside DATABASE_URL (the
 * embedded server has no standby of its own), and the bound on how long a read waits for it.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../../src/platform/config/config';

const dataDir = path.join(os.tmpdir(), 'gid-config-replica-test');
const base = {
  DATA_DIR: dataDir,
  DATABASE_URL: 'postgres://u:p@10.0.0.1/db',
  JWT_SECRET: 'j'.repeat(40),
  HISTORY_ANCHOR_KEY: 'h'.repeat(40),
  SIGNING_P12_PASSPHRASE: 's'.repeat(20),
};

describe('DATABASE_REPLICA_URL', () => {
  it('is taken beside DATABASE_URL, with a 2 s default bound on the wait for replay', () => {
    const c = loadConfig({ ...base, DATABASE_REPLICA_URL: ' postgresql://u:p@10.0.0.2/db ' });
    expect(c.databaseReplicaUrl).toBe('postgresql://u:p@10.0.0.2/db');
    expect(c.replicaMaxLagMs).toBe(2000);
    expect(loadConfig({ ...base, DATABASE_REPLICA_URL: 'postgres://u:p@10.0.0.2/db', DATABASE_REPLICA_MAX_LAG_MS: '0' }).replicaMaxLagMs).toBe(0);
    expect(loadConfig(base).databaseReplicaUrl).toBeUndefined();
  });

  it('is refused in Chinese when it is not a postgres URL, without DATABASE_URL, or with a nonsense bound', () => {
    expect(() => loadConfig({ ...base, DATABASE_REPLICA_URL: 'mysql://x/y' })).toThrow(/DATABASE_REPLICA_URL 必须以 postgres:\/\/ 或 postgresql:\/\/ 开头/);
    expect(() => loadConfig({ DATA_DIR: dataDir, DATABASE_REPLICA_URL: 'postgres://u:p@10.0.0.2/db' })).toThrow(/DATABASE_REPLICA_URL 只能与 DATABASE_URL 一起设置/);
    expect(() => loadConfig({ ...base, DATABASE_REPLICA_URL: 'postgres://u:p@10.0.0.2/db', DATABASE_REPLICA_MAX_LAG_MS: '-1' })).toThrow(/DATABASE_REPLICA_MAX_LAG_MS/);
  });
});
