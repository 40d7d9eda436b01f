import { hash, verify } from '@node-rs/bcrypt';

/**
 * bcrypt through @node-rs/bcrypt 1.10.7 (pinned: 2.0.0 has only the linux-x64-gnu binary on the registry, so npm ci fails for the other platforms' lock entries): native code with prebuilt binaries from the npm registry that
 * runs on libuv's thread pool, so a hash (≈80 ms at cost 10) never holds up the event loop.
 * It reads every hash bcryptjs wrote before ($2a$, $2b$), so stored passwords keep working.
 */
const BCRYPT_COST = 10;

// Compared against when the user does not exist (or may not try now), so every path costs one comparison.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hash('not-a-password', BCRYPT_COST));

export function hashPassword(pw: string): Promise<string> {
  return hash(pw, BCRYPT_COST);
}

/** Whether `pw` matches `hash`; with no hash (no such user) it costs the same and answers false. */
export async function passwordMatches(pw: string, stored: string | null | undefined): Promise<boolean> {
  const ok = await verify(pw, stored || (await dummy())).catch(() => false);
  return ok && !!stored;
}

/** One comparison's worth of work that always fails: keeps a refused attempt as slow as a wrong password. */
export async function spendComparison(pw: string): Promise<false> {
  await passwordMatches(pw, null);
  return false;
}
