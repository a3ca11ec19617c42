/**
 * `startSandbox`: the HTTP server on 127.0.0.1 and the request pipeline
 * (faults -> body -> route -> auth -> rate limit -> project check -> handler -> answer).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { authenticate, checkProject, issueTemporaryCredentials } from './auth';
import { RequestContext } from './context';
import { EcsFault, GatewayFault, checkFaultOps, faultApplies, isHttpFault } from './faults';
import { loadStateFile, saveStateFile, saveStateFileSync } from './persistence';
import { registerRoutes } from './routes';
import { Query } from './query';
import { Router } from './router';
import {
  parseFaults,
  type SandboxInfo,
  type SandboxOptions,
  type SandboxRuntime,
  type TemporaryCredentials,
} from './runtime';
import { Scheduler } from './scheduler';
import { initialState, seedServers } from './seed';
import { isIamPath, pickScope, scopeInfo, scopeStateFile, newScopeState, shareOf } from './scopes';
import { SandboxState, hexId, type StateData } from './state';

/** AK/SK requests may carry at most 12 MB (§4.2). */
const MAX_BODY = 12 * 1024 * 1024;

/** A running sandbox. */
export interface Sandbox {
  info: SandboxInfo;
  /** The first scope's state (the only one of a single-scope sandbox). */
  state: SandboxState;
  runtime: SandboxRuntime;
  /** Every scope, account-major (scope k is account floor(k / regions), region k % regions). */
  runtimes: SandboxRuntime[];
  /** Counters: requests refused by flow control (429) since start. */
  stats: { throttled: number };
  router: Router;
  /** Faults injected so far (requests answered 5xx, reset, committed then dropped). */
  faultCounts(): FaultCounts;
  /** Issues a temporary AK/SK/security-token triple. */
  temporaryCredentials(ttlMs?: number): TemporaryCredentials;
  /** Stops listening, cancels pending steps, saves the state file; idempotent. */
  close(): Promise<void>;
}

/** Counts of injected request faults. */
export interface FaultCounts {
  errors: number;
  resets: number;
  drops: number;
}

/** Token bucket per project for the `rate` option. */
class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly rate: number) {}

  /** Takes one token; returns 0 when allowed, else the seconds to wait. */
  take(key: string, now = Date.now()): number {
    const b = this.buckets.get(key) ?? { tokens: this.rate, at: now };
    b.tokens = Math.min(this.rate, b.tokens + ((now - b.at) / 1000) * this.rate);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.rate));
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** One scope's state, kept in its own file when the sandbox persists (debounced on change). */
function persist(state: SandboxState, file: string | undefined, debounceMs: number) {
  let saveTimer: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();
  if (file !== undefined) {
    state.onChange(() => {
      if (saveTimer) return;
      saveTimer = setTimeout(() => {
        saveTimer = undefined;
        const data = state.toData();
        saving = saving
          .then(() => saveStateFile(file, data))
          .catch((err: unknown) => {
            process.emitWarning(`sandbox: could not save ${file}: ${(err as Error).message}`);
          });
      }, debounceMs);
      saveTimer.unref();
    });
  }
  return {
    async close(): Promise<void> {
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = undefined;
      await saving;
      if (file !== undefined) saveStateFileSync(file, state.toData());
    },
  };
}

