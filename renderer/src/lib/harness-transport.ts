/**
 * The browser harness's bridge (test-only, test/harness): `window.api` built by the same
 * `makeApi` as the preload, over same-origin HTTP instead of Electron IPC. Installed only when
 * the page was opened from the harness (no preload API, served over http, a `token` in the URL).
 *
 * SECURITY: in the Electron app the preload's `window.api` exists and is frozen, and the page is
 * served from app://, so this never activates there; every request carries the URL's token, which
 * the harness requires. Only same-origin fetches are made (the CSP's connect-src 'self').
 */
import { makeApi, type Api, type BridgeTransport } from '../../../shared/ipc/contract';

/** The header the harness reads the token from. */
export const TOKEN_HEADER = 'X-Harness-Token';

type Listener = (payload: unknown) => void;

/**
 * Parses Server-Sent Events from a stream of text chunks; calls `onEvent` per complete event.
 * Linear in the stream: a chunk is scanned once (a 2 MB event arriving in 64 KB chunks was
 * rescanned from its start on every chunk); CR, LF and CR LF all end a line, a CR LF split across
 * two chunks once.
 */
export function makeSseParser(onEvent: (event: string, data: string) => void): (chunk: string) => void {
  let buffer = '';
  // Where the search for the next blank line resumes: everything before it has been looked at.
  let scanned = 0;
  // The last chunk ended in CR: a line end already, so an LF starting this chunk is its other half.
  let endedInCr = false;
  return (chunk) => {
    const text = endedInCr && chunk.startsWith('\n') ? chunk.slice(1) : chunk;
    endedInCr = text.endsWith('\r');
    buffer += text.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n', scanned)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      scanned = 0;
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const i = line.indexOf(':');
        const field = i < 0 ? line : line.slice(0, i);
        const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length > 0) onEvent(event, data.join('\n'));
    }
    // The last character may be the first half of the next blank line.
    scanned = Math.max(0, buffer.length - 1);
  };
}

/** A transport over the harness's HTTP bridge: POST /bridge/invoke, and one event stream shared by every listener. */
export function harnessTransport(token: string, base = ''): BridgeTransport & { close(): void } {
  const listeners = new Map<string, Set<Listener>>();
  let controller: AbortController | undefined;
  let closed = false;

  // Electron delivers each IPC message in a task of its own; so does this bridge: events that
  // arrive in one network chunk are parsed and handled one per task, not all in one long task.
  const queue: [string, string][] = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const next = queue.shift();
    if (queue.length > 0) channel.port2.postMessage(null);
    if (next) handle(...next);
  };
  const dispatch = (event: string, data: string): void => {
    queue.push([event, data]);
    if (queue.length === 1) channel.port2.postMessage(null);
  };
  const handle = (event: string, data: string): void => {
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    for (const l of listeners.get(event) ?? []) {
      try {
        l(payload);
      } catch (err) {
        console.error(err);
      }
    }
  };

  // fetch rather than EventSource: EventSource cannot send the token header.
  const connect = async (): Promise<void> => {
    let delay = 500;
    while (!closed) {
      controller = new AbortController();
      try {
        const res = await fetch(`${base}/bridge/events`, {
          headers: { [TOKEN_HEADER]: token },
          signal: controller.signal,
        });
        if (!res.ok || !res.body) throw new Error(`event stream: HTTP ${res.status}`);
        delay = 500;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        const feed = makeSseParser(dispatch);
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          feed(value);
        }
      } catch {
        // Reconnect below (the harness restarted, or the tab slept).
      }
      if (closed) return;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  };

  return {
    async invoke(channel, arg) {
      const res = await fetch(`${base}/bridge/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify({ channel, arg }),
      });
      if (!res.ok) throw new Error(`the harness answered HTTP ${res.status}`);
      return res.json();
    },
    subscribe(channel, listener) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      if (!controller) void connect();
      return () => set.delete(listener);
    },
    close() {
      closed = true;
      controller?.abort();
      queue.length = 0;
      channel.port1.close();
    },
  };
}

/**
 * Installs `window.api` over the harness bridge when the page was served by the harness; returns
 * the API it installed, or undefined (in Electron, or when opened without a token).
 */
export function installHarnessApi(win: Window & { api?: Api } = window): Api | undefined {
  if (win.api !== undefined) return undefined;
  if (win.location.protocol !== 'http:' && win.location.protocol !== 'https:') return undefined;
  const token = new URLSearchParams(win.location.search).get('token');
  if (!token) return undefined;
  const api = makeApi(harnessTransport(token));
  Object.defineProperty(win, 'api', { value: api, writable: false, configurable: false, enumerable: true });
  return api;
}
