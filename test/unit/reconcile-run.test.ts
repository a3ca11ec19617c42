/**
 * The reconciliation driver with fakes: which failures it looks up (maybe delivered, or a refused
 * re-send) and which it passes through (surely not done), waiting while a rule says "pending" and
 * giving the original error back when the wait runs out, re-sending only what a rule says is
 * missing, and the bound on re-sends.
 */
import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../../main/cloud/errors';
import { MAX_RESENDS, runReconciled, type ReconcileDeps } from '../../main/cloud/reconcile/run';
import type { ReconcileRule, Verdict } from '../../main/cloud/reconcile/types';
import type { RequestInput } from '../../main/cloud/request';

const reset = () => new NetworkError('The connection was reset.');
const refused = () => new ApiError({ status: 404, apiCode: 'Ecs.0114', message: 'gone' });

function deps(sends: (input: RequestInput, n: number) => unknown) {
  let clock = 0;
  const sent: RequestInput[] = [];
  const d: ReconcileDeps = {
    read: (() => Promise.reject(new Error('no reads in this test'))) as never,
    send: async (input) => {
      sent.push(input);
      const out = sends(input, sent.length);
      if (out instanceof Error) throw out;
      return out;
    },
    timeScale: 1,
    counts: { reconciliations: 0, found: 0, resent: 0 },
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
    backoff: () => 10,
  };
  return { d, sent };
}

function rule(verdicts: Verdict[]): ReconcileRule & { checks: number } {
  const r = {
    checks: 0,
    check: async () => {
      r.checks++;
      return verdicts.shift() ?? { kind: 'absent' as const };
    },
  };
  return r;
}

describe('runReconciled', () => {
  it('answers with what the rule found after a dropped answer, without re-sending', async () => {
    const { d, sent } = deps(() => reset());
    const out = await runReconciled('x', rule([{ kind: 'applied', result: { found: 1 } }]), {}, 'm', d);
    expect(out).toEqual({ found: { found: 1 } });
    expect(sent).toHaveLength(1);
    expect(d.counts).toEqual({ reconciliations: 1, found: 1, resent: 0 });
  });

  it('re-sends only what is missing, and treats a refused re-send as done when the state says so', async () => {
    const { d, sent } = deps((_i, n) => (n === 1 ? reset() : refused()));
    const narrowed: RequestInput = { body: { servers: [{ id: 'b' }] } };
    const r = rule([
      { kind: 'absent', input: narrowed },
      { kind: 'applied', result: 'done' },
    ]);
    await expect(
      runReconciled('x', r, { body: { servers: [{ id: 'a' }, { id: 'b' }] } }, 'm', d),
    ).resolves.toEqual({
      found: 'done',
    });
    expect(sent[1]).toBe(narrowed);
    expect(d.counts).toEqual({ reconciliations: 2, found: 1, resent: 1 });
  });

  it('passes through failures that surely did nothing, and refusals the state confirms', async () => {
    const first = deps(() => refused());
    const r = rule([]);
    await expect(runReconciled('x', r, {}, 'm', first.d)).rejects.toBeInstanceOf(ApiError);
    expect(r.checks).toBe(0);
    const second = deps((_i, n) => (n === 1 ? reset() : refused()));
    await expect(
      runReconciled('x', rule([{ kind: 'absent' }, { kind: 'absent' }]), {}, 'm', second.d),
    ).rejects.toMatchObject({
      apiCode: 'Ecs.0114',
    });
  });

  it('waits while pending and gives the original error back when the wait runs out', async () => {
    const err = reset();
    const { d } = deps(() => err);
    const pending = { check: async (): Promise<Verdict> => ({ kind: 'pending' }), settleMs: 1000 };
    await expect(runReconciled('x', pending, {}, 'm', d)).rejects.toBe(err);
    // The settle window (1 s) times four, plus the floor of 20 s at this scale.
    expect(d.now()).toBeGreaterThanOrEqual(24_000);
  });

  it('stops after a bounded number of re-sends', async () => {
    const { d, sent } = deps(() => reset());
    await expect(runReconciled('x', rule([]), {}, 'm', d)).rejects.toBeInstanceOf(NetworkError);
    expect(sent).toHaveLength(MAX_RESENDS + 1);
  });

  it('marks the input before the first send and reads the baseline once', async () => {
    const { d, sent } = deps(() => 'ok');
    let before = 0;
    const r: ReconcileRule = {
      prepare: (input, marker) => ({ ...input, body: { marker } }),
      before: async () => ++before,
      check: async () => ({ kind: 'absent' }),
    };
    await expect(runReconciled('x', r, {}, 'uuid-1', d)).resolves.toEqual({ sent: 'ok' });
    expect(sent[0]!.body).toEqual({ marker: 'uuid-1' });
    expect(before).toBe(1);
  });
});
