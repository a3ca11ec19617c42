/**
 * The server status model of Appendix A.3 (Table A-4): which `vm_state`/`task_state` pairs exist and
 * which `status` each maps to. Everything that moves a server goes through {@link setServerState} so
 * no code path can produce a pair the table does not allow.
 */
import type { ServerStatus as WireServerStatus } from '../../shared/ecs/types/servers';

/** vm_state values (Table A-2), lowercase as on the wire. */
export type VmState =
  'building' | 'active' | 'stopped' | 'resized' | 'error' | 'deleted' | 'shelved' | 'shelved_offloaded';

/** task_state values (Table A-3; `rebuild_spawning` as A-4 spells it). */
export type TaskState =
  | 'scheduling'
  | 'block_device_mapping'
  | 'networking'
  | 'spawning'
  | 'rebooting'
  | 'reboot_pending'
  | 'reboot_started'
  | 'rebooting_hard'
  | 'reboot_pending_hard'
  | 'reboot_started_hard'
  | 'rebuilding'
  | 'rebuild_block_device_mapping'
  | 'rebuild_spawning'
  | 'migrating'
  | 'resize_prep'
  | 'resize_migrating'
  | 'resize_migrated'
  | 'resize_finish'
  | 'resize_reverting'
  | 'powering-off'
  | 'powering-on'
  | 'deleting'
  | 'shelving'
  | 'shelving_offloading'
  | 'shelving_image_pending_upload'
  | 'shelving_image_uploading'
  | 'unshelving';

/** status values of Table A-1 (the §6-only PAUSED, SUSPENDED and SOFT_DELETED never occur here). */
export type ServerStatus = Exclude<WireServerStatus, 'PAUSED' | 'SUSPENDED' | 'SOFT_DELETED'>;

type Row = [VmState, (TaskState | null)[], ServerStatus];

const REBUILD: TaskState[] = ['rebuilding', 'rebuild_block_device_mapping', 'rebuild_spawning'];

/**
 * Table A-4 as extracted. Note the RESIZE row carries vm_state `stopped` (NOTES.md §7 caveat): we
 * keep the document's reading, and Nova resize of a running server stops it first (§6.3.8 says a
 * running ECS "is stopped automatically"), so the pair stays inside the table.
 */
export const TABLE_A4: readonly Row[] = [
  ['building', ['scheduling', 'block_device_mapping', 'networking', 'spawning', null], 'BUILD'],
  ['active', ['rebooting', 'reboot_pending', 'reboot_started'], 'REBOOT'],
  ['active', ['rebooting_hard', 'reboot_pending_hard', 'reboot_started_hard'], 'HARD_REBOOT'],
  ['active', REBUILD, 'REBUILD'],
  ['active', ['migrating'], 'MIGRATING'],
  ['active', ['powering-off', 'deleting', null], 'ACTIVE'],
  ['stopped', ['resize_prep', 'resize_migrating', 'resize_migrated', 'resize_finish'], 'RESIZE'],
  ['stopped', REBUILD, 'REBUILD'],
  ['stopped', ['powering-on', 'deleting', null], 'SHUTOFF'],
  ['resized', ['resize_reverting'], 'REVERT_RESIZE'],
  ['resized', [null], 'VERIFY_RESIZE'],
  ['error', REBUILD, 'REBUILD'],
  ['error', ['deleting', null], 'ERROR'],
  ['deleted', [null], 'DELETED'],
  [
    'shelved',
    ['shelving', 'shelving_image_pending_upload', 'shelving_image_uploading', 'unshelving', null],
    'SHELVED',
  ],
  ['shelved_offloaded', ['shelving_offloading', 'unshelving', null], 'SHELVED_OFFLOADED'],
];

const INDEX = new Map<string, ServerStatus>();
for (const [vm, tasks, status] of TABLE_A4) for (const t of tasks) INDEX.set(`${vm}/${t ?? ''}`, status);

/** The `status` Table A-4 gives a pair, or `UNKNOWN` ("If the status is not included in Table A-4"). */
export function statusOf(vm: VmState, task: TaskState | null): ServerStatus {
  return INDEX.get(`${vm}/${task ?? ''}`) ?? 'UNKNOWN';
}

/** Whether Table A-4 lists the pair. */
export function isAllowedPair(vm: string, task: string | null): boolean {
  return INDEX.has(`${vm}/${task ?? ''}`);
}

/** power_state values (6.2.5): 0 pending, 1 running, 2 paused, 3 shutdown, 4 crashed. */
export type PowerState = 0 | 1 | 2 | 3 | 4;

/** The minimal shape {@link setServerState} writes. */
export interface StatefulServer {
  vm_state: VmState;
  task_state: TaskState | null;
  power_state: PowerState;
  status: ServerStatus;
}

/**
 * Moves a server to a new pair; throws if Table A-4 does not list it (a simulator bug, never a
 * client error), so the property test catches any illegal transition at the moment it happens.
 */
export function setServerState(
  server: StatefulServer,
  vm: VmState,
  task: TaskState | null,
  power?: PowerState,
): void {
  if (!isAllowedPair(vm, task)) throw new Error(`sandbox bug: illegal state pair ${vm}/${task ?? 'null'}`);
  server.vm_state = vm;
  server.task_state = task;
  server.status = statusOf(vm, task);
  if (power !== undefined) server.power_state = power;
}
