/**
 * The tags pane: project tags with counts, find servers by tags (all of / none of), bulk tagging
 * of the selected servers with the shared tag dialog.
 */
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { toFilterTags } from '../../renderer/src/features/tags/tag-conditions';
import { makeFakeApi, makeServer, type FakeApi } from './fake-api';
import { pickerOptions, pickServer } from './pick-server';
import { renderApp } from './render-app';

function setup(): FakeApi {
  const api = makeFakeApi({
    servers: [
      makeServer(0, { tags: [{ key: 'env', value: 'prod' }] }),
      makeServer(1, {
        tags: [
          { key: 'env', value: 'prod' },
          { key: 'team', value: 'web' },
        ],
      }),
      makeServer(2, { tags: [{ key: 'env', value: 'dev' }] }),
    ],
  });
  api.handle('tags.project', () => ({
    ok: true,
    value: {
      tags: [
        { key: 'team', values: ['web'] },
        { key: 'env', values: ['prod', 'dev'] },
      ],
    },
  }));
  api.handle('tags.filterServers', (a) => {
    const matches = (tags: { key: string; value: string }[], f: { key: string; values?: string[] }) =>
      tags.some((t) => t.key === f.key && (!f.values || f.values.includes(t.value)));
    const list = api.servers.filter(
      (s) =>
        (a.tags ?? []).every((f) => matches(s.tags, f)) && !(a.notTags ?? []).some((f) => matches(s.tags, f)),
    );
    return {
      ok: true,
      value: { servers: list.map((s) => ({ id: s.id, name: s.name, tags: s.tags })), total: list.length },
    };
  });
  renderApp({ api });
  fireEvent.click(
    within(screen.getByRole('region', { name: 'Panes' })).getByRole('button', { name: 'Tags' }),
  );
  return api;
}

describe('tags pane', () => {
  it('merges conditions on one key into the API filter', () => {
    expect(
      toFilterTags([
        { key: 'env', value: 'prod' },
        { key: 'env', value: 'dev' },
        { key: 'team', value: '' },
        { key: '', value: '' },
      ]),
    ).toEqual([{ key: 'env', values: ['prod', 'dev'] }, { key: 'team' }]);
  });

  it('lists project tag keys and values with server counts', async () => {
    setup();
    const t = await screen.findByRole('table', { name: 'Project tags' });
    await waitFor(() =>
      expect(within(t).getByRole('row', { name: /^env/ }).textContent).toContain('prod (2)'),
    );
    const env = within(t).getByRole('row', { name: /^env/ });
    expect(env.textContent).toContain('dev (1)');
    expect(env.textContent).toMatch(/env3/);
    expect(within(t).getAllByRole('row')[1]!.textContent).toMatch(/^env/);
  });

  it('finds servers with all of / none of the tags through tags.filterServers', async () => {
    const api = setup();
    await screen.findByRole('table', { name: 'Project tags' });
    const form = screen.getByRole('search', { name: 'Find servers by tags' });
    const find = within(form).getByRole('button', { name: 'Find servers' }) as HTMLButtonElement;
    expect(find.disabled).toBe(true);
    await waitFor(() =>
      expect((within(form).getByLabelText('All of: key 1') as HTMLSelectElement).options.length).toBe(3),
    );
    fireEvent.change(within(form).getByLabelText('All of: key 1'), { target: { value: 'env' } });
    fireEvent.change(within(form).getByLabelText('All of: value 1'), { target: { value: 'prod' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add condition to None of' }));
    fireEvent.change(within(form).getByLabelText('None of: key 1'), { target: { value: 'team' } });
    fireEvent.click(find);
    await waitFor(() => expect(api.callsOf('tags.filterServers')).toHaveLength(1));
    expect(api.callsOf('tags.filterServers')[0]).toMatchObject({
      tags: [{ key: 'env', values: ['prod'] }],
      notTags: [{ key: 'team' }],
    });
    const results = await screen.findByRole('grid', { name: 'Servers matching the tags' });
    expect(within(results).getAllByRole('row')).toHaveLength(2);
    expect(within(results).getByRole('row', { name: /web-000/ }).textContent).toContain('env=prod');
    expect(screen.getByText('1 matching server')).toBeTruthy();
  });

  it('bulk-tags the selected matches with the tag dialog and refreshes', async () => {
    const api = setup();
    await screen.findByRole('table', { name: 'Project tags' });
    const form = screen.getByRole('search', { name: 'Find servers by tags' });
    await waitFor(() =>
      expect((within(form).getByLabelText('All of: key 1') as HTMLSelectElement).options.length).toBe(3),
    );
    fireEvent.change(within(form).getByLabelText('All of: key 1'), { target: { value: 'env' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Find servers' }));
    await screen.findByRole('grid', { name: 'Servers matching the tags' });
    const bulk = screen.getByRole('button', {
      name: 'Tag or untag 0 selected servers…',
    }) as HTMLButtonElement;
    expect(bulk.disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Select all matches' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select web-002' }));
    fireEvent.click(screen.getByRole('button', { name: 'Tag or untag 2 selected servers…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Tag 2 servers' });
    const [key] = within(dialog).getAllByRole('textbox', { name: /key/i });
    const [value] = within(dialog).getAllByRole('textbox', { name: /value/i });
    fireEvent.input(key!, { target: { value: 'owner' } });
    fireEvent.input(value!, { target: { value: 'ops' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add tags' }));
    await waitFor(() => expect(api.callsOf('tags.batchAdd')).toHaveLength(1));
    expect(api.callsOf('tags.batchAdd')[0]).toMatchObject({
      ids: ['srv-00000', 'srv-00001'],
      tags: [{ key: 'owner', value: 'ops' }],
    });
    await waitFor(() => expect(api.callsOf('tags.filterServers')).toHaveLength(2));
    expect(api.callsOf('tags.project').length).toBeGreaterThan(1);
  });

  it('shows a failed project tag load with Retry', async () => {
    const api = makeFakeApi({ servers: 1 });
    api.failNext('tags.project', {
      name: 'ApiError',
      code: 'API_ERROR',
      apiCode: 'Ecs.0001',
      message: 'Throttled',
      retryable: true,
    });
    api.handle('tags.project', () => ({ ok: true, value: { tags: [{ key: 'env', values: ['prod'] }] } }));
    renderApp({ api });
    fireEvent.click(
      within(screen.getByRole('region', { name: 'Panes' })).getByRole('button', { name: 'Tags' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Ecs.0001');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('table', { name: 'Project tags' })).toBeTruthy();
  });

  it("shows a server's Nova 1D tags where present", async () => {
    const api = setup();
    api.handle('tags.nova', (a) => ({
      ok: true,
      value: { tags: a.id === 'srv-00001' ? ['legacy', 'blue'] : [] },
    }));
    const input = await screen.findByLabelText('Server for Nova tags');
    await waitFor(async () => expect(await pickerOptions(input)).toHaveLength(3));
    await pickServer(input, 'web-001');
    const list = await screen.findByRole('list', { name: 'Nova tags' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['legacy', 'blue']);
    await pickServer(input, 'web-000');
    expect(await screen.findByText('This server has no Nova tags.')).toBeTruthy();
  });
});
