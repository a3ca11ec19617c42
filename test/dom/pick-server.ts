/**
 * Drives a ServerPicker (the server combobox) like a user: type, then choose an option.
 */
import { expect } from 'vitest';
import { fireEvent, waitFor, within } from '@solidjs/testing-library';

/** The listbox a combobox input controls. */
export function pickerList(input: HTMLElement): HTMLElement {
  const list = document.getElementById(input.getAttribute('aria-controls') ?? '');
  if (!list) throw new Error('the combobox controls no listbox');
  return list;
}

/** Opens the picker with `query` typed (empty: every server) and returns the options' texts. */
export async function pickerOptions(input: HTMLElement, query = ''): Promise<string[]> {
  fireEvent.input(input, { target: { value: query } });
  if (!query) fireEvent.keyDown(input, { key: 'ArrowDown' });
  await waitFor(() => expect(input.getAttribute('aria-expanded')).toBe('true'));
  return within(pickerList(input))
    .queryAllByRole('option')
    .map((o) => o.textContent ?? '');
}

/** Types `query` and clicks the option whose text starts with `name` (followed by a space). */
export async function pickServer(input: HTMLElement, query: string, name = query): Promise<void> {
  fireEvent.input(input, { target: { value: query } });
  const opt = await waitFor(() => {
    const o = within(pickerList(input))
      .queryAllByRole('option')
      .find((el) => el.textContent?.startsWith(`${name} `));
    if (!o) throw new Error(`no option ${name}`);
    return o;
  });
  fireEvent.click(opt);
  await waitFor(() => expect(input.getAttribute('aria-expanded')).toBe('false'));
}
