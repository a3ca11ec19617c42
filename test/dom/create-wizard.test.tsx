import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { previewNames } from '../../renderer/src/features/servers/create-wizard';
import { AkSkAuth } from '../../main/cloud/auth/aksk';
import { CloudClient } from '../../main/cloud/client';
import type { HttpRequest } from '../../main/cloud/http';
import { serverHandlers } from '../../main/ipc/handlers/servers';
import type { IpcContext } from '../../main/ipc/types';
import { validateInvoke } from '../../shared/ipc/schemas';
import { flavorUnavailableReason } from '../../renderer/src/features/servers/flavor-options';
import { passwordError } from '../../renderer/src/lib/rules';
import { renderApp } from './render-app';
import { FLAVORS, makeFakeApi } from './fake-api';

describe('the API password rule', () => {
  it.each([
    ['Abcdef1!', undefined],
    ['abcdef12', /three of/],
    ['Abc1!', /8 to 26/],
    ['A'.repeat(10) + 'a1' + 'x'.repeat(15), /8 to 26/],
    ['Abcdefgh1', undefined],
    ['Root1234!', /must not contain "root"/],
    ['Toor1234!', /must not contain "root"/],
  ])('%s', (pw, expected) => {
    const err = passwordError(pw);
    if (expected === undefined) expect(err).toBeUndefined();
    else expect(err).toMatch(expected);
  });

  it('checks the Windows user name for Windows images', () => {
    expect(passwordError('Administrator1!', 'Windows')).toMatch(/administrator/);
    expect(passwordError('Administrator1!', 'Linux')).toBeUndefined();
  });
});

describe('wizard helpers', () => {
  it('previews batch names as the API makes them', () => {
    expect(previewNames('web', 1)).toEqual(['web']);
    expect(previewNames('web', 2)).toEqual(['web-0001', 'web-0002']);
    expect(previewNames('web07', 5)).toEqual(['web07', 'web08', 'web09', '… web11']);
  });

  it('says why a flavor is unavailable in an AZ', () => {
    expect(flavorUnavailableReason(FLAVORS[2]!, 'sandbox-1b')).toBe('sold out in sandbox-1b');
    expect(flavorUnavailableReason(FLAVORS[2]!, 'sandbox-1a')).toBeUndefined();
  });
});

