/**
 * Fleet batches: one action on servers of many scopes, fanned out per scope (each through its own
 * client and so its own limiter), all scopes at once. Power actions and delete are one batch call
 * per scope, tracked by the job tracker; tags are per-server calls. The batch is one entry with
 * per-scope and per-server results, kept up to date from the tracker's events.
 */
import { randomUUID } from 'node:crypto';
import type { ErrorData } from '../../shared/errors';
import type {
  FleetAction,
  FleetBatchScope,
  FleetBatchView,
  FleetScopeRef,
  FleetServerResult,
} from '../../shared/fleet';
import type { OperationId } from '../../shared/ecs/operations';
import type { CloudClient } from '../cloud/client';
import { toErrorData } from '../app-error';
import { isThrottle } from '../cloud/retry';
import { forEachServer } from '../ipc/handlers/util';
import type { JobTracker } from '../jobs/tracker';
import { KEEP_BATCHES, type FleetBatchStore } from './batch-store';
import type { TrackedJob, WaitSpec } from '../jobs/types';

/** One scope's part of a batch request. */
export interface FleetBatchTarget extends FleetScopeRef {
  ids: string[];
  /** Server names, for display only. */
  names?: Record<string, string>;
}

/** A fleet batch request. */
export interface FleetBatchInput {
  action: FleetAction;
  targets: FleetBatchTarget[];
  /** Stop and reboot: SOFT (default) or HARD. */
  type?: 'SOFT' | 'HARD';
  /** Delete: also delete data disks and elastic IPs (default false). */
  deleteVolumes?: boolean;
  deletePublicIp?: boolean;
  /** Tag: the tags to add. */
  tags?: { key: string; value: string }[];
}

/** What batches need from the rest of main. */
export interface FleetBatchDeps {
  clientFor(accountId: string, region: string): Promise<CloudClient>;
  tracker: JobTracker;
  waitSpecFor(operation: string, result: unknown): WaitSpec;
  accountName(accountId: string): Promise<string>;
  onBatch(view: FleetBatchView): void;
  /** Sleeps between throttled attempts (tests shorten it). */
  sleep?: (ms: number) => Promise<void>;
  /** Keeps batches across restarts (none: in memory only). */
  store?: FleetBatchStore;
}

const VERBS: Record<FleetAction, string> = {
  start: 'Start',
  stop: 'Stop',
  reboot: 'Reboot',
  delete: 'Delete',
  tag: 'Tag',
};

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The title of a batch, e.g. "Stop 9 servers in 3 scopes". */
export function batchTitle(action: FleetAction, targets: readonly FleetBatchTarget[]): string {
  const n = targets.reduce((sum, t) => sum + t.ids.length, 0);
  return `${VERBS[action]} ${plural(n, 'server')} in ${plural(targets.length, 'scope')}`;
}

/** The one call of a scope for a job-based action: operation id and input. */
export function scopeCall(
  input: FleetBatchInput,
  ids: readonly string[],
): { operation: OperationId; body: unknown } {
  const servers = ids.map((id) => ({ id }));
  const type = input.type ?? 'SOFT';
  switch (input.action) {
    case 'start':
      return { operation: 'batchStartServers', body: { 'os-start': { servers } } };
    case 'stop':
      return { operation: 'batchStopServers', body: { 'os-stop': { type, servers } } };
    case 'reboot':
      return { operation: 'batchRebootServers', body: { reboot: { type, servers } } };
    case 'delete':
      return {
        operation: 'deleteServers',
        body: {
          servers,
          delete_volume: input.deleteVolumes ?? false,
          delete_publicip: input.deletePublicIp ?? false,
        },
      };
    case 'tag':
      throw new Error('tags are per-server calls');
  }
}

/** Most attempts of a throttled batch call. */
const THROTTLE_ATTEMPTS = 6;

/**
 * Runs `fn`, resending it after a flow-control refusal (429 / Common.1503 / APIG.0308). The
 * gateway refuses such a request before any work is done, so resending a non-idempotent batch
 * call is safe; other errors are not retried here.
 */
export async function retryThrottled<T>(
  fn: () => Promise<T>,
  sleep: (ms: number) => Promise<void>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isThrottle(err) || attempt >= THROTTLE_ATTEMPTS) throw err;
      const after = (err as { retryAfterMs?: number }).retryAfterMs;
      await sleep(Math.min(20_000, after ?? 1000 * 2 ** (attempt - 1)));
    }
  }
}

