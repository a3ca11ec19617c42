/**
 * The line protocol between the app and its keychain worker process (keychain-worker.ts): one JSON
 * object per line, requests on the worker's stdin, replies on its stdout. Pure: imported by both
 * sides, so it must stay free of Node, Electron and app imports.
 *
 * SECURITY: secret values cross only this private pipe between two processes of the app; they are
 * never in argv or the environment.
 */

/** One keytar call: read, store or delete one item. */
export type KeychainOp = 'get' | 'set' | 'delete';

/** A request to the worker; `id` ties the reply to it. */
export interface KeychainRequest {
  id: number;
  op: KeychainOp;
  service: string;
  account: string;
  /** The secret to store (`set` only). */
  password?: string;
}

/** The worker's first line: keytar loaded (ready) or not (the loader's error message). */
export type KeychainHello = { kind: 'hello'; ready: true } | { kind: 'hello'; ready: false; error: string };

/** The answer to one request: keytar's value (string or null for get, boolean for delete) or its error. */
export type KeychainReply =
  | { kind: 'reply'; id: number; ok: true; value: string | boolean | null }
  | { kind: 'reply'; id: number; ok: false; error: string };

/** Longest line either side accepts, in characters: far above any secret, bounds a runaway peer. */
export const MAX_LINE_CHARS = 256 * 1024;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function parseJson(line: string): unknown {
  if (line.length > MAX_LINE_CHARS) return undefined;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** Parses one line from the worker; undefined when it is not a well-formed hello or reply. */
export function parseWorkerLine(line: string): KeychainHello | KeychainReply | undefined {
  const v = parseJson(line);
  if (!isObject(v)) return undefined;
  if (v.kind === 'hello') {
    if (v.ready === true) return { kind: 'hello', ready: true };
    if (v.ready === false && typeof v.error === 'string')
      return { kind: 'hello', ready: false, error: v.error };
    return undefined;
  }
  if (v.kind !== 'reply' || typeof v.id !== 'number' || !Number.isSafeInteger(v.id)) return undefined;
  if (v.ok === false && typeof v.error === 'string')
    return { kind: 'reply', id: v.id, ok: false, error: v.error };
  const value = v.value;
  if (v.ok === true && (value === null || typeof value === 'string' || typeof value === 'boolean'))
    return { kind: 'reply', id: v.id, ok: true, value };
  return undefined;
}

/** Parses one line from the app; undefined when it is not a well-formed request. */
export function parseRequestLine(line: string): KeychainRequest | undefined {
  const v = parseJson(line);
  if (!isObject(v) || typeof v.id !== 'number' || !Number.isSafeInteger(v.id)) return undefined;
  if (v.op !== 'get' && v.op !== 'set' && v.op !== 'delete') return undefined;
  if (typeof v.service !== 'string' || typeof v.account !== 'string') return undefined;
  if (v.op === 'set' && typeof v.password !== 'string') return undefined;
  const req: KeychainRequest = { id: v.id, op: v.op, service: v.service, account: v.account };
  if (typeof v.password === 'string') req.password = v.password;
  return req;
}

/** One protocol message as a line (JSON never contains a raw newline). */
export function toLine(message: KeychainRequest | KeychainHello | KeychainReply): string {
  return `${JSON.stringify(message)}\n`;
}
