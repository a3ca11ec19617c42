/**
 * The server detail drawer (filled in by a following commit).
 */
import { Show } from 'solid-js';
import { useServers } from '../../stores/app-context';

/** Details of one server. */
export function ServerDrawer(props: { id: string }) {
  const [, servers] = useServers();
  return <Show when={servers.get(props.id)}>{(s) => <p>{s().name}</p>}</Show>;
}
