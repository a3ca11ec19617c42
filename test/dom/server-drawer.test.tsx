import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { renderApp } from './render-app';
import { makeFakeApi, makeServer } from './fake-api';

async function openDrawer(api: ReturnType<typeof makeFakeApi>, name: string) {
  renderApp({ api });
  const grid = await screen.findByRole('grid', { name: 'Servers' });
  fireEvent.click(await within(grid).findByRole('button', { name }));
  return screen.findByRole('complementary', { name: `Server ${name}` });
}

describe('the server drawer', () => {
  it('shows every overview field with copy buttons, and the raw JSON', async () => {
    const api = makeFakeApi({ servers: [makeServer(7, { keyName: 'ops-key', description: 'frontend' })] });
    const drawer = await openDrawer(api, 'web-007');
    const q = within(drawer);
    const field = (label: string) => q.getByText(label, { selector: 'dt' }).nextElementSibling!.textContent;
    expect(field('ID')).toContain('srv-00007');
    expect(field('Description')).toBe('frontend');
    expect(field('Key pair')).toBe('ops-key');
    expect(field('Private IP (IPv4)')).toContain('192.168.0.9');
    expect(q.getByRole('button', { name: 'Copy id' })).toBeTruthy();
    expect(q.getByRole('button', { name: 'Copy private ip (ipv4)' })).toBeTruthy();
    fireEvent.click(q.getByRole('tab', { name: 'JSON' }));
    await waitFor(() =>
      expect(q.getByLabelText('Raw API object').textContent).toContain('"id": "srv-00007"'),
    );
  });

  it('moves between tabs with the arrow keys and loads each tab', async () => {
    const api = makeFakeApi({ servers: 1 });
    const drawer = await openDrawer(api, 'web-000');
    const q = within(drawer);
    const overview = q.getByRole('tab', { name: 'Overview' });
    overview.focus();
    fireEvent.keyDown(overview, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(q.getByRole('tab', { name: 'Disks' }));
    await waitFor(() => expect(q.getByRole('table', { name: 'Disks' }).textContent).toContain('/dev/vda'));
    fireEvent.click(q.getByRole('tab', { name: 'Console log' }));
    await waitFor(() => expect(q.getByLabelText('Console output').textContent).toContain('login:'));
    fireEvent.click(q.getByRole('tab', { name: 'Action history' }));
    await waitFor(() =>
      expect(q.getByRole('table', { name: 'Action history' }).textContent).toContain('req-1'),
    );
  });

  it('offers confirm and revert while a Nova resize waits in VERIFY_RESIZE', async () => {
    const api = makeFakeApi({ servers: [makeServer(0, { status: 'VERIFY_RESIZE' })] });
    const drawer = await openDrawer(api, 'web-000');
    fireEvent.click(within(drawer).getByRole('button', { name: 'Confirm resize' }));
    await waitFor(() =>
      expect(api.callsOf('servers.confirmResize')).toEqual([
        { accountId: 'sandbox', region: 'sandbox-1', id: 'srv-00000' },
      ]),
    );
    fireEvent.click(within(drawer).getByRole('button', { name: 'Revert resize' }));
    await waitFor(() => expect(api.callsOf('servers.revertResize')).toHaveLength(1));
  });

  it('resizes with a chosen flavor and mode, and validates an ECS resize with a dry run', async () => {
    const api = makeFakeApi({ servers: 1 });
    const drawer = await openDrawer(api, 'web-000');
    fireEvent.click(within(drawer).getByRole('button', { name: 'Resize…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Resize: web-000' });
    const q = within(dialog);
    await waitFor(() => expect(q.getAllByRole('option', { name: /s6.large.2/ })).toHaveLength(1));
    fireEvent.change(q.getByRole('combobox', { name: 'New flavor' }), { target: { value: 's6.large.2' } });
    fireEvent.click(q.getByRole('button', { name: 'Validate' }));
    await waitFor(() => expect(q.getByText(/Dry run passed/)).toBeTruthy());
    fireEvent.click(q.getByRole('radio', { name: /Nova resize/ }));
    expect(dialog.textContent).toContain('VERIFY_RESIZE');
    fireEvent.click(q.getByRole('button', { name: 'Resize' }));
    await waitFor(() => expect(api.callsOf('servers.resize')).toHaveLength(2));
    expect(api.callsOf('servers.resize')[1]).toEqual({
      accountId: 'sandbox',
      region: 'sandbox-1',
      id: 'srv-00000',
      flavorId: 's6.large.2',
      mode: 'nova',
    });
  });

  it('saves tags optimistically and rolls back when the API refuses', async () => {
    const api = makeFakeApi({ servers: [makeServer(0, { tags: [{ key: 'env', value: 'dev' }] })] });
    const drawer = await openDrawer(api, 'web-000');
    const q = within(drawer);
    fireEvent.click(q.getByRole('tab', { name: 'Tags' }));
    api.handle('tags.batchAdd', async () => {
      // The row shows the new tag while the call is in flight.
      await waitFor(() =>
        expect(screen.getByRole('grid', { name: 'Servers' }).textContent).toContain('env=prod'),
      );
      return {
        ok: false,
        error: {
          name: 'ApiError',
          code: 'API_ERROR',
          apiCode: 'Ecs.0907',
          message: 'Invalid tag.',
          retryable: false,
        },
      };
    });
    fireEvent.input(q.getByRole('textbox', { name: 'Value 1' }), { target: { value: 'prod' } });
    fireEvent.click(q.getByRole('button', { name: 'Save tags' }));
    const err = await q.findByText('The tags were not saved');
    expect(err.closest('[role=alert]')!.textContent).toContain('Ecs.0907');
    await waitFor(() =>
      expect(screen.getByRole('grid', { name: 'Servers' }).textContent).toContain('env=dev'),
    );
    expect(screen.getByRole('grid', { name: 'Servers' }).textContent).not.toContain('env=prod');
  });

  it('renames a server and locks it', async () => {
    const api = makeFakeApi({ servers: 1 });
    const drawer = await openDrawer(api, 'web-000');
    fireEvent.click(within(drawer).getByRole('button', { name: 'Rename…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rename and describe: web-000' });
    fireEvent.input(within(dialog).getByLabelText('Server name'), { target: { value: 'bad name' } });
    expect(
      (within(dialog).getByRole('button', { name: 'Rename and describe' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    fireEvent.input(within(dialog).getByLabelText('Server name'), { target: { value: 'api-01' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rename and describe' }));
    await waitFor(() =>
      expect(screen.getByRole('grid', { name: 'Servers' }).textContent).toContain('api-01'),
    );
    fireEvent.click(within(drawer).getByRole('button', { name: 'Lock' }));
    await waitFor(() => expect(within(drawer).getByRole('button', { name: 'Unlock' })).toBeTruthy());
  });
});
