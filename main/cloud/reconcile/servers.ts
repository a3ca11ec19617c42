/**
 * Reconciliation of the batch power actions (§5.3) and batch delete (§5.1.2).
 *
 * Power actions are idempotent in effect, but a blind re-send is not harmless: a stop sent while
 * the first stop is still powering off fails its sub-job ("Cannot stop an ECS in ..."). So per
 * server: a task of this action under way, or an instance action of this kind recorded since the
 * send (Nova records it when the request is accepted, before the job starts) -> done; otherwise
 * the server still needs it. Only the servers that still need it are sent again.
 *
 * Delete: a server that is gone (404) or `deleting` is done; the others are sent again. A re-send
 * racing with the first job is harmless: the job skips servers already being deleted.
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
        // Under way, or accepted (the job may not have started yet), or already done.
        if (st !== null && st.task !== null && p.tasks.includes(st.task)) continue;
        if (st !== null && (await actedSince(read, s.id, p.action, sentAt))) continue;
        // Not done; a vanished server is sent again too, so the API reports it as it would have.
        todo.push(s);
      }
      return verdict(input, todo, all, p.goal, p.key);
    },
  };
}

async function actedSince(read: ReadCall, id: string, action: string, sentAt: number): Promise<boolean> {
  const res = await read('novaListInstanceActions', { path: { server_id: id } });
  return (res?.instanceActions ?? []).some(
    (a) => a.action === action && Date.parse(a.start_time) >= sentAt - ACTION_CLOCK_SLACK_MS,
  );
}

/** The server rules, by operation id. */
export const serverRules = {
  batchStartServers: powerRule(POWER.batchStartServers),
  batchStopServers: powerRule(POWER.batchStopServers),
  batchRebootServers: powerRule(POWER.batchRebootServers),
  deleteServers: {
    async check({ read, input }) {
      const all = serversOf(input);
      const todo: Servers = [];
      for (const s of all) {
        const st = await serverState(read, s.id);
        if (st !== null && st.task !== 'deleting') todo.push(s);
      }
      return verdict(input, todo, all, 'DELETED');
    },
  },
} satisfies Record<string, ReconcileRule>;
