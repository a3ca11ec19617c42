/**
 * A small read-only table with a caption-less accessible name.
 */
import { For, Show } from 'solid-js';

/** Props of {@link SimpleTable}. */
export interface SimpleTableProps {
  label: string;
  head: string[];
  rows: (string | number)[][];
}

/** Renders `rows` under `head`, or "None." when there are no rows. */
export function SimpleTable(props: { label: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <Show when={props.rows.length} fallback={<p class="muted">None.</p>}>
      <table class="simple" aria-label={props.label}>
        <thead>
          <tr>
            <For each={props.head}>{(h) => <th scope="col">{h}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(r) => (
              <tr>
                <For each={r}>{(c) => <td>{c}</td>}</For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Show>
  );
}
