/**
 * LIKE patterns from user input: `%` and `_` (and the escape character itself) match only themselves.
 * `!` is the escape character, not `\`: MariaDB treats a backslash in a pattern specially by default and
 * SQLite does not, while `ESCAPE '!'` means the same in both.
 */
export const LIKE_ESCAPE = "ESCAPE '!'";

const escapeLike = (term: string) => term.replace(/[!%_]/g, (c) => `!${c}`);

/** `%term%`: contains the text, literally. Use as `col LIKE :p ${LIKE_ESCAPE}`. */
export const likeContains = (term: string) => `%${escapeLike(term)}%`;

/** `term%`: starts with the text, literally. */
export const likePrefix = (term: string) => `${escapeLike(term)}%`;
