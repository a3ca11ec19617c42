/**
 * The authentication contract of the cloud client (docs/ARCHITECTURE.md, "Auth providers").
 */
import type { PreparedRequest } from '../request';

/** Adds credentials to prepared requests; one provider per account. */
export interface AuthProvider {
  /**
   * Adds authentication headers to a prepared request (signs it, or adds X-Auth-Token) and returns
   * the request to send; never mutates `req`. Called once per attempt, so signatures are fresh.
   */
  authorize(req: PreparedRequest, signal?: AbortSignal): Promise<PreparedRequest>;
  /**
   * Called after a 401 with the request that was refused; returns true when a retry with fresh
   * credentials is worth it (the token was refreshed, or already had been by another call).
   */
  onUnauthorized?(failed?: PreparedRequest, signal?: AbortSignal): Promise<boolean>;
}
