/**
 * The fleet's per-scope status strip: one item per account x region saying loading (with the
 * count so far), done, failed with the reason and a retry, or stale with the cache's age and a
 * retry; plus a one-line summary read out to screen readers.
 */
import { For, Match, Show, Switch } from 'solid-js';
import type { FleetScopeRef, FleetScopeStatus } from '../../../../shared/fleet';

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const count = new Intl.NumberFormat();

/** "5 minutes ago", "yesterday", ... for an ISO time. */
export function ageOf(iso: string | undefined, now = Date.now()): string {
  const t = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(t)) return 'at an unknown time';
  const s = Math.round((t - now) / 1000);
  if (s > -60) return relative.format(Math.min(0, s), 'second');
  if (s > -3600) return relative.format(Math.round(s / 60), 'minute');
  if (s > -86400) return relative.format(Math.round(s / 3600), 'hour');
  return relative.format(Math.round(s / 86400), 'day');
}

/** The plural of "server", with the count formatted. */
export function servers(n: number): string {
  return `${count.format(n)} server${n === 1 ? '' : 's'}`;
}

/** One line: "18 scopes: 15 done, 2 loading, 1 failed". */
export function scopeSummary(scopes: readonly FleetScopeStatus[]): string {
  const by = (state: FleetScopeStatus['state']) => scopes.filter((s) => s.state === state).length;
  const parts = [
    [by('ok'), 'done'],
    [by('loading'), 'loading'],
    [by('failed'), 'failed'],
    [by('stale'), 'stale'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n} ${what}`);
  return `${scopes.length} scope${scopes.length === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/** Props of {@link FleetStatusStrip}. */
export interface FleetStatusStripProps {
  scopes: FleetScopeStatus[];
  now: number;
  onRetry(scope: FleetScopeRef): void;
}

/** The per-scope status strip. */
export function FleetStatusStrip(props: FleetStatusStripProps) {
  return (
    <section class="fleet-strip" aria-label="Scopes">
      <p class="muted" role="status" aria-live="polite">
        {scopeSummary(props.scopes)}
      </p>
      <ul class="fleet-scopes">
        <For each={props.scopes}>
          {(s) => (
            <li class={`fleet-scope fleet-${s.state}`} data-scope={`${s.accountId}/${s.region}`}>
              <strong>{s.accountName}</strong> · {s.region}:{' '}
              <Switch>
                <Match when={s.state === 'loading'}>
                  <span class="badge badge-busy">loading</span> {servers(s.count)} so far
                </Match>
                <Match when={s.state === 'ok'}>
                  <span class="badge badge-ok">done</span> {servers(s.count)}
                </Match>
                <Match when={s.state === 'stale'}>
                  <span class="badge badge-wait">stale</span> {servers(s.count)} cached{' '}
                  {ageOf(s.cachedAt, props.now)}
                  <Show when={s.error}>{(e) => <span class="fleet-reason"> ({e().message})</span>}</Show>
                </Match>
                <Match when={s.state === 'failed'}>
                  <span class="badge badge-bad">failed</span>
                  <Show when={s.error}>{(e) => <span class="fleet-reason"> {e().message}</span>}</Show>
                </Match>
              </Switch>
              <Show when={s.state === 'failed' || s.state === 'stale'}>
                {' '}
                <button
                  type="button"
                  aria-label={`Retry ${s.accountName} ${s.region}`}
                  onClick={() => props.onRetry({ accountId: s.accountId, region: s.region })}
                >
                  Retry
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
