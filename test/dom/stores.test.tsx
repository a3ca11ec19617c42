import { describe, expect, it } from 'vitest';
import { createRoot, createSignal } from 'solid-js';
import { waitFor } from '@solidjs/testing-library';
import { createServersStore } from '../../renderer/src/stores/servers-store';
import { createJobsStore } from '../../renderer/src/stores/jobs-store';
import { createScopeStore } from '../../renderer/src/stores/scope-store';
import { createSelection } from '../../renderer/src/stores/selection-store';
import type { JobView, Scope } from '../../shared/ipc/views';
import { makeFakeApi, makeServer, SANDBOX_ACCOUNT } from './fake-api';

const SCOPE: Scope = { accountId: 'sandbox', region: 'sandbox-1' };

function job(id: string, state: JobView['state']): JobView {
  return {
    id,
    accountId: 'sandbox',
    region: 'sandbox-1',
    operation: 'batchStopServers',
    title: id,
    targets: [],
    state,
    createdAt: `2026-01-01T00:00:0${id.slice(-1)}Z`,
    subJobs: [],
    retryable: false,
  };
}

describe('the servers store', () => {
  it('merges a reload with reconcile: unchanged rows keep their identity, changed rows update, gone rows leave', async () => {
    const api = makeFakeApi({ servers: 5 });
    await createRoot(async (dispose) => {
      const [state, actions] = createServersStore(api, () => SCOPE, { pageSize: 2, pollMs: 10_000 });
      await waitFor(() => expect(state.complete).toBe(true));
      expect(state.items.map((s) => s.id)).toEqual([
        'srv-00000',
        'srv-00001',
        'srv-00002',
        'srv-00003',
        'srv-00004',
      ]);
      const row0 = state.items[0];
      api.servers[1]!.status = 'SHUTOFF';
      api.servers.splice(4, 1);
      await actions.reload();
      expect(state.items).toHaveLength(4);
      expect(state.items[0]).toBe(row0);
      expect(state.items[1]!.status).toBe('SHUTOFF');
      dispose();
    });
  });

  it('reloads when the scope changes and ignores events of other scopes', async () => {
    const api = makeFakeApi({ servers: 3 });
    await createRoot(async (dispose) => {
      const [scope, setScope] = createSignal<Scope | undefined>(undefined);
      const [state] = createServersStore(api, scope, { pollMs: 10_000 });
      expect(api.callsOf('servers.list')).toHaveLength(0);
      setScope(SCOPE);
      await waitFor(() => expect(state.items).toHaveLength(3));
      api.servers[0]!.status = 'SHUTOFF';
      api.emit('servers.changed', { accountId: 'other', region: 'sandbox-1', ids: ['srv-00000'] });
      await new Promise((r) => setTimeout(r, 20));
      expect(api.callsOf('servers.get')).toHaveLength(0);
      api.emit('servers.changed', { accountId: 'sandbox', region: 'sandbox-1', ids: [] });
      await waitFor(() => expect(state.items[0]!.status).toBe('SHUTOFF'));
      expect(api.callsOf('servers.list')).toHaveLength(2);
      dispose();
    });
  });

  it('drops a row whose refresh answers 404 and unsubscribes on dispose', async () => {
    const api = makeFakeApi({ servers: [makeServer(0), makeServer(1)] });
    await createRoot(async (dispose) => {
      const [state, actions] = createServersStore(api, () => SCOPE, { pollMs: 10_000 });
      await waitFor(() => expect(state.items).toHaveLength(2));
      api.servers.splice(0, 1);
      await actions.refreshIds(['srv-00000']);
      expect(state.items.map((s) => s.id)).toEqual(['srv-00001']);
      expect(api.listenerCount('servers.changed')).toBe(1);
      dispose();
      expect(api.listenerCount('servers.changed')).toBe(0);
    });
  });

  it('rolls back an optimistic patch with put', async () => {
    const api = makeFakeApi({ servers: 1 });
    await createRoot(async (dispose) => {
      const [state, actions] = createServersStore(api, () => SCOPE, { pollMs: 10_000 });
      await waitFor(() => expect(state.items).toHaveLength(1));
      const before = actions.patch('srv-00000', { tags: [{ key: 'a', value: 'b' }] })!;
      expect(state.items[0]!.tags).toEqual([{ key: 'a', value: 'b' }]);
      actions.put(before);
      expect(state.items[0]!.tags).toEqual([]);
      dispose();
    });
  });
});

