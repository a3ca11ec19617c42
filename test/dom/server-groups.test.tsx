import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import type { ServerGroupView } from '../../shared/ipc/views';
import { pickerList, pickerOptions, pickServer } from './pick-server';
import { renderApp } from './render-app';
import { makeFakeApi } from './fake-api';

function groupsApi() {
  const api = makeFakeApi({ servers: 3 });
  api.servers[1]!.status = 'SHUTOFF';
  const groups: ServerGroupView[] = [
    { id: 'grp-1', name: 'web-ha', policies: ['anti-affinity'], members: ['srv-00000'] },
  ];
  api.handle('serverGroups.list', () => ({ ok: true, value: { serverGroups: structuredClone(groups) } }));
  api.handle('serverGroups.create', (a) => {
    const g = { id: `grp-${groups.length + 1}`, name: a.name, policies: [a.policy], members: [] };
    groups.push(g);
    return { ok: true, value: g };
  });
  api.handle('serverGroups.delete', (a) => {
    groups.splice(
      groups.findIndex((g) => g.id === a.id),
      1,
    );
    return { ok: true, value: { deleted: true } };
  });
  api.handle('serverGroups.addMember', (a) => {
    groups.find((g) => g.id === a.id)!.members.push(a.serverId);
    return { ok: true, value: { done: true } };
  });
  api.handle('serverGroups.removeMember', (a) => {
    const g = groups.find((x) => x.id === a.id)!;
    g.members = g.members.filter((m) => m !== a.serverId);
    return { ok: true, value: { done: true } };
  });
  return api;
}

const openPane = async () => {
  fireEvent.click(
    within(screen.getByRole('region', { name: 'Panes' })).getByRole('button', { name: 'Server groups' }),
  );
  const pane = screen.getByRole('region', { name: 'Server groups' });
  return { pane, group: await within(pane).findByRole('article', { name: 'Server group web-ha' }) };
};

describe('server groups pane', () => {
  it('lists groups with policy and members by name; adds and removes a member', async () => {
    const api = groupsApi();
    renderApp({ api });
    const { group } = await openPane();
    expect(group.textContent).toContain('anti-affinity');
    const members = within(group).getByRole('list', { name: 'Members of web-ha' });
    await within(members).findByText(/web-000/);
    const select = within(group).getByRole('combobox', { name: 'Server to add to web-ha' });
    await waitFor(async () =>
      expect((await pickerOptions(select)).some((t) => t.startsWith('web-001 '))).toBe(true),
    );
    const options = within(pickerList(select)).getAllByRole('option');
    expect(options.some((o) => o.textContent?.startsWith('web-000'))).toBe(false);
    // Only stopped servers can join: running ones are listed disabled, with the reason.
    const running = options.find((o) => o.textContent?.startsWith('web-002'))!;
    expect(running.getAttribute('aria-disabled')).toBe('true');
    expect(running.textContent).toBe('web-002 ACTIVE: stop it first');
    expect(options.find((o) => o.textContent?.startsWith('web-001'))!.getAttribute('aria-disabled')).toBe(
      null,
    );
    await pickServer(select, 'web-001');
    fireEvent.click(within(group).getByRole('button', { name: 'Add member to web-ha' }));
    await waitFor(() =>
      expect(api.callsOf('serverGroups.addMember')).toEqual([
        { accountId: 'sandbox', region: 'sandbox-1', id: 'grp-1', serverId: 'srv-00001' },
      ]),
    );
    await within(members).findByText(/web-001/);

    fireEvent.click(within(group).getByRole('button', { name: 'Remove web-000 from web-ha' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Remove web-000 from web-ha?' });
    expect(confirm.textContent).toContain('keeps running');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Remove member' }));
    await waitFor(() => expect(within(members).queryByText(/web-000/)).toBeNull());
    expect(api.callsOf('serverGroups.removeMember')).toHaveLength(1);
  });

  it('follows the servers: one that stops becomes pickable without reopening the pane', async () => {
    const api = groupsApi();
    renderApp({ api });
    const { group } = await openPane();
    const select = within(group).getByRole('combobox', { name: 'Server to add to web-ha' });
    const web002 = async () =>
      within(pickerList(select))
        .getAllByRole('option')
        .find((o) => o.textContent?.startsWith('web-002'))!;
    await waitFor(async () => expect((await pickerOptions(select)).length).toBeGreaterThan(0));
    expect((await web002()).getAttribute('aria-disabled')).toBe('true');
    api.servers[2]!.status = 'SHUTOFF';
    api.emit('servers.changed', { accountId: 'sandbox', region: 'sandbox-1', ids: ['srv-00002'] });
    await waitFor(async () => {
      await pickerOptions(select);
      expect((await web002()).getAttribute('aria-disabled')).toBe(null);
    });
  });

  it('creates an anti-affinity group and deletes one after typing its name', async () => {
    const api = groupsApi();
    renderApp({ api });
    const { pane, group } = await openPane();
    fireEvent.click(within(pane).getByRole('button', { name: 'Create server group…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create server group' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create server group' }));
    expect(await within(dialog).findByText(/The name/)).toBeTruthy();
    fireEvent.input(within(dialog).getByLabelText('Group name'), { target: { value: 'db-ha' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create server group' }));
    await within(pane).findByRole('article', { name: 'Server group db-ha' });
    expect(api.callsOf('serverGroups.create')).toEqual([
      { accountId: 'sandbox', region: 'sandbox-1', name: 'db-ha', policy: 'anti-affinity' },
    ]);

    fireEvent.click(within(group).getByRole('button', { name: 'Delete server group web-ha' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete server group web-ha?' });
    expect(within(confirm).getByRole('list', { name: 'Affected resources' }).textContent).toContain(
      'member: web-000',
    );
    const go = within(confirm).getByRole('button', { name: 'Delete web-ha' }) as HTMLButtonElement;
    expect(go.disabled).toBe(true);
    fireEvent.input(within(confirm).getByLabelText(/to confirm/), { target: { value: 'web-ha' } });
    fireEvent.click(go);
    await waitFor(() =>
      expect(within(pane).queryByRole('article', { name: 'Server group web-ha' })).toBeNull(),
    );
    expect(api.callsOf('serverGroups.delete')).toEqual([
      { accountId: 'sandbox', region: 'sandbox-1', id: 'grp-1' },
    ]);
  });

  it('opens the create dialog from the command palette', async () => {
    renderApp({ api: groupsApi() });
    fireEvent.keyDown(document, { key: 'k', ctrlKey: true });
    const input = await screen.findByRole('combobox', { name: 'Type a command' });
    fireEvent.input(input, { target: { value: 'create server group' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await screen.findByRole('dialog', { name: 'Create server group' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Server groups', level: 2 })).toBeTruthy();
  });
});
