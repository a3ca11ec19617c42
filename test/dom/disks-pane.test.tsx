/**
 * The disks pane: list, attach, detach (system disk rule), create and delete with exact confirms.
 */
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import type { DiskView } from '../../shared/ipc/views';
import { makeFakeApi, makeServer, type FakeApi } from './fake-api';
import { pickerOptions, pickServer } from './pick-server';
import { renderApp } from './render-app';

const DISKS: DiskView[] = [
  {
    id: 'vol-data',
    name: 'data-01',
    sizeGb: 100,
    volumeType: 'SSD',
    status: 'available',
    availabilityZone: 'sandbox-1a',
    attachments: [],
  },
  {
    id: 'vol-sys',
    name: 'sys-01',
    sizeGb: 40,
    volumeType: 'SAS',
    status: 'in-use',
    availabilityZone: 'sandbox-1a',
    bootable: true,
    attachments: [{ serverId: 'srv-00000', device: '/dev/vda' }],
  },
  {
    id: 'vol-logs',
    name: 'logs-01',
    sizeGb: 20,
    volumeType: 'SATA',
    status: 'in-use',
    availabilityZone: 'sandbox-1a',
    attachments: [{ serverId: 'srv-00000', device: '/dev/vdb' }],
  },
];

function setup(): FakeApi {
  const api = makeFakeApi({ servers: [makeServer(0), makeServer(1), makeServer(2, { status: 'SHUTOFF' })] });
  let disks = structuredClone(DISKS);
  api.handle('disks.list', () => ({ ok: true, value: { disks: structuredClone(disks) } }));
  api.handle('disks.attach', (a) => {
    disks = disks.map((d) =>
      d.id === a.volumeId
        ? { ...d, status: 'in-use', attachments: [{ serverId: a.serverId, device: a.device ?? '/dev/vdc' }] }
        : d,
    );
    return { ok: true, value: { jobId: 'job-attach' } };
  });
  api.handle('disks.detach', () => ({ ok: true, value: { jobId: 'job-detach' } }));
  api.handle('disks.delete', (a) => {
    disks = disks.filter((d) => d.id !== a.id);
    return { ok: true, value: { deleted: true } };
  });
  api.handle('disks.create', (a) => {
    const d: DiskView = {
      id: 'vol-new',
      name: a.name,
      sizeGb: a.sizeGb,
      volumeType: a.volumeType ?? 'SATA',
      status: 'available',
      availabilityZone: a.availabilityZone ?? 'sandbox-1a',
      attachments: [],
    };
    disks = [...disks, d];
    return { ok: true, value: d };
  });
  renderApp({ api });
  fireEvent.click(
    within(screen.getByRole('region', { name: 'Panes' })).getByRole('button', { name: 'Disks' }),
  );
  return api;
}

const table = () => screen.findByRole('grid', { name: 'Disks' });

