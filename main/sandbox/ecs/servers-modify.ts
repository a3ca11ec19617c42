/**
 * Changes to one stopped ECS (API Reference §5.2.1 "Reinstalling an ECS OS", §5.2.2 "Changing an
 * ECS OS", §5.2.3 "Migrating an ECS", §5.2.4 "Modifying the Specifications of an ECS").
 */
import type { RequestContext } from '../context';
import { ecs, invalid } from '../faults';
import { recordAction, runRebuild, runResize } from '../lifecycle';
import { DURATIONS } from '../scheduler';
import type { Server } from '../state';
import { afterDelay, jobResponse, startServerJob, type JobTypes } from './jobs';
import { checkServerQuota } from './limits';
import {
  asObj,
  bool,
  checkPassword,
  checkUserData,
  findServer,
  reqObj,
  str,
  requireUnlocked,
  resolveFlavor,
} from './util';

function requireStopped(server: Server, what: string, allowError = false): void {
  const ok =
    server.task_state === null &&
    (server.vm_state === 'stopped' || (allowError && server.vm_state === 'error'));
  if (!ok) throw ecs('Ecs.0100', `${what} is only possible when the ECS is stopped; it is ${server.status}.`);
}

function osChange(ctx: RequestContext, kind: 'reinstall' | 'change'): void {
  const server = findServer(ctx);
  const body = ctx.jsonObject();
  const inner = reqObj(body, kind === 'reinstall' ? 'os-reinstall' : 'os-change');
  const st = ctx.state;
  let imageId = server.image_id;
  if (kind === 'change') {
    imageId = str(inner, 'imageid')!;
    const img = st.images.get(imageId);
    if (!img) throw ecs('Ecs.0031', `The image ${imageId} does not exist.`);
    if (img.status !== 'active') throw ecs('Ecs.0032', `The image ${imageId} is not in Active state.`);
  }
  const image = st.images.get(imageId);
  const pass = str(inner, 'adminpass', { optional: true });
  const key = str(inner, 'keyname', { optional: true });
  const md = asObj(inner.metadata);
  const userData = md && typeof md.user_data === 'string' ? md.user_data : undefined;
  // keyname is "mandatory" in the table but the password examples omit it (NOTES.md §19.4): either one is enough.
  if (pass === undefined && key === undefined && userData === undefined)
    throw invalid('adminpass or keyname is required.');
  if (pass !== undefined) checkPassword(pass, image?.os_type ?? 'Linux');
  if (key !== undefined && !st.keypairs.has(key))
    throw ecs('Ecs.0314', `The key pair ${key} does not exist.`);
  if (userData !== undefined) checkUserData(userData);
  requireUnlocked(server);
  const sys = server.volumes[0];
  if (sys === undefined || !st.volumes.get(sys)?.bootable) throw ecs('Ecs.0105', 'No system disk found.');
  requireStopped(server, kind === 'reinstall' ? 'Reinstalling the OS' : 'Changing the OS', true);
  // withStopServer in the §5.2.1 example means: stop first if running. Only stopped servers reach here.
  const rt = ctx.sandbox;
  recordAction(server, 'rebuild', ctx.who, ctx.requestId);
  const types: JobTypes =
    kind === 'reinstall' ? ['reinstallOS', 'reinstallSingleOS'] : ['changeOS', 'changeSingleOS'];
  const jobId = startServerJob(ctx, server, types, [
    {
      run: (ctl) =>
        runRebuild(
          rt,
          server,
          () => {
            server.image_id = imageId;
            if (key !== undefined) server.key_name = key;
            if (userData !== undefined) server.user_data = userData;
            const v = rt.state.volumes.get(sys);
            if (v) v.image_id = imageId;
          },
          { endState: 'stopped', fail: ctl.injectFailure },
          (ok) =>
            ok
              ? ctl.succeed()
              : ctl.fail('Ecs.0002', 'Injected fault: the OS change failed; the old OS is kept.'),
        ),
    },
  ]);
  jobResponse(ctx, jobId);
}

/** POST .../reinstallos (§5.2.1): the same image again. */
export function reinstallOs(ctx: RequestContext): void {
  osChange(ctx, 'reinstall');
}

/** POST .../changeos (§5.2.2): another image. */
export function changeOs(ctx: RequestContext): void {
  osChange(ctx, 'change');
}

/** POST .../migrate (§5.2.3): a cold migration to another (simulated) host. */
export function migrate(ctx: RequestContext): void {
  const server = findServer(ctx);
  const body = ctx.jsonObject();
  // §5.2.3 Table 5-19: `migrate` "is null when you migrate an ECS from a dedicated host to a public
  // resource pool", so null (or {}) means the public pool.
  if (!('migrate' in body)) throw invalid('migrate is mandatory.');
  const inner = body.migrate === null ? {} : reqObj(body, 'migrate');
  const dehId = str(inner, 'dedicated_host_id', { optional: true });
  // The Sandbox has no dedicated hosts, so any DeH id names one that does not exist: refused up
  // front with Ecs.0221, A.2's cold-migration failure ("Failed to migrate the ECS").
  if (dehId !== undefined)
    throw ecs('Ecs.0221', `Failed to migrate the ECS: the dedicated host ${dehId} does not exist.`);
  requireUnlocked(server);
  requireStopped(server, 'Cold migration');
  const rt = ctx.sandbox;
  const jobId = startServerJob(
    ctx,
    server,
    ['migrateServer', 'migrateSingleServer'],
    [
      {
        // A-4 has no stopped/migrating pair, so a cold migration shows no task_state: only the host changes.
        run: afterDelay(ctx, DURATIONS.migrate, (ctl) => {
          if (ctl.injectFailure) return ctl.fail('Ecs.0002', 'Injected fault: migration failed.');
          server.hypervisor_hostname = `sandbox-host-${1 + Math.floor(rt.random() * 16)}`;
          ctl.succeed();
        }),
      },
    ],
  );
  jobResponse(ctx, jobId);
}

/** POST .../resize (§5.2.4), at /v1 and the SDK's /v1.1. */
export function resize(ctx: RequestContext): void {
  const server = findServer(ctx);
  const body = ctx.jsonObject();
  const inner = reqObj(body, 'resize');
  const flavorRef = str(inner, 'flavorRef')!;
  const flavor = resolveFlavor(ctx, flavorRef, server.availability_zone);
  if (flavor.id === server.flavor_id)
    throw ecs('Ecs.0810', 'The ECS flavor is the same as the target flavor.');
  requireUnlocked(server);
  requireStopped(server, 'Resizing');
  const old = ctx.state.flavors.get(server.flavor_id);
  checkServerQuota(ctx, {
    instances: 0,
    cores: Math.max(0, flavor.vcpus - (old?.vcpus ?? 0)),
    ram: Math.max(0, flavor.ram - (old?.ram ?? 0)),
  });
  if (bool(body, 'dry_run') === true) {
    ctx.reply(202, {});
    return;
  }
  const rt = ctx.sandbox;
  recordAction(server, 'resize', ctx.who, ctx.requestId);
  const jobId = startServerJob(
    ctx,
    server,
    ['resizeServer', 'resizeSingleServer'],
    [
      {
        run: (ctl) =>
          runResize(rt, server, flavor.id, { confirm: 'auto', fail: ctl.injectFailure }, (ok) =>
            ok
              ? ctl.succeed()
              : ctl.fail('Ecs.0002', 'Injected fault: resize failed; the old flavor is kept.'),
          ),
      },
    ],
  );
  jobResponse(ctx, jobId);
}
