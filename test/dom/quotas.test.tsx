import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@solidjs/testing-library';
import { renderApp } from './render-app';
import { makeFakeApi } from './fake-api';
import { quotaName, quotaPercent } from '../../renderer/src/features/quotas/quotas-pane';

describe('quotas pane', () => {
  it('shows used of limit with a bar per quota, flags nearly full ones and handles unlimited', async () => {
    const api = makeFakeApi({ servers: 1 });
    api.handle('quotas.get', () => ({
      ok: true,
      value: {
        items: [
          { resource: 'instances', used: 12, limit: 100 },
          { resource: 'cores', used: 95, limit: 100 },
          { resource: 'key_pairs', used: 3, limit: -1 },
        ],
      },
    }));
    renderApp({ api });
    fireEvent.click(
      within(screen.getByRole('region', { name: 'Panes' })).getByRole('button', { name: 'Quotas' }),
    );
    const pane = screen.getByRole('region', { name: 'Quotas' });
    const servers = await within(pane).findByRole('meter', { name: 'Servers' });
    expect(servers.getAttribute('aria-valuenow')).toBe('12');
    expect(servers.getAttribute('aria-valuemax')).toBe('100');
    expect(servers.getAttribute('aria-valuetext')).toBe('12 of 100 used (12%)');
    const cores = within(pane).getByRole('meter', { name: 'vCPUs' });
    expect((cores.firstElementChild as HTMLElement).style.width).toBe('95%');
    expect(cores.parentElement!.textContent).toContain('Nearly full');
    expect(servers.parentElement!.textContent).not.toContain('Nearly full');
    expect(within(pane).getByRole('meter', { name: 'Key pairs' }).getAttribute('aria-valuetext')).toBe(
      '3 used, unlimited',
    );
    expect(api.callsOf('quotas.get')).toEqual([{ accountId: 'sandbox', region: 'sandbox-1' }]);
  });

  it('computes percentages and names', () => {
    expect(quotaPercent({ resource: 'x', used: 150, limit: 100 })).toBe(100);
    expect(quotaPercent({ resource: 'x', used: 5, limit: -1 })).toBe(0);
    expect(quotaName('server_group_members')).toBe('Members per server group');
    expect(quotaName('some_thing')).toBe('Some thing');
    expect(quotaName('floatingIps')).toBe('Elastic IPs');
    expect(quotaName('maxPersonalitySize')).toBe('Max personality size');
  });
});
