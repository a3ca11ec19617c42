/**
 * Project-level Nova resources: flavors (§6.6), limits and quota sets (§6.10), key pairs (§6.11),
 * server groups (§6.12), availability zones. Also two per-server reads the API Reference files
 * beside them: the encrypted server password (§6.11.5-6.11.6, with key pairs, which decrypt it)
 * and the instance-action log (§6.13).
 */
import type { RequestContext } from '../context';
import { deleteServerGroupRecord } from '../server-records';
import type { Flavor, KeyPair, ServerGroup } from '../state';
import { isoNow, uuid } from '../state';
import { badRequest, conflict, foundOr404, notFound, overQuota } from './errors';
import { generateSshKeyPair, importPublicKey } from './keypair-crypto';
import { briefItem, flavorDetail } from './views';
import { body, findServer, member, str } from './util';

// ---- flavors -------------------------------------------------------------------------------------

const FLAVOR_SORT: Record<string, (f: Flavor) => string | number> = {
  flavorid: (f) => f.id,
  name: (f) => f.name,
  memory_mb: (f) => f.ram,
  vcpus: (f) => f.vcpus,
  root_gb: (f) => f.disk,
};

function nonNegInt(ctx: RequestContext, key: string): number | undefined {
  const v = ctx.query.get(key);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw badRequest(`Invalid ${key} filter [${v}]`);
  return Number(v);
}

function visibleFlavors(ctx: RequestContext): Flavor[] {
  const minDisk = nonNegInt(ctx, 'minDisk');
  const minRam = nonNegInt(ctx, 'minRam');
  const key = ctx.query.get('sort_key') ?? 'flavorid';
  const dir = ctx.query.get('sort_dir') ?? 'asc';
  const by = FLAVOR_SORT[key];
  if (by === undefined) throw badRequest(`Invalid sort key: ${key}`);
  if (dir !== 'asc' && dir !== 'desc') throw badRequest(`Invalid sort direction: ${dir}`);
  const sign = dir === 'asc' ? 1 : -1;
  return (
    [...ctx.state.flavors.values()]
      // "abandon: taken offline (not displayed)" (Table 5-41).
      .filter((f) => f.extra_specs['cond:operation:status'] !== 'abandon')
      .filter(
        (f) => (minDisk === undefined || f.disk >= minDisk) && (minRam === undefined || f.ram >= minRam),
      )
      .sort((a, b) => {
        const x = by(a);
        const y = by(b);
        return x < y ? -sign : x > y ? sign : 0;
      })
  );
}

/** GET /flavors. */
export function listFlavors(ctx: RequestContext): void {
  ctx.ok({ flavors: visibleFlavors(ctx).map((f) => briefItem(ctx, 'flavors', f)) });
}

/** GET /flavors/detail. */
export function listFlavorsDetail(ctx: RequestContext): void {
  ctx.ok({ flavors: visibleFlavors(ctx).map((f) => flavorDetail(ctx, f)) });
}

function findFlavor(ctx: RequestContext): Flavor {
  const id = ctx.param('flavor_id');
  return foundOr404(ctx.state.flavors, id, `Flavor ${id} could not be found.`);
}

/** GET /flavors/{flavor_id}. */
export function showFlavor(ctx: RequestContext): void {
  ctx.ok({ flavor: flavorDetail(ctx, findFlavor(ctx)) });
}

/** GET /flavors/{flavor_id}/os-extra_specs. */
export function listFlavorExtraSpecs(ctx: RequestContext): void {
  ctx.ok({ extra_specs: { ...findFlavor(ctx).extra_specs } });
}

// ---- limits and quotas ---------------------------------------------------------------------------

