/**
 * The flavors pane: every flavor of the region with vCPUs, RAM and its sale status per
 * availability zone; sold-out zones are marked in words, not only by colour.
 */
import { createMemo, createSignal, createUniqueId, For, Match, Show, Switch } from 'solid-js';
import type { Result } from '../../../../shared/ipc/contract';
import type { FlavorView } from '../../../../shared/ipc/views';
import { ErrorPanel } from '../../components/error-panel';
import { formatMib } from '../../lib/units';
import { useApi } from '../../lib/api-context';
import { createScopedData } from '../../stores/scoped-data';

/** The words for a sale status (`normal`, `sellout`, `abandon`, `obt`, `promotion`…). */
export function saleStatusLabel(status: string | undefined): string {
  switch (status ?? 'normal') {
    case 'normal':
      return 'On sale';
    case 'sellout':
      return 'Sold out';
    case 'abandon':
      return 'Withdrawn';
    case 'obt':
      return 'Beta';
    case 'promotion':
      return 'Promotion';
    default:
      return status ?? 'On sale';
  }
}

/** The sale status of a flavor in one AZ: the AZ's own status, else the region-wide one. */
export function flavorStatusIn(f: FlavorView, az: string): string {
  return f.azStatus[az] ?? f.status ?? 'normal';
}

/** The flavors pane. */
export function FlavorsPane() {
  const api = useApi();
  const ids = createUniqueId();
  const [query, setQuery] = createSignal('');
  const [data, { reload: refetch }] = createScopedData(
    async (sc): Promise<Result<{ flavors: FlavorView[]; zones: string[] }>> => {
      const [fl, zs] = await Promise.all([api.invoke('flavors.list', sc), api.invoke('zones.list', sc)]);
      if (!fl.ok) return fl;
      const zones = new Set(zs.ok ? zs.value.zones.map((z) => z.name) : []);
      for (const f of fl.value.flavors) for (const az of Object.keys(f.azStatus)) zones.add(az);
      return { ok: true, value: { flavors: fl.value.flavors, zones: [...zones].sort() } };
    },
  );
  const rows = createMemo(() => {
    const d = data.value;
    if (!d) return [];
    const q = query().trim().toLowerCase();
    return d.flavors
      .filter(
        (f) => !q || f.name.toLowerCase().includes(q) || (f.performanceType ?? '').toLowerCase().includes(q),
      )
      .slice()
      .sort((a, b) => a.vcpus - b.vcpus || a.ramMb - b.ramMb || a.name.localeCompare(b.name));
  });
  return (
    <section class="pane" aria-labelledby={`${ids}-h`}>
      <header class="pane-header">
        <h2 id={`${ids}-h`}>Flavors</h2>
        <span class="muted" role="status">
          {data.value
            ? `${rows().length} of ${data.value.flavors.length} flavors`
            : data.loading
              ? 'Loading…'
              : ''}
        </span>
        <div class="spacer" />
        <input
          type="search"
          aria-label="Filter flavors by name"
          placeholder="Filter by name"
          value={query()}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <button type="button" onClick={() => void refetch()}>
          Refresh
        </button>
      </header>
      <Switch>
        <Match when={data.error}>
          {(e) => (
            <ErrorPanel title="Could not load the flavors" error={e()} onRetry={() => void refetch()} />
          )}
        </Match>
        <Match when={data.value}>
          {(d) => (
            <Show when={rows().length} fallback={<p class="muted">No flavors match.</p>}>
              <table class="simple" aria-label="Flavors">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">vCPUs</th>
                    <th scope="col">RAM</th>
                    <th scope="col">Type</th>
                    <th scope="col">Region</th>
                    <For each={d().zones}>{(az) => <th scope="col">{az}</th>}</For>
                  </tr>
                </thead>
                <tbody>
                  <For each={rows()}>
                    {(f) => (
                      <tr>
                        <th scope="row" class="mono">
                          {f.name}
                        </th>
                        <td>{f.vcpus}</td>
                        <td>{formatMib(f.ramMb)}</td>
                        <td>{f.performanceType ?? '—'}</td>
                        <td>{saleStatusLabel(f.status)}</td>
                        <For each={d().zones}>
                          {(az) => {
                            const st = () => flavorStatusIn(f, az);
                            return (
                              <td>
                                <span
                                  class="badge"
                                  classList={{
                                    'badge-ok': st() === 'normal',
                                    'badge-bad': st() === 'sellout',
                                  }}
                                >
                                  {saleStatusLabel(st())}
                                </span>
                              </td>
                            );
                          }}
                        </For>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
          )}
        </Match>
      </Switch>
    </section>
  );
}
