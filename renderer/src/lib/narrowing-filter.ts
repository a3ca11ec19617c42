/**
 * A list filter that remembers its last result: when the rows and every other filter field are
 * the same and the new search text contains the old one (the user typed on), every row passing the
 * new filter passed the old one, so only the rows shown are tested again, not all 10,000 (or the
 * fleet's 50,000). Same rows, same order as filtering everything. Used by the servers grid and the
 * fleet.
 */

/**
 * Wraps `filter` (a pure function of the rows and a filter object with a `text` field);
 * `query` is how the filter reads the text (e.g. trimmed and lowercased).
 */
export function narrowingFilter<T, F extends { text: string }>(
  filter: (rows: readonly T[], f: F) => T[],
  query: (f: F) => string = (f) => f.text.toLowerCase(),
): (rows: readonly T[], f: F) => T[] {
  let last: { rows: readonly T[]; filter: F; result: T[] } | undefined;
  return (rows, f) => {
    const prev = last;
    const keys = new Set([...Object.keys(f), ...(prev ? Object.keys(prev.filter) : [])]) as Set<keyof F>;
    const narrows =
      prev !== undefined &&
      prev.rows === rows &&
      [...keys].every((k) => k === 'text' || f[k] === prev.filter[k]) &&
      query(f).includes(query(prev.filter));
    const result = filter(narrows ? prev.result : rows, f);
    last = { rows, filter: { ...f }, result };
    return result;
  };
}
