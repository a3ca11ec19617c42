/**
 * The quotas pane's registry entry.
 */
import { definePane } from '../../lib/pane-registry';
import { QuotasPane } from './quotas-pane';

/** The Quotas pane. */
export const quotasPane = definePane({ id: 'quotas', title: 'Quotas', component: QuotasPane });
