/**
 * A CloudClient wired to undici's MockAgent, with a recorder of every request the mock answered,
 * for the unit tests of the client pipeline.
 */
import { MockAgent } from 'undici';
import { AkSkAuth } from '../../main/cloud/auth/aksk';
import type { AuthProvider } from '../../main/cloud/auth/types';
import { CloudClient, type CloudClientOptions } from '../../main/cloud/client';
import { Transport, type HttpRequest, type HttpTransport } from '../../main/cloud/http';
import { RetryPolicy } from '../../main/cloud/retry';

/** Test origins. */
export const ECS = 'https://ecs.test.example';
/** Test IAM origin. */
export const IAM = 'https://iam.test.example';
/** Test project id. */
export const PROJECT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
/** Test access key pair. */
export const AK = 'TESTAKEXAMPLE0000001';
/** Test secret key (registered as a secret by AkSkAuth). */
export const SK = 'tEsTsEcReTkEy-do-not-leak-0123456789abcdef';

/** One request the mock received. */
export interface Recorded {
  origin: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** Normalizes MockAgent's header forms (object, flat array, Headers) to a lowercased record. */
export function headerRecord(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  if (Array.isArray(h)) {
    for (let i = 0; i + 1 < h.length; i += 2) out[String(h[i]).toLowerCase()] = String(h[i + 1]);
  } else if (typeof (h as Headers).forEach === 'function' && !(h.constructor === Object)) {
    (h as Headers).forEach((v, k) => (out[k.toLowerCase()] = v));
  } else {
    for (const [k, v] of Object.entries(h as Record<string, unknown>)) out[k.toLowerCase()] = String(v);
  }
  return out;
}

/** Converts the body MockAgent hands to a reply callback into bytes. */
export function bodyBytes(b: unknown): Buffer {
  if (b === undefined || b === null) return Buffer.alloc(0);
  if (typeof b === 'string') return Buffer.from(b);
  if (b instanceof Uint8Array) return Buffer.from(b);
  return Buffer.from(String(b));
}

/** A reply the scripted mock gives: status, JSON (or raw string) body, headers. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Fail the request at the network level with this error code instead of answering. */
  errorCode?: string;
}

/** Options of {@link mockCloud}. */
export interface MockCloudOptions extends Partial<CloudClientOptions> {
  auth?: AuthProvider;
}

/** A client, its MockAgent, the recorded requests and a scripting helper. */
export function mockCloud(opts: MockCloudOptions = {}) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const recorded: Recorded[] = [];
  const delays: number[] = [];
  const transport = new Transport({ dispatcher: agent });
  /** Every request handed to the transport (network failures included), in order. */
  const sends: HttpRequest[] = [];
  const recordingTransport: HttpTransport = {
    send: (req, o) => {
      sends.push(req);
      return transport.send(req, o);
    },
  };
  let clock = Date.parse('2025-01-07T10:00:00Z');
  const auth = opts.auth ?? new AkSkAuth({ ak: AK, sk: SK }, { now: () => new Date((clock += 1000)) });
  const client = new CloudClient({
    region: 'cn-north-4',
    endpoints: { ecs: ECS, iam: IAM },
    transport: recordingTransport,
    projectId: PROJECT,
    retry: new RetryPolicy({
      sleep: async (ms) => {
        delays.push(ms);
      },
    }),
    // Tests script exact wire exchanges; reconciliation (reads, markers) has its own tests.
    reconcile: false,
    ...opts,
    auth,
  });

  /** Answers requests to `origin` matching `method` and `path` (string or predicate) with `replies`, in order. */
  function script(
    method: string,
    path: string | ((p: string) => boolean),
    replies: Reply[],
    origin: string = ECS,
  ): void {
    const pool = agent.get(origin);
    for (const r of replies) {
      const interceptor = pool.intercept({ method, path });
      if (r.errorCode) {
        const err = Object.assign(new Error(`mock ${r.errorCode}`), { code: r.errorCode });
        // A throwing reply callback is not consumed by MockAgent; replyWithError is.
        interceptor.replyWithError(err);
        continue;
      }
      interceptor.reply((req) => {
        recorded.push(record(origin, req));
        const data = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
        return {
          statusCode: r.status,
          data,
          responseOptions: { headers: { 'content-type': 'application/json', ...(r.headers ?? {}) } },
        };
      });
    }
  }

  return { agent, client, transport, recorded, sends, delays, script, auth };
}

function record(
  origin: string,
  req: { method: string; path: string; headers?: unknown; body?: unknown },
): Recorded {
  return {
    origin,
    method: req.method,
    path: req.path,
    headers: headerRecord(req.headers),
    body: bodyBytes(req.body),
  };
}
