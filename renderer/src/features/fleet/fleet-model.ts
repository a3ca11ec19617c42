/**
 * The fleet's rows and what is computed over them (pure functions): a row per server per scope,
 * the sorted merge of arriving pages, the search and filters, counts per scope, and exports of
 * the current view as CSV (escaped and formula-injection safe) and JSON.
 */
import type { FleetScopeRef } from '../../../../shared/fleet';
import type { ServerView } from '../../../../shared/ipc/views';
import { formatIps, formatTags } from '../../lib/format';
import { matchesFilter, sortValue, type ServerFilter, type SortKey } from '../servers/server-filter';

/** A server of the fleet, with its scope. */
export interface FleetRow extends ServerView {
  accountId: string;
  region: string;
  accountName: string;
  /** Unique across the fleet: the same server id may be listed under two app accounts. */
  key: string;
  /** The listing that last delivered this row (older ones are dropped when a scope completes). */
  listingId: string;
  /** Lower-cased name, id, IPs, account and region: what the search box matches. */
  hay: string;
}

/** Fleet columns: the servers grid's plus account and region. */
export type FleetSortKey = SortKey | 'account' | 'region';

/** A sort order of the fleet. */
export interface FleetSort {
  key: FleetSortKey;
  dir: 'asc' | 'desc';
}

/** The fleet's filters: the servers pane's plus account and region. */
export interface FleetFilter extends ServerFilter {
  accountId: string;
  region: string;
}

/** The filter that matches everything. */
export const EMPTY_FLEET_FILTER: FleetFilter = {
  text: '',
  status: '',
  flavor: '',
  az: '',
  tag: '',
  ip: '',
  accountId: '',
  region: '',
};

/** The key of a scope. */
export function scopeKey(s: FleetScopeRef): string {
  return `${s.accountId}/${s.region}`;
}

