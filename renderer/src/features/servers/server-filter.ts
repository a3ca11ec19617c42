/**
 * Client-side search, filters and sorting of the server list (pure functions over view models).
 */
import type { ServerView } from '../../../../shared/ipc/views';
import { narrowingFilter } from '../../lib/narrowing-filter';

/** The filters of the servers pane; empty strings mean "any". */
export interface ServerFilter {
  /** Matches name or id (substring, case-insensitive). */
  text: string;
  status: string;
  /** A flavor id. */
  flavor: string;
  az: string;
  /** `key` (any value), `key=value`, or `key=v1,v2` (any of the values); see {@link parseTagFilter}. */
  tag: string;
  /** Substring of any IP address. */
  ip: string;
}

/** Sortable columns. */
export type SortKey = 'name' | 'status' | 'flavor' | 'ips' | 'az' | 'tags' | 'created';

/** A sort order. */
export interface SortSpec {
  key: SortKey;
  dir: 'asc' | 'desc';
}

/** The filter that matches everything. */
export const EMPTY_FILTER: ServerFilter = { text: '', status: '', flavor: '', az: '', tag: '', ip: '' };

/** A parsed tag filter: the key, and the accepted values (undefined: any value). */
export type TagFilter = { ok: true; key: string; values?: string[] } | { ok: false; error: string };

/**
 * Parses the tag filter text: `env` (has the key), `env=prod` or `env=prod,dev` (prod OR dev);
 * `env=` matches an empty value. Keys and values cannot contain `=` (the API's tag rules), so a
 * second `=`, an empty key or an empty item in a list is a clear error.
 */
export function parseTagFilter(text: string): TagFilter {
  const eq = text.indexOf('=');
  const key = (eq >= 0 ? text.slice(0, eq) : text).trim();
  if (!key) return { ok: false, error: 'Name a tag key before "=", e.g. env=prod,dev.' };
  if (eq < 0) return { ok: true, key };
  const rest = text.slice(eq + 1);
  if (rest.includes('=')) return { ok: false, error: 'Use one "=": key=value1,value2.' };
  const values = rest.split(',').map((v) => v.trim());
  if (values.length > 1 && values.some((v) => !v))
    return { ok: false, error: 'A value is empty between commas: write key=value1,value2.' };
  return { ok: true, key, values };
}

const tagFilters = new Map<string, TagFilter>();
/** {@link parseTagFilter}, remembered per text (a keystroke tests 10,000 rows against one parse). */
function tagFilterOf(text: string): TagFilter {
  let t = tagFilters.get(text);
  if (!t) {
    if (tagFilters.size > 100) tagFilters.clear();
    t = parseTagFilter(text);
    tagFilters.set(text, t);
  }
  return t;
}

/** True when `s` passes every filter (a tag filter that does not parse filters nothing; the pane shows its error). */
export function matchesFilter(s: ServerView, f: ServerFilter): boolean {
  if (f.status && s.status !== f.status) return false;
  if (f.flavor && s.flavor.id !== f.flavor) return false;
  if (f.az && s.availabilityZone !== f.az) return false;
  if (f.text) {
    const q = f.text.toLowerCase();
    if (!s.name.toLowerCase().includes(q) && !s.id.toLowerCase().includes(q)) return false;
  }
  if (f.ip && !s.ips.some((ip) => ip.address.includes(f.ip.trim()))) return false;
  if (f.tag.trim()) {
    const t = tagFilterOf(f.tag);
    if (t.ok && !s.tags.some((x) => x.key === t.key && (!t.values || t.values.includes(x.value))))
      return false;
  }
  return true;
}

/**
 * The servers passing `f`, in input order. `view` maps a row to the object tested (e.g. `unwrap`
 * for store rows, so testing does not track each field); the rows returned are the input ones.
 */
export function filterServers(
  items: readonly ServerView[],
  f: ServerFilter,
  view: (s: ServerView) => ServerView = (s) => s,
): ServerView[] {
  const active = Object.values(f).some((v) => v !== '');
  return active ? items.filter((s) => matchesFilter(view(s), f)) : items.slice();
}

