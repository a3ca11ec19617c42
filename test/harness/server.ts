/**
 * The browser harness (test-only): an HTTP server on 127.0.0.1 that runs the real main-process
 * services (createServices with a temp data folder and the Sandbox) and serves the built renderer
 * plus a bridge of the same contract: `POST /bridge/invoke` ({channel, arg}) -> dispatch, and
 * `GET /bridge/events` (Server-Sent Events) for pushed events. Every bridge request must carry the
 * random token of the URL in the `X-Harness-Token` header, name the harness itself as Host, and
 * come from no Origin or the harness's own, or it gets 403.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize, resolve } from 'node:path';
import { SANDBOX_ACCOUNT_ID } from '../../shared/accounts';
import type { AppInfo } from '../../shared/ipc/contract';
import { createIpc, type AppEvent, type Ipc } from '../../main/ipc/index';
import { createServices, type Services, type ServicesOptions } from '../../main/services';
import { contentTypeOf } from './content-types';

/** The header the page sends the token in. */
export const TOKEN_HEADER = 'x-harness-token';
/** Largest invoke body accepted (the biggest schema field is 1 MB). */
const MAX_BODY = 2 * 1024 * 1024;

/** Options of {@link startHarness}. */
export interface HarnessOptions {
  /** TCP port on 127.0.0.1 (default 0: a free one). */
  port?: number;
  /** Servers to seed the Sandbox with (default 0). */
  servers?: number;
  /** Disks in all when seeding (default one system disk per server). */
  disks?: number;
  /** NICs in all when seeding (default one per server). */
  nics?: number;
  /** Simulated ms per real ms of the Sandbox (default 1). */
  speed?: number;
  /** Sandbox regions and accounts (default 1 each); with more than one scope the Sandbox accounts are configured. */
  regions?: number;
  accounts?: number;
  /** Sandbox flow control, requests per second per project (default unlimited). */
  rate?: number;
  /** Use the real OS keychain instead of an in-memory vault (default false). */
  keychain?: boolean;
  /** The built renderer (default out/renderer). */
  rendererDir?: string;
  /** A data folder to use (default: a fresh temporary one, removed at close). */
  dataDir?: string;
  /** Extra service options (tests: job tracker tuning). */
  services?: Partial<ServicesOptions>;
}

/** A running harness. */
export interface Harness {
  /** The page URL, token included. */
  url: string;
  /** The origin, without the token. */
  origin: string;
  token: string;
  services: Services;
  ipc: Ipc;
  /** Stops the HTTP server, the event streams and the services; removes a temporary data folder. */
  close(): Promise<void>;
}

