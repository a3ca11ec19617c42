/**
 * The flavors pane's registry entry.
 */
import { definePane } from '../../lib/pane-registry';
import { FlavorsPane } from './flavors-pane';

/** The Flavors pane. */
export const flavorsPane = definePane({ id: 'flavors', title: 'Flavors', component: FlavorsPane });
