/**
 * Types shared by the IPC handlers: what a handler receives and returns, and the events main pushes.
 */
import type {
  AppInfo,
  EventChannels,
  InvokeArg,
  InvokeChannel,
  InvokeResults,
} from '../../shared/ipc/contract';
import type { Scope } from '../../shared/ipc/views';
import type { CloudClient } from '../cloud/client';
import type { JobTarget } from '../jobs/types';
import type { Services } from '../services';

/** One pushed event: a channel of the contract with its payload. */
export type AppEvent = {
  [E in keyof EventChannels]: { channel: E; payload: EventChannels[E] };
}[keyof EventChannels];

/** Who sent an invoke: the sender frame's URL (Electron) or the harness's authenticated bridge. */
export interface IpcSender {
  /** The URL of the frame that sent the message; `harness:` for the token-checked browser bridge. */
  url: string | undefined;
}

/** What a tracked operation returns to the renderer. */
export interface TrackInput {
  scope: Scope;
  operation: string;
  targets: JobTarget[];
  /** The cloud's answer (a `job_id` body for ECS jobs; anything for Nova server-status actions). */
  result: unknown;
  /** The call's input, kept only for idempotent operations so the job can be retried. */
  retryInput?: unknown;
}

/** Everything a handler may use; built once per IPC instance. */
export interface IpcContext {
  services: Services;
  /** Pushes an event to the renderer(s). */
  emit(event: AppEvent): void;
  /** Facts about the running app (the shell differs between Electron and the harness). */
  appInfo(): AppInfo;
  /** The cloud client of a scope. */
  client(scope: Scope): Promise<CloudClient>;
  /** Registers an asynchronous operation with the job tracker and returns its references. */
  track(input: TrackInput): Promise<{ jobId: string; cloudJobId?: string }>;
  /** The window system (the Electron shell); absent in the browser harness. */
  desktop?: DesktopHooks;
}

/** What handlers may ask of the window system. */
export interface DesktopHooks {
  /** Titles the window after the renderer's scope; returns the title. */
  setScope(scope: { accountName: string; region: string }): string;
}

/** The handler of one invoke channel: gets the validated argument, returns the result (or throws a AppError). */
export type Handler<C extends InvokeChannel> = (
  arg: InvokeArg<C>,
  ctx: IpcContext,
) => Promise<InvokeResults[C]> | InvokeResults[C];

/** A table of handlers for some channels. */
export type HandlerTable<C extends InvokeChannel> = { [K in C]: Handler<K> };
