/**
 * Fleet batch pieces: the per-scope call of each action, titles, and resending after flow control
 * (429) while other errors go straight through.
 */
import { describe, expect, it } from 'vitest';
import { batchTitle, retryThrottled, scopeCall } from '../../main/fleet/batch';
import { ApiError } from '../../main/cloud/errors';

const throttled = () =>
  new ApiError({ status: 429, apiCode: 'Common.1503', message: 'flow control', retryAfterMs: 1000 });

describe('fleet batches', () => {
  it('builds one batch call per scope for each action', () => {
    expect(scopeCall({ action: 'stop', targets: [], type: 'HARD' }, ['a', 'b'])).toEqual({
      operation: 'batchStopServers',
      body: { 'os-stop': { type: 'HARD', servers: [{ id: 'a' }, { id: 'b' }] } },
    });
    expect(scopeCall({ action: 'start', targets: [] }, ['a']).operation).toBe('batchStartServers');
    expect(scopeCall({ action: 'reboot', targets: [] }, ['a']).body).toEqual({
      reboot: { type: 'SOFT', servers: [{ id: 'a' }] },
    });
    expect(scopeCall({ action: 'delete', targets: [] }, ['a']).body).toEqual({
      servers: [{ id: 'a' }],
      delete_volume: false,
      delete_publicip: false,
    });
  });

  it('titles a batch with servers and scopes', () => {
    const t = (n: number) => ({
      accountId: 'x',
      region: 'r',
      ids: Array.from({ length: n }, (_, i) => `${i}`),
    });
    expect(batchTitle('stop', [t(2), t(1)])).toBe('Stop 3 servers in 2 scopes');
    expect(batchTitle('tag', [t(1)])).toBe('Tag 1 server in 1 scope');
  });

  it('resends a throttled call after Retry-After, and gives up after a few tries', async () => {
    const waits: number[] = [];
    let calls = 0;
    const ok = await retryThrottled(
      async () => {
        if (++calls < 3) throw throttled();
        return 'done';
      },
      async (ms) => void waits.push(ms),
    );
    expect(ok).toBe('done');
    expect(waits).toEqual([1000, 1000]);
    let forever = 0;
    await expect(
      retryThrottled(
        async () => {
          forever++;
          throw throttled();
        },
        async () => undefined,
      ),
    ).rejects.toBeInstanceOf(ApiError);
    expect(forever).toBe(6);
  });

  it('does not resend other errors', async () => {
    let calls = 0;
    await expect(
      retryThrottled(
        async () => {
          calls++;
          throw new ApiError({ status: 400, apiCode: 'Ecs.0005', message: 'bad' });
        },
        async () => undefined,
      ),
    ).rejects.toBeInstanceOf(ApiError);
    expect(calls).toBe(1);
  });
});
