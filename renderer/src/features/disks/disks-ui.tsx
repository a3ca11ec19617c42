/**
 * State of the disks pane that outlives a pane switch and that the command palette reaches: the
 * search text, the column sort and a request to open the create dialog.
 */
import { createContext, createSignal, useContext, type JSX } from 'solid-js';
import type { DiskSort } from './disk-sort';

/** The disks pane's shared UI state. */
export interface DisksUi {
  /** True when the create dialog should be open. */
  creating(): boolean;
  setCreating(open: boolean): void;
  /** The search text of the disks grid. */
  query(): string;
  setQuery(q: string): void;
  /** The column the grid is sorted by; undefined keeps the API's order. */
  sort(): DiskSort | undefined;
  setSort(s: DiskSort | undefined): void;
}

const Ctx = createContext<DisksUi>();

/** Provides {@link DisksUi} to the pane and the palette. */
export function DisksUiProvider(props: { children: JSX.Element }) {
  const [creating, setCreating] = createSignal(false);
  const [query, setQuery] = createSignal('');
  const [sort, setSort] = createSignal<DiskSort | undefined>();
  return (
    <Ctx.Provider value={{ creating, setCreating, query, setQuery, sort, setSort }}>
      {props.children}
    </Ctx.Provider>
  );
}

/** The disks pane's UI state; throws outside {@link DisksUiProvider}. */
export function useDisksUi(): DisksUi {
  const v = useContext(Ctx);
  if (!v) throw new Error('useDisksUi() outside DisksUiProvider');
  return v;
}
