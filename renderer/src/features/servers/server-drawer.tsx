/**
 * The server detail drawer's content: the live server from the store, or why it is gone.
 */
import { Show } from 'solid-js';
import { useServers } from '../../stores/app-context';
import { ServerDetails } from './server-details';

/** Details and actions of one server (live from the servers store). */
export function ServerDrawer(props: { id: string }) {
  const [state, servers] = useServers();
  return (
    <Show
      when={servers.get(props.id)}
      fallback={
        <p class="muted">
          {state.complete
            ? 'This server is gone (deleted, or not in this region).'
            : 'Loading the servers of this region…'}
        </p>
      }
    >
      {(s) => <ServerDetails server={s()} />}
    </Show>
  );
}
