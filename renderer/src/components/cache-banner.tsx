/**
 * The "cached data, N minutes old" banner shown when a list came from the offline cache.
 */
import { createSignal, onCleanup, Show } from 'solid-js';
import type { ErrorData } from '../../../shared/errors';
import { minutesSince } from '../lib/format';
import { formatCount } from '../lib/units';

/** Props of {@link CacheBanner}. */
export interface CacheBannerProps {
  fromCache: boolean;
  fetchedAt: string | undefined;
  offlineError?: ErrorData;
  onRetry?: () => void;
}

/** Says the data shown is cached and how old it is (updated every 30 seconds). */
export function CacheBanner(props: CacheBannerProps) {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 30_000);
  onCleanup(() => clearInterval(timer));
  const age = () => (props.fetchedAt ? minutesSince(props.fetchedAt, now()) : 0);
  return (
    <Show when={props.fromCache}>
      <div class="cache-banner" role="status">
        <span>
          Offline: cached data, {age() === 0 ? 'less than a minute' : formatCount(age(), 'minute')} old.
        </span>
        <Show when={props.offlineError}>{(e) => <span class="muted"> {e().message}</span>}</Show>
        <Show when={props.onRetry}>
          <button type="button" onClick={() => props.onRetry?.()}>
            Try again
          </button>
        </Show>
      </div>
    </Show>
  );
}
