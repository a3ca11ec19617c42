/**
 * Turns an operation row plus caller input into a prepared HTTP request: URL (path parameters
 * percent-encoded per segment, query serialized), headers and body bytes. The bytes built here
 * are the exact bytes that get signed and sent; nothing downstream re-serializes the body.
 */
import { ValidationError } from './errors';
import type { HttpMethod, OperationDef } from './ops/types';

/** A request ready to be authorized (signed or given a token) and sent. */
export interface PreparedRequest {
  method: HttpMethod;
  url: URL;
  headers: Record<string, string>;
  body?: Uint8Array;
}

/** A query value: arrays become repeated keys, booleans `true`/`false`, undefined is dropped. */
export type QueryValue = string | number | boolean | Array<string | number> | undefined;

/** What the caller gives for one call. */
export interface RequestInput {
  path?: Record<string, string | number>;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Where the request goes: the service's base URL, the project, and an optional Nova microversion. */
export interface RequestContext {
  baseUrl: string;
  projectId?: string;
  microversion?: string;
}

/** The JSON content type real clients (the official SDK) send. */
export const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';

const PLACEHOLDER = /\{([^{}]+)\}/g;

/**
 * RFC 3986 percent-encoding of one path segment: only unreserved characters stay literal.
 * encodeURIComponent leaves `!'()*` alone; they are sub-delims, so they are encoded too, which
 * makes the signed canonical path and the sent path agree whatever the server normalizes.
 */
export function encodePathSegment(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** RFC 3986 percent-encoding of a query key or value (space as %20, never `+`). */
export function encodeQueryComponent(value: string): string {
  return encodePathSegment(value);
}

/** Whether the row is a Nova v2.1 API, the only kind that takes microversion headers. */
export function acceptsMicroversion(def: OperationDef): boolean {
  // §6.16: the V2 paths (/v2/...) "do not support microversion functions"; ECS v1/v2 APIs ignore
  // the headers, and IAM/VPC are other services: only /v2.1/ paths get them.
  return def.path.startsWith('/v2.1/');
}

/** Compares two microversions `X.Y` numerically (`2.5` < `2.26`). */
export function compareMicroversions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/** The microversion to send for a row, or undefined for none (row wins; capped by maxMicroversion). */
export function effectiveMicroversion(def: OperationDef, ctxMicroversion?: string): string | undefined {
  if (!acceptsMicroversion(def)) return undefined;
  let version = def.microversion ?? ctxMicroversion;
  if (version !== undefined && !/^\d+\.\d+$/.test(version))
    throw new ValidationError(`Invalid microversion "${version}" (expected X.Y).`);
  if (version !== undefined && def.maxMicroversion !== undefined) {
    if (compareMicroversions(version, def.maxMicroversion) > 0) version = def.maxMicroversion;
  }
  return version;
}

/**
 * Builds the prepared request for one call of `def`.
 * Throws ValidationError when the project id or a path parameter is missing, empty or contains
 * '/', when a query name is not one the row accepts, or when the body cannot be serialized.
 */
export function buildRequest(def: OperationDef, input: RequestInput, ctx: RequestContext): PreparedRequest {
  const url = new URL(joinUrl(ctx.baseUrl, fillPath(def, input.path ?? {}, ctx.projectId)));
  url.search = serializeQuery(def, input.query ?? {});

  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: Uint8Array | undefined;
  if (input.body !== undefined) {
    body = serializeBody(def, input.body);
    headers['Content-Type'] = JSON_CONTENT_TYPE;
  }
  const microversion = effectiveMicroversion(def, ctx.microversion);
  if (microversion !== undefined) {
    headers['X-OpenStack-Nova-API-Version'] = microversion;
    headers['OpenStack-API-Version'] = `compute ${microversion}`;
  }
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    // Caller headers (X-Client-Token, X-Project-Id, ...) win, case-insensitively, over ours.
    for (const existing of Object.keys(headers))
      if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
    headers[name] = value;
  }
  const prepared: PreparedRequest = { method: def.method, url, headers };
  if (body !== undefined) prepared.body = body;
  return prepared;
}

function fillPath(
  def: OperationDef,
  params: Record<string, string | number>,
  projectId: string | undefined,
): string {
  const known = new Set<string>();
  const path = def.path.replace(PLACEHOLDER, (_, name: string) => {
    known.add(name);
    if (name === 'project_id') {
      // The project comes from the account context, never from the caller's input.
      if (projectId === undefined || projectId === '')
        throw new ValidationError(`${def.id}: no project id in the context.`, 'Select a project first.');
      return checkedSegment(def, name, projectId);
    }
    const value = params[name];
    if (value === undefined) throw new ValidationError(`${def.id}: missing path parameter "${name}".`);
    return checkedSegment(def, name, String(value));
  });
  for (const name of Object.keys(params)) {
    if (!known.has(name) || name === 'project_id')
      throw new ValidationError(`${def.id}: unknown path parameter "${name}".`);
  }
  return path;
}

function checkedSegment(def: OperationDef, name: string, value: string): string {
  if (value === '') throw new ValidationError(`${def.id}: path parameter "${name}" is empty.`);
  // A '/' would change which resource is addressed even when encoded (some proxies decode %2F).
  if (value.includes('/')) throw new ValidationError(`${def.id}: path parameter "${name}" contains '/'.`);
  if (value === '.' || value === '..')
    throw new ValidationError(`${def.id}: path parameter "${name}" is a dot segment.`);
  return encodePathSegment(value);
}

function joinUrl(baseUrl: string, path: string): string {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch (cause) {
    throw new ValidationError(`Invalid base URL "${baseUrl}": ${String(cause)}`);
  }
  // Keep any path prefix of the endpoint (custom endpoints behind a gateway).
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${path}`;
}

function serializeQuery(def: OperationDef, query: Record<string, QueryValue>): string {
  const allowed = new Set(def.query ?? []);
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (!allowed.has(name)) throw new ValidationError(`${def.id}: unknown query parameter "${name}".`);
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (typeof v === 'number' && !Number.isFinite(v))
        throw new ValidationError(`${def.id}: query parameter "${name}" is not a finite number.`);
      parts.push(`${encodeQueryComponent(name)}=${encodeQueryComponent(String(v))}`);
    }
  }
  return parts.join('&');
}

function serializeBody(def: OperationDef, body: unknown): Uint8Array {
  // Bytes are taken as already-serialized JSON (a caller replaying a recorded request).
  if (body instanceof Uint8Array) return body;
  let text: string | undefined;
  try {
    text = JSON.stringify(body);
  } catch (cause) {
    throw new ValidationError(`${def.id}: the body cannot be serialized to JSON: ${String(cause)}`);
  }
  if (text === undefined) throw new ValidationError(`${def.id}: the body cannot be serialized to JSON.`);
  return new TextEncoder().encode(text);
}
