/**
 * Server lifecycle shared by the ECS (§5) and Nova (§6) handlers: the timed transitions of Table A-4
 * (build, stop, start, reboot, rebuild, resize, delete), the instance-action log they finish, and
 * the lock check. The records those transitions create and destroy are in server-records.ts,
 * re-exported here so a handler takes the whole lifecycle from this one module. Handlers validate;
 * these functions assume valid input and only move state.
 */
import type { Caller } from './context';
import type { SandboxRuntime } from './runtime';
import { DURATIONS } from './scheduler';
import { destroyServer } from './server-records';
import { setServerState, type TaskState } from './status';
import { isoNow, type Server } from './state';

export {
  attachVolumeRecord,
  createPort,
  createServerRecords,
  createVolume,
  deletePort,
  deleteServerGroupRecord,
  destroyServer,
  detachVolumeRecord,
  nextDevice,
  type NewServerSpec,
} from './server-records';

/** Appends an instance action (os-instance-actions) and returns it, for events to be added. */
export function recordAction(
  server: Server,
  action: string,
  caller: Pick<Caller, 'userId' | 'projectId'>,
  requestId: string,
): Server['actions'][number] {
  const a = {
    action,
    request_id: `req-${requestId}`,
    user_id: caller.userId,
    project_id: caller.projectId,
    start_time: isoNow(),
    message: null,
    instance_uuid: server.id,
    events: [
      {
        event: `compute_${action}_instance`,
        start_time: isoNow(),
        finish_time: null as string | null,
        result: null as string | null,
      },
    ],
  };
  server.actions.push(a);
  if (server.actions.length > 50) server.actions.shift();
  return a;
}

function finishAction(server: Server, result: 'Success' | 'Error'): void {
  const a = server.actions[server.actions.length - 1];
  const e = a?.events[a.events.length - 1];
  if (e && e.finish_time === null) {
    e.finish_time = isoNow();
    e.result = result;
  }
}

/** Whether the server still exists (a step may run after a delete). */
function alive(rt: SandboxRuntime, server: Server): boolean {
  return rt.state.servers.get(server.id) === server;
}

type Done = (ok: boolean) => void;

function touch(server: Server): void {
  server.updated = isoNow();
}

function log(server: Server, line: string): void {
  server.console_log.push(`[${new Date().toISOString()}] ${line}`);
  if (server.console_log.length > 200) server.console_log.shift();
}

/**
 * BUILD: scheduling -> block_device_mapping -> networking -> spawning -> active. With `fail`
 * the server ends in `error` (Nova) or is destroyed (ECS rollback, `rollback: true`).
 */
export function runBuild(
  rt: SandboxRuntime,
  server: Server,
  opts: { fail?: boolean; rollback?: boolean } = {},
  done: Done = () => {},
): void {
  const phases: TaskState[] = ['block_device_mapping', 'networking', 'spawning'];
  const steps: [number, () => boolean][] = phases.map((t) => [
    DURATIONS.buildPhase,
    () => {
      if (!alive(rt, server) || server.vm_state !== 'building') return false;
      setServerState(server, 'building', t, 0);
      touch(server);
      return true;
    },
  ]);
  steps.push([
    DURATIONS.buildPhase,
    () => {
      if (!alive(rt, server) || server.vm_state !== 'building') {
        done(false);
        return false;
      }
      if (opts.fail) {
        if (opts.rollback) destroyServer(rt, server, { deleteVolumes: true });
        else {
          setServerState(server, 'error', null, 0);
          server.fault = { code: 500, message: 'No valid host was found.', created: isoNow(), details: '' };
        }
        done(false);
        return false;
      }
      setServerState(server, 'active', null, 1);
      server.launched_at = isoNow();
      touch(server);
      log(server, `Booting ${server.name}... cloud-init finished`);
      done(true);
      return true;
    },
  ]);
  rt.scheduler.chain(steps);
}

