/**
 * A modal dialog: labelled, focus trapped, Escape closes it, focus returns where it was.
 */
import { createUniqueId, onCleanup, onMount, type JSX } from 'solid-js';
import { Portal } from 'solid-js/web';
import { focusables, trapTab } from '../lib/focus';

/** Props of {@link Dialog}. */
export interface DialogProps {
  title: string;
  /** Called on Escape, on the close button and on a click on the backdrop. */
  onClose(): void;
  children: JSX.Element;
  /** Buttons row at the bottom. */
  footer?: JSX.Element;
  /** `wide` for forms like the create wizard. */
  size?: 'normal' | 'wide';
  /** Role `alertdialog` for confirmations. */
  alert?: boolean;
}

/** A modal dialog rendered in a portal; mount it to open, unmount it to close. */
export function Dialog(props: DialogProps) {
  let panel: HTMLDivElement | undefined;
  const titleId = createUniqueId();
  const previous = document.activeElement as HTMLElement | null;
  onMount(() => {
    if (!panel) return;
    const auto = panel.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(panel)[0];
    (auto ?? panel)?.focus();
  });
  onCleanup(() => {
    if (previous && document.contains(previous)) previous.focus();
  });
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      e.preventDefault();
      props.onClose();
      return;
    }
    if (panel) trapTab(e, panel);
  };
  return (
    <Portal>
      <div
        class="backdrop"
        onMouseDown={(e) => {
          if (e.target === e.currentTarget) props.onClose();
        }}
      >
        <div
          ref={(el) => (panel = el)}
          class="dialog"
          classList={{ wide: props.size === 'wide' }}
          role={props.alert ? 'alertdialog' : 'dialog'}
          aria-modal="true"
          aria-labelledby={titleId}
          tabIndex={-1}
          onKeyDown={onKeyDown}
        >
          <header class="dialog-header">
            <h2 id={titleId}>{props.title}</h2>
            <button
              type="button"
              class="icon-button"
              aria-label="Close dialog"
              onClick={() => props.onClose()}
            >
              ×
            </button>
          </header>
          <div class="dialog-body">{props.children}</div>
          {props.footer && <footer class="dialog-footer">{props.footer}</footer>}
        </div>
      </div>
    </Portal>
  );
}
