/**
 * The NICs pane: a server's NICs, batch add with fixed-IP checks, delete (never the primary), networks.
 */
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import type { NicView } from '../../shared/ipc/views';
import { ipInCidr } from '../../renderer/src/features/nics/nic-rules';
import { makeFakeApi, makeServer, type FakeApi } from './fake-api';
import { pickerOptions, pickServer as pick } from './pick-server';
import { renderApp } from './render-app';

const nic = (i: number, primary: boolean): NicView => ({
  portId: `port-${i}`,
  serverId: 'srv-00000',
  mac: `fa:16:3e:00:00:0${i}`,
  networkId: 'subnet-1',
  fixedIps: [{ address: `192.168.0.${10 + i}` }],
  state: 'ACTIVE',
  primary,
  securityGroups: ['default', 'web'],
});

function setup(): FakeApi {
  const api = makeFakeApi({
    servers: [makeServer(0), makeServer(1)],
  });
  let nics = [nic(1, true), nic(2, false), nic(3, false)];
  api.handle('nics.list', () => ({ ok: true, value: { nics: structuredClone(nics) } }));
  api.handle('nics.add', () => ({ ok: true, value: { jobId: 'job-add' } }));
  api.handle('nics.delete', (a) => {
    nics = nics.filter((n) => !a.portIds.includes(n.portId));
    return { ok: true, value: { jobId: 'job-del' } };
  });
  api.handle('subnets.list', () => ({
    ok: true,
    value: {
      subnets: [
        {
          id: 'subnet-1',
          name: 'subnet-a',
          cidr: '192.168.0.0/24',
          vpcId: 'vpc-1',
          gatewayIp: '192.168.0.1',
          networkId: 'subnet-1',
          status: 'ACTIVE',
        },
      ],
    },
  }));
  api.handle('networks.list', () => ({
    ok: true,
    value: { networks: [{ id: 'net-9', name: 'vpc-default', cidr: '192.168.0.0/16' }] },
  }));
  renderApp({ api });
  fireEvent.click(
    within(screen.getByRole('region', { name: 'Panes' })).getByRole('button', { name: 'NICs' }),
  );
  return api;
}

const pickServer = async () => {
  const input = await screen.findByLabelText('Server');
  await waitFor(async () => expect(await pickerOptions(input)).toHaveLength(2));
  await pick(input, 'web-000');
  return screen.findByRole('table', { name: 'NICs of web-000' });
};

const finish = (api: FakeApi, id: string) =>
  api.emit('jobs.updated', {
    id,
    accountId: 'sandbox',
    region: 'sandbox-1',
    operation: 'nics',
    title: 'NICs',
    targets: [{ id: 'srv-00000' }],
    state: 'succeeded',
    createdAt: '2026-01-01T00:00:00Z',
    subJobs: [],
    retryable: false,
  });

