import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { renderApp } from './render-app';
import { makeFakeApi, makeServer } from './fake-api';

const grid = () => screen.getByRole('grid', { name: 'Servers' });
const rowNames = () =>
  within(grid())
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('gridcell')[1]!.textContent!.trim());
const countText = () => screen.getByText(/\d+ (of \d+ )?servers/).textContent;

async function ready(n: number) {
  await waitFor(() => expect(grid().getAttribute('aria-rowcount')).toBe(String(n + 1)));
}

describe('the servers pane', () => {
  it('loads every page with the marker and renders only the visible rows', async () => {
    const { api } = renderApp({ servers: 250 });
    await ready(250);
    const calls = api.callsOf('servers.list') as { marker?: string; limit: number }[];
    expect(calls.map((c) => c.marker)).toEqual([undefined, 'srv-00099', 'srv-00199']);
    expect(countText()).toBe('250 servers');
    const rendered = within(grid()).getAllByRole('row').length - 1;
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(60);
  });

  it('filters by name, status, AZ, tag and IP, instantly and together', async () => {
    const servers = Array.from({ length: 30 }, (_, i) =>
      makeServer(i, {
        status: i % 3 === 0 ? 'SHUTOFF' : 'ACTIVE',
        tags: i % 5 === 0 ? [{ key: 'env', value: 'prod' }] : [{ key: 'env', value: 'dev' }],
      }),
    );
    renderApp({ api: makeFakeApi({ servers }) });
    await ready(30);
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search by name or ID' }), {
      target: { value: 'web-01' },
    });
    expect(rowNames()).toEqual([
      'web-010',
      'web-011',
      'web-012',
      'web-013',
      'web-014',
      'web-015',
      'web-016',
      'web-017',
      'web-018',
      'web-019',
    ]);
    fireEvent.change(screen.getByRole('combobox', { name: 'Filter by status' }), {
      target: { value: 'SHUTOFF' },
    });
    expect(rowNames()).toEqual(['web-012', 'web-015', 'web-018']);
    expect(countText()).toBe('3 of 30 servers');
    fireEvent.change(screen.getByRole('combobox', { name: 'Filter by availability zone' }), {
      target: { value: 'sandbox-1a' },
    });
    expect(rowNames()).toEqual(['web-012', 'web-018']);
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Filter by tag (key or key=value)' }), {
      target: { value: 'env=prod' },
    });
    expect(rowNames()).toEqual(['web-000', 'web-005', 'web-010', 'web-015', 'web-020', 'web-025']);
    fireEvent.input(screen.getByRole('textbox', { name: 'Filter by IP address' }), {
      target: { value: '192.168.0.22' },
    });
    expect(rowNames()).toEqual(['web-020']);
  });

  it('sorts by a column and reverses on a second click, announcing aria-sort', async () => {
    const servers = [
      makeServer(1, { name: 'b', created: '2026-01-03T00:00:00Z' }),
      makeServer(2, { name: 'a10', created: '2026-01-01T00:00:00Z' }),
      makeServer(3, { name: 'a9', created: '2026-01-02T00:00:00Z' }),
    ];
    renderApp({ api: makeFakeApi({ servers }) });
    await ready(3);
    expect(rowNames()).toEqual(['a9', 'a10', 'b']);
    const created = screen.getByRole('button', { name: 'Created' });
    fireEvent.click(created);
    expect(rowNames()).toEqual(['a10', 'a9', 'b']);
    expect(created.closest('[role=columnheader]')!.getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(created);
    expect(rowNames()).toEqual(['b', 'a9', 'a10']);
    expect(created.closest('[role=columnheader]')!.getAttribute('aria-sort')).toBe('descending');
    // Keyboard users reach the sort buttons with Tab; Enter there sorts and opens no server.
    expect(created.tabIndex).toBe(0);
    created.focus();
    fireEvent.keyDown(created, { key: 'Enter' });
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('complementary', { name: /^Server / })).toBeNull();
  });

  it('selects with click, Shift-click ranges, Ctrl-click toggles, and select-all of the filtered set', async () => {
    renderApp({ servers: 40 });
    await ready(40);
    const row = (name: string) => within(grid()).getByRole('button', { name }).closest('[role=row]')!;
    const selectedCount = () =>
      screen.getByRole('toolbar', { name: 'Actions on selected servers' }).querySelector('span')!.textContent;
    fireEvent.click(row('web-002'));
    fireEvent.click(row('web-006'), { shiftKey: true });
    expect(selectedCount()).toBe('5 selected');
    expect(row('web-004').getAttribute('aria-selected')).toBe('true');
    fireEvent.click(row('web-004'), { ctrlKey: true });
    expect(selectedCount()).toBe('4 selected');
    expect(row('web-004').getAttribute('aria-selected')).toBe('false');
    fireEvent.click(row('web-010'));
    expect(selectedCount()).toBe('1 selected');
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search by name or ID' }), {
      target: { value: 'web-03' },
    });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all 10 shown servers' }));
    expect(selectedCount()).toBe('10 selected');
  });

  it('moves and selects with the keyboard: arrows, Shift+arrows, Space, Ctrl+A, Enter opens the drawer', async () => {
    renderApp({ servers: 20 });
    await ready(20);
    const g = grid();
    g.focus();
    fireEvent.keyDown(g, { key: 'ArrowDown' });
    expect(g.getAttribute('aria-activedescendant')).toBe('srow-srv-00001');
    fireEvent.keyDown(g, { key: ' ' });
    fireEvent.keyDown(g, { key: 'ArrowDown', shiftKey: true });
    fireEvent.keyDown(g, { key: 'ArrowDown', shiftKey: true });
    expect(screen.getByText('3 selected')).toBeTruthy();
    fireEvent.keyDown(g, { key: 'a', ctrlKey: true });
    expect(screen.getByText('20 selected')).toBeTruthy();
    fireEvent.keyDown(g, { key: 'Enter' });
    const drawer = await screen.findByRole('complementary', { name: 'Server web-003' });
    expect(within(drawer).getByRole('tab', { name: 'Overview' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('complementary', { name: 'Server web-003' })).toBeNull());
  });

  it('batch delete lists the servers, requires typing the confirmation, and sends the chosen options', async () => {
    const { api } = renderApp({ servers: 10 });
    await ready(10);
    fireEvent.click(within(grid()).getByRole('checkbox', { name: 'Select web-001' }));
    fireEvent.click(within(grid()).getByRole('checkbox', { name: 'Select web-002' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete 2 servers?' });
    const items = within(within(dialog).getByRole('list', { name: 'Affected resources' })).getAllByRole(
      'listitem',
    );
    expect(items.map((i) => i.textContent)).toEqual(['web-001 (srv-00001)', 'web-002 (srv-00002)']);
    expect(dialog.textContent).toContain('Their data disks are detached and kept');
    const confirm = within(dialog).getByRole('button', { name: 'Delete 2 servers' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    const input = within(dialog).getByRole('textbox', { name: /Type delete 2 servers to confirm/ });
    fireEvent.input(input, { target: { value: 'delete 2 server' } });
    expect(confirm.disabled).toBe(true);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Delete the data disks/ }));
    expect(dialog.textContent).toContain('Their data disks are deleted too');
    fireEvent.input(input, { target: { value: 'delete 2 servers' } });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    await waitFor(() => expect(api.callsOf('servers.delete')).toHaveLength(1));
    expect(api.callsOf('servers.delete')[0]).toEqual({
      accountId: 'sandbox',
      region: 'sandbox-1',
      ids: ['srv-00001', 'srv-00002'],
      deleteVolumes: true,
      deletePublicIp: false,
    });
    await ready(8);
  });

  it('batch stop asks soft or hard and sends the choice', async () => {
    const { api } = renderApp({ servers: 5 });
    await ready(5);
    fireEvent.click(within(grid()).getByRole('checkbox', { name: 'Select web-003' }));
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Stop 1 server?' });
    fireEvent.click(within(dialog).getByRole('radio', { name: /Hard/ }));
    expect(dialog.textContent).toContain('unsaved data in memory is lost');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stop 1 server' }));
    await waitFor(() =>
      expect(api.callsOf('servers.stop')).toEqual([
        { accountId: 'sandbox', region: 'sandbox-1', ids: ['srv-00003'], type: 'HARD' },
      ]),
    );
    await waitFor(() => expect(within(grid()).getByText('SHUTOFF')).toBeTruthy());
  });

  it('updates a status badge live: on servers.changed and by polling while a server transitions', async () => {
    const api = makeFakeApi({
      servers: [makeServer(0, { status: 'BUILD', taskState: 'spawning' }), makeServer(1)],
    });
    renderApp({ api, pollMs: 20 });
    await ready(2);
    expect(within(grid()).getByText('BUILD')).toBeTruthy();
    Object.assign(api.servers[0]!, { status: 'ACTIVE', taskState: null });
    await waitFor(() => expect(within(grid()).queryByText('BUILD')).toBeNull());
    expect(api.callsOf('servers.get').length).toBeGreaterThan(0);
    Object.assign(api.servers[1]!, { status: 'SHUTOFF' });
    api.emit('servers.changed', { accountId: 'sandbox', region: 'sandbox-1', ids: ['srv-00001'] });
    await waitFor(() => expect(within(grid()).getByText('SHUTOFF')).toBeTruthy());
  });

  it('shows the offline banner with the age of cached data', async () => {
    renderApp({ api: makeFakeApi({ servers: 3, fromCache: true }) });
    await ready(3);
    const banner = screen.getAllByRole('status').find((el) => el.textContent?.startsWith('Offline'));
    expect(banner?.textContent).toMatch(/^Offline: cached data, 7 minutes old\./);
    expect(banner?.textContent).toContain('connect ECONNREFUSED');
  });

  it('shows a load error with its API code, hint and request id, and retries', async () => {
    const api = makeFakeApi({ servers: 3 });
    api.failNext('servers.list', {
      name: 'ApiError',
      code: 'AUTH',
      status: 403,
      apiCode: 'Ecs.0013',
      message: 'No permission to list servers.',
      hint: 'Grant ECS ReadOnlyAccess to this IAM user.',
      requestId: 'req-abc-123',
      operation: 'listServersDetails',
      retryable: false,
    });
    renderApp({ api });
    const panel = await screen.findByText('Could not load the servers');
    const alert = panel.closest('[role=alert]') as HTMLElement;
    expect(alert.textContent).toContain('Ecs.0013');
    expect(alert.textContent).toContain('Grant ECS ReadOnlyAccess to this IAM user.');
    expect(alert.textContent).toContain('req-abc-123');
    expect(alert.textContent).toContain('403');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await ready(3);
    expect(screen.queryByText('Could not load the servers')).toBeNull();
  });
});
