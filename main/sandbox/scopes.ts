/**
 * Many scopes in one sandbox: `--accounts M --regions N` simulates M accounts (domains, each with
 * its own user, password and AK/SK) in N regions. Each account x region is a scope with its own
 * {@link SandboxState} (its project, servers, flow-control bucket); each region has its own
 * listener (endpoint), as each Huawei Cloud region has its own ECS endpoint, and IAM is global
 * (served by the first region's listener, answering for every scope).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { SANDBOX_REGION } from '../../shared/accounts';
import type { SandboxRuntime, SandboxScopeInfo } from './runtime';
import { initialState } from './seed';
import { hexId, type StateData } from './state';

/** The id of the `index`-th region (0-based): `sandbox-1` (the single-scope region), `sandbox-2`, ... */
export function scopeRegion(index: number): string {
  return index === 0 ? SANDBOX_REGION : `sandbox-${index + 1}`;
}

/**
 * The state file of one scope: the first scope keeps the given file (so a single-scope state file
 * is read as before); the others get `name.a{account}.r{region}.json` next to it.
 */
export function scopeStateFile(file: string, account: number, region: number): string {
  if (account === 0 && region === 0) return file;
  const base = file.replace(/\.json$/i, '');
  return `${base}.a${account + 1}.r${region + 1}.json`;
}

/**
 * A fresh state for account `account` in region `region`. `identity` is the account's state in
 * another region, when one exists: the domain, user, password and keys are the account's (IAM is
 * global), the projects are the region's own.
 */
export function newScopeState(account: number, region: number, identity?: StateData): StateData {
  const data = initialState();
  const name = scopeRegion(region);
  const a = data.account;
  if (identity) {
    const src = identity.account;
    Object.assign(a, {
      domainId: src.domainId,
      domainName: src.domainName,
      userId: src.userId,
      userName: src.userName,
      password: src.password,
      keys: { ...src.keys },
    });
  } else if (account > 0) {
    a.domainName = `sandbox-domain-${account + 1}`;
    a.userName = `sandbox-user-${account + 1}`;
  }
  a.region = name;
  a.projects = [
    { id: a.projects[0]!.id, name },
    { id: hexId(), name: `${name}_other` },
  ];
  return data;
}

/** How many of `total` servers the `index`-th of `parts` scopes gets (the first ones take the remainder). */
export function shareOf(total: number, parts: number, index: number): number {
  return Math.floor(total / parts) + (index < total % parts ? 1 : 0);
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The scope of a region a request is for, from its credentials: the account whose token or access
 * key it carries. Requests without known credentials go to the first scope, whose authentication
 * step then refuses them exactly as a single-scope sandbox would.
 */
export function pickScope(
  regionScopes: readonly SandboxRuntime[],
  headers: IncomingHttpHeaders,
): SandboxRuntime {
  const first = regionScopes[0]!;
  if (regionScopes.length === 1) return first;
  const token = header(headers, 'x-auth-token');
  if (token !== undefined) return regionScopes.find((rt) => rt.state.tokens.has(token)) ?? first;
  const ak = /\bAccess=([^,\s]+)/.exec(header(headers, 'authorization') ?? '')?.[1];
  if (ak === undefined) return first;
  return (
    regionScopes.find((rt) => rt.state.account.keys[ak] !== undefined || rt.state.account.tempKeys[ak]) ??
    first
  );
}

/** True for the IAM routes (`/v3`, `/v3/projects`, `/v3/auth/...`), not Cinder's `/v3/{project_id}/...`. */
export function isIamPath(rawPath: string): boolean {
  return /^\/v3(?:\/?$|\/projects(?:\/|$)|\/auth\/)/.test(rawPath);
}

/** The public description of one scope (the `scopes` list of the first stdout line). */
export function scopeInfo(rt: SandboxRuntime, account: number): SandboxScopeInfo {
  const { info } = rt;
  return {
    account: account + 1,
    region: info.region,
    endpoint: info.endpoint,
    iamEndpoint: info.iamEndpoint,
    projectId: info.projectId,
    domainName: info.domainName,
    userName: info.userName,
    password: info.password,
    ak: info.ak,
    sk: info.sk,
  };
}
