import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@solidjs/testing-library';
import { ErrorPanel } from '../../renderer/src/components/error-panel';
import type { ErrorData } from '../../shared/errors';
import './cleanup';

describe('the error panel', () => {
  it('shows the message, code, API code, status, operation, request id, hint and details', () => {
    const error: ErrorData = {
      name: 'ApiError',
      code: 'API_ERROR',
      status: 409,
      apiCode: 'Ecs.0605',
      message: 'The server is locked.',
      hint: 'Unlock the server, then retry.',
      requestId: 'req-7f3a',
      operation: 'batchStopServers',
      retryable: false,
      details: [{ id: 'srv-1', code: 'Ecs.0605', message: 'locked' }],
    };
    render(() => <ErrorPanel title="Could not stop 1 server" error={error} />);
    const alert = screen.getByRole('alert');
    const q = within(alert);
    expect(q.getByText('Could not stop 1 server')).toBeTruthy();
    expect(q.getByText('The server is locked.')).toBeTruthy();
    const codes = [...alert.querySelectorAll('dt')].map((dt) => [
      dt.textContent,
      dt.nextElementSibling?.textContent,
    ]);
    expect(codes).toEqual([
      ['Code', 'API_ERROR'],
      ['API code', 'Ecs.0605'],
      ['HTTP status', '409'],
      ['Operation', 'batchStopServers'],
      ['Request id', 'req-7f3a'],
    ]);
    expect(alert.querySelector('.error-hint')?.textContent).toBe(
      'What to do: Unlock the server, then retry.',
    );
    expect(within(q.getByRole('list', { name: 'Details' })).getByRole('listitem').textContent).toBe(
      'srv-1: Ecs.0605 locked',
    );
  });

  it('falls back to a hint per error code, and offers Retry and Dismiss when given', () => {
    const onRetry = vi.fn();
    const onDismiss = vi.fn();
    render(() => (
      <ErrorPanel
        error={{ name: 'NetworkError', code: 'NETWORK', message: 'socket hang up', retryable: true }}
        onRetry={onRetry}
        onDismiss={onDismiss}
      />
    ));
    expect(screen.getByText(/Check the network connection or proxy/)).toBeTruthy();
    expect(screen.queryByText('API code')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(onRetry).toHaveBeenCalledOnce();
    expect(onDismiss).toHaveBeenCalledOnce();
  });
});
