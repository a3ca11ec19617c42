/**
 * Immutable set updates for signals of picked ids (checkbox lists): a new `Set` each time, so a
 * signal holding it notifies its readers.
 */

/** A copy of `set` with `id` added (`on`) or removed. */
export function toggled<T>(set: ReadonlySet<T>, id: T, on: boolean): Set<T> {
  const next = new Set(set);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}
