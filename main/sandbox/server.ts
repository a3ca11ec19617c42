/**
 * `startSandbox`: the HTTP server on 127.0.0.1 and the request pipeline
 * (faults -> body -> route -> auth -> rate limit -> project check -> handler -> answer).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { authenticate, checkProject, issueTemporaryCredentials } from './auth';
import { RequestContext } from './context';
import { EcsFault, GatewayFault, isHttpFault } from './faults';
import { loadStateFile, saveStateFile, saveStateFileSync } from './persistence';
import { registerRoutes } from './routes';
import { Query, Router } from './router';
import {
  parseFaults,
  type SandboxInfo,
  type SandboxOptions,
  type SandboxRuntime,
  type TemporaryCredentials,
} from './runtime';
import { Scheduler } from './scheduler';
import { initialState, seedServers } from './seed';
import { SandboxState, hexId } from './state';

/** AK/SK requests may carry at most 12 MB (§4.2). */
const MAX_BODY = 12 * 1024 * 1024;

/** A running sandbox. */
export interface Sandbox {
  info: SandboxInfo;
  state: SandboxState;
  runtime: SandboxRuntime;
  router: Router;
  /** Issues a temporary AK/SK/security-token triple. */
  temporaryCredentials(ttlMs?: number): TemporaryCredentials;
  /** Stops listening, cancels pending steps, saves the state file; idempotent. */
  close(): Promise<void>;
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

/** Starts a sandbox; resolves once it listens. Throws on a corrupt state file or bad options. */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const faults = parseFaults(opts.faults);
  const speed = opts.speed ?? 1;
  if (opts.rate !== undefined && !(opts.rate > 0)) throw new Error(`rate must be > 0, got ${opts.rate}`);
  const loaded = opts.stateFile !== undefined ? loadStateFile(opts.stateFile) : undefined;
  const state = new SandboxState(loaded ?? initialState());

  let saveTimer: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();
  const stateFile = opts.stateFile;
  if (stateFile !== undefined) {
    state.onChange(() => {
      if (saveTimer) return;
      saveTimer = setTimeout(() => {
        saveTimer = undefined;
        const data = state.toData();
        saving = saving
          .then(() => saveStateFile(stateFile, data))
          .catch((err: unknown) => {
            process.emitWarning(`sandbox: could not save ${stateFile}: ${(err as Error).message}`);
          });
      }, opts.saveDebounceMs ?? 200);
      saveTimer.unref();
    });
  }

  const scheduler = new Scheduler(
    speed,
    () => state.changed(),
    (err) => {
      process.emitWarning(`sandbox step failed: ${(err as Error).stack ?? String(err)}`);
    },
  );
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
  if (!loaded && (opts.servers ?? 0) > 0)
    seedServers(runtime, opts.servers ?? 0, {
      ...(opts.disks !== undefined ? { disks: opts.disks } : {}),
      ...(opts.nics !== undefined ? { nics: opts.nics } : {}),
    });
  if (stateFile !== undefined && !loaded) saveStateFileSync(stateFile, state.toData());

  const router = new Router();
  registerRoutes(router);
  const limiter = opts.rate !== undefined ? new RateLimiter(opts.rate) : undefined;
  const sockets = new Set<Socket>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
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
      if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
      if (faults.resetRate > 0 && runtime.random() < faults.resetRate) {
        req.socket.destroy();
        return;
      }
      if (faults.errorRate > 0 && runtime.random() < faults.errorRate) {
        const status = [500, 502, 503][Math.floor(runtime.random() * 3)] ?? 500;
        throw new EcsFault(
          status === 500 ? 'Common.0001' : 'Ecs.0002',
          'Injected fault: the service is temporarily unavailable.',
          { status },
        );
      }
      if (body === 'too-large')
        throw new GatewayFault(
          413,
          'APIGW.0201',
          'Request entity too large: AK/SK requests carry at most 12 MB.',
        );
      const m = router.match(method, rawPath);
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

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      process.emitWarning(`sandbox: unhandled ${(err as Error).message}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 5000;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  info.endpoint = `http://127.0.0.1:${port}`;
  info.iamEndpoint = info.endpoint;

  let closing: Promise<void> | undefined;
  return {
    info,
    state,
    runtime,
    router,
    temporaryCredentials: (ttlMs) => issueTemporaryCredentials(runtime, ttlMs),
    close() {
      closing ??= (async () => {
        scheduler.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => {
            for (const s of sockets) s.destroy();
          }, 200).unref();
        });
        if (saveTimer) clearTimeout(saveTimer);
        saveTimer = undefined;
        await saving;
        if (stateFile !== undefined) saveStateFileSync(stateFile, state.toData());
      })();
      return closing;
    },
  };
}
