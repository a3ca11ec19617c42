/**
 * Small helpers shared by the wire -> view mappers: the wire is loosely typed (numbers sent as
 * strings, empty strings for "none"), views are not.
 */

/** A finite number from a number or numeric string; undefined for anything else. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A non-empty string, or undefined (the wire uses "" and null for "none"). */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Only the string-valued entries of a map (metadata and extra specs must be strings in views). */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>))
    if (typeof v === 'string') out[k] = v;
  return out;
}

/** Copies `value` into `target[key]` only when it is defined (exactOptionalPropertyTypes-friendly). */
export function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
