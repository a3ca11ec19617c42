import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import type { AccountView, AddAccountInput, EditAccountInput } from '../../shared/accounts';
import { renderApp } from './render-app';
import { makeFakeApi, SANDBOX_ACCOUNT, type FakeApi } from './fake-api';

const PROD: AccountView = {
  ...SANDBOX_ACCOUNT,
  id: 'acc-prod',
  name: 'Prod',
  builtin: false,
  isDefault: false,
  accessKeyIdMasked: 'AKIA****WXYZ',
  defaultRegion: 'cn-north-4',
  regions: ['cn-north-4'],
  order: 1,
};

/** A fake whose accounts.add / edit / remove / setDefault change its account list. */
function accountsApi(): FakeApi {
  const api = makeFakeApi({ servers: 2 });
  api.handle('accounts.add', (a) => {
    const input = a as AddAccountInput;
    const acc: AccountView = {
      ...PROD,
      id: `acc-${api.accounts.length}`,
      name: input.name,
      kind: input.kind,
      defaultRegion: input.defaultRegion,
      regions: [input.defaultRegion],
      accessKeyIdMasked: input.kind === 'password' ? undefined : 'NEWK****1234',
      userName: input.kind === 'password' ? input.userName : undefined,
      order: api.accounts.length,
    };
    api.accounts.push(acc);
    return { ok: true, value: acc };
  });
  api.handle('accounts.edit', (a) => {
    const input = a as EditAccountInput;
    const acc = api.accounts.find((x) => x.id === input.id)!;
    Object.assign(acc, {
      ...(input.name ? { name: input.name } : {}),
      ...(input.hidden !== undefined ? { hidden: input.hidden } : {}),
    });
    return { ok: true, value: acc };
  });
  api.handle('accounts.remove', (a) => {
    api.accounts = api.accounts.filter((x) => x.id !== a.id);
    return { ok: true, value: { removed: true } };
  });
  return api;
}

const openManager = async () => {
  fireEvent.click(await screen.findByRole('button', { name: 'Manage accounts' }));
  const dialog = await screen.findByRole('dialog', { name: 'Accounts' });
  await within(dialog).findByRole('row', { name: /Sandbox/ });
  return dialog;
};

