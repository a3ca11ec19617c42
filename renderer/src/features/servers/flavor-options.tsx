import { For } from 'solid-js';
import type { FlavorView } from '../../../../shared/ipc/views';
import { formatRam } from '../../lib/format';

const SOLD_OUT: Record<string, string> = {
  sellout: 'sold out',
  abandon: 'discontinued',
  obt: 'open beta only',
};

/** Why a flavor cannot be chosen in `az` (sold out, discontinued...), or undefined when it can. */
export function flavorUnavailableReason(f: FlavorView, az: string): string | undefined {
  const st = (az && f.azStatus[az]) || f.status;
  const key = st.split(':').pop() ?? st;
  const why = SOLD_OUT[key];
  return why ? `${why}${az ? ` in ${az}` : ''}` : undefined;
}

/** The `<option>`s of a flavor picker: sold-out or abandoned flavors in `az` are disabled with the reason. */
export function FlavorOptions(props: { flavors: readonly FlavorView[]; az: string }) {
  return (
    <>
      <option value="">Choose a flavor…</option>
      <For each={props.flavors}>
        {(f) => {
          const why = () => flavorUnavailableReason(f, props.az);
          return (
            <option value={f.id} disabled={!!why()}>
              {f.name} — {f.vcpus} vCPUs, {formatRam(f.ramMb)}
              {why() ? ` (${why()})` : ''}
            </option>
          );
        }}
      </For>
    </>
  );
}
