/**
 * The sidebar: accounts with their enabled regions, then the panes. Roving focus in each list.
 */
import { For, Show, type Component } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { PaneDef } from '../lib/pane-registry';
import { rovingKeyDown } from '../lib/focus';
import { useScope, useUi } from '../stores/app-context';
import { ErrorPanel } from './error-panel';

/** Props of {@link Sidebar}. */
export interface SidebarProps {
  panes: readonly PaneDef[];
  /**
   * Buttons under the accounts list (add, manage), given by the app so that components never
   * import features.
   */
  accountTools?: Component;
  /** Buttons at the foot of the sidebar (about & settings), given by the app. */
  footerTools?: Component;
}

/** The sidebar of the frame. */
export function Sidebar(props: SidebarProps) {
  const [scope, scopeActions] = useScope();
  const [ui, uiActions] = useUi();
  const roving = rovingKeyDown('button[data-roving]');
  const isCurrentScope = (accountId: string, region: string) =>
    scope.scope?.accountId === accountId && scope.scope?.region === region;
  return (
    <nav class="sidebar" aria-label="Accounts and panes">
      <h1 class="brand">ECS Desktop</h1>
      <section aria-label="Accounts">
        <h2>Accounts</h2>
        <Show when={scope.error}>
          {(e) => (
            <ErrorPanel
              compact
              title="Could not load the accounts"
              error={e()}
              onRetry={() => void scopeActions.load()}
            />
          )}
        </Show>
        <ul onKeyDown={roving}>
          <For each={scope.accounts}>
            {(acc, i) => (
              <li>
                <button
                  type="button"
                  data-roving
                  tabIndex={scope.scope?.accountId === acc.id || (!scope.scope && i() === 0) ? 0 : -1}
                  aria-current={scope.scope?.accountId === acc.id ? 'true' : undefined}
                  onClick={() => scopeActions.select(acc.id)}
                >
                  {acc.name}
                </button>
                <Show when={acc.regions.length > 0}>
                  <ul class="regions" aria-label={`Regions of ${acc.name}`}>
                    <For each={acc.regions}>
                      {(region) => (
                        <li>
                          <button
                            type="button"
                            data-roving
                            class="region"
                            tabIndex={-1}
                            aria-label={`${acc.name}: ${region}`}
                            aria-current={isCurrentScope(acc.id, region) ? 'true' : undefined}
                            onClick={() => scopeActions.select(acc.id, region)}
                          >
                            {region}
                          </button>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </li>
            )}
          </For>
        </ul>
        <Show when={props.accountTools}>{(C) => <Dynamic component={C()} />}</Show>
      </section>
      <section aria-label="Panes">
        <h2>Panes</h2>
        <ul onKeyDown={roving}>
          <For each={props.panes}>
            {(pane) => (
              <li>
                <button
                  type="button"
                  data-roving
                  tabIndex={ui.pane === pane.id ? 0 : -1}
                  aria-current={ui.pane === pane.id ? 'page' : undefined}
                  onClick={() => uiActions.showPane(pane.id)}
                >
                  {pane.title}
                </button>
              </li>
            )}
          </For>
        </ul>
      </section>
      <Show when={props.footerTools}>{(C) => <Dynamic component={C()} />}</Show>
    </nav>
  );
}
