import { CloudError } from '../cloud/errors';
import type { KeychainState } from '../../shared/accounts';

/** A keychain or vault failure (no Secret Service, locked, timed out, missing item), with what to do. */
export class VaultError extends CloudError {
  /** The keychain state that explains the failure, when known. */
  readonly state?: KeychainState;

  constructor(
    message: string,
    opts: { hint?: string; state?: KeychainState; cause?: unknown; retryable?: boolean } = {},
  ) {
    super('VAULT', message, { hint: opts.hint, cause: opts.cause, retryable: opts.retryable ?? false });
    if (opts.state !== undefined) this.state = opts.state;
  }
}