/** GET /limits: maximums from the quotas, totals computed from the records (same as ECS v1 limits). */
export function showLimits(ctx: RequestContext): void {
  const q = ctx.state.quotas;
  const u = ctx.state.usage();
  const absolute: Record<string, number> = {
    maxServerMeta: q.metadata_items,
    maxPersonality: q.injected_files,
    totalServerGroupsUsed: u.serverGroups,
    maxImageMeta: q.image_meta,
    maxPersonalitySize: q.injected_file_content_bytes,
    maxTotalRAMSize: q.ram,
    maxTotalKeypairs: q.key_pairs,
    maxSecurityGroupRules: q.security_group_rules,
    maxServerGroups: q.server_groups,
    totalCoresUsed: u.cores,
    totalRAMUsed: u.ram,
    maxSecurityGroups: q.security_groups,
    totalFloatingIpsUsed: u.floatingIps,
    totalInstancesUsed: u.instances,
    totalSecurityGroupsUsed: u.securityGroups,
    maxTotalFloatingIps: q.floating_ips,
    maxTotalInstances: q.instances,
    maxTotalCores: q.cores,
    maxServerGroupMembers: q.server_group_members,
  };
  // "maxSecurityGroupRules ... not supported at 2.35+"; upstream drops the network quotas there.
  if (ctx.mvAtLeast('2.36')) {
    for (const k of [
      'maxSecurityGroupRules',
      'maxSecurityGroups',
      'totalSecurityGroupsUsed',
      'maxTotalFloatingIps',
      'totalFloatingIpsUsed',
    ])
      delete absolute[k];
  }
  ctx.ok({ limits: { rate: [], absolute } });
}

function quotaSet(ctx: RequestContext, id: string): Record<string, unknown> {
  const q = ctx.state.quotas;
  return {
    id,
    cores: q.cores,
    instances: q.instances,
    ram: q.ram,
    key_pairs: q.key_pairs,
    metadata_items: q.metadata_items,
    injected_files: q.injected_files,
    injected_file_content_bytes: q.injected_file_content_bytes,
    injected_file_path_bytes: q.injected_file_path_bytes,
    server_groups: q.server_groups,
    server_group_members: q.server_group_members,
    security_groups: q.security_groups,
    security_group_rules: q.security_group_rules,
    floating_ips: q.floating_ips,
    fixed_ips: -1,
  };
}

/** GET /os-quota-sets/{project_id}: unknown project or user ids get the defaults (§6.10.2). */
export function showQuotaSet(ctx: RequestContext): void {
  ctx.ok({ quota_set: quotaSet(ctx, ctx.param('target_project_id')) });
}

/** GET /os-quota-sets/{project_id}/defaults. */
export function showQuotaDefaults(ctx: RequestContext): void {
  ctx.ok({ quota_set: quotaSet(ctx, ctx.param('target_project_id')) });
}

// ---- key pairs -----------------------------------------------------------------------------------

const KEY_NAME_RE = /^[A-Za-z0-9 _-]+$/;

function keypairView(ctx: RequestContext, k: KeyPair, detail: boolean): Record<string, unknown> {
  const v: Record<string, unknown> = { name: k.name, public_key: k.public_key, fingerprint: k.fingerprint };
  if (ctx.mvAtLeast('2.2')) v.type = k.type;
  if (detail)
    Object.assign(v, {
      id: k.id,
      user_id: k.user_id,
      created_at: k.created_at,
      updated_at: null,
      deleted: false,
      deleted_at: null,
    });
  return v;
}

function ownKeypair(ctx: RequestContext): KeyPair {
  const name = ctx.param('keypair_name');
  // "key pair visible only to the creating user" (§6.11.3).
  return foundOr404(
    ctx.state.keypairs,
    name,
    `Keypair ${name} not found for user ${ctx.who.userId}`,
    (k) => k.user_id === ctx.who.userId,
  );
}

/** GET /os-keypairs: `{"keypairs":[{"keypair":{...}}]}` as upstream Nova and the SDK's model. */
export function listKeypairs(ctx: RequestContext): void {
  const mine = [...ctx.state.keypairs.values()].filter((k) => k.user_id === ctx.who.userId);
  ctx.ok({ keypairs: mine.map((k) => ({ keypair: keypairView(ctx, k, false) })) });
}

