/**
 * Handlers of `servers.*`: the server list (with the offline cache), details, create, batch
 * actions, Nova actions, metadata, console, history, security groups and password. Asynchronous
 * operations are registered with the job tracker and answer `{ jobId, cloudJobId }`.
 */
import type { ListServersDetailsQuery, ServerDetail } from '../../../shared/ecs/types/servers';
import type { CreateServerOption, CreateServersBody } from '../../../shared/ecs/types/servers';
import type { InvokeArg } from '../../../shared/ipc/contract';
import type { ServerPage, ServerView } from '../../../shared/ipc/views';
import { CloudError, ValidationError, toErrorData } from '../../cloud/errors';
import type { Services } from '../../services';
import type { HandlerTable, IpcContext } from '../types';
import { instanceActionView, sanitizeServer, serverDetailView, serverView } from '../views/servers';

type ServerChannels =
  | 'servers.list'
  | 'servers.get'
  | 'servers.create'
  | 'servers.delete'
  | 'servers.start'
  | 'servers.stop'
  | 'servers.reboot'
  | 'servers.resize'
  | 'servers.confirmResize'
  | 'servers.revertResize'
  | 'servers.rebuild'
  | 'servers.reinstall'
  | 'servers.changeOs'
  | 'servers.lock'
  | 'servers.unlock'
  | 'servers.migrate'
  | 'servers.update'
  | 'servers.createImage'
  | 'servers.getMetadata'
  | 'servers.setMetadata'
  | 'servers.deleteMetadata'
  | 'servers.consoleOutput'
  | 'servers.actions'
  | 'servers.addSecurityGroup'
  | 'servers.removeSecurityGroup'
  | 'servers.getPassword'
  | 'servers.deletePassword';

type ListArg = InvokeArg<'servers.list'>;
type Filter = NonNullable<ListArg['filter']>;

/** Default page size of `servers.list`. */
export const DEFAULT_PAGE_SIZE = 100;

/** True for failures that mean "the cloud could not be reached" (the cache may stand in). */
export function isOffline(err: unknown): boolean {
  return err instanceof CloudError && (err.code === 'NETWORK' || err.code === 'TIMEOUT');
}

/**
 * The page a `servers.list` marker designates. ECS v1 lists page by number (§5.1.5, the SDK's
 * offset), so the marker handed out is the next page number, opaque to the renderer.
 */
export function pageOfMarker(marker: string | undefined): number {
  if (marker === undefined) return 1;
  if (!/^[1-9][0-9]{0,6}$/.test(marker))
    throw new ValidationError(`The marker ${JSON.stringify(marker)} was not handed out by servers.list.`);
  return Number(marker);
}

function tagQuery(tags: Filter['tags']): string | undefined {
  if (!tags || tags.length === 0) return undefined;
  return tags.map((t) => (t.value === undefined ? t.key : `${t.key}=${t.value}`)).join(',');
}

/** The ECS list query of a `servers.list` argument. */
export function listQuery(arg: ListArg): ListServersDetailsQuery {
  const q: ListServersDetailsQuery = {
    limit: arg.limit ?? DEFAULT_PAGE_SIZE,
    offset: pageOfMarker(arg.marker),
  };
  const f = arg.filter;
  if (f?.name) q.name = f.name;
  if (f?.status) q.status = f.status;
  if (f?.flavorId) q.flavor = f.flavorId;
  if (f?.ip) q.ip = f.ip;
  const tags = tagQuery(f?.tags);
  if (tags) q.tags = tags;
  const notTags = tagQuery(f?.notTags);
  if (notTags) q['not-tags'] = notTags;
  return q;
}

/** The same filter applied locally to cached servers (used offline). */
export function matchesFilter(s: ServerView, f: Filter | undefined): boolean {
  if (!f) return true;
  if (f.name && !s.name.toLowerCase().includes(f.name.toLowerCase())) return false;
  if (f.status && s.status !== f.status.toUpperCase()) return false;
  if (f.flavorId && s.flavor.id !== f.flavorId && s.flavor.name !== f.flavorId) return false;
  if (f.ip && !s.ips.some((ip) => ip.address.includes(f.ip!))) return false;
  const has = (t: { key: string; value?: string }) =>
    s.tags.some((x) => x.key === t.key && (t.value === undefined || x.value === t.value));
  if (f.tags && !f.tags.every(has)) return false;
  if (f.notTags && f.notTags.some(has)) return false;
  return true;
}

