/**
 * Human numbers, units and plurals through Intl: "1 NIC", "2 NICs", "10,000 servers",
 * "71 GiB of 240 GiB", power states as words. The console's text is English, so plural rules and
 * grouping use `en`; formatters are built once (building one costs far more than using it).
 */

const plural = new Intl.PluralRules('en');
const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const gigabytes = new Intl.NumberFormat('en', { style: 'unit', unit: 'gigabyte', maximumFractionDigits: 1 });

/** Plural forms of the nouns the console counts; others add "s". */
const PLURALS: Record<string, string> = {
  'key pair': 'key pairs',
  'server group': 'server groups',
  'tag key': 'tag keys',
  vCPU: 'vCPUs',
  NIC: 'NICs',
  entry: 'entries',
  'security group': 'security groups',
  'IP address': 'IP addresses',
};

/** `noun` for `n` things: "NIC" or "NICs" (English plural rules). */
export function pluralize(n: number, noun: string, pluralForm?: string): string {
  if (plural.select(n) === 'one') return noun;
  return pluralForm ?? PLURALS[noun] ?? `${noun}s`;
}

/** A count with its noun: "1 NIC", "2 NICs", "10,000 servers". */
export function formatCount(n: number, noun: string, pluralForm?: string): string {
  return `${integer.format(n)} ${pluralize(n, noun, pluralForm)}`;
}

/** A whole number with grouping: "10,000". */
export function formatInteger(n: number): string {
  return integer.format(n);
}

/** A disk size given in GB (as the EVS API gives it): "40 GB". */
export function formatGb(gb: number | undefined): string {
  return gb === undefined || !Number.isFinite(gb) ? '' : gigabytes.format(gb);
}

/**
 * A memory size given in MiB (Nova's unit for RAM) in the largest binary unit that keeps it at
 * least 1: "512 MiB", "4 GiB", "240 TiB". (Intl has no binary units, so the suffix is ours.)
 */
export function formatMib(mib: number | undefined): string {
  if (mib === undefined || !Number.isFinite(mib)) return '';
  const units = ['MiB', 'GiB', 'TiB', 'PiB'];
  let v = mib;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${decimal.format(v)} ${units[u]}`;
}

/** "used of limit" in one unit: "71 GiB of 240 GiB"; `limit` -1 means unlimited. */
export function formatUsage(used: number, limit: number, format: (n: number) => string): string {
  return limit < 0 ? `${format(used)} of unlimited` : `${format(used)} of ${format(limit)}`;
}

/**
 * `OS-EXT-STS:power_state` as words. The ECS API reference defines 0 pending, 1 running,
 * 2 paused, 3 shutdown, 4 crashed (the Sandbox follows it), which is not upstream Nova's
 * numbering (4 = shutdown there); ECS is what we talk to, so its table wins.
 */
const POWER_STATES: Record<number, string> = {
  0: 'Pending',
  1: 'Running',
  2: 'Paused',
  3: 'Shut down',
  4: 'Crashed',
};

/** A power state as a word ("Running", "Shut down"...), or "Unknown (n)" for a number ECS does not define. */
export function powerStateLabel(state: number | undefined): string {
  if (state === undefined) return '';
  return POWER_STATES[state] ?? `Unknown (${state})`;
}
