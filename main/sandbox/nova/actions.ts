/**
 * `POST /servers/{server_id}/action`, told apart by the body key (NOTES.md §0): os-start, os-stop,
 * reboot, lock, unlock, rebuild, createImage, resize, confirmResize, revertResize,
 * addSecurityGroup, removeSecurityGroup, os-getConsoleOutput, addFloatingIp, removeFloatingIp;
 * and `POST /v1.0/servers/{server_id}/action` with monitorMetrics (§6.3.11).
 */
import type { RequestContext } from '../context';
import { runRebuild, runReboot, runResize, runStart, runStop } from '../lifecycle';
import { DURATIONS } from '../scheduler';
import type { Image, Server } from '../state';
import { isoNow, uuid } from '../state';
import { setServerState } from '../status';
import { badRequest, conflict, notFound } from './errors';
import { validateMetadata } from './metadata';
import { resolveImage } from './server-create';
import { detailServer } from './views';
import {
  baseUrl,
  body,
  findServer,
  finishNow,
  intLike,
  isObject,
  record,
  requireState,
  requireUnlocked,
  resolveFlavor,
  str,
  touch,
  versionPrefix,
} from './util';

type ActionHandler = (ctx: RequestContext, server: Server, arg: unknown) => void;

function objArg(arg: unknown, key: string): Record<string, unknown> {
  if (!isObject(arg)) throw badRequest(`Invalid input for field/attribute ${key}. Not an object`);
  return arg;
}

const start: ActionHandler = (ctx, server) => {
  requireUnlocked(server);
  requireState(server, 'start', ['stopped']);
  record(ctx, server, 'start');
  runStart(ctx.sandbox, server);
  ctx.reply(202);
};

const stop: ActionHandler = (ctx, server, arg) => {
  if (arg !== null && arg !== undefined) {
    const type = str(objArg(arg, 'os-stop').type, 'type');
    if (type !== undefined && type !== 'SOFT' && type !== 'HARD')
      throw badRequest(
        `Invalid input for field/attribute type. Value: ${type}. is not one of ['SOFT', 'HARD']`,
      );
  }
  requireUnlocked(server);
  requireState(server, 'stop', ['active']);
  record(ctx, server, 'stop');
  runStop(ctx.sandbox, server);
  ctx.reply(202);
};

const reboot: ActionHandler = (ctx, server, arg) => {
  const type = str(objArg(arg, 'reboot').type, 'type', { required: true });
  if (type !== 'SOFT' && type !== 'HARD')
    throw badRequest(
      `Invalid input for field/attribute type. Value: ${type}. is not one of ['SOFT', 'HARD']`,
    );
  requireUnlocked(server);
  requireState(server, 'reboot', ['active']);
  record(ctx, server, 'reboot');
  runReboot(ctx.sandbox, server, type === 'HARD');
  ctx.reply(202);
};

const lock: ActionHandler = (ctx, server) => {
  const rec = record(ctx, server, 'lock');
  server.locked = true;
  touch(server);
  finishNow(rec);
  ctx.reply(202);
};

const unlock: ActionHandler = (ctx, server) => {
  const rec = record(ctx, server, 'unlock');
  server.locked = false;
  touch(server);
  finishNow(rec);
  ctx.reply(202);
};

const rebuild: ActionHandler = (ctx, server, arg) => {
  const a = objArg(arg, 'rebuild');
  const image: Image = resolveImage(ctx, a.imageRef);
  const name = str(a.name, 'name', { min: 1, max: 254 });
  const metadata = a.metadata === undefined ? undefined : validateMetadata(ctx, a.metadata, 'metadata');
  if (a.preserve_ephemeral !== undefined) throw badRequest('preserve_ephemeral is not supported.');
  requireUnlocked(server);
  // §6.3.6: "ECSs in the error state cannot be rebuilt" (A-4 lists error+rebuilding, but the
  // operation's own section is explicit, and upstream Nova also refuses it).
  requireState(server, 'rebuild', ['active', 'stopped']);
  record(ctx, server, 'rebuild');
  runRebuild(ctx.sandbox, server, () => {
    server.image_id = image.id;
    if (name !== undefined) server.name = name;
    if (metadata !== undefined) server.metadata = metadata;
  });
  const view = detailServer(ctx, server);
  // The 6.3.6 example wraps the fields in `server` (the table is flat); upstream Nova wraps them too.
  ctx.reply(202, {
    server: { ...view, image: { id: image.id, links: (view.image as { links?: unknown })?.links ?? [] } },
  });
};

