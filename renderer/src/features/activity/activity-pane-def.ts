/**
 * The activity pane's registry entry.
 */
import { definePane } from '../../lib/pane-registry';
import { ActivityPane } from './activity-pane';

/** The Activity pane. */
export const activityPane = definePane({ id: 'activity', title: 'Activity', component: ActivityPane });
