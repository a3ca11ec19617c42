import { describe, expect, it } from 'vitest';
import { createSignal } from 'solid-js';
import { fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { TagEditor } from '../../renderer/src/components/tag-editor';
import { tagCountError, tagKeyError, tagValueError } from '../../renderer/src/lib/rules';
import type { TagView } from '../../shared/ipc/views';
import { renderApp } from './render-app';
import { makeFakeApi, makeServer } from './fake-api';

function renderEditor(initial: TagView[]) {
  const [tags, setTags] = createSignal(initial);
  render(() => <TagEditor tags={tags()} onChange={setTags} />);
  return tags;
}

describe('tag rules', () => {
  it('accepts keys of 1-36 letters, digits, - and _ and CJK; refuses others', () => {
    expect(tagKeyError('env')).toBeUndefined();
    expect(tagKeyError('a-b_C9')).toBeUndefined();
    expect(tagKeyError('环境')).toBeUndefined();
    expect(tagKeyError('x'.repeat(36))).toBeUndefined();
    expect(tagKeyError('x'.repeat(37))).toMatch(/at most 36/);
    expect(tagKeyError('')).toMatch(/empty/);
    expect(tagKeyError('a.b')).toMatch(/letters, digits/);
    expect(tagKeyError('a b')).toMatch(/letters, digits/);
  });

  it('accepts values up to 43 characters, also with dots, and empty', () => {
    expect(tagValueError('')).toBeUndefined();
    expect(tagValueError('v1.2.3')).toBeUndefined();
    expect(tagValueError('x'.repeat(43))).toBeUndefined();
    expect(tagValueError('x'.repeat(44))).toMatch(/at most 43/);
    expect(tagValueError('a/b')).toMatch(/letters, digits/);
  });

  it('counts a replaced key once against the 10-tag limit', () => {
    const nine = Array.from({ length: 9 }, (_, i) => `k${i}`);
    expect(tagCountError(nine, ['k0', 'new'])).toBeUndefined();
    expect(tagCountError(nine, ['new1', 'new2'])).toMatch(/at most 10 tags \(this would make 11\)/);
  });
});

describe('the tag editor', () => {
  it('shows inline errors tied to the field and stops at 10 tags', async () => {
    renderEditor([{ key: 'ok', value: 'fine' }]);
    const key = screen.getByRole('textbox', { name: 'Key 1' });
    fireEvent.input(key, { target: { value: 'bad key!' } });
    await waitFor(() => expect(key.getAttribute('aria-invalid')).toBe('true'));
    const described = document.getElementById(key.getAttribute('aria-describedby')!);
    expect(described?.textContent).toMatch(/letters, digits, - and _/);
    fireEvent.input(screen.getByRole('textbox', { name: 'Value 1' }), { target: { value: 'v'.repeat(44) } });
    expect(screen.getByText('The value must be at most 43 characters.')).toBeTruthy();
    const add = screen.getByRole('button', { name: 'Add tag' }) as HTMLButtonElement;
    for (let i = 0; i < 9; i++) fireEvent.click(add);
    expect(screen.getAllByRole('textbox', { name: /^Key \d+$/ })).toHaveLength(10);
    expect(add.disabled).toBe(true);
    expect(screen.getByText(/The limit is 10 tags/)).toBeTruthy();
  });

  it('flags duplicate keys and removes a row with its named button', () => {
    renderEditor([
      { key: 'env', value: 'a' },
      { key: 'env', value: 'b' },
    ]);
    expect(screen.getByText('This key is already in the list.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag 2 (env)' }));
    expect(screen.queryByText('This key is already in the list.')).toBeNull();
  });
});

describe('batch tagging', () => {
  it('refuses to add tags that would give a server more than 10, naming the server', async () => {
    const nineTags = Array.from({ length: 9 }, (_, i) => ({ key: `k${i}`, value: '' }));
    const api = makeFakeApi({ servers: [makeServer(0, { tags: nineTags }), makeServer(1)] });
    renderApp({ api });
    const grid = await screen.findByRole('grid', { name: 'Servers' });
    await waitFor(() => expect(within(grid).getAllByRole('row')).toHaveLength(3));
    fireEvent.click(within(grid).getByRole('checkbox', { name: 'Select all 2 shown servers' }));
    fireEvent.click(screen.getByRole('button', { name: 'Tags…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Tag 2 servers' });
    fireEvent.input(within(dialog).getByRole('textbox', { name: 'Key 1' }), { target: { value: 'team' } });
    const submit = within(dialog).getByRole('button', { name: 'Add tags' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add tag' }));
    fireEvent.input(within(dialog).getByRole('textbox', { name: 'Key 2' }), { target: { value: 'owner' } });
    expect(within(dialog).getByText(/1 server would have more than 10 tags: web-000\./)).toBeTruthy();
    expect(submit.disabled).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove tag 2 (owner)' }));
    fireEvent.input(within(dialog).getByRole('textbox', { name: 'Value 1' }), { target: { value: 'blue' } });
    fireEvent.click(submit);
    await waitFor(() => expect(api.callsOf('tags.batchAdd')).toHaveLength(1));
    expect(api.callsOf('tags.batchAdd')[0]).toMatchObject({
      ids: ['srv-00000', 'srv-00001'],
      tags: [{ key: 'team', value: 'blue' }],
    });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Tag 2 servers' })).toBeNull());
    await waitFor(() => expect(within(grid).getAllByText(/team=blue/)).toHaveLength(2));
  });
});
