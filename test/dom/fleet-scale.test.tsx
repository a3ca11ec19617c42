/**
 * The pieces that make every pane work at 10,000 servers: the generic virtual grid, the server
 * picker combobox (keyboard only), units and plurals, persisted UI state (bad input ignored),
 * the multi-value tag filter, and single-server actions from the drawer and the palette.
 */
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import './cleanup';
import { VirtualTable } from '../../renderer/src/components/virtual-table';
import { ServerPicker, MAX_OPTIONS } from '../../renderer/src/components/server-picker';
import { formatCount, formatGb, formatMib, formatUsage, powerStateLabel } from '../../renderer/src/lib/units';
import { loadPersisted, savePersisted } from '../../renderer/src/lib/persisted';
import { validateServersUi } from '../../renderer/src/features/servers/servers-ui';
import {
  filterServers,
  makeIncrementalFilter,
  matchesFilter,
  parseTagFilter,
  EMPTY_FILTER,
} from '../../renderer/src/features/servers/server-filter';
import { makeFakeApi, makeServer } from './fake-api';
import { renderApp } from './render-app';

describe('VirtualTable', () => {
  it('keeps 20,000 rows to a few dozen elements and moves with the keyboard', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ id: `d${i}`, name: `disk-${i}` }));
    const opened: string[] = [];
    render(() => (
      <VirtualTable
        label="Disks"
        rows={() => rows}
        rowKey={(r) => r.id}
        columns={[{ id: 'name', label: 'Name', cell: (r) => r().name }]}
        template="1fr"
        onOpen={(k) => opened.push(k)}
      />
    ));
    const grid = screen.getByRole('grid', { name: 'Disks' });
    expect(grid.getAttribute('aria-rowcount')).toBe('20001');
    const domRows = grid.querySelectorAll('.grid-body [role=row]');
    expect(domRows.length).toBeGreaterThan(10);
    expect(domRows.length).toBeLessThan(60);
    fireEvent.keyDown(grid, { key: 'End' });
    expect(grid.getAttribute('aria-activedescendant')).toBe('vrow-d19999');
    fireEvent.keyDown(grid, { key: 'ArrowUp' });
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(opened).toEqual(['d19998']);
    // The row the keyboard reached is rendered (the grid scrolled to it).
    grid.dispatchEvent(new Event('scroll'));
    await waitFor(() => expect(within(grid).getByText('disk-19998')).toBeTruthy());
  });
});

describe('ServerPicker', () => {
  const servers = Array.from({ length: 10_000 }, (_, i) => makeServer(i));
  // Keys that reach the picker's container (as a dialog around it would see them).
  const outer: string[] = [];
  const setup = () => {
    const [value, setValue] = createSignal('');
    outer.length = 0;
    render(() => (
      <div onKeyDown={(e) => outer.push(e.key)}>
        <label for="pick">Server</label>
        <ServerPicker id="pick" servers={servers} value={value()} onChange={setValue} />
        <output data-testid="value">{value()}</output>
      </div>
    ));
    return screen.getByRole('combobox', { name: 'Server' });
  };
  const options = () => screen.queryAllByRole('option');

  it('is usable with the keyboard only: type, arrows, Enter picks, Escape closes', () => {
    const input = setup();
    expect(input.getAttribute('aria-expanded')).toBe('false');
    fireEvent.input(input, { target: { value: 'web-12' } });
    expect(input.getAttribute('aria-expanded')).toBe('true');
    const names = options().map((o) => o.textContent!.split(' ')[0]);
    expect(names.every((n) => n?.includes('web-12'))).toBe(true);
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).toBe(options()[1]!.id);
    expect(options()[1]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByTestId('value').textContent).toBe(servers.find((s) => s.name === names[1])!.id);
    expect((input as HTMLInputElement).value).toBe(names[1]);
    // Escape closes the list, and does not bubble to a dialog while it does.
    fireEvent.input(input, { target: { value: 'web' } });
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(outer).not.toContain('Escape');
  });

  it('finds by IP and by id prefix, shows at most 50 options and counts the rest', () => {
    const input = setup();
    fireEvent.input(input, { target: { value: '192.168.3.17' } });
    expect(options().map((o) => o.textContent!.split(' ')[0])).toContain('web-765');
    fireEvent.input(input, { target: { value: 'srv-0999' } });
    expect(options().length).toBe(10);
    fireEvent.input(input, { target: { value: 'web' } });
    expect(options().length).toBe(MAX_OPTIONS);
    expect(screen.getByText(`${MAX_OPTIONS} of 10000 shown; type more to narrow.`)).toBeTruthy();
    fireEvent.input(input, { target: { value: 'nothing-like-this' } });
    expect(screen.getByText(/No server matches/)).toBeTruthy();
  });
});

