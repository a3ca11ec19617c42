/**
 * The quotas pane: each quota of the project as used / limit with a bar (-1 = unlimited).
 */
import { createUniqueId, For, Show } from 'solid-js';
import type { QuotaItem } from '../../../../shared/ipc/views';
import { ErrorPanel } from '../../components/error-panel';
import { PaneHeader } from '../../components/pane-header';
import { useApi } from '../../lib/api-context';
import { formatInteger, formatMib } from '../../lib/units';
import { createScopedData } from '../../stores/scoped-data';

const NAMES: Record<string, string> = {
  instances: 'Servers',
  cores: 'vCPUs',
  ram: 'RAM',
  key_pairs: 'Key pairs',
  server_groups: 'Server groups',
  server_group_members: 'Members per server group',
  volumes: 'Disks',
  gigabytes: 'Disk capacity',
  floating_ips: 'Elastic IPs',
  security_groups: 'Security groups',
  ramMb: 'RAM',
  serverGroups: 'Server groups',
  serverGroupMembers: 'Members per server group',
  securityGroups: 'Security groups',
  floatingIps: 'Elastic IPs',
  keypairs: 'Key pairs',
  serverMetadata: 'Metadata items per server',
};

/** A readable name for a quota resource key (e.g. `cores` -> `vCPUs`). */
export function quotaName(resource: string): string {
  const words = resource
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return NAMES[resource] ?? words.replace(/^./, (c) => c.toUpperCase());
}

/** How each quota's numbers read: RAM in MiB and disk capacity in GiB as the API counts them. */
const FORMAT: Record<string, (n: number) => string> = {
  ram: formatMib,
  ramMb: formatMib,
  gigabytes: (gib) => formatMib(gib * 1024),
};

/** A quota's used and limit in words: "71 GiB of 240 GiB used (30%)", "3 used, unlimited". */
export function quotaText(q: QuotaItem): string {
  const f = FORMAT[q.resource] ?? formatInteger;
  return q.limit < 0
    ? `${f(q.used)} used, unlimited`
    : `${f(q.used)} of ${f(q.limit)} used (${quotaPercent(q)}%)`;
}

/** The used share of a quota in percent (0 for unlimited or a zero limit), capped at 100. */
export function quotaPercent(q: QuotaItem): number {
  if (q.limit <= 0) return q.limit === 0 && q.used > 0 ? 100 : 0;
  return Math.min(100, Math.round((q.used / q.limit) * 100));
}

/** The quotas pane. */
export function QuotasPane() {
  const api = useApi();
  const ids = createUniqueId();
  const [data, { reload }] = createScopedData((sc) => api.invoke('quotas.get', sc), 'resource');
  const refetch = () => void reload();
  const items = () => data.value?.items ?? [];
  return (
    <section class="pane" aria-labelledby={`${ids}-h`}>
      <PaneHeader
        headingId={`${ids}-h`}
        title="Quotas"
        list={data}
        noun="quota"
        count={items().length}
        onRefresh={refetch}
      />
      <Show when={data.error}>
        {(e) => <ErrorPanel title="Could not load the quotas" error={e()} onRetry={refetch} />}
      </Show>
      <Show when={data.value}>
        <Show when={items().length} fallback={<p class="muted">No quotas reported.</p>}>
          <ul
            class="quota-list"
            aria-label="Quotas"
            style={{
              'list-style': 'none',
              padding: 0,
              display: 'grid',
              gap: '0.6rem',
              'max-width': '48rem',
            }}
          >
            <For each={items()}>
              {(q) => {
                const pct = () => quotaPercent(q);
                const text = () => quotaText(q);
                return (
                  <li class="quota">
                    <div class="quota-label">
                      <strong>{quotaName(q.resource)}</strong> <span>{text()}</span>
                      <Show when={q.limit >= 0 && pct() >= 90}>
                        <span class="badge badge-bad">{pct() >= 100 ? 'Full' : 'Nearly full'}</span>
                      </Show>
                    </div>
                    <div
                      class="quota-bar"
                      role="meter"
                      aria-label={quotaName(q.resource)}
                      aria-valuemin={0}
                      aria-valuemax={q.limit < 0 ? q.used : q.limit}
                      aria-valuenow={q.used}
                      aria-valuetext={text()}
                      style={{
                        height: '0.6rem',
                        'border-radius': '0.3rem',
                        background: 'var(--border)',
                        overflow: 'hidden',
                      }}
                    >
                      <div
                        style={{
                          width: `${q.limit < 0 ? 0 : pct()}%`,
                          height: '100%',
                          background: pct() >= 90 ? 'var(--danger)' : 'var(--accent)',
                        }}
                      />
                    </div>
                  </li>
                );
              }}
            </For>
          </ul>
        </Show>
      </Show>
    </section>
  );
}
