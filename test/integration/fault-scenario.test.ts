/**
 * 200 mixed operations through the IPC dispatch against the Sandbox under
 * `error=0.1,reset=0.05,drop=0.05,latency=50,jobfail=0.1` and 20 requests/s: nothing is made
 * twice, no job is lost, every failure is typed and caused by an injected job failure. Checked
 * against the Sandbox's own state (test/helpers/fault-scenario.ts); the `faults` bench prints the
 * same run's counters.
 */
import { describe, expect, it } from 'vitest';
import { runFaultScenario } from '../helpers/fault-scenario';

describe('200 operations under injected faults', () => {
  it('makes nothing twice, loses no job, and fails only by injected job failures', async () => {
    const r = await runFaultScenario({ ops: 200, seed: 11 });
    expect(r.ops).toBe(200);
    expect(r.duplicates).toEqual([]);
    expect(r.lostJobs).toEqual([]);
    expect(r.untyped).toBe(0);
    expect(r.otherFailures).toEqual([]);
    expect(r.succeeded + r.injectedJobFailures).toBe(200);
    // The faults really happened, and the client really had to deal with them.
    expect(r.injected.drops).toBeGreaterThan(0);
    expect(r.injected.resets).toBeGreaterThan(0);
    expect(r.injected.errors).toBeGreaterThan(0);
    expect(r.injectedJobFailures).toBeGreaterThan(0);
    expect(r.reconciliations).toBeGreaterThan(0);
    expect(r.retries).toBeGreaterThan(0);
  }, 120_000);
});
