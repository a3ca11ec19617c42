/**
 * The Security groups tab of the server drawer: the server's groups, remove one, add one.
 */
import { createResource, createSignal, For } from 'solid-js';
import type { ServerView } from '../../../../shared/ipc/views';
import { useApi } from '../../lib/api-context';
import { useRunOp } from '../../lib/run-op';
import { useScope, useServers } from '../../stores/app-context';

/** The security groups of `server`. */
export function ServerSecurityGroupsTab(props: { server: ServerView }) {
  const api = useApi();
  const [scope] = useScope();
  const [, servers] = useServers();
  const run = useRunOp();
  const [pick, setPick] = createSignal('');
  const [groups] = createResource(
    () => scope.scope,
    async (sc) => {
      const r = await api.invoke('securityGroups.list', sc);
      return r.ok ? r.value.securityGroups : [];
    },
  );
  const change = async (add: boolean, group: string) => {
    const sc = scope.scope;
    if (!sc) return;
    const arg = { ...sc, id: props.server.id, securityGroup: group };
    const r = await run(`${add ? 'Add' : 'Remove'} security group ${group}`, () =>
      add ? api.invoke('servers.addSecurityGroup', arg) : api.invoke('servers.removeSecurityGroup', arg),
    );
    if (r !== undefined) void servers.refreshIds([props.server.id]);
  };
  return (
    <div>
      <ul>
        <For each={props.server.securityGroups}>
          {(g) => (
            <li>
              {g}{' '}
              <button
                type="button"
                aria-label={`Remove security group ${g}`}
                onClick={() => void change(false, g)}
              >
                Remove
              </button>
            </li>
          )}
        </For>
      </ul>
      <div class="actions">
        <select
          aria-label="Security group to add"
          value={pick()}
          onChange={(e) => setPick(e.currentTarget.value)}
        >
          <option value="">Choose a security group…</option>
          <For
            each={groups()?.filter(
              (g) =>
                !props.server.securityGroups.includes(g.name) && !props.server.securityGroups.includes(g.id),
            )}
          >
            {(g) => <option value={g.id}>{g.name}</option>}
          </For>
        </select>
        <button type="button" disabled={!pick()} onClick={() => void change(true, pick())}>
          Add
        </button>
      </div>
    </div>
  );
}
