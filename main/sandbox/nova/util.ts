/**
 * Shared helpers of the Nova handlers: body parsing with Nova-style errors, server lookup and
 * preconditions, links, instance-action records and small validators. The rules Nova shares with
 * ECS are in kit.ts; the bindings here give them the Nova errors.
 */
import type { RequestContext } from '../context';
import * as kit from '../kit';
import type { Flavor, InstanceAction, Server } from '../state';
import { isoNow } from '../state';
import { recordAction } from '../lifecycle';
import type { NovaError } from './errors';
import { badRequest, invalidState, lockedError, notFound, serverNotFound } from './errors';

// Used by the Nova handlers as they are; ECS uses them too.
export { isObject, touch } from '../kit';

/** The JSON body as an object; anything else is a Nova 400 (not the ECS `Ecs.0005` body). */
export function body(ctx: RequestContext): Record<string, unknown> {
  const text = ctx.body.toString('utf8');
  if (text.trim() === '') throw badRequest('The request body is empty or malformed.');
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw badRequest('Malformed request body');
  }
  if (!kit.isObject(v)) throw badRequest('Malformed request body');
  return v;
}

/** A mandatory object member of a body (`{"server": {...}}`), else 400. */
export function member(obj: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = obj[key];
  if (!kit.isObject(v))
    throw badRequest(
      `Invalid input for field/attribute ${key}. '${key}' is a required property of type object`,
    );
  return v;
}

/**
 * Reads an integer that clients may send as a JSON number or a numeric string (the document's
 * examples send `"2"`, `"50"`, `"40"`; upstream Nova's schema accepts both).
 */
export function intLike(v: unknown, field: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = kit.integerLike(v);
  if (n === undefined)
    throw badRequest(`Invalid input for field/attribute ${field}. Value: ${String(v)}. Not an integer`);
  return n;
}

/** Reads a boolean that clients may send as `true`/`"True"`/`"false"` (§6.2.1 examples). */
export function boolLike(v: unknown, field: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false|1|0|yes|no)$/i.test(v)) return /^(true|1|yes)$/i.test(v);
  throw badRequest(`Invalid input for field/attribute ${field}. Value: ${String(v)}. Not a boolean`);
}

/** A string field with a length range (characters), or 400. */
export function str(
  v: unknown,
  field: string,
  opts: { min?: number; max?: number; required?: boolean; pattern?: RegExp } = {},
): string | undefined {
  if (v === undefined || v === null) {
    if (opts.required)
      throw badRequest(`Invalid input for field/attribute ${field}. '${field}' is a required property`);
    return undefined;
  }
  if (typeof v !== 'string')
    throw badRequest(`Invalid input for field/attribute ${field}. Value: ${JSON.stringify(v)}. Not a string`);
  const len = [...v].length;
  if (opts.min !== undefined && len < opts.min)
    throw badRequest(`Invalid input for field/attribute ${field}. Value: ${v}. is too short`);
  if (opts.max !== undefined && len > opts.max)
    throw badRequest(`Invalid input for field/attribute ${field}. Value: ${v}. is too long`);
  if (opts.pattern && !opts.pattern.test(v))
    throw badRequest(
      `Invalid input for field/attribute ${field}. Value: ${v}. Does not match ${String(opts.pattern)}`,
    );
  return v;
}

/** The server of `{server_id}` in the caller's project, or Nova 404. */
export function findServer(ctx: RequestContext, id = ctx.param('server_id')): Server {
  return kit.findServer(ctx, serverNotFound, id);
}

/** Refuses a management action on a locked server with Nova's 409 (§6.3.4). */
export function requireUnlocked(server: Server): void {
  kit.requireUnlocked(server, lockedError);
}

/**
 * Resolves `flavorRef` (id or URL, §6.2.1) to a flavor that may be used, or 400. Nova does not
 * check the sale status per AZ: a sold-out flavor is accepted, an abandoned one is not found.
 */
export function resolveFlavor(ctx: RequestContext, ref: unknown, field = 'flavorRef'): Flavor {
  const raw = str(ref, field, { required: true, min: 1 })!;
  const id = decodeURIComponent(raw.split('/').pop() ?? raw);
  const missing = (): NovaError => badRequest(`Flavor ${raw} could not be found.`);
  return kit.resolveFlavor(ctx, id, undefined, { missing, abandoned: missing });
}

/**
 * adminPass rule of §5.1.1 (kit.ts) as Nova applies it: any character but a letter or digit is
 * special, and the OS user name is not checked.
 */
export function checkPassword(pw: string): void {
  kit.checkPassword(pw, { special: /[^A-Za-z0-9]/ }, () =>
    badRequest(
      'Invalid adminPass: 8 to 26 characters with at least three of uppercase, lowercase, digits and special characters (Ecs.0011).',
    ),
  );
}

/** Refuses an action unless the server is in one of the vm_states and has no task running. */
export function requireState(
  server: Server,
  action: string,
  vmStates: readonly string[],
  allowTask = false,
): void {
  if (!vmStates.includes(server.vm_state) || (!allowTask && server.task_state !== null))
    throw invalidState(server.id, action, server.vm_state, server.task_state);
}

/** Base URL of this endpoint as the client addressed it (for `links`). */
export function baseUrl(ctx: RequestContext): string {
  const host = ctx.header('host') ?? '127.0.0.1';
  return `http://${host}`;
}

/** The versioned prefix the request used: `/v2.1/{project_id}` or `/v2/{project_id}`. */
export function versionPrefix(ctx: RequestContext): string {
  return `${ctx.isNovaV2 ? '/v2' : '/v2.1'}/${ctx.who.projectId}`;
}

/** Nova's `self` + `bookmark` links of a resource (`servers/<id>`, `flavors/<id>`, ...). */
export function links(ctx: RequestContext, collection: string, id: string): { rel: string; href: string }[] {
  const base = baseUrl(ctx);
  return [
    { rel: 'self', href: `${base}${versionPrefix(ctx)}/${collection}/${encodeURIComponent(id)}` },
    { rel: 'bookmark', href: `${base}/${ctx.who.projectId}/${collection}/${encodeURIComponent(id)}` },
  ];
}

/**
 * Records an instance action (§6.13) through the shared lifecycle log; timed steps of
 * `lifecycle.ts` close its event. Synchronous actions close it with {@link finishNow}.
 */
export function record(ctx: RequestContext, server: Server, action: string): InstanceAction {
  return recordAction(server, action, ctx.who, ctx.requestId);
}

/** Marks an action's open events finished now (for actions that complete synchronously). */
export function finishNow(rec: InstanceAction, ok = true): void {
  for (const e of rec.events) {
    if (e.finish_time === null) {
      e.finish_time = isoNow();
      e.result = ok ? 'Success' : 'Error';
    }
  }
  if (!ok) rec.message = 'Error';
}

/** Finds a keyed record or throws a Nova 404 with `what` in the message. */
export function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw notFound(`${what} could not be found.`);
  return value;
}
