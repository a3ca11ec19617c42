/**
 * Classifies the outcome of a connection test (one cheap signed call) into what the user can act
 * on: wrong key, clock skew, wrong region or project, no permission, network or proxy failure, ok.
 * A pure function: no I/O, the current time is an argument.
 */
import type { ConnectionDiagnosis } from '../../shared/accounts';
import { headerValue, parseErrorBody } from '../cloud/errors';

/** Huawei Cloud's API gateway refuses signatures whose X-Sdk-Date is more than 15 minutes off. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** The HTTP answer of the test call, when there was one. */
export interface ProbeResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body?: string;
}

/** What the connection test observed: an HTTP response, or an error (AppError, ErrorData, Node error). */
export interface DiagnosisInput {
  response?: ProbeResponse;
  error?: unknown;
  /** The local clock when the response arrived. */
  now: Date;
  /** Skew beyond which a refusal is blamed on the clock; defaults to {@link MAX_CLOCK_SKEW_MS}. */
  maxSkewMs?: number;
}

const NETWORK_CODES =
  /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|UND_ERR_\w+|CERT_\w+|UNABLE_TO_\w+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_\w+)$/;
const PROJECT_CODES = new Set(['Ecs.0023', 'Common.0018', 'APIGW.0101', 'APIG.0101', 'IAM.0008']);
const CLOCK_TEXT = /x-sdk-date|request (has )?expired|signature (has )?expired|time ?skew|clock|timestamp/i;
const TOKEN_EXPIRED_TEXT = /token.{0,30}expired|expired.{0,30}token|security.?token/i;
const PROJECT_TEXT =
  /project[ _]?id|project .*(not|does not) (exist|match)|region .*(not|does not) (exist|match)/i;

interface Observed {
  status?: number;
  apiCode?: string;
  message?: string;
  code?: string;
  headers?: Record<string, string | string[] | undefined>;
}

function field(obj: unknown, key: string): unknown {
  return typeof obj === 'object' && obj !== null ? (obj as Record<string, unknown>)[key] : undefined;
}

function observe(input: DiagnosisInput): Observed {
  const out: Observed = {};
  if (input.response) {
    out.status = input.response.status;
    out.headers = input.response.headers;
    const parsed = parseErrorBody(input.response.body ?? '');
    if (parsed.code !== undefined) out.apiCode = parsed.code;
    if (parsed.message !== undefined) out.message = parsed.message;
  }
  const err = input.error;
  if (err !== undefined) {
    const status = field(err, 'status');
    if (typeof status === 'number' && out.status === undefined) out.status = status;
    const apiCode = field(err, 'apiCode');
    if (typeof apiCode === 'string' && out.apiCode === undefined) out.apiCode = apiCode;
    const message = field(err, 'message');
    if (typeof message === 'string' && out.message === undefined) out.message = message;
    // Walk the cause chain for a Node/undici error code (ECONNREFUSED, UND_ERR_CONNECT_TIMEOUT...).
    let cur: unknown = err;
    for (let depth = 0; cur !== undefined && depth < 5; depth++) {
      const code = field(cur, 'code');
      if (typeof code === 'string' && (out.code === undefined || NETWORK_CODES.test(code))) out.code = code;
      cur = field(cur, 'cause');
    }
  }
  return out;
}

function skewOf(headers: Observed['headers'], now: Date): number | undefined {
  if (!headers) return undefined;
  const date = headerValue(headers, 'date');
  if (date === undefined) return undefined;
  const server = Date.parse(date);
  return Number.isNaN(server) ? undefined : server - now.getTime();
}

function describeSkew(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60000);
  const amount = minutes >= 120 ? `${Math.round(minutes / 60)} hours` : `${minutes} minutes`;
  return `this computer's clock is ${amount} ${ms > 0 ? 'behind' : 'ahead of'} the cloud's`;
}