describe('the jobs store', () => {
  it('loads, upserts on jobs.updated and counts running jobs', async () => {
    const api = makeFakeApi();
    api.jobs.push(job('j1', 'succeeded'));
    await createRoot(async (dispose) => {
      const [state, actions] = createJobsStore(api);
      await actions.load();
      expect(actions.runningCount()).toBe(0);
      api.emit('jobs.updated', job('j2', 'running'));
      expect(state.jobs.map((j) => j.id)).toEqual(['j2', 'j1']);
      expect(actions.runningCount()).toBe(1);
      api.emit('jobs.updated', job('j2', 'failed'));
      expect(state.jobs).toHaveLength(2);
      expect(actions.runningCount()).toBe(0);
      dispose();
    });
  });

  it('rolls back an optimistic forget when main refuses', async () => {
    const api = makeFakeApi();
    api.jobs.push(job('j1', 'succeeded'));
    await createRoot(async (dispose) => {
      const [state, actions] = createJobsStore(api);
      await actions.load();
      api.failNext('jobs.forget', { name: 'X', code: 'INTERNAL', message: 'no', retryable: false });
      await actions.forget('j1');
      expect(state.jobs.map((j) => j.id)).toEqual(['j1']);
      expect(state.error?.message).toBe('no');
      dispose();
    });
  });
});

describe('the scope store', () => {
  it('selects the default account and region, follows accounts.changed, and keeps connectivity per scope', async () => {
    const api = makeFakeApi();
    const other = {
      ...SANDBOX_ACCOUNT,
      id: 'prod',
      name: 'Production',
      builtin: false,
      isDefault: false,
      order: 1,
      defaultRegion: 'cn-north-4',
      regions: ['cn-north-4', 'ap-southeast-1'],
    };
    await createRoot(async (dispose) => {
      const [state, actions] = createScopeStore(api);
      await actions.load();
      expect(state.scope).toEqual(SCOPE);
      api.emit('accounts.changed', { accounts: [other, SANDBOX_ACCOUNT], defaultAccountId: 'sandbox' });
      expect(state.accounts.map((a) => a.name)).toEqual(['Sandbox', 'Production']);
      actions.select('prod', 'ap-southeast-1');
      expect(actions.account()?.name).toBe('Production');
      api.emit('connectivity.changed', {
        accountId: 'prod',
        region: 'ap-southeast-1',
        online: true,
        checkedAt: 'now',
      });
      expect(actions.connectivity()?.online).toBe(true);
      api.emit('accounts.changed', { accounts: [SANDBOX_ACCOUNT], defaultAccountId: 'sandbox' });
      expect(state.scope).toEqual(SCOPE);
      dispose();
    });
  });
});

describe('the selection', () => {
  it('clicks, toggles, extends ranges from the anchor and retains existing ids', () => {
    createRoot((dispose) => {
      const sel = createSelection();
      const order = ['a', 'b', 'c', 'd', 'e'];
      sel.click('b', order);
      sel.click('d', order, { range: true });
      expect([...sel.ids()]).toEqual(['b', 'c', 'd']);
      sel.click('a', order, { toggle: true });
      expect(sel.has('a')).toBe(true);
      sel.click('c', order, { range: true });
      expect([...sel.ids()]).toEqual(['a', 'b', 'c']);
      sel.retain(new Set(['a', 'c']));
      expect([...sel.ids()]).toEqual(['a', 'c']);
      dispose();
    });
  });
});