function hasFilter(f: Filter | undefined): boolean {
  return !!f && Object.values(f).some((v) => v !== undefined && !(Array.isArray(v) && v.length === 0));
}

// Read-modify-write of one cache file at a time per scope (two pages may arrive together).
const cacheLocks = new WeakMap<Services, Map<string, Promise<unknown>>>();
function withCacheLock<T>(services: Services, key: string, fn: () => Promise<T>): Promise<T> {
  let locks = cacheLocks.get(services);
  if (!locks) cacheLocks.set(services, (locks = new Map()));
  const run = (locks.get(key) ?? Promise.resolve()).then(fn, fn);
  locks.set(
    key,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * Keeps the last known servers of a scope: the first page replaces the cached list, later pages
 * replace or add their servers. Only unfiltered listings are cached (a filtered one is partial).
 */
async function refreshCache(
  ctx: IpcContext,
  arg: ListArg,
  page: number,
  servers: ServerDetail[],
): Promise<void> {
  const { inventory } = ctx.services;
  await withCacheLock(ctx.services, `${arg.accountId}\u0000${arg.region}`, async () => {
    const cached = await inventory.get(arg.accountId, arg.region);
    const data = cached?.data ?? { servers: [], disks: [], nics: [], tags: [] };
    const clean = servers.map(sanitizeServer);
    let list: unknown[];
    if (page === 1) list = clean;
    else {
      const byId = new Map((data.servers as ServerDetail[]).map((s) => [s.id, s] as const));
      for (const s of clean) byId.set(s.id, s);
      list = [...byId.values()];
    }
    await inventory.put(arg.accountId, arg.region, { ...data, servers: list });
  });
}

async function listServers(arg: ListArg, ctx: IpcContext): Promise<ServerPage> {
  const limit = arg.limit ?? DEFAULT_PAGE_SIZE;
  const page = pageOfMarker(arg.marker);
  try {
    const client = await ctx.client(arg);
    const res = await client.call('listServersDetails', { query: listQuery(arg) });
    const servers = res?.servers ?? [];
    const total = typeof res?.count === 'number' ? res.count : undefined;
    const out: ServerPage = {
      items: servers.map(serverView),
      fetchedAt: new Date().toISOString(),
      fromCache: false,
    };
    if (total !== undefined) out.total = total;
    const more = total !== undefined ? page * limit < total : servers.length === limit;
    if (more && servers.length > 0) out.nextMarker = String(page + 1);
    if (!hasFilter(arg.filter))
      // The cache is a convenience: failing to write it must not fail the listing.
      await refreshCache(ctx, arg, page, servers).catch(() => undefined);
    return out;
  } catch (err) {
    if (!isOffline(err)) throw err;
    const cached = await ctx.services.inventory.get(arg.accountId, arg.region);
    if (!cached) throw err;
    const all = (cached.data.servers as ServerDetail[])
      .map(serverView)
      .filter((s) => matchesFilter(s, arg.filter));
    const start = (page - 1) * limit;
    const out: ServerPage = {
      items: all.slice(start, start + limit),
      total: all.length,
      fetchedAt: cached.savedAt,
      fromCache: true,
      offlineError: toErrorData(err),
    };
    if (start + limit < all.length) out.nextMarker = String(page + 1);
    return out;
  }
}

function ids(list: readonly string[]) {
  return list.map((id) => ({ id }));
}

/** The ECS create body of a `servers.create` spec. */
export function createBody(arg: InvokeArg<'servers.create'>): CreateServersBody {
  const s = arg.spec;
  const server: CreateServerOption & { server_tags?: { key: string; value: string }[] } = {
    name: s.name,
    imageRef: s.imageId,
    flavorRef: s.flavorId,
    vpcid: s.vpcId,
    nics: s.nics.map((n) =>
      n.ipAddress ? { subnet_id: n.subnetId, ip_address: n.ipAddress } : { subnet_id: n.subnetId },
    ),
    root_volume: {
      volumetype: s.rootVolume.volumeType,
      ...(s.rootVolume.sizeGb ? { size: s.rootVolume.sizeGb } : {}),
    },
  };
  if (s.dataVolumes?.length)
    server.data_volumes = s.dataVolumes.map((d) => ({ volumetype: d.volumeType, size: d.sizeGb }));
  if (s.securityGroupIds?.length) server.security_groups = s.securityGroupIds.map((id) => ({ id }));
  if (s.availabilityZone) server.availability_zone = s.availabilityZone;
  if (s.keyName) server.key_name = s.keyName;
  if (s.adminPass) server.adminPass = s.adminPass;
  // The API takes user data base64-encoded (§5.1.1); the form holds the plain script.
  if (s.userData) server.user_data = Buffer.from(s.userData, 'utf8').toString('base64');
  if (s.count !== undefined) server.count = s.count;
  if (s.tags?.length) server.server_tags = s.tags.map((t) => ({ key: t.key, value: t.value }));
  if (s.metadata) server.metadata = { ...s.metadata };
  if (s.description !== undefined) server.description = s.description;
  if (s.serverGroupId) server['os:scheduler_hints'] = { group: s.serverGroupId };
  if (s.publicIp)
    server.publicip = {
      eip: {
        iptype: s.publicIp.ipType,
        bandwidth: { size: s.publicIp.bandwidthMbit, sharetype: 'PER', chargemode: 'traffic' },
      },
    };
  const body: CreateServersBody = { server };
  if (arg.dryRun) body.dry_run = true;
  return body;
}

/** The handlers of the servers channels. */
export const serverHandlers: HandlerTable<ServerChannels> = {
  'servers.list': listServers,
  'servers.get': async (arg, ctx) => {
    const { server } = await (await ctx.client(arg)).call('showServer', { path: { server_id: arg.id } });
    return serverDetailView(server);
  },
  'servers.create': async (arg, ctx) => {
    const client = await ctx.client(arg);
    const res = await client.call('createServers', { body: createBody(arg) });
    // A dry run answers 202 without a job: the request would have been accepted.
    if (arg.dryRun) return { dryRunPassed: true };
    const targets = (res?.serverIds ?? []).map((id) => ({ id }));
    return ctx.track({ scope: arg, operation: 'createServers', targets, result: res });
  },
  'servers.delete': async (arg, ctx) => {
    const input = {
      body: { servers: ids(arg.ids), delete_volume: arg.deleteVolumes, delete_publicip: arg.deletePublicIp },
    };
    const res = await (await ctx.client(arg)).call('deleteServers', input);
    return ctx.track({ scope: arg, operation: 'deleteServers', targets: ids(arg.ids), result: res });
  },
  'servers.start': async (arg, ctx) => {
    const input = { body: { 'os-start': { servers: ids(arg.ids) } } };
    const res = await (await ctx.client(arg)).call('batchStartServers', input);
    return ctx.track({
      scope: arg,
      operation: 'batchStartServers',
      targets: ids(arg.ids),
      result: res,
      retryInput: input,
    });
  },
  'servers.stop': async (arg, ctx) => {
    const input = { body: { 'os-stop': { type: arg.type, servers: ids(arg.ids) } } };
    const res = await (await ctx.client(arg)).call('batchStopServers', input);
    return ctx.track({
      scope: arg,
      operation: 'batchStopServers',
      targets: ids(arg.ids),
      result: res,
      retryInput: input,
    });
  },
  'servers.reboot': async (arg, ctx) => {
    const input = { body: { reboot: { type: arg.type, servers: ids(arg.ids) } } };
    const res = await (await ctx.client(arg)).call('batchRebootServers', input);
    return ctx.track({
      scope: arg,
      operation: 'batchRebootServers',
      targets: ids(arg.ids),
      result: res,
      retryInput: input,
    });
  },
  'servers.resize': async (arg, ctx) => {
    const client = await ctx.client(arg);
    const path = { server_id: arg.id };
    if (arg.mode === 'nova') {
      if (arg.dryRun) throw new ValidationError('A dry run is only available for the ECS resize.');
      await client.call('novaResizeServer', { path, body: { resize: { flavorRef: arg.flavorId } } });
      return ctx.track({
        scope: arg,
        operation: 'novaResizeServer',
        targets: [{ id: arg.id }],
        result: undefined,
      });
    }
    const res = await client.call('resizeServer', {
      path,
      body: { resize: { flavorRef: arg.flavorId }, ...(arg.dryRun ? { dry_run: true } : {}) },
    });
    if (arg.dryRun) return { dryRunPassed: true };
    return ctx.track({ scope: arg, operation: 'resizeServer', targets: [{ id: arg.id }], result: res });
  },
  'servers.confirmResize': async (arg, ctx) => {
    await (
      await ctx.client(arg)
    ).call('novaConfirmResize', { path: { server_id: arg.id }, body: { confirmResize: null } });
    return ctx.track({
      scope: arg,
      operation: 'novaConfirmResize',
      targets: [{ id: arg.id }],
      result: undefined,
    });
  },
  'servers.revertResize': async (arg, ctx) => {
    await (
      await ctx.client(arg)
    ).call('novaRevertResize', { path: { server_id: arg.id }, body: { revertResize: null } });
    return ctx.track({
      scope: arg,
      operation: 'novaRevertResize',
      targets: [{ id: arg.id }],
      result: undefined,
    });
  },
  'servers.rebuild': async (arg, ctx) => {
    const rebuild: { imageRef: string; name?: string; adminPass?: string } = { imageRef: arg.imageId };
    if (arg.name) rebuild.name = arg.name;
    if (arg.adminPass) rebuild.adminPass = arg.adminPass;
    await (
      await ctx.client(arg)
    ).call('novaRebuildServer', { path: { server_id: arg.id }, body: { rebuild } });
    // SECURITY: no retry input: it would hold the password.
    return ctx.track({
      scope: arg,
      operation: 'novaRebuildServer',
      targets: [{ id: arg.id }],
      result: undefined,
    });
  },
  'servers.reinstall': async (arg, ctx) => {
    const o: { keyname?: string; adminpass?: string; metadata?: { user_data: string } } = {};
    if (arg.keyName) o.keyname = arg.keyName;
    if (arg.adminPass) o.adminpass = arg.adminPass;
    if (arg.userData) o.metadata = { user_data: Buffer.from(arg.userData, 'utf8').toString('base64') };
    const res = await (
      await ctx.client(arg)
    ).call('reinstallServerOs', {
      path: { server_id: arg.id },
      body: { 'os-reinstall': o },
    });
    return ctx.track({ scope: arg, operation: 'reinstallServerOs', targets: [{ id: arg.id }], result: res });
  },
  'servers.changeOs': async (arg, ctx) => {
    const o: { imageid: string; keyname?: string; adminpass?: string; metadata?: { user_data: string } } = {
      imageid: arg.imageId,
    };
    if (arg.keyName) o.keyname = arg.keyName;
    if (arg.adminPass) o.adminpass = arg.adminPass;
    if (arg.userData) o.metadata = { user_data: Buffer.from(arg.userData, 'utf8').toString('base64') };
    const res = await (
      await ctx.client(arg)
    ).call('changeServerOs', {
      path: { server_id: arg.id },
      body: { 'os-change': o },
    });
    return ctx.track({ scope: arg, operation: 'changeServerOs', targets: [{ id: arg.id }], result: res });
  },
  'servers.lock': async (arg, ctx) => {
    await (
      await ctx.client(arg)
    ).call('novaLockServer', { path: { server_id: arg.id }, body: { lock: null } });
    ctx.emit({
      channel: 'servers.changed',
      payload: { accountId: arg.accountId, region: arg.region, ids: [arg.id] },
    });
    return {};
  },
  'servers.unlock': async (arg, ctx) => {
    await (
      await ctx.client(arg)
    ).call('novaUnlockServer', { path: { server_id: arg.id }, body: { unlock: null } });
    ctx.emit({
      channel: 'servers.changed',
      payload: { accountId: arg.accountId, region: arg.region, ids: [arg.id] },
    });
    return {};
  },
  'servers.migrate': async (arg, ctx) => {
    const res = await (
      await ctx.client(arg)
    ).call('migrateServer', {
      path: { server_id: arg.id },
      body: { migrate: arg.dedicatedHostId ? { dedicated_host_id: arg.dedicatedHostId } : null },
    });
    return ctx.track({ scope: arg, operation: 'migrateServer', targets: [{ id: arg.id }], result: res });
  },
  'servers.update': async (arg, ctx) => {
    const client = await ctx.client(arg);
    const server: { name?: string; description?: string } = {};
    if (arg.name !== undefined) server.name = arg.name;
    if (arg.description !== undefined) server.description = arg.description;
    if (Object.keys(server).length === 0)
      throw new ValidationError('Nothing to update: give a name or a description.');
    await client.call('novaUpdateServer', { path: { server_id: arg.id }, body: { server } });
    // The ECS view is the one every list shows; read it back rather than mapping Nova's shape.
    const { server: detail } = await client.call('showServer', { path: { server_id: arg.id } });
    return serverView(detail);
  },
  'servers.createImage': async (arg, ctx) => {
    const res = await (
      await ctx.client(arg)
    ).call('novaCreateImage', {
      path: { server_id: arg.id },
      body: { createImage: { name: arg.name, ...(arg.metadata ? { metadata: arg.metadata } : {}) } },
    });
    const imageId = res && typeof res === 'object' && 'image_id' in res ? res.image_id : undefined;
    return imageId ? { imageId } : {};
  },
  'servers.getMetadata': async (arg, ctx) => {
    const res = await (await ctx.client(arg)).call('novaListServerMetadata', { path: { server_id: arg.id } });
    return { metadata: { ...(res?.metadata ?? {}) } };
  },
  'servers.setMetadata': async (arg, ctx) => {
    const client = await ctx.client(arg);
    const input = { path: { server_id: arg.id }, body: { metadata: arg.metadata } };
    const res = arg.replace
      ? await client.call('novaReplaceServerMetadata', input)
      : await client.call('novaUpdateServerMetadata', input);
    return { metadata: { ...(res?.metadata ?? {}) } };
  },
  'servers.deleteMetadata': async (arg, ctx) => {
    await (
      await ctx.client(arg)
    ).call('novaDeleteServerMetadataItem', { path: { server_id: arg.id, key: arg.key } });
    return { deleted: true };
  },
  'servers.consoleOutput': async (arg, ctx) => {
    const res = await (
      await ctx.client(arg)
    ).call('novaGetConsoleOutput', {
      path: { server_id: arg.id },
      body: { 'os-getConsoleOutput': { length: arg.length ?? 50 } },
    });
    return { output: res?.output ?? '' };
  },
  'servers.actions': async (arg, ctx) => {
    const res = await (
      await ctx.client(arg)
    ).call('novaListInstanceActions', { path: { server_id: arg.id } });
    return { actions: (res?.instanceActions ?? []).map(instanceActionView) };
  },
  'servers.addSecurityGroup': async (arg, ctx) => {
    await (
      await ctx.client(arg)
    ).call('novaAddSecurityGroup', {
      path: { server_id: arg.id },
      body: { addSecurityGroup: { name: arg.securityGroup } },
    });
    return {};
  },
  'servers.removeSecurityGroup': async (arg, ctx) => {
    await (
      await ctx.client(arg)
    ).call('novaRemoveSecurityGroup', {
      path: { server_id: arg.id },
      body: { removeSecurityGroup: { name: arg.securityGroup } },
    });
    return {};
  },
  'servers.getPassword': async (arg, ctx) => {
    // Encrypted with the key pair's public key: only the user's private key can read it.
    const res = await (await ctx.client(arg)).call('novaShowServerPassword', { path: { server_id: arg.id } });
    return { encryptedPassword: res?.password ?? '' };
  },
  'servers.deletePassword': async (arg, ctx) => {
    await (await ctx.client(arg)).call('novaDeleteServerPassword', { path: { server_id: arg.id } });
    return { deleted: true };
  },
};
