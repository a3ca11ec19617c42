/**
 * Shared helpers of the Nova handlers: body parsing with Nova-style errors, server lookup and
 * preconditions, links, instance-action records and small validators.
 */
import type { RequestContext } from '../context';
import type { InstanceAction, Server } from '../state';
import { isoNow } from '../state';
import { recordAction } from '../lifecycle';
import { badRequest, invalidState, lockedError, notFound, serverNotFound } from './errors';

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
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw badRequest('Malformed request body');
  return v as Record<string, unknown>;
}

/** A mandatory object member of a body (`{"server": {...}}`), else 400. */
export function member(obj: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = obj[key];
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw badRequest(
      `Invalid input for field/attribute ${key}. '${key}' is a required property of type object`,
    );
  return v as Record<string, unknown>;
}

/** Whether a value is a plain object. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads an integer that clients may send as a JSON number or a numeric string (the document's
 * examples send `"2"`, `"50"`, `"40"`; upstream Nova's schema accepts both).
 */
export function intLike(v: unknown, field: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n))
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
  const s = ctx.state.servers.get(id);
  if (s === undefined || s.vm_state === 'deleted' || s.project_id !== ctx.who.projectId)
    throw serverNotFound(id);
  return s;
}

/**
 * Refuses a management action on a locked server (§6.3.4: "life cycle management, status
 * management, NIC management, disk management, and password management").
 */
export function requireUnlocked(server: Server): void {
  if (server.locked) throw lockedError(server.id);
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

/** Touches `updated` (servers carry it as an ISO time without milliseconds). */
export function touch(server: Server): void {
  server.updated = isoNow();
}
