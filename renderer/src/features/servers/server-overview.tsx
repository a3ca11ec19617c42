/**
 * The Overview tab of the server drawer: every field, with copy buttons on ids and addresses.
 */
import { createResource, For, Show, type JSX } from 'solid-js';
import type { ServerView } from '../../../../shared/ipc/views';
import { CopyButton } from '../../components/copy-button';
import { formatFlavor, formatRam, formatTime } from '../../lib/format';
import { powerStateLabel } from '../../lib/units';
import { useApi } from '../../lib/api-context';
import { useScope } from '../../stores/app-context';

/** One term/definition pair, with a copy button when `copy` (a render helper, not a component). */
function row(label: string, value: string | undefined, copy = false): JSX.Element {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <span>{value ?? ''}</span>
        {copy && value ? <CopyButton value={value} label={label.toLowerCase()} /> : null}
      </dd>
    </>
  );
}

/** Every field of a server. */
export function ServerOverview(props: { server: ServerView }) {
  const s = () => props.server;
  const api = useApi();
  const [scope] = useScope();
  // Nova's server list names the image only by id: look its name up (once per drawer).
  const [images] = createResource(
    () => (s().image.name ? undefined : scope.scope),
    (sc) => api.invoke('images.list', sc),
  );
  const imageName = () => {
    if (s().image.name) return s().image.name;
    const r = images.error ? undefined : images();
    const found = r?.ok ? r.value.images.find((i) => i.id === s().image.id) : undefined;
    return found?.name ?? (images.loading ? 'Loading…' : `Unknown image (${s().image.id})`);
  };
  return (
    <dl class="kv">
      {row('ID', s().id, true)}
      {row('Name', s().name, true)}
      {row('Description', s().description)}
      {row('Status', s().status)}
      {row('Task state', s().taskState ?? '—')}
      {row('VM state', s().vmState)}
      {row('Power state', powerStateLabel(s().powerState))}
      {row('Locked', s().locked ? 'Yes' : 'No')}
      {row('Flavor', formatFlavor(s().flavor))}
      {row('Flavor ID', s().flavor.id, true)}
      {row('RAM', formatRam(s().flavor.ramMb))}
      {row('Image', imageName())}
      {row('Image ID', s().image.id, true)}
      {row('Availability zone', s().availabilityZone)}
      <For each={s().ips}>
        {(ip) => row(`${ip.type === 'floating' ? 'EIP' : 'Private IP'} (IPv${ip.version})`, ip.address, true)}
      </For>
      {row('Key pair', s().keyName)}
      {row('Security groups', s().securityGroups.join(', '))}
      {row('Volumes', s().volumeIds.join(', '), true)}
      {row(
        'Tags',
        s()
          .tags.map((t) => `${t.key}=${t.value}`)
          .join(', '),
      )}
      {row('Created', formatTime(s().created))}
      {row('Updated', formatTime(s().updated))}
      <Show when={s().fault}>{(f) => row('Fault', `${f().code ?? ''} ${f().message ?? ''}`)}</Show>
    </dl>
  );
}
