/**
 * The tags pane's registry entry.
 */
import { definePane } from '../../lib/pane-registry';
import { TagsPane } from './tags-pane';

/** The Tags pane. */
export const tagsPane = definePane({ id: 'tags', title: 'Tags', component: TagsPane });
