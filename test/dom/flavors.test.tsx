import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { renderApp } from './render-app';
import { makeFakeApi } from './fake-api';
import { flavorStatusIn, saleStatusLabel } from '../../renderer/src/features/flavors/flavors-pane';

const openPane = async (name: string) => {
  fireEvent.click(within(screen.getByRole('region', { name: 'Panes' })).getByRole('button', { name }));
  return screen.getByRole('region', { name });
};

describe('flavors pane', () => {
  it('lists flavors with vCPUs and RAM and marks sold-out zones in words', async () => {
    const api = makeFakeApi({ servers: 1 });
    api.handle('zones.list', () => ({
      ok: true,
      value: {
        zones: [
          { name: 'sandbox-1a', available: true },
          { name: 'sandbox-1b', available: true },
        ],
      },
    }));
    renderApp({ api });
    const pane = await openPane('Flavors');
    const row = await within(pane).findByRole('row', { name: /s6\.xlarge\.2/ });
    const cells = within(row)
      .getAllByRole('gridcell')
      .map((c) => c.textContent);
    expect(cells).toEqual(['s6.xlarge.2', '4', '8 GiB', '—', 'On sale', 'On sale', 'Sold out']);
    const small = within(pane).getByRole('row', { name: /s6\.small\.1/ });
    expect(
      within(small)
        .getAllByRole('gridcell')
        .map((c) => c.textContent),
    ).toEqual(['s6.small.1', '1', '1 GiB', '—', 'On sale', 'On sale', 'On sale']);
    expect(
      within(pane)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Name', 'vCPUs', 'RAM', 'Type', 'Region', 'sandbox-1a', 'sandbox-1b']);
    fireEvent.input(within(pane).getByRole('searchbox', { name: 'Filter flavors by name' }), {
      target: { value: 'large' },
    });
    await waitFor(() => expect(within(pane).getAllByRole('row')).toHaveLength(3));
  });

  it('shows a load error with Retry', async () => {
    const api = makeFakeApi({ servers: 1 });
    api.failNext('flavors.list', {
      name: 'ApiError',
      code: 'API_ERROR',
      status: 403,
      message: 'denied',
      retryable: false,
    });
    renderApp({ api });
    const pane = await openPane('Flavors');
    expect((await within(pane).findByRole('alert')).textContent).toContain('Could not load the flavors');
    fireEvent.click(within(pane).getByRole('button', { name: 'Retry' }));
    await within(pane).findByRole('row', { name: /s6\.small\.1/ });
  });

  it('words sale statuses and falls back to the region-wide status', () => {
    expect(saleStatusLabel('sellout')).toBe('Sold out');
    expect(saleStatusLabel(undefined)).toBe('On sale');
    expect(
      flavorStatusIn(
        { id: 'f', name: 'f', vcpus: 1, ramMb: 1, status: 'abandon', azStatus: {}, extraSpecs: {} },
        'x',
      ),
    ).toBe('abandon');
  });
});
