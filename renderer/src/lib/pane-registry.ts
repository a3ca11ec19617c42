/**
 * The pane registry's types: a pane is a module exporting a {@link PaneDef}; `renderer/src/panes.ts`
 * lists them in sidebar order.
 */
import type { Component, JSX } from 'solid-js';

/** One command of the command palette. */
export interface Command {
  /** Stable id, e.g. `servers.stop`. */
  id: string;
  title: string;
  /** Section of the palette, e.g. `Panes`, `Accounts`, `Servers`. */
  group: string;
  /** Extra words the filter matches. */
  keywords?: string;
  /** When set, the command is listed but disabled, with this reason. */
  disabledReason?: string;
  run(): void;
}

/** A pane of the console. */
export interface PaneDef {
  /** Stable id (kebab-case), used by `useUi().showPane(id)`. */
  id: string;
  /** Sidebar label and heading. */
  title: string;
  /** The pane's content (rendered in the main area, inside every provider). */
  component: Component;
  /**
   * Wraps the whole app (inside the stores' providers): for state that must outlive a pane
   * switch or be reached from the command palette. Optional.
   */
  provider?: Component<{ children: JSX.Element }>;
  /** Palette commands; called inside a reactive scope under every provider, so `useX()` hooks work. */
  commands?: () => Command[];
  /** Palette results for a typed query (e.g. "open server web-01"), at most a few dozen; called like `commands`. */
  search?: (query: string) => Command[];
}

/** Declares a pane (a typed identity function, so pane modules read alike). */
export function definePane(def: PaneDef): PaneDef {
  return def;
}
