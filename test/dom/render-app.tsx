/**
 * Renders the whole app over a fake Api for component tests.
 */
import { render } from '@solidjs/testing-library';
import './cleanup';
import { App } from '../../renderer/src/App';
import { makeFakeApi, type FakeApi } from './fake-api';

/** Renders `<App>` with `api` (a fresh fake with `servers` servers by default); waits for nothing. */
export function renderApp(opts: { api?: FakeApi; servers?: number; pollMs?: number } = {}) {
  const api = opts.api ?? makeFakeApi({ servers: opts.servers ?? 20 });
  const result = render(() => (
    <App api={api} options={{ servers: { pollMs: opts.pollMs ?? 50, pageSize: 100 } }} />
  ));
  return { api, ...result };
}