/** Stop: active -> active/powering-off -> stopped (power 3). Already stopped: immediate success. */
export function runStop(rt: SandboxRuntime, server: Server, done: Done = () => {}, fail = false): void {
  if (server.vm_state === 'stopped' && server.task_state === null) return done(true);
  setServerState(server, 'active', 'powering-off');
  touch(server);
  rt.scheduler.after(DURATIONS.stop, () => {
    if (!alive(rt, server) || server.task_state !== 'powering-off') return done(false);
    if (fail) {
      setServerState(server, 'active', null);
      finishAction(server, 'Error');
      return done(false);
    }
    setServerState(server, 'stopped', null, 3);
    touch(server);
    log(server, 'Power down.');
    finishAction(server, 'Success');
    done(true);
  });
}

/** Start: stopped -> stopped/powering-on -> active (power 1). Already active: immediate success. */
export function runStart(rt: SandboxRuntime, server: Server, done: Done = () => {}, fail = false): void {
  if (server.vm_state === 'active' && server.task_state === null) return done(true);
  setServerState(server, 'stopped', 'powering-on');
  touch(server);
  rt.scheduler.after(DURATIONS.start, () => {
    if (!alive(rt, server) || server.task_state !== 'powering-on') return done(false);
    if (fail) {
      setServerState(server, 'stopped', null);
      finishAction(server, 'Error');
      return done(false);
    }
    setServerState(server, 'active', null, 1);
    touch(server);
    log(server, 'Started.');
    finishAction(server, 'Success');
    done(true);
  });
}

/** Reboot (SOFT: REBOOT, HARD: HARD_REBOOT): active only; three task phases then active. */
export function runReboot(
  rt: SandboxRuntime,
  server: Server,
  hard: boolean,
  done: Done = () => {},
  fail = false,
): void {
  const phases: TaskState[] = hard
    ? ['rebooting_hard', 'reboot_pending_hard', 'reboot_started_hard']
    : ['rebooting', 'reboot_pending', 'reboot_started'];
  setServerState(server, 'active', phases[0]!);
  touch(server);
  rt.scheduler.chain([
    [
      DURATIONS.reboot / 3,
      () =>
        alive(rt, server) &&
        server.task_state === phases[0] &&
        (setServerState(server, 'active', phases[1]!), true),
    ],
    [
      DURATIONS.reboot / 3,
      () =>
        alive(rt, server) &&
        server.task_state === phases[1] &&
        (setServerState(server, 'active', phases[2]!), true),
    ],
    [
      DURATIONS.reboot / 3,
      () => {
        if (!alive(rt, server) || server.task_state !== phases[2]) {
          done(false);
          return false;
        }
        setServerState(server, 'active', null, 1);
        touch(server);
        log(server, hard ? 'Hard reboot.' : 'Reboot.');
        finishAction(server, fail ? 'Error' : 'Success');
        done(!fail);
        return true;
      },
    ],
  ]);
}

/**
 * Rebuild (Nova rebuild, ECS reinstall/changeos): keeps vm_state (active/stopped/error), walks the
 * three rebuild task states, then applies `apply` (new image, key, password, ...) and ends in the
 * vm_state it started from, except that a server rebuilt from `error` ends `stopped` (a reinstall
 * "for which OS reinstallation has failed", §5.2.1, must become usable again).
 */
