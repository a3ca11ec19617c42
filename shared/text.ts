/**
 * Pure text checks shared by the IPC schemas (validation) and the cloud client (URL encoding).
 */

// With the `u` flag a surrogate pair is one code point, so this matches only a lone surrogate.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * True when `s` is well-formed UTF-16 (no lone surrogate). A lone surrogate has no UTF-8 form:
 * `encodeURIComponent` throws on it and a JSON body would carry U+FFFD instead of what was typed.
 */
export function isWellFormedText(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/** `s` with every lone surrogate replaced by U+FFFD (safe to put in a message or a log line). */
export function toWellFormedText(s: string): string {
  return s.replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
}