/** A fleet row of a server listed in a scope. */
export function makeRow(
  s: ServerView,
  scope: FleetScopeRef & { accountName: string },
  listingId: string,
): FleetRow {
  const row = s as FleetRow;
  row.accountId = scope.accountId;
  row.region = scope.region;
  row.accountName = scope.accountName;
  row.key = `${scope.accountId}/${scope.region}/${s.id}`;
  row.listingId = listingId;
  row.hay = [s.name, s.id, ...s.ips.map((ip) => ip.address), scope.accountName, scope.region]
    .join('\u0001')
    .toLowerCase();
  return row;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function value(r: FleetRow, key: FleetSortKey): string | number {
  if (key === 'account') return r.accountName;
  if (key === 'region') return r.region;
  return sortValue(r, key);
}

/**
 * The comparator of a sort order (ties by account, region, then name, so the order is total).
 * Identical strings compare equal without the collator: rows of one scope share their account and
 * region, and the collator was the merge's main cost at 50,000 rows.
 */
export function compareRows(sort: FleetSort): (a: FleetRow, b: FleetRow) => number {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const cmp = (x: string | number, y: string | number) =>
    x === y
      ? 0
      : typeof x === 'number' && typeof y === 'number'
        ? x - y
        : collator.compare(String(x), String(y));
  return (a, b) =>
    sign * cmp(value(a, sort.key), value(b, sort.key)) ||
    cmp(a.accountName, b.accountName) ||
    cmp(a.region, b.region) ||
    cmp(a.name, b.name) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Sorts `rows` in place by `sort` (and returns it). */
export function sortRows(rows: FleetRow[], sort: FleetSort): FleetRow[] {
  const cmp = compareRows(sort);
  return rows.sort(cmp);
}

/**
 * The first index in `rows[from..]` whose row sorts after `row` (rows equal to it stay before):
 * galloping from `from` (1, 2, 4, ... ahead), then a binary search in the last step.
 */
function gallop(
  rows: readonly FleetRow[],
  row: FleetRow,
  from: number,
  cmp: (a: FleetRow, b: FleetRow) => number,
): number {
  let lo = from;
  let step = 1;
  let hi = from;
  while (hi < rows.length && cmp(rows[hi]!, row) <= 0) {
    lo = hi + 1;
    hi = from + step;
    step *= 2;
  }
  hi = Math.min(hi, rows.length);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(rows[mid]!, row) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Merges sorted `incoming` into sorted `into` (stable: rows of `into` go before equal incoming
 * ones). Each incoming row finds its place by galloping, and the rows of `into` in between are
 * copied without comparing them: a page of 1,000 joins 50,000 rows with some 10,000 comparisons
 * instead of 51,000 (a page of one scope mostly lands in one stretch).
 */
export function mergeSorted(
  into: readonly FleetRow[],
  incoming: readonly FleetRow[],
  sort: FleetSort,
): FleetRow[] {
  if (incoming.length === 0) return into.slice();
  const cmp = compareRows(sort);
  const out = new Array<FleetRow>(into.length + incoming.length);
  let i = 0;
  let k = 0;
  for (const row of incoming) {
    const end = gallop(into, row, i, cmp);
    while (i < end) out[k++] = into[i++]!;
    out[k++] = row;
  }
  while (i < into.length) out[k++] = into[i++]!;
  return out;
}

/** The rows passing `f`, in order. */
export function filterRows(rows: readonly FleetRow[], f: FleetFilter): FleetRow[] {
  const active = Object.values(f).some((v) => v !== '');
  if (!active) return rows as FleetRow[];
  const g = { ...f, text: '' };
  const q = f.text.trim().toLowerCase();
  const rest = Object.entries(g).some(([k, v]) => v !== '' && k !== 'accountId' && k !== 'region');
  return rows.filter(
    (r) =>
      (!f.accountId || r.accountId === f.accountId) &&
      (!f.region || r.region === f.region) &&
      (!q || r.hay.includes(q)) &&
      (!rest || matchesFilter(r, g)),
  );
}

/** How many of `rows` are in each scope, in first-seen order: what the confirm dialog lists. */
export function countByScope(
  rows: readonly FleetRow[],
): { accountName: string; region: string; count: number }[] {
  const m = new Map<string, { accountName: string; region: string; count: number }>();
  for (const r of rows) {
    const k = scopeKey(r);
    const e = m.get(k);
    if (e) e.count++;
    else m.set(k, { accountName: r.accountName, region: r.region, count: 1 });
  }
  return [...m.values()];
}

const EXPORT_COLUMNS: [string, (r: FleetRow) => string][] = [
  ['account', (r) => r.accountName],
  ['region', (r) => r.region],
  ['id', (r) => r.id],
  ['name', (r) => r.name],
  ['status', (r) => r.status],
  ['flavor', (r) => r.flavor.name || r.flavor.id],
  ['ips', (r) => formatIps(r)],
  ['availability_zone', (r) => r.availabilityZone],
  ['tags', (r) => formatTags(r)],
  ['created', (r) => r.created],
];

/**
 * One CSV cell: quoted when it holds a quote, comma or line break; a cell that a spreadsheet would
 * run as a formula (starting with = + - @, or a tab / carriage return) gets a leading apostrophe.
 */
export function csvCell(v: string): string {
  // SECURITY: CSV/formula injection: server names and tags are user-controlled.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The rows as CSV (header line, CRLF line ends as RFC 4180 says). */
export function toCsv(rows: readonly FleetRow[]): string {
  const lines = [EXPORT_COLUMNS.map(([h]) => h).join(',')];
  for (const r of rows) lines.push(EXPORT_COLUMNS.map(([, get]) => csvCell(get(r))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The rows as a JSON array of plain server objects with their account and region. */
export function toJson(rows: readonly FleetRow[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      account: r.accountName,
      accountId: r.accountId,
      region: r.region,
      id: r.id,
      name: r.name,
      status: r.status,
      flavor: r.flavor,
      ips: r.ips,
      availabilityZone: r.availabilityZone,
      tags: r.tags,
      created: r.created,
    })),
    null,
    2,
  );
}
