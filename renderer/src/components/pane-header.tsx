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
  /** Announced politely when it changes. */
  status?: JSX.Element;
  /** With it, a Refresh button before the pane's buttons. */
  onRefresh?(): void;
  /** True while a load runs: Refresh is disabled meanwhile. */
  refreshing?: boolean;
  /** The Refresh button's text when the pane has more than one list (default "Refresh"). */
  refreshLabel?: string;
  /** Buttons, placed at the right. */
  children?: JSX.Element;
}

/** A pane's header row. */
export function PaneHeader(props: PaneHeaderProps) {
  return (
    <header class="pane-header">
      <h2 id={props.headingId}>{props.title}</h2>
      <Show when={props.status !== undefined}>
        <span class="muted" role="status" aria-live="polite">
          {props.status}
        </span>
      </Show>
      <div class="spacer" />
      <Show when={props.onRefresh}>
        {(refresh) => (
          <button type="button" disabled={props.refreshing} onClick={() => refresh()()}>
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
