/**
 * Where keytar calls run. In production: a worker process (keychain-worker.ts) spoken to over a
 * line protocol on stdio, that can be killed and replaced when the keyring daemon stops answering.
 * keytar runs its calls on libuv's thread pool; in the app's own process four calls stuck on a
 * frozen daemon would starve every file read of the app (~75 s measured), in the worker they
 * starve nothing but the worker. In tests: an injected keytar stand-in, in process.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { KEYCHAIN_HINTS, VaultError, keytarLoadError } from './vault-error';
import {
  MAX_LINE_CHARS,
  parseWorkerLine,
  toLine,
  type KeychainOp,
  type KeychainRequest,
} from './keychain-protocol';

/** The subset of keytar's API the vault uses (injectable for tests of the timeout logic). */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** One keytar call, without the id the protocol adds. */
export type KeychainCall = Omit<KeychainRequest, 'id'>;

/** Options of one {@link KeychainBackend.call}. */
export interface CallOptions {
  background?: boolean;
  onSent?: () => void;
}

/**
 * Runs keytar calls. `call` rejects with keytar's own Error (the daemon's answer) or with a
 * VaultError when the runner itself failed (worker crashed, unreadable, could not start).
 */
export interface KeychainBackend {
  /**
   * Runs one call; `onSent` fires once it reaches keytar (after a worker start, which does not
   * count as the daemon's time); `background` calls do not keep a Node process alive on their own.
   */
  call(call: KeychainCall, opts?: CallOptions): Promise<string | boolean | null>;
  /** Gives up on every call in flight (kills the worker); the next call gets a fresh one. */
  abandon(): void;
  /** Ends the backend for good without waiting for anything; later calls reject. */
  close(): void;
  /** True when keytar cannot be loaded at all: retrying is pointless. */
  readonly broken: boolean;
}

/** How to start the worker: an executable, its arguments and environment. */
export interface WorkerLaunch {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

/**
 * The worker next to this module: `keychain-worker.js` in a build (electron-vite emits it as a
 * second main entry beside index.js), else `keychain-worker.ts` through tsx (tests, harness).
 * `process.execPath` is node, or Electron's binary, which ELECTRON_RUN_AS_NODE turns into node.
 * `moduleUrl` stands for this module's URL (tests of the built layout).
 */
export function defaultWorkerLaunch(
  env: NodeJS.ProcessEnv = process.env,
  moduleUrl: string = import.meta.url,
): WorkerLaunch {
  const here = dirname(fileURLToPath(moduleUrl));
  const workerEnv = { ...env, ELECTRON_RUN_AS_NODE: '1' };
  // The bundle may put this module in a chunk folder below the entries.
  for (const dir of [here, dirname(here)]) {
    const js = join(dir, 'keychain-worker.js');
    if (existsSync(js)) return { command: process.execPath, args: [js], env: workerEnv };
  }
  const ts = join(here, 'keychain-worker.ts');
  if (existsSync(ts)) {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    return { command: process.execPath, args: ['--import', tsx, ts], env: workerEnv };
  }
  throw new VaultError(`The keychain helper script is missing (looked for keychain-worker.js in ${here}).`, {
    state: 'error',
    hint: 'Reinstall the app, or use session-only mode.',
  });
}

const OP_WORDS: Record<KeychainOp, string> = {
  get: 'reading a secret',
  set: 'storing a secret',
  delete: 'deleting a secret',
};

interface Pending {
  op: KeychainOp;
  resolve: (value: string | boolean | null) => void;
  reject: (err: unknown) => void;
}

/** keytar in a worker process; see the module comment. */
export class WorkerBackend implements KeychainBackend {
  private proc: ChildProcessWithoutNullStreams | undefined;
  private ready: Promise<void> | undefined;
  /** Settles `ready`: no argument once the worker said hello, an error when it never will. */
  private settleReady: (err?: unknown) => void = () => undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Calls whose caller waits for them (not the background health check). */
  private foreground = 0;
  private closed = false;
  private loadError: VaultError | undefined;
  private stderrTail = '';
  private readonly launch: () => WorkerLaunch;
  private readonly startTimeoutMs: number;

  constructor(opts: { launch?: WorkerLaunch; startTimeoutMs?: number } = {}) {
    this.launch = opts.launch ? () => opts.launch! : () => defaultWorkerLaunch();
    // Generous: from sources the worker is compiled by tsx first, on a machine that may be busy.
    this.startTimeoutMs = opts.startTimeoutMs ?? 20_000;
  }

  get broken(): boolean {
    return this.loadError !== undefined;
  }

  /** The worker's process id while one runs (diagnostics and tests). */
  get pid(): number | undefined {
    return this.proc?.pid;
  }

  async call(call: KeychainCall, opts: CallOptions = {}): Promise<string | boolean | null> {
    if (this.closed)
      throw new VaultError('The keychain is closed: the app is shutting down.', { state: 'error' });
    if (this.loadError) throw this.loadError;
    const foreground = opts.background !== true;
    if (foreground) this.foreground++;
    try {
      const proc = this.start();
      this.holdProcess();
      await this.ready;
      if (this.proc !== proc) throw this.stopped(call.op, 'was stopped');
      const id = this.nextId++;
      return await new Promise((resolve, reject) => {
        this.pending.set(id, { op: call.op, resolve, reject });
        proc.stdin.write(toLine({ id, ...call }));
        opts.onSent?.();
      });
    } finally {
      if (foreground) this.foreground--;
      this.holdProcess();
    }
  }

  abandon(): void {
    this.kill((op) => this.stopped(op, 'was stopped after the keychain stopped answering'));
  }

