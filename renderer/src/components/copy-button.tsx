/**
 * A small button copying a value to the clipboard, with an accessible name saying what it copies.
 */
import { createSignal } from 'solid-js';

/** Copies `value`; `label` names what is copied (e.g. "server id"). */
export function CopyButton(props: { value: string; label: string; tabIndex?: number }) {
  const [done, setDone] = createSignal(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      setDone(true);
      setTimeout(() => setDone(false), 1500);
    } catch {
      // Clipboard refused (no focus or no permission): nothing to roll back.
      setDone(false);
    }
  };
  return (
    <button
      type="button"
      class="copy-button"
      tabIndex={props.tabIndex}
      aria-label={`Copy ${props.label}`}
      onClick={() => void copy()}
    >
      {done() ? 'Copied' : 'Copy'}
    </button>
  );
}
