/**
 * A coloured badge for a server status (the colour is never the only signal: the text is there).
 */
import { Show } from 'solid-js';
import { isTransitional, statusTone } from '../lib/server-status';

/** Shows `status` (and the task state while one runs) as a coloured badge. */
export function StatusBadge(props: { status: string; taskState?: string | null }) {
  return (
    <span
      class={`badge badge-${statusTone(props.status)}`}
      classList={{ pulsing: isTransitional({ status: props.status, taskState: props.taskState }) }}
    >
      {props.status}
      <Show when={props.taskState}>
        <span class="badge-task"> · {props.taskState}</span>
      </Show>
    </span>
  );
}
