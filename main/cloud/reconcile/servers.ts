/**
 * Reconciliation of the batch power actions (§5.3) and batch delete (§5.1.2).
 *
 * Power actions are idempotent in effect, but a blind re-send is not harmless: a stop sent while
 * the first stop is still powering off fails its sub-job ("Cannot stop an ECS in ..."). So per
 * server: the action under way -> wait for its outcome; an instance action of this kind recorded
 * since the send (Nova records it when the request is accepted, before the job starts) -> done
 * once it ended well, sent again if it ended in Error; no such action -> sent again. Only the
 * servers that still need it are sent again. Waiting for the outcome matters: the caller then
 * follows the servers' status, which would never reach the goal after a failed action.
 *
 * Delete: a server that is gone (404) is done; `deleting` -> wait for the outcome; the others are
 * sent again. A re-send racing with the first job is harmless: the job skips servers already
 * being deleted.
 */
import { ApiError } from '../errors';
import type { RequestInput } from '../request';
import { observedResult, type ReadCall, type ReconcileRule, type Verdict } from './types';

/** Instance action times have whole seconds: anything from the second before the send may be ours. */
const ACTION_CLOCK_SLACK_MS = 1000;

interface PowerAction {
  /** The body key of the batch action. */
  key: 'os-start' | 'os-stop' | 'reboot';
  /** `os-instance-actions` action name. */
  action: string;
  /** Server status once done. */
  goal: string;
  /** `task_state` values while it runs. */
  tasks: readonly string[];
}

const POWER: Record<'batchStartServers' | 'batchStopServers' | 'batchRebootServers', PowerAction> = {
  batchStartServers: { key: 'os-start', action: 'start', goal: 'ACTIVE', tasks: ['powering-on'] },
  batchStopServers: { key: 'os-stop', action: 'stop', goal: 'SHUTOFF', tasks: ['powering-off'] },
  batchRebootServers: {
    key: 'reboot',
    action: 'reboot',
    goal: 'ACTIVE',
    tasks: [
      'rebooting',
      'reboot_pending',
      'reboot_started',
      'rebooting_hard',
      'reboot_pending_hard',
      'reboot_started_hard',
    ],
  },
};

type Servers = { id: string }[];

function serversOf(input: RequestInput, key?: string): Servers {
  const body = (input.body ?? {}) as Record<string, unknown>;
  const holder = (key === undefined ? body : body[key]) as { servers?: unknown } | undefined;
  return Array.isArray(holder?.servers) ? (holder.servers as Servers) : [];
}

function withServers(input: RequestInput, servers: Servers, key?: string): RequestInput {
  const body = { ...(input.body as Record<string, unknown>) };
  if (key === undefined) body.servers = servers;
  else body[key] = { ...(body[key] as Record<string, unknown>), servers };
  return { ...input, body };
}

/** The server's status and task, or null when it does not exist. */
async function serverState(
  read: ReadCall,
  id: string,
): Promise<{ status: string; task: string | null } | null> {
  try {
    const { server } = await read('showServer', { path: { server_id: id } });
    return { status: String(server.status), task: server['OS-EXT-STS:task_state'] ?? null };
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

/** Splits the input's servers into done and still-to-do; `applied` when none is left. */
function verdict(input: RequestInput, todo: Servers, all: Servers, goal: string, key?: string): Verdict {
  if (todo.length === 0) return { kind: 'applied', result: observedResult(goal) };
  return { kind: 'absent', input: todo.length === all.length ? input : withServers(input, todo, key) };
}

function powerRule(p: PowerAction): ReconcileRule {
  return {
    async check({ read, input, sentAt }) {
      const all = serversOf(input, p.key);
      const todo: Servers = [];
      for (const s of all) {
        const st = await serverState(read, s.id);
        // A vanished server is sent again, so that the API reports it as it would have.
        if (st === null) {
          todo.push(s);
          continue;
        }
        // Under way: wait for the outcome (a failed action is sent again, a done one is not).
        if (st.task !== null && p.tasks.includes(st.task)) return { kind: 'pending' };
        const outcome = await actionSince(read, s.id, p.action, sentAt);
        if (outcome === 'failed' || outcome === 'none') todo.push(s);
        // Accepted, its job not started yet.
        else if (outcome === 'running' && !(st.status === p.goal && st.task === null))
          return { kind: 'pending' };
      }
      return verdict(input, todo, all, p.goal, p.key);
    },
  };
}

/**
 * The fate of the newest instance action of this kind recorded since the send: `none` (the
 * request was not accepted), `running`, `failed` (an event ended in Error) or `done`.
 */
async function actionSince(
  read: ReadCall,
  id: string,
  action: string,
  sentAt: number,
): Promise<'none' | 'running' | 'failed' | 'done'> {
  const res = await read('novaListInstanceActions', { path: { server_id: id } });
  const mine = (res?.instanceActions ?? []).find(
    (a) => a.action === action && Date.parse(a.start_time) >= sentAt - ACTION_CLOCK_SLACK_MS,
  );
  if (mine === undefined) return 'none';
  const shown = await read('novaShowInstanceAction', {
    path: { server_id: id, request_id: mine.request_id },
  });
  const events = shown?.instanceAction?.events ?? [];
  if (events.some((e) => e.result === 'Error')) return 'failed';
  return events.length > 0 && events.every((e) => e.finish_time) ? 'done' : 'running';
}

/** The server rules, by operation id. */
export const serverRules = {
  batchStartServers: powerRule(POWER.batchStartServers),
  batchStopServers: powerRule(POWER.batchStopServers),
  batchRebootServers: powerRule(POWER.batchRebootServers),
  deleteServers: {
    async check({ read, input, sentAt }) {
      const all = serversOf(input);
      const todo: Servers = [];
      for (const s of all) {
        const st = await serverState(read, s.id);
        if (st === null) continue;
        // Being deleted: wait for the outcome (an injected failure puts the server back).
        if (st.task === 'deleting') return { kind: 'pending' };
        // Accepted, its job not started yet (the delete action is on record from the request on):
        // sending it again would start a second job for the same servers.
        const outcome = await actionSince(read, s.id, 'delete', sentAt);
        if (outcome === 'running') return { kind: 'pending' };
        todo.push(s);
      }
      return verdict(input, todo, all, 'DELETED');
    },
  },
} satisfies Record<string, ReconcileRule>;
