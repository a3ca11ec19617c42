/**
 * The disks part of the create wizard: the system disk's type and size, and up to 23 data disks
 * (sizes in the API's GB, see shared/ipc/schemas.ts). The wizard holds the values and the errors.
 */
import { For, Index } from 'solid-js';
import { Field } from '../../components/field';
import { VOLUME_TYPES } from '../../lib/rules';

/** One data disk of the form. */
export interface DataDiskSpec {
  volumeType: string;
  sizeGb: number;
}

/** The disk fields; `error(key)` gives the inline error of `root` and `data<i>`. */
export function DiskFields(props: {
  id: string;
  rootType: string;
  onRootType(type: string): void;
  rootSize: number;
  onRootSize(size: number): void;
  dataDisks: DataDiskSpec[];
  onDataDisks(disks: DataDiskSpec[]): void;
  error(key: string): string | undefined;
}) {
  const setData = (f: (l: DataDiskSpec[]) => DataDiskSpec[]) => props.onDataDisks(f(props.dataDisks));
  return (
    <fieldset>
      <legend>Disks</legend>
      <div class="form-grid">
        <Field id={`${props.id}-rootType`} label="System disk type">
          <select
            id={`${props.id}-rootType`}
            value={props.rootType}
            onChange={(e) => props.onRootType(e.currentTarget.value)}
          >
            <For each={VOLUME_TYPES}>{(t) => <option value={t}>{t}</option>}</For>
          </select>
        </Field>
        <Field id={`${props.id}-root`} label="System disk size (GB)" error={props.error('root')}>
          <input
            id={`${props.id}-root`}
            type="number"
            min={1}
            max={1024}
            value={props.rootSize}
            onInput={(e) => props.onRootSize(e.currentTarget.valueAsNumber)}
          />
        </Field>
      </div>
      <Index each={props.dataDisks}>
        {(d, i) => (
          <div class="tag-row">
            <Field id={`${props.id}-dt${i}`} label={`Data disk ${i + 1} type`}>
              <select
                id={`${props.id}-dt${i}`}
                value={d().volumeType}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setData((l) => l.map((x, j) => (j === i ? { ...x, volumeType: v } : x)));
                }}
              >
                <For each={VOLUME_TYPES}>{(t) => <option value={t}>{t}</option>}</For>
              </select>
            </Field>
            <Field
              id={`${props.id}-ds${i}`}
              label={`Data disk ${i + 1} size (GB)`}
              error={props.error(`data${i}`)}
            >
              <input
                id={`${props.id}-ds${i}`}
                type="number"
                min={10}
                max={32768}
                value={d().sizeGb}
                onInput={(e) => {
                  const v = e.currentTarget.valueAsNumber;
                  setData((l) => l.map((x, j) => (j === i ? { ...x, sizeGb: v } : x)));
                }}
              />
            </Field>
            <button
              type="button"
              class="icon-button"
              aria-label={`Remove data disk ${i + 1}`}
              onClick={() => setData((l) => l.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
        )}
      </Index>
      <button
        type="button"
        disabled={props.dataDisks.length >= 23}
        onClick={() => setData((l) => [...l, { volumeType: 'SSD', sizeGb: 100 }])}
      >
        Add data disk
      </button>
    </fieldset>
  );
}