describe('account screens', () => {
  it('adds a permanent AK/SK account: the secret goes to accounts.add once and the sidebar shows the new account', async () => {
    const api = accountsApi();
    renderApp({ api });
    fireEvent.click(await screen.findByRole('button', { name: 'Add account' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add account' });
    fireEvent.input(within(dialog).getByLabelText('Account name'), { target: { value: 'Staging' } });
    fireEvent.input(within(dialog).getByLabelText('Default region'), { target: { value: 'ap-southeast-1' } });
    fireEvent.input(within(dialog).getByLabelText('Access key ID (AK)'), {
      target: { value: 'NEWKEYID001234' },
    });
    const sk = within(dialog).getByLabelText('Secret access key (SK)') as HTMLInputElement;
    expect(sk.type).toBe('password');
    fireEvent.input(sk, { target: { value: 's3cret-value' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add account' }));
    await waitFor(() => expect(api.callsOf('accounts.add')).toHaveLength(1));
    expect(api.callsOf('accounts.add')[0]).toEqual({
      kind: 'aksk',
      name: 'Staging',
      defaultRegion: 'ap-southeast-1',
      accessKeyId: 'NEWKEYID001234',
      secretKey: 's3cret-value',
    });
    const accounts = screen.getByRole('region', { name: 'Accounts' });
    await waitFor(() => expect(within(accounts).getByRole('button', { name: 'Staging' })).toBeTruthy());
    // Back on the list: the key shows masked, and the secret is nowhere in the page.
    await within(dialog).findByText('NEWK****1234');
    expect(document.body.innerHTML).not.toContain('s3cret-value');
  });

  it('adds temporary and IAM password accounts with their own fields, and shows validation errors inline', async () => {
    const api = accountsApi();
    renderApp({ api });
    fireEvent.click(await screen.findByRole('button', { name: 'Add account' }));
    let dialog = await screen.findByRole('dialog', { name: 'Add account' });
    fireEvent.click(within(dialog).getByRole('radio', { name: /Temporary access key/ }));
    fireEvent.input(within(dialog).getByLabelText('Account name'), { target: { value: 'Temp' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add account' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/accessKeyId/);
    expect(api.callsOf('accounts.add')).toHaveLength(0);
    fireEvent.input(within(dialog).getByLabelText('Access key ID (AK)'), {
      target: { value: 'TMPKEY12345678' },
    });
    fireEvent.input(within(dialog).getByLabelText('Secret access key (SK)'), { target: { value: 'sk' } });
    fireEvent.input(within(dialog).getByLabelText('Security token'), { target: { value: 'tok' } });
    fireEvent.input(within(dialog).getByLabelText('Token expires at (local time)'), {
      target: { value: '2030-01-02T03:04' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add account' }));
    await waitFor(() => expect(api.callsOf('accounts.add')).toHaveLength(1));
    expect(api.callsOf('accounts.add')[0]).toMatchObject({
      kind: 'temporary',
      securityToken: 'tok',
      expiresAt: new Date('2030-01-02T03:04').toISOString(),
    });

    dialog = await screen.findByRole('dialog', { name: 'Accounts' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add account…' }));
    dialog = await screen.findByRole('dialog', { name: 'Add account' });
    // The clicked button is gone: focus moves into the new screen so Tab and Escape keep working.
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByLabelText('Account name')));
    fireEvent.click(within(dialog).getByRole('radio', { name: 'IAM user and password' }));
    fireEvent.input(within(dialog).getByLabelText('Account name'), { target: { value: 'Iam' } });
    fireEvent.input(within(dialog).getByLabelText('IAM user name'), { target: { value: 'ops' } });
    fireEvent.input(within(dialog).getByLabelText('Account (domain) name'), { target: { value: 'acme' } });
    fireEvent.input(within(dialog).getByLabelText('Password'), { target: { value: 'pw' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add account' }));
    await waitFor(() => expect(api.callsOf('accounts.add')).toHaveLength(2));
    expect(api.callsOf('accounts.add')[1]).toMatchObject({
      kind: 'password',
      userName: 'ops',
      domainName: 'acme',
      password: 'pw',
    });
  });

  it('tests a connection and shows the verdict with what to do', async () => {
    const api = accountsApi();
    api.handle('accounts.test', () => ({
      ok: true,
      value: {
        verdict: 'clock-skew',
        message: 'Your clock is 20 minutes off.',
        hint: 'Sync the system clock.',
      },
    }));
    renderApp({ api });
    const dialog = await openManager();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Test connection of Sandbox' }));
    const status = await within(dialog).findByText(/Your clock is 20 minutes off/);
    expect(status.closest('[role=status]')?.textContent).toContain('What to do: Sync the system clock.');
    expect(api.callsOf('accounts.test')).toEqual([{ id: 'sandbox' }]);
  });

  it('removes an account only after typing its name; the Sandbox can only be hidden', async () => {
    const api = accountsApi();
    api.accounts.push({ ...PROD });
    renderApp({ api });
    const dialog = await openManager();
    await within(dialog).findByRole('row', { name: /Prod/ });
    expect(within(dialog).queryByRole('button', { name: 'Remove Sandbox' })).toBeNull();
    expect(within(dialog).getByRole('button', { name: 'Hide Sandbox in the sidebar' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove Prod' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Remove account Prod?' });
    expect(confirm.textContent).toContain('its stored secrets are deleted from the vault');
    const go = within(confirm).getByRole('button', { name: 'Remove Prod' }) as HTMLButtonElement;
    expect(go.disabled).toBe(true);
    fireEvent.input(within(confirm).getByLabelText(/to confirm/), { target: { value: 'Prod' } });
    fireEvent.click(go);
    await waitFor(() => expect(api.callsOf('accounts.remove')).toEqual([{ id: 'acc-prod' }]));
    await waitFor(() => expect(within(dialog).queryByRole('row', { name: /Prod/ })).toBeNull());
  });

  it('edits an account and rotates its key, sets the default, and switches to session-only mode', async () => {
    const api = accountsApi();
    api.accounts.push({ ...PROD });
    renderApp({ api });
    let dialog = await openManager();
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Set default account to Prod' }));
    await waitFor(() => expect(api.callsOf('accounts.setDefault')).toEqual([{ id: 'acc-prod' }]));
    api.handle('accounts.setVaultMode', (a) => ({ ok: true, value: { vaultMode: a.mode } }));
    const sessionOnly = within(dialog).getByRole('radio', { name: /Session only/ }) as HTMLInputElement;
    // Cancelling the confirmation changes nothing and puts the radio back.
    fireEvent.click(sessionOnly);
    let confirm = await screen.findByRole('alertdialog', { name: 'Use session-only mode?' });
    expect(confirm.textContent).toContain('forgotten when the app quits');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(sessionOnly.checked).toBe(false));
    expect(api.callsOf('accounts.setVaultMode')).toEqual([]);
    fireEvent.click(sessionOnly);
    confirm = await screen.findByRole('alertdialog', { name: 'Use session-only mode?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Use session-only mode' }));
    await waitFor(() => expect(api.callsOf('accounts.setVaultMode')).toEqual([{ mode: 'session-only' }]));
    expect(within(dialog).getByText(/OS keychain: available/)).toBeTruthy();

    api.handle('regions.list', () => ({
      ok: true,
      value: {
        regions: [
          { id: 'cn-north-4', name: 'CN North-Beijing4', enabled: true },
          { id: 'ap-southeast-1', name: 'CN-Hong Kong', enabled: false },
        ],
      },
    }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Edit Prod' }));
    dialog = await screen.findByRole('dialog', { name: 'Edit account Prod' });
    const defaultRegion = (await within(dialog).findByRole('checkbox', {
      name: 'CN North-Beijing4 (cn-north-4)',
    })) as HTMLInputElement;
    expect(defaultRegion.checked && defaultRegion.disabled).toBe(true);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'CN-Hong Kong (ap-southeast-1)' }));
    expect(within(dialog).queryByLabelText('Secret access key (SK)')).toBeNull();
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Rotate the access key' }));
    fireEvent.input(within(dialog).getByLabelText('Access key ID (AK)'), {
      target: { value: 'ROTATED0000001' },
    });
    fireEvent.input(within(dialog).getByLabelText('Secret access key (SK)'), { target: { value: 'new-sk' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save account' }));
    await waitFor(() => expect(api.callsOf('accounts.edit')).toHaveLength(1));
    expect(api.callsOf('accounts.edit')[0]).toEqual({
      id: 'acc-prod',
      name: 'Prod',
      defaultRegion: 'cn-north-4',
      regions: ['cn-north-4', 'ap-southeast-1'],
      rotate: { accessKeyId: 'ROTATED0000001', secretKey: 'new-sk' },
    });
  });

  it('edits custom endpoints: shown filled, sent only when changed, all emptied clears them', async () => {
    const api = accountsApi();
    api.accounts.push({
      ...PROD,
      endpoints: { ecs: 'https://ecs.private.example.com', iam: 'https://iam.private.example.com' },
    });
    renderApp({ api });
    const editProd = async () => {
      const manager = await openManager();
      fireEvent.click(within(manager).getByRole('button', { name: 'Edit Prod' }));
      return screen.findByRole('dialog', { name: 'Edit account Prod' });
    };
    let dialog = await editProd();
    const ecs = within(dialog).getByLabelText('ECS endpoint') as HTMLInputElement;
    expect(ecs.value).toBe('https://ecs.private.example.com');
    expect((within(dialog).getByLabelText('VPC endpoint') as HTMLInputElement).value).toBe('');
    // Saving without touching them leaves the endpoints out of the edit.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save account' }));
    await waitFor(() => expect(api.callsOf('accounts.edit')).toHaveLength(1));
    expect(api.callsOf('accounts.edit')[0]).not.toHaveProperty('endpoints');

    dialog = await editProd();
    fireEvent.input(within(dialog).getByLabelText('VPC endpoint'), {
      target: { value: ' https://vpc.private.example.com ' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save account' }));
    await waitFor(() => expect(api.callsOf('accounts.edit')).toHaveLength(2));
    expect((api.callsOf('accounts.edit')[1] as EditAccountInput).endpoints).toEqual({
      ecs: 'https://ecs.private.example.com',
      iam: 'https://iam.private.example.com',
      vpc: 'https://vpc.private.example.com',
    });

    dialog = await editProd();
    for (const label of ['ECS endpoint', 'IAM endpoint', 'VPC endpoint'])
      fireEvent.input(within(dialog).getByLabelText(label), { target: { value: '' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save account' }));
    await waitFor(() => expect(api.callsOf('accounts.edit')).toHaveLength(3));
    expect((api.callsOf('accounts.edit')[2] as EditAccountInput).endpoints).toBeNull();
  });

  it('exports JSON without secrets and imports the picked candidates', async () => {
    const api = accountsApi();
    api.handle('accounts.export', () => ({ ok: true, value: { json: '{"accounts":[{"name":"Prod"}]}' } }));
    api.handle('accounts.importPreview', () => ({
      ok: true,
      value: {
        candidates: [
          {
            candidateId: 'c1',
            source: 'env',
            origin: 'environment',
            profileName: 'HUAWEICLOUD_SDK_AK',
            kind: 'aksk',
            suggestedName: 'From env',
            accessKeyIdMasked: 'ENVK****0001',
            hasSecret: true,
          },
          {
            candidateId: 'c2',
            source: 'koocli',
            origin: '~/.hcloud/config.json',
            profileName: 'default',
            kind: 'aksk',
            suggestedName: 'KooCLI default',
            hasSecret: false,
            warning: 'no secret key',
          },
        ],
        problems: [{ source: 'openstack', origin: 'clouds.yaml', line: 3, message: 'bad indentation' }],
      },
    }));
    api.handle('accounts.import', () => ({
      ok: true,
      value: { added: [{ ...PROD, id: 'imp' }], failed: [] },
    }));
    renderApp({ api });
    let dialog = await openManager();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export…' }));
    dialog = await screen.findByRole('dialog', { name: 'Export accounts' });
    expect(
      ((await within(dialog).findByLabelText('Exported accounts (JSON)')) as HTMLTextAreaElement).value,
    ).toContain('"Prod"');
    expect(within(dialog).getByRole('button', { name: 'Copy exported accounts JSON' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Back to accounts' }));

    dialog = await screen.findByRole('dialog', { name: 'Accounts' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import…' }));
    dialog = await screen.findByRole('dialog', { name: 'Import accounts' });
    const env = (await within(dialog).findByRole('checkbox', {
      name: 'Import From env from environment',
    })) as HTMLInputElement;
    expect(env.checked).toBe(true);
    expect(
      (
        within(dialog).getByRole('checkbox', {
          name: 'Import KooCLI default from ~/.hcloud/config.json',
        }) as HTMLInputElement
      ).disabled,
    ).toBe(true);
    expect(dialog.textContent).toContain('clouds.yaml:3: bad indentation');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import 1 selected' }));
    await waitFor(() => expect(api.callsOf('accounts.import')).toEqual([{ candidateIds: ['c1'] }]));
    expect(await within(dialog).findByText(/^Imported 1 account: Prod\. /)).toBeTruthy();
  });

  describe('a new account is tested before it becomes active', () => {
    const addStaging = async () => {
      fireEvent.click(await screen.findByRole('button', { name: 'Add account' }));
      const dialog = await screen.findByRole('dialog', { name: 'Add account' });
      fireEvent.input(within(dialog).getByLabelText('Account name'), { target: { value: 'Staging' } });
      fireEvent.input(within(dialog).getByLabelText('Default region'), {
        target: { value: 'ap-southeast-1' },
      });
      fireEvent.input(within(dialog).getByLabelText('Access key ID (AK)'), {
        target: { value: 'NEWKEYID001234' },
      });
      fireEvent.input(within(dialog).getByLabelText('Secret access key (SK)'), {
        target: { value: 'wrong-or-right' },
      });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Add account' }));
      return screen.findByRole('dialog', { name: 'Accounts' });
    };

    it('a wrong key: the diagnosis is shown, the current account stays active, the new one is kept', async () => {
      const api = accountsApi();
      api.handle('accounts.test', () => ({
        ok: true,
        value: {
          verdict: 'wrong-key',
          message: 'The access key or secret key is wrong (APIGW.0301).',
          hint: 'Paste the AK/SK again from the IAM console.',
        },
      }));
      renderApp({ api });
      await waitFor(() => expect(screen.getByTestId('status-account').textContent).toBe('Sandbox'));
      const dialog = await addStaging();
      const notice = await within(dialog).findByRole('alert', { name: 'New account' });
      await waitFor(() => expect(notice.textContent).toContain('Staging was added but is not in use'));
      expect(notice.textContent).toContain('The access key or secret key is wrong (APIGW.0301).');
      expect(notice.textContent).toContain('What to do: Paste the AK/SK again from the IAM console.');
      expect(api.callsOf('accounts.test')).toEqual([{ id: 'acc-1' }]);
      // Nothing switched: not the default, not the scope, no listing under the new account.
      expect(api.callsOf('accounts.setDefault')).toHaveLength(0);
      expect(screen.getByTestId('status-account').textContent).toBe('Sandbox');
      expect(
        api.callsOf('servers.list').some((a) => (a as { accountId: string }).accountId === 'acc-1'),
      ).toBe(false);
      // Kept, to fix later: it is listed, and "Fix the credentials" opens its edit form.
      expect(within(dialog).getByRole('row', { name: /Staging/ })).toBeTruthy();
      fireEvent.click(within(notice).getByRole('button', { name: 'Fix the credentials of Staging' }));
      await screen.findByRole('dialog', { name: 'Edit account Staging' });
    });

    it('a key that connects: the new account becomes the default and the active one', async () => {
      const api = accountsApi();
      api.handle('accounts.test', () => ({
        ok: true,
        value: { verdict: 'ok', message: 'Connected to ap-southeast-1.' },
      }));
      api.handle('accounts.setDefault', (a) => {
        for (const acc of api.accounts) acc.isDefault = acc.id === a.id;
        return { ok: true, value: { defaultAccountId: a.id } };
      });
      renderApp({ api });
      const dialog = await addStaging();
      const notice = await within(dialog).findByRole('status', { name: 'New account' });
      await waitFor(() =>
        expect(notice.textContent).toContain('Staging connected: it is now the active account.'),
      );
      expect(api.callsOf('accounts.setDefault')).toEqual([{ id: 'acc-1' }]);
      await waitFor(() => expect(screen.getByTestId('status-account').textContent).toBe('Staging'));
    });
  });
});
