/**
 * The one road to the keychain: calls go one at a time (at most one in flight), each bounded by a
 * timeout. When a call times out the daemon is taken as unresponsive: the runner is abandoned (its
 * worker killed), waiting and new calls fail at once instead of piling up, and a background read
 * on a fresh worker waits for the daemon to answer again, which ends the stall by itself.
 */
import type { KeychainStatus } from '../../shared/accounts';
import type { KeychainBackend, KeychainCall } from './keychain-process';
import { KEYCHAIN_HINTS, VaultError } from './vault-error';

/** The status while the daemon answers normally. */
export const KEYCHAIN_OK: KeychainStatus = { state: 'ok', message: 'The system keychain works.' };

/** Options of {@link KeychainChannel}. */
export interface KeychainChannelOptions {
  backend: KeychainBackend;
  /** Longest wait for one answer, ms. */
  timeoutMs: number;
  /** The item read to learn whether the daemon answers again (it need not exist). */
  ping: { service: string; account: string };
  /** The status of a daemon error (classifyKeychainError). */
  classify: (err: unknown) => KeychainStatus;
  /** Pause before checking again after the runner itself failed, ms (default 500). */
  retryDelayMs?: number;
  now?: () => number;
}

interface Job {
  what: string;
  call: KeychainCall;
  resolve: (value: string | boolean | null) => void;
  reject: (err: unknown) => void;
}

// libsecret's own D-Bus timeout (~25 s) on a still frozen daemon: not an answer from it.
const DBUS_TIMEOUT = /timed? ?out|timeout was reached|did not receive a reply|NoReply/i;

/** Serializes keychain calls over a backend and tracks whether the daemon answers; see the module comment. */
export class KeychainChannel {
  private readonly queue: Job[] = [];
  private inFlight = false;
  /** Fails the call in flight now (close), whatever the runner is doing with it. */
  private abortInFlight: ((err: unknown) => void) | undefined;
  /** When the current stall began (ms, `now()`), while the daemon is not answering. */
  private stalledSince: number | undefined;
  private watching = false;
  private closed = false;
  private last: KeychainStatus = KEYCHAIN_OK;
  private readonly opts: Required<Omit<KeychainChannelOptions, 'now'>> & { now: () => number };

  constructor(opts: KeychainChannelOptions) {
    this.opts = { retryDelayMs: 500, now: Date.now, ...opts };
  }

  /** Runs one call; `what` completes "when trying to <what> it" in error messages. */
  run(what: string, call: KeychainCall): Promise<string | boolean | null> {
    if (this.closed)
      return Promise.reject(
        new VaultError('The keychain is closed: the app is shutting down.', { state: 'error' }),
      );
    if (this.stalledSince !== undefined) return Promise.reject(this.stalledError(what));
    return new Promise((resolve, reject) => {
      this.queue.push({ what, call, resolve, reject });
      this.pump();
    });
  }

  /** `ok`, `unresponsive` while stalled, or what the daemon's last error said (locked, ...). */
  status(): KeychainStatus {
    if (this.stalledSince === undefined) return this.last;
    const secs = Math.max(1, Math.round((this.opts.now() - this.stalledSince) / 1000));
    return {
      state: 'unresponsive',
      message: `The keychain (gnome-keyring or KWallet) is not answering (for ${secs} s now); secrets can't be read or stored until it does.`,
      hint: KEYCHAIN_HINTS.unresponsive,
    };
  }

  /** Fails every waiting call and ends the backend (kills the worker) without waiting. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const closed = new VaultError('The keychain is closed: the app is shutting down.', { state: 'error' });
    this.abortInFlight?.(closed);
    for (const job of this.queue.splice(0)) job.reject(closed);
    this.opts.backend.close();
  }

  private pump(): void {
    if (this.inFlight || this.stalledSince !== undefined || this.closed) return;
    const job = this.queue.shift();
    if (!job) return;
    this.inFlight = true;
    let done = false;
    const finish = (): boolean => {
      if (done) return false;
      done = true;
      clearTimeout(timer);
      this.inFlight = false;
      this.abortInFlight = undefined;
      return true;
    };
    this.abortInFlight = (err) => {
      if (finish()) job.reject(err);
    };
    let timer: NodeJS.Timeout | undefined;
    const onTimeout = (): void => {
      if (!finish()) return;
      const secs = (this.opts.timeoutMs / 1000).toFixed(1);
      job.reject(
        new VaultError(`The keychain did not answer within ${secs} s when trying to ${job.what} it.`, {
          state: 'timeout',
          hint: KEYCHAIN_HINTS.timeout,
          retryable: true,
        }),
      );
      this.stall();
    };
    // The clock starts when the call reaches keytar: starting a worker is not the daemon's time.
    const onSent = (): void => {
      if (done) return;
      timer = setTimeout(onTimeout, this.opts.timeoutMs);
      timer.unref?.();
    };
    this.opts.backend.call(job.call, { onSent }).then(
      (value) => {
        if (!finish()) return;
        this.last = KEYCHAIN_OK;
        job.resolve(value);
        this.pump();
      },
      (err: unknown) => {
        if (!finish()) return;
        if (!(err instanceof VaultError)) this.last = this.opts.classify(err);
        job.reject(err);
        this.pump();
      },
    );
  }

  private stalledError(what: string): VaultError {
    const secs = this.stalledSince === undefined ? 0 : (this.opts.now() - this.stalledSince) / 1000;
    return new VaultError(
      `The keychain is not answering (a request sent ${secs.toFixed(1)} s ago is still pending), so the app did not ${what} it.`,
      { state: 'timeout', hint: KEYCHAIN_HINTS.timeout, retryable: true },
    );
  }

  private stall(): void {
    this.stalledSince ??= this.opts.now() - this.opts.timeoutMs;
    // The stuck call holds a thread of the worker until the daemon wakes up: drop the worker.
    this.opts.backend.abandon();
    for (const job of this.queue.splice(0)) job.reject(this.stalledError(job.what));
    void this.watch();
  }

  /** Reads the ping item on a fresh runner, for as long as it takes, until the daemon answers. */
  private async watch(): Promise<void> {
    if (this.watching) return;
    this.watching = true;
    try {
      while (this.stalledSince !== undefined && !this.closed) {
        try {
          await this.opts.backend.call(
            { op: 'get', service: this.opts.ping.service, account: this.opts.ping.account },
            { background: true },
          );
          this.recover(KEYCHAIN_OK);
        } catch (err) {
          if (err instanceof VaultError) {
            // The runner failed, not the daemon: keytar cannot load (give up), or a worker died.
            if (this.opts.backend.broken) this.recover(this.opts.classify(err));
            else await new Promise((r) => setTimeout(r, this.opts.retryDelayMs).unref?.());
          } else if (!DBUS_TIMEOUT.test(err instanceof Error ? err.message : String(err)))
            this.recover(this.opts.classify(err));
        }
      }
    } finally {
      this.watching = false;
    }
  }

  private recover(status: KeychainStatus): void {
    this.last = status;
    this.stalledSince = undefined;
    this.pump();
  }
}
