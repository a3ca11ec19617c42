/**
 * Saving and loading the sandbox state as one JSON file. Writes go to a temporary file renamed over
 * the target, so a crash mid-write never leaves a truncated state.
 *
 * Everything a handler keeps lives on the records, so the file is the whole state. That includes a
 * Windows server's `encrypted_password` (§6.11.5): it is persisted because it is random bytes
 * standing for ciphertext, no secret (the file is 0600 anyway), and a restarted sandbox must answer
 * os-server-password as before. A Nova resize's `resize_origin` is kept too, so confirmResize after
 * a restart returns the server to the vm_state it was resized from.
 */
import { readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { setServerState } from './status';
import { isoNowMs, type StateData } from './state';

/** Reads a state file; undefined when it does not exist; throws a clear Error when it is corrupt. */
export function loadStateFile(file: string): StateData | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(
      `sandbox state file ${file} is corrupt (not JSON: ${(err as Error).message}); delete it or pass another --state file`,
      { cause: err },
    );
  }
  const d = data as Partial<StateData> | null;
  if (
    typeof d !== 'object' ||
    d === null ||
    d.version !== 1 ||
    typeof d.account !== 'object' ||
    typeof d.servers !== 'object' ||
    typeof d.flavors !== 'object'
  )
    throw new Error(
      `sandbox state file ${file} is corrupt (not a version 1 sandbox state); delete it or pass another --state file`,
    );
  settle(d as StateData);
  return d as StateData;
}

/**
 * Timers do not survive a restart, so work in flight when the state was saved is finished now:
 * transitional task states complete and running jobs succeed.
 */
function settle(d: StateData): void {
  for (const s of Object.values(d.servers)) {
    if (s.task_state === null) continue;
    switch (s.vm_state) {
      case 'building':
        setServerState(s, 'active', null, 1);
        break;
      case 'active':
        if (s.task_state === 'powering-off') setServerState(s, 'stopped', null, 3);
        else setServerState(s, 'active', null, 1);
        break;
      case 'stopped':
        if (s.task_state === 'powering-on') setServerState(s, 'active', null, 1);
        else setServerState(s, 'stopped', null, 3);
        break;
      case 'resized':
        setServerState(s, 'stopped', null, 3);
        break;
      default:
        setServerState(s, s.vm_state === 'error' ? 'error' : s.vm_state, null);
    }
  }
  for (const j of Object.values(d.jobs)) {
    if (j.status === 'INIT' || j.status === 'RUNNING') {
      j.status = 'SUCCESS';
      j.end_time = isoNowMs();
      for (const sj of j.entities.sub_jobs ?? [])
        if (sj.status === 'INIT' || sj.status === 'RUNNING') {
          sj.status = 'SUCCESS';
          sj.end_time = j.end_time;
        }
    }
  }
}

/** Writes the state atomically (async). */
export async function saveStateFile(file: string, data: StateData): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  // SECURITY: 0600 like every file of the app's data folder; a stale temp file is removed first,
  // since `mode` only applies to a file the write creates.
  await rm(tmp, { force: true });
  await writeFile(tmp, JSON.stringify(data), { mode: 0o600 });
  await rename(tmp, file);
}

/** Writes the state atomically (sync, for close and exit). */
export function saveStateFileSync(file: string, data: StateData): void {
  const tmp = `${file}.tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
  renameSync(tmp, file);
}
