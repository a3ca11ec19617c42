/**
 * UI state that survives a reload (filters, sort, open pane, open drawer), kept in localStorage
 * as JSON. Reading validates: stored data that is missing, not JSON, or not the expected shape
 * (an older version, a hand edit) is ignored, never trusted and never a crash. Only UI choices
 * are stored here, never data from the cloud or anything secret.
 */

const PREFIX = 'ecs-desktop.';

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // access can throw (storage disabled)
  }
}

/** The stored value under `key` if `validate` accepts it (returns the cleaned value), else undefined. */
export function loadPersisted<T>(key: string, validate: (raw: unknown) => T | undefined): T | undefined {
  const text = storage()?.getItem(PREFIX + key);
  if (text === null || text === undefined) return undefined;
  try {
    return validate(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** Stores `value` under `key` (quietly does nothing when storage is unavailable or full). */
export function savePersisted(key: string, value: unknown): void {
  try {
    storage()?.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Full or disabled storage: the UI state is a convenience, losing it is fine.
  }
}

/** `raw` as a plain object, or undefined. */
export function asRecord(raw: unknown): Record<string, unknown> | undefined {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw)
    ? (raw as Record<string, unknown>)
    : undefined;
}

/** `raw` if it is a string of at most `max` characters, else undefined. */
export function asString(raw: unknown, max = 500): string | undefined {
  return typeof raw === 'string' && raw.length <= max ? raw : undefined;
}
