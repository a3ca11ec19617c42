/**
 * Text the user takes away (exported accounts, a new key pair's private key): a labelled,
 * read-only, monospaced text box, and {@link saveTextFile} to save it through the browser's
 * download (Electron shows a save dialog).
 */

/** Props of {@link ReadonlyText}. */
export interface ReadonlyTextProps {
  id: string;
  label: string;
  value: string;
  rows: number;
}

/** A labelled read-only text box the width of its container. */
export function ReadonlyText(props: ReadonlyTextProps) {
  return (
    <>
      <label for={props.id} style={{ display: 'block' }}>
        {props.label}
      </label>
      <textarea
        id={props.id}
        style={{ width: '100%', 'box-sizing': 'border-box' }}
        class="mono"
        readOnly
        rows={props.rows}
        value={props.value}
      />
    </>
  );
}

/** Saves `text` as the file `name`; the object URL lives a while so the download can read it. */
export function saveTextFile(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
