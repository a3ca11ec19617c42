/**
 * A labelled form field with its inline error, tied to the control with aria-invalid and
 * aria-describedby.
 */
import { createEffect, Show, type JSX } from 'solid-js';

/** Props of {@link Field}: `id` is the id of the control inside. */
export interface FieldProps {
  id: string;
  label: string;
  error?: string;
  children: JSX.Element;
}

/** Wraps one control with its label and error message. */
export function Field(props: FieldProps) {
  let wrapper: HTMLDivElement | undefined;
  createEffect(() => {
    const control = wrapper?.querySelector<HTMLElement>(`[id="${props.id}"]`);
    if (!control) return;
    if (props.error) {
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', `${props.id}-error`);
    } else {
      control.removeAttribute('aria-invalid');
      control.removeAttribute('aria-describedby');
    }
  });
  return (
    <div class="field" ref={(el) => (wrapper = el)}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      <Show when={props.error}>
        <span class="field-error" id={`${props.id}-error`}>
          {props.error}
        </span>
      </Show>
    </div>
  );
}
