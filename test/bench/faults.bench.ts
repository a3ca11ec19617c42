/**
 * The fault scenario (test/helpers/fault-scenario.ts) as numbers: 200 mixed operations through the
 * IPC dispatch against the Sandbox under `error=0.1,reset=0.05,drop=0.05,latency=50,jobfail=0.1`
 * and 20 requests/s. Prints operations, their outcomes, HTTP requests, retries, reconciliations
 * (found done / re-sent), duplicates and lost jobs, and what the Sandbox injected.
 */
import { runFaultScenario } from '../helpers/fault-scenario';
import type { Bench } from './harness';

export default {
  name: 'faults',
  async run(ctx) {
    const faults = 'error=0.1,reset=0.05,drop=0.05,latency=50,jobfail=0.1';
    const r = await runFaultScenario({ ops: ctx.quick ? 60 : 200, seed: 11, faults, rate: 20 });
    ctx.log(`${faults}, rate 20: ${r.ops} operations in ${(r.wallMs / 1000).toFixed(1)} s`);
    const n = (metric: string, value: number, unit = 'count') => ctx.report({ metric, value, unit });
    n('operations', r.ops);
    n('succeeded', r.succeeded);
    n('failed by an injected job failure', r.injectedJobFailures);
    n('other failures', r.otherFailures.length);
    n('untyped failures', r.untyped);
    n('HTTP requests sent', r.sends, 'requests');
    n('requests per operation', Number((r.sends / Math.max(1, r.ops)).toFixed(2)), 'requests');
    n('retries', r.retries);
    n('reconciliations', r.reconciliations);
    n('reconciled: found done', r.reconciledFound);
    n('reconciled: sent again', r.reconciledResent);
    n('duplicates', r.duplicates.length);
    n('lost jobs', r.lostJobs.length);
    n('injected 5xx', r.injected.errors);
    n('injected resets', r.injected.resets);
    n('injected drops (committed, answer lost)', r.injected.drops);
    n('wall time', r.wallMs, 'ms');
    for (const d of [...r.duplicates, ...r.lostJobs]) ctx.log(`problem: ${d}`);
    for (const f of r.otherFailures) ctx.log(`failure: ${f.op}: ${JSON.stringify(f.error)}`);
  },
} satisfies Bench;
