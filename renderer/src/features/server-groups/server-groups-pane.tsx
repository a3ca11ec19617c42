/**
 * The server groups pane: groups with their policy and members; create an anti-affinity group,
 * delete one, add and remove members.
 */
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import type { ServerGroupView } from '../../../../shared/ipc/views';
import { validateInvoke } from '../../../../shared/ipc/schemas';
import { FormActions } from '../../components/form-actions';
import { Dialog } from '../../components/dialog';
import { ErrorPanel } from '../../components/error-panel';
import { PaneHeader } from '../../components/pane-header';
import { ServerPicker } from '../../components/server-picker';
import { Field } from '../../components/field';
import { useApi } from '../../lib/api-context';
import { useConfirmThenRun } from '../../lib/confirm-run';
import { useRunOp } from '../../lib/run-op';
import { useScope, useServers } from '../../stores/app-context';
import { createScopedData } from '../../stores/scoped-data';
import { usePickableServers } from '../../stores/pickable-servers';
import { useServerGroupsUi } from './server-groups-ui';
import { formatCount } from '../../lib/units';

/** The server groups pane. */
export function ServerGroupsPane() {
  const api = useApi();
  const [scope] = useScope();
  const [, serversActions] = useServers();
  const pickable = usePickableServers();
  const confirmThenRun = useConfirmThenRun();
  const run = useRunOp();
  const ids = createUniqueId();
  const { creating, setCreating } = useServerGroupsUi();
  const [adding, setAdding] = createSignal<Record<string, string>>({});
  const [list, { reload }] = createScopedData((sc) => api.invoke('serverGroups.list', sc));
  const refetch = () => void reload();
  const groups = () => list.value?.serverGroups ?? [];
  const serverName = (id: string) => serversActions.get(id)?.name ?? id;

  const remove = async (g: ServerGroupView) => {
    const deleted = await confirmThenRun(
      () => ({
        title: `Delete server group ${g.name}?`,
        message:
          `The server group is deleted. Its ${formatCount(g.members.length, 'member server')} keep running ` +
          'but are no longer kept apart by the anti-affinity policy. This cannot be undone.',
        items: [g.name, ...g.members.map((m) => `member: ${serverName(m)}`)],
        confirmLabel: `Delete ${g.name}`,
        destructive: true,
        typeToConfirm: g.name,
      }),
      `Deleted server group ${g.name}`,
      (sc) => api.invoke('serverGroups.delete', { ...sc, id: g.id }),
    );
    if (deleted) refetch();
  };
  const addMember = async (g: ServerGroupView) => {
    const sc = scope.scope;
    const serverId = adding()[g.id];
    if (!sc || !serverId) return;
    if (
      await run(`Added ${serverName(serverId)} to ${g.name}`, () =>
        api.invoke('serverGroups.addMember', { ...sc, id: g.id, serverId }),
      )
    ) {
      setAdding((a) => ({ ...a, [g.id]: '' }));
      refetch();
    }
  };
  const removeMember = async (g: ServerGroupView, serverId: string) => {
    const removed = await confirmThenRun(
      () => ({
        title: `Remove ${serverName(serverId)} from ${g.name}?`,
        message: `The server stays as it is and keeps running; it is only no longer a member of ${g.name}, so the anti-affinity policy stops applying to it.`,
        items: [serverName(serverId)],
        confirmLabel: 'Remove member',
      }),
      `Removed ${serverName(serverId)} from ${g.name}`,
      (sc) => api.invoke('serverGroups.removeMember', { ...sc, id: g.id, serverId }),
    );
    if (removed) refetch();
  };

  return (
    <section class="pane" aria-labelledby={`${ids}-h`}>
      <PaneHeader
        headingId={`${ids}-h`}
        title="Server groups"
        list={list}
        noun="server group"
        count={groups().length}
        onRefresh={refetch}
      >
        <button type="button" class="primary" onClick={() => setCreating(true)}>
          Create server group…
        </button>
      </PaneHeader>
      <Show when={list.error}>
        {(e) => <ErrorPanel title="Could not load the server groups" error={e()} onRetry={refetch} />}
      </Show>
      <Show when={list.value}>
        <Show when={groups().length} fallback={<p class="muted">No server groups in this region.</p>}>
          <For each={groups()}>
            {(g) => (
              <article class="server-group" aria-label={`Server group ${g.name}`}>
                <header class="pane-header">
                  <h3>{g.name}</h3>
                  <span class="badge">{g.policies.join(', ') || 'no policy'}</span>
                  <span class="muted mono">{g.id}</span>
                  <div class="spacer" />
                  <button
                    type="button"
                    class="danger"
                    aria-label={`Delete server group ${g.name}`}
                    onClick={() => void remove(g)}
                  >
                    Delete
                  </button>
                </header>
                <Show when={g.members.length} fallback={<p class="muted">No members.</p>}>
                  <ul aria-label={`Members of ${g.name}`}>
                    <For each={g.members}>
                      {(m) => (
                        <li>
                          {serverName(m)} <span class="muted mono">{m}</span>{' '}
                          <button
                            type="button"
                            aria-label={`Remove ${serverName(m)} from ${g.name}`}
                            onClick={() => void removeMember(g, m)}
                          >
                            Remove
                          </button>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
                <FormActions>
                  <ServerPicker
                    id={`${g.id}-add`}
                    ariaLabel={`Server to add to ${g.name}`}
                    placeholder="A stopped server: name, ID or IP"
                    servers={pickable().filter((s) => !g.members.includes(s.id))}
                    // Only stopped servers can join a group (the API's rule): others say why not.
                    unavailable={(s) => (s.status === 'SHUTOFF' ? undefined : `${s.status}: stop it first`)}
                    value={adding()[g.id] ?? ''}
                    onChange={(id) => setAdding((a) => ({ ...a, [g.id]: id }))}
                  />
                  <button
                    type="button"
                    aria-label={`Add member to ${g.name}`}
                    disabled={!adding()[g.id]}
                    onClick={() => void addMember(g)}
                  >
                    Add member
                  </button>
                  <span class="muted">Only stopped servers can join a server group (the API's rule).</span>
                </FormActions>
              </article>
            )}
          </For>
        </Show>
      </Show>
      <Show when={creating()}>
        <CreateGroupDialog onClose={() => setCreating(false)} onCreated={() => void refetch()} />
      </Show>
    </section>
  );
}

/** Creates an anti-affinity server group. */
function CreateGroupDialog(props: { onClose(): void; onCreated(): void }) {
  const api = useApi();
  const [scope] = useScope();
  const run = useRunOp();
  const [name, setName] = createSignal('');
  const [error, setError] = createSignal<string>();
  const submit = async (e: Event) => {
    e.preventDefault();
    const sc = scope.scope;
    if (!sc) return;
    const arg = { ...sc, name: name().trim(), policy: 'anti-affinity' as const };
    const v = validateInvoke('serverGroups.create', arg);
    if (!v.ok)
      return setError(v.message.replace(/^Invalid arguments for serverGroups\.create: name: /, 'The name '));
    setError(undefined);
    if (await run(`Created server group ${arg.name}`, () => api.invoke('serverGroups.create', arg))) {
      props.onCreated();
      props.onClose();
    }
  };
  return (
    <Dialog title="Create server group" onClose={() => props.onClose()}>
      <form aria-label="Create server group" onSubmit={(e) => void submit(e)}>
        <Field id="sg-name" label="Group name" error={error()}>
          <input id="sg-name" data-autofocus value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <p>
          Policy: <strong>anti-affinity</strong> — members are placed on different physical hosts.
        </p>
        <FormActions>
          <button type="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button type="submit" class="primary">
            Create server group
          </button>
        </FormActions>
      </form>
    </Dialog>
  );
}
