import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { renderApp } from './render-app';
import { makeFakeApi } from './fake-api';

describe('the frame', () => {
  it('lists the Sandbox account with its region and every pane in order', async () => {
    renderApp();
    const accounts = screen.getByRole('region', { name: 'Accounts' });
    await waitFor(() => expect(within(accounts).getByRole('button', { name: 'Sandbox' })).toBeTruthy());
    expect(within(accounts).getByRole('button', { name: 'Sandbox: sandbox-1' })).toBeTruthy();
    const panes = within(screen.getByRole('region', { name: 'Panes' }))
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(panes).toEqual([
      'Servers',
      'Disks',
      'NICs',
      'Tags',
      'Key pairs',
      'Server groups',
      'Flavors',
      'Quotas',
      'Activity',
      'Fleet',
    ]);
  });

  it('switches panes from the sidebar and moves focus with the arrow keys', async () => {
    renderApp();
    const panes = screen.getByRole('region', { name: 'Panes' });
    const servers = within(panes).getByRole('button', { name: 'Servers' });
    servers.focus();
    fireEvent.keyDown(servers, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('Disks');
    fireEvent.click(document.activeElement!);
    expect(screen.getByRole('heading', { name: 'Disks', level: 2 })).toBeTruthy();
    expect(within(panes).getByRole('button', { name: 'Disks' }).getAttribute('aria-current')).toBe('page');
  });

  it('shows account, region, connectivity and running jobs in the status bar, live', async () => {
    const { api } = renderApp();
    await waitFor(() => expect(screen.getByTestId('status-account').textContent).toBe('Sandbox'));
    expect(screen.getByTestId('status-region').textContent).toBe('sandbox-1');
    // Before any connectivity event, the last live server list says online.
    await waitFor(() => expect(screen.getByTestId('status-connectivity').textContent).toBe('Online'));
    api.emit('connectivity.changed', {
      accountId: 'sandbox',
      region: 'sandbox-1',
      online: false,
      checkedAt: new Date().toISOString(),
      error: { name: 'NetworkError', code: 'NETWORK', message: 'connect ECONNREFUSED', retryable: true },
    });
    await waitFor(() =>
      expect(screen.getByTestId('status-connectivity').textContent).toBe('Offline: connect ECONNREFUSED'),
    );
    expect(screen.getByTestId('status-jobs').textContent).toBe('0 running jobs');
    api.emit('jobs.updated', {
      id: 'j1',
      accountId: 'sandbox',
      region: 'sandbox-1',
      operation: 'batchStopServers',
      title: 'Stop 2 servers',
      targets: [],
      state: 'running',
      createdAt: new Date().toISOString(),
      subJobs: [],
      retryable: false,
    });
    await waitFor(() => expect(screen.getByTestId('status-jobs').textContent).toBe('1 running job'));
    api.emit('jobs.updated', {
      id: 'j1',
      accountId: 'sandbox',
      region: 'sandbox-1',
      operation: 'batchStopServers',
      title: 'Stop 2 servers',
      targets: [],
      state: 'succeeded',
      createdAt: new Date().toISOString(),
      subJobs: [],
      retryable: false,
    });
    await waitFor(() => expect(screen.getByTestId('status-jobs').textContent).toBe('0 running jobs'));
  });

  it('opens the command palette with Ctrl+K, filters, runs a pane command with Enter, and Escape closes it', async () => {
    renderApp();
    fireEvent.keyDown(document, { key: 'k', ctrlKey: true });
    const input = await screen.findByRole('combobox', { name: 'Type a command' });
    expect(document.activeElement).toBe(input);
    fireEvent.input(input, { target: { value: 'go quotas' } });
    const options = within(screen.getByRole('listbox', { name: 'Commands' })).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Panes Go to Quotas']);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Quotas', level: 2 })).toBeTruthy();
    fireEvent.keyDown(document, { key: 'k', metaKey: true });
    const again = await screen.findByRole('combobox', { name: 'Type a command' });
    fireEvent.keyDown(again, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('lists server actions in the palette, disabled until servers are selected', async () => {
    renderApp();
    fireEvent.keyDown(document, { key: 'k', ctrlKey: true });
    const input = await screen.findByRole('combobox', { name: 'Type a command' });
    fireEvent.input(input, { target: { value: 'stop' } });
    const stop = screen.getByRole('option', { name: /Stop 0 selected servers/ });
    expect(stop.getAttribute('aria-disabled')).toBe('true');
    expect(stop.textContent).toContain('select servers first');
  });

  it('shows an accounts error with its code and hint instead of failing the whole UI', async () => {
    const api = makeFakeApi();
    api.failNext('accounts.list', {
      name: 'VaultError',
      code: 'VAULT',
      message: 'The keychain is locked.',
      hint: 'Unlock the login keyring.',
      retryable: true,
    });
    renderApp({ api });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The keychain is locked.');
    expect(alert.textContent).toContain('Unlock the login keyring.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Sandbox' })).toBeTruthy());
    expect(screen.getByRole('heading', { name: 'Servers', level: 2 })).toBeTruthy();
  });

  it('finds servers by name or IP in the palette and opens the chosen one in the drawer', async () => {
    renderApp({ servers: 30 });
    await waitFor(() =>
      expect(screen.getByRole('grid', { name: 'Servers' }).getAttribute('aria-rowcount')).toBe('31'),
    );
    fireEvent.keyDown(document, { key: 'k', ctrlKey: true });
    const input = await screen.findByRole('combobox', { name: 'Type a command' });
    fireEvent.input(input, { target: { value: '192.168.0.27' } });
    const list = screen.getByRole('listbox', { name: 'Commands' });
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Server Open web-025 (ACTIVE, 192.168.0.27)']);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await screen.findByRole('complementary', { name: 'Server web-025' })).toBeTruthy();
  });
});
