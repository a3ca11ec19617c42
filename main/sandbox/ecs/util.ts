/**
 * Validation helpers for the ECS (§5) handlers: each throws the document's error code. The rules
 * ECS shares with Nova are in kit.ts; the bindings here give them the ECS errors.
 */
import type { RequestContext } from '../context';
import { ecs, invalid } from '../faults';
import * as kit from '../kit';
import type { Flavor, Server } from '../state';

/** A plain object or undefined. */
export function asObj(v: unknown): Record<string, unknown> | undefined {
  return kit.isObject(v) ? v : undefined;
}

/** A mandatory object member (Ecs.0005 when missing or not an object). */
export function reqObj(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = asObj(o[key]);
  if (!v) throw invalid(`${key} is mandatory and must be an object.`);
  return v;
}

/** A string member: mandatory unless `optional`; length in characters within [min, max]. */
export function str(
  o: Record<string, unknown>,
  key: string,
  opts: { optional?: boolean; min?: number; max?: number } = {},
): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) {
    if (opts.optional) return undefined;
    throw invalid(`${key} is mandatory.`);
  }
  if (typeof v !== 'string') throw invalid(`${key} must be a string.`);
  const len = [...v].length;
  if (len < (opts.min ?? (opts.optional ? 0 : 1)) || (opts.max !== undefined && len > opts.max))
    throw invalid(`${key} must be ${opts.min ?? 1} to ${opts.max ?? '∞'} characters long.`);
  return v;
}

/** An integer member (numbers or numeric strings, as the document's examples send both). */
export function int(
  o: Record<string, unknown>,
  key: string,
  opts: { optional?: boolean; min?: number; max?: number; code?: string } = {},
): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) {
    if (opts.optional) return undefined;
    throw invalid(`${key} is mandatory.`);
  }
  const n = kit.integerLike(v);
  if (n === undefined) throw invalid(`${key} must be an integer.`);
  if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max))
    throw ecs(opts.code ?? 'Ecs.0005', `${key} must be within [${opts.min ?? '-∞'}, ${opts.max ?? '∞'}].`);
  return n;
}

/** A boolean member (true/false or "true"/"false"). */
export function bool(o: Record<string, unknown>, key: string): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw invalid(`${key} must be a boolean.`);
}

/** An array member. */
export function arr(
  o: Record<string, unknown>,
  key: string,
  opts: { optional?: boolean } = {},
): unknown[] | undefined {
  const v = o[key];
  if (v === undefined || v === null) {
    if (opts.optional) return undefined;
    throw invalid(`${key} is mandatory.`);
  }
  if (!Array.isArray(v)) throw invalid(`${key} must be an array.`);
  return v;
}

/** The server named in the path, or `Ecs.0114` (404). */
export function findServer(ctx: RequestContext, id = ctx.param('server_id')): Server {
  return kit.findServer(ctx, (missing) => ecs('Ecs.0114', `The ECS ${missing} does not exist.`), id);
}

/** Refuses a management action on a locked server with `Ecs.0605` (§6.3.4). */
export function requireUnlocked(server: Server): void {
  kit.requireUnlocked(server, (id) => ecs('Ecs.0605', `ECS ${id} is locked.`));
}

/** The flavor of `flavorRef`, refused when unknown or abandoned (Ecs.0029) or sold out in the AZ (Ecs.0319). */
export function resolveFlavor(ctx: RequestContext, id: string, az: string | undefined): Flavor {
  return kit.resolveFlavor(ctx, id, az, {
    missing: () => ecs('Ecs.0029', `The flavor ${id} does not exist.`),
    abandoned: () => ecs('Ecs.0029', `The flavor ${id} does not exist or has been abandoned.`),
    soldOut: () => ecs('Ecs.0319', `The flavor ${id} is sold out${az ? ` in ${az}` : ''}.`),
  });
}

/** Server name rule of §5.1.1: 1-128 characters, letters, digits, `_`, `-`, `.` (Ecs.0914 too long, Ecs.0915 bad characters). */
export function checkServerName(name: string, max: number): void {
  if ([...name].length > max) throw ecs('Ecs.0914', `The ECS name must be at most ${max} characters long.`);
  if (name.length === 0 || !/^[A-Za-z0-9_.\-\u4E00-\u9FFF]+$/.test(name))
    throw ecs(
      'Ecs.0915',
      'The ECS name contains invalid characters: only letters, digits, _, - and . are allowed.',
    );
}

/** adminPass rule of §5.1.1 (kit.ts), with the image's OS user name: Ecs.0011 otherwise. */
export function checkPassword(pw: string, osType: 'Linux' | 'Windows'): void {
  kit.checkPassword(pw, { special: kit.ECS_PASSWORD_SPECIALS, osType }, () =>
    ecs('Ecs.0011', 'Ensure the password meets the password complexity requirements.'),
  );
}

/** user_data: base64, at most 32 KB before encoding (§5.1.1). */
export function checkUserData(ud: string): void {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(ud.replace(/\s/g, '')))
    throw invalid('user_data must be base64 encoded.');
  if (Buffer.from(ud, 'base64').length > 32 * 1024)
    throw invalid('user_data must be at most 32 KB before encoding.');
}

/** Metadata on create (§5.1.1): at most 10 pairs, key 1-255 of `A-Za-z0-9 -_:.`, value at most 255. */
export function checkMetadata(md: Record<string, unknown>, maxPairs: number): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = Object.entries(md);
  if (entries.length > maxPairs) throw invalid(`At most ${maxPairs} metadata pairs are allowed.`);
  for (const [k, v] of entries) {
    if (k.length === 0 || k.length > 255 || !/^[A-Za-z0-9 _:.-]+$/.test(k))
      throw invalid(`Invalid metadata key "${k}".`);
    if (typeof v !== 'string' || v.length > 255)
      throw invalid(`Metadata value of "${k}" must be a string of at most 255 characters.`);
    out[k] = v;
  }
  return out;
}

/** Parses a `servers: [{id}]` list of a batch request with the ECS's limits (Ecs.0118 over `max`). */
export function serverIdList(o: Record<string, unknown>, max: number): string[] {
  const list = arr(o, 'servers')!;
  if (list.length === 0) throw invalid('servers must not be empty.');
  if (list.length > max) throw ecs('Ecs.0118', `At most ${max} ECSs per request.`);
  const ids = list.map((x) => {
    const id = asObj(x)?.id;
    if (typeof id !== 'string' || id === '') throw invalid('servers[].id is mandatory.');
    return id;
  });
  if (new Set(ids).size !== ids.length) throw invalid('servers contains duplicate ids.');
  return ids;
}

/** Parses a string query integer (offset/limit); undefined when absent. */
export function queryInt(ctx: RequestContext, key: string, min: number, max: number): number | undefined {
  if (ctx.query.get(key) === '') return undefined;
  const n = kit.queryDigits(ctx, key, () => invalid(`${key} must be a non-negative integer.`));
  if (n === undefined) return undefined;
  if (n < min || n > max) throw invalid(`${key} must be within [${min}, ${max}].`);
  return n;
}
