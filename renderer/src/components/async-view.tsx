/**
 * Loads one `Result` when mounted and renders it: a loading line, the value, or an error panel
 * with Retry. The usual body of a drawer tab.
 */
import { createResource, Match, Switch, type JSX } from 'solid-js';
import type { ErrorData } from '../../../shared/errors';
import type { Result } from '../../../shared/ipc/contract';
import { ErrorPanel } from './error-panel';

/** Props of {@link AsyncView}. */
export interface AsyncViewProps<T> {
  load: () => Promise<Result<T>>;
  /** What is loading, for the loading line and the error title, e.g. "the disks". */
  what: string;
  children: (value: T, reload: () => void) => JSX.Element;
}

/** Renders `load()`'s value with `children`, or the error with a Retry button. */
export function AsyncView<T>(props: AsyncViewProps<T>) {
  const [data, { refetch }] = createResource(async () => {
    const r = await props.load();
    if (!r.ok) throw r.error;
    return r.value;
  });
  const reload = () => void refetch();
  return (
    <Switch>
      <Match when={data.error as ErrorData | undefined}>
        {(e) => <ErrorPanel title={`Could not load ${props.what}`} error={e()} onRetry={reload} />}
      </Match>
      <Match when={data.state === 'ready' || data.state === 'refreshing'}>
        {props.children(data() as T, reload)}
      </Match>
      <Match when={data.loading}>
        <p class="muted" role="status">
          Loading {props.what}…
        </p>
      </Match>
    </Switch>
  );
}
