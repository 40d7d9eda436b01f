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
