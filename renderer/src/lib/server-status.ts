/**
 * What a server status means for the UI: its colour tone and whether it is still changing.
 */
import type { ServerView } from '../../../shared/ipc/views';

/** Badge tones, one CSS class each. */
export type StatusTone = 'ok' | 'off' | 'busy' | 'wait' | 'bad';

const TRANSITIONAL = new Set([
  'BUILD',
  'REBOOT',
  'HARD_REBOOT',
  'RESIZE',
  'REVERT_RESIZE',
  'REBUILD',
  'MIGRATING',
  'PASSWORD',
  'DELETING',
]);

/** True while the server is between states (the list keeps refreshing it). */
export function isTransitional(s: Pick<ServerView, 'status' | 'taskState'>): boolean {
  return TRANSITIONAL.has(s.status) || (!!s.taskState && s.status !== 'ERROR');
}

/** The badge tone of a status. */
export function statusTone(status: string): StatusTone {
  if (status === 'ACTIVE') return 'ok';
  if (status === 'SHUTOFF' || status === 'DELETED' || status === 'SUSPENDED' || status === 'PAUSED')
    return 'off';
  if (status === 'ERROR') return 'bad';
  if (status === 'VERIFY_RESIZE') return 'wait';
  return 'busy';
}
