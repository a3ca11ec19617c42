/**
 * Turns an operation row plus caller input into a prepared HTTP request: URL (path parameters
 * percent-encoded per segment, query serialized), headers and body bytes. The bytes built here
 * are the exact bytes that get signed and sent; nothing downstream re-serializes the body.
 */
import { isWellFormedText } from '../../shared/text';
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
const encoder = new TextEncoder();

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
  const compiled = compile(def);
  const path = fillPath(def, compiled, input.path ?? {}, ctx.projectId);
  const search = serializeQuery(def, compiled, input.query ?? {});
  // One URL parse per call: the base URL's origin and prefix are cached.
  const url = new URL(`${baseOf(ctx.baseUrl)}${path}${search ? `?${search}` : ''}`);

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
  if (input.headers) {
    for (const name in input.headers) {
      const lower = name.toLowerCase();
      for (const existing in headers) if (existing.toLowerCase() === lower) delete headers[existing];
      headers[name] = input.headers[name]!;
    }
  }
  const prepared: PreparedRequest = { method: def.method, url, headers };
  if (body !== undefined) prepared.body = body;
  return prepared;
}

/** A row's path template split once into literal text and parameter names, and its query names. */
interface CompiledRow {
  /** Alternating literal, name, literal, ... (always starts and ends with a literal). */
  parts: string[];
  names: ReadonlySet<string>;
  query: ReadonlySet<string>;
}

// Compiled once per row: buildRequest runs on every call, the table never changes.
const compiledRows = new WeakMap<OperationDef, CompiledRow>();

function compile(def: OperationDef): CompiledRow {
  let row = compiledRows.get(def);
  if (!row) {
    const parts = def.path.split(PLACEHOLDER);
    const names = new Set<string>();
    for (let i = 1; i < parts.length; i += 2) names.add(parts[i]!);
    row = { parts, names, query: new Set(def.query ?? []) };
    compiledRows.set(def, row);
  }
  return row;
}

function fillPath(
  def: OperationDef,
  row: CompiledRow,
  params: Record<string, string | number>,
  projectId: string | undefined,
): string {
  let path = row.parts[0]!;
  for (let i = 1; i < row.parts.length; i += 2) {
    const name = row.parts[i]!;
    let value: string;
    if (name === 'project_id') {
      if (projectId === undefined || projectId === '')
        throw new ValidationError(`${def.id}: no project id in the context.`, 'Select a project first.');
      value = projectId;
    } else {
      const given = params[name];
      if (given === undefined) throw new ValidationError(`${def.id}: missing path parameter "${name}".`);
      value = String(given);
    }
    path += checkedSegment(def, name, value) + row.parts[i + 1]!;
  }
  for (const name in params) {
    if (!row.names.has(name) || name === 'project_id')
      throw new ValidationError(`${def.id}: unknown path parameter "${name}".`);
  }
  return path;
}

function checkedSegment(def: OperationDef, name: string, value: string): string {
  if (value === '') throw new ValidationError(`${def.id}: path parameter "${name}" is empty.`);
  if (value.includes('/')) throw new ValidationError(`${def.id}: path parameter "${name}" contains '/'.`);
  if (value === '.' || value === '..')
    throw new ValidationError(`${def.id}: path parameter "${name}" is a dot segment.`);
  // encodeURIComponent would throw a bare URIError ("URI malformed") on a lone surrogate.
  if (!isWellFormedText(value))
    throw new ValidationError(
      `${def.id}: path parameter "${name}" contains a lone surrogate (malformed Unicode text).`,
    );
  return encodePathSegment(value);
}

const baseCache = new Map<string, string>();

/** `origin + path prefix` of a base URL (without a trailing slash), parsed once per base URL. */
function baseOf(baseUrl: string): string {
  let base = baseCache.get(baseUrl);
  if (base === undefined) {
    let parsed: URL;
    try {
      parsed = new URL(baseUrl);
    } catch (cause) {
      throw new ValidationError(`Invalid base URL "${baseUrl}": ${String(cause)}`);
    }
    base = `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
    // Bounded: base URLs come from a handful of accounts and regions.
    if (baseCache.size > 256) baseCache.clear();
    baseCache.set(baseUrl, base);
  }
  return base;
}

function serializeQuery(def: OperationDef, row: CompiledRow, query: Record<string, QueryValue>): string {
  let out = '';
  for (const name in query) {
    if (!row.query.has(name)) throw new ValidationError(`${def.id}: unknown query parameter "${name}".`);
    const value = query[name];
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (typeof v === 'number' && !Number.isFinite(v))
        throw new ValidationError(`${def.id}: query parameter "${name}" is not a finite number.`);
      if (typeof v === 'string' && !isWellFormedText(v))
        throw new ValidationError(
          `${def.id}: query parameter "${name}" contains a lone surrogate (malformed Unicode text).`,
        );
      out += `${out ? '&' : ''}${encodeQueryComponent(name)}=${encodeQueryComponent(String(v))}`;
    }
  }
  return out;
}

function serializeBody(def: OperationDef, body: unknown): Uint8Array {
  if (body instanceof Uint8Array) return body;
  let text: string | undefined;
  try {
    text = JSON.stringify(body);
  } catch (cause) {
    throw new ValidationError(`${def.id}: the body cannot be serialized to JSON: ${String(cause)}`);
  }
  if (text === undefined) throw new ValidationError(`${def.id}: the body cannot be serialized to JSON.`);
  return encoder.encode(text);
}
