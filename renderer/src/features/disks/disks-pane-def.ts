/**
 * The disks pane's registry entry.
 */
import { definePane } from '../../lib/pane-registry';
import { DisksPane } from './disks-pane';

/** The Disks pane. */
export const disksPane = definePane({ id: 'disks', title: 'Disks', component: DisksPane });
