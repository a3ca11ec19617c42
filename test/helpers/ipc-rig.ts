/**
 * The real main-process services and IPC layer over a seeded Sandbox, in a fresh data folder, as
 * the IPC integration tests drive them: calls dispatched as the harness (a trusted sender), every
 * pushed event kept, jobs awaited through their `jobs.updated` events.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { InvokeChannel, InvokeChannels, Result } from '../../shared/ipc/contract';
import type { JobView } from '../../shared/ipc/views';
import { createIpc, type AppEvent, type Ipc } from '../../main/ipc/index';
import { createServices, type Services, type ServicesOptions } from '../../main/services';

/** A running rig; `close()` disposes it and removes its data folder. */
export interface IpcRig {
  services: Services;
  ipc: Ipc;
  dir: string;
  /** Every event main pushed, in order. */
  events: AppEvent[];
  /** The built-in Sandbox account in its region. */
  scope: { accountId: string; region: string };
  call<C extends InvokeChannel>(
    channel: C,
    arg: InvokeChannels[C]['arg'],
  ): Promise<Result<InvokeChannels[C]['result']>>;
  /** {@link call}, throwing the error of a failed call. */
  ok<C extends InvokeChannel>(
    channel: C,
    arg: InvokeChannels[C]['arg'],
  ): Promise<InvokeChannels[C]['result']>;
  /** The job's final state, from the pushed `jobs.updated` events (20 s at most). */
  finished(jobId: string | undefined): Promise<JobView>;
  close(): Promise<void>;
}

/**
 * Starts services in session-only vault mode with a fresh data folder named after `name`; the
 * importers look only inside that folder unless `opts` says otherwise.
 */
export async function startIpcRig(
  name: string,
  opts: Omit<ServicesOptions, 'dataDir' | 'vaultMode'> = {},
): Promise<IpcRig> {
  const dir = await mkdtemp(join(tmpdir(), `${name}-`));
  const services = await createServices({
    dataDir: dir,
    vaultMode: 'session-only',
    env: {},
    importSources: { home: dir, cwd: dir, etcOpenstack: join(dir, 'etc-openstack') },
    ...opts,
  });
  const ipc = createIpc(services, {
    appInfo: () => ({ name: 'ecs-desktop', version: '0', versions: {}, shell: 'harness' }),
    isTrustedSender: (s) => s.url === 'harness:',
  });
  const events: AppEvent[] = [];
  ipc.onEvent((e) => events.push(e));
  const call: IpcRig['call'] = async (channel, arg) =>
    (await ipc.dispatch(channel, arg, { url: 'harness:' })) as Result<
      InvokeChannels[typeof channel]['result']
    >;
  const ok: IpcRig['ok'] = async (channel, arg) => {
    const res = await call(channel, arg);
    if (!res.ok) throw new Error(`${channel} failed: ${JSON.stringify(res.error)}`);
    return res.value;
  };
  const finished: IpcRig['finished'] = async (jobId) => {
    expect(jobId).toBeTypeOf('string');
    const end = Date.now() + 20_000;
    for (;;) {
      const last = events.filter((e) => e.channel === 'jobs.updated' && e.payload.id === jobId).at(-1)
        ?.payload as JobView | undefined;
      if (last?.finishedAt !== undefined) return last;
      if (Date.now() > end) throw new Error(`timed out waiting for job ${jobId}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return {
    services,
    ipc,
    dir,
    events,
    scope: { accountId: 'sandbox', region: services.sandbox!.info.region },
    call,
    ok,
    finished,
    async close() {
      ipc.dispose();
      await services.dispose();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
