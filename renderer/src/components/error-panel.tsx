/**
 * An inline error panel for {@link ErrorData}: what failed, the codes, what to do, the request id.
 * It sits where the failure happened and never blocks the rest of the UI.
 */
import { For, Show } from 'solid-js';
import type { ErrorData } from '../../../shared/errors';

/** Props of {@link ErrorPanel}. */
export interface ErrorPanelProps {
  error: ErrorData;
  /** What was being done, e.g. "Could not load the servers". */
  title?: string;
  onRetry?: () => void;
  onDismiss?: () => void;
  /** Compact form for toasts and inline form errors. */
  compact?: boolean;
}

const DEFAULT_HINTS: Partial<Record<ErrorData['code'], string>> = {
  NETWORK: 'Check the network connection or proxy, then retry.',
  TIMEOUT: 'The cloud did not answer in time; retry in a moment.',
  AUTH: 'Check the account credentials (Accounts > Test connection).',
  THROTTLED: 'Too many requests: wait a moment and retry.',
};

/** Renders an error with its code, API code, message, hint and request id. */
export function ErrorPanel(props: ErrorPanelProps) {
  const hint = () => props.error.hint ?? DEFAULT_HINTS[props.error.code];
  return (
    <div class="error-panel" classList={{ compact: !!props.compact }} role="alert">
      <div class="error-title">
        <strong>{props.title ?? 'Something went wrong'}</strong>
      </div>
      <p class="error-message">{props.error.message}</p>
      <dl class="error-codes">
        <dt>Code</dt>
        <dd class="mono">{props.error.code}</dd>
        <Show when={props.error.apiCode}>
          <dt>API code</dt>
          <dd class="mono">{props.error.apiCode}</dd>
        </Show>
        <Show when={props.error.status}>
          <dt>HTTP status</dt>
          <dd class="mono">{props.error.status}</dd>
        </Show>
        <Show when={props.error.operation}>
          <dt>Operation</dt>
          <dd class="mono">{props.error.operation}</dd>
        </Show>
        <Show when={props.error.requestId}>
          <dt>Request id</dt>
          <dd class="mono">{props.error.requestId}</dd>
        </Show>
      </dl>
      <Show when={hint()}>
        <p class="error-hint">
          <strong>What to do:</strong> {hint()}
        </p>
      </Show>
      <Show when={props.error.details?.length}>
        <ul class="error-details" aria-label="Details">
          <For each={props.error.details}>
            {(d) => (
              <li>
                <Show when={d.id}>
                  <span class="mono">{d.id}</span>:{' '}
                </Show>
                <Show when={d.code}>
                  <span class="mono">{d.code}</span>{' '}
                </Show>
                {d.message}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.onRetry || props.onDismiss}>
        <div class="error-actions">
          <Show when={props.onRetry}>
            <button type="button" onClick={() => props.onRetry?.()}>
              Retry
            </button>
          </Show>
          <Show when={props.onDismiss}>
            <button type="button" onClick={() => props.onDismiss?.()}>
              Dismiss
            </button>
          </Show>
        </div>
      </Show>
    </div>
  );
}
