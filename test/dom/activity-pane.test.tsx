/**
 * The activity pane: every job as a row, live, failures with code/message/hint, retry, filter by account.
 */
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import type { JobView } from '../../shared/ipc/views';
import { formatDuration, subJobSummary } from '../../renderer/src/features/activity/job-format';
import { makeFakeApi, SANDBOX_ACCOUNT, type FakeApi } from './fake-api';
import { renderApp } from './render-app';

const job = (over: Partial<JobView>): JobView => ({
  id: 'job-x',
  accountId: 'sandbox',
  region: 'sandbox-1',
  operation: 'batchStopServers',
  title: 'Stop 2 servers',
  targets: [
    { id: 'srv-1', name: 'web-1' },
    { id: 'srv-2', name: 'web-2' },
  ],
  state: 'succeeded',
  createdAt: '2026-01-02T00:00:00Z',
  startedAt: '2026-01-02T00:00:00Z',
  finishedAt: '2026-01-02T00:00:42Z',
  subJobs: [],
  retryable: false,
  ...over,
});

const FAILED = job({
  id: 'job-fail',
  title: 'Start 2 servers',
  operation: 'batchStartServers',
  state: 'partial',
  createdAt: '2026-01-02T00:01:00Z',
  startedAt: '2026-01-02T00:01:00Z',
  finishedAt: '2026-01-02T00:03:05Z',
  retryable: true,
  subJobs: [
    { targetId: 'srv-1', status: 'succeeded' },
    {
      targetId: 'srv-2',
      status: 'failed',
      error: {
        name: 'ApiError',
        code: 'API_ERROR',
        apiCode: 'Ecs.0112',
        message: 'Insufficient resources in the AZ.',
        hint: 'Try another flavor or availability zone.',
        retryable: true,
      },
    },
  ],
  error: {
    name: 'ApiError',
    code: 'API_ERROR',
    apiCode: 'Ecs.0112',
    message: '1 of 2 servers failed to start.',
    hint: 'Retry later or pick another AZ.',
    retryable: true,
  },
});

function setup(): FakeApi {
  const api = makeFakeApi({ servers: 2 });
  api.accounts = [
    SANDBOX_ACCOUNT,
    { ...SANDBOX_ACCOUNT, id: 'prod', name: 'Production', builtin: false, isDefault: false, order: 1 },
  ];
  api.jobs = [
    FAILED,
    job({ id: 'job-ok' }),
    job({
      id: 'job-prod',
      accountId: 'prod',
      region: 'cn-north-4',
      title: 'Reboot 1 server',
      targets: [{ id: 'p1' }],
    }),
  ];
  api.handle('jobs.retry', () => ({ ok: true, value: { jobId: 'job-retry' } }));
  renderApp({ api });
  fireEvent.click(
    within(screen.getByRole('region', { name: 'Panes' })).getByRole('button', { name: 'Activity' }),
  );
  return api;
}

const table = () => screen.findByRole('table', { name: 'Operations' });

describe('activity pane', () => {
  it('formats durations and sub-job summaries', () => {
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(subJobSummary(FAILED)).toBe('2 sub-jobs: 1 succeeded, 1 failed');
  });

  it('shows every job with account, region, targets, status and duration', async () => {
    setup();
    const t = await table();
    await waitFor(() => expect(within(t).getAllByRole('row')).toHaveLength(4));
    const ok = within(t).getByRole('row', { name: /^Stop 2 servers/ });
    expect(ok.textContent).toContain('Sandbox · sandbox-1');
    expect(ok.textContent).toContain('web-1, web-2');
    expect(ok.textContent).toContain('succeeded');
    expect(ok.textContent).toContain('42 s');
    expect(within(t).getByRole('row', { name: /^Reboot 1 server/ }).textContent).toContain(
      'Production · cn-north-4',
    );
  });

  it('shows failures with code, message, what to do, and the failed sub-job', async () => {
    setup();
    const row = within(await table()).getByRole('row', { name: /^Start 2 servers/ });
    expect(row.textContent).toContain('API_ERROR Ecs.0112');
    expect(row.textContent).toContain('1 of 2 servers failed to start.');
    expect(row.textContent).toContain('What to do: Retry later or pick another AZ.');
    expect(row.textContent).toContain('2 min 5 s');
    expect(within(row).getByText('2 sub-jobs: 1 succeeded, 1 failed')).toBeTruthy();
    expect(row.textContent).toContain('web-2: API_ERROR Ecs.0112 Insufficient resources in the AZ.');
  });

  it('retries only retryable failed jobs', async () => {
    const api = setup();
    const t = await table();
    expect(within(t).queryByRole('button', { name: 'Retry Stop 2 servers' })).toBeNull();
    fireEvent.click(within(t).getByRole('button', { name: 'Retry Start 2 servers' }));
    await waitFor(() => expect(api.callsOf('jobs.retry')).toEqual([{ id: 'job-fail' }]));
    expect(await screen.findByText('Retrying: Start 2 servers')).toBeTruthy();
  });

  it('filters by account', async () => {
    setup();
    const t = await table();
    await waitFor(() => expect(within(t).getAllByRole('row')).toHaveLength(4));
    const acc = screen.getByLabelText('Account') as HTMLSelectElement;
    await waitFor(() => expect(acc.options.length).toBe(3));
    fireEvent.change(acc, { target: { value: 'prod' } });
    await waitFor(() => expect(within(t).getAllByRole('row')).toHaveLength(2));
    expect(within(t).getByRole('row', { name: /^Reboot 1 server/ })).toBeTruthy();
  });

  it('names servers the job only knows by id, in the title and the targets', async () => {
    const api = setup();
    const t = await table();
    api.emit(
      'jobs.updated',
      job({
        id: 'job-ids',
        title: 'Stop server srv-00001',
        targets: [{ id: 'srv-00001' }],
        createdAt: '2026-01-04T00:00:00Z',
      }),
    );
    const row = await within(t).findByRole('row', { name: /^Stop server web-001/ });
    expect(within(row).getAllByRole('cell')[1]!.textContent).toBe('web-001');
  });

  it('is live: a new job and its progress appear from jobs.updated', async () => {
    const api = setup();
    const t = await table();
    const running = job({
      id: 'job-live',
      title: 'Delete 1 server',
      state: 'running',
      finishedAt: undefined,
      createdAt: '2026-01-03T00:00:00Z',
      startedAt: '2026-01-03T00:00:00Z',
    });
    api.emit('jobs.updated', running);
    const row = await within(t).findByRole('row', { name: /^Delete 1 server/ });
    expect(row.textContent).toContain('running');
    expect(within(row).queryByRole('button', { name: /Remove/ })).toBeNull();
    api.emit('jobs.updated', { ...running, state: 'failed', finishedAt: '2026-01-03T00:00:10Z' });
    await waitFor(() => expect(row.textContent).toContain('failed'));
    expect(row.textContent).toContain('10 s');
  });
});