/** Classifies one connection-test outcome into a verdict with plain words and what to do. */
export function diagnoseConnection(input: DiagnosisInput): ConnectionDiagnosis {
  const o = observe(input);
  const maxSkew = input.maxSkewMs ?? MAX_CLOCK_SKEW_MS;
  const skew = skewOf(o.headers, input.now);
  const base: Partial<ConnectionDiagnosis> = {};
  if (skew !== undefined) base.clockSkewMs = skew;
  if (o.status !== undefined) base.status = o.status;
  if (o.apiCode !== undefined) base.apiCode = o.apiCode;
  const text = `${o.apiCode ?? ''} ${o.message ?? ''}`;
  const skewed = skew !== undefined && Math.abs(skew) > maxSkew;

  if (o.status === undefined) {
    if (input.error === undefined)
      return { ...base, verdict: 'unknown', message: 'The connection test gave no answer.' };
    const code = o.code ?? '';
    const dns = code === 'ENOTFOUND' || code === 'EAI_AGAIN';
    const tls = /CERT|TLS|SELF_SIGNED|UNABLE_TO/.test(code);
    return {
      ...base,
      verdict: 'network',
      message: dns
        ? 'The endpoint host name could not be resolved.'
        : tls
          ? 'The secure connection failed: the server certificate was not accepted.'
          : `The cloud could not be reached${code ? ` (${code})` : ''}: ${o.message ?? 'no response'}.`,
      hint: dns
        ? 'Check the region and any custom endpoint, the DNS settings, and the proxy.'
        : tls
          ? 'If a corporate proxy inspects TLS, configure its CA certificate; otherwise check the custom endpoint URL.'
          : 'Check the network connection, the proxy settings and any firewall.',
    };
  }

  const status = o.status;
  if (status >= 200 && status < 300) {
    if (skewed)
      return {
        ...base,
        verdict: 'ok',
        message: `Connected, but ${describeSkew(skew)}.`,
        hint: 'Set the clock automatically (NTP): requests will be refused when it is more than 15 minutes off.',
      };
    return { ...base, verdict: 'ok', message: 'Connected: the credentials work in this region.' };
  }
  if (status === 407)
    return {
      ...base,
      verdict: 'network',
      message: 'The proxy asked for authentication.',
      hint: 'Use a proxy that does not need a password for this host, or check the proxy settings.',
    };
  if ((status === 401 || status === 403) && (skewed || (skew === undefined && CLOCK_TEXT.test(text))))
    return {
      ...base,
      verdict: 'clock-skew',
      message:
        skew !== undefined
          ? `The request was refused because ${describeSkew(skew)}.`
          : `The request was refused as expired: ${o.message ?? ''}`.trim(),
      hint: "Correct this computer's date, time and time zone (turn on automatic time/NTP), then test again.",
    };
  if (status === 401)
    return TOKEN_EXPIRED_TEXT.test(text)
      ? {
          ...base,
          verdict: 'wrong-key',
          message: 'The security token was refused: the temporary credentials have probably expired.',
          hint: 'Get a new temporary AK/SK and security token and paste them into the account.',
        }
      : {
          ...base,
          verdict: 'wrong-key',
          message: 'The access key or secret key was refused.',
          hint: 'Check the access key id and secret key (copy them again from the console, without spaces), or rotate the key.',
        };
  if ((o.apiCode !== undefined && PROJECT_CODES.has(o.apiCode)) || PROJECT_TEXT.test(text) || status === 404)
    return {
      ...base,
      verdict: 'wrong-region-or-project',
      message: `The region or project does not match this account${o.message ? `: ${o.message}` : ''}.`,
      hint: "Check the account's region, its project id for that region (or let it be discovered), and any custom endpoint.",
    };
  if (status === 403)
    return {
      ...base,
      verdict: 'no-permission',
      message: 'The credentials work, but this user lacks permission to list servers.',
      hint: 'Ask the account administrator to grant an ECS policy (for example ECS ReadOnlyAccess) in this region.',
    };
  if (status === 502 || status === 504)
    return {
      ...base,
      verdict: 'network',
      message: `A gateway or proxy could not reach the cloud (HTTP ${status}).`,
      hint: 'Check the proxy settings and the network; try again later.',
    };
  return {
    ...base,
    verdict: 'unknown',
    message: `The cloud answered HTTP ${status}${o.apiCode ? ` (${o.apiCode})` : ''}${o.message ? `: ${o.message}` : ''}.`,
    hint: 'Try again later; if it persists, check the account settings.',
  };
}