describe('the create wizard', () => {
  async function openWizard() {
    const api = makeFakeApi({ servers: 2 });
    renderApp({ api });
    fireEvent.click(screen.getByRole('button', { name: 'Create servers' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create servers' });
    const q = within(dialog);
    await waitFor(() => expect(q.getAllByRole('option', { name: /Ubuntu/ })).toHaveLength(1));
    return { api, dialog, q };
  }
  const select = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });
  type Queries = Awaited<ReturnType<typeof openWizard>>['q'];
  /** Ubuntu, s6.small.1, vpc-1 and its subnet: the choices every create test makes. */
  async function chooseImageFlavorNetwork(q: Queries) {
    select(q.getByRole('combobox', { name: 'Image' }), 'img-ubuntu');
    await waitFor(() => expect(q.getAllByRole('option', { name: /s6.small.1/ })).toHaveLength(1));
    select(q.getByRole('combobox', { name: 'Flavor' }), 's6.small.1');
    select(q.getByRole('combobox', { name: 'VPC' }), 'vpc-1');
    await waitFor(() => expect(q.getAllByRole('option', { name: /subnet-a/ })).toHaveLength(1));
    select(q.getByRole('combobox', { name: 'Subnet' }), 'net-1');
  }
  /** The choices above, the key pair ops-key and the name "app". */
  async function fillWithKeyPair(q: Queries) {
    await chooseImageFlavorNetwork(q);
    await waitFor(() => expect(q.getAllByRole('option', { name: 'ops-key' })).toHaveLength(1));
    select(q.getByRole('combobox', { name: 'Key pair' }), 'ops-key');
    fireEvent.input(q.getByLabelText('Name'), { target: { value: 'app' } });
  }

  it('shows sold-out flavors disabled with why, for the chosen AZ', async () => {
    const { q } = await openWizard();
    await waitFor(() => expect(q.getAllByRole('option', { name: /s6.xlarge.2/ })).toHaveLength(1));
    select(q.getByRole('combobox', { name: 'Availability zone' }), 'sandbox-1b');
    await waitFor(() =>
      expect(
        (q.getByRole('option', { name: /s6.xlarge.2.*sold out in sandbox-1b/ }) as HTMLOptionElement)
          .disabled,
      ).toBe(true),
    );
    select(q.getByRole('combobox', { name: 'Availability zone' }), 'sandbox-1a');
    await waitFor(() =>
      expect((q.getByRole('option', { name: /s6.xlarge.2/ }) as HTMLOptionElement).disabled).toBe(false),
    );
  });

  it('checks the password as the API does, validates with a dry run, then creates and shows progress per server', async () => {
    const { api, q } = await openWizard();
    await chooseImageFlavorNetwork(q);
    fireEvent.click(q.getByRole('radio', { name: 'Password' }));
    const pw = q.getByLabelText(/^Password \(Linux/);
    fireEvent.input(pw, { target: { value: 'password1' } });
    await waitFor(() => expect(pw.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(pw.getAttribute('aria-describedby')!)?.textContent).toMatch(/three of/);
    fireEvent.input(pw, { target: { value: 'Passw0rd-x' } });
    fireEvent.input(q.getByLabelText('Confirm password'), { target: { value: 'Passw0rd-x' } });
    fireEvent.input(q.getByLabelText('Name'), { target: { value: 'app' } });
    fireEvent.input(q.getByLabelText('How many'), { target: { value: '3' } });
    expect(q.getByTestId('name-preview').textContent).toBe('Names: app-0001, app-0002, app-0003');
    fireEvent.click(q.getByRole('button', { name: 'Validate' }));
    await waitFor(() => expect(q.getByText(/Dry run passed/)).toBeTruthy());
    const dry = api.callsOf('servers.create')[0] as { dryRun: boolean; spec: Record<string, unknown> };
    expect(dry.dryRun).toBe(true);
    expect(dry.spec).toMatchObject({
      name: 'app',
      count: 3,
      adminPass: 'Passw0rd-x',
      nics: [{ subnetId: 'net-1' }],
    });
    fireEvent.click(q.getByRole('button', { name: 'Create 3 servers' }));
    const progress = await q.findByRole('list', { name: 'Progress per server' });
    await waitFor(() => expect(within(progress).getAllByRole('listitem')).toHaveLength(3));
    expect(progress.textContent).toContain('app-0001');
    expect(progress.textContent).toContain('BUILD');
  });

  it('shows the API refusal of a dry run with its code and hint', async () => {
    const { api, q } = await openWizard();
    api.failNext('servers.create', {
      name: 'ApiError',
      code: 'API_ERROR',
      status: 400,
      apiCode: 'Ecs.0039',
      message: 'Insufficient quota.',
      hint: 'Ask for a higher quota or create fewer servers.',
      retryable: false,
    });
    await fillWithKeyPair(q);
    fireEvent.click(q.getByRole('button', { name: 'Validate' }));
    const alert = await q.findByText('The API refused the request');
    const panel = alert.closest('[role=alert]')!;
    expect(panel.textContent).toContain('Ecs.0039');
    expect(panel.textContent).toContain('Ask for a higher quota or create fewer servers.');
  });

  it('sends the user data script as typed, and main encodes it once on the way to the cloud', async () => {
    const { api, q } = await openWizard();
    await fillWithKeyPair(q);
    // Non-ASCII on purpose: a Latin-1 or double encoding would change these bytes.
    const script = '#!/bin/bash\necho "héllo wörld ✓" > /tmp/hello.txt\n';
    fireEvent.input(q.getByLabelText(/^User data/), { target: { value: script } });
    fireEvent.click(q.getByRole('button', { name: 'Create server' }));
    await waitFor(() => expect(api.callsOf('servers.create')).toHaveLength(1));
    const arg = api.callsOf('servers.create')[0] as { spec: { userData?: string } };
    // The contract carries the plain script (shared/ipc/schemas.ts says so).
    expect(arg.spec.userData).toBe(script);

    // The same argument through main: schema validation, the real handler, the real client (a
    // transport that records the signed request instead of sending it).
    const sent: HttpRequest[] = [];
    const client = new CloudClient({
      region: 'sandbox-1',
      endpoints: { ecs: 'https://ecs.sandbox-1.example.invalid' },
      auth: new AkSkAuth({ ak: 'AK', sk: 'SK' }),
      projectId: 'p1',
      transport: {
        async send(req) {
          sent.push(req);
          const body = JSON.stringify({ job_id: 'job-1', serverIds: ['s-1'] });
          return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
        },
      },
    });
    const ctx = {
      client: async () => client,
      track: async () => ({ jobId: 'tracked-1', cloudJobId: 'job-1' }),
    } as unknown as IpcContext;
    const checked = validateInvoke('servers.create', arg);
    if (!checked.ok) throw new Error(checked.message);
    await expect(serverHandlers['servers.create'](checked.value, ctx)).resolves.toEqual({
      jobId: 'tracked-1',
      cloudJobId: 'job-1',
    });
    expect(sent).toHaveLength(1);
    const wire = JSON.parse(Buffer.from(sent[0]!.body!).toString('utf8')) as {
      server: { user_data: string };
    };
    const decodedOnce = Buffer.from(wire.server.user_data, 'base64').toString('utf8');
    expect(decodedOnce).toBe(script);
    expect(wire.server.user_data).toBe(Buffer.from(script, 'utf8').toString('base64'));
  });

  it('refuses user data over 32 KB of UTF-8 before anything is sent', async () => {
    const { api, q } = await openWizard();
    // 11,000 three-byte characters: 33,000 bytes but only 11,000 characters.
    fireEvent.input(q.getByLabelText(/^User data/), { target: { value: '✓'.repeat(11_000) } });
    fireEvent.click(q.getByRole('button', { name: 'Validate' }));
    await waitFor(() => expect(q.getByText('User data is limited to 32 KB.')).toBeTruthy());
    expect(api.callsOf('servers.create')).toHaveLength(0);
    expect(
      validateInvoke('servers.reinstall', {
        accountId: 'sandbox',
        region: 'sandbox-1',
        id: 'srv-1',
        userData: '✓'.repeat(11_000),
      }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/userData: user data is limited to 32 KB/) });
  });
});
