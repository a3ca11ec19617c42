/**
 * The command palette (Ctrl/Cmd+K): panes, accounts and regions, and the panes' commands
 * (server actions...), filtered as you type; arrows move, Enter runs, Escape closes.
 */
import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import type { Command, PaneDef } from '../lib/pane-registry';
import { useScope, useUi } from '../stores/app-context';
import { Dialog } from './dialog';
import { settingsCommands } from '../features/settings/settings-button';

/** Lowercase words of a query all found in `text`. */
export function matchesQuery(text: string, query: string): boolean {
  const hay = text.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

/** The palette dialog; rendered while `useUi()[0].paletteOpen`. */
export function CommandPalette(props: { panes: readonly PaneDef[] }) {
  const [scope, scopeActions] = useScope();
  const [, ui] = useUi();
  const [query, setQuery] = createSignal('');
  const [active, setActive] = createSignal(0);
  const listId = createUniqueId();
  const appCommands = settingsCommands();

  const commands = createMemo<Command[]>(() => {
    const list: Command[] = [];
    for (const p of props.panes)
      list.push({
        id: `pane.${p.id}`,
        title: `Go to ${p.title}`,
        group: 'Panes',
        run: () => ui.showPane(p.id),
      });
    for (const a of scope.accounts)
      for (const r of a.regions.length ? a.regions : [a.defaultRegion])
        list.push({
          id: `scope.${a.id}.${r}`,
          title: `Switch to ${a.name}: ${r}`,
          group: 'Accounts',
          keywords: 'account region',
          run: () => scopeActions.select(a.id, r),
        });
    for (const p of props.panes) if (p.commands) list.push(...p.commands());
    list.push(...appCommands);
    return list;
  });
  const shown = createMemo(() => {
    const q = query();
    const found = commands().filter((c) => matchesQuery(`${c.group} ${c.title} ${c.keywords ?? ''}`, q));
    if (q.trim()) for (const p of props.panes) if (p.search) found.push(...p.search(q.trim()));
    return found;
  });
  const close = () => ui.setPalette(false);
  const run = (c: Command | undefined) => {
    if (!c || c.disabledReason) return;
    close();
    c.run();
  };
  const optionId = (i: number) => `${listId}-opt-${i}`;
  const onKeyDown = (e: KeyboardEvent) => {
    const n = shown().length;
    if (e.key === 'ArrowDown') setActive((i) => Math.min(n - 1, i + 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(0, i - 1));
    else if (e.key === 'Home') setActive(0);
    else if (e.key === 'End') setActive(Math.max(0, n - 1));
    else if (e.key === 'Enter') run(shown()[active()]);
    else return;
    e.preventDefault();
    document.getElementById(optionId(active()))?.scrollIntoView?.({ block: 'nearest' });
  };
  return (
    <Dialog title="Command palette" onClose={close}>
      <input
        class="palette-input"
        data-autofocus
        role="combobox"
        aria-label="Type a command"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={shown().length ? optionId(active()) : undefined}
        placeholder="Type a command, pane, account or region"
        value={query()}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label="Commands" class="palette-list">
        <For each={shown()}>
          {(c, i) => (
            <li
              id={optionId(i())}
              role="option"
              aria-selected={i() === active()}
              aria-disabled={c.disabledReason ? 'true' : undefined}
              classList={{ active: i() === active() }}
              onMouseMove={() => setActive(i())}
              onClick={() => run(c)}
            >
              <span class="palette-group">{c.group}</span> {c.title}
              <Show when={c.disabledReason}>
                <span class="muted"> ({c.disabledReason})</span>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={shown().length === 0}>
        <p class="muted">No command matches.</p>
      </Show>
    </Dialog>
  );
}
