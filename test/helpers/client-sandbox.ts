/**
 * Our CloudClient bound to a real simulator over HTTP, for the client-sandbox integration tests:
 * any of the three auth kinds (permanent AK/SK, temporary AK/SK + security token, IAM password
 * with project discovery), a transport that records which operations got a 2xx answer (for the
 * coverage check), and small set-up helpers (create a server and wait for its job, stop it...).
 */
import { AkSkAuth } from '../../main/cloud/auth/aksk';
import { ProjectResolver } from '../../main/cloud/auth/project';
import { TokenAuth } from '../../main/cloud/auth/token';
import type { AuthProvider } from '../../main/cloud/auth/types';
import { CloudClient } from '../../main/cloud/client';
import { Transport, type HttpTransport } from '../../main/cloud/http';
import type { RetryOptions, RetryPolicy } from '../../main/cloud/retry';
import { startSandbox, type Sandbox } from '../../main/sandbox/server';
import type { SandboxOptions } from '../../main/sandbox/runtime';
import type { OperationId } from '../../shared/ecs/operations';

/** How the client authenticates to the simulator. */
export type AuthKind = 'aksk' | 'temporary' | 'password';

/** One request/answer the rig's transport saw. */
export interface Exchange {
  op: string;
  status: number;
  /** The request headers as sent (after signing or the token). */
  sent: Record<string, string>;
  /** The answer's Retry-After header, if any. */
  retryAfter?: string;
}

/** Options of {@link startClientRig}. */
export interface ClientRigOptions extends SandboxOptions {
  auth?: AuthKind;
  /** Sign with this secret key instead of the right one (AK/SK only). */
  wrongSk?: string;
  retry?: RetryPolicy | RetryOptions;
  /** Nova microversion for /v2.1/ rows that fix none. */
  microversion?: string;
}

/** A simulator and our client bound to it. */
export interface ClientRig {
  sb: Sandbox;
  client: CloudClient;
  auth: AuthProvider;
  /** Operation ids that received a 2xx answer through this rig's client. */
  exercised: Set<OperationId>;
  /** Every exchange the transport saw, in order. */
  log: Exchange[];
  vpcId: string;
  subnetId: string;
  /** Id of an active image whose name starts with `prefix` (default Ubuntu). */
  imageId(prefix?: string): string;
  close(): Promise<void>;
}

/** Poll fast: simulated time runs at a high speed in these tests. */
export const FAST_WAIT = { maxWaitMs: 60_000, minDelayMs: 5, maxDelayMs: 100 } as const;

/** Every rig started in this test file (its worker), for {@link exercisedInFile}. */
const fileExercised = new Set<OperationId>();

/** Operation ids that got a 2xx answer through any rig of the current test file. */
export function exercisedInFile(): ReadonlySet<OperationId> {
  return fileExercised;
}

