/**
 * The NICs pane's list of every NIC of the region: pages stream in (a small first page, then big
 * ones) without moving the rows shown, with a count; the grid keeps a few dozen rows in the DOM;
 * search by IP, MAC, server name and subnet; a click or Enter on a row picks its server for the
 * per-server section below, whose add/delete jobs update that server's rows in place; a failed
 * load offers Retry; a scope switch clears the rows at once.
 */
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import type { Result } from '../../shared/ipc/contract';
import type { PortPage, PortRowView, SubnetView } from '../../shared/ipc/views';
import { FIRST_PAGE, PAGE } from '../../renderer/src/features/nics/all-nics-store';
import { makeFakeApi, makeServer, withTwoRegions } from './fake-api';
import { renderApp } from './render-app';

const SERVERS = 1300;
const SUBNETS: SubnetView[] = [
  {
    id: 'subnet-1',
    name: 'subnet-front',
    cidr: '192.168.0.0/18',
    vpcId: 'vpc-1',
    gatewayIp: '192.168.0.1',
    networkId: 'subnet-1',
    status: 'ACTIVE',
  },
  {
    id: 'subnet-2',
    name: 'subnet-back',
    cidr: '192.168.128.0/17',
    vpcId: 'vpc-1',
    gatewayIp: '192.168.128.1',
    networkId: 'subnet-2',
    status: 'ACTIVE',
  },
];

const hex = (n: number) => n.toString(16).padStart(2, '0');

/** NIC k: server k % SERVERS; the first SERVERS are primary on subnet-1, the rest extension on subnet-2. */
function makeNic(k: number): PortRowView {
  const primary = k < SERVERS;
  const s = k % SERVERS;
  return {
    portId: `port-${String(k).padStart(5, '0')}`,
    serverId: `srv-${String(s).padStart(5, '0')}`,
    mac: `fa:16:3e:00:${hex(k >> 8)}:${hex(k & 0xff)}`,
    networkId: primary ? 'subnet-1' : 'subnet-2',
    fixedIps: [
      {
        address: primary
          ? `192.168.${s >> 8}.${(s & 0xff) + 2}`
          : `192.168.${128 + (s >> 8)}.${(s & 0xff) + 2}`,
      },
    ],
    status: 'ACTIVE',
    primary,
  };
}

/** A fake with SERVERS servers and `count` NICs; pages after the first wait for `release()` when gated. */
function setup(count = 2 * SERVERS, opts: { gated?: boolean } = {}) {
  const api = makeFakeApi({ servers: SERVERS });
  let nics = Array.from({ length: count }, (_, k) => makeNic(k));
  const waiting: (() => void)[] = [];
  const page = (a: { limit?: number; marker?: string; serverId?: string }): Result<PortPage> => {
    const list = nics.filter((n) => !a.serverId || n.serverId === a.serverId);
    const limit = a.limit ?? PAGE;
    const start = a.marker ? list.findIndex((n) => n.portId === a.marker) + 1 : 0;
    const out = list.slice(start, start + limit);
    return {
      ok: true,
      value: { nics: out, ...(out.length === limit ? { nextMarker: out.at(-1)!.portId } : {}) },
    };
  };
  api.handle('nics.listAll', (a) =>
    opts.gated && a.marker ? new Promise((r) => waiting.push(() => r(page(a)))) : page(a),
  );
  api.handle('subnets.list', () => ({ ok: true, value: { subnets: SUBNETS } }));
  api.handle('networks.list', () => ({ ok: true, value: { networks: [] } }));
  api.handle('nics.list', (a) => ({
    ok: true,
    value: {
      nics: nics
        .filter((n) => n.serverId === a.serverId)
        .map((n) => ({ ...n, state: n.status, primary: !!n.primary })),
    },
  }));
  renderApp({ api });
  fireEvent.click(
    within(screen.getByRole('region', { name: 'Panes' })).getByRole('button', { name: 'NICs' }),
  );
  const pane = screen.getByRole('region', { name: 'NICs' });
  return {
    api,
    pane,
    /** Answers the oldest page waiting. */
    release: () => waiting.shift()?.(),
    waitingCount: () => waiting.length,
    setNics: (f: (list: PortRowView[]) => PortRowView[]) => (nics = f(nics)),
  };
}

const status = (pane: HTMLElement) => pane.querySelector('.pane-header [role=status]')?.textContent ?? '';
const grid = (pane: HTMLElement) => within(pane).getByRole('grid', { name: 'All NICs' });
const bodyRows = (pane: HTMLElement) => [
  ...grid(pane).querySelectorAll<HTMLElement>('.grid-body [role=row]'),
];
const search = (pane: HTMLElement, q: string) =>
  fireEvent.input(within(pane).getByRole('searchbox', { name: 'Search NICs by IP, MAC, server or subnet' }), {
    target: { value: q },
  });

