/**
 * A tag list editor enforcing the API's limits inline: at most 10 tags, key 1-36 characters of
 * letters, digits, - and _ (and CJK), value up to 43 characters (also .), no duplicate keys.
 */
import { createUniqueId, Index, Show } from 'solid-js';
import type { TagView } from '../../../shared/ipc/views';
import { MAX_TAGS_PER_SERVER, tagKeyError, tagValueError } from '../lib/rules';

/** Per-row errors of a tag list; `list` is a whole-list error (count). */
export interface TagListErrors {
  rows: { key?: string; value?: string }[];
  list?: string;
}

/** Validates tag rows as the API would (`valueRequired` false lets a remove-by-key leave values empty). */
export function tagListErrors(rows: readonly TagView[], max = MAX_TAGS_PER_SERVER): TagListErrors {
  const seen = new Map<string, number>();
  const out: TagListErrors = {
    rows: rows.map((r, i) => {
      const e: { key?: string; value?: string } = {};
      const ke = tagKeyError(r.key);
      if (ke) e.key = ke;
      else if (seen.has(r.key)) e.key = 'This key is already in the list.';
      seen.set(r.key, i);
      const ve = tagValueError(r.value);
      if (ve) e.value = ve;
      return e;
    }),
  };
  if (rows.length > max) out.list = `At most ${max} tags are allowed.`;
  return out;
}

/** True when {@link tagListErrors} found nothing. */
export function tagListValid(errs: TagListErrors): boolean {
  return !errs.list && errs.rows.every((r) => !r.key && !r.value);
}

/** Props of {@link TagEditor}. */
export interface TagEditorProps {
  tags: TagView[];
  onChange(tags: TagView[]): void;
  /** The most rows allowed (10, the per-server limit). */
  max?: number;
  /** Hides the value inputs (removing by key). */
  keysOnly?: boolean;
  /** Extra error for the whole list (e.g. a server would exceed 10 tags). */
  listError?: string;
  label?: string;
}

/** Edits a list of key/value tags with inline errors. */
export function TagEditor(props: TagEditorProps) {
  const base = createUniqueId();
  const max = () => props.max ?? MAX_TAGS_PER_SERVER;
  const errors = () => tagListErrors(props.tags, max());
  const update = (i: number, field: 'key' | 'value', value: string) =>
    props.onChange(props.tags.map((t, j) => (j === i ? { ...t, [field]: value } : t)));
  return (
    <fieldset class="tag-editor">
      <legend>{props.label ?? 'Tags'}</legend>
      <Index each={props.tags}>
        {(tag, i) => {
          const err = () => errors().rows[i] ?? {};
          return (
            <div class="tag-row">
              <div class="field">
                <label for={`${base}-k${i}`}>Key {i + 1}</label>
                <input
                  id={`${base}-k${i}`}
                  value={tag().key}
                  maxLength={64}
                  aria-invalid={err().key ? 'true' : undefined}
                  aria-describedby={err().key ? `${base}-ke${i}` : undefined}
                  onInput={(e) => update(i, 'key', e.currentTarget.value)}
                />
                <Show when={err().key}>
                  <span id={`${base}-ke${i}`} class="field-error">
                    {err().key}
                  </span>
                </Show>
              </div>
              <Show when={!props.keysOnly}>
                <div class="field">
                  <label for={`${base}-v${i}`}>Value {i + 1}</label>
                  <input
                    id={`${base}-v${i}`}
                    value={tag().value}
                    maxLength={64}
                    aria-invalid={err().value ? 'true' : undefined}
                    aria-describedby={err().value ? `${base}-ve${i}` : undefined}
                    onInput={(e) => update(i, 'value', e.currentTarget.value)}
                  />
                  <Show when={err().value}>
                    <span id={`${base}-ve${i}`} class="field-error">
                      {err().value}
                    </span>
                  </Show>
                </div>
              </Show>
              <button
                type="button"
                class="icon-button"
                aria-label={`Remove tag ${i + 1}${tag().key ? ` (${tag().key})` : ''}`}
                onClick={() => props.onChange(props.tags.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </div>
          );
        }}
      </Index>
      <Show when={errors().list ?? props.listError}>
        <p class="field-error" role="alert">
          {errors().list ?? props.listError}
        </p>
      </Show>
      <button
        type="button"
        disabled={props.tags.length >= max()}
        onClick={() => props.onChange([...props.tags, { key: '', value: '' }])}
      >
        Add tag
      </button>
      <Show when={props.tags.length >= max()}>
        <span class="muted"> The limit is {max()} tags.</span>
      </Show>
    </fieldset>
  );
}
