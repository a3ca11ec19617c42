/**
 * The sandbox's IAM (§4.2, §10.2): `POST /v3/auth/tokens` (password identity, project scope by name
 * or id, domain by name or id incl. `{"id":"default"}`), `GET /v3/projects`, `GET /v3/auth/projects`
 * and the Keystone version document `GET /v3`. `GET /` and `GET /v2.1` belong to Nova.
 */
import { randomBytes } from 'node:crypto';
import { TOKEN_TTL_MS } from './auth';
import type { RequestContext } from './context';
import { GatewayFault } from './faults';
import { registerTable, type RouteRow } from './route-table';
import type { Router } from './router';
import type { SandboxRuntime } from './runtime';
import { isoNow, isoNowMs } from './state';

function iamError(status: number, code: string, message: string): GatewayFault {
  return new GatewayFault(status, code, message);
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/** The service catalog: every service of a region answers on that region's one endpoint. */
export function catalog(rt: SandboxRuntime, projectId: string): unknown[] {
  const base = rt.info.endpoint;
  const region = rt.state.account.region;
  const svc = (type: string, name: string, url: string) => ({
    id: `${type}-${projectId.slice(0, 8)}`,
    name,
    type,
    endpoints: ['public', 'internal', 'admin'].map((iface) => ({
      id: `${type}-${iface}`,
      interface: iface,
      region,
      region_id: region,
      url,
    })),
  });
  return [
    svc('compute', 'nova', `${base}/v2.1/${projectId}`),
    svc('computev2', 'novav2', `${base}/v2/${projectId}`),
    svc('image', 'glance', base),
    svc('ecs', 'ecs', base),
    svc('ecsv1.1', 'ecsv1.1', `${base}/v1.1/${projectId}`),
    svc('vpc', 'vpc', base),
    svc('network', 'neutron', base),
    svc('identity', 'keystone', `${base}/v3`),
    svc('volumev2', 'cinderv2', `${base}/v2/${projectId}`),
    svc('volumev3', 'cinderv3', `${base}/v3/${projectId}`),
  ];
}

/** The scopes IAM sees: IAM is global, so in a multi-scope sandbox it answers for every account and region. */
function scopes(ctx: RequestContext): SandboxRuntime[] {
  return ctx.sandbox.directory ?? [ctx.sandbox];
}

function createToken(ctx: RequestContext): void {
  const body = ctx.jsonObject();
  const auth = obj(body.auth);
  const identity = obj(auth?.identity);
  const methods = identity?.methods;
  if (!identity || !Array.isArray(methods) || !methods.includes('password'))
    throw iamError(
      400,
      'IAM.0005',
      'The request body is invalid: auth.identity.methods must include "password".',
    );
  const user = obj(obj(identity.password)?.user);
  if (!user)
    throw iamError(400, 'IAM.0005', 'The request body is invalid: auth.identity.password.user is required.');
  const domain = obj(user.domain);
  // The user's scopes: one per region of the account whose credentials match.
  const mine = scopes(ctx).filter((rt) => {
    const a = rt.state.account;
    const domainOk =
      domain === undefined
        ? user.id === a.userId
        : domain.name === a.domainName ||
          domain.id === a.domainId ||
          (domain.id === 'default' && rt === scopes(ctx)[0]);
    return domainOk && (user.name === a.userName || user.id === a.userId) && user.password === a.password;
  });
  // SECURITY: one message for every credential mismatch, so the answer does not reveal which part was wrong.
  if (mine.length === 0) throw iamError(401, 'IAM.0002', 'The username or password is wrong.');
  const scope = obj(auth?.scope);
  const scopeProject = obj(scope?.project);
  // ECS is a project-level service (§4.2): an unscoped or domain-scoped token is issued scoped to
  // the first region's project in our simulator.
  let target = mine[0]!;
  let project = target.state.account.projects[0]!;
  if (scopeProject) {
    const found = mine
      .flatMap((rt) => rt.state.account.projects.map((p) => ({ rt, p })))
      .find(({ p }) =>
        scopeProject.id !== undefined ? p.id === scopeProject.id : p.name === scopeProject.name,
      );
    if (!found) throw iamError(404, 'IAM.0010', 'The project does not exist or is not in the domain.');
    ({ rt: target, p: project } = found);
  }
  const acct = target.state.account;
  const token = `MIIsb${randomBytes(48).toString('base64url')}`;
  const now = Date.now();
  const expiresAt = now + TOKEN_TTL_MS;
  // The token is kept by the scope of its project: only that region's endpoint accepts it.
  target.state.tokens.set(token, {
    token,
    projectId: project.id,
    userId: acct.userId,
    issuedAt: isoNow(now),
    expiresAt,
  });
  // Expired tokens are dropped on issue so the map does not grow forever.
  for (const [k, t] of target.state.tokens) if (t.expiresAt <= now) target.state.tokens.delete(k);
  const nocatalog = ctx.query.has('nocatalog');
  ctx.reply(
    201,
    {
      token: {
        expires_at: isoNowMs(expiresAt).replace('Z', '000Z'),
        issued_at: isoNowMs(now).replace('Z', '000Z'),
        methods: ['password'],
        audit_ids: [randomBytes(16).toString('base64url')],
        ...(nocatalog ? {} : { catalog: catalog(target, project.id) }),
        project: { id: project.id, name: project.name, domain: { id: acct.domainId, name: acct.domainName } },
        user: {
          id: acct.userId,
          name: acct.userName,
          domain: { id: acct.domainId, name: acct.domainName },
          password_expires_at: '',
        },
        roles: [{ id: 'role-te-admin', name: 'te_admin' }],
      },
    },
    { 'X-Subject-Token': token },
  );
}

function projectView(ctx: RequestContext, p: { id: string; name: string }): Record<string, unknown> {
  const acct = ctx.state.account;
  return {
    is_domain: false,
    description: '',
    links: { self: `${ctx.sandbox.info.endpoint}/v3/projects/${p.id}` },
    enabled: true,
    id: p.id,
    parent_id: acct.domainId,
    domain_id: acct.domainId,
    name: p.name,
  };
}

function listProjects(ctx: RequestContext): void {
  const name = ctx.query.get('name');
  const domainId = ctx.state.account.domainId;
  // Every region's projects of the caller's account (IAM is global), never another account's.
  const projects = scopes(ctx)
    .filter((rt) => rt.state.account.domainId === domainId)
    .flatMap((rt) => rt.state.account.projects)
    .filter((p) => name === undefined || p.name === name);
  ctx.ok({
    links: { self: `${ctx.sandbox.info.endpoint}/v3/projects`, next: null, previous: null },
    projects: projects.map((p) => projectView(ctx, p)),
  });
}

/** GET /v3: the Identity v3 version document. */
function showVersion(ctx: RequestContext): void {
  ctx.ok({
    version: {
      id: 'v3.0',
      status: 'stable',
      updated: '2013-03-06T00:00:00Z',
      links: [{ rel: 'self', href: `${ctx.sandbox.info.endpoint}/v3/` }],
      'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
    },
  });
}

/** The IAM routes that need a token or a signature. */
export const IAM_ROUTES: readonly RouteRow[] = [
  ['GET', '/v3/projects', listProjects, 'iamListProjects'],
  ['GET', '/v3/auth/projects', listProjects, 'iamListAuthProjects'],
  // §4.2's usage example spells it POST.
  ['POST', '/v3/auth/projects', listProjects, 'iamListAuthProjectsPost'],
];

/** The IAM routes anyone may call: the password login and the version document. */
export const IAM_OPEN_ROUTES: readonly RouteRow[] = [
  ['POST', '/v3/auth/tokens', createToken, 'iamCreateToken'],
  ['GET', '/v3', showVersion, 'iamVersion'],
];

/** Registers the IAM routes. */
export function registerIamRoutes(router: Router): void {
  registerTable(router, IAM_ROUTES);
  registerTable(router, IAM_OPEN_ROUTES, { auth: 'none' });
}
