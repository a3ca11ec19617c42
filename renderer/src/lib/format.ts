/**
 * Display formatting shared by the panes.
 */
import type { ServerView } from '../../../shared/ipc/views';
import { formatCount, formatMib } from './units';

/** RAM in MiB as a short human string, e.g. `4 GiB` or `512 MiB`. */
export function formatRam(mb: number | undefined): string {
  return formatMib(mb);
}

/** A server's flavor as `name (2 vCPUs, 4 GiB)`. */
export function formatFlavor(f: ServerView['flavor']): string {
  const parts: string[] = [];
  if (f.vcpus !== undefined) parts.push(formatCount(f.vcpus, 'vCPU'));
  if (f.ramMb !== undefined) parts.push(formatRam(f.ramMb));
  return parts.length ? `${f.name} (${parts.join(', ')})` : f.name;
}

/** An ISO 8601 time as a short local date and time; the input unchanged when it does not parse. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Whole minutes between an ISO time and `now` (never negative). */
export function minutesSince(iso: string, now = Date.now()): number {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return 0;
  return Math.max(0, Math.floor((now - t) / 60_000));
}

/** A server's IP addresses, comma separated, fixed ones first. */
export function formatIps(s: ServerView): string {
  return s.ips
    .slice()
    .sort((a, b) => (a.type === b.type ? 0 : a.type === 'fixed' ? -1 : 1))
    .map((ip) => (ip.type === 'floating' ? `${ip.address} (EIP)` : ip.address))
    .join(', ');
}

/** Tags as `k=v` strings. */
export function formatTags(s: ServerView): string {
  return s.tags.map((t) => (t.value ? `${t.key}=${t.value}` : t.key)).join(', ');
}
