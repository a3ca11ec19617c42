/**
 * The one module that reads `window.api` (the preload's, or the browser harness's).
 */
import type { Api } from '../../../shared/ipc/contract';

declare global {
  interface Window {
    api?: Api;
  }
}

/** The bridge to main; undefined when the page runs with no bridge (e.g. opened directly). */
export function getApi(): Api | undefined {
  return window.api;
}

/** An Api for a page opened without a bridge: every call fails with a clear error, no event ever comes. */
export function missingBridgeApi(): Api {
  return {
    async invoke() {
      return {
        ok: false,
        error: {
          name: 'BridgeError',
          code: 'INTERNAL',
          message: "No bridge to the app's main process (window.api is missing).",
          hint: 'Start ECS Desktop with Electron, or open this page through the browser harness.',
          retryable: false,
        },
      };
    },
    on() {
      return () => {};
    },
    off() {},
  };
}