/** GET /os-keypairs/{keypair_name}. */
export function showKeypair(ctx: RequestContext): void {
  ctx.ok({ keypair: keypairView(ctx, ownKeypair(ctx), true) });
}

/**
 * POST /os-keypairs: create (a fresh RSA key; the private key is returned this once) or import
 * (`public_key`, ≤1024 bytes). 200 below 2.2, 201 from 2.2 (upstream Nova).
 */
export function createKeypair(ctx: RequestContext): void {
  const k = member(body(ctx), 'keypair');
  const name = str(k.name, 'name', { required: true, min: 1, max: 255, pattern: KEY_NAME_RE })!;
  let type: 'ssh' | 'x509' = 'ssh';
  if (k.type !== undefined) {
    if (!ctx.mvAtLeast('2.2'))
      throw badRequest("Additional properties are not allowed ('type' was unexpected)");
    const t = str(k.type, 'type');
    if (t !== 'ssh' && t !== 'x509')
      throw badRequest(
        `Invalid input for field/attribute type. Value: ${String(t)}. is not one of ['ssh', 'x509']`,
      );
    type = t;
  }
  if (k.user_id !== undefined && !ctx.mvAtLeast('2.10'))
    throw badRequest("Additional properties are not allowed ('user_id' was unexpected)");
  const publicKey = str(k.public_key, 'public_key');
  if (ctx.state.keypairs.has(name)) throw conflict(`Key pair '${name}' already exists.`);
  const q = ctx.state.quotas.key_pairs;
  if (q >= 0 && ctx.state.usage().keyPairs >= q)
    throw overQuota(`key_pairs: maximum number of key pairs (${q}) reached`);
  let material;
  if (publicKey !== undefined) {
    // §6.11.3: "<=1024 bytes recommended, longer fails".
    if (Buffer.byteLength(publicKey) > 1024)
      throw badRequest('Keypair data is invalid: public_key must not exceed 1024 bytes');
    material = importPublicKey(publicKey, type);
  } else {
    if (type === 'x509')
      throw badRequest('Generating an x509 key pair is not supported; import a certificate.');
    material = generateSshKeyPair(name);
  }
  const rec: KeyPair = {
    name,
    public_key: material.publicKey,
    fingerprint: material.fingerprint,
    type,
    user_id: ctx.who.userId,
    created_at: isoNow(),
    id: ctx.state.next('keypair'),
  };
  ctx.state.keypairs.set(name, rec);
  const out: Record<string, unknown> = { ...keypairView(ctx, rec, false), user_id: rec.user_id };
  if (material.privateKey !== undefined) out.private_key = material.privateKey;
  ctx.reply(ctx.mvAtLeast('2.2') ? 201 : 200, { keypair: out });
}

/** DELETE /os-keypairs/{keypair_name}: 202 below 2.2, 204 from 2.2. */
export function deleteKeypair(ctx: RequestContext): void {
  const k = ownKeypair(ctx);
  ctx.state.keypairs.delete(k.name);
  ctx.reply(ctx.mvAtLeast('2.2') ? 204 : 202);
}

// ---- server password -----------------------------------------------------------------------------

/** GET /servers/{id}/os-server-password: the encrypted password, "" when none (Linux). */
export function showServerPassword(ctx: RequestContext): void {
  const server = findServer(ctx);
  ctx.ok({ password: server.encrypted_password ?? '' });
}

/** DELETE /servers/{id}/os-server-password: clears the stored record (login still works). */
export function deleteServerPassword(ctx: RequestContext): void {
  const server = findServer(ctx);
  delete server.encrypted_password;
  ctx.noContent();
}

// ---- server groups -------------------------------------------------------------------------------