function tokenOk(req: IncomingMessage, token: string): boolean {
  const given = req.headers[TOKEN_HEADER];
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  // SECURITY: constant-time comparison, so the token cannot be guessed byte by byte.
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * SECURITY: DNS rebinding defence. A page of evil.example whose name was rebound to 127.0.0.1 sends
 * `Host: evil.example:<port>`: only the loopback names of our own port are served.
 */
function hostOk(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/**
 * SECURITY: cross-origin defence. Browsers send Origin on every cross-origin request (and on a
 * same-origin POST); the bridge answers only when it is absent or one of the harness's own.
 */
function originOk(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  return (
    origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`
  );
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => ok(tooBig ? undefined : Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * Opens the app with the multi-scope Sandbox's accounts configured: one app account per Sandbox
 * account (AK/SK in the vault, every Sandbox region enabled). The built-in Sandbox account is
 * hidden, since the first of these covers its account and region.
 */
export async function configureSandboxAccounts(services: Services): Promise<void> {
  const scopes = services.sandbox?.info.scopes ?? [];
  const regions = [...new Set(scopes.map((s) => s.region))];
  for (const n of [...new Set(scopes.map((s) => s.account))]) {
    const first = scopes.find((s) => s.account === n)!;
    await services.accounts.add({
      kind: 'aksk',
      name: first.domainName,
      defaultRegion: regions[0]!,
      regions,
      accessKeyId: first.ak,
      secretKey: first.sk,
    });
  }
  await services.accounts.edit({ id: SANDBOX_ACCOUNT_ID, hidden: true });
}

/** Starts the harness: services, IPC and the HTTP server on 127.0.0.1. */
export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const ownDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'ecs-desktop-harness-')));
  const rendererDir = resolve(opts.rendererDir ?? join(import.meta.dirname, '../../out/renderer'));
  const token = randomBytes(24).toString('base64url');

  const services = await createServices({
    dataDir,
    // In-memory secrets by default: the harness must not touch the developer's keychain.
    vaultMode: opts.keychain ? 'keychain' : 'session-only',
    sandbox: {
      servers: opts.servers ?? 0,
      speed: opts.speed ?? 1,
      ...(opts.regions !== undefined ? { regions: opts.regions } : {}),
      ...(opts.accounts !== undefined ? { accounts: opts.accounts } : {}),
      ...(opts.rate !== undefined ? { rate: opts.rate } : {}),
      ...(opts.disks !== undefined ? { disks: opts.disks } : {}),
      ...(opts.nics !== undefined ? { nics: opts.nics } : {}),
    },
    env: {},
    // The account importer looks only inside the data folder unless a test points it elsewhere:
    // the harness never reads the developer's ~/.huaweicloud, KooCLI or clouds.yaml.
    importSources: { home: dataDir, cwd: dataDir, etcOpenstack: join(dataDir, 'etc-openstack') },
    // No update checker (services.updates absent): the harness never calls out.
    ...opts.services,
  });
  if ((opts.regions ?? 1) * (opts.accounts ?? 1) > 1) await configureSandboxAccounts(services);
  const pkg = JSON.parse(await readFile(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const appInfo = (): AppInfo => ({
    name: pkg.name,
    version: pkg.version,
    versions: { node: process.versions.node },
    shell: 'harness',
  });
  // The HTTP layer checks the token; a request that reaches dispatch is our own page.
  const ipc = createIpc(services, { appInfo, isTrustedSender: (s) => s.url === 'harness:' });

  const streams = new Set<ServerResponse>();
  const offEvents = ipc.onEvent((event: AppEvent) => {
    const frame = `event: ${event.channel}\ndata: ${JSON.stringify(event.payload)}\n\n`;
    for (const res of streams) res.write(frame);
  });

  const serveFile = async (pathname: string, res: ServerResponse): Promise<void> => {
    let path: string;
    try {
      path = decodeURIComponent(pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path));
    // SECURITY: nothing outside the built renderer is served.
    if (file !== rendererDir && !file.startsWith(rendererDir + '/')) {
      res.writeHead(403).end();
      return;
    }
    try {
      const data = await readFile(file);
      res.writeHead(200, { 'content-type': contentTypeOf(file) });
      res.end(data);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  };

  let port = 0;
  const server = createServer((req, res) => {
    if (!hostOk(req, port)) {
      send(res, 403, { error: 'Unexpected Host header.' });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!url.pathname.startsWith('/bridge/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      void serveFile(url.pathname, res);
      return;
    }
    // SECURITY: the bridge is the app's main process: only the page that holds the token may use it.
    if (!tokenOk(req, token)) {
      send(res, 403, { error: 'A valid harness token is required.' });
      return;
    }
    if (!originOk(req, port)) {
      send(res, 403, { error: 'Cross-origin requests are refused.' });
      return;
    }
    if (url.pathname === '/bridge/invoke' && req.method === 'POST') {
      void (async () => {
        const body = await readBody(req);
        if (body === undefined) return send(res, 413, { error: 'Request too large.' });
        let msg: unknown;
        try {
          msg = JSON.parse(body.toString('utf8'));
        } catch {
          return send(res, 400, { error: 'The body is not JSON.' });
        }
        const { channel, arg } = (typeof msg === 'object' && msg !== null ? msg : {}) as {
          channel?: unknown;
          arg?: unknown;
        };
        // dispatch never rejects: unknown channels and bad arguments come back as error results.
        const result = await ipc.dispatch(typeof channel === 'string' ? channel : '', arg, {
          url: 'harness:',
        });
        send(res, 200, result);
      })().catch(() => {
        if (!res.headersSent) send(res, 500, { error: 'Internal error.' });
      });
      return;
    }
    if (url.pathname === '/bridge/events' && req.method === 'GET') {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    send(res, 404, { error: 'No such bridge endpoint.' });
  });

  // SECURITY: loopback only.
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    services,
    ipc,
    close() {
      closing ??= (async () => {
        offEvents();
        for (const res of streams) res.end();
        streams.clear();
        server.closeAllConnections();
        await new Promise<void>((ok) => server.close(() => ok()));
        ipc.dispose();
        await services.dispose();
        if (ownDir) await rm(dataDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
