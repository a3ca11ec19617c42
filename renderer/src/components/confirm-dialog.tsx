/**
 * A confirmation dialog that says exactly what will happen, listing the affected resources;
 * with `typeToConfirm`, the confirm button stays disabled until the user types that text.
 */
import { createSignal, createUniqueId, For, Show, type JSX } from 'solid-js';
import { Dialog } from './dialog';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  title: string;
  message: string;
  items?: string[];
  confirmLabel: string;
  destructive?: boolean;
  typeToConfirm?: string;
  /** Extra controls (e.g. options such as "also delete the data disks"). */
  children?: JSX.Element;
  onConfirm(): void;
  onCancel(): void;
}

/** Confirms an action; destructive ones can require typing a confirmation text. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const [typed, setTyped] = createSignal('');
  const inputId = createUniqueId();
  const ready = () => !props.typeToConfirm || typed().trim() === props.typeToConfirm;
  return (
    <Dialog
      title={props.title}
      onClose={() => props.onCancel()}
      alert
      footer={
        <>
          <button type="button" onClick={() => props.onCancel()}>
            Cancel
          </button>
          <button
            type="button"
            classList={{ danger: !!props.destructive, primary: !props.destructive }}
            disabled={!ready()}
            onClick={() => props.onConfirm()}
          >
            {props.confirmLabel}
          </button>
        </>
      }
    >
      <p>{props.message}</p>
      <Show when={props.items?.length}>
        <ul class="confirm-items" aria-label="Affected resources" tabIndex={0}>
          <For each={props.items}>{(it) => <li>{it}</li>}</For>
        </ul>
      </Show>
      {props.children}
      <Show when={props.typeToConfirm}>
        {(text) => (
          <div class="field">
            <label for={inputId}>
              Type <strong class="mono">{text()}</strong> to confirm
            </label>
            <input
              id={inputId}
              data-autofocus
              autocomplete="off"
              spellcheck={false}
              value={typed()}
              onInput={(e) => setTyped(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && ready()) props.onConfirm();
              }}
            />
          </div>
        )}
      </Show>
    </Dialog>
  );
}