/** Starts a sandbox; resolves once it listens. Throws on a corrupt state file or bad options. */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const faults = parseFaults(opts.faults);
  const router = new Router();
  registerRoutes(router);
  checkFaultOps(faults, new Set(router.list().flatMap((r) => (r.options.name ? [r.options.name] : []))));
  const injected: FaultCounts = { errors: 0, resets: 0, drops: 0 };
  const speed = opts.speed ?? 1;
  if (opts.rate !== undefined && !(opts.rate > 0)) throw new Error(`rate must be > 0, got ${opts.rate}`);
  const regionCount = opts.regions ?? 1;
  const accountCount = opts.accounts ?? 1;
  for (const [what, n] of [
    ['regions', regionCount],
    ['accounts', accountCount],
  ] as const)
    if (!Number.isInteger(n) || n < 1 || n > 50)
      throw new Error(`${what} must be a whole number 1-50, got ${n}`);
  const scopeCount = regionCount * accountCount;

  // One runtime per account x region, account-major: scope k is account floor(k / regions).
  const runtimes: SandboxRuntime[] = [];
  const savers: ReturnType<typeof persist>[] = [];
  const schedulers: Scheduler[] = [];
  const identities: StateData[] = [];
  for (let a = 0; a < accountCount; a++)
    for (let r = 0; r < regionCount; r++) {
      const file = opts.stateFile !== undefined ? scopeStateFile(opts.stateFile, a, r) : undefined;
      const loaded = file !== undefined ? loadStateFile(file) : undefined;
      const data = loaded ?? (a === 0 && r === 0 ? initialState() : newScopeState(a, r, identities[a]));
      identities[a] ??= data;
      const state = new SandboxState(data);
      savers.push(persist(state, file, opts.saveDebounceMs ?? 200));
      const scheduler = new Scheduler(
        speed,
        () => state.changed(),
        (err) => {
          process.emitWarning(`sandbox step failed: ${(err as Error).stack ?? String(err)}`);
        },
      );
      schedulers.push(scheduler);
      const info: SandboxInfo = {
        endpoint: '',
        iamEndpoint: '',
        region: state.account.region,
        projectId: state.projectId,
        domainName: state.account.domainName,
        userName: state.account.userName,
        password: state.account.password,
        ak: Object.keys(state.account.keys)[0]!,
        sk: Object.values(state.account.keys)[0]!,
      };
      const runtime: SandboxRuntime = { state, scheduler, faults, info, random: opts.random ?? Math.random };
      const servers = shareOf(opts.servers ?? 0, scopeCount, runtimes.length);
      if (!loaded && servers > 0)
        seedServers(runtime, servers, {
          ...(opts.disks !== undefined ? { disks: shareOf(opts.disks, scopeCount, runtimes.length) } : {}),
          ...(opts.nics !== undefined ? { nics: shareOf(opts.nics, scopeCount, runtimes.length) } : {}),
        });
      if (file !== undefined && !loaded) saveStateFileSync(file, state.toData());
      runtimes.push(runtime);
    }
  if (scopeCount > 1) for (const rt of runtimes) rt.directory = runtimes;
  const runtime = runtimes[0]!;
  const { state, info } = runtime;

  const limiter = opts.rate !== undefined ? new RateLimiter(opts.rate) : undefined;
  const sockets = new Set<Socket>();
  const stats = { throttled: 0 };

  const handle = async (
    regionScopes: readonly SandboxRuntime[],
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    // IAM is global: its routes see every scope (a token of any region, any account's keys).
    const runtime = pickScope(isIamPath(rawPath) ? runtimes : regionScopes, req.headers);
    const { state } = runtime;
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readBody(req);
    const ctx = new RequestContext(
      runtime,
      method,
      rawPath,
      rawQuery,
      new Query(rawQuery),
      req.headers,
      Buffer.isBuffer(body) ? body : Buffer.alloc(0),
      hexId(),
      res,
    );
    try {
      if (body === 'too-large')
        throw new GatewayFault(
          413,
          'APIGW.0201',
          'Request entity too large: AK/SK requests carry at most 12 MB.',
        );
      const m = router.match(method, rawPath);
      // Faults come before the 404/405 answers, as a gateway failure would; the filter needs the route name.
      const routeName = typeof m === 'object' ? m.route.options.name : undefined;
      if (faults.latencyMs > 0 && faultApplies(faults, 'latency', routeName))
        await new Promise((r) => setTimeout(r, faults.latencyMs));
      if (
        faults.resetRate > 0 &&
        faultApplies(faults, 'reset', routeName) &&
        runtime.random() < faults.resetRate
      ) {
        injected.resets++;
        req.socket.destroy();
        return;
      }
      if (
        faults.errorRate > 0 &&
        faultApplies(faults, 'error', routeName) &&
        runtime.random() < faults.errorRate
      ) {
        injected.errors++;
        const status = [500, 502, 503][Math.floor(runtime.random() * 3)] ?? 500;
        throw new EcsFault(
          status === 500 ? 'Common.0001' : 'Ecs.0002',
          'Injected fault: the service is temporarily unavailable.',
          { status },
        );
      }
      // Decided now, applied to whatever the request answers: the handler still runs and commits.
      if (
        faults.dropRate > 0 &&
        faultApplies(faults, 'drop', routeName) &&
        runtime.random() < faults.dropRate
      )
        ctx.dropAnswer = () => {
          injected.drops++;
          req.socket.destroy();
        };
      if (m === undefined)
        throw new GatewayFault(
          404,
          'APIGW.0101',
          `The API does not exist or has not been published in the environment: ${method} ${rawPath}`,
        );
      if (m === 'method')
        throw new GatewayFault(405, 'APIGW.0102', `Method ${method} is not allowed on ${rawPath}.`);
      ctx.params = m.params;
      const opt = m.route.options;
      if (opt.auth !== 'none') {
        let caller = authenticate(runtime, {
          method,
          rawPath,
          rawQuery,
          headers: req.headers,
          body: ctx.body,
        });
        if (limiter) {
          const wait = limiter.take(caller.projectId);
          if (wait > 0) stats.throttled++;
          if (wait > 0)
            throw new EcsFault(
              'Common.1503',
              `Api flow control Error because the request rate of project ${caller.projectId} exceeds ${opts.rate}/s.`,
              { headers: { 'Retry-After': String(wait) } },
            );
        }
        const urlProject = m.params.project_id ?? m.params.tenant_id;
        if (urlProject !== undefined) {
          const explicit = req.headers['x-project-id'] !== undefined;
          caller = checkProject(runtime, caller, urlProject, opt.projectMismatch ?? 'ecs', explicit);
        }
        ctx.caller = caller;
      } else if (limiter) {
        const wait = limiter.take(`ip:${req.socket.remoteAddress ?? ''}`);
        if (wait > 0)
          throw new EcsFault('Common.1503', 'Api flow control Error because the request rate is too high.', {
            headers: { 'Retry-After': String(wait) },
          });
      }
      await m.route.handler(ctx);
      if (!ctx.replied) throw new Error(`sandbox bug: ${method} ${m.route.pattern} did not answer`);
      if (method !== 'GET' && method !== 'HEAD') state.changed();
    } catch (err) {
      if (ctx.replied) return;
      if (isHttpFault(err)) ctx.fault(err);
      else {
        process.emitWarning(`sandbox: ${method} ${rawPath} failed: ${(err as Error).stack ?? String(err)}`);
        ctx.fault(new EcsFault('Common.0001', 'System exception.', { status: 500 }));
      }
    }
  };

  // One listener per region: the region's scopes (one per account) share its endpoint.
  const servers: Server[] = [];
  for (let r = 0; r < regionCount; r++) {
    const regionScopes = runtimes.filter((_, k) => k % regionCount === r);
    const server = createServer((req, res) => {
      handle(regionScopes, req, res).catch((err: unknown) => {
        process.emitWarning(`sandbox: unhandled ${(err as Error).message}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    server.keepAliveTimeout = 5000;
    server.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    servers.push(server);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        // Only the first region takes the requested port; the others take free ones.
        server.listen(r === 0 ? (opts.port ?? 0) : 0, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      for (const s of servers) s.close();
      for (const sc of schedulers) sc.close();
      throw err;
    }
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const rt of regionScopes) rt.info.endpoint = endpoint;
  }
  for (const rt of runtimes) rt.info.iamEndpoint = info.endpoint;
  info.scopes = runtimes.map((rt, k) => scopeInfo(rt, Math.floor(k / regionCount)));

  let closing: Promise<void> | undefined;
  return {
    info,
    state,
    runtime,
    runtimes,
    stats,
    router,
    faultCounts: () => ({ ...injected }),
    temporaryCredentials: (ttlMs) => issueTemporaryCredentials(runtime, ttlMs),
    close() {
      closing ??= (async () => {
        for (const sc of schedulers) sc.close();
        const closed = servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeIdleConnections();
            }),
        );
        setTimeout(() => {
          for (const s of sockets) s.destroy();
        }, 200).unref();
        await Promise.all(closed);
        await Promise.all(savers.map((s) => s.close()));
      })();
      return closing;
    },
  };
}