describe('the list of every NIC', () => {
  it('streams pages in (500, then 2000 at a time) without moving the rows shown, counting as they come', async () => {
    const { api, pane, release, waitingCount } = setup(2 * SERVERS, { gated: true });
    await waitFor(() => expect(status(pane)).toBe('500 NICs loaded so far…'));
    const top = bodyRows(pane)[0]!;
    expect(top.dataset.id).toBe('port-00000');
    expect(top.textContent).toContain('web-000');
    expect(top.textContent).toContain('192.168.0.2');
    expect(top.textContent).toContain('fa:16:3e:00:00:00');
    expect(top.textContent).toContain('subnet-front');
    expect(top.textContent).toContain('Primary');
    await waitFor(() => expect(waitingCount()).toBe(1));
    release();
    await waitFor(() => expect(status(pane)).toBe('2,500 NICs loaded so far…'));
    // The rows shown stay where they were: the same element, the same NIC.
    expect(bodyRows(pane)[0]).toBe(top);
    expect(top.dataset.id).toBe('port-00000');
    await waitFor(() => expect(waitingCount()).toBe(1));
    release();
    await waitFor(() => expect(status(pane)).toBe('2,600 NICs in the region'));
    expect(bodyRows(pane)[0]!.dataset.id).toBe('port-00000');
    expect(grid(pane).getAttribute('aria-rowcount')).toBe('2601');
    // Virtualized: a few dozen rows in the DOM for 2,600 NICs.
    expect(bodyRows(pane).length).toBeLessThan(60);
    const calls = api.callsOf('nics.listAll') as { limit: number; marker?: string }[];
    expect(calls.map((c) => c.limit)).toEqual([FIRST_PAGE, PAGE, PAGE]);
    expect(calls.map((c) => c.marker)).toEqual([undefined, 'port-00499', 'port-02499']);
  });

  it('searches by IP, MAC, server name and subnet name, every word at once', async () => {
    const { pane } = setup();
    await waitFor(() => expect(status(pane)).toBe('2,600 NICs in the region'));
    search(pane, '192.168.129.7');
    // A part of an address finds every address holding it: .7 and .70 to .79.
    await waitFor(() => expect(status(pane)).toBe('11 of 2,600 NICs in the region'));
    expect(bodyRows(pane)[0]!.textContent).toContain('web-261');
    expect(bodyRows(pane)[0]!.textContent).toContain('Extension');
    search(pane, 'FA:16:3E:00:00:2A');
    await waitFor(() => expect(bodyRows(pane).map((r) => r.dataset.id)).toEqual(['port-00042']));
    search(pane, 'web-1042');
    await waitFor(() =>
      expect(bodyRows(pane).map((r) => r.dataset.id)).toEqual(['port-01042', 'port-02342']),
    );
    search(pane, 'web-1042 subnet-back');
    await waitFor(() => expect(bodyRows(pane).map((r) => r.dataset.id)).toEqual(['port-02342']));
    search(pane, 'subnet-back');
    await waitFor(() => expect(status(pane)).toBe('1,300 of 2,600 NICs in the region'));
    search(pane, 'no such nic');
    await waitFor(() => expect(status(pane)).toBe('0 of 2,600 NICs in the region'));
    search(pane, '');
    await waitFor(() => expect(status(pane)).toBe('2,600 NICs in the region'));
  });

  it("picks a row's server with a click or with the keyboard (arrows, Enter): its NICs show below", async () => {
    const { pane } = setup();
    await waitFor(() => expect(bodyRows(pane).length).toBeGreaterThan(5));
    fireEvent.click(bodyRows(pane)[3]!.querySelector('.col-mac')!);
    const table = await within(pane).findByRole('table', { name: 'NICs of web-003' });
    expect(table.textContent).toContain('192.168.0.5');
    expect(table.textContent).toContain('192.168.128.5');
    expect((within(pane).getByLabelText('Server') as HTMLInputElement).value).toBe('web-003');

    const g = grid(pane);
    g.focus();
    fireEvent.keyDown(g, { key: 'ArrowDown' });
    fireEvent.keyDown(g, { key: 'Enter' });
    expect(await within(pane).findByRole('table', { name: 'NICs of web-004' })).toBeTruthy();
    expect(g.getAttribute('aria-activedescendant')).toBe('nic-port-00004');
    fireEvent.keyDown(g, { key: 'End' });
    fireEvent.keyDown(g, { key: 'Enter' });
    expect(await within(pane).findByRole('table', { name: 'NICs of web-1299' })).toBeTruthy();
  });

  it("updates a server's rows in place when its NICs change: added at the end, deleted gone, the rest unmoved", async () => {
    const { api, pane, setNics } = setup();
    await waitFor(() => expect(status(pane)).toBe('2,600 NICs in the region'));
    fireEvent.click(bodyRows(pane)[0]!);
    await within(pane).findByRole('table', { name: 'NICs of web-000' });
    api.handle('nics.add', () => ({ ok: true, value: { jobId: 'job-add' } }));
    const added: PortRowView = {
      ...makeNic(0),
      portId: 'port-new',
      mac: 'fa:16:3e:ff:ff:ff',
      networkId: 'subnet-2',
      fixedIps: [{ address: '192.168.200.9' }],
      primary: false,
    };
    setNics((list) => [...list.filter((n) => n.portId !== 'port-01300'), added]);
    const before = api.callsOf('nics.listAll').length;
    fireEvent.click(within(pane).getByRole('button', { name: 'Add NICs…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add NICs to web-000' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add 1 NIC' }));
    await waitFor(() => expect(api.callsOf('nics.add')).toHaveLength(1));
    // The per-server section's job ends: the server's rows are read again, alone.
    api.emit('jobs.updated', {
      id: 'job-add',
      accountId: 'sandbox',
      region: 'sandbox-1',
      operation: 'batchAddServerNics',
      title: 'Add NICs',
      targets: [{ id: 'srv-00000' }],
      state: 'succeeded',
      createdAt: '2026-01-01T00:00:00Z',
      finishedAt: '2026-01-01T00:00:05Z',
      subJobs: [],
      retryable: false,
    });
    await waitFor(() =>
      expect(api.callsOf('nics.listAll')).toContainEqual(expect.objectContaining({ serverId: 'srv-00000' })),
    );
    await waitFor(() => expect(status(pane)).toBe('2,600 NICs in the region'));
    expect(api.callsOf('nics.listAll').slice(before)).toEqual([
      expect.objectContaining({ serverId: 'srv-00000' }),
    ]);
    expect(bodyRows(pane)[0]!.dataset.id).toBe('port-00000');
    search(pane, 'web-000 ');
    await waitFor(() => expect(bodyRows(pane).map((r) => r.dataset.id)).toEqual(['port-00000', 'port-new']));
    expect(bodyRows(pane)[1]!.textContent).toContain('192.168.200.9');
  });

  it("follows servers.changed: a deleted server's NICs go, without a full reload", async () => {
    const { api, pane, setNics } = setup();
    await waitFor(() => expect(status(pane)).toBe('2,600 NICs in the region'));
    const before = api.callsOf('nics.listAll').length;
    setNics((list) => list.filter((n) => n.serverId !== 'srv-00007'));
    api.emit('servers.changed', { accountId: 'sandbox', region: 'sandbox-1', ids: ['srv-00007'] });
    await waitFor(() => expect(status(pane)).toBe('2,598 NICs in the region'));
    expect(api.callsOf('nics.listAll').slice(before)).toEqual([
      expect.objectContaining({ serverId: 'srv-00007' }),
    ]);
  });

  it('shows a failed load with Retry, which loads the list', async () => {
    const api = makeFakeApi({ servers: 3 });
    api.handle('networks.list', () => ({ ok: true, value: { networks: [] } }));
    api.failNext('nics.listAll', {
      name: 'ApiError',
      code: 'API_ERROR',
      status: 403,
      apiCode: 'VPC.0003',
      message: "Policy doesn't allow vpc:ports:get to be performed.",
      retryable: false,
    });
    renderApp({ api });
    fireEvent.click(
      within(screen.getByRole('region', { name: 'Panes' })).getByRole('button', { name: 'NICs' }),
    );
    const pane = screen.getByRole('region', { name: 'NICs' });
    const alert = await within(pane).findByRole('alert');
    expect(alert.textContent).toContain('Could not load the NICs of the region');
    expect(alert.textContent).toContain('VPC.0003');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(status(pane)).toBe('3 NICs in the region'));
    expect(within(pane).queryByRole('alert')).toBeNull();
  });

  it('clears at once on a scope switch, then lists the new region', async () => {
    const api = makeFakeApi({ servers: [makeServer(0), makeServer(1)] });
    api.handle('networks.list', () => ({ ok: true, value: { networks: [] } }));
    withTwoRegions(api);
    let answer!: (r: Result<PortPage>) => void;
    api.handle('nics.listAll', (a) =>
      a.region === 'sandbox-1'
        ? { ok: true, value: { nics: [{ ...makeNic(0), fixedIps: [{ address: '10.1.1.1' }] }] } }
        : new Promise<Result<PortPage>>((r) => (answer = r)),
    );
    renderApp({ api });
    fireEvent.click(
      within(screen.getByRole('region', { name: 'Panes' })).getByRole('button', { name: 'NICs' }),
    );
    const pane = screen.getByRole('region', { name: 'NICs' });
    await waitFor(() => expect(grid(pane).textContent).toContain('10.1.1.1'));
    fireEvent.click(
      within(screen.getByRole('region', { name: 'Accounts' })).getByRole('button', {
        name: 'Sandbox: sandbox-2',
      }),
    );
    await waitFor(() =>
      expect(api.callsOf('nics.listAll')).toContainEqual(expect.objectContaining({ region: 'sandbox-2' })),
    );
    expect(pane.textContent).not.toContain('10.1.1.1');
    expect(within(pane).queryByRole('grid', { name: 'All NICs' })).toBeNull();
    expect(status(pane)).toBe('Loading every NIC of the region…');
    answer({ ok: true, value: { nics: [{ ...makeNic(1), fixedIps: [{ address: '10.2.2.2' }] }] } });
    await waitFor(() => expect(grid(pane).textContent).toContain('10.2.2.2'));
    expect(pane.textContent).not.toContain('10.1.1.1');
    expect(status(pane)).toBe('1 NIC in the region');
  });
});
