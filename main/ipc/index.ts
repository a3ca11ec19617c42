/**
 * The IPC layer without Electron: the handler table (one per channel, a missing one fails to
 * compile), `dispatch()` (sender check, channel check, schema validation, errors as data) and the
 * events main pushes. The Electron bridge and the browser harness both sit on top of this.
 */
import type { ErrorData } from '../../shared/errors';
import type { AppInfo, InvokeChannel, Result } from '../../shared/ipc/contract';
import { INVOKE_CHANNELS } from '../../shared/ipc/contract';
import { validateInvoke } from '../../shared/ipc/schemas';
import { toErrorData } from '../app-error';
import { ValidationError } from '../cloud/errors';
import type { TrackedJob } from '../jobs/types';
import { waitSpecFor } from '../jobs/wait-spec';
import type { Services } from '../services';
import { accountHandlers } from './handlers/accounts';
import { catalogHandlers } from './handlers/catalog';
import { diskHandlers } from './handlers/disks';
import { disposeFleetOf, fleetHandlers } from './handlers/fleet';
import { jobHandlers } from './handlers/jobs';
import { keypairHandlers } from './handlers/keypairs';
import { nicHandlers } from './handlers/nics';
import { quotaHandlers } from './handlers/quotas';
import { serverGroupHandlers } from './handlers/server-groups';
import { serverHandlers } from './handlers/servers';
import { settingsHandlers } from './handlers/settings';
import { tagHandlers } from './handlers/tags';
import type { AppEvent, DesktopHooks, Handler, IpcContext, IpcSender } from './types';
import { jobView } from './views/jobs';

export type { AppEvent, IpcSender } from './types';

/** Every channel's handler. */
export const handlers = {
  ...accountHandlers,
  ...serverHandlers,
  ...diskHandlers,
  ...nicHandlers,
  ...tagHandlers,
  ...catalogHandlers,
  ...keypairHandlers,
  ...serverGroupHandlers,
  ...quotaHandlers,
  ...jobHandlers,
  ...settingsHandlers,
  ...fleetHandlers,
} satisfies { [C in InvokeChannel]: Handler<C> };

// An extra handler (a channel the contract does not have) fails to compile too.
type _NoExtra = Exclude<keyof typeof handlers, InvokeChannel> extends never ? true : never;
const _noExtra: _NoExtra = true;
void _noExtra;

const channelSet: ReadonlySet<string> = new Set(INVOKE_CHANNELS);

/** Options of {@link createIpc}. */
export interface IpcOptions {
  /** Facts about the running app for `app.info`. */
  appInfo: () => AppInfo;
  /** SECURITY: decides whether a sender may invoke anything (our own renderer only). */
  isTrustedSender: (sender: IpcSender) => boolean;
  /** The window system (the Electron shell); absent in the browser harness. */
  desktop?: DesktopHooks;
}

/** The IPC layer of one set of services. */
export interface Ipc {
  /** Runs one invoke; ALWAYS resolves (never rejects) with a result or an error as data. */
  dispatch(channel: string, payload: unknown, sender: IpcSender): Promise<Result<unknown>>;
  /** Adds a listener of pushed events; returns the function that removes it. */
  onEvent(listener: (event: AppEvent) => void): () => void;
  /** Pushes an event to every listener (the desktop integration: a notification was clicked). */
  emit(event: AppEvent): void;
  /** Stops forwarding tracker events and stops the fleet service. */
  dispose(): void;
}

/** Generic advice per error kind, for errors whose source gave none. */
const DEFAULT_HINTS: Partial<Record<ErrorData['code'], string>> = {
  API_ERROR:
    'The cloud refused the request: check the values and the resource state, then try again. Quote the request id when contacting support.',
  AUTH: 'Check the account credentials and its IAM permissions.',
  THROTTLED: 'The cloud is busy: wait a moment and try again.',
  JOB_FAILED: 'See the job details in the Activity view; fix the cause and retry.',
  INTERNAL: 'This is a bug in the app; please report it with what you were doing.',
};

/** The error as data, always with a hint of what to do. */
export function errorResult(error: unknown): Result<never> {
  const data = toErrorData(error);
  if (data.hint === undefined) {
    const hint = DEFAULT_HINTS[data.code];
    if (hint !== undefined) data.hint = hint;
  }
  return { ok: false, error: data };
}

/** Builds the IPC layer: handlers over `services`, and tracker events turned into pushed events. */
export function createIpc(services: Services, opts: IpcOptions): Ipc {
  const listeners = new Set<(event: AppEvent) => void>();
  const emit = (event: AppEvent): void => {
    for (const l of listeners) {
      try {
        l(event);
      } catch (err) {
        // One broken listener (a closed window) must not stop the others.
        console.warn('IPC event listener failed:', err);
      }
    }
  };

  const ctx: IpcContext = {
    services,
    emit,
    appInfo: opts.appInfo,
    client: (scope) => services.clientFor(scope.accountId, scope.region),
    ...(opts.desktop ? { desktop: opts.desktop } : {}),
    async track({ scope, operation, targets, result, retryInput }) {
      const wait = waitSpecFor(operation, result);
      const job = await services.tracker.track({
        accountId: scope.accountId,
        region: scope.region,
        operation,
        targets,
        wait,
        ...(retryInput !== undefined ? { retryInput } : {}),
      });
      return wait.kind === 'ecsJob' ? { jobId: job.id, cloudJobId: wait.jobId } : { jobId: job.id };
    },
  };

  // Job progress goes to the renderer; a finished job also says which servers to refresh.
  const announced = new Set<string>();
  const onJob = (job: TrackedJob): void => {
    emit({ channel: 'jobs.updated', payload: jobView(job) });
    if (job.finishedAt !== undefined && !announced.has(job.id)) {
      announced.add(job.id);
      emit({
        channel: 'servers.changed',
        payload: { accountId: job.accountId, region: job.region, ids: job.targets.map((t) => t.id) },
      });
    }
  };
  const unsubscribe = services.tracker.subscribe((event) => {
    if (event.type === 'job.updated') onJob(event.job);
    else if (event.type === 'journal.error')
      emit({ channel: 'app.notice', payload: { level: 'warning', message: event.error.message } });
  });
  const unsubscribeUpdates = services.updates?.subscribe((status) =>
    emit({ channel: 'app.update', payload: status }),
  );

  return {
    async dispatch(channel, payload, sender) {
      try {
        // SECURITY: only our own renderer may call main (VS Code's ipcMain sender check).
        if (!opts.isTrustedSender(sender)) return errorResult(new ValidationError('Untrusted sender.'));
        if (typeof channel !== 'string' || !channelSet.has(channel))
          return errorResult(new ValidationError(`Unknown channel: ${String(channel).slice(0, 100)}`));
        const c = channel as InvokeChannel;
        const parsed = validateInvoke(c, payload);
        if (!parsed.ok)
          return errorResult(
            new ValidationError(
              parsed.message,
              'This is a bug in the app: the request did not match the contract.',
            ),
          );
        const handler = handlers[c] as Handler<InvokeChannel>;
        const value = await handler(parsed.value as never, ctx);
        return { ok: true, value };
      } catch (err) {
        return errorResult(err);
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit,
    dispose() {
      disposeFleetOf(ctx);
      unsubscribe();
      unsubscribeUpdates?.();
      listeners.clear();
    },
  };
}
