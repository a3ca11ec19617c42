/**
 * Desktop integration, without Electron: the OS notification of a long job that ended while the
 * window was not focused (a click focuses the window and shows the job in Activity), the
 * taskbar/dock progress while jobs run, and the window title naming the account and region. The
 * Electron glue (main/window.ts) implements the tiny {@link DesktopShell}; tests give a fake one.
 *
 * When to notify (ran at least 10 s, window unfocused) is the job tracker's rule
 * (`notifyAfterMs`, `isWindowFocused`): this module receives the tracker's `notify` call and
 * decides only what the notification says and what its click does.
 */
import type { JobEvent, TrackedJob } from '../jobs/types';
import { FINAL_STATUSES } from '../jobs/types';
import type { AppEvent } from '../ipc/types';
import { jobTitle } from '../ipc/views/jobs';

/** The app's name, the window title when no scope is known. */
export const APP_TITLE = 'ECS Desktop';

/** Taskbar/dock progress: a fraction in [0, 1], a busy indicator without a fraction, or none. */
export type DesktopProgress = number | 'indeterminate' | 'none';

/** What the integration needs from the window system (main/window.ts wires Electron's). */
export interface DesktopShell {
  /** True when the app's window has the keyboard focus. */
  isFocused(): boolean;
  /** Shows, restores and focuses the app's window. */
  focus(): void;
  /** Shows an OS notification (a no-op where the OS has none); `onClick` runs when it is clicked. */
  notify(notification: { title: string; body: string; onClick(): void }): void;
  setProgress(progress: DesktopProgress): void;
  setTitle(title: string): void;
}

/** The job tracker's part that the integration follows. */
export interface JobSource {
  list(): TrackedJob[];
  subscribe(listener: (event: JobEvent) => void): () => void;
}

/** "ECS Desktop — <account> · <region>", or the app's name alone. */
export function windowTitle(scope?: { accountName: string; region: string }): string {
  if (!scope) return APP_TITLE;
  // Control characters (a name pasted with a newline) have no place in a title bar.
  const clean = (s: string) =>
    s
      .replace(/\p{Cc}+/gu, ' ')
      .trim()
      .slice(0, 120);
  return `${APP_TITLE} — ${clean(scope.accountName)} · ${clean(scope.region)}`;
}

/**
 * Progress of the running jobs as one bar: finished sub-jobs (or target servers) over all of
 * them; `indeterminate` while none has finished or no job reports sub-jobs yet; `none` when no
 * job runs.
 */
export function jobsProgress(jobs: Iterable<TrackedJob>): DesktopProgress {
  let running = 0;
  let done = 0;
  let total = 0;
  for (const job of jobs) {
    if (FINAL_STATUSES.has(job.status)) continue;
    running++;
    if (job.subJobs.length === 0) {
      // An ECS job lists its sub-jobs only once the cloud reports them: one unit of unknown progress.
      total++;
      continue;
    }
    total += job.subJobs.length;
    done += job.subJobs.filter((s) => s.status === 'SUCCESS' || s.status === 'FAIL').length;
  }
  if (running === 0) return 'none';
  if (done === 0) return 'indeterminate';
  return Math.min(1, done / total);
}

function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.round(s / 60)} min`;
}

/** The notification of a job that ended: what it was, how it ended, how long it took. */
export function jobNotification(job: TrackedJob): { title: string; body: string } {
  const what = jobTitle(job);
  const took = job.finishedAt !== undefined ? `, after ${seconds(job.finishedAt - job.createdAt)}` : '';
  if (job.status === 'succeeded')
    return { title: `Done: ${what}`, body: `Finished in ${job.region}${took}.` };
  if (job.status === 'failed')
    return {
      title: `Failed: ${what}`,
      body: `${job.error?.message ?? 'The job failed.'} (${job.region}${took})`.slice(0, 300),
    };
  return {
    title: `Status unknown: ${what}`,
    body: `Its status could not be read (${job.region}${took}). Check it in Activity.`,
  };
}

/** Follows the job tracker and the renderer's scope and drives the shell. */
export class DesktopIntegration {
  private readonly running = new Map<string, TrackedJob>();
  private progress: DesktopProgress | undefined;
  private title: string | undefined;
  private emit: ((event: AppEvent) => void) | undefined;

  constructor(private readonly shell: DesktopShell) {}

  /** The tracker's `isWindowFocused` hook. */
  readonly isWindowFocused = (): boolean => this.shell.isFocused();

  /**
   * The tracker's `notify` hook (it already checked the duration and the focus): shows the OS
   * notification; a click focuses the window and asks the renderer to show the job in Activity.
   */
  readonly notifyJobEnded = (job: TrackedJob): void => {
    const { title, body } = jobNotification(job);
    this.shell.notify({
      title,
      body,
      onClick: () => {
        this.shell.focus();
        this.emit?.({ channel: 'jobs.reveal', payload: { id: job.id } });
      },
    });
  };

  /**
   * Follows `jobs` for the progress bar and sends pushed events (the notification click) through
   * `emit`; returns the function that stops both.
   */
  attach(jobs: JobSource, emit: (event: AppEvent) => void): () => void {
    this.emit = emit;
    for (const job of jobs.list()) if (!FINAL_STATUSES.has(job.status)) this.running.set(job.id, job);
    this.updateProgress();
    const off = jobs.subscribe((event) => {
      if (event.type === 'job.updated') {
        if (FINAL_STATUSES.has(event.job.status)) this.running.delete(event.job.id);
        else this.running.set(event.job.id, event.job);
      } else if (event.type === 'job.removed') this.running.delete(event.id);
      else return;
      this.updateProgress();
    });
    return () => {
      off();
      this.emit = undefined;
      this.running.clear();
      this.updateProgress();
    };
  }

  /** Sets the window title for the renderer's scope; returns the title. */
  setScope(scope: { accountName: string; region: string } | undefined): string {
    const title = windowTitle(scope);
    if (title !== this.title) {
      this.title = title;
      this.shell.setTitle(title);
    }
    return title;
  }

  private updateProgress(): void {
    const next = jobsProgress(this.running.values());
    // Polls report the same state again and again: the taskbar is only touched on a change.
    if (next === this.progress) return;
    this.progress = next;
    this.shell.setProgress(next);
  }
}