export function runRebuild(
  rt: SandboxRuntime,
  server: Server,
  apply: () => void,
  opts: { endState?: 'active' | 'stopped'; fail?: boolean } = {},
  done: Done = () => {},
): void {
  const vm = server.vm_state;
  if (vm !== 'active' && vm !== 'stopped' && vm !== 'error')
    throw new Error(`sandbox bug: rebuild from ${vm}`);
  const end = opts.endState ?? (vm === 'error' ? 'stopped' : vm);
  setServerState(server, vm, 'rebuilding');
  touch(server);
  rt.scheduler.chain([
    [
      DURATIONS.rebuildPhase,
      () =>
        alive(rt, server) &&
        server.task_state === 'rebuilding' &&
        (setServerState(server, vm, 'rebuild_block_device_mapping'), true),
    ],
    [
      DURATIONS.rebuildPhase,
      () =>
        alive(rt, server) &&
        server.task_state === 'rebuild_block_device_mapping' &&
        (setServerState(server, vm, 'rebuild_spawning'), true),
    ],
    [
      DURATIONS.rebuildPhase,
      () => {
        if (!alive(rt, server) || server.task_state !== 'rebuild_spawning') {
          done(false);
          return false;
        }
        if (opts.fail) {
          // A failed reinstall leaves the server as it was (with the old image), in its old vm_state.
          setServerState(server, vm, null);
          finishAction(server, 'Error');
          done(false);
          return false;
        }
        apply();
        setServerState(server, end, null, end === 'active' ? 1 : 3);
        touch(server);
        log(server, 'Rebuilt.');
        finishAction(server, 'Success');
        done(true);
        return true;
      },
    ],
  ]);
}

/**
 * Resize: stopped -> stopped/resize_prep..resize_finish (RESIZE) -> either `stopped` with the new
 * flavor (ECS resize, `confirm: 'auto'`) or `resized`/null (VERIFY_RESIZE, Nova, `confirm: 'manual'`).
 * The caller stops an active server first (§6.3.8: "stopped automatically").
 */
export function runResize(
  rt: SandboxRuntime,
  server: Server,
  flavorId: string,
  opts: { confirm: 'auto' | 'manual'; fail?: boolean },
  done: Done = () => {},
): void {
  const phases: TaskState[] = ['resize_prep', 'resize_migrating', 'resize_migrated', 'resize_finish'];
  setServerState(server, 'stopped', phases[0]!);
  touch(server);
  const steps: [number, () => boolean][] = phases
    .slice(1)
    .map((t, i) => [
      DURATIONS.resizePhase,
      () =>
        alive(rt, server) && server.task_state === phases[i] && (setServerState(server, 'stopped', t), true),
    ]);
  steps.push([
    DURATIONS.resizePhase,
    () => {
      if (!alive(rt, server) || server.task_state !== 'resize_finish') {
        done(false);
        return false;
      }
      if (opts.fail) {
        setServerState(server, 'stopped', null, 3);
        finishAction(server, 'Error');
        done(false);
        return false;
      }
      server.old_flavor_id = server.flavor_id;
      server.flavor_id = flavorId;
      rt.state.servers.reweigh(server.id);
      if (opts.confirm === 'manual') setServerState(server, 'resized', null, 3);
      else {
        server.old_flavor_id = null;
        setServerState(server, 'stopped', null, 3);
      }
      touch(server);
      finishAction(server, 'Success');
      done(true);
      return true;
    },
  ]);
  rt.scheduler.chain(steps);
}

/** Delete: task `deleting` for a while, then destroy the records (`vm_state` deleted is never kept). */
export function runDelete(
  rt: SandboxRuntime,
  server: Server,
  opts: { deleteVolumes?: boolean; fail?: boolean } = {},
  done: Done = () => {},
): void {
  const vm = server.vm_state;
  // building and other transitional states go straight to error/deleting: A-4 only lists deleting
  // under active, stopped and error.
  const from = vm === 'active' || vm === 'stopped' || vm === 'error' ? vm : 'error';
  setServerState(server, from, 'deleting');
  touch(server);
  rt.scheduler.after(DURATIONS.delete, () => {
    if (!alive(rt, server)) return done(true);
    if (opts.fail) {
      setServerState(server, from, null);
      finishAction(server, 'Error');
      return done(false);
    }
    setServerState(server, 'deleted', null, 0);
    server.terminated_at = isoNow();
    destroyServer(rt, server, opts.deleteVolumes === undefined ? {} : { deleteVolumes: opts.deleteVolumes });
    done(true);
  });
}
