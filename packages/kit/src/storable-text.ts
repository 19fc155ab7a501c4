/**
 * What PostgreSQL cannot store in `text` or `jsonb`: U+0000 (SQLSTATE 22021 / 22P05) and a UTF-16
 * surrogate without its partner (not valid UTF-8). Matched on code units (no `u` flag) so a lone
 * surrogate is seen as itself.
 */
const unstorable = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when PostgreSQL can store the string (no NUL, no lone surrogate). */
export const isStorableText = (value: string): boolean => !unstorable.test(value);

export const unstorableTextMessage = 'must not contain NUL characters or unpaired surrogates';