/** {@link filterServers} that narrows the last result while the user types on (lib/narrowing-filter.ts). */
export function makeIncrementalFilter(): (items: readonly ServerView[], f: ServerFilter) => ServerView[] {
  return narrowingFilter(filterServers);
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The value a column sorts by (numbers for sizes, padded strings for IPs). */
export function sortValue(s: ServerView, key: SortKey): string | number {
  switch (key) {
    case 'name':
      return s.name;
    case 'status':
      return s.status;
    case 'flavor':
      // By size (vCPUs, then RAM), which is what "sort by flavor" means to an operator.
      return (s.flavor.vcpus ?? 0) * 1e7 + (s.flavor.ramMb ?? 0);
    case 'ips':
      return ipSortKey(s.ips[0]?.address ?? '');
    case 'az':
      return s.availabilityZone;
    case 'tags':
      return s.tags.map((t) => `${t.key}=${t.value}`).join(',');
    case 'created':
      return s.created;
  }
}

/** IPv4 addresses padded so they sort numerically as strings. */
function ipSortKey(ip: string): string {
  const parts = ip.split('.');
  return parts.length === 4 ? parts.map((p) => p.padStart(3, '0')).join('.') : ip;
}

interface Keyed {
  s: ServerView;
  v: string | number;
}

/**
 * The order of two keyed rows: by the sort value, ties by name then id. A total order that does
 * not depend on the input order, so rows never swap places while pages arrive.
 */
function comparator(sort: SortSpec): (a: Keyed, b: Keyed) => number {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return (a, b) => {
    const c =
      typeof a.v === 'number' && typeof b.v === 'number'
        ? a.v - b.v
        : collator.compare(String(a.v), String(b.v));
    if (c !== 0) return sign * c;
    if (sort.key !== 'name') {
      const n = collator.compare(a.s.name, b.s.name);
      if (n !== 0) return n;
    }
    return a.s.id < b.s.id ? -1 : a.s.id > b.s.id ? 1 : 0;
  };
}

const keyedOf = (items: readonly ServerView[], key: SortKey): Keyed[] =>
  items.map((s) => ({ s, v: sortValue(s, key) }));

/** A sorted copy of `items` (ties by name, then id). */
export function sortServers(items: readonly ServerView[], sort: SortSpec): ServerView[] {
  return keyedOf(items, sort.key)
    .sort(comparator(sort))
    .map((k) => k.s);
}

/**
 * A sorter that remembers its last result: when the rows only grew at the end (a page arrived),
 * it sorts the new rows and merges them in (linear), instead of sorting 10,000 rows again. Any
 * other change (a row edited in place, removed, another sort) sorts everything. Plain rows only.
 */
export function makeIncrementalSort(): (items: readonly ServerView[], sort: SortSpec) => ServerView[] {
  let last: { items: readonly ServerView[]; n: number; sort: SortSpec; keyed: Keyed[] } | undefined;
  return (items, sort) => {
    const cmp = comparator(sort);
    let keyed: Keyed[];
    const appended =
      last !== undefined &&
      last.items !== items &&
      last.sort.key === sort.key &&
      last.sort.dir === sort.dir &&
      items.length > last.n &&
      last.n > 0 &&
      items[0] === last.items[0] &&
      items[last.n - 1] === last.items[last.n - 1];
    if (appended && last) {
      const tail = keyedOf(items.slice(last.n), sort.key).sort(cmp);
      const head = last.keyed;
      keyed = new Array<Keyed>(head.length + tail.length);
      let i = 0;
      let j = 0;
      let k = 0;
      while (i < head.length && j < tail.length)
        keyed[k++] = cmp(head[i]!, tail[j]!) <= 0 ? head[i++]! : tail[j++]!;
      while (i < head.length) keyed[k++] = head[i++]!;
      while (j < tail.length) keyed[k++] = tail[j++]!;
    } else keyed = keyedOf(items, sort.key).sort(cmp);
    last = { items, n: items.length, sort: { ...sort }, keyed };
    return keyed.map((x) => x.s);
  };
}

/** The distinct values of a field, sorted, for filter drop-downs. */
export function distinct(items: readonly ServerView[], pick: (s: ServerView) => string): string[] {
  const set = new Set<string>();
  for (const s of items) set.add(pick(s));
  set.delete('');
  return [...set].sort(collator.compare);
}
