/**
 * The row of buttons at the end of a form or a dialog screen (Cancel, Save, Back, Import…): one
 * wrapping row with the same spacing everywhere, instead of a copied inline style per form.
 */
import type { JSX } from 'solid-js';

/** A form's button row. */
export function FormActions(props: { children: JSX.Element }) {
  return <div class="form-actions">{props.children}</div>;
}
