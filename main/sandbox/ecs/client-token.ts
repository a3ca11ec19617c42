/**
 * `X-Client-Token` on server creation: the official SDK sends it on createPostPaidServers and
 * createServers ("the identifier that guarantees the idempotency of client requests"). The API
 * Reference in the seed does not describe it; Huawei's ECS "Idempotent Requests" page does, and
 * this follows it:
 * - the token is a case-sensitive UUID `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` of lowercase hex
 *   digits; anything else is refused with Ecs.0123;
 * - a re-send with the same token and the same parameters gets the first request's answer (the
 *   same job and the same servers); the same token with other parameters is refused with Ecs.0122;
 * - a token is valid for 8 hours; after that it is refused with Ecs.0124 (not treated as new).
 * Those three codes are not in the seed's error-code appendix: the status is the 400 of every
 * parameter error there. Only requests that created a job are remembered: a refused request (bad
 * parameters, quota) may be corrected and re-sent with the same token.
 */
import { createHash } from 'node:crypto';
import type { RequestContext } from '../context';
import { EcsFault } from '../faults';
import type { ClientTokenRecord } from '../state';

/** How long a token's answer is replayed (the page's 8 hours). */
export const CLIENT_TOKEN_TTL_MS = 8 * 3600_000;
/** Expired records are kept this long to answer Ecs.0124, then forgotten. */
const FORGET_AFTER_MS = 7 * 24 * 3600_000;

const TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** A request's token and what it maps to; `undefined` when the request carries no token. */
export interface ClientTokenUse {
  key: string;
  bodyHash: string;
  /** The earlier answer to replay, when this is a re-send. */
  replay?: ClientTokenRecord;
}

/**
 * Reads and checks the request's `X-Client-Token` (call it before validating anything else, so
 * that a re-send is answered as the first request was even if the state has changed since).
 * Throws Ecs.0123 (malformed), Ecs.0122 (other parameters) or Ecs.0124 (expired).
 */
export function readClientToken(ctx: RequestContext, body: unknown): ClientTokenUse | undefined {
  const token = ctx.header('x-client-token');
  if (token === undefined) return undefined;
  if (!TOKEN.test(token))
    throw new EcsFault(
      'Ecs.0123',
      'X-Client-Token must be a UUID in the format xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (lowercase hex digits).',
      { status: 400 },
    );
  const key = `${ctx.who.projectId}:${token}`;
  const bodyHash = createHash('sha256').update(canonical(body)).digest('hex');
  const rec = ctx.state.clientTokens.get(key);
  if (rec === undefined) return { key, bodyHash };
  if (Date.now() - rec.createdAt > CLIENT_TOKEN_TTL_MS)
    throw new EcsFault('Ecs.0124', 'The X-Client-Token has expired (tokens are valid for 8 hours).', {
      status: 400,
    });
  if (rec.bodyHash !== bodyHash)
    throw new EcsFault(
      'Ecs.0122',
      'The X-Client-Token was already used by a request with different parameters.',
      { status: 400 },
    );
  return { key, bodyHash, replay: rec };
}

/** Remembers the answer of a request that carried a token (and forgets long-expired ones). */
export function rememberClientToken(
  ctx: RequestContext,
  use: ClientTokenUse,
  answer: { jobId: string; serverIds: string[] },
): void {
  const now = Date.now();
  for (const [k, r] of ctx.state.clientTokens)
    if (now - r.createdAt > FORGET_AFTER_MS) ctx.state.clientTokens.delete(k);
    // Insertion order is creation order: the first young record ends the sweep.
    else break;
  ctx.state.clientTokens.set(use.key, {
    projectId: ctx.who.projectId,
    bodyHash: use.bodyHash,
    jobId: answer.jobId,
    serverIds: answer.serverIds,
    createdAt: now,
  });
}
