import { createResource, For, Show } from 'solid-js';
import { getApi } from './lib/api';

/** The panes of the console, in sidebar order. */
export const PANES = [
  'Servers',
  'Disks',
  'NICs',
  'Tags',
  'Key pairs',
  'Server groups',
  'Flavors',
  'Quotas',
  'Activity',
] as const;

/** The app frame: sidebar (accounts, panes), main pane, status bar. */
export function App() {
  const [info] = createResource(async () => {
    const api = getApi();
    if (!api) return undefined;
    const res = await api.invoke('app.info', {});
    return res.ok ? res.value : undefined;
  });
  return (
    <div class="frame">
      <nav class="sidebar" aria-label="Accounts and panes">
        <h1 class="brand">ECS Desktop</h1>
        <section aria-label="Accounts">
          <h2>Accounts</h2>
          <ul>
            <li>
              <button type="button" aria-current="true">
                Sandbox
              </button>
            </li>
          </ul>
        </section>
        <section aria-label="Panes">
          <h2>Panes</h2>
          <ul>
            <For each={PANES}>
              {(pane) => (
                <li>
                  <button type="button">{pane}</button>
                </li>
              )}
            </For>
          </ul>
        </section>
      </nav>
      <main class="main-pane">
        <h2>Servers</h2>
        <p>The console panes arrive with the UI issue.</p>
      </main>
      <footer class="status-bar" role="status">
        <span>Sandbox</span>
        <Show when={info()}>{(i) => <span>v{i().version}</span>}</Show>
      </footer>
    </div>
  );
}