describe('disks pane', () => {
  it('lists every disk with size, type, status and the attached server and device', async () => {
    setup();
    const t = await table();
    await waitFor(() => expect(within(t).getAllByText('web-000').length).toBe(2));
    const row = within(t).getByRole('row', { name: /logs-01/ });
    expect(row.textContent).toContain('20 GB');
    expect(row.textContent).toContain('SATA');
    expect(row.textContent).toContain('in-use');
    expect(row.textContent).toContain('/dev/vdb');
    expect(within(t).getByRole('row', { name: /data-01/ }).textContent).toContain('Not attached');
  });

  it("puts only the active row's buttons in the Tab order; the arrows move it", async () => {
    setup();
    const grid = await table();
    await within(grid).findAllByRole('button', { name: /^Delete / });
    const tabbable = () =>
      within(grid)
        .queryAllByRole('button', { name: /^(Delete|Attach|Detach) / })
        .filter((b) => b.tabIndex === 0)
        .map((b) => b.closest('[role=row]')!.getAttribute('aria-rowindex'));
    expect(new Set(tabbable())).toEqual(new Set(['2']));
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(new Set(tabbable())).toEqual(new Set(['3']));
  });

  it('disables detaching the system disk of a running server and says why', async () => {
    setup();
    const t = await table();
    const btn = (await within(t).findByRole('button', {
      name: 'Detach sys-01 from web-000',
    })) as HTMLButtonElement;
    expect(btn.disabled).toBe(true);
    expect(within(t).getByText(/System disk: stop web-000 first/)).toBeTruthy();
    const data = within(t).getByRole('button', { name: 'Detach logs-01 from web-000' }) as HTMLButtonElement;
    expect(data.disabled).toBe(false);
    // Attached disks cannot be deleted.
    expect((within(t).getByRole('button', { name: 'Delete logs-01' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('attaches a disk to a server of its AZ with an optional device', async () => {
    const api = setup();
    const t = await table();
    fireEvent.click(within(t).getByRole('button', { name: 'Attach data-01' }));
    const dialog = await screen.findByRole('dialog', { name: 'Attach disk data-01' });
    const server = within(dialog).getByLabelText('Server');
    // web-001 is in sandbox-1b: not offered.
    await waitFor(async () =>
      expect((await pickerOptions(server)).map((t) => t.split(' ')[0])).toEqual(['web-000', 'web-002']),
    );
    await pickServer(server, 'web-002');
    const device = within(dialog).getByLabelText('Device (optional)');
    fireEvent.input(device, { target: { value: 'sdb' } });
    const attach = within(dialog).getByRole('button', { name: 'Attach' }) as HTMLButtonElement;
    expect(attach.disabled).toBe(true);
    expect(device.getAttribute('aria-invalid')).toBe('true');
    fireEvent.input(device, { target: { value: '/dev/vdd' } });
    expect(attach.disabled).toBe(false);
    fireEvent.click(attach);
    await waitFor(() => expect(api.callsOf('disks.attach')).toHaveLength(1));
    expect(api.callsOf('disks.attach')[0]).toMatchObject({
      serverId: 'srv-00002',
      volumeId: 'vol-data',
      device: '/dev/vdd',
    });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Attach disk data-01' })).toBeNull());
  });

  it('detaches after a confirm naming the disk, server and device, and reloads when the job ends', async () => {
    const api = setup();
    const t = await table();
    fireEvent.click(await within(t).findByRole('button', { name: 'Detach logs-01 from web-000' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Detach disk logs-01' });
    expect(dialog.textContent).toContain(
      'Detach disk logs-01 (20 GB SATA) from server web-000, where it is /dev/vdb',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Detach' }));
    await waitFor(() => expect(api.callsOf('disks.detach')).toHaveLength(1));
    expect(api.callsOf('disks.detach')[0]).toMatchObject({ serverId: 'srv-00000', volumeId: 'vol-logs' });
    const before = api.callsOf('disks.list').length;
    api.emit('jobs.updated', {
      id: 'job-detach',
      accountId: 'sandbox',
      region: 'sandbox-1',
      operation: 'detachServerVolume',
      title: 'Detach',
      targets: [{ id: 'srv-00000' }],
      state: 'succeeded',
      createdAt: '2026-01-01T00:00:00Z',
      subJobs: [],
      retryable: false,
    });
    await waitFor(() => expect(api.callsOf('disks.list').length).toBeGreaterThan(before));
  });

  it('deletes a disk only after typing its name', async () => {
    const api = setup();
    const t = await table();
    fireEvent.click(await within(t).findByRole('button', { name: 'Delete data-01' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete disk data-01' });
    expect(dialog.textContent).toContain('Permanently delete disk data-01 (100 GB SSD, sandbox-1a)');
    expect(within(dialog).getByRole('list', { name: 'Affected resources' }).textContent).toContain(
      'vol-data',
    );
    const confirm = within(dialog).getByRole('button', { name: 'Delete disk' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.input(within(dialog).getByRole('textbox', { name: /Type data-01 to confirm/ }), {
      target: { value: 'data-01' },
    });
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(api.callsOf('disks.delete')).toEqual([expect.objectContaining({ id: 'vol-data' })]),
    );
    await waitFor(() =>
      expect(within(screen.getByRole('grid', { name: 'Disks' })).queryByText('data-01')).toBeNull(),
    );
  });

  it('creates a disk, validating the size inline', async () => {
    const api = setup();
    await table();
    fireEvent.click(screen.getByRole('button', { name: 'Create disk' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create disk' });
    fireEvent.input(within(dialog).getByLabelText('Name'), { target: { value: 'scratch' } });
    const size = within(dialog).getByLabelText('Size (GB)');
    fireEvent.input(size, { target: { value: '5' } });
    expect(within(dialog).getByText('The size must be 10 to 32768 GB.')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create disk' }));
    expect(api.callsOf('disks.create')).toHaveLength(0);
    fireEvent.input(size, { target: { value: '50' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create disk' }));
    await waitFor(() =>
      expect(api.callsOf('disks.create')[0]).toMatchObject({
        name: 'scratch',
        sizeGb: 50,
        volumeType: 'SSD',
      }),
    );
    expect(await within(await table()).findByText('scratch')).toBeTruthy();
    // The new disk comes last in the API's order: the pane searches for it, so it is in view.
    expect((screen.getByRole('searchbox', { name: /search disks/i }) as HTMLInputElement).value).toBe(
      'scratch',
    );
    await waitFor(() =>
      expect(within(screen.getByRole('grid', { name: 'Disks' })).getAllByRole('row')).toHaveLength(2),
    );
    fireEvent.input(screen.getByRole('searchbox', { name: /search disks/i }), {
      target: { value: 'nothing-like-it' },
    });
    expect(await screen.findByText('No disks match “nothing-like-it”.')).toBeTruthy();
  });

  it('shows a load failure with its code and a Retry', async () => {
    const api = makeFakeApi({ servers: 1 });
    api.failNext('disks.list', {
      name: 'ApiError',
      code: 'API_ERROR',
      apiCode: 'EVS.0001',
      message: 'Service unavailable',
      retryable: true,
    });
    api.handle('disks.list', () => ({ ok: true, value: { disks: DISKS } }));
    renderApp({ api });
    fireEvent.click(
      within(screen.getByRole('region', { name: 'Panes' })).getByRole('button', { name: 'Disks' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('EVS.0001');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('grid', { name: 'Disks' })).toBeTruthy();
  });

  it('opens the create dialog from the command palette', async () => {
    setup();
    await table();
    fireEvent.click(
      within(screen.getByRole('region', { name: 'Panes' })).getByRole('button', { name: 'Servers' }),
    );
    fireEvent.keyDown(document, { key: 'k', ctrlKey: true });
    const input = await screen.findByRole('combobox', { name: 'Type a command' });
    fireEvent.input(input, { target: { value: 'create disk' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await screen.findByRole('dialog', { name: 'Create disk' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Disks', level: 2 })).toBeTruthy();
  });
});