function groupView(ctx: RequestContext, g: ServerGroup): Record<string, unknown> {
  const v: Record<string, unknown> = {
    id: g.id,
    name: g.name,
    policies: [...g.policies],
    members: [...g.members],
    metadata: { ...g.metadata },
  };
  if (ctx.mvAtLeast('2.13')) {
    v.project_id = g.project_id;
    v.user_id = g.user_id;
  }
  return v;
}

/** POST /os-server-groups: name 1–255, policies exactly ["anti-affinity"] (§6.12.1). */
export function createServerGroup(ctx: RequestContext): void {
  const g = member(body(ctx), 'server_group');
  const name = str(g.name, 'name', { required: true, min: 1, max: 255 })!;
  const policies = g.policies;
  if (!Array.isArray(policies) || policies.length !== 1 || policies[0] !== 'anti-affinity')
    throw badRequest("Invalid input for field/attribute policies. Only ['anti-affinity'] is supported.");
  const q = ctx.state.quotas.server_groups;
  if (q >= 0 && ctx.state.usage().serverGroups >= q)
    throw overQuota(`server_groups: maximum ${q} (Ecs.0022)`);
  const rec: ServerGroup = {
    id: uuid(),
    name,
    policies: ['anti-affinity'],
    members: [],
    metadata: {},
    project_id: ctx.who.projectId,
    user_id: ctx.who.userId,
  };
  ctx.state.serverGroups.set(rec.id, rec);
  ctx.ok({ server_group: groupView(ctx, rec) });
}

/** GET /os-server-groups (limit/offset as upstream Nova; the doc's query table is missing). */
export function listServerGroups(ctx: RequestContext): void {
  let groups = [...ctx.state.serverGroups.values()].filter((g) => g.project_id === ctx.who.projectId);
  const offset = nonNegInt(ctx, 'offset') ?? 0;
  const limit = nonNegInt(ctx, 'limit');
  groups = groups.slice(offset, limit === undefined ? undefined : offset + limit);
  ctx.ok({ server_groups: groups.map((g) => groupView(ctx, g)) });
}

function findGroup(ctx: RequestContext): ServerGroup {
  const id = ctx.param('server_group_id');
  return foundOr404(
    ctx.state.serverGroups,
    id,
    `Instance group ${id} could not be found.`,
    (g) => g.project_id === ctx.who.projectId,
  );
}

/** GET /os-server-groups/{id}. */
export function showServerGroup(ctx: RequestContext): void {
  ctx.ok({ server_group: groupView(ctx, findGroup(ctx)) });
}

/** DELETE /os-server-groups/{id}: members lose the membership (upstream Nova). */
export function deleteServerGroup(ctx: RequestContext): void {
  deleteServerGroupRecord(ctx.sandbox, findGroup(ctx));
  ctx.noContent();
}

// ---- instance actions ----------------------------------------------------------------------------

/** GET /servers/{id}/os-instance-actions (newest first, as upstream Nova). */
export function listInstanceActions(ctx: RequestContext): void {
  const server = findServer(ctx);
  ctx.ok({
    instanceActions: [...server.actions].reverse().map(({ events: _e, ...a }) => ({ ...a })),
  });
}

/** GET /servers/{id}/os-instance-actions/{request_id}. */
export function showInstanceAction(ctx: RequestContext): void {
  const server = findServer(ctx);
  const id = ctx.param('request_id');
  const a = [...server.actions].reverse().find((x) => x.request_id === id);
  if (a === undefined) throw notFound(`Action for request_id ${id} on instance ${server.id} not found`);
  ctx.ok({
    instanceAction: { ...a, events: a.events.map((e) => ({ ...e, traceback: null })) },
  });
}

// ---- availability zones (the SDK's novaListAvailabilityZones) -------------------------------------

/** GET /os-availability-zone. */
export function listAvailabilityZones(ctx: RequestContext): void {
  ctx.ok({
    availabilityZoneInfo: ctx.state.availabilityZones.map((zoneName) => ({
      zoneName,
      zoneState: { available: true },
      hosts: null,
    })),
  });
}
