/**
 * The flavors pane: every flavor of the region with vCPUs, RAM and its sale status per
 * availability zone (a virtualized grid: a region sells hundreds of flavors); sold-out zones are
 * marked in words, not only by colour.
 */
import { createMemo, createSignal, createUniqueId, Show } from 'solid-js';
import type { Result } from '../../../../shared/ipc/contract';
import type { FlavorView } from '../../../../shared/ipc/views';
import { ErrorPanel } from '../../components/error-panel';
import { PaneHeader } from '../../components/pane-header';
import { VirtualTable, type VirtualColumn } from '../../components/virtual-table';
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
  const [data, { reload }] = createScopedData(
    async (sc): Promise<Result<{ flavors: FlavorView[]; zones: string[] }>> => {
      const [fl, zs] = await Promise.all([api.invoke('flavors.list', sc), api.invoke('zones.list', sc)]);
      if (!fl.ok) return fl;
      const zones = new Set(zs.ok ? zs.value.zones.map((z) => z.name) : []);
      for (const f of fl.value.flavors) for (const az of Object.keys(f.azStatus)) zones.add(az);
      return { ok: true, value: { flavors: fl.value.flavors, zones: [...zones].sort() } };
    },
  );
  const refetch = () => void reload();
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
  const zones = () => data.value?.zones ?? [];
  // One column per availability zone of the region: the columns follow the zones of the scope.
  const columns = createMemo((): VirtualColumn<FlavorView>[] => [
    { id: 'name', label: 'Name', class: 'mono', cell: (f) => f().name },
    { id: 'vcpus', label: 'vCPUs', cell: (f) => f().vcpus },
    { id: 'ram', label: 'RAM', cell: (f) => formatMib(f().ramMb) },
    { id: 'type', label: 'Type', cell: (f) => f().performanceType ?? '—' },
    { id: 'region', label: 'Region', cell: (f) => saleStatusLabel(f().status) },
    ...zones().map((az): VirtualColumn<FlavorView> => ({
      id: `az-${az}`,
      label: az,
      cell: (f) => <SaleBadge status={flavorStatusIn(f(), az)} />,
    })),
  ]);
  return (
    <section class="pane" aria-labelledby={`${ids}-h`}>
      <PaneHeader
        headingId={`${ids}-h`}
        title="Flavors"
        list={data}
        noun="flavor"
        count={rows().length}
        total={data.value?.flavors.length}
        onRefresh={refetch}
      />
      <Show when={data.error}>
        {(e) => <ErrorPanel title="Could not load the flavors" error={e()} onRetry={refetch} />}
      </Show>
      <div class="filters" role="search" aria-label="Filter flavors">
        <input
          type="search"
          aria-label="Filter flavors by name"
          placeholder="Filter by name or type"
          value={query()}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </div>
      <Show when={data.value}>
        <Show when={rows().length} fallback={<p class="muted">No flavors match.</p>}>
          <VirtualTable
            label="Flavors"
            idPrefix="flavor"
            rowId={(name) => `flavor-${name.replace(/[^\w-]/g, '_')}`}
            rows={rows}
            rowKey={(f) => f.name}
            columns={columns()}
            template={`minmax(170px, 1.5fr) 70px 90px 140px 110px${' 110px'.repeat(zones().length)}`}
            minWidth={600 + 110 * zones().length}
          />
        </Show>
      </Show>
    </section>
  );
}

/** A sale status as a badge: in words, coloured only as a second hint. */
function SaleBadge(props: { status: string }) {
  return (
    <span
      class="badge"
      classList={{ 'badge-ok': props.status === 'normal', 'badge-bad': props.status === 'sellout' }}
    >
      {saleStatusLabel(props.status)}
    </span>
  );
}
