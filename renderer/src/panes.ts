/**
 * The pane registry: every pane of the console in sidebar order. To add a pane, write a module
 * exporting a `definePane({...})` and add it to PANES below (see renderer/UI-FRAMEWORK.md).
 */
import type { PaneDef } from './lib/pane-registry';
import { serversPane } from './features/servers/servers-pane-def';
import { keyPairsPane } from './features/key-pairs/key-pairs-pane-def';
import { flavorsPane } from './features/flavors/flavors-pane-def';
import { quotasPane } from './features/quotas/quotas-pane-def';
import { serverGroupsPane } from './features/server-groups/server-groups-pane-def';
import { disksPane } from './features/disks/disks-pane-def';
import { nicsPane } from './features/nics/nics-pane-def';
import { activityPane } from './features/activity/activity-pane-def';
import { tagsPane } from './features/tags/tags-pane-def';
import { fleetPane } from './features/fleet/fleet-pane-def';

/** The panes in sidebar order. */
export const PANES: readonly PaneDef[] = [
  serversPane,
  disksPane,
  nicsPane,
  tagsPane,
  keyPairsPane,
  serverGroupsPane,
  flavorsPane,
  quotasPane,
  activityPane,
  // Every account and region at once: after the panes of the current scope.
  fleetPane,
];