const createImage: ActionHandler = (ctx, server, arg) => {
  const a = objArg(arg, 'createImage');
  const name = str(a.name, 'name', { required: true })!;
  if (Buffer.byteLength(name) === 0 || Buffer.byteLength(name) >= 243)
    throw badRequest('Image name must be 1 to 242 bytes.');
  let metadata: Record<string, string> = {};
  if (a.metadata !== undefined) {
    metadata = validateMetadata(ctx, a.metadata, 'metadata');
    if (Buffer.byteLength(JSON.stringify(metadata)) >= 255)
      throw badRequest('Image metadata must be shorter than 255 bytes.');
  }
  if (server.vm_state === 'error')
    throw conflict(`Cannot 'createImage' instance ${server.id} while it is in vm_state error`);
  requireState(server, 'createImage', ['active', 'stopped']);
  const src = ctx.state.images.get(server.image_id);
  const now = isoNow();
  const img: Image = {
    id: uuid(),
    name,
    status: 'queued',
    os_type: src?.os_type ?? 'Linux',
    os_version: src?.os_version ?? '',
    min_disk: src?.min_disk ?? 40,
    min_ram: src?.min_ram ?? 0,
    size: 0,
    created: now,
    updated: now,
    visibility: 'private',
    server_id: server.id,
    metadata,
  };
  ctx.state.images.set(img.id, img);
  const rec = record(ctx, server, 'createImage');
  ctx.sandbox.scheduler.after(DURATIONS.short, () => {
    const live = ctx.state.images.get(img.id);
    if (live) {
      live.status = 'active';
      live.size = 1024 * 1024 * 1024;
      live.updated = isoNow();
    }
    finishNow(rec);
  });
  // 2.45+: body image_id. Below: Location header (the doc leaves 2.44 out; upstream Nova drops the
  // header only from 2.45, so 2.44 keeps it).
  if (ctx.mvAtLeast('2.45')) ctx.reply(202, { image_id: img.id });
  else ctx.reply(202, undefined, { Location: `${baseUrl(ctx)}${versionPrefix(ctx)}/images/${img.id}` });
};

const resize: ActionHandler = (ctx, server, arg) => {
  const flavor = resolveFlavor(ctx, objArg(arg, 'resize').flavorRef);
  requireUnlocked(server);
  requireState(server, 'resize', ['active', 'stopped']);
  if (flavor.id === server.flavor_id)
    throw badRequest('When resizing, instances must change flavor! (Ecs.0009)');
  const old = ctx.state.flavors.get(server.flavor_id);
  const usage = ctx.state.usage();
  const q = ctx.state.quotas;
  const dCores = flavor.vcpus - (old?.vcpus ?? 0);
  const dRam = flavor.ram - (old?.ram ?? 0);
  if ((q.cores >= 0 && usage.cores + dCores > q.cores) || (q.ram >= 0 && usage.ram + dRam > q.ram))
    badRequestQuota();
  record(ctx, server, 'resize');
  const origin = server.vm_state === 'active' ? 'active' : 'stopped';
  server.resize_origin = origin;
  const go = (): void => runResize(ctx.sandbox, server, flavor.id, { confirm: 'manual' });
  // §6.3.8: a running ECS "is stopped automatically" first; A-4 has RESIZE only under stopped.
  if (origin === 'active') runStop(ctx.sandbox, server, (ok) => ok && go());
  else go();
  ctx.reply(202);
};

