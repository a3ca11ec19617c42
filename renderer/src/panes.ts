/**
 * The pane registry: every pane of the console in sidebar order. To add a pane, write a module
 * exporting a `definePane({...})` and replace its placeholder line here (see renderer/UI-FRAMEWORK.md).
 */
import { PlaceholderPane } from './components/placeholder-pane';
import { definePane, type PaneDef } from './lib/pane-registry';
import { serversPane } from './features/servers/servers-pane-def';
import { keyPairsPane } from './features/key-pairs/key-pairs-pane-def';
import { disksPane } from './features/disks/disks-pane-def';

const placeholder = (id: string, title: string): PaneDef =>
  definePane({ id, title, component: () => PlaceholderPane({ title }) });

/** The panes in sidebar order. */
export const PANES: readonly PaneDef[] = [
  serversPane,
  disksPane,
  placeholder('nics', 'NICs'),
  placeholder('tags', 'Tags'),
  keyPairsPane,
  placeholder('server-groups', 'Server groups'),
  placeholder('flavors', 'Flavors'),
  placeholder('quotas', 'Quotas'),
  placeholder('activity', 'Activity'),
];
