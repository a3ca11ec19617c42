/**
 * Client-side search, filters and sorting of the server list (pure functions over view models).
 */
import type { ServerView } from '../../../../shared/ipc/views';

/** The filters of the servers pane; empty strings mean "any". */
export interface ServerFilter {
  /** Matches name or id (substring, case-insensitive). */
  text: string;
  status: string;
  /** A flavor id. */
  flavor: string;
  az: string;
  /** `key` (any value) or `key=value`. */
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

/** True when `s` passes every filter. */
export function matchesFilter(s: ServerView, f: ServerFilter): boolean {
  if (f.status && s.status !== f.status) return false;
  if (f.flavor && s.flavor.id !== f.flavor) return false;
  if (f.az && s.availabilityZone !== f.az) return false;
  if (f.text) {
    const q = f.text.toLowerCase();
    if (!s.name.toLowerCase().includes(q) && !s.id.toLowerCase().includes(q)) return false;
  }
  if (f.ip && !s.ips.some((ip) => ip.address.includes(f.ip.trim()))) return false;
  if (f.tag) {
    const eq = f.tag.indexOf('=');
    const key = (eq >= 0 ? f.tag.slice(0, eq) : f.tag).trim();
    const value = eq >= 0 ? f.tag.slice(eq + 1).trim() : undefined;
    if (!s.tags.some((t) => t.key === key && (value === undefined || t.value === value))) return false;
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

/** A sorted copy of `items` (stable: ties keep the input order, then by name). */
export function sortServers(items: readonly ServerView[], sort: SortSpec): ServerView[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const keyed = items.map((s, i) => ({ s, i, v: sortValue(s, sort.key) }));
  keyed.sort((a, b) => {
    const c =
      typeof a.v === 'number' && typeof b.v === 'number'
        ? a.v - b.v
        : collator.compare(String(a.v), String(b.v));
    return c !== 0 ? sign * c : a.i - b.i;
  });
  return keyed.map((k) => k.s);
}

/** The distinct values of a field, sorted, for filter drop-downs. */
export function distinct(items: readonly ServerView[], pick: (s: ServerView) => string): string[] {
  const set = new Set<string>();
  for (const s of items) set.add(pick(s));
  set.delete('');
  return [...set].sort(collator.compare);
}
