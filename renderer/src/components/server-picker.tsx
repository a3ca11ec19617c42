/**
 * The server picker: a type-ahead combobox over 10,000+ servers (name, id or IP), following the
 * ARIA combobox pattern (input with a listbox popup, `aria-activedescendant`). It replaces
 * `<select>`s of every server, which cost ~10 elements per server and could not be searched.
 *
 * Keys: typing filters and opens the list; ArrowDown/ArrowUp move (ArrowDown also opens),
 * Enter picks the active option, Escape closes the list (a second Escape clears the text), Tab
 * leaves. At most {@link MAX_OPTIONS} options are in the DOM; the rest are counted.
 */
import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import { $RAW } from 'solid-js/store';
import type { ServerView } from '../../../shared/ipc/views';

/** Options shown at once; a narrower query finds the rest. */
export const MAX_OPTIONS = 50;

/** The part of a server the picker shows and searches. */
export type PickableServer = Pick<ServerView, 'id' | 'name' | 'status' | 'ips'>;

interface Entry<T> {
  s: T;
  name: string;
  id: string;
  ips: string[];
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * The servers matching `query` (name contains it, id or an IP starts with it; case-insensitive),
 * in `entries` order, at most `max`, and how many matched in all.
 */
export function searchServers<T>(
  entries: readonly Entry<T>[],
  query: string,
  max: number,
): { items: T[]; total: number } {
  const q = query.trim().toLowerCase();
  const items: T[] = [];
  let total = 0;
  for (const e of entries) {
    if (q && !e.name.includes(q) && !e.id.startsWith(q) && !e.ips.some((ip) => ip.startsWith(q))) continue;
    total++;
    if (items.length < max) items.push(e.s);
  }
  return { items, total };
}

/** Props of {@link ServerPicker}. */
export interface ServerPickerProps<T extends PickableServer> {
  /** Id of the input (for a `<label for>` or {@link Field}). */
  id: string;
  /**
   * The servers to choose from, read once per change of the list: plain rows
   * (stores/pickable-servers.ts) cost nothing; store rows cost a proxy each.
   */
  servers: readonly T[];
  /** The chosen server's id, or '' for none. */
  value: string;
  onChange(id: string, server: T | undefined): void;
  placeholder?: string;
  /** Accessible name when there is no visible label. */
  ariaLabel?: string;
  /** A short second line of an option (default: status, first IP, short id). */
  describe?(s: T): string;
  /** Why a server cannot be picked (listed, but disabled with this reason), if it cannot. */
  unavailable?(s: T): string | undefined;
  /** Focus this input when a dialog opens. */
  autofocus?: boolean;
}

/** A searchable server combobox. */
export function ServerPicker<T extends PickableServer>(props: ServerPickerProps<T>) {
  const listId = createUniqueId();
  const [query, setQuery] = createSignal<string | undefined>();
  const [open, setOpen] = createSignal(false);
  const [active, setActive] = createSignal(0);
  // One plain index per change of the list, sorted by name: keystrokes scan plain strings and
  // never track fields of store rows.
  const entries = createMemo(() =>
    props.servers
      .map((row) => {
        // A store row's plain object, read without tracking or walking it (unwrap() walks every
        // field of a plain row, ~20 ms per 1,000 servers).
        const s = ((row as { [$RAW]?: T })[$RAW] ?? row) as T;
        return {
          s: row,
          name: s.name.toLowerCase(),
          id: s.id.toLowerCase(),
          ips: s.ips.map((i) => i.address),
        };
      })
      .sort((a, b) => collator.compare(a.name, b.name)),
  );
  const chosen = createMemo(() =>
    props.value ? props.servers.find((s) => s.id === props.value) : undefined,
  );
  const text = () => query() ?? chosen()?.name ?? '';
  const found = createMemo(() => (open() ? searchServers(entries(), query() ?? '', MAX_OPTIONS) : undefined));
  const optionId = (i: number) => `${listId}-o${i}`;
  const describe = (s: T) =>
    props.describe?.(s) ?? [s.status, s.ips[0]?.address, s.id.slice(0, 8)].filter(Boolean).join(' · ');

  const pick = (s: T | undefined) => {
    if (s && props.unavailable?.(s)) return;
    setOpen(false);
    setQuery(undefined);
    if (s) props.onChange(s.id, s);
  };
  const move = (delta: number) => {
    const n = found()?.items.length ?? 0;
    if (!n) return;
    const i = Math.max(0, Math.min(n - 1, active() + delta));
    setActive(i);
    document.getElementById(optionId(i))?.scrollIntoView?.({ block: 'nearest' });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    switch (e.key) {
      case 'ArrowDown':
        if (!open()) {
          setOpen(true);
          setActive(0);
        } else move(e.altKey ? 0 : 1);
        break;
      case 'ArrowUp':
        if (open()) move(-1);
        break;
      case 'PageDown':
        if (!open()) return;
        move(10);
        break;
      case 'PageUp':
        if (!open()) return;
        move(-10);
        break;
      case 'Enter':
        if (!open()) return;
        pick(found()?.items[active()]);
        break;
      case 'Escape':
        // The list closes first; a dialog around us only closes on a second Escape.
        if (open()) setOpen(false);
        else if (query()) setQuery(undefined);
        else return;
        e.stopPropagation();
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <div class="combobox">
      <input
        id={props.id}
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck={false}
        data-autofocus={props.autofocus ? '' : undefined}
        aria-label={props.ariaLabel}
        aria-autocomplete="list"
        aria-expanded={open()}
        aria-controls={listId}
        aria-activedescendant={open() && found()?.items.length ? optionId(active()) : undefined}
        placeholder={props.placeholder ?? 'Type a name, ID or IP'}
        value={text()}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
          setOpen(true);
          if (props.value) props.onChange('', undefined);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          setQuery(undefined);
        }}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Servers"
        class="combobox-list"
        hidden={!open()}
        // Keep focus in the input while clicking an option.
        onMouseDown={(e) => e.preventDefault()}
      >
        <For each={found()?.items ?? []}>
          {(s, i) => (
            <li
              id={optionId(i())}
              role="option"
              aria-selected={i() === active()}
              aria-disabled={props.unavailable?.(s) ? 'true' : undefined}
              classList={{ active: i() === active() }}
              onMouseMove={() => setActive(i())}
              onClick={() => pick(s)}
            >
              <span>{s.name}</span> <span class="muted">{props.unavailable?.(s) ?? describe(s)}</span>
            </li>
          )}
        </For>
        <Show when={found()}>
          {(f) => (
            <Show
              when={f().total > f().items.length}
              fallback={
                <Show when={f().total === 0}>
                  <li role="presentation" class="muted">
                    No server matches “{query()}”.
                  </li>
                </Show>
              }
            >
              <li role="presentation" class="muted">
                {f().items.length} of {f().total} shown; type more to narrow.
              </li>
            </Show>
          )}
        </Show>
      </ul>
    </div>
  );
}