function badRequestQuota(): never {
  throw badRequest('Quota exceeded for cores or ram (Ecs.0001).');
}

function requireVerifyResize(server: Server, action: string): void {
  // §6.3.9/6.3.10: vm_state resized, task_state "" (null), status VERIFY_RESIZE.
  if (server.status !== 'VERIFY_RESIZE')
    throw conflict(`Cannot '${action}' instance ${server.id} while it is in vm_state ${server.vm_state}`);
}

const confirmResize: ActionHandler = (ctx, server) => {
  requireUnlocked(server);
  requireVerifyResize(server, 'confirmResize');
  const rec = record(ctx, server, 'confirmResize');
  const origin = server.resize_origin ?? 'active';
  server.old_flavor_id = null;
  setServerState(server, origin, null, origin === 'active' ? 1 : 3);
  touch(server);
  finishNow(rec);
  ctx.noContent();
};

const revertResize: ActionHandler = (ctx, server) => {
  requireUnlocked(server);
  requireVerifyResize(server, 'revertResize');
  const rec = record(ctx, server, 'revertResize');
  const origin = server.resize_origin ?? 'active';
  setServerState(server, 'resized', 'resize_reverting');
  touch(server);
  ctx.sandbox.scheduler.after(DURATIONS.resizePhase, () => {
    if (ctx.state.servers.get(server.id) !== server || server.task_state !== 'resize_reverting') return;
    if (server.old_flavor_id !== null) server.flavor_id = server.old_flavor_id;
    server.old_flavor_id = null;
    ctx.state.servers.reweigh(server.id);
    setServerState(server, origin, null, origin === 'active' ? 1 : 3);
    touch(server);
    finishNow(rec);
  });
  ctx.reply(202);
};

function findSecurityGroup(ctx: RequestContext, ref: string): string {
  const sg =
    ctx.state.securityGroups.get(ref) ?? [...ctx.state.securityGroups.values()].find((g) => g.name === ref);
  if (sg === undefined) throw notFound(`Security group ${ref} not found for project ${ctx.who.projectId}.`);
  return sg.id;
}

const addSecurityGroup: ActionHandler = (ctx, server, arg) => {
  const ref = str(objArg(arg, 'addSecurityGroup').name, 'name', { required: true, min: 1 })!;
  const id = findSecurityGroup(ctx, ref);
  if (server.security_groups.includes(id))
    throw badRequest(`Security group ${ref} is already associated with the instance ${server.id}`);
  server.security_groups.push(id);
  for (const pid of server.ports) {
    const p = ctx.state.ports.get(pid);
    if (p && !p.security_groups.includes(id)) p.security_groups.push(id);
  }
  touch(server);
  ctx.reply(202);
};

const removeSecurityGroup: ActionHandler = (ctx, server, arg) => {
  const ref = str(objArg(arg, 'removeSecurityGroup').name, 'name', { required: true, min: 1 })!;
  const id = findSecurityGroup(ctx, ref);
  if (!server.security_groups.includes(id))
    throw badRequest(`Security group ${ref} not associated with the instance ${server.id}`);
  server.security_groups = server.security_groups.filter((g) => g !== id);
  for (const pid of server.ports) {
    const p = ctx.state.ports.get(pid);
    if (p) p.security_groups = p.security_groups.filter((g) => g !== id);
  }
  touch(server);
  ctx.reply(202);
};

const consoleOutput: ActionHandler = (ctx, server, arg) => {
  // §6.14.1: "set the microversion to 2.5 or earlier"; later microversions do not know the action.
  if (ctx.mvAtLeast('2.6'))
    throw notFound('There is no such action: os-getConsoleOutput (microversion 2.5 or earlier required)');
  const a = objArg(arg, 'os-getConsoleOutput');
  const length = intLike(a.length, 'length');
  if (length === undefined)
    throw badRequest("Invalid input for field/attribute length. 'length' is a required property");
  if (length < -1) throw badRequest('Invalid input for field/attribute length. must be >= -1');
  if (server.vm_state !== 'active') throw conflict(`Instance ${server.id} is not running (Ecs.0321).`);
  const lines = server.console_log;
  const out = length === -1 ? lines : length === 0 ? [] : lines.slice(-length);
  ctx.ok({ output: out.join('\n') });
};

