/**
 * The job tracker's event fan-out: every event goes to the injected `onEvent` (the IPC bridge)
 * and to each `subscribe()`d listener. Kept apart from the tracker so that a listener's failure
 * handling lives in one place, whoever emits (the public API, the poller, the journal writer).
 */
import type { JobEvent, JobListener, JobTrackerDeps } from './types';

/** Delivers tracker events to the injected `onEvent` and to subscribed listeners. */
export class JobEventHub {
  private readonly listeners = new Set<JobListener>();

  constructor(private readonly deps: Pick<JobTrackerDeps, 'onEvent'>) {}

  /** Adds an event listener; returns the function that removes it. */
  subscribe(listener: JobListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: JobEvent): void {
    // A listener that throws must not break polling or the other listeners.
    try {
      this.deps.onEvent?.(event);
    } catch (err) {
      console.error('job tracker onEvent listener failed', err);
    }
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        console.error('job tracker listener failed', err);
      }
    }
  }
}
