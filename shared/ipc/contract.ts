/**
 * The IPC contract: one typed table of invoke channels and events shared by main, the preload,
 * the browser harness and the renderer. The full table grows with the IPC bridge issue; this is
 * its seed (app information), with the one function that builds `window.api` from it.
 */
import type { ErrorData } from '../errors';

/** What every invoke resolves to: errors travel as data (an error thrown through ipcMain.handle loses all but its message). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

/** Information about the running app, for the about box and the status bar. */
export interface AppInfo {
  name: string;
  version: string;
  /** Versions of the runtime pieces (electron, chrome, node), when known. */
  versions: Record<string, string>;
}

/** Invoke channels: `<namespace>.<verb>` -> argument and result types. */
export interface InvokeChannels {
  'app.info': { arg: Record<string, never>; result: AppInfo };
}

/** Events pushed by main: channel -> payload type. */
export interface EventChannels {
  'app.notice': { level: 'info' | 'warning' | 'error'; message: string };
}

/** Every invoke channel name, as a runtime list (the preload exposes exactly these). */
export const INVOKE_CHANNELS = ['app.info'] as const satisfies readonly (keyof InvokeChannels)[];

/** Every event channel name, as a runtime list. */
export const EVENT_CHANNELS = ['app.notice'] as const satisfies readonly (keyof EventChannels)[];

/** The channel plumbing a concrete bridge provides (Electron's ipcRenderer, or the harness's HTTP bridge). */
export interface BridgeTransport {
  invoke(channel: string, arg: unknown): Promise<unknown>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

/** The API the renderer sees as `window.api`. */
export interface Api {
  invoke<C extends keyof InvokeChannels>(
    channel: C,
    arg: InvokeChannels[C]['arg'],
  ): Promise<Result<InvokeChannels[C]['result']>>;
  on<E extends keyof EventChannels>(channel: E, listener: (payload: EventChannels[E]) => void): () => void;
}

const invokeSet: ReadonlySet<string> = new Set(INVOKE_CHANNELS);
const eventSet: ReadonlySet<string> = new Set(EVENT_CHANNELS);

/**
 * Builds `window.api` from the contract over a transport. The preload and the browser harness
 * both use this function, so the renderer sees the same API in Electron and in tests.
 * Unknown channels are refused before anything is sent.
 */
export function makeApi(transport: BridgeTransport): Api {
  return Object.freeze({
    async invoke(channel, arg) {
      if (!invokeSet.has(channel)) {
        return {
          ok: false,
          error: {
            name: 'ValidationError',
            code: 'VALIDATION',
            message: `Unknown channel: ${String(channel)}`,
            retryable: false,
          },
        };
      }
      return (await transport.invoke(channel, arg)) as never;
    },
    on(channel, listener) {
      if (!eventSet.has(channel)) throw new TypeError(`Unknown event channel: ${String(channel)}`);
      return transport.subscribe(channel, listener as (payload: unknown) => void);
    },
  } satisfies Api);
}