describe('nics pane', () => {
  it('checks fixed IPs against the CIDR', () => {
    expect(ipInCidr('192.168.0.7', '192.168.0.0/24')).toBe(true);
    expect(ipInCidr('192.168.1.7', '192.168.0.0/24')).toBe(false);
    expect(ipInCidr('10.0.0.1', '0.0.0.0/0')).toBe(true);
  });

  it("lists a server's NICs with IP, MAC, subnet and security groups, and the networks", async () => {
    setup();
    const t = await pickServer();
    const row = await within(t).findByRole('row', { name: /192\.168\.0\.12/ });
    expect(row.textContent).toContain('fa:16:3e:00:00:02');
    expect(row.textContent).toContain('subnet-a (192.168.0.0/24)');
    expect(row.textContent).toContain('default, web');
    const nets = await screen.findByRole('table', { name: 'Networks' });
    expect(nets.textContent).toContain('vpc-default');
  });

  it('never lets the primary NIC be deleted and says why', async () => {
    setup();
    const t = await pickServer();
    const primary = (await within(t).findByRole('checkbox', {
      name: 'Select NIC 192.168.0.11',
    })) as HTMLInputElement;
    expect(primary.disabled).toBe(true);
    expect(within(t).getByText(/Primary NIC: the API never deletes/)).toBeTruthy();
    expect(
      (screen.getByRole('button', { name: 'Delete 0 selected NICs…' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('deletes the selected NICs after a confirm listing them, and reloads when the job ends', async () => {
    const api = setup();
    const t = await pickServer();
    fireEvent.click(await within(t).findByRole('checkbox', { name: 'Select NIC 192.168.0.12' }));
    fireEvent.click(within(t).getByRole('checkbox', { name: 'Select NIC 192.168.0.13' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete 2 selected NICs…' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete 2 NICs of web-000' });
    const items = within(dialog).getByRole('list', { name: 'Affected resources' });
    expect(items.textContent).toContain('192.168.0.12');
    expect(items.textContent).toContain('port-3');
    expect(items.textContent).not.toContain('port-1');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete 2 NICs' }));
    await waitFor(() => expect(api.callsOf('nics.delete')).toHaveLength(1));
    expect(api.callsOf('nics.delete')[0]).toMatchObject({
      serverId: 'srv-00000',
      portIds: ['port-2', 'port-3'],
    });
    finish(api, 'job-del');
    await waitFor(() =>
      expect(
        within(screen.getByRole('table', { name: 'NICs of web-000' })).queryByText('192.168.0.12'),
      ).toBeNull(),
    );
  });

  it('adds NICs in a batch, rejecting a fixed IP outside the subnet', async () => {
    const api = setup();
    await pickServer();
    fireEvent.click(screen.getByRole('button', { name: 'Add NICs…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add NICs to web-000' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add another NIC' }));
    const ip2 = within(dialog).getByLabelText('Fixed IP of NIC 2 (optional)');
    fireEvent.input(ip2, { target: { value: '10.0.0.5' } });
    expect(ip2.getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).getByText('The address is not in the subnet 192.168.0.0/24.')).toBeTruthy();
    const add = within(dialog).getByRole('button', { name: 'Add 2 NICs' }) as HTMLButtonElement;
    expect(add.disabled).toBe(true);
    fireEvent.input(ip2, { target: { value: '192.168.0.50' } });
    expect(add.disabled).toBe(false);
    fireEvent.click(add);
    await waitFor(() => expect(api.callsOf('nics.add')).toHaveLength(1));
    expect(api.callsOf('nics.add')[0]).toMatchObject({
      serverId: 'srv-00000',
      nics: [{ subnetId: 'subnet-1' }, { subnetId: 'subnet-1', ipAddress: '192.168.0.50' }],
    });
    const before = api.callsOf('nics.list').length;
    finish(api, 'job-add');
    await waitFor(() => expect(api.callsOf('nics.list').length).toBeGreaterThan(before));
  });

  it('shows a NIC load failure with Retry', async () => {
    const api = setup();
    api.failNext('nics.list', {
      name: 'ApiError',
      code: 'API_ERROR',
      apiCode: 'Ecs.0114',
      message: 'The ECS does not exist.',
      retryable: false,
    });
    const input = await screen.findByLabelText('Server');
    await waitFor(async () => expect(await pickerOptions(input)).toHaveLength(2));
    await pick(input, 'web-000');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Ecs.0114');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('table', { name: 'NICs of web-000' })).toBeTruthy();
  });

  it("shows the selected server's NICs from the command palette, and keeps the choice across pane switches", async () => {
    setup();
    const panes = within(screen.getByRole('region', { name: 'Panes' }));
    fireEvent.click(panes.getByRole('button', { name: 'Servers' }));
    fireEvent.keyDown(document, { key: 'k', ctrlKey: true });
    let input = await screen.findByRole('combobox', { name: 'Type a command' });
    fireEvent.input(input, { target: { value: 'show nics' } });
    expect(
      screen.getByRole('option', { name: /Show NICs of the selected server/ }).getAttribute('aria-disabled'),
    ).toBe('true');
    fireEvent.keyDown(input, { key: 'Escape' });
    const grid = await screen.findByRole('grid', { name: 'Servers' });
    await waitFor(() => expect(within(grid).getAllByRole('checkbox').length).toBeGreaterThan(2));
    fireEvent.click(within(grid).getByRole('checkbox', { name: /web-001/ }));
    fireEvent.keyDown(document, { key: 'k', ctrlKey: true });
    input = await screen.findByRole('combobox', { name: 'Type a command' });
    fireEvent.input(input, { target: { value: 'show nics' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await screen.findByRole('table', { name: 'NICs of web-001' })).toBeTruthy();
    fireEvent.click(panes.getByRole('button', { name: 'Disks' }));
    fireEvent.click(panes.getByRole('button', { name: 'NICs' }));
    expect(await screen.findByRole('table', { name: 'NICs of web-001' })).toBeTruthy();
  });
});
