/**
 * Identity-document checks for intake (shared/domain §2, 条例第29条).
 * - 居民身份证号码: GB 11643-1999 (ISO 7064 MOD 11-2 check digit).
 * - 统一社会信用代码: GB 32100-2015 (MOD 31 check character).
 * Pure TypeScript.
 */

const RID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const RID_CHECK = '10X98765432';

/** Trim and upper-case a trailing x (GB 11643 prints X). */
export function normaliseResidentId(s: string): string {
  return s.trim().toUpperCase();
}

function plausibleBirthDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1800 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

/** Check digit for the first 17 digits of a 居民身份证号码. */
export function residentIdCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * RID_WEIGHTS[i];
  return RID_CHECK[sum % 11];
}

/** GB 11643-1999: 18 characters, 17 digits + check (0-9 or X), plausible birth date (positions 7-14). */
export function validateResidentId(s: string): boolean {
  const id = normaliseResidentId(s);
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  if (!plausibleBirthDate(id.slice(6, 14))) return false;
  return residentIdCheckDigit(id.slice(0, 17)) === id[17];
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export function normaliseUscc(s: string): string {
  return s.trim().toUpperCase();
}

/** Check character for the first 17 characters of a 统一社会信用代码 (null if a character is outside the alphabet). */
export function usccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i];
  }
  const c = 31 - (sum % 31);
  return USCC_ALPHABET[c === 31 ? 0 : c];
}

/** GB 32100-2015: 18 characters from 0-9 A-H J-N P-R T U W-Y (no I O Z S V), check = 31 − (Σ mod 31), 31→0. */
export function validateUscc(s: string): boolean {
  const code = normaliseUscc(s);
  if (code.length !== 18) return false;
  for (const ch of code) if (!USCC_ALPHABET.includes(ch)) return false;
  return usccCheckChar(code.slice(0, 17)) === code[17];
}