describe('units and plurals', () => {
  it('counts with the right plural and grouping, sizes in human units, power states as words', () => {
    expect(formatCount(1, 'NIC')).toBe('1 NIC');
    expect(formatCount(2, 'NIC')).toBe('2 NICs');
    expect(formatCount(0, 'disk')).toBe('0 disks');
    expect(formatCount(10_000, 'server')).toBe('10,000 servers');
    expect(formatCount(1, 'key pair')).toBe('1 key pair');
    expect(formatGb(40)).toBe('40 GB');
    expect(formatMib(512)).toBe('512 MiB');
    expect(formatMib(4096)).toBe('4 GiB');
    expect(formatUsage(74591232 / 1024, 251658240 / 1024, (g) => formatMib(g * 1024))).toBe(
      '71.1 TiB of 240 TiB',
    );
    expect(formatMib(72_704)).toBe('71 GiB');
    expect(powerStateLabel(1)).toBe('Running');
    expect(powerStateLabel(3)).toBe('Shut down');
    expect(powerStateLabel(4)).toBe('Crashed');
    expect(powerStateLabel(9)).toBe('Unknown (9)');
  });
});

describe('persisted UI state', () => {
  it('ignores bad stored data and keeps valid data', () => {
    localStorage.setItem('ecs-desktop.bad', '{not json');
    expect(loadPersisted('bad', () => 1)).toBeUndefined();
    for (const bad of [
      null,
      [],
      'x',
      { filter: { text: 5 }, sort: { key: 'name', dir: 'asc' } },
      { filter: {}, sort: { key: 'password', dir: 'asc' } },
      { filter: {}, sort: { key: 'name', dir: 'sideways' } },
      { filter: { text: 'x'.repeat(10_000) }, sort: { key: 'name', dir: 'asc' } },
    ])
      expect(validateServersUi(bad)).toBeUndefined();
    expect(validateServersUi({ filter: { tag: 'env=prod' }, sort: { key: 'az', dir: 'desc' } })).toEqual({
      filter: { ...EMPTY_FILTER, tag: 'env=prod' },
      sort: { key: 'az', dir: 'desc' },
    });
  });

  it('restores filters, sort, pane and the open drawer after a reload; garbage does not crash', async () => {
    localStorage.setItem('ecs-desktop.pane.v1', '"no-such-pane"');
    localStorage.setItem('ecs-desktop.server-drawer.v1', '{"x":1}');
    const first = renderApp({ servers: 5 });
    const grid = await screen.findByRole('grid', { name: 'Servers' });
    await within(grid).findByText('web-004');
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search by name or ID' }), {
      target: { value: 'web-00' },
    });
    fireEvent.click(within(grid).getByRole('button', { name: /^Status/ }));
    fireEvent.click(within(grid).getByRole('button', { name: 'web-003' }));
    await screen.findByRole('complementary', { name: 'Server web-003' });
    first.unmount();
    savePersisted('ignored', undefined);

    renderApp({ servers: 5 });
    expect(await screen.findByRole('complementary', { name: 'Server web-003' })).toBeTruthy();
    expect((screen.getByRole('searchbox', { name: 'Search by name or ID' }) as HTMLInputElement).value).toBe(
      'web-00',
    );
    const grid2 = await screen.findByRole('grid', { name: 'Servers' });
    expect(within(grid2).getAllByRole('columnheader')[2]!.getAttribute('aria-sort')).toBe('ascending');
  });
});

