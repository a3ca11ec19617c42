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
