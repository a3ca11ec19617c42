/**
 * The NICs pane's registry entry.
 */
import { definePane } from '../../lib/pane-registry';
import { NicsPane } from './nics-pane';

/** The NICs pane. */
export const nicsPane = definePane({ id: 'nics', title: 'NICs', component: NicsPane });
