/**
 * The title row of a pane: the `<h2>` (tests and the frame find panes by it), a live status
 * ("1,204 disks", "Loading…"), then the pane's buttons at the right.
 */
import { Show, type JSX } from 'solid-js';

/** Props of {@link PaneHeader}. */
export interface PaneHeaderProps {
  /** Id of the heading: the pane's `<section aria-labelledby>` points at it. */
  headingId: string;
  title: string;
  /** Announced politely when it changes. */
  status?: JSX.Element;
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
      {props.children}
    </header>
  );
}
