/**
 * The one loader for the scope's data shown by a pane (key pairs, flavors, quotas, server groups,
 * networks): clears and reloads the moment the scope changes (one scope's rows never show under
 * another's name), keeps row identity across reloads with `reconcile` (so focus and DOM nodes
 * survive a refresh), and holds the last error instead of throwing.
 */
import { batch, createEffect, on } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { ErrorData } from '../../../shared/errors';
import type { Result } from '../../../shared/ipc/contract';
import type { Scope } from '../../../shared/ipc/views';
import { useScope } from './app-context';

/** State of {@link createScopedData}. */
export interface ScopedDataState<T> {
  value: T | undefined;
  error: ErrorData | undefined;
  loading: boolean;
}

/**
 * Loads `load(scope)` for the selected scope; `key` names the identity field of list rows, or
 * `false` for big lists: the value is replaced whole on each load, so readers can `unwrap` it and
 * render plain rows without a proxy or a subscription per row. (Lists that page, like the Disks
 * pane's 20,000 disks, stream through their own loader: features/disks/disk-list.ts.)
 */
export function createScopedData<T>(
  load: (scope: Scope) => Promise<Result<T>>,
  key: string | false = 'id',
): [ScopedDataState<T>, { reload(): Promise<void> }] {
  const [scope] = useScope();
  const [state, setState] = createStore<ScopedDataState<T>>({
    value: undefined,
    error: undefined,
    loading: false,
  });
  let seq = 0;
  const reload = async () => {
    const sc = scope.scope;
    if (!sc) return;
    const mine = ++seq;
    setState('loading', true);
    const r = await load({ ...sc });
    if (mine !== seq) return; // a newer load (or a scope switch) won
    batch(() => {
      setState('loading', false);
      if (r.ok) {
        setState('error', undefined);
        if (key === false) {
          // A store merges an object into the one it replaces: clear first so the value is replaced.
          setState('value', undefined);
          setState('value', r.value as never);
        } else setState('value', reconcile(r.value, { key }) as never);
      } else setState('error', r.error);
    });
  };
  createEffect(
    on(
      () => (scope.scope ? `${scope.scope.accountId}|${scope.scope.region}` : undefined),
      () => {
        batch(() => {
          setState('value', undefined);
          setState('error', undefined);
        });
        void reload();
      },
    ),
  );
  return [state, { reload }];
}
