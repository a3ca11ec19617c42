/**
 * A small, not virtualized table (a few dozen rows at most: a server's NICs, the project's tag
 * keys, detected profiles, accounts), named by `label`. Columns say how to render a cell, and the
 * one marked `rowHeader` names its row for screen readers (`<th scope="row">`); plain string rows
 * under `head` are the short form for read-only lists. Long lists use `VirtualTable` instead.
 */
import { For, Show, type JSX } from 'solid-js';

/** One column of a {@link SimpleTable}. */
export interface TableColumn<T> {
  label: string;
  cell(row: T): JSX.Element;
  /** True for the column that names the row (rendered as its row header). */
  rowHeader?: boolean;
  /** Class of the column's cells (e.g. `mono`). */
  class?: string;
}

/** Props of {@link SimpleTable}: `columns` over `rows`, or `head` over rows of plain cells. */
export type SimpleTableProps<T> = {
  label: string;
  /** Shown instead of the table when there are no rows (default "None."). */
  empty?: JSX.Element;
  /** Class of the table besides `simple`. */
  class?: string;
  /** Extra attributes of a row (e.g. a `data-` id for tests and styles). */
  rowAttrs?(row: T): Record<string, string>;
} & (
  | { columns: readonly TableColumn<T>[]; rows: readonly T[]; head?: never }
  | { head: readonly string[]; rows: readonly T[] & readonly (string | number)[][]; columns?: never }
);

/** Renders `rows` under the columns' labels, or `empty` when there are no rows. */
export function SimpleTable<T>(props: SimpleTableProps<T>) {
  const columns = (): readonly TableColumn<T>[] =>
    props.columns ??
    props.head.map((label, i) => ({ label, cell: (row: T) => (row as (string | number)[])[i] }));
  return (
    <Show when={props.rows.length} fallback={props.empty ?? <p class="muted">None.</p>}>
      <table class={props.class ? `simple ${props.class}` : 'simple'} aria-label={props.label}>
        <thead>
          <tr>
            <For each={columns()}>{(c) => <th scope="col">{c.label}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row) => (
              <tr {...(props.rowAttrs?.(row) ?? {})}>
                <For each={columns()}>
                  {(c) =>
                    c.rowHeader ? (
                      <th scope="row" class={c.class}>
                        {c.cell(row)}
                      </th>
                    ) : (
                      <td class={c.class}>{c.cell(row)}</td>
                    )
                  }
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Show>
  );
}
