/**
 * The scope's servers as one plain array for the server pickers (ServerPicker), rebuilt when the
 * servers change. Passing the store's `items` made the picker read 10,000 rows through the store
 * (a proxy each, ~150 ms each time a picker opened); the plain rows cost nothing to hand over.
 */
import { createMemo, type Accessor } from 'solid-js';
import { unwrap } from 'solid-js/store';
import type { ServerView } from '../../../shared/ipc/views';
import { useServers } from './app-context';

/** The servers (those `keep` keeps, when given) as plain rows; follows every change of the servers. */
export function usePickableServers(keep?: (s: ServerView) => boolean): Accessor<readonly ServerView[]> {
  const [servers, actions] = useServers();
  return createMemo(() => {
    // `version` changes with every change of the rows, which the plain array does not track.
    actions.version();
    const rows = unwrap(servers.items);
    return keep ? rows.filter(keep) : rows.slice();
  });
}