describe('tag filter with several values', () => {
  it('matches any of the values and explains bad syntax', async () => {
    expect(parseTagFilter('env=prod, dev')).toEqual({ ok: true, key: 'env', values: ['prod', 'dev'] });
    expect(parseTagFilter('env')).toEqual({ ok: true, key: 'env' });
    expect(parseTagFilter('=prod').ok).toBe(false);
    expect(parseTagFilter('env=a=b').ok).toBe(false);
    expect(parseTagFilter('env=prod,,dev').ok).toBe(false);
    const s = (v: string) => makeServer(1, { tags: [{ key: 'env', value: v }] });
    const f = { ...EMPTY_FILTER, tag: 'env=prod,dev' };
    expect(matchesFilter(s('prod'), f)).toBe(true);
    expect(matchesFilter(s('dev'), f)).toBe(true);
    expect(matchesFilter(s('test'), f)).toBe(false);

    renderApp({ servers: 3 });
    const input = await screen.findByRole('textbox', { name: 'Filter by tag (key or key=value)' });
    fireEvent.input(input, { target: { value: 'env=a=b' } });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Tag filter not applied: Use one "="/)).toBeTruthy();
  });
});

describe('incremental server filter', () => {
  it('gives what a full filter gives at every keystroke, after a rename and when filters change', () => {
    const servers = Array.from({ length: 300 }, (_, i) =>
      makeServer(i, { status: i % 4 === 0 ? 'SHUTOFF' : 'ACTIVE' }),
    );
    const filter = makeIncrementalFilter();
    const check = (items: typeof servers, f: typeof EMPTY_FILTER) =>
      expect(filter(items, f).map((s) => s.id)).toEqual(filterServers(items, f).map((s) => s.id));
    for (const text of ['', 'W', 'we', 'web-0', 'web-01', 'web-012', 'web-01', 'srv-0001', 'SRV-00012', ''])
      check(servers, { ...EMPTY_FILTER, text });
    check(servers, { ...EMPTY_FILTER, text: 'web-1', status: 'SHUTOFF' });
    check(servers, { ...EMPTY_FILTER, text: 'web-12', status: 'ACTIVE' });
    // A row renamed in place (the store keeps row identity) is matched by its new name.
    servers[5]!.name = 'db-005';
    const edited = servers.slice();
    check(edited, { ...EMPTY_FILTER, text: 'db' });
    check(edited, { ...EMPTY_FILTER, text: 'db-0' });
    check(edited, { ...EMPTY_FILTER, text: 'web-00' });
  });
});

describe('single-server actions', () => {
  it('stops the open server from the drawer and reboots it from the palette', async () => {
    const api = makeFakeApi({ servers: [makeServer(0), makeServer(1)] });
    renderApp({ api });
    const grid = await screen.findByRole('grid', { name: 'Servers' });
    fireEvent.click(await within(grid).findByRole('button', { name: 'web-001' }));
    const drawer = await screen.findByRole('complementary', { name: 'Server web-001' });
    fireEvent.click(within(drawer).getByRole('button', { name: 'Stop…' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Stop 1 server?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stop 1 server' }));
    await waitFor(() =>
      expect(api.callsOf('servers.stop')).toEqual([
        { accountId: 'sandbox', region: 'sandbox-1', ids: ['srv-00001'], type: 'SOFT' },
      ]),
    );
    await waitFor(() => expect(within(drawer).getByRole('button', { name: 'Start…' })).toBeTruthy());
    fireEvent.keyDown(document, { key: 'k', ctrlKey: true });
    const palette = await screen.findByRole('combobox', { name: 'Type a command' });
    fireEvent.input(palette, { target: { value: 'start web-001' } });
    const option = await screen.findByRole('option', { name: /This server.*Start web-001/ });
    fireEvent.click(option);
    const start = await screen.findByRole('alertdialog', { name: 'Start 1 server?' });
    fireEvent.click(within(start).getByRole('button', { name: 'Start 1 server' }));
    await waitFor(() => expect(api.callsOf('servers.start')).toHaveLength(1));
    expect(api.callsOf('servers.start')[0]).toMatchObject({ ids: ['srv-00001'] });
  });
});
