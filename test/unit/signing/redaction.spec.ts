import pino from 'pino';
import { REDACT_PATHS } from '../../../src/platform/logging/logging';

describe('signing secrets never reach a log', () => {
  it('a logged body or config blanks the PKCS#12 and the passphrase', () => {
    const lines: string[] = [];
    const log = pino({ redact: { paths: REDACT_PATHS, censor: '[已隐藏]' } }, { write: (s: string) => lines.push(s) });
    log.info({ body: { pkcs12: 'MIIKSECRETP12' } }, 'upload');
    log.info({ config: { signingPassphrase: 'secret-passphrase-0123' } }, 'start');
    const out = lines.join('\n');
    expect(out).not.toContain('MIIKSECRETP12');
    expect(out).not.toContain('secret-passphrase-0123');
    expect(out.match(/\[已隐藏\]/g)).toHaveLength(2);
  });
});
