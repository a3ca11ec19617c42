/**
 * The server groups pane's registry entry.
 */
import { definePane } from '../../lib/pane-registry';
import { ServerGroupsPane } from './server-groups-pane';

/** The Server groups pane. */
export const serverGroupsPane = definePane({
  id: 'server-groups',
  title: 'Server groups',
  component: ServerGroupsPane,
});
