/**
 * Tabs (WAI-ARIA tablist with roving focus): arrow keys move between tabs, the panel follows.
 */
import { createSignal, createUniqueId, For, Show, type JSX } from 'solid-js';
import { rovingKeyDown } from '../lib/focus';

/** One tab. */
export interface TabDef {
  id: string;
  label: string;
  render: () => JSX.Element;
}

/** A tab set; only the selected tab's panel is rendered. */
export function Tabs(props: { tabs: TabDef[]; label: string; initial?: string }) {
  // eslint-disable-next-line solid/reactivity -- the initial tab is read once
  const [current, setCurrent] = createSignal(props.initial ?? props.tabs[0]?.id ?? '');
  const base = createUniqueId();
  const roving = rovingKeyDown('[role="tab"]', 'horizontal');
  return (
    <div class="tabs">
      <div
        role="tablist"
        aria-label={props.label}
        onKeyDown={(e) => {
          roving(e);
          const id = (document.activeElement as HTMLElement | null)?.dataset.tab;
          if (id) setCurrent(id);
        }}
      >
        <For each={props.tabs}>
          {(t) => (
            <button
              type="button"
              role="tab"
              id={`${base}-tab-${t.id}`}
              data-tab={t.id}
              aria-selected={current() === t.id}
              aria-controls={`${base}-panel`}
              tabIndex={current() === t.id ? 0 : -1}
              onClick={() => setCurrent(t.id)}
            >
              {t.label}
            </button>
          )}
        </For>
      </div>
      <For each={props.tabs}>
        {(t) => (
          <Show when={current() === t.id}>
            <div
              role="tabpanel"
              id={`${base}-panel`}
              aria-labelledby={`${base}-tab-${t.id}`}
              class="tab-panel"
              tabIndex={0}
            >
              {t.render()}
            </div>
          </Show>
        )}
      </For>
    </div>
  );
}
