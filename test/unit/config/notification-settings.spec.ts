/** The settings of issue 14 (README: Configuration): defaults, and a wrong value stops the start with its name. */
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/platform/config/config';

const base = { DATA_DIR: path.join(os.tmpdir(), 'gid-config-test'), JWT_SECRET: 'x'.repeat(40), HISTORY_ANCHOR_KEY: 'y'.repeat(40) };
const problems = (env: Record<string, string>) => {
  try {
    loadConfig({ ...base, ...env });
  } catch (e) {
    return (e as ConfigError).problems;
  }
  return [];
};

describe('online application and outbox settings', () => {
  it('defaults: 5 applications a minute per address, outbox polled every 5 s, 8 attempts, a 300 s lease, no SMTP, no SMS provider', () => {
    const c = loadConfig(base);
    expect(c).toMatchObject({ publicApplicationsPerMinute: 5, outboxPollMs: 5000, outboxMaxAttempts: 8, outboxLeaseSeconds: 300, smsProvider: 'none' });
    expect(c.smtpUrl).toBeUndefined();
    expect(c.publicApplicationAgency).toBeUndefined();
  });
  it('takes the values given (0 lifts the rate limit for a load run)', () => {
    const c = loadConfig({ ...base, PUBLIC_APPLICATIONS_PER_MINUTE: '0', SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'gk@example.gov.cn', PUBLIC_BASE_URL: 'https://gk.example.gov.cn/' });
    expect(c).toMatchObject({ publicApplicationsPerMinute: 0, smtpUrl: 'smtp://127.0.0.1:2525', mailFrom: 'gk@example.gov.cn', publicBaseUrl: 'https://gk.example.gov.cn' });
  });
  it.each([
    [{ PUBLIC_APPLICATIONS_PER_MINUTE: '-1' }, 'PUBLIC_APPLICATIONS_PER_MINUTE'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ PUBLIC_BASE_URL: 'gk.example.gov.cn' }, 'PUBLIC_BASE_URL'],
    [{ PUBLIC_APPLICATION_AGENCY: 'agency-1' }, 'PUBLIC_APPLICATION_AGENCY'],
    [{ SMS_PROVIDER: 'aliyun' }, 'SMS_PROVIDER'],
    [{ OUTBOX_MAX_ATTEMPTS: '0' }, 'OUTBOX_MAX_ATTEMPTS'],
  ])('%j is refused naming %s', (env, name) => {
    expect(problems(env as Record<string, string>).join('\n')).toContain(name);
  });
});
