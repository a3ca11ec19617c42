/**
 * The helper kit the ECS (§5) and Nova (§6) handlers share: finding a caller's server, refusing a
 * locked one, resolving a flavor that may be sold, the password complexity rule, deleting a server
 * group, and reading loosely typed numbers. Both APIs apply the same rules to the same records but answer with their
 * own errors (`Ecs.xxxx` faults, Nova's `badRequest`/`itemNotFound`/...), so each helper takes the
 * error to throw from its caller; `ecs/util.ts` and `nova/util.ts` bind them once per API. One
 * implementation, so the two APIs cannot drift apart on what they accept.
 */
import type { RequestContext } from './context';
import { isoNow, type Flavor, type Server } from './state';

/** Whether a value is a plain object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * An integer a client may send as a JSON number or a numeric string (the documents' examples send
 * `"2"`, `"50"`; upstream Nova's schema accepts both), or undefined when the value is neither.
 */
export function integerLike(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

/**
 * A query parameter of decimal digits only (`limit`, `offset`, `minRam`, ...), or undefined when
 * it is absent; anything else throws `bad(raw)`.
 */
export function queryDigits(
  ctx: RequestContext,
  key: string,
  bad: (raw: string) => unknown,
): number | undefined {
  const raw = ctx.query.get(key);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw bad(raw);
  return Number(raw);
}

/**
 * The server `id` (default: the path's `{server_id}`) if it belongs to the caller's project, else
 * `notFound(id)`. A deleted server is never kept in the state; the check only makes sure a record
 * caught half-way through its delete is not found either.
 */
export function findServer(
  ctx: RequestContext,
  notFound: (id: string) => unknown,
  id = ctx.param('server_id'),
): Server {
  const s = ctx.state.servers.get(id);
  if (s === undefined || s.vm_state === 'deleted' || s.project_id !== ctx.who.projectId) throw notFound(id);
  return s;
}

/**
 * Refuses a management action on a locked server (§6.3.4: "life cycle management, status
 * management, NIC management, disk management, and password management").
 */
export function requireUnlocked(server: Server, locked: (id: string) => unknown): void {
  if (server.locked) throw locked(server.id);
}

/** Touches `updated` (servers carry it as an ISO time without milliseconds). */
export function touch(server: Server): void {
  server.updated = isoNow();
}

/** Whether a flavor can be sold in an AZ (Table 5-41 `cond:operation:status` and `cond:operation:az`). */
export function flavorSellable(f: Flavor, az: string | undefined): 'normal' | 'sellout' | 'abandon' {
  const st = f.extra_specs['cond:operation:status'] ?? 'normal';
  if (st === 'abandon') return 'abandon';
  let status = st;
  const azSpec = f.extra_specs['cond:operation:az'];
  if (az !== undefined && azSpec !== undefined) {
    const m = new RegExp(`(?:^|,)\\s*${az.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\((\\w+)\\)`).exec(azSpec);
    if (m) status = m[1]!;
  }
  return status === 'sellout' || status === 'obt_sellout'
    ? 'sellout'
    : status === 'abandon'
      ? 'abandon'
      : 'normal';
}

/** The errors of {@link resolveFlavor}; without `soldOut`, a sold-out flavor is accepted. */
export interface FlavorFaults {
  missing: () => unknown;
  abandoned: () => unknown;
  soldOut?: () => unknown;
}

/** The flavor `id` if it exists, is not abandoned and (when the API checks it) is on sale in `az`. */
export function resolveFlavor(
  ctx: RequestContext,
  id: string,
  az: string | undefined,
  faults: FlavorFaults,
): Flavor {
  const f = ctx.state.flavors.get(id);
  if (f === undefined) throw faults.missing();
  const sale = flavorSellable(f, az);
  if (sale === 'abandon') throw faults.abandoned();
  if (sale === 'sellout' && faults.soldOut) throw faults.soldOut();
  return f;
}

/**
 * How an API applies the §5.1.1 adminPass rule: which characters count as special, and whether the
 * password is checked against the OS user name.
 */
export interface PasswordRule {
  special: RegExp;
  /** The image's OS: the password must not contain its user name (root / Administrator). */
  osType?: 'Linux' | 'Windows';
}

/** The special characters §5.1.1 lists, plus `-` and `:`, which the console also accepts. */
export const ECS_PASSWORD_SPECIALS = /[!@$%^&\-_=+[{}\];:,./?~#*]/;

/**
 * adminPass rule (§5.1.1): 8-26 characters, at least three of upper, lower, digit and special;
 * with an OS type, it must not contain the user name or its reverse, and a Windows password must
 * not contain more than two consecutive characters of the user name either. `weak()` otherwise.
 */
export function checkPassword(pw: string, rule: PasswordRule, weak: () => unknown): void {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, rule.special].filter((r) => r.test(pw)).length;
  if (pw.length < 8 || pw.length > 26 || classes < 3) throw weak();
  if (rule.osType === undefined) return;
  const user = rule.osType === 'Windows' ? 'administrator' : 'root';
  const lower = pw.toLowerCase();
  const windowsRun =
    rule.osType === 'Windows' &&
    [...Array(user.length - 2).keys()].some((i) => lower.includes(user.slice(i, i + 3)));
  if (lower.includes(user) || lower.includes([...user].reverse().join('')) || windowsRun) throw weak();
}