  close(): void {
    this.closed = true;
    this.kill(() => new VaultError('The keychain is closed: the app is shutting down.', { state: 'error' }));
  }

  private kill(error: (op: KeychainOp) => VaultError): void {
    const proc = this.proc;
    if (!proc) return;
    this.detach(proc, error('get'));
    // SIGKILL: the worker may be stuck in a daemon call that nothing else would interrupt.
    proc.kill('SIGKILL');
    this.failAll(error);
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.proc) return this.proc;
    const launch = this.launch();
    const proc = spawn(launch.command, launch.args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: launch.env ?? process.env,
      windowsHide: true,
    });
    this.proc = proc;
    this.stderrTail = '';
    let buffered = '';
    this.ready = new Promise<void>((resolve, reject) => {
      this.settleReady = (err) => (err === undefined ? resolve() : reject(err));
    });
    // Callers that race start and stop handle the rejection themselves.
    this.ready.catch(() => undefined);
    const startTimer = setTimeout(() => {
      if (this.proc !== proc) return;
      this.broke(proc, `did not start within ${(this.startTimeoutMs / 1000).toFixed(1)} s`);
    }, this.startTimeoutMs);
    startTimer.unref();
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      if (this.proc !== proc) return;
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const msg = parseWorkerLine(line);
        if (msg?.kind === 'hello') {
          clearTimeout(startTimer);
          if (msg.ready) this.settleReady();
          else {
            const failure = keytarLoadError(msg.error);
            this.loadError = failure;
            this.detach(proc, failure);
            proc.kill('SIGKILL');
            this.failAll(() => failure);
          }
        } else if (msg?.kind === 'reply' && this.pending.has(msg.id)) {
          const p = this.pending.get(msg.id)!;
          this.pending.delete(msg.id);
          if (msg.ok) p.resolve(msg.value);
          else p.reject(new Error(msg.error));
        } else {
          // Not our protocol (or an answer to nothing asked): the worker cannot be trusted.
          this.broke(proc, 'answered something unreadable');
        }
        if (this.proc !== proc) return;
      }
      if (buffered.length > MAX_LINE_CHARS) this.broke(proc, 'answered something unreadable');
    });
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-2000);
    });
    // A write to a worker that just died: its exit is reported below.
    proc.stdin.on('error', () => undefined);
    proc.on('error', (err) => {
      clearTimeout(startTimer);
      if (this.proc !== proc) return;
      const failure = new VaultError(`The keychain helper process could not be started: ${err.message}`, {
        state: 'error',
        hint: KEYCHAIN_HINTS.worker,
        cause: err,
      });
      this.detach(proc, failure);
      this.failAll(() => failure);
    });
    proc.on('exit', (code, signal) => {
      clearTimeout(startTimer);
      if (this.proc !== proc) return;
      const how = signal ? `was ended by ${signal}` : `exited with code ${code}`;
      this.detach(proc, this.stopped('start', how));
      this.failAll((op) => this.stopped(op, how));
    });
    return proc;
  }

  /** Kills a worker that broke the protocol and fails what it was doing with `why`. */
  private broke(proc: ChildProcessWithoutNullStreams, why: string): void {
    if (this.proc !== proc) return;
    this.detach(proc, this.stopped('start', why));
    proc.kill('SIGKILL');
    this.failAll((op) => this.stopped(op, why));
  }

  private stopped(op: KeychainOp | 'start', how: string): VaultError {
    const doing = op === 'start' ? 'starting' : OP_WORDS[op];
    const lastLine = this.stderrTail.trim().split('\n').at(-1)?.slice(0, 300);
    return new VaultError(
      `The keychain helper process ${how} while ${doing}${lastLine ? ` (${lastLine})` : ''}; it is started again on the next request.`,
      { state: 'error', hint: KEYCHAIN_HINTS.worker, retryable: true },
    );
  }

  /** Forgets the current worker (its later events are ignored); `why` fails a pending start. */
  private detach(proc: ChildProcessWithoutNullStreams, why: unknown): void {
    if (this.proc === proc) {
      this.settleReady(why);
      this.proc = undefined;
      this.ready = undefined;
    }
    // Closing its stdin also tells a worker that is still alive to leave.
    proc.stdin.destroy();
  }

  private failAll(error: (op: KeychainOp) => VaultError): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(error(p.op));
  }

  // An idle worker must not keep a Node process (a test, the harness) from exiting; a caller
  // waiting for an answer must. The background health check never does.
  private holdProcess(): void {
    const proc = this.proc;
    if (!proc) return;
    const streams = [proc.stdout, proc.stderr, proc.stdin] as unknown as Array<{
      ref?: () => void;
      unref?: () => void;
    }>;
    if (this.foreground > 0) {
      proc.ref();
      for (const s of streams) s.ref?.();
    } else {
      proc.unref();
      for (const s of streams) s.unref?.();
    }
  }
}

/** keytar (or a stand-in) in this process: no isolation, for tests of the vault's logic. */
export class InProcessBackend implements KeychainBackend {
  readonly broken = false;
  private closed = false;
  constructor(private readonly keytar: KeytarLike) {}

  async call(call: KeychainCall, opts: CallOptions = {}): Promise<string | boolean | null> {
    if (this.closed)
      throw new VaultError('The keychain is closed: the app is shutting down.', { state: 'error' });
    opts.onSent?.();
    if (call.op === 'get') return this.keytar.getPassword(call.service, call.account);
    if (call.op === 'set') {
      await this.keytar.setPassword(call.service, call.account, call.password ?? '');
      return true;
    }
    return this.keytar.deletePassword(call.service, call.account);
  }

  // A call in this process cannot be interrupted: it is only forgotten.
  abandon(): void {}

  close(): void {
    this.closed = true;
  }
}