function floatingGate(ctx: RequestContext, key: string): void {
  // §11.5.1: "Since microversion 2.44, the system will return error 404".
  if (ctx.mvAtLeast('2.44')) throw notFound(`There is no such action: ${key}`);
}

const addFloatingIp: ActionHandler = (ctx, server, arg) => {
  floatingGate(ctx, 'addFloatingIp');
  const a = objArg(arg, 'addFloatingIp');
  const address = str(a.address, 'address', { required: true, min: 1 })!;
  const fixed = str(a.fixed_address, 'fixed_address');
  const fip = [...ctx.state.floatingIps.values()].find((f) => f.ip === address);
  if (fip === undefined) throw notFound(`floating IP not found: ${address}`);
  const ports = server.ports.map((p) => ctx.state.ports.get(p)).filter((p) => p !== undefined);
  const port =
    fixed === undefined ? ports[0] : ports.find((p) => p.fixed_ips.some((f) => f.ip_address === fixed));
  if (port === undefined) throw badRequest(`Specified fixed address ${fixed ?? ''} not assigned to instance`);
  if (fip.instance_id !== null && fip.instance_id !== server.id)
    throw badRequest(`Floating IP ${address} is already associated.`);
  fip.instance_id = server.id;
  fip.port_id = port.id;
  fip.fixed_ip = fixed ?? port.fixed_ips[0]?.ip_address ?? null;
  touch(server);
  ctx.reply(202);
};

const removeFloatingIp: ActionHandler = (ctx, server, arg) => {
  floatingGate(ctx, 'removeFloatingIp');
  const address = str(objArg(arg, 'removeFloatingIp').address, 'address', { required: true, min: 1 })!;
  const fip = [...ctx.state.floatingIps.values()].find((f) => f.ip === address);
  if (fip === undefined) throw notFound(`floating IP not found: ${address}`);
  if (fip.instance_id !== server.id)
    throw conflict(`Floating IP ${address} is not associated with instance ${server.id}.`);
  fip.instance_id = null;
  fip.port_id = null;
  fip.fixed_ip = null;
  touch(server);
  ctx.reply(202);
};

const ACTIONS: Record<string, ActionHandler> = {
  'os-start': start,
  'os-stop': stop,
  reboot,
  lock,
  unlock,
  rebuild,
  createImage,
  resize,
  confirmResize,
  revertResize,
  addSecurityGroup,
  removeSecurityGroup,
  'os-getConsoleOutput': consoleOutput,
  addFloatingIp,
  removeFloatingIp,
};

/** POST /v2.1/{project_id}/servers/{server_id}/action. */
export function serverAction(ctx: RequestContext): void {
  const b = body(ctx);
  const keys = Object.keys(b);
  const key = keys.find((k) => k in ACTIONS);
  if (key === undefined || keys.length !== 1)
    throw badRequest(`There is no such action: ${keys.join(',') || '(none)'}`);
  const server = findServer(ctx);
  ACTIONS[key]!(ctx, server, b[key]);
}

/** Whether monitorMetrics has added the server to the monitoring list (§6.3.11). */
export function isMonitored(ctx: RequestContext, serverId: string): boolean {
  return ctx.state.servers.get(serverId)?.monitored ?? false;
}

/** POST /v1.0/servers/{server_id}/action with `{"monitorMetrics": null}`. */
export function monitorAction(ctx: RequestContext): void {
  const b = body(ctx);
  if (!('monitorMetrics' in b) || Object.keys(b).length !== 1)
    throw badRequest(`There is no such action: ${Object.keys(b).join(',')}`);
  const server = findServer(ctx);
  server.monitored = true;
  ctx.noContent();
}
