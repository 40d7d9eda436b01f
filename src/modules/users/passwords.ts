import * as bcrypt from 'bcryptjs';

const BCRYPT_ROUNDS = 10;
// Compared against when the user does not exist, so both paths cost the same time.
const DUMMY_HASH = bcrypt.hashSync('not-a-password', BCRYPT_ROUNDS);

export function hashPassword(pw: string): Promise<string> {
  return bcrypt.hash(pw, BCRYPT_ROUNDS);
}

/** Whether `pw` matches `hash`; with no hash (no such user) it costs the same and answers false. */
export async function passwordMatches(pw: string, hash: string | null | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(pw, hash ?? DUMMY_HASH);
  return ok && !!hash;
}
