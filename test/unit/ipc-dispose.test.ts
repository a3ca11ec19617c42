/**
 * Disposing the IPC layer stops the fleet service it built (so no fleet cache write lands after
 * the app or the harness has shut down).
 */
import { describe, expect, it, vi } from 'vitest';
import type { Services } from '../../main/services';

const disposed = vi.fn();
const built = vi.fn();
vi.mock('../../main/fleet/fleet.service', () => ({
  createFleetService: () => {
    built();
    return { lister: {}, batches: { list: () => [] }, dispose: disposed };
  },
}));

const { createIpc } = await import('../../main/ipc/index');

describe('ipc.dispose', () => {
  it('disposes the fleet service it built, once', async () => {
    const services = { tracker: { subscribe: () => () => undefined } } as unknown as Services;
    const ipc = createIpc(services, {
      appInfo: () => ({ name: 'x', version: '0', versions: {}, shell: 'harness' }),
      isTrustedSender: () => true,
    });
    const res = await ipc.dispatch('fleet.batches', {}, { url: 'harness:' });
    expect(res).toEqual({ ok: true, value: { batches: [] } });
    expect(built).toHaveBeenCalledTimes(1);
    ipc.dispose();
    expect(disposed).toHaveBeenCalledTimes(1);
    ipc.dispose();
    expect(disposed).toHaveBeenCalledTimes(1);
  });
});
