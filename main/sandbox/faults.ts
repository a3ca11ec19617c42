/**
 * Errors a sandbox handler throws; the dispatcher turns them into HTTP answers.
 *
 * Any thrown object with a numeric `status` and a `toBody()` method is answered as JSON with that
 * status (so `nova/errors.ts`'s NovaError works unchanged); everything else becomes a 500.
 */
import { ERROR_CODES } from './error-codes';

/** Anything the dispatcher can answer directly: a status, a JSON body and optional headers. */
export interface HttpFault {
  readonly status: number;
  readonly headers?: Record<string, string>;
  toBody(): unknown;
}

/** Whether a thrown value can be answered as an {@link HttpFault}. */
export function isHttpFault(err: unknown): err is HttpFault {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { status?: unknown }).status === 'number' &&
    typeof (err as { toBody?: unknown }).toBody === 'function'
  );
}

/** An ECS-style error: `{"error":{"code":"Ecs.xxxx","message":"..."}}` (NOTES.md §4 format 1). */
export class EcsFault extends Error implements HttpFault {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  readonly details: { code?: string; message?: string }[] | undefined;

  constructor(
    code: string,
    message?: string,
    opts: {
      status?: number;
      headers?: Record<string, string>;
      details?: { code?: string; message?: string }[];
    } = {},
  ) {
    const row = ERROR_CODES[code];
    super(message ?? row?.message ?? code);
    this.name = 'EcsFault';
    this.code = code;
    this.status = opts.status ?? row?.status ?? 400;
    this.headers = opts.headers ?? {};
    this.details = opts.details;
  }

  /** The wire body. */
  toBody(): { error: { code: string; message: string; details?: { code?: string; message?: string }[] } } {
    const error: { code: string; message: string; details?: { code?: string; message?: string }[] } = {
      code: this.code,
      message: this.message,
    };
    if (this.details !== undefined) error.details = this.details;
    return { error };
  }
}

/** An API-gateway style error `{"error_code","error_msg","request_id"}`, as the real gateway sends for auth and routing failures. */
export class GatewayFault extends Error implements HttpFault {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'GatewayFault';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }

  /** The wire body; `error` is added too so clients that only read ECS-style bodies see the code. */
  toBody(): unknown {
    return {
      error_code: this.code,
      error_msg: this.message,
      error: { code: this.code, message: this.message },
    };
  }
}

/** Shorthand: throw `ecs('Ecs.0005', 'why')` inside a handler. */
export function ecs(code: string, message?: string, status?: number): EcsFault {
  return new EcsFault(code, message, status === undefined ? {} : { status });
}

/** `Ecs.0005` "invalid parameters" with a precise message (the usual validation failure). */
export function invalid(message: string): EcsFault {
  return new EcsFault('Ecs.0005', message);
}
