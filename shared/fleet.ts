/**
 * The fleet: every enabled account x region in one list. Types shared by the main-process fleet
 * service, the IPC contract and the renderer's Fleet pane (pure, clone-safe data).
 */
import type { ErrorData } from './errors';
import type { ServerView } from './ipc/views';

/** One account in one region. */
export interface FleetScopeRef {
  accountId: string;
  region: string;
}

/**
 * A scope's listing state: `loading` (pages arriving), `ok` (complete), `failed` (no data: see
 * `error`), `stale` (the cloud could not be reached: cached servers of `cachedAt` are shown).
 */
export type FleetScopeState = 'loading' | 'ok' | 'failed' | 'stale';

/** What the status strip shows for one scope. */
export interface FleetScopeStatus extends FleetScopeRef {
  /** The account's display name (the renderer need not look it up). */
  accountName: string;
  state: FleetScopeState;
  /** Servers received so far (live), or cached (stale). */
  count: number;
  /** Why the scope failed or is stale. */
  error?: ErrorData;
  /** When the shown data was saved (stale scopes), ISO 8601. */
  cachedAt?: string;
  /** When the listing of this scope ended, ISO 8601. */
  finishedAt?: string;
  /** How long the live listing took, ms. */
  elapsedMs?: number;
}

/**
 * Pages of one scope's listing, pushed as they arrive. `listingId` names the listing: the renderer
 * drops the servers of that scope it did not see again once the scope's status says `ok`.
 */
export interface FleetPageEvent extends FleetScopeRef {
  listingId: string;
  servers: ServerView[];
  /** True when these servers come from the offline cache. */
  cached: boolean;
}

/** A scope's status changed. */
export interface FleetScopeEvent {
  listingId: string;
  status: FleetScopeStatus;
}

/** Batch actions that can run across scopes. */
export type FleetAction = 'start' | 'stop' | 'reboot' | 'delete' | 'tag';

/** One server's outcome inside a fleet batch. */
export interface FleetServerResult {
  id: string;
  name?: string;
  state: 'pending' | 'running' | 'succeeded' | 'failed';
  error?: ErrorData;
}

/** One scope's part of a fleet batch. */
export interface FleetBatchScope extends FleetScopeRef {
  accountName: string;
  state: 'pending' | 'running' | 'succeeded' | 'failed' | 'partial';
  /** The job tracker's job for this scope, once the call was accepted. */
  jobId?: string;
  /** Why the whole scope failed (the call was refused, the account has no secret, ...). */
  error?: ErrorData;
  servers: FleetServerResult[];
}

/** One fleet batch: a single Activity entry with per-scope and per-server results. */
export interface FleetBatchView {
  id: string;
  action: FleetAction;
  /** e.g. "Stop 9 servers in 3 scopes". */
  title: string;
  state: 'running' | 'succeeded' | 'failed' | 'partial';
  createdAt: string;
  finishedAt?: string;
  scopes: FleetBatchScope[];
}
