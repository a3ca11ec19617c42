/**
 * The main process's one error base class and its conversion to {@link ErrorData}, the clone-safe
 * form that crosses IPC and is written to logs. It was called CloudError while only the cloud
 * client used it; the vault, the accounts file, validation and configuration errors extend it too.
 */
import type { ErrorCode, ErrorData } from '../shared/errors';
import { redactText } from './cloud/redact';

/**
 * Base class of every error the main process reports (the cloud client's, the vault's, the
 * accounts file's, validation and configuration errors); `toData()` gives the clone-safe form.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  hint?: string;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { retryable?: boolean; hint?: string; cause?: unknown } = {},
  ) {
    // SECURITY: messages are redacted when built, so no later log line can leak a secret.
    super(redactText(message), opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = opts.retryable ?? false;
    if (opts.hint !== undefined) this.hint = opts.hint;
  }

  /** The clone-safe form sent over IPC and written to logs. */
  toData(): ErrorData {
    const data: ErrorData = {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
    };
    if (this.hint !== undefined) data.hint = this.hint;
    return data;
  }
}

/** True for failures that mean "the cloud could not be reached" (an offline cache may stand in). */
export function isUnreachable(err: unknown): boolean {
  return err instanceof AppError && (err.code === 'NETWORK' || err.code === 'TIMEOUT');
}

/** Converts anything thrown into {@link ErrorData} for IPC and logs. */
export function toErrorData(err: unknown): ErrorData {
  if (err instanceof AppError) return err.toData();
  const message = err instanceof Error ? err.message : String(err);
  return { name: 'InternalError', code: 'INTERNAL', message: redactText(message), retryable: false };
}