/** The per-server results a tracked job gives so far. */
function serverResults(job: TrackedJob, names: Record<string, string>): FleetServerResult[] {
  const finished = job.status === 'succeeded' || job.status === 'failed' || job.status === 'unknown';
  return job.targets.map((t) => {
    const sub = job.subJobs.find((s) => s.serverId === t.id);
    const name = names[t.id] ?? t.name;
    const r: FleetServerResult = { id: t.id, state: 'pending', ...(name ? { name } : {}) };
    if (sub?.status === 'SUCCESS') r.state = 'succeeded';
    else if (sub?.status === 'FAIL') {
      r.state = 'failed';
      r.error = {
        name: 'JobFailedError',
        code: 'JOB_FAILED',
        message: sub.failReason ?? sub.errorCode ?? 'The sub-job failed.',
        retryable: false,
        ...(sub.errorCode ? { apiCode: sub.errorCode } : {}),
      };
    } else if (finished) {
      r.state = job.status === 'succeeded' ? 'succeeded' : 'failed';
      if (r.state === 'failed' && job.error) r.error = job.error;
    } else if (sub?.status === 'RUNNING' || job.status === 'running') r.state = 'running';
    return r;
  });
}

function rollUp(states: readonly string[]): 'running' | 'succeeded' | 'failed' | 'partial' {
  if (states.some((s) => s === 'pending' || s === 'running')) return 'running';
  if (states.every((s) => s === 'succeeded')) return 'succeeded';
  if (states.every((s) => s === 'failed')) return 'failed';
  return 'partial';
}

/**
 * Fleet batches, kept in memory and in the batch store (the tracker's journal keeps the per-scope
 * jobs, so a batch that was running when the app quit follows its jobs again after a restart).
 */
export class FleetBatches {
  private readonly batches = new Map<string, FleetBatchView>();
  private readonly names = new Map<string, Record<string, string>>();
  /** Tracked job id -> [batch id, scope index]. */
  private readonly byJob = new Map<string, [string, number]>();
  private readonly unsubscribe: () => void;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Resolves once the saved batches are loaded; `list()` is complete after it. */
  readonly ready: Promise<void>;
  private saving: Promise<void> | undefined;
  private saveAgain = false;
  private disposed = false;

  constructor(private readonly deps: FleetBatchDeps) {
    this.sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.unsubscribe = deps.tracker.subscribe((e) => {
      if (e.type === 'job.updated') this.onJob(e.job);
    });
    this.ready = this.load().catch(() => undefined);
  }

  /** Every batch, newest first. */
  list(): FleetBatchView[] {
    return [...this.batches.values()].reverse().map((b) => structuredClone(b));
  }

  /**
   * Runs a batch: every scope's call starts at once; resolves once every scope's call was
   * answered (accepted and tracked, or refused), with the batch as it then stands.
   */
  async run(input: FleetBatchInput): Promise<FleetBatchView> {
    const id = randomUUID();
    const scopes: FleetBatchScope[] = await Promise.all(
      input.targets.map(async (t) => ({
        accountId: t.accountId,
        region: t.region,
        accountName: await this.deps.accountName(t.accountId).catch(() => t.accountId),
        state: 'pending' as const,
        servers: t.ids.map((sid) => ({
          id: sid,
          state: 'pending' as const,
          ...(t.names?.[sid] ? { name: t.names[sid] } : {}),
        })),
      })),
    );
    const batch: FleetBatchView = {
      id,
      action: input.action,
      title: batchTitle(input.action, input.targets),
      state: 'running',
      createdAt: new Date().toISOString(),
      scopes,
    };
    await this.ready;
    this.batches.set(id, batch);
    this.trim();
    this.names.set(
      id,
      Object.assign({}, ...input.targets.map((t) => t.names ?? {})) as Record<string, string>,
    );
    this.publish(batch);
    await Promise.all(input.targets.map((t, i) => this.runScope(batch, i, t, input)));
    this.publish(batch);
    return structuredClone(batch);
  }