/** Starts a simulator (speed 500 unless given) and builds our client with the chosen auth. */
export async function startClientRig(opts: ClientRigOptions = {}): Promise<ClientRig> {
  const { auth: kind = 'aksk', wrongSk, retry, microversion, ...sbOpts } = opts;
  const sb = await startSandbox({ speed: 500, ...sbOpts });
  const inner = new Transport({ proxy: 'direct' });
  const exercised = new Set<OperationId>();
  const log: Exchange[] = [];
  const transport: HttpTransport = {
    async send(req, o) {
      const res = await inner.send(req, o);
      const op = o?.operation ?? '?';
      const entry: Exchange = { op, status: res.status, sent: req.headers };
      const ra = res.headers['retry-after'];
      if (ra !== undefined) entry.retryAfter = Array.isArray(ra) ? ra[0]! : ra;
      log.push(entry);
      if (res.status >= 200 && res.status < 300) {
        exercised.add(op as OperationId);
        fileExercised.add(op as OperationId);
      }
      return res;
    },
  };
  const endpoints = { ecs: sb.info.endpoint, iam: sb.info.iamEndpoint, vpc: sb.info.endpoint };
  let auth: AuthProvider;
  let projectId: string | ((signal?: AbortSignal) => Promise<string>) = sb.info.projectId;
  if (kind === 'password') {
    auth = new TokenAuth({
      iamEndpoint: sb.info.iamEndpoint,
      domainName: sb.info.domainName,
      userName: sb.info.userName,
      password: sb.info.password,
      projectName: sb.info.region,
      transport,
    });
  } else if (kind === 'temporary') {
    const t = sb.temporaryCredentials();
    auth = new AkSkAuth({ ak: t.ak, sk: t.sk, securityToken: t.securityToken });
  } else {
    auth = new AkSkAuth({ ak: sb.info.ak, sk: wrongSk ?? sb.info.sk });
  }
  if (kind === 'password') {
    // Project discovery through the simulator's IAM (GET /v3/projects?name=<region>).
    // `client` is read when the first call needs the project, after it was built below.
    const resolver: ProjectResolver = new ProjectResolver({
      call: (id, input, o) => client.call(id, input, o),
    });
    projectId = (signal) => resolver.resolve(sb.info.region, signal);
  }
  const client: CloudClient = new CloudClient({
    region: sb.info.region,
    endpoints,
    auth,
    transport,
    projectId,
    ...(retry !== undefined ? { retry } : {}),
    ...(microversion !== undefined ? { microversion } : {}),
  });
  const subnet = [...sb.state.subnets.values()].find((s) => s.name === 'subnet-default')!;
  return {
    sb,
    client,
    auth,
    exercised,
    log,
    vpcId: subnet.vpc_id,
    subnetId: subnet.id,
    imageId(prefix = 'Ubuntu') {
      const img = [...sb.state.images.values()].find(
        (i) => i.status === 'active' && i.name.startsWith(prefix),
      );
      if (!img) throw new Error(`no active image named ${prefix}*`);
      return img.id;
    },
    async close() {
      await inner.close();
      await sb.close();
    },
  };
}

/** Options of {@link createServer}. */
export interface CreateServerOptions {
  name?: string;
  count?: number;
  flavorRef?: string;
  availability_zone?: string;
  key_name?: string;
  extra?: Record<string, unknown>;
}

/** createServers (ECS v1) and client.waitForJob; resolves the new server ids. */
export async function createServers(rig: ClientRig, o: CreateServerOptions = {}): Promise<string[]> {
  const res = await rig.client.call('createServers', {
    body: {
      server: {
        name: o.name ?? 'it-server',
        imageRef: rig.imageId(),
        flavorRef: o.flavorRef ?? 's6.small.1',
        vpcid: rig.vpcId,
        nics: [{ subnet_id: rig.subnetId }],
        root_volume: { volumetype: 'SSD' },
        availability_zone: o.availability_zone ?? 'sandbox-1a',
        adminPass: 'Sandbox#2024x',
        count: o.count ?? 1,
        ...(o.key_name !== undefined ? { key_name: o.key_name } : {}),
        ...o.extra,
      },
    } as never,
  });
  const job = await rig.client.waitForJob(res.job_id!, FAST_WAIT);
  if (job.status !== 'SUCCESS') throw new Error(`create job ended ${job.status}`);
  const ids = (res as { serverIds?: string[] }).serverIds;
  if (!ids || ids.length !== (o.count ?? 1)) throw new Error('createServers returned no serverIds');
  return ids;
}

/** Creates one server and resolves its id. */
export async function createServer(rig: ClientRig, o: CreateServerOptions = {}): Promise<string> {
  return (await createServers(rig, o))[0]!;
}

/** batchStopServers + waitForJob. */
export async function stopServers(rig: ClientRig, ids: string[]): Promise<void> {
  const r = await rig.client.call('batchStopServers', {
    body: { 'os-stop': { type: 'SOFT', servers: ids.map((id) => ({ id })) } },
  });
  await rig.client.waitForJob(r.job_id!, FAST_WAIT);
}

/** Polls novaShowServer until `status` (Nova actions have no job). */
export async function untilStatus(
  rig: ClientRig,
  id: string,
  status: string,
): Promise<Record<string, unknown>> {
  return rig.client.waitFor(
    async () => {
      const s = (await rig.client.call('novaShowServer', { path: { server_id: id } }))
        .server as unknown as Record<string, unknown>;
      return s.status === status ? { done: true, value: s } : { done: false, status: String(s.status) };
    },
    { ...FAST_WAIT, what: `server ${id} ${status}` },
  );
}

/** Polls a sandbox predicate (for simulator-side state with no API to poll, e.g. a volume's status). */
export async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
