/**
 * ECS batch operations: delete (API Reference §5.1.2 "Deleting ECSs") and start, reboot, stop
 * (§5.3.1-§5.3.3, the one `/cloudservers/action` endpoint).
 */
import type { RequestContext } from '../context';
import { invalid } from '../faults';
import { recordAction, runDelete, runReboot, runStart, runStop } from '../lifecycle';
import { jobResponse, startBatchJob } from './jobs';
import { bool, findServer, reqObj, serverIdList, str, requireUnlocked } from './util';

/** POST .../cloudservers/delete (§5.1.2): one sub-job per ECS. */
export function deleteServers(ctx: RequestContext): void {
  const body = ctx.jsonObject();
  const ids = serverIdList(body, 1000);
  const deleteVolume = bool(body, 'delete_volume') ?? false;
  bool(body, 'delete_publicip');
  const servers = ids.map((id) => findServer(ctx, id));
  for (const s of servers) requireUnlocked(s);
  // As Nova does on a delete request: the action is on record before its job starts, so a client
  // whose answer was lost can tell an accepted delete from one that never arrived.
  for (const s of servers) if (s.task_state !== 'deleting') recordAction(s, 'delete', ctx.who, ctx.requestId);
  const rt = ctx.sandbox;
  const jobId = startBatchJob(ctx, servers, ['deleteServer', 'deleteSingleServer'], (server, ctl) => {
    if (!rt.state.servers.has(server.id)) return ctl.succeed();
    if (server.task_state === 'deleting') return ctl.succeed();
    runDelete(rt, server, { deleteVolumes: deleteVolume, fail: ctl.injectFailure }, (ok) =>
      ok ? ctl.succeed() : ctl.fail('Ecs.0002', 'Injected fault: deleting the ECS failed.'),
    );
  });
  jobResponse(ctx, jobId);
}

// ---------------------------------------------------------------------------------------------
// batch start/stop/reboot (§5.3)

/** POST .../cloudservers/action (§5.3.1-§5.3.3): os-start, reboot or os-stop, one sub-job per ECS. */
export function batchAction(ctx: RequestContext): void {
  const body = ctx.jsonObject();
  const keys = ['os-start', 'os-stop', 'reboot'].filter((k) => k in body);
  if (keys.length !== 1) throw invalid('The body must have exactly one of os-start, os-stop, reboot.');
  const key = keys[0]!;
  const inner = reqObj(body, key);
  // §5.3 states no per-request maximum; Ecs.0118 past 1,000 matches "1,000 ECSs ... in one minute".
  const ids = serverIdList(inner, 1000);
  let hard = false;
  if (key !== 'os-start') {
    const type = str(inner, 'type', { optional: key === 'os-stop' }) ?? 'SOFT';
    if (type !== 'SOFT' && type !== 'HARD') throw invalid('type must be SOFT or HARD.');
    hard = type === 'HARD';
  }
  const servers = ids.map((id) => findServer(ctx, id));
  for (const s of servers) requireUnlocked(s);
  const rt = ctx.sandbox;
  const jobType =
    key === 'os-start' ? 'batchStartServers' : key === 'os-stop' ? 'batchStopServers' : 'batchRebootServers';
  const sub =
    key === 'os-start' ? 'startSingleServer' : key === 'os-stop' ? 'stopSingleServer' : 'rebootSingleServer';
  for (const s of servers)
    recordAction(
      s,
      key === 'os-start' ? 'start' : key === 'os-stop' ? 'stop' : 'reboot',
      ctx.who,
      ctx.requestId,
    );
  const jobId = startBatchJob(ctx, servers, [jobType, sub], (server, ctl) => {
    if (!rt.state.servers.has(server.id)) return ctl.fail('Ecs.0114', 'The ECS does not exist.');
    const done = (ok: boolean): void =>
      ok
        ? ctl.succeed()
        : ctl.fail(
            ctl.injectFailure ? 'Ecs.0002' : 'Ecs.0100',
            ctl.injectFailure ? 'Injected fault.' : 'The ECS status does not meet requirements.',
          );
    const stable = server.task_state === null;
    if (key === 'os-start') {
      if (stable && server.vm_state === 'active') return ctl.succeed();
      if (!stable || server.vm_state !== 'stopped')
        return ctl.fail('Ecs.0100', `Cannot start an ECS in ${server.status}.`);
      return runStart(rt, server, done, ctl.injectFailure);
    }
    if (key === 'os-stop') {
      if (stable && server.vm_state === 'stopped') return ctl.succeed();
      if (!stable || server.vm_state !== 'active')
        return ctl.fail('Ecs.0100', `Cannot stop an ECS in ${server.status}.`);
      // A HARD stop is quicker but the same transition.
      return runStop(rt, server, done, ctl.injectFailure);
    }
    if (!stable || server.vm_state !== 'active')
      return ctl.fail('Ecs.0100', `Cannot reboot an ECS in ${server.status}.`);
    return runReboot(rt, server, hard, done, ctl.injectFailure);
  });
  jobResponse(ctx, jobId);
}