  /** Stops following the tracker and saving. */
  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
  }

  /** Waits for the last save (tests, and a clean shutdown). */
  async saved(): Promise<void> {
    while (this.saving) await this.saving;
  }

  /**
   * Loads the saved batches. One still running follows its scopes' jobs again (the tracker kept
   * them); a scope whose call was never answered before the app quit, or whose job the tracker no
   * longer has, is failed with a reason rather than left running forever.
   */
  private async load(): Promise<void> {
    const saved = (await this.deps.store?.load()) ?? [];
    let changed = false;
    for (const batch of saved) {
      if (this.batches.has(batch.id)) continue;
      this.batches.set(batch.id, batch);
      const names: Record<string, string> = {};
      for (const s of batch.scopes) for (const r of s.servers) if (r.name) names[r.id] = r.name;
      this.names.set(batch.id, names);
      batch.scopes.forEach((scope, i) => {
        if (scope.jobId !== undefined) this.byJob.set(scope.jobId, [batch.id, i]);
      });
      if (batch.state !== 'running') continue;
      batch.scopes.forEach((scope, i) => {
        if (scope.state !== 'pending' && scope.state !== 'running') return;
        const job = scope.jobId === undefined ? undefined : this.deps.tracker.get(scope.jobId);
        if (job) this.applyJob(batch, i, job);
        else
          this.failScope(scope, {
            name: 'InterruptedError',
            code: 'INTERNAL',
            message:
              scope.jobId === undefined
                ? 'The app quit before this scope answered; check the servers, then run the action again.'
                : 'The job of this scope is no longer tracked; check the servers.',
            retryable: false,
          });
      });
      this.settle(batch);
      changed = true;
    }
    this.trim();
    if (changed) this.persist();
  }

  /** Keeps the newest batches in memory (running ones are never dropped). */
  private trim(): void {
    let extra = this.batches.size - KEEP_BATCHES;
    for (const [id, b] of this.batches) {
      if (extra <= 0) break;
      if (b.state === 'running') continue;
      this.batches.delete(id);
      this.names.delete(id);
      for (const s of b.scopes) if (s.jobId !== undefined) this.byJob.delete(s.jobId);
      extra--;
    }
  }

  /** Saves every batch; at most one write in flight, and one more after it when asked meanwhile. */
  private persist(): void {
    const store = this.deps.store;
    if (!store || this.disposed) return;
    if (this.saving) {
      this.saveAgain = true;
      return;
    }
    this.saving = (async () => {
      do {
        this.saveAgain = false;
        // The history is a convenience: a failed write must not fail the batch.
        await store.save([...this.batches.values()]).catch(() => undefined);
      } while (this.saveAgain && !this.disposed);
      this.saving = undefined;
    })();
  }

  private async runScope(batch: FleetBatchView, index: number, t: FleetBatchTarget, input: FleetBatchInput) {
    const scope = batch.scopes[index]!;
    try {
      const client = await this.deps.clientFor(t.accountId, t.region);
      if (input.action === 'tag') {
        const tags = input.tags ?? [];
        const out = await forEachServer(t.ids, (sid) =>
          retryThrottled(
            () =>
              client.call('batchCreateServerTags', {
                path: { server_id: sid },
                body: { action: 'create', tags },
              }),
            this.sleep,
          ),
        );
        const failed = new Map(out.failed.map((f) => [f.id, f.error]));
        for (const s of scope.servers) {
          const err = failed.get(s.id);
          s.state = err ? 'failed' : 'succeeded';
          if (err) s.error = err;
        }
        scope.state = rollUp(scope.servers.map((s) => s.state));
      } else {
        const { operation, body } = scopeCall(input, t.ids);
        const res = await retryThrottled(() => client.call(operation, { body } as never), this.sleep);
        const job = await this.deps.tracker.track({
          accountId: t.accountId,
          region: t.region,
          operation,
          targets: t.ids.map((sid) => ({ id: sid, ...(t.names?.[sid] ? { name: t.names[sid] } : {}) })),
          wait: this.deps.waitSpecFor(operation, res),
          // Power actions are idempotent and may be retried from Activity; delete is not.
          ...(input.action !== 'delete' ? { retryInput: { body } } : {}),
        });
        scope.jobId = job.id;
        this.byJob.set(job.id, [batch.id, index]);
        this.applyJob(batch, index, job);
      }
    } catch (err) {
      this.failScope(scope, toErrorData(err));
    }
    this.settle(batch);
  }

  private failScope(scope: FleetBatchScope, error: ErrorData): void {
    scope.state = 'failed';
    scope.error = error;
    for (const s of scope.servers) {
      s.state = 'failed';
      s.error = error;
    }
  }

  private applyJob(batch: FleetBatchView, index: number, job: TrackedJob): void {
    const scope = batch.scopes[index]!;
    scope.servers = serverResults(job, this.names.get(batch.id) ?? {});
    scope.state = rollUp(scope.servers.map((s) => s.state));
    if ((job.status === 'failed' || job.status === 'unknown') && job.error) scope.error = job.error;
  }

  private onJob(job: TrackedJob): void {
    const at = this.byJob.get(job.id);
    const batch = at && this.batches.get(at[0]);
    if (!at || !batch) return;
    this.applyJob(batch, at[1], job);
    this.settle(batch);
    this.publish(batch);
  }

  private settle(batch: FleetBatchView): void {
    const state = rollUp(batch.scopes.map((s) => (s.state === 'partial' ? 'partial' : s.state)));
    batch.state = state;
    if (state !== 'running') batch.finishedAt ??= new Date().toISOString();
  }

  private publish(batch: FleetBatchView): void {
    this.deps.onBatch(structuredClone(batch));
    this.persist();
  }
}
