/**
 * LIKE / ILIKE patterns from a user's text: `%`, `_` and the escape character `\` in the text match
 * themselves, so a search for "100%" finds "100%" and not every text that starts with "100". Use the
 * pattern as a parameter with `LIKE $n ESCAPE '\'` (backslash is PostgreSQL's default escape too;
 * saying it keeps the query right whatever the default).
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A pattern that matches any value containing `text` literally. */
export function likeContaining(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** The ESCAPE clause that goes with these patterns. */
export const LIKE_ESCAPE = `ESCAPE '\\'`;

/**
 * `LIKE` when `text` has no letter that has a case (Chinese characters, digits, punctuation: lower()
 * leaves them and nothing else becomes them), else `ILIKE`: the two then match the same rows, and
 * LIKE compares the bytes where ILIKE lower-cases every row's text first (for UTF-8) — several times
 * slower on a scan of thousands of rows (issue 16).
 */
export function likeOperator(text: string): 'LIKE' | 'ILIKE' {
  const caseless = [...text].every((ch) => ch.toLowerCase() === ch && ch.toUpperCase() === ch) && !/\p{M}/u.test(text);
  return caseless ? 'LIKE' : 'ILIKE';
}
