/** Password hashing: native bcrypt off the event loop, and hashes written by bcryptjs keep working. */
import * as bcryptjs from 'bcryptjs';
import { hashPassword, passwordMatches } from '../../src/modules/users/passwords';

describe('passwords', () => {
  it('verifies hashes made by bcryptjs ($2a$ and $2b$), as stored before the switch', async () => {
    const b = bcryptjs.hashSync('Demo-Passw0rd!', 10);
    expect(b.startsWith('$2b$10$')).toBe(true);
    const a = b.replace(/^\$2b\$/, '$2a$');
    for (const h of [a, b]) {
      expect(await passwordMatches('Demo-Passw0rd!', h)).toBe(true);
      expect(await passwordMatches('demo-passw0rd!', h)).toBe(false);
    }
  });

  it('writes bcrypt hashes that bcryptjs also reads (cost 10)', async () => {
    const h = await hashPassword('Another-Passw0rd');
    expect(h).toMatch(/^\$2[aby]\$10\$/);
    expect(bcryptjs.compareSync('Another-Passw0rd', h)).toBe(true);
  });

  it('answers false for no hash (unknown user) and for a malformed one', async () => {
    expect(await passwordMatches('not-a-password', null)).toBe(false);
    expect(await passwordMatches('x', 'garbage')).toBe(false);
  });

  it('does not block the event loop while hashing', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const started = Date.now();
    await Promise.all(Array.from({ length: 4 }, () => hashPassword('Some-Passw0rd')));
    const elapsed = Date.now() - started;
    clearInterval(timer);
    // On the main thread the interval could not fire at all until the hashes were done.
    expect(ticks).toBeGreaterThan(Math.min(10, elapsed / 10));
  });
});
