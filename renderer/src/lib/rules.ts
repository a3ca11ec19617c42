/**
 * The API's input rules, checked in the UI before a call so mistakes show inline
 * (the same rules the ECS API applies: §5.1.1 and Table 5-76 of the ECS API reference).
 */

/** The most 2D tags one server may carry. */
export const MAX_TAGS_PER_SERVER = 10;

/** EVS disk types offered wherever a disk is created (the create-disk dialog, the wizard's disks). */
export const VOLUME_TYPES = ['SATA', 'SAS', 'SSD', 'GPSSD', 'ESSD'] as const;

/** Longest tag key, in characters. */
export const MAX_TAG_KEY = 36;
/** Longest tag value, in characters. */
export const MAX_TAG_VALUE = 43;

const TAG_KEY = /^[A-Za-z0-9_\-\u4E00-\u9FFF]+$/;
const TAG_VALUE = /^[A-Za-z0-9_.\-\u4E00-\u9FFF]*$/;
const SPECIAL = /[!@$%^\-_=+[{}\]:,./?~#*]/;

/** Why `key` is not a valid tag key, or undefined when it is. */
export function tagKeyError(key: string): string | undefined {
  if (key.length === 0) return 'The key must not be empty.';
  if ([...key].length > MAX_TAG_KEY) return `The key must be at most ${MAX_TAG_KEY} characters.`;
  if (!TAG_KEY.test(key)) return 'The key may use letters, digits, - and _ (and CJK characters) only.';
  return undefined;
}

/** Why `value` is not a valid tag value, or undefined when it is (empty is allowed). */
export function tagValueError(value: string): string | undefined {
  if ([...value].length > MAX_TAG_VALUE) return `The value must be at most ${MAX_TAG_VALUE} characters.`;
  if (!TAG_VALUE.test(value))
    return 'The value may use letters, digits, -, _ and . (and CJK characters) only.';
  return undefined;
}

/**
 * Why adding `adding` tag keys to a server that has `existing` keys breaks the 10-tag limit,
 * or undefined when it fits (a key already present is replaced, not added).
 */
export function tagCountError(existing: readonly string[], adding: readonly string[]): string | undefined {
  const keys = new Set(existing);
  for (const k of adding) keys.add(k);
  if (keys.size > MAX_TAGS_PER_SERVER)
    return `A server can have at most ${MAX_TAGS_PER_SERVER} tags (this would make ${keys.size}).`;
  return undefined;
}

/**
 * Why `password` fails the API's adminPass rule (8-26 characters, at least three of upper case,
 * lower case, digits and special characters, not containing the OS user name or its reverse),
 * or undefined when it passes.
 */
export function passwordError(password: string, osType: 'Linux' | 'Windows' = 'Linux'): string | undefined {
  if (password.length < 8 || password.length > 26) return 'The password must be 8 to 26 characters long.';
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, SPECIAL].filter((r) => r.test(password)).length;
  if (classes < 3)
    return 'Use at least three of: upper-case letters, lower-case letters, digits, special characters (!@$%^-_=+[{}]:,./?~#*).';
  const user = osType === 'Windows' ? 'administrator' : 'root';
  const lower = password.toLowerCase();
  if (lower.includes(user) || lower.includes([...user].reverse().join('')))
    return `The password must not contain "${user}" or its reverse.`;
  return undefined;
}

/** Why `name` is not a valid server name (1-128 letters, digits, _, -, ., CJK), or undefined. */
export function serverNameError(name: string, max = 128): string | undefined {
  if (name.length === 0) return 'The name must not be empty.';
  if ([...name].length > max) return `The name must be at most ${max} characters.`;
  if (!/^[A-Za-z0-9_.\-\u4E00-\u9FFF]+$/.test(name))
    return 'The name may use letters, digits, _, - and . only.';
  return undefined;
}
