/**
 * Switching the region clears the NICs and Tags panes at once: while the new scope's answer is
 * still on its way (a deferred promise in the fake bridge), the old scope's NICs, networks and tag
 * keys are gone and the panes say they are loading; then the new scope's rows arrive.
 */
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import type { Result } from '../../shared/ipc/contract';
import type { NicView } from '../../shared/ipc/views';
import { makeFakeApi, makeServer, type FakeApi, withTwoRegions } from './fake-api';
import { pickServer } from './pick-server';
import { renderApp } from './render-app';

const OLD = 'sandbox-1';
const NEW = 'sandbox-2';

/** A promise with its `resolve` outside, to answer a call when the test says so. */
function deferred<T>(): { promise: Promise<T>; resolve(v: T): void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const nic = (ip: string): NicView => ({
  portId: `port-${ip}`,
  serverId: 'srv-00000',
  mac: 'fa:16:3e:00:00:01',
  networkId: 'subnet-1',
  fixedIps: [{ address: ip }],
  state: 'ACTIVE',
  primary: false,
  securityGroups: ['default'],
});

/** A fake with two regions of the Sandbox account; the second region answers only when told. */
function twoRegions(): FakeApi {
  const api = makeFakeApi({ servers: [makeServer(0)] });
  withTwoRegions(api);
  api.handle('subnets.list', () => ({ ok: true, value: { subnets: [] } }));
  return api;
}

/** Answers `old` in the first region and the returned deferred's value in the second. */
function perRegion<T>(old: T): {
  handler: (a: { region: string }) => Result<T> | Promise<Result<T>>;
  answer(v: T): void;
} {
  const later = deferred<Result<T>>();
  return {
    handler: (a) => (a.region === OLD ? { ok: true, value: old } : later.promise),
    answer: (v) => later.resolve({ ok: true, value: v }),
  };
}

const showPane = (name: string) => {
  fireEvent.click(within(screen.getByRole('region', { name: 'Panes' })).getByRole('button', { name }));
  return screen.getByRole('region', { name });
};

const switchRegion = () =>
  fireEvent.click(
    within(screen.getByRole('region', { name: 'Accounts' })).getByRole('button', {
      name: `Sandbox: ${NEW}`,
    }),
  );

describe('a scope switch clears the panes at once', () => {
  it("NICs: the old region's NICs and networks are gone before the new ones arrive", async () => {
    const api = twoRegions();
    const nics = perRegion({ nics: [nic('192.168.0.11')] });
    const networks = perRegion({ networks: [{ id: 'net-old', name: 'old-vpc', cidr: '192.168.0.0/16' }] });
    api.handle('nics.list', nics.handler);
    api.handle('networks.list', networks.handler);
    renderApp({ api });
    const pane = showPane('NICs');
    await pickServer(await within(pane).findByLabelText('Server'), 'web-000');
    await within(pane).findByRole('row', { name: /192\.168\.0\.11/ });
    await within(pane).findByText('old-vpc');

    switchRegion();
    await waitFor(() =>
      expect(api.callsOf('networks.list')).toContainEqual(expect.objectContaining({ region: NEW })),
    );
    expect(pane.textContent).not.toContain('192.168.0.11');
    expect(pane.textContent).not.toContain('old-vpc');
    expect(within(pane).getByText('Loading networks…')).toBeTruthy();
    // The same server id exists in the new region: its NICs load afresh, saying so meanwhile.
    await within(pane).findByText('Loading NICs…');
    expect(pane.textContent).not.toContain('192.168.0.11');

    nics.answer({ nics: [nic('10.0.0.5')] });
    networks.answer({ networks: [{ id: 'net-new', name: 'new-vpc', cidr: '10.0.0.0/16' }] });
    await within(pane).findByRole('row', { name: /10\.0\.0\.5/ });
    await within(pane).findByText('new-vpc');
    expect(pane.textContent).not.toContain('192.168.0.11');
    expect(pane.textContent).not.toContain('old-vpc');
  });

  it("Tags: the old region's tag keys and matches are gone before the new ones arrive", async () => {
    const api = twoRegions();
    const tags = perRegion({ tags: [{ key: 'old-key', values: ['a'] }] });
    api.handle('tags.project', tags.handler);
    api.handle('tags.filterServers', () => ({
      ok: true,
      value: { servers: [{ id: 'srv-00000', name: 'web-000', tags: [] }], total: 1 },
    }));
    renderApp({ api });
    const pane = showPane('Tags');
    const table = await within(pane).findByRole('table', { name: 'Project tags' });
    expect(table.textContent).toContain('old-key');
    fireEvent.change(within(pane).getByRole('combobox', { name: 'All of: key 1' }), {
      target: { value: 'old-key' },
    });
    fireEvent.click(within(pane).getByRole('button', { name: 'Find servers' }));
    await within(pane).findByRole('region', { name: 'Matching servers' });

    switchRegion();
    await waitFor(() =>
      expect(api.callsOf('tags.project')).toContainEqual(expect.objectContaining({ region: NEW })),
    );
    expect(pane.textContent).not.toContain('old-key');
    expect(within(pane).queryByRole('region', { name: 'Matching servers' })).toBeNull();
    expect(within(pane).getByText('Loading tag keys…')).toBeTruthy();

    tags.answer({ tags: [{ key: 'new-key', values: ['b'] }] });
    expect((await within(pane).findByRole('table', { name: 'Project tags' })).textContent).toContain(
      'new-key',
    );
    expect(pane.textContent).not.toContain('old-key');
  });
});
