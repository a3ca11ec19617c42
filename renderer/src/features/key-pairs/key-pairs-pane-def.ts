/**
 * The key pairs pane's registry entry.
 */
import { definePane } from '../../lib/pane-registry';
import { KeyPairsPane } from './key-pairs-pane';

/** The Key pairs pane. */
export const keyPairsPane = definePane({ id: 'key-pairs', title: 'Key pairs', component: KeyPairsPane });
