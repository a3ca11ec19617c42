import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import type { KeypairView } from '../../shared/ipc/views';
import { renderApp } from './render-app';
import { makeFakeApi } from './fake-api';

function keyApi() {
  const api = makeFakeApi({ servers: 1 });
  const keys: KeypairView[] = [{ name: 'ops-key', fingerprint: 'aa:bb', publicKey: 'ssh-ed25519 AAAA ops' }];
  api.handle('keypairs.list', () => ({ ok: true, value: { keypairs: structuredClone(keys) } }));
  api.handle('keypairs.create', (a) => {
    const kp = { name: a.name, fingerprint: 'cc:dd', publicKey: 'ssh-rsa BBBB' };
    keys.push(kp);
    return {
      ok: true,
      value: { ...kp, privateKey: '-----BEGIN RSA PRIVATE KEY-----\nSECRETDATA\n-----END' },
    };
  });
  api.handle('keypairs.import', (a) => {
    keys.push({ name: a.name, fingerprint: 'ee:ff', publicKey: a.publicKey });
    return { ok: true, value: keys[keys.length - 1]! };
  });
  api.handle('keypairs.delete', (a) => {
    keys.splice(
      keys.findIndex((k) => k.name === a.name),
      1,
    );
    return { ok: true, value: { deleted: true } };
  });
  return api;
}

const openPane = async () => {
  fireEvent.click(
    within(screen.getByRole('region', { name: 'Panes' })).getByRole('button', { name: 'Key pairs' }),
  );
  const pane = screen.getByRole('region', { name: 'Key pairs' });
  await within(pane).findByRole('row', { name: /ops-key/ });
  return pane;
};

describe('key pairs pane', () => {
  it('lists key pairs of the scope with their fingerprints', async () => {
    const api = keyApi();
    renderApp({ api });
    const pane = await openPane();
    expect(within(pane).getByRole('row', { name: /ops-key/ }).textContent).toContain('aa:bb');
    expect(api.callsOf('keypairs.list')[0]).toEqual({ accountId: 'sandbox', region: 'sandbox-1' });
  });

  it("puts only the active row's Copy and Delete in the Tab order", async () => {
    const api = keyApi();
    api.handle('keypairs.list', () => ({
      ok: true,
      value: {
        keypairs: ['a-key', 'b-key', 'ops-key'].map((name) => ({
          name,
          fingerprint: name,
          publicKey: `ssh-ed25519 ${name}`,
        })),
      },
    }));
    renderApp({ api });
    const pane = await openPane();
    const grid = within(pane).getByRole('grid');
    const tabbableRows = () =>
      within(grid)
        .getAllByRole('button', { name: /^(Copy public key of|Delete key pair) / })
        .filter((b) => b.tabIndex === 0)
        .map((b) => b.closest('[role=row]')!.getAttribute('aria-rowindex'));
    expect(tabbableRows()).toEqual(['2', '2']);
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(tabbableRows()).toEqual(['3', '3']);
  });

  it('creates a key pair and shows the private key once; closing drops it', async () => {
    const api = keyApi();
    renderApp({ api });
    const pane = await openPane();
    fireEvent.click(within(pane).getByRole('button', { name: 'Create key pair…' }));
    let dialog = await screen.findByRole('dialog', { name: 'Create key pair' });
    fireEvent.input(within(dialog).getByLabelText('Key pair name'), { target: { value: 'bad name!' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create key pair' }));
    expect(await within(dialog).findByText(/letters, digits, - and _ only/)).toBeTruthy();
    expect(within(dialog).getByLabelText('Key pair name').getAttribute('aria-invalid')).toBe('true');
    expect(api.callsOf('keypairs.create')).toHaveLength(0);
    fireEvent.input(within(dialog).getByLabelText('Key pair name'), { target: { value: 'deploy' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create key pair' }));
    dialog = await screen.findByRole('dialog', { name: 'Key pair deploy created' });
    expect((within(dialog).getByLabelText('Private key of deploy') as HTMLTextAreaElement).value).toContain(
      'SECRETDATA',
    );
    expect(within(dialog).getByRole('alert').textContent).toContain('only time the private key is shown');
    expect(within(dialog).getByRole('button', { name: 'Copy private key of deploy' })).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Save deploy.pem…' })).toBeTruthy();
    await within(pane).findByRole('row', { name: /deploy/ });
    await waitFor(() =>
      expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Done, close' })),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Done, close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.body.innerHTML).not.toContain('SECRETDATA');
  });

  it('imports a public key, refusing one that is not OpenSSH', async () => {
    const api = keyApi();
    renderApp({ api });
    const pane = await openPane();
    fireEvent.click(within(pane).getByRole('button', { name: 'Import public key…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import public key' });
    fireEvent.input(within(dialog).getByLabelText('Key pair name'), { target: { value: 'laptop' } });
    fireEvent.input(within(dialog).getByLabelText('OpenSSH public key'), { target: { value: 'not a key' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import key pair' }));
    expect(await within(dialog).findByText(/is not an OpenSSH public key/)).toBeTruthy();
    fireEvent.input(within(dialog).getByLabelText('OpenSSH public key'), {
      target: { value: 'ssh-ed25519 AAAAC3Nz me@laptop' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import key pair' }));
    await waitFor(() =>
      expect(api.callsOf('keypairs.import')).toEqual([
        {
          accountId: 'sandbox',
          region: 'sandbox-1',
          name: 'laptop',
          publicKey: 'ssh-ed25519 AAAAC3Nz me@laptop',
        },
      ]),
    );
    await within(pane).findByRole('row', { name: /laptop/ });
  });

  it('deletes a key pair after typing its name, and shows load errors with Retry', async () => {
    const api = keyApi();
    renderApp({ api });
    const pane = await openPane();
    fireEvent.click(within(pane).getByRole('button', { name: 'Delete key pair ops-key' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete key pair ops-key?' });
    expect(confirm.textContent).toContain('new servers can no longer use it');
    fireEvent.input(within(confirm).getByLabelText(/to confirm/), { target: { value: 'ops-key' } });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete ops-key' }));
    await waitFor(() => expect(within(pane).queryByRole('row', { name: /ops-key/ })).toBeNull());
    expect(api.callsOf('keypairs.delete')).toEqual([
      { accountId: 'sandbox', region: 'sandbox-1', name: 'ops-key' },
    ]);

    api.failNext('keypairs.list', { name: 'ApiError', code: 'NETWORK', message: 'offline', retryable: true });
    fireEvent.click(within(pane).getByRole('button', { name: 'Refresh' }));
    expect((await within(pane).findByRole('alert')).textContent).toContain('Could not load the key pairs');
    fireEvent.click(within(pane).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(within(pane).queryByRole('alert')).toBeNull());
  });

  it('opens the create dialog from the command palette', async () => {
    renderApp({ api: keyApi() });
    fireEvent.keyDown(document, { key: 'k', ctrlKey: true });
    const input = await screen.findByRole('combobox', { name: 'Type a command' });
    fireEvent.input(input, { target: { value: 'create key pair' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await screen.findByRole('dialog', { name: 'Create key pair' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Key pairs', level: 2 })).toBeTruthy();
  });
});
