/**
 * Handlers of `servers.*`: the server list (server-list.ts), details, create, batch actions, Nova
 * actions, metadata, console, history, security groups and password. Asynchronous operations are
 * registered with the job tracker (call-and-track.ts) and answer `{ jobId, cloudJobId }`; request
 * bodies with a form behind them are built in server-bodies.ts.
 */
import { ValidationError } from '../../cloud/errors';
import type { HandlerTable } from '../types';
import { instanceActionView, serverDetailView, serverView } from '../views/servers';
import { callAndTrack } from './call-and-track';
import { changeOsBody, createBody, rebuildBody, reinstallBody } from './server-bodies';
import { listServers } from './server-list';

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

function ids(list: readonly string[]) {
  return list.map((id) => ({ id }));
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
  'servers.delete': (arg, ctx) =>
    callAndTrack(
      ctx,
      arg,
      'deleteServers',
      {
        body: {
          servers: ids(arg.ids),
          delete_volume: arg.deleteVolumes,
          delete_publicip: arg.deletePublicIp,
        },
      },
      { targets: ids(arg.ids) },
    ),
  'servers.start': (arg, ctx) =>
    callAndTrack(
      ctx,
      arg,
      'batchStartServers',
      { body: { 'os-start': { servers: ids(arg.ids) } } },
      { targets: ids(arg.ids), retryable: true },
    ),
  'servers.stop': (arg, ctx) =>
    callAndTrack(
      ctx,
      arg,
      'batchStopServers',
      { body: { 'os-stop': { type: arg.type, servers: ids(arg.ids) } } },
      { targets: ids(arg.ids), retryable: true },
    ),
  'servers.reboot': (arg, ctx) =>
    callAndTrack(
      ctx,
      arg,
      'batchRebootServers',
      { body: { reboot: { type: arg.type, servers: ids(arg.ids) } } },
      { targets: ids(arg.ids), retryable: true },
    ),
  'servers.resize': async (arg, ctx) => {
    const client = await ctx.client(arg);
    const path = { server_id: arg.id };
    if (arg.mode === 'nova') {
      if (arg.dryRun) throw new ValidationError('A dry run is only available for the ECS resize.');
      return callAndTrack(
        ctx,
        arg,
        'novaResizeServer',
        { path, body: { resize: { flavorRef: arg.flavorId } } },
        { targets: [{ id: arg.id }] },
      );
    }
    const res = await client.call('resizeServer', {
      path,
      body: { resize: { flavorRef: arg.flavorId }, ...(arg.dryRun ? { dry_run: true } : {}) },
    });
    if (arg.dryRun) return { dryRunPassed: true };
    return ctx.track({ scope: arg, operation: 'resizeServer', targets: [{ id: arg.id }], result: res });
  },
  'servers.confirmResize': (arg, ctx) =>
    callAndTrack(
      ctx,
      arg,
      'novaConfirmResize',
      { path: { server_id: arg.id }, body: { confirmResize: null } },
      { targets: [{ id: arg.id }] },
    ),
  'servers.revertResize': (arg, ctx) =>
    callAndTrack(
      ctx,
      arg,
      'novaRevertResize',
      { path: { server_id: arg.id }, body: { revertResize: null } },
      { targets: [{ id: arg.id }] },
    ),
  // SECURITY: the next three are not retryable: their input may hold a password or user data.
  'servers.rebuild': (arg, ctx) =>
    callAndTrack(
      ctx,
      arg,
      'novaRebuildServer',
      { path: { server_id: arg.id }, body: rebuildBody(arg) },
      { targets: [{ id: arg.id }] },
    ),
  'servers.reinstall': (arg, ctx) =>
    callAndTrack(
      ctx,
      arg,
      'reinstallServerOs',
      { path: { server_id: arg.id }, body: reinstallBody(arg) },
      { targets: [{ id: arg.id }] },
    ),
  'servers.changeOs': (arg, ctx) =>
    callAndTrack(
      ctx,
      arg,
      'changeServerOs',
      { path: { server_id: arg.id }, body: changeOsBody(arg) },
      { targets: [{ id: arg.id }] },
    ),
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
  'servers.migrate': (arg, ctx) =>
    callAndTrack(
      ctx,
      arg,
      'migrateServer',
      {
        path: { server_id: arg.id },
        body: { migrate: arg.dedicatedHostId ? { dedicated_host_id: arg.dedicatedHostId } : null },
      },
      { targets: [{ id: arg.id }] },
    ),
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
