import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { previewNames, toBase64 } from '../../renderer/src/features/servers/create-wizard';
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

  it('encodes user data as UTF-8 base64', () => {
    expect(toBase64('#!/bin/sh\necho é')).toBe(btoa('#!/bin/sh\necho \u00c3\u00a9'));
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
    select(q.getByRole('combobox', { name: 'Image' }), 'img-ubuntu');
    await waitFor(() => expect(q.getAllByRole('option', { name: /s6.small.1/ })).toHaveLength(1));
    select(q.getByRole('combobox', { name: 'Flavor' }), 's6.small.1');
    select(q.getByRole('combobox', { name: 'VPC' }), 'vpc-1');
    await waitFor(() => expect(q.getAllByRole('option', { name: /subnet-a/ })).toHaveLength(1));
    select(q.getByRole('combobox', { name: 'Subnet' }), 'net-1');
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
    select(q.getByRole('combobox', { name: 'Image' }), 'img-ubuntu');
    await waitFor(() => expect(q.getAllByRole('option', { name: /s6.small.1/ })).toHaveLength(1));
    select(q.getByRole('combobox', { name: 'Flavor' }), 's6.small.1');
    select(q.getByRole('combobox', { name: 'VPC' }), 'vpc-1');
    await waitFor(() => expect(q.getAllByRole('option', { name: /subnet-a/ })).toHaveLength(1));
    select(q.getByRole('combobox', { name: 'Subnet' }), 'net-1');
    await waitFor(() => expect(q.getAllByRole('option', { name: 'ops-key' })).toHaveLength(1));
    select(q.getByRole('combobox', { name: 'Key pair' }), 'ops-key');
    fireEvent.input(q.getByLabelText('Name'), { target: { value: 'app' } });
    fireEvent.click(q.getByRole('button', { name: 'Validate' }));
    const alert = await q.findByText('The API refused the request');
    const panel = alert.closest('[role=alert]')!;
    expect(panel.textContent).toContain('Ecs.0039');
    expect(panel.textContent).toContain('Ask for a higher quota or create fewer servers.');
  });
});
