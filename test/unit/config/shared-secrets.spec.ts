/**
 * Instances sharing one DATABASE_URL must share the secrets (issue 16, scale-out): with
 * DATABASE_URL set, JWT_SECRET, HISTORY_ANCHOR_KEY and SIGNING_P12_PASSPHRASE are required instead of
 * being generated per DATA_DIR; and the statement timeout is read and bounded.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../../src/platform/config/config';

const dataDir = path.join(os.tmpdir(), 'gid-config-secrets-test');
const secrets = { JWT_SECRET: 'j'.repeat(40), HISTORY_ANCHOR_KEY: 'h'.repeat(40), SIGNING_P12_PASSPHRASE: 's'.repeat(20) };

describe('secrets and database bounds of a deployment on DATABASE_URL', () => {
  it.each(Object.keys(secrets))('refuses to start without %s when DATABASE_URL is set, naming it in Chinese', (name) => {
    const env: NodeJS.ProcessEnv = { DATA_DIR: dataDir, DATABASE_URL: 'postgres://u:p@127.0.0.1/db', ...secrets };
    delete env[name];
    expect(() => loadConfig(env)).toThrow(new RegExp(`设置了 DATABASE_URL 时必须设置 ${name}`));
  });

  it('starts with all three set, and on the embedded server generates them', () => {
    expect(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://u:p@127.0.0.1/db', ...secrets }).jwtSecret).toBe(secrets.JWT_SECRET);
    const embedded = loadConfig({ DATA_DIR: dataDir });
    expect(embedded.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(embedded.historyAnchorKey.length).toBeGreaterThanOrEqual(32);
  });

  it('DB_STATEMENT_TIMEOUT_MS: 30 s by default, 0 turns it off, nonsense refused', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).dbStatementTimeoutMs).toBe(30_000);
    expect(loadConfig({ DATA_DIR: dataDir, DB_STATEMENT_TIMEOUT_MS: '0' }).dbStatementTimeoutMs).toBe(0);
    expect(() => loadConfig({ DATA_DIR: dataDir, DB_STATEMENT_TIMEOUT_MS: 'soon' })).toThrow(/DB_STATEMENT_TIMEOUT_MS/);
  });
});
