/**
 * The title row of a pane: the `<h2>` (tests and the frame find panes by it), a live status
 * ("1,204 disks", "Loading key pairs…"), an optional Refresh, then the pane's own buttons (the
 * primary action last) at the right. {@link countStatus} words the status alike in every pane.
 */
import { Show, type JSX } from 'solid-js';
import { formatCount, formatInteger, pluralize } from '../lib/units';

/** Props of {@link PaneHeader}. */
export interface PaneHeaderProps {
  /** Id of the heading: the pane's `<section aria-labelledby>` points at it. */
  headingId: string;
  title: string;
  /** Announced politely when it changes; without it, {@link countStatus} of `list` when given. */
  status?: JSX.Element;
  /** The pane's scoped list (`createScopedData`'s state): its count is the status, its load disables Refresh. */
  list?: { value?: unknown; loading: boolean };
  /** What the list holds, singular ("key pair"), and how many are shown of how many. */
  noun?: string;
  count?: number;
  total?: number;
  /** With it, a Refresh button before the pane's buttons. */
  onRefresh?(): void;
  /** True while a load runs: Refresh is disabled meanwhile (default: while `list` loads). */
  refreshing?: boolean;
  /** The Refresh button's text when the pane has more than one list (default "Refresh"). */
  refreshLabel?: string;
  /** Buttons, placed at the right. */
  children?: JSX.Element;
}

/** A pane's header row. */
export function PaneHeader(props: PaneHeaderProps) {
  const status = () => {
    if (props.status !== undefined || !props.list || !props.noun) return props.status;
    const loaded = { loaded: props.list.value !== undefined, loading: props.list.loading };
    return countStatus(loaded, props.noun, props.count ?? 0, props.total);
  };
  return (
    <header class="pane-header">
      <h2 id={props.headingId}>{props.title}</h2>
      <Show when={status() !== undefined}>
        <span class="muted" role="status" aria-live="polite">
          {status()}
        </span>
      </Show>
      <div class="spacer" />
      <Show when={props.onRefresh}>
        {(refresh) => (
          <button
            type="button"
            disabled={props.refreshing ?? props.list?.loading}
            onClick={() => refresh()()}
          >
            {props.refreshLabel ?? 'Refresh'}
          </button>
        )}
      </Show>
      {props.children}
    </header>
  );
}

/**
 * The status of a pane's list: "Loading key pairs…" until its first answer (nothing after a
 * failed one: the error panel speaks), then "3 key pairs", or "2 of 40 flavors" under a filter.
 */
export function countStatus(
  list: { loaded: boolean; loading: boolean },
  noun: string,
  shown: number,
  total = shown,
): string {
  if (!list.loaded) return list.loading ? `Loading ${pluralize(2, noun)}…` : '';
  return shown === total
    ? formatCount(total, noun)
    : `${formatInteger(shown)} of ${formatCount(total, noun)}`;
}
