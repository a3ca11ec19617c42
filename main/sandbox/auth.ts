/**
 * Authentication of incoming requests: SDK-HMAC-SHA256 signatures (permanent and temporary keys,
 * the latter with X-Security-Token) and X-Auth-Token tokens issued by the sandbox's own IAM, then
 * the check that a `{project_id}` in the URL is the caller's.
 */
import { verifySignature } from '../cloud/verify';
import type { Caller } from './context';
import { EcsFault, GatewayFault } from './faults';
import type { SandboxRuntime, TemporaryCredentials } from './runtime';
import { hexId, isoNow } from './state';

/** Token lifetime: "The validity period of a token is 24 hours." (§4.2) */
export const TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function unauthorized(code: string, message: string): GatewayFault {
  return new GatewayFault(401, code, message);
}

/**
 * Resolves the caller of a request or throws a 401 fault. Nothing of the request runs before this
 * returns, so a rejected request changes nothing.
 */
export function authenticate(
  rt: SandboxRuntime,
  req: {
    method: string;
    rawPath: string;
    rawQuery: string;
    headers: Record<string, string | string[] | undefined>;
    body: Uint8Array;
  },
  now = Date.now(),
): Caller {
  const acct = rt.state.account;
  const token = header(req.headers, 'x-auth-token');
  if (token !== undefined) {
    const t = rt.state.tokens.get(token);
    // SECURITY: unknown and expired tokens get the same answer.
    if (!t || t.expiresAt <= now) throw unauthorized('Common.0013', 'Invalid token.');
    return { projectId: t.projectId, userId: t.userId, domainId: acct.domainId, via: 'token' };
  }
  const authz = header(req.headers, 'authorization');
  if (authz === undefined)
    throw unauthorized(
      'APIGW.0301',
      'Incorrect IAM authentication information: Authorization header or X-Auth-Token missing.',
    );
  const securityToken = header(req.headers, 'x-security-token');
  let temporary = false;
  const result = verifySignature(
    req,
    (ak) => {
      const perm = acct.keys[ak];
      if (perm !== undefined) return perm;
      const tmp = acct.tempKeys[ak];
      // SECURITY: a temporary AK is only valid with its own, unexpired security token.
      if (tmp && tmp.expiresAt > now && securityToken === tmp.securityToken) {
        temporary = true;
        return tmp.sk;
      }
      return undefined;
    },
    { now: new Date(now) },
  );
  if (!result.ok)
    throw unauthorized('APIGW.0301', `Incorrect IAM authentication information: ${result.message}`);
  // X-Project-Id names the project for multi-project accounts (Table 4-3); otherwise the URL's
  // project must simply belong to the account, which checkProject verifies.
  const xp = header(req.headers, 'x-project-id');
  let projectId = acct.projects[0]!.id;
  if (xp !== undefined) {
    if (!acct.projects.some((p) => p.id === xp))
      throw unauthorized(
        'APIGW.0301',
        'Incorrect IAM authentication information: X-Project-Id is not a project of this account.',
      );
    projectId = xp;
  }
  return {
    projectId,
    userId: acct.userId,
    domainId: acct.domainId,
    via: temporary ? 'temporary-aksk' : 'aksk',
    ak: result.ak,
  };
}

/**
 * Refuses a `{project_id}` in the URL that is not the caller's: `Ecs.0023` for ECS paths,
 * `Common.0018` for the others (both 400 in A.2). For AK/SK callers without X-Project-Id any
 * project of the account is theirs, and the caller's project becomes the URL's.
 */
export function checkProject(
  rt: SandboxRuntime,
  caller: Caller,
  urlProject: string,
  style: 'ecs' | 'common',
  explicit: boolean,
): Caller {
  if (caller.via !== 'token' && !explicit) {
    if (rt.state.account.projects.some((p) => p.id === urlProject))
      return { ...caller, projectId: urlProject };
  } else if (urlProject === caller.projectId) return caller;
  throw style === 'ecs' ? new EcsFault('Ecs.0023') : new EcsFault('Common.0018');
}

/** Issues a temporary AK/SK/security-token triple valid for `ttlMs` (default 1 hour). */
export function issueTemporaryCredentials(rt: SandboxRuntime, ttlMs = 60 * 60 * 1000): TemporaryCredentials {
  const ak = `TMP${hexId().slice(0, 17).toUpperCase()}`;
  const sk = hexId() + hexId().slice(0, 8);
  const securityToken = `gQpjbi1ub3J0aC00${hexId()}${hexId()}`;
  const expiresAt = Date.now() + ttlMs;
  rt.state.account.tempKeys[ak] = { sk, securityToken, expiresAt };
  rt.state.changed();
  return { ak, sk, securityToken, expiresAt: isoNow(expiresAt) };
}
